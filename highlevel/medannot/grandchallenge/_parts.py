"""The pieces of Grand Challenge's S3-style multipart upload that do no network I/O, shared by both twins.

Where the upload id is kept (resume). A file given by path is uploaded resumably: once the server has created
the upload, a small JSON state file records its pk, S3 upload id, part size and the file it belongs to, in the
client's `resume_dir` (default: `$XDG_CACHE_HOME/medannot/grandchallenge/uploads`, i.e.
`~/.cache/medannot/grandchallenge/uploads`). The state file's name is a hash of the server, the file's absolute
path, its size and its modification time (nanoseconds), so a changed file never resumes into an old upload. The
next upload of the same file (same client or a new process) asks the server which parts it holds
(`list-parts`), checks each against the file on disk (size and MD5 = the part's ETag), and sends only the
others. The state file is removed when the upload completes or is aborted. A file object cannot be resumed (it
has no path or mtime) and is uploaded from its current position, one part at a time.

Generic in shape (presigned part URLs, ETags), but the URLs come from Grand Challenge's own API actions, so this
lives in `medannot.grandchallenge` rather than in the core.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
from collections.abc import AsyncIterator, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, BinaryIO

import httpx

from medannot.errors import BadInput

MiB = 1024 * 1024
DEFAULT_PART_SIZE = 32 * MiB  # gcapi's chunk: one part per 32 MiB, but streamed, never held in memory
S3_MIN_PART = 5 * MiB
S3_MAX_PARTS = 10_000
CHUNK = MiB  # what a part's body reads from disk at a time
STATE_VERSION = 1
_MD5_ETAG = re.compile(r'^"?([0-9a-fA-F]{32})"?$')


def default_resume_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "medannot" / "grandchallenge" / "uploads"


@dataclass(frozen=True)
class PartPlan:
    number: int
    offset: int
    length: int


def plan_parts(size: int, part_size: int) -> list[PartPlan]:
    """Parts of `part_size` bytes (the last one shorter), grown when the file would need more than S3's
    10,000 parts. A 0-byte file is not uploaded (checked before)."""
    part_size = max(part_size, -(-size // S3_MAX_PARTS))
    return [
        PartPlan(n + 1, offset, min(part_size, size - offset)) for n, offset in enumerate(range(0, size, part_size))
    ]


def etag_problem(etag: str | None, md5_hex: str) -> str | None:
    """Why the ETag storage gave for a part does not prove it got the bytes sent, or None. An ETag that is
    not an MD5 (SSE-KMS encrypted buckets) cannot be checked and is accepted."""
    if not etag:
        return "the storage answered without an ETag"
    match = _MD5_ETAG.match(etag.strip())
    if match and match.group(1).lower() != md5_hex:
        return f"the storage's ETag {etag} is not the MD5 of the part sent ({md5_hex})"
    return None


def md5_of_range(path: Path, offset: int, length: int) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as f:
        f.seek(offset)
        remaining = length
        while remaining > 0:
            chunk = f.read(min(CHUNK, remaining))
            if not chunk:
                break
            digest.update(chunk)
            remaining -= len(chunk)
    return digest.hexdigest()


class PartBody(httpx.SyncByteStream, httpx.AsyncByteStream):
    """One part's bytes, read from the file as they are sent (1 MiB at a time), with their MD5; `rewind()` lets
    the transport resend it. A path is opened for each sending (so parts of one file go out concurrently); a
    file object is read from `start + offset` (one part at a time)."""

    def __init__(self, source: Path | BinaryIO, start: int, part: PartPlan) -> None:
        self._source, self._start, self.part = source, start, part
        self._digest = hashlib.md5(usedforsecurity=False)
        self.sent = 0

    @property
    def headers(self) -> dict[str, str]:
        return {"Content-Length": str(self.part.length)}

    @property
    def md5(self) -> str:
        return self._digest.hexdigest()

    def rewind(self) -> None:
        self._digest = hashlib.md5(usedforsecurity=False)
        self.sent = 0

    @contextlib.contextmanager
    def _opened(self) -> Iterator[BinaryIO]:
        if isinstance(self._source, Path):
            with self._source.open("rb") as f:
                yield f
        else:
            yield self._source

    def __iter__(self) -> Iterator[bytes]:
        self.rewind()
        with self._opened() as f:
            f.seek(self._start + self.part.offset)
            remaining = self.part.length
            while remaining > 0:
                chunk = f.read(min(CHUNK, remaining))
                if not chunk:
                    raise OSError(f"the file ended {remaining} bytes early (was it changed while uploading?)")
                remaining -= len(chunk)
                self._digest.update(chunk)
                self.sent += len(chunk)
                yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self:
            yield chunk


@dataclass
class UploadState:
    """What a resumed upload needs: the server's upload, and the file and part size it was started with."""

    server: str
    path: str
    size: int
    mtime_ns: int
    part_size: int
    filename: str
    pk: str
    s3_upload_id: str
    version: int = STATE_VERSION


class StateStore:
    """State files of resumable uploads in one directory (see the module)."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory

    @staticmethod
    def key(server: str, path: Path, size: int, mtime_ns: int) -> str:
        text = json.dumps([server, str(path.resolve()), size, mtime_ns])
        return hashlib.sha256(text.encode()).hexdigest()[:40]

    def _file(self, key: str) -> Path | None:
        return None if self.directory is None else self.directory / f"{key}.json"

    def load(self, key: str) -> UploadState | None:
        file = self._file(key)
        if file is None or not file.is_file():
            return None
        try:
            data: Any = json.loads(file.read_text(encoding="utf-8"))
            state = UploadState(**data)
        except (OSError, ValueError, TypeError):
            self.delete(key)  # unreadable: start over
            return None
        return state if state.version == STATE_VERSION else None

    def save(self, key: str, state: UploadState) -> None:
        file = self._file(key)
        if file is None:
            return
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            tmp = file.with_name(f".{file.name}.{secrets.token_hex(4)}.tmp")
            tmp.write_text(json.dumps(asdict(state)), encoding="utf-8")
            os.replace(tmp, file)
        except OSError as exc:
            raise BadInput(
                f"resume_dir: cannot write the upload's state in {str(file.parent)!r}: {exc.strerror}"
            ) from exc

    def delete(self, key: str) -> None:
        file = self._file(key)
        if file is not None:
            with contextlib.suppress(OSError):
                file.unlink()
