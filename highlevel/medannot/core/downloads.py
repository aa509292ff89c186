"""Atomic streaming downloads: a temporary file in the target directory, verified, then renamed into place.

A dropped connection, a short body or a checksum mismatch leaves nothing behind but the exception.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import httpx

from medannot.core.files import filename_from_content_disposition, safe_filename
from medannot.core.transport import translate_transport_errors
from medannot.errors import BadInput, ResponseSchemaError

CHUNK = 1024 * 1024
Progress = Callable[[int, int | None], None]  # (bytes done, bytes total if known)


def resolve_target(dest: str | os.PathLike[str], suggested: str | None, default: str) -> Path:
    """`dest` is a directory (the file name comes from the server, made safe) or a file path."""
    dest = Path(dest)
    if dest.is_dir():
        return dest / safe_filename(suggested or default, default)
    if not dest.parent.is_dir():
        raise BadInput(f"directory {str(dest.parent)!r} does not exist")
    return dest


@contextlib.contextmanager
def atomic_file(target: Path) -> Iterator[BinaryIO]:
    """Write to a hidden temporary file beside `target`; rename on success, delete on any failure."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def save_response(
    response: httpx.Response,
    dest: str | os.PathLike[str],
    *,
    default_name: str = "download.bin",
    sha256: str | None = None,
    progress: Progress | None = None,
) -> Path:
    """Stream an (unread) response body to `dest`; returns the final path."""
    suggested = filename_from_content_disposition(response.headers.get("content-disposition"))
    target = resolve_target(dest, suggested, default_name)
    encoded = "content-encoding" in response.headers
    expected = None if encoded else _int(response.headers.get("content-length"))
    digest = hashlib.sha256()
    written = 0
    with atomic_file(target) as out, translate_transport_errors():
        chunks = response.iter_bytes(CHUNK) if encoded else response.iter_raw(CHUNK)
        for chunk in chunks:
            out.write(chunk)
            digest.update(chunk)
            written += len(chunk)
            if progress is not None:
                progress(written, expected)
        if expected is not None and written != expected:
            raise ResponseSchemaError(f"download of {target.name} ended at {written} of {expected} bytes")
        if sha256 is not None and digest.hexdigest() != sha256.lower():
            raise ResponseSchemaError(f"checksum mismatch for {target.name}")
    return target


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
