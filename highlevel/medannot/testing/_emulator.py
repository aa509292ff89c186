"""What every emulator shares (moto's shape): a backend holding state, an app serving it, a threaded server.

A platform provides a backend (`reset`, `state`, `close`) and an ASGI app built around it; `Emulator` serves
the app on a loopback port as a context manager; `control_routes` gives the app moto-style control endpoints,
`/_emulator/reset` and `/_emulator/state`. `CrashLog` keeps every exception that escaped a handler (a fault of
the real server the emulator reproduces on purpose, or a bug of the emulator), recorded before the 500 goes out.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Generic, Protocol, TypeVar

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from medannot.testing._server import ThreadedServer


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


class Emulator(Generic[B]):
    """An emulated server: `with Emulator(...) as emu:` serves `emu.url` on 127.0.0.1 until the block ends.

    Stopping it also closes the backend (its files are gone): an emulator runs once. `requests` lists
    (method, path, status) of everything it answered, `crashes` every exception that became a 500, for tests.
    """

    def __init__(self, backend: B, app: Any, *, port: int = 0) -> None:
        self.backend = backend
        state = getattr(app, "state", None)
        crashes = getattr(state, "crashes", None)
        self._crashes = crashes if isinstance(crashes, CrashLog) else CrashLog()
        self._log = RequestLog(app)
        self.app = self._log
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

    def start(self: E) -> E:
        self._server = ThreadedServer(self.app, port=self._port).start()
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
