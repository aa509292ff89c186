"""A scripted HTTP/1.1 server on a real loopback socket, for the reliability tests.

`httpx.MockTransport` reads (and caches) a request body before the handler sees it, so a body that cannot be
sent twice looks fine there. Here every request body really crosses a socket, the server journals what it
received, and each answer is scripted: `Reply(...)` objects consumed in order, then `default`.
"""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import TracebackType


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    #: bytes of `body` to send before dropping the connection (None: the whole body)
    cut_after: int | None = None
    #: announce this Content-Length instead of len(body) (None: len(body); -1: no Content-Length)
    content_length: int | None = None


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes  # empty when the server was told not to keep bodies
    size: int = 0
    sha256: str = ""


Script = Callable[[Received], Reply]


class LoopbackServer:
    """`with LoopbackServer([Reply(503), Reply(200, b"{}")]) as server:` ... `server.url`, `server.received`."""

    def __init__(
        self, replies: list[Reply] | Script | None = None, default: Reply | None = None, *, keep_bodies: bool = True
    ) -> None:
        self.keep_bodies = keep_bodies
        self._replies = replies if callable(replies) else list(replies or [])
        self._default = default or Reply(200, b"{}", {"Content-Type": "application/json"})
        self.received: list[Received] = []
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # quiet
                pass

            def _handle(self) -> None:
                import hashlib

                length = int(self.headers.get("Content-Length") or 0)
                digest, kept, left = hashlib.sha256(), [], length
                while left > 0:
                    piece = self.rfile.read(min(left, 65536))
                    if not piece:
                        break
                    left -= len(piece)
                    digest.update(piece)
                    if owner.keep_bodies:
                        kept.append(piece)
                headers = {k.lower(): v for k, v in self.headers.items()}
                got = Received(self.command, self.path, headers, b"".join(kept), length - left, digest.hexdigest())
                owner.received.append(got)
                reply = owner._next(got)
                self.send_response(reply.status)
                headers = dict(reply.headers)
                if reply.content_length != -1:
                    announced = len(reply.body) if reply.content_length is None else reply.content_length
                    headers.setdefault("Content-Length", str(announced))
                else:
                    headers["Connection"] = "close"
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                if self.command == "HEAD":
                    return
                if reply.cut_after is not None:
                    self.wfile.write(reply.body[: reply.cut_after])
                    self.wfile.flush()
                    self.close_connection = True
                    import socket

                    with contextlib.suppress(OSError):
                        self.connection.shutdown(socket.SHUT_RDWR)
                    return
                self.wfile.write(reply.body)
                if reply.content_length == -1:
                    self.close_connection = True

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_PATCH = _handle

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def _next(self, got: Received) -> Reply:
        if callable(self._replies):
            return self._replies(got)
        return self._replies.pop(0) if self._replies else self._default

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> LoopbackServer:
        self._thread.start()
        return self

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


def multipart_file(body: bytes, content_type: str, name: str) -> bytes:
    """The content of the form part `name` of a multipart/form-data request body."""
    from python_multipart.multipart import parse_options_header

    _, options = parse_options_header(content_type)
    boundary = b"--" + options[b"boundary"]
    for part in body.split(boundary):
        head, _, rest = part.partition(b"\r\n\r\n")
        if f'name="{name}"'.encode() in head:
            return rest.removesuffix(b"\r\n")
    raise KeyError(name)


def chunks(data: bytes, size: int) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]
