"""A fault-injecting HTTP/1.1 proxy on 127.0.0.1: real sockets between a client and an (emulated) server.

    with FaultProxy(emulator.url) as proxy:
        client = Client(proxy.url)
        proxy.inject(FAULTS["reset-after-upstream"](Match("PUT", "/datastore/image")))
        ...
        proxy.count("PUT", "/datastore/image")      # requests that reached the server
        proxy.received("PUT", "/datastore/image")   # requests whose head reached the proxy
        proxy.clear()                               # no fault from now on (refused connections are accepted again)

It knows nothing of any platform. It parses each request (head, then a Content-Length or chunked body) on
keep-alive connections from the client, and forwards it on a fresh `Connection: close` connection to the
upstream server, whose answer it reads whole (small test answers) and re-frames with a Content-Length. A fault
armed with `inject` hits the next `times` requests that match; the others pass through. `httpx.MockTransport`
cannot show what this shows: a body that must be sent again after a reset, a response cut short on the wire,
a server that never answers.

Over TLS (`tls=(certfile, keyfile)`), the proxy terminates TLS as a load balancer does and re-encrypts to an
https upstream (`upstream_ca` verifies it): the client keeps talking https, every fault still applies at the
HTTP level, and a reset is a TCP reset under the TLS session. `preserve_host=True` forwards the client's Host
header, so a server that builds absolute URLs from it (next links, presigned URLs, redirects) points them at
the proxy, as a server behind a real gateway does.
"""

from __future__ import annotations

import contextlib
import dataclasses
import http
import http.client
import os
import select
import socket
import ssl
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import BinaryIO, Literal
from urllib.parse import urlsplit

Action = Literal[
    "refuse",  # the port is closed: connections are refused until `clear()`
    "close-at-accept",  # connections are accepted and reset at once, before anything is read
    "reset-before-body",  # the request head is read, then the connection is reset
    "reset-during-body",  # about half of the request body is read, then the connection is reset
    "reset-after-upstream",  # the whole request reaches the server; the client's connection is reset, no answer
    "truncate",  # the server's answer is sent with its Content-Length but only half its body, then closed
    "stall",  # the request reaches the server; its answer is held until the client gives up
    "respond",  # the proxy answers itself (status, headers, body), like a gateway; the server sees nothing
    "rewrite",  # the request reaches the server; its answer is changed on the way back
]
BODY_HEAD = 65536
AUTH_BOUNCES = frozenset({301, 302, 303, 307, 308, 401})
CONNECTION_ACTIONS = frozenset({"refuse", "close-at-accept"})
HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "content-length"}
)


@dataclass(frozen=True)
class Answer:
    """An HTTP answer as the proxy sends it (headers in order; Content-Length is added unless given)."""

    status: int
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    reason: str = ""

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def without(self, *names: str) -> tuple[tuple[str, str], ...]:
        lowered = {n.lower() for n in names}
        return tuple((k, v) for k, v in self.headers if k.lower() not in lowered)


Rewrite = Callable[[Answer], Answer]


@dataclass(frozen=True)
class Match:
    """Which requests a fault hits: `method` (None: any) and `path` (None: any; a trailing `*` matches a
    prefix). The path is compared without the query string; `query`, when given, must occur in it."""

    method: str | None = None
    path: str | None = None
    body: bytes | None = None  # the body must contain this (e.g. b"mutation CreateDataset" on one GraphQL URL)
    query: str | None = None  # the query string must contain this (e.g. "offset=2": a listing's second page)

    def __call__(self, method: str, path: str, body: bytes | None = None, query: str | None = None) -> bool:
        if self.method is not None and method.upper() != self.method.upper():
            return False
        if self.body is not None and (body is None or self.body not in body):
            return False
        if self.query is not None and (query is None or self.query not in query):
            return False
        if self.path is None:
            return True
        if self.path.endswith("*"):
            return path.startswith(self.path[:-1])
        return path == self.path

    def head_matches(self, method: str, path: str, query: str | None = None) -> bool:
        return self(method, path, self.body, query)

    def __str__(self) -> str:
        shown = f"{self.method or '*'} {self.path or '*'}" + (f"?*{self.query}*" if self.query else "")
        return shown + (f" [{self.body!r}]" if self.body else "")


