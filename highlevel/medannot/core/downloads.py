"""Atomic streaming downloads: a temporary file in the target directory, verified, then renamed into place.

What counts as a file: a 200 or 206 answer whose body has exactly the announced length. A redirect, a 204, an
empty body or an HTML page where a file was expected is a `ResponseSchemaError` and writes nothing. The file is
saved as served: the raw bytes, never transparently decoded (a `.nii.gz` sent with `Content-Encoding: gzip`
stays gzip), so the announced Content-Length is the length checked.

Destinations (`prepare_destination`, called by the platforms before they send anything): a path that ends
with a separator, or an existing directory, is a directory (created when missing) and the server's file name
(made safe) is used in it; any other path is the file itself, and its directory must exist. An existing file
is never replaced unless the call says `overwrite=True`: by default it is a `medannot.errors.FileExists`
(raised before the request when the name is known, else before a byte is written). Files get the same
permissions as `open()` would give them (0o666 minus the umask), not a temporary file's 0o600.

A dropped connection, a short body or a checksum mismatch leaves nothing behind but the exception.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import httpx

from medannot.core.files import _clip, filename_from_content_disposition, safe_filename, unique_path
from medannot.errors import BadInput, FileExists, ResponseSchemaError

CHUNK = 1024 * 1024
Progress = Callable[[int, int | None], None]  # (bytes done, bytes total if known)
Dest = str | os.PathLike[str]

CONTENT_STATUSES = frozenset({200, 206})
_SEPARATORS = tuple(s for s in (os.sep, os.altsep, "/") if s)


def prepare_destination(dest: Dest, *, overwrite: bool = False, what: str = "dest") -> Path:
    """Check (and for a directory, create) a download's destination before anything is sent.

    A path ending with a separator, or an existing directory, is a directory: it is created (with its
    parents) when missing. Any other path is the file to write: its directory must exist (`BadInput`), and an
    existing file is a `FileExists` unless `overwrite`. Idempotent: calling it again on the result is safe.
    """
    if not isinstance(dest, (str, os.PathLike)) or isinstance(dest, bytes):
        raise BadInput(f"{what} must be a path (str or os.PathLike), not {type(dest).__name__}")
    text = os.fspath(dest)
    if not isinstance(text, str) or not text.strip():
        raise BadInput(f"{what} must be a non-empty path")
    if "\x00" in text:
        raise BadInput(f"{what} contains a NUL character")
    path = Path(text)
    if text.endswith(_SEPARATORS) or path.is_dir():
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BadInput(f"{what}: cannot create directory {text!r}: {exc.strerror}") from exc
        return path
    if not path.parent.is_dir():
        raise BadInput(f"{what}: directory {str(path.parent)!r} does not exist")
    if not overwrite and (path.exists() or path.is_symlink()):
        raise FileExists(path)
    return path


def resolve_target(
    dest: Dest,
    suggested: str | None,
    default: str,
    *,
    overwrite: bool = False,
    rename: bool = False,
    taken: set[Path] | None = None,
    what: str = "dest",
) -> Path:
    """The file to write: `dest` itself, or, when `dest` is a directory, the server's name (`suggested`, made
    safe) else `default` inside it. An existing file is a `FileExists`, unless `rename` (pick a free name,
    `stem-1.ext`, ...) or `overwrite` (replace it). A path in `taken` (used by this call already) is renamed.
    `what` names the argument in `BadInput` messages."""
    path = prepare_destination(dest, overwrite=overwrite or rename, what=what)
    if path.is_dir():
        path = path / safe_filename(suggested or default, safe_filename(default))
    taken = taken if taken is not None else set()
    if path in taken:  # two files of one call never map to one path
        path = unique_path(path, taken)
    elif (path.exists() or path.is_symlink()) and not overwrite:
        if not rename:
            raise FileExists(path)
        path = unique_path(path, taken)
    taken.add(path)
    return path


def _create(tmp_dir: Path, stem: str) -> tuple[int, Path]:
    """A new hidden file created like `open(path, "xb")` would (0o666 minus the umask), not 0o600."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        tmp = tmp_dir / f".{stem}.{secrets.token_hex(6)}.part"
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(tmp_dir))


