"""What every emulator shares (moto's shape): a backend holding state, an app serving it, a threaded server.

A platform provides a backend (`reset`, `state`, `close`) and an ASGI app built around it; `Emulator` serves
the app on a loopback port as a context manager; `control_routes` gives the app moto-style control endpoints,
`/_emulator/reset` and `/_emulator/state`. `CrashLog` keeps every exception that escaped a handler (a fault of
the real server the emulator reproduces on purpose, or a bug of the emulator), recorded before the 500 goes out.
`CommandLine` is how `python -m medannot.testing <platform>` presents an emulator; `ManualClock` drives the
emulators' time-based state (background tasks) from a test.
"""

from __future__ import annotations

from medannot.testing import require_extra

require_extra("starlette", "uvicorn")

import contextlib  # noqa: E402  (after the check: a missing extra is reported with its pip line)
import logging  # noqa: E402
import signal  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from collections.abc import Awaitable, Callable, Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from types import TracebackType  # noqa: E402
from typing import Any, ClassVar, Generic, Protocol, TypeVar  # noqa: E402

from starlette.requests import Request  # noqa: E402
from starlette.responses import JSONResponse, Response  # noqa: E402
from starlette.routing import Route  # noqa: E402

from medannot.testing._server import ThreadedServer  # noqa: E402

#: Where emulators report what a real server would only write to its own log (a reproduced crash's reason).
LOG = logging.getLogger("medannot.testing")

#: Seconds from an arbitrary origin, like `time.monotonic` (the default); tests pass a `ManualClock`.
Clock = Callable[[], float]


class ManualClock:
    """A clock that moves only when told: `clock.advance(2.5)`. Pass it as an emulator's `clock=`."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError(f"a clock does not go back ({seconds} s)")
        self.now += seconds


class ReproducedFault(Exception):
    """Base of the exceptions by which an emulator reproduces a crash of the real server (a bare 500 on purpose).

    The reason is what the real server writes to its own log; the emulator logs it as one line on the
    `medannot.testing` logger (shown by the command line) instead of a traceback."""


@dataclass(frozen=True)
class CommandLine:
    """How `python -m medannot.testing <platform>` presents an emulator (its `--help`).

    `api_key`: help of `--api-key` (what the credential means on this platform); `studies`: help of `--studies`,
    or None when the emulator pre-loads nothing (the option is then not offered); `cert_dir`: help of
    `--cert-dir DIR`, or None when the emulator serves plain HTTP (the option is then not offered; when offered,
    `from_cli` gets `cert_dir=`); `epilog`: shown after the options (what is served, how a client connects)."""

    description: str
    api_key: str
    studies: str | None = None
    cert_dir: str | None = None
    epilog: str = ""


class Backend(Protocol):
    """State and rules of one emulated server, with no HTTP in it."""

    def reset(self) -> None:
        """Back to the state right after construction (pre-loaded data included)."""

    def state(self) -> dict[str, Any]:
        """A JSON-serialisable snapshot, for tests and debugging."""

    def close(self) -> None:
        """Release files and other resources."""


B = TypeVar("B", bound=Backend)
E = TypeVar("E", bound="Emulator[Any]")


def control_routes(backend: Backend) -> list[Route]:
    """`POST /_emulator/reset` and `GET /_emulator/state` (as moto's `/moto-api/reset` and `data.json`)."""

    async def reset(request: Request) -> Response:
        backend.reset()
        return JSONResponse({})

    async def state(request: Request) -> Response:
        return JSONResponse(backend.state())

    return [
        Route("/_emulator/reset", reset, methods=["POST"]),
        Route("/_emulator/state", state, methods=["GET"]),
    ]


@dataclass(frozen=True)
class Crash:
    """An exception that escaped a route's handler and became a 500."""

    method: str
    path: str
    error: Exception


ExceptionHandler = Callable[[Request, Exception], Awaitable[Response]]


class CrashLog:
    """The exceptions an app's handlers let escape, in order (`Emulator.crashes`).

    `handler(render)` is a Starlette exception handler that records the exception, then answers `render`'s page:
    registered for `Exception` it runs in Starlette's ServerErrorMiddleware, which sends that page and re-raises
    (uvicorn then closes the connection, as after a crash of a real ASGI server); registered for an exception
    class, the exception ends there (a WSGI server's 500, connection kept). Either way the entry exists before
    the client sees the 500, so a test can look for it right after the response.
    """

    def __init__(self) -> None:
        self.entries: list[Crash] = []

    def handler(self, render: Callable[[Request, Exception], Response]) -> ExceptionHandler:
        async def record(request: Request, exc: Exception) -> Response:
            self.entries.append(Crash(request.method, request.url.path, exc))
            if isinstance(exc, ReproducedFault):
                LOG.warning(
                    "%s %s -> 500 Internal Server Error, as the real server answers; its log would say: %s",
                    request.method,
                    request.url.path,
                    exc,
                )
            return render(request, exc)

        return record


class RequestLog:
    """ASGI middleware keeping (method, path, status) of every HTTP request, whatever route served it."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.entries: list[tuple[str, str, int]] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def recording_send(message: Any) -> None:
            if message["type"] == "http.response.start":
                self.entries.append((scope["method"], scope["path"], message["status"]))
            await send(message)

        await self.app(scope, receive, recording_send)


class _SkipReproducedFaults(logging.Filter):
    """Drops uvicorn's "Exception in ASGI application" traceback for a `ReproducedFault`: the crash log has
    already logged its one-line reason, and the crash is the emulated server's behaviour, not a bug."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, ReproducedFault)


def _quiet_reproduced_faults() -> None:
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _SkipReproducedFaults) for f in logger.filters):
        logger.addFilter(_SkipReproducedFaults())