@dataclass(frozen=True)
class Fault:
    """One kind of failure, for the next `times` matching requests (connections, for the connection actions)."""

    name: str
    action: Action
    match: Match = field(default_factory=Match)
    times: int = 1
    answer: Answer | None = None  # for "respond"
    rewrite: Rewrite | None = None  # for "rewrite"

    def on(self, match: Match) -> Fault:
        return dataclasses.replace(self, match=match)

    @property
    def forwards(self) -> bool:
        """Whether a request hit by this fault reaches the upstream server."""
        return self.action in ("reset-after-upstream", "truncate", "stall", "rewrite")


@dataclass
class RequestRecord:
    """One request whose head reached the proxy."""

    method: str
    path: str
    query: str
    content_length: int | None
    body_head: bytes = b""  # the first BODY_HEAD bytes of the body the proxy read (all, or part of it)
    fault: str | None = None
    forwarded: bool = False  # the whole request was sent to the upstream server
    status: int | None = None  # what the client was sent, if anything

    @property
    def identity(self) -> tuple[str, str, str, int | None]:
        """What a resend of the same request shares (method, path, query, body length)."""
        return (self.method, self.path, self.query, self.content_length)


@dataclass
class _Armed:
    fault: Fault
    remaining: int


class _ClientGone(Exception):
    pass


