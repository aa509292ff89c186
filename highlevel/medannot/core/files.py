"""File inputs (`str | PathLike | BinaryIO`) and safe file names, checked before any request is sent."""

from __future__ import annotations

import contextlib
import io
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Union

from medannot.errors import BadInput

FileInput = Union[str, "os.PathLike[str]", BinaryIO]

_UNSAFE = re.compile(r"[^A-Za-z0-9._+-]+")


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
    yield OpenedFile(source, safe_filename(getattr(source, "name", "") or "upload.bin"), size)


def safe_filename(name: str, default: str = "download.bin") -> str:
    """A base name that cannot escape a directory: no separators, no '..', no control characters."""
    name = unicodedata.normalize("NFKC", str(name)).replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip("._")
    return name[:200] or default


def filename_from_content_disposition(value: str | None) -> str | None:
    """The (RFC 6266/5987) file name in a Content-Disposition header, reduced to a safe base name."""
    if not value:
        return None
    from email.message import Message

    message = Message()
    message["content-disposition"] = value
    raw = message.get_filename()
    return safe_filename(raw) if raw else None