def _commit(tmp: Path, target: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(tmp, target)
        return
    try:  # a hard link fails if the target appeared meanwhile: no other process's file is ever replaced
        os.link(tmp, target)
    except FileExistsError:
        raise FileExists(target) from None
    except OSError:  # a file system without hard links: check, then rename
        if target.exists() or target.is_symlink():
            raise FileExists(target) from None
        os.replace(tmp, target)
        return
    os.unlink(tmp)


@contextlib.contextmanager
def atomic_file(target: Path, *, overwrite: bool = True) -> Iterator[BinaryIO]:
    """Write to a hidden temporary file beside `target`; rename on success, delete on any failure. With
    `overwrite=False` an existing `target` (even one created while writing) is a `FileExists`.

    Atomic against the process dying at any point (the name appears only with the whole file behind it). Like
    pip, curl and rsync, it does not force the bytes to disk before the rename: that costs about half a
    millisecond per file, and only a crash of the whole machine could show a file whose bytes were lost (the
    command line's `--verify` finds it)."""
    target = Path(target)
    fd, tmp = _create(target.parent, _clip(target.name, 100))
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
        _commit(tmp, target, overwrite)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


# Types a server answers with instead of a file (a login page, an error or status object): refused unless a file of
# that kind is what the caller asked for.
_JSON_FILES = (".json", ".ndjson", ".jsonl", ".geojson")
ANSWER_TYPES: dict[str, tuple[str, ...]] = {
    "text/html": (".html", ".htm"),
    "application/xhtml+xml": (".html", ".htm", ".xhtml"),
    "application/json": _JSON_FILES,
    "application/problem+json": _JSON_FILES,
}


def check_content(response: httpx.Response, target_name: str = "") -> int | None:
    """Raise `ResponseSchemaError` unless `response` carries a file: status 200/206, not empty, not an HTML page
    or a JSON answer (unless such a file is expected). Returns the announced length (None when not announced)."""
    status = response.status_code
    where = _url(response)
    if status not in CONTENT_STATUSES:
        location = response.headers.get("location")
        more = f" to {location!r}" if location and 300 <= status < 400 else ""
        raise ResponseSchemaError(f"expected a file, got status {status}{more} ({where}); nothing was saved")
    announced = _int(response.headers.get("content-length"))
    if announced == 0:
        raise ResponseSchemaError(f"expected a file, got an empty body ({where}); nothing was saved")
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    expected = ANSWER_TYPES.get(content_type)
    if expected is not None and not target_name.lower().endswith(expected):
        kind = "an HTML page" if "html" in content_type else "a JSON answer"
        raise ResponseSchemaError(f"expected a file, got {kind} ({where}); nothing was saved")
    return announced


def _url(response: httpx.Response) -> str:
    from medannot.core.redact import redact_url

    try:
        return f"{response.request.method} {redact_url(response.request.url)}"
    except RuntimeError:  # a response built by hand, with no request
        return "?"


class _Download:
    """The bookkeeping of one download, shared by both twins: target, length and checksum checks, progress."""

    def __init__(
        self, expected: int | None, out: BinaryIO, target: Path, sha256: str | None, progress: Progress | None
    ) -> None:
        self.out, self.target, self._sha256, self._progress = out, target, sha256, progress
        self._expected = expected  # raw bytes: the body is saved as served, so Content-Length is its size
        self._digest = hashlib.sha256()
        self._written = 0

    def write(self, chunk: bytes) -> None:
        if self._expected is not None and self._written + len(chunk) > self._expected:
            announced = self._expected
            raise ResponseSchemaError(f"download of {self.target.name} is longer than the {announced} bytes announced")
        self.out.write(chunk)
        self._digest.update(chunk)
        self._written += len(chunk)
        if self._progress is not None:
            self._progress(self._written, self._expected)

    def verify(self) -> None:
        if self._expected is not None and self._written != self._expected:
            raise ResponseSchemaError(
                f"download of {self.target.name} ended at {self._written} of {self._expected} bytes"
            )
        if self._written == 0:
            raise ResponseSchemaError(f"download of {self.target.name}: the server sent an empty body")
        if self._sha256 is not None and self._digest.hexdigest() != self._sha256.lower():
            raise ResponseSchemaError(f"checksum mismatch for {self.target.name}")


@contextlib.contextmanager
def _download(
    response: httpx.Response,
    dest: Dest,
    default_name: str,
    sha256: str | None,
    progress: Progress | None,
    overwrite: bool,
    rename: bool,
) -> Iterator[_Download]:
    suggested = filename_from_content_disposition(response.headers.get("content-disposition"))
    target = resolve_target(dest, suggested, default_name, overwrite=overwrite, rename=rename)
    expected = check_content(response, target.name)
    with atomic_file(target, overwrite=overwrite) as out:
        download = _Download(expected, out, target, sha256, progress)
        yield download
        download.verify()


def save_response(
    response: httpx.Response,
    dest: Dest,
    *,
    default_name: str = "download.bin",
    sha256: str | None = None,
    progress: Progress | None = None,
    overwrite: bool = False,
    rename: bool = False,
) -> Path:
    """Stream an (unread) response body, as served, to `dest` (a directory, or a file path); returns the path.

    `overwrite`: replace an existing file (default: `FileExists`); `rename`: save under a free name instead
    (`stem-1.ext`). Raises `ResponseSchemaError` for anything that is not a file (see the module), a short or
    long body or a checksum mismatch, `TransportError` for a dropped connection; nothing is left behind then."""
    with _download(response, dest, default_name, sha256, progress, overwrite, rename) as download:
        for chunk in response.iter_raw(CHUNK):
            download.write(chunk)
    return download.target


async def asave_response(
    response: httpx.Response,
    dest: Dest,
    *,
    default_name: str = "download.bin",
    sha256: str | None = None,
    progress: Progress | None = None,
    overwrite: bool = False,
    rename: bool = False,
) -> Path:
    """The async twin of `save_response` (the file is written in the event loop: 1 MiB writes to local disk)."""
    with _download(response, dest, default_name, sha256, progress, overwrite, rename) as download:
        async for chunk in response.aiter_raw(CHUNK):
            download.write(chunk)
    return download.target


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