class FaultProxy:
    """A threaded loopback proxy to `upstream` (an http:// or https:// URL). Use it as a context manager; `url`
    is its address. `stall_limit` bounds how long a stalled answer is held (the client normally gives up first);
    `receive_buffer` caps the kernel's buffer for what clients send, so that a reset during a large request
    body meets a client that is still writing it. `tls` (certificate chain and key files) makes the proxy
    speak https to its clients; `upstream_ca` is the CA bundle that verifies an https upstream;
    `preserve_host` forwards the client's Host header instead of the upstream's address."""

    def __init__(
        self,
        upstream: str,
        *,
        stall_limit: float = 10.0,
        upstream_timeout: float = 30.0,
        receive_buffer: int | None = 32768,
        tls: tuple[str | os.PathLike[str], str | os.PathLike[str]] | None = None,
        upstream_ca: str | os.PathLike[str] | None = None,
        preserve_host: bool = False,
    ) -> None:
        parts = urlsplit(upstream)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"upstream must be an http:// or https:// URL, not {upstream!r}")
        self.upstream_host = parts.hostname
        self.upstream_port = parts.port or (443 if parts.scheme == "https" else 80)
        self.upstream_prefix = parts.path.rstrip("/")
        self._upstream_tls: ssl.SSLContext | None = None
        if parts.scheme == "https":
            self._upstream_tls = ssl.create_default_context(
                cafile=os.fspath(upstream_ca) if upstream_ca is not None else None
            )
        self._tls: ssl.SSLContext | None = None
        if tls is not None:
            self._tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            self._tls.load_cert_chain(os.fspath(tls[0]), os.fspath(tls[1]))
        self.preserve_host = preserve_host
        self.stall_limit = stall_limit
        self.upstream_timeout = upstream_timeout
        self.receive_buffer = receive_buffer
        self._lock = threading.Lock()
        self._armed: list[_Armed] = []
        self._refusing = False
        self._records: list[RequestRecord] = []
        self._connections: set[socket.socket] = set()
        self._in_flight = 0  # requests whose head was read and whose handling is not finished
        self._generation = 0  # bumped by clear(): stalled answers of an older generation are dropped
        self._listener: socket.socket | None = None
        self._accepting: threading.Thread | None = None
        self._stop_accepting = threading.Event()
        self._closed = False
        self._threads: list[threading.Thread] = []
        self.port = 0

    # --- lifecycle ---------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"{'https' if self._tls is not None else 'http'}://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        self._listen()
        return self

    def close(self) -> None:
        self._closed = True
        with self._lock:
            self._generation += 1
        self._stop_listening()
        self._drop_connections()
        for thread in self._threads:
            thread.join(timeout=2)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # --- faults and counts -------------------------------------------------------------------------
    def inject(self, fault: Fault) -> None:
        """Arm a fault (several may be armed; the first that matches a request wins). A connection fault also
        drops the client's idle keep-alive connections, so the next request needs a new one."""
        with self._lock:
            if fault.action == "refuse":
                self._refusing = True
            else:
                self._armed.append(_Armed(fault, fault.times))
        if fault.action in CONNECTION_ACTIONS:
            self._drop_connections()
            if fault.action == "refuse":
                self._stop_listening()

    def clear(self) -> None:
        """Disarm every fault, release stalled answers (their connections are closed) and accept again."""
        with self._lock:
            self._armed.clear()
            self._generation += 1
            refusing, self._refusing = self._refusing, False
        if refusing and not self._closed:
            self._listen()

    def reset_counts(self) -> None:
        with self._lock:
            self._records.clear()

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Wait until no request is being handled (one its client gave up on, e.g. cancelled with the rest of a
        bulk call, has reached the server or been dropped); idle keep-alive connections do not count. False if
        `timeout` passed first. Call it before arranging the server's state for the next case."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if self._in_flight == 0:
                    return True
            time.sleep(0.005)
        return False

    @property
    def records(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._records)

    def count(self, method: str, path: str) -> int:
        """Requests to (method, path) that reached the upstream server (a trailing `*` matches a prefix)."""
        match = Match(method, path)
        return sum(1 for r in self.records if r.forwarded and match(r.method, r.path))

    def received(self, method: str, path: str) -> int:
        """Requests to (method, path) whose head reached the proxy, whatever happened to them then."""
        match = Match(method, path)
        return sum(1 for r in self.records if match(r.method, r.path))

    def resends(self, once: Match | Callable[[RequestRecord], bool]) -> dict[tuple[str, str, str, int | None], int]:
        """Requests that must be sent once but reached the proxy more than once with the same method, path, query
        and body length. `once` is a Match, or a predicate on a record (e.g. "its body is a GraphQL mutation");
        a resend counts if any record of the same identity satisfies it (a request reset before its body was
        read has no body to look at)."""
        records = self.records
        test = (lambda r: once(r.method, r.path, r.body_head, r.query)) if isinstance(once, Match) else once
        flagged = {r.identity for r in records if test(r)}
        # an attempt turned back by an auth layer (401, a redirect to a login page) before reaching the server may
        # be sent again after logging in; every other attempt counts
        seen = Counter(
            r.identity for r in records if r.identity in flagged and (r.forwarded or r.status not in AUTH_BOUNCES)
        )
        return {identity: n for identity, n in seen.items() if n > 1}

    # --- accepting ---------------------------------------------------------------------------------
    def _listen(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if self.receive_buffer:  # inherited by accepted sockets: a big body is still being written when reset
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, self.receive_buffer)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        self._stop_accepting = threading.Event()
        self._accepting = self._spawn(self._accept_loop, listener, self._stop_accepting)

    def _stop_listening(self) -> None:
        self._stop_accepting.set()
        if self._accepting is not None:
            self._accepting.join(timeout=2)
            self._accepting = None
        if self._listener is not None:
            self._listener.close()  # pending connections in the backlog are reset; new ones refused
            self._listener = None

    def _accept_loop(self, listener: socket.socket, stop: threading.Event) -> None:
        while not stop.is_set():
            ready, _, _ = select.select([listener], [], [], 0.02)
            if not ready or stop.is_set():
                continue
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            if self._take_connection_fault():
                _reset(conn)
                continue
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if self._tls is not None:  # no I/O here: the handshake happens on the connection's own thread
                conn = self._tls.wrap_socket(conn, server_side=True, do_handshake_on_connect=False)
            with self._lock:
                self._connections.add(conn)
            self._spawn(self._serve, conn)

    def _spawn(self, target: Callable[..., None], *args: object) -> threading.Thread:
        thread = threading.Thread(target=target, args=args, daemon=True, name=f"fault-proxy-{target.__name__}")
        thread.start()
        self._threads = [t for t in self._threads if t.is_alive()]
        self._threads.append(thread)
        return thread

    def _drop_connections(self) -> None:
        with self._lock:
            connections, self._connections = list(self._connections), set()
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def _take_connection_fault(self) -> bool:
        with self._lock:
            for armed in self._armed:
                if armed.fault.action == "close-at-accept" and armed.remaining > 0:
                    armed.remaining -= 1
                    return True
        return False

    def _take_request_fault(self, method: str, path: str, body: bytes | None, query: str = "") -> Fault | None:
        """The first armed fault for this request. Without the body (None), faults that look at the body are
        skipped; `_wants_body` says whether reading the body first could arm one."""
        with self._lock:
            for armed in self._armed:
                fault = armed.fault
                if fault.action in CONNECTION_ACTIONS or armed.remaining <= 0:
                    continue
                if not fault.match(method, path, body, query):
                    continue
                armed.remaining -= 1
                return fault
        return None

    def _wants_body(self, method: str, path: str, query: str = "") -> bool:
        with self._lock:
            return any(
                a.remaining > 0 and a.fault.match.body is not None and a.fault.match.head_matches(method, path, query)
                for a in self._armed
            )

    # --- one client connection ---------------------------------------------------------------------
    def _serve(self, conn: socket.socket) -> None:
        try:
            if isinstance(conn, ssl.SSLSocket):
                conn.settimeout(self.upstream_timeout)
                conn.do_handshake()
                conn.settimeout(None)
            rfile = conn.makefile("rb")
        except OSError:
            with self._lock:
                self._connections.discard(conn)
            with contextlib.suppress(OSError):
                conn.close()
            return
        try:
            while True:
                head = _read_head(rfile)
                if head is None:
                    return
                request_line, headers = head
                method, target, _version = request_line.split(" ", 2)
                path, _, query = target.partition("?")
                length = _int(_header(headers, "content-length"))
                record = RequestRecord(method.upper(), path, query, length)
                fault = self._take_request_fault(record.method, path, None, query)
                body = None
                if fault is None and self._wants_body(record.method, path, query):
                    # a fault aimed by body content: the body is read first, so "reset before/during the
                    # body" becomes "reset after reading it, without forwarding"
                    body = _read_body(rfile, headers)
                    record.body_head = body[:BODY_HEAD]
                    fault = self._take_request_fault(record.method, path, body, query)
                record.fault = fault.name if fault else None
                with self._lock:
                    self._records.append(record)
                    self._in_flight += 1
                try:
                    handled = self._handle(conn, rfile, record, headers, fault, body)
                finally:
                    with self._lock:
                        self._in_flight -= 1
                if not handled:
                    return
                if (_header(headers, "connection") or "").lower() == "close":
                    return
        except (OSError, ValueError, _ClientGone, http.client.HTTPException):
            return
        finally:
            with self._lock:
                self._connections.discard(conn)
            with contextlib.suppress(OSError):
                rfile.close()
            with contextlib.suppress(OSError):
                conn.close()

    def _handle(
        self,
        conn: socket.socket,
        rfile: BinaryIO,
        record: RequestRecord,
        headers: list[tuple[str, str]],
        fault: Fault | None,
        body: bytes | None,
    ) -> bool:
        """Serve one request (its body already read, or None); False when the connection is finished."""
        action = fault.action if fault else None
        if action == "reset-before-body":
            _reset(conn, rfile)
            return False
        if action == "reset-during-body":
            if body is None:
                record.body_head = _read_some_body(rfile, headers)[:BODY_HEAD]
            _reset(conn, rfile)
            return False
        if body is None:
            body = _read_body(rfile, headers)
            record.body_head = body[:BODY_HEAD]
        if fault is not None and action == "respond":
            assert fault.answer is not None
            record.status = fault.answer.status
            _send(conn, fault.answer, head_only=record.method == "HEAD")
            return True
        generation = self._generation
        answer = self._forward(record, headers, body)
        record.forwarded = True
        if action == "reset-after-upstream":
            _reset(conn, rfile)
            return False
        if action == "stall":
            self._hold(conn, generation)
            _reset(conn, rfile)
            return False
        if action == "truncate":
            record.status = answer.status
            _send_truncated(conn, answer)
            return False
        if fault is not None and action == "rewrite":
            assert fault.rewrite is not None
            answer = fault.rewrite(answer)
        record.status = answer.status
        _send(conn, answer, head_only=record.method == "HEAD")
        return True

    def _hold(self, conn: socket.socket, generation: int) -> None:
        """Keep the answer until the client closes, the fault is cleared or `stall_limit` passes."""
        deadline = time.monotonic() + self.stall_limit
        while time.monotonic() < deadline and self._generation == generation and not self._closed:
            ready, _, _ = select.select([conn], [], [], 0.02)
            if ready:
                try:
                    if _peek(conn) == b"":
                        return  # the client gave up and closed
                except OSError:
                    return
                time.sleep(0.02)  # it sent something more; keep holding

    def _forward(self, record: RequestRecord, headers: list[tuple[str, str]], body: bytes) -> Answer:
        target = self.upstream_prefix + record.path + (f"?{record.query}" if record.query else "")
        lines = [f"{record.method} {target} HTTP/1.1"]
        for name, value in headers:
            lowered = name.lower()
            if lowered in HOP_BY_HOP:
                continue
            if lowered == "host" and not self.preserve_host:
                value = f"{self.upstream_host}:{self.upstream_port}"
            lines.append(f"{name}: {value}")
        if body or record.method in ("POST", "PUT", "PATCH"):
            lines.append(f"Content-Length: {len(body)}")
        lines.append("Connection: close")
        data = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
        with contextlib.ExitStack() as stack:
            upstream = stack.enter_context(
                socket.create_connection((self.upstream_host, self.upstream_port), self.upstream_timeout)
            )
            if self._upstream_tls is not None:
                upstream = stack.enter_context(
                    self._upstream_tls.wrap_socket(upstream, server_hostname=self.upstream_host)
                )
            upstream.sendall(data)
            response = http.client.HTTPResponse(upstream, method=record.method)
            try:
                response.begin()
                content = response.read()
                kept = tuple((k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP)
                if record.method == "HEAD" and response.getheader("content-length") is not None:
                    kept += (("Content-Length", str(response.getheader("content-length"))),)
                return Answer(response.status, kept, content, response.reason)
            finally:
                response.close()


# --- the wire ------------------------------------------------------------------------------------------
def _peek(conn: socket.socket) -> bytes | None:
    """Something the client sent (b"" when it closed), without waiting; None when there is nothing yet. Over TLS
    the bytes are consumed (TLS cannot peek), which is fine: a held connection is reset afterwards."""
    if not isinstance(conn, ssl.SSLSocket):
        return conn.recv(65536, socket.MSG_PEEK)
    conn.settimeout(0.01)
    try:
        return conn.recv(65536)
    except (TimeoutError, ssl.SSLWantReadError):
        return None
    finally:
        with contextlib.suppress(OSError):
            conn.settimeout(None)


def _read_head(rfile: BinaryIO) -> tuple[str, list[tuple[str, str]]] | None:
    line = rfile.readline(65537)
    while line in (b"\r\n", b"\n"):  # tolerated between requests (RFC 9112 2.2)
        line = rfile.readline(65537)
    if not line:
        return None
    request_line = line.decode("latin-1").rstrip("\r\n")
    headers: list[tuple[str, str]] = []
    while True:
        raw = rfile.readline(65537)
        if not raw:
            raise _ClientGone
        if raw in (b"\r\n", b"\n"):
            return request_line, headers
        name, _, value = raw.decode("latin-1").partition(":")
        headers.append((name.strip(), value.strip()))


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    return next((v for k, v in headers if k.lower() == name), None)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _chunked(headers: list[tuple[str, str]]) -> bool:
    return "chunked" in (_header(headers, "transfer-encoding") or "").lower()


def _read_exact(rfile: BinaryIO, n: int) -> bytes:
    data = rfile.read(n)
    if len(data) != n:
        raise _ClientGone
    return data


def _iter_chunks(rfile: BinaryIO) -> Iterator[bytes]:
    while True:
        size_line = rfile.readline(1024)
        if not size_line:
            raise _ClientGone
        size = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
        if size == 0:
            while rfile.readline(65537) not in (b"\r\n", b"\n", b""):  # trailers
                pass
            return
        yield _read_exact(rfile, size)
        _read_exact(rfile, 2)


def _read_body(rfile: BinaryIO, headers: list[tuple[str, str]]) -> bytes:
    if _chunked(headers):
        return b"".join(_iter_chunks(rfile))
    length = _int(_header(headers, "content-length")) or 0
    return _read_exact(rfile, length) if length else b""


def _read_some_body(rfile: BinaryIO, headers: list[tuple[str, str]]) -> bytes:
    """Read about half of the body (at least one byte when there is one), as a server that dies mid-upload."""
    if _chunked(headers):
        with contextlib.suppress(_ClientGone, ValueError):
            return next(_iter_chunks(rfile), b"")
        return b""
    length = _int(_header(headers, "content-length")) or 0
    if length:
        with contextlib.suppress(_ClientGone):
            return _read_exact(rfile, max(1, length // 2))
    return b""


def _reset(conn: socket.socket, rfile: BinaryIO | None = None) -> None:
    """Close with RST (SO_LINGER 0), as a crashed server or a dropped NAT entry does."""
    with contextlib.suppress(OSError):
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    if rfile is not None:
        with contextlib.suppress(OSError):
            rfile.close()
    with contextlib.suppress(OSError):
        conn.close()


def _head_bytes(answer: Answer, content_length: int | None) -> bytes:
    reason = answer.reason or _reason(answer.status)
    lines = [f"HTTP/1.1 {answer.status} {reason}"]
    lines += [f"{k}: {v}" for k, v in answer.headers]
    if content_length is not None and answer.header("content-length") is None:
        lines.append(f"Content-Length: {content_length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _reason(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return {520: "Web Server Returned an Unknown Error", 522: "Connection Timed Out"}.get(status, "Unknown")


def _send(conn: socket.socket, answer: Answer, *, head_only: bool = False) -> None:
    no_body = head_only or answer.status in (204, 304) or 100 <= answer.status < 200
    length = None if no_body else len(answer.body)
    conn.sendall(_head_bytes(answer, length) + (b"" if no_body else answer.body))


def _send_truncated(conn: socket.socket, answer: Answer) -> None:
    """Announce the whole body, send half of it (an empty body is announced as 16 bytes), then close."""
    body = answer.body
    announced = len(body) if len(body) >= 2 else len(body) + 16
    stripped = Answer(answer.status, answer.without("content-length"), body, answer.reason)
    conn.sendall(_head_bytes(stripped, announced) + body[: len(body) // 2])
    with contextlib.suppress(OSError):
        conn.shutdown(socket.SHUT_WR)
    time.sleep(0.01)


# --- the catalogue ---------------------------------------------------------------------------------------
STORM_STATUSES = (408, 429, 500, 502, 503, 504, 520, 522)
STORM_LENGTH = 2  # answers of a storm before requests pass again (a client with 2 retries gets through)


def _storm(status: int, retry_after: bool) -> Fault:
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/plain; charset=utf-8"),)
    if retry_after:
        headers += (("Retry-After", "0"),)
    name = f"storm-{status}" + ("-retry-after-0" if retry_after else "")
    body = f"{status} {_reason(status)} (fault proxy)".encode()
    return Fault(name, "respond", times=STORM_LENGTH, answer=Answer(status, headers, body))


def _replace(status: int, headers: tuple[tuple[str, str], ...], body: bytes) -> Rewrite:
    return lambda _answer: Answer(status, headers, body)


def _with_header(name: str, value: str) -> Rewrite:
    return lambda answer: dataclasses.replace(answer, headers=(*answer.without(name), (name, value)))


_JSON = (("Content-Type", "application/json"),)
_HTML_PAGE = b"<!doctype html><html><head><title>Sign in</title></head><body>Moved</body></html>"

FAULTS: dict[str, Fault] = {
    fault.name: fault
    for fault in [
        Fault("refused", "refuse"),
        Fault("closed-at-accept", "close-at-accept"),
        Fault("reset-before-body", "reset-before-body"),
        Fault("reset-during-body", "reset-during-body"),
        Fault("reset-after-upstream", "reset-after-upstream"),
        Fault("truncated-body", "truncate"),
        Fault("stall", "stall"),
        *(_storm(status, retry_after) for status in STORM_STATUSES for retry_after in (False, True)),
        # a login redirect comes from an auth layer in front of the application: the server sees nothing
        Fault(
            "redirect-302-html",
            "respond",
            answer=Answer(302, (("Content-Type", "text/html"), ("Location", "/login?next=%2F")), _HTML_PAGE),
        ),
        Fault("no-content-204", "rewrite", rewrite=_replace(204, (), b"")),
        Fault("empty-200", "rewrite", rewrite=_replace(200, (), b"")),
        Fault("malformed-json", "rewrite", rewrite=_replace(200, _JSON, b"{not json")),
        Fault("schema-violating-json", "rewrite", rewrite=_replace(200, _JSON, b'{"unexpected": 1}')),
        Fault("wrong-content-type", "rewrite", rewrite=_with_header("Content-Type", "text/html; charset=utf-8")),
        Fault("wrong-content-encoding", "rewrite", rewrite=_with_header("Content-Encoding", "gzip")),
    ]
}
"""Every standard fault by name, matching any request; `FAULTS[name].on(Match(...))` aims one."""
