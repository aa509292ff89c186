"""Streaming multipart/form-data bodies: files are read as they are sent, never held whole in memory.

Compared with httpx's own multipart (64 KiB reads, and openapi-python-client's fixed `+++` boundary), this
sends small files as one piece, reads large ones in 1 MiB chunks, uses a random boundary, states the
Content-Length, reports progress and can rewind for a retry.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass

import httpx

from medannot.core.files import OpenedFile

CHUNK = 1024 * 1024

Progress = Callable[[int, int], None]  # (bytes done, bytes total)


@dataclass
class FilePart:
    """One file of a form. `content_type` None: from the file name, by medannot's fixed table
    (`medannot.core.mime`), the same on every host."""

    name: str
    file: OpenedFile
    content_type: str | None = None

    def __post_init__(self) -> None:
        if self.content_type is None:
            from medannot.core.mime import content_type

            self.content_type = content_type(self.file.name)


def _quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


class MultipartBody(httpx.SyncByteStream, httpx.AsyncByteStream):
    """Text fields then file parts, as one rewindable stream with a known length, for sync and async clients
    (files are read in the event loop: 1 MiB reads from local disk). Attach it with `session.build(body=...)`
    so a retry or a re-login reaches `rewind`."""

    def __init__(self, fields: Sequence[tuple[str, str]], files: Sequence[FilePart], progress: Progress | None = None):
        self.boundary: str = secrets.token_hex(16)
        self._files = list(files)
        self._starts = [f.file.stream.tell() for f in self._files]
        self._progress = progress
        head = b"".join(
            f'--{self.boundary}\r\nContent-Disposition: form-data; name="{_quote(k)}"\r\n\r\n'.encode()
            + v.encode()
            + b"\r\n"
            for k, v in fields
        )
        self._heads = [
            (
                f'--{self.boundary}\r\nContent-Disposition: form-data; name="{_quote(p.name)}"; '
                f'filename="{_quote(p.file.name)}"\r\nContent-Type: {p.content_type}\r\n\r\n'
            ).encode()
            for p in self._files
        ]
        self._fields = head
        self._tail = f"--{self.boundary}--\r\n".encode()
        parts = sum(len(h) + f.file.size + 2 for h, f in zip(self._heads, self._files, strict=True))
        self.length: int = len(head) + parts + len(self._tail)

    @property
    def headers(self) -> dict[str, str]:
        return {"Content-Type": f"multipart/form-data; boundary={self.boundary}", "Content-Length": str(self.length)}

    def rewind(self) -> None:
        for part, start in zip(self._files, self._starts, strict=True):
            part.file.stream.seek(start)

    def __iter__(self) -> Iterator[bytes]:
        # Small pieces (headers, small files) are gathered and sent as one write; a full chunk is sent as read,
        # never copied into a bigger buffer.
        done = 0
        pending: list[bytes] = [self._fields]
        pending_size = len(self._fields)
        for head, part in zip(self._heads, self._files, strict=True):
            pending.append(head)
            pending_size += len(head)
            remaining = part.file.size
            while remaining > 0:
                chunk = part.file.stream.read(min(CHUNK, remaining))
                if not chunk:
                    raise OSError(f"{part.file.name} ended {remaining} bytes early (was it changed while sending?)")
                remaining -= len(chunk)
                if pending_size + len(chunk) <= CHUNK:
                    pending.append(chunk)
                    pending_size += len(chunk)
                    continue
                if pending:
                    yield b"".join(pending)
                yield chunk
                done += pending_size + len(chunk)
                self._report(done)
                pending, pending_size = [], 0
            pending.append(b"\r\n")
            pending_size += 2
        pending.append(self._tail)
        yield b"".join(pending)
        self._report(done + pending_size + len(self._tail))

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self:
            yield chunk

    def _report(self, done: int) -> None:
        if self._progress is not None:
            self._progress(done, self.length)