@contextlib.contextmanager
def sigterm_as_exit() -> Iterator[None]:
    """Within the block, SIGTERM raises SystemExit(143) as SIGINT raises KeyboardInterrupt, so `finally` blocks and
    weakref finalizers run (an emulator's backend removes its temporary folder) instead of the process dying.

    uvicorn handles both signals while it serves, shuts down, restores the previous handlers and raises the
    signal again: with the default SIGTERM action that re-raise would kill the process before any cleanup.
    Only in the main thread, and only where SIGTERM still has its default action.
    """
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGTERM) != signal.SIG_DFL:
        yield
        return

    def exit_(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, exit_)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


class CoalescedBody:
    """ASGI middleware handing request bodies to the app in pieces of at least `size` bytes (the last one may be
    smaller). Servers read sockets in 64 KiB pieces, and Starlette's form parser writes each file piece to its
    spooled file through a worker thread: a thread hop per 64 KiB made the emulators' event loop, not the
    clients, the limit of large uploads. What the app reads is unchanged; a request holds `size` more bytes while
    it streams."""

    def __init__(self, app: Any, size: int = 1024 * 1024) -> None:
        self.app = app
        self.size = size

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        done = False

        async def coalesced() -> Any:
            nonlocal done
            if done:
                return await receive()  # after the body: what the server says next (a disconnect)
            pieces: list[bytes] = []
            held = 0
            while True:
                message = await receive()
                if message["type"] != "http.request":
                    return message  # the client left mid-body: what was held is of no use to anyone
                piece = message.get("body", b"")
                pieces.append(piece)
                held += len(piece)
                more = message.get("more_body", False)
                if not more or held >= self.size:
                    done = not more
                    body = pieces[0] if len(pieces) == 1 else b"".join(pieces)
                    return {"type": "http.request", "body": body, "more_body": more}

        await self.app(scope, coalesced, send)


class Emulator(Generic[B]):
    """An emulated server: `with Emulator(...) as emu:` serves `emu.url` on 127.0.0.1 until the block ends.

    Stopping it also closes the backend (its files are gone): an emulator runs once. `requests` lists
    (method, path, status) of everything it answered, `crashes` every exception that became a 500, for tests.
    A platform's class sets `command_line` (its `--help`) and `from_cli`, and overrides `banner` (what the
    command line prints after the URL: the credentials it accepts).
    """

    command_line: ClassVar[CommandLine | None] = None

    def __init__(self, backend: B, app: Any, *, port: int = 0) -> None:
        self.backend = backend
        state = getattr(app, "state", None)
        crashes = getattr(state, "crashes", None)
        self._crashes = crashes if isinstance(crashes, CrashLog) else CrashLog()
        self._log = RequestLog(CoalescedBody(app))
        self.app: RequestLog = self._log
        self._port = port
        self._server: ThreadedServer | None = None

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the emulator is not running: use it as a context manager or call start()")
        return self._server.url

    @property
    def requests(self) -> list[tuple[str, str, int]]:
        return self._log.entries

    @property
    def crashes(self) -> list[Crash]:
        """Exceptions the app's handlers let escape (apps that keep a `CrashLog` in `app.state.crashes`)."""
        return self._crashes.entries

    def reset(self) -> None:
        self.backend.reset()

    def banner(self) -> list[str]:
        """Lines the command line prints once the emulator answers, after its URL: the credentials it accepts,
        where a client connects. The default names an `api_key` attribute if the emulator has one."""
        key = getattr(self, "api_key", None)
        return [f"accepted API key: {key}"] if isinstance(key, str) else []

    def start(self: E) -> E:
        self._server = ThreadedServer(self.app, port=self._port)
        _quiet_reproduced_faults()  # after uvicorn's logging set-up, which the server's construction runs
        self._server.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None
        self.backend.close()

    def serve_forever(self, on_ready: Callable[[str], object] = print) -> None:
        """Serve until interrupted (command-line mode); `on_ready(url)` is called once requests are answered.

        The server runs in its background thread while this one waits, so SIGINT (KeyboardInterrupt) and SIGTERM
        (SystemExit 143, see `sigterm_as_exit`) reach this thread at any moment and stop it cleanly: the server
        shuts down and the backend is closed, its temporary files removed."""
        with sigterm_as_exit():
            try:
                self.start()
                assert self._server is not None
                on_ready(self._server.url)
                while self._server.running:
                    time.sleep(0.2)
            finally:
                self.stop()

    def __enter__(self: E) -> E:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
