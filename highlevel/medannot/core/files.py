"""File inputs (`str | PathLike | BinaryIO`) and safe file names, checked before any request is sent."""

from __future__ import annotations

import contextlib
import io
import os
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Union

from medannot.errors import BadInput

FileInput = Union[str, "os.PathLike[str]", BinaryIO]


@dataclass
class OpenedFile:
    stream: BinaryIO
    name: str  # base name sent to the server
    size: int  # bytes from the current position to the end


@contextlib.contextmanager
def open_file_input(source: FileInput, *, what: str = "file") -> Iterator[OpenedFile]:
    """Open a path (closed afterwards) or take a binary file object (left open); size it without reading it."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.is_file():
            raise BadInput(f"{what} {str(path)!r} does not exist or is not a regular file")
        try:
            stream = path.open("rb")
        except OSError as exc:
            raise BadInput(f"{what} {str(path)!r} cannot be read: {exc.strerror}") from exc
        with stream:
            yield OpenedFile(stream, path.name, os.fstat(stream.fileno()).st_size)
        return
    if isinstance(source, io.TextIOBase) or not hasattr(source, "read"):
        raise BadInput(f"{what} must be a path or a binary file object, not {type(source).__name__}")
    try:
        start = source.tell()
        size = source.seek(0, os.SEEK_END) - start
        source.seek(start)
    except (OSError, AttributeError, io.UnsupportedOperation) as exc:
        raise BadInput(f"{what} must be seekable (so its size is known and a retry can resend it)") from exc
    name = getattr(source, "name", None)
    name = name if isinstance(name, str) and name else "upload.bin"
    yield OpenedFile(source, safe_filename(name, "upload.bin"), size)


def safe_filename(name: str, default: str = "download.bin") -> str:
    """A base name that cannot escape a directory and means the same on every file system.

    NFC-normalised; only the part after the last `/` or `\\` is kept; letters, marks and digits of any script
    are kept (`肝臓.nii.gz` stays itself, so two images never collapse into one `nii.gz`), as are `. _ + -`;
    any other run of characters (separators, control characters, spaces, `<>:"|?*`) becomes one `_`; leading
    and trailing dots and underscores are dropped (no hidden files, no `..`); Windows device names get a `_`
    prefix; at most `MAX_NAME_BYTES` bytes of UTF-8, the suffix kept. Empty after all that: `default`.
    """
    text = unicodedata.normalize("NFC", str(name)).replace("\\", "/").rsplit("/", 1)[-1]
    out: list[str] = []
    for char in text:
        if char in "._+-" or unicodedata.category(char)[0] in "LMN":
            out.append(char)
        elif not out or out[-1] != "_":
            out.append("_")
    cleaned = "".join(out).strip("._")
    if cleaned.split(".", 1)[0].upper() in _WINDOWS_DEVICES:
        cleaned = "_" + cleaned
    cleaned = _clip(cleaned, MAX_NAME_BYTES)
    return cleaned or default


MAX_NAME_BYTES = 200  # file systems allow 255 bytes; the rest is room for a temporary file's prefix and suffix
_WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
)


def _clip(name: str, limit: int) -> str:
    """At most `limit` bytes of UTF-8, cut in the stem so the suffix (`.nii.gz`) survives."""
    if len(name.encode()) <= limit:
        return name
    from medannot.core.mime import suffix

    tail = suffix(name)
    tail = tail if len(tail.encode()) < limit // 2 else ""
    stem = name[: len(name) - len(tail)] if tail else name
    room = limit - len(tail.encode())
    stem = stem.encode()[:room].decode("utf-8", errors="ignore").rstrip("._")
    return stem + tail


def unique_path(path: Path, taken: set[Path] | None = None) -> Path:
    """`path`, or the first of `stem-1.ext`, `stem-2.ext`, ... that neither exists nor is in `taken`."""
    from medannot.core.mime import suffix

    if not path.exists() and path not in (taken or set()):
        return path
    tail = suffix(path.name)
    stem = path.name[: len(path.name) - len(tail)] if tail else path.name
    for number in range(1, 100_000):
        candidate = path.with_name(f"{stem}-{number}{tail}")
        if not candidate.exists() and candidate not in (taken or set()):
            return candidate
    raise BadInput(f"no free file name like {path.name!r} in {str(path.parent)!r}")


def filename_from_content_disposition(value: str | None) -> str | None:
    """The (RFC 6266/5987) file name in a Content-Disposition header, reduced to a safe base name."""
    if not value:
        return None
    from email.message import Message

    message = Message()
    message["content-disposition"] = value
    raw = message.get_filename()
    return safe_filename(raw) if raw else None


@contextlib.contextmanager
def open_upload(source: object, *, what: str = "file") -> Iterator[OpenedFile]:
    """`open_file_input` for a file that is sent: it must also hold at least one byte (a 0-byte image or label
    is a mistake a server stores without a word), and a file object must be open, readable and binary.
    `BadInput` naming `what` otherwise, before anything is sent."""
    if isinstance(source, (str, os.PathLike)):
        text = os.fspath(source)
        if not isinstance(text, str) or not text.strip():
            raise BadInput(f"{what} must be a non-empty path (str or os.PathLike), not {type(text).__name__}")
        if "\x00" in text:
            raise BadInput(f"{what} contains a NUL character")
    elif isinstance(source, (bytes, bytearray, memoryview)) or not hasattr(source, "read"):
        raise BadInput(f"{what} must be a path or a binary file object, not {type(source).__name__}")
    elif not isinstance(source, io.TextIOBase):
        if getattr(source, "closed", False):
            raise BadInput(f"{what} is a closed file")
        readable = getattr(source, "readable", None)
        try:
            unreadable = callable(readable) and not readable()
        except (OSError, ValueError):
            unreadable = True
        if unreadable:
            raise BadInput(f"{what} is not open for reading")
    with open_file_input(source, what=what) as opened:  # type: ignore[arg-type]
        if opened.size <= 0:
            raise BadInput(f"{what} is empty (0 bytes): nothing to upload")
        yield opened
