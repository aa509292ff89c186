"""Serve an ASGI app on a loopback port from a background thread (the emulators' server mode)."""

from __future__ import annotations

import errno
import socket
import threading
import time
from types import TracebackType
from typing import Any

import uvicorn


class PortUnavailable(OSError):
    """The port cannot be bound (in use, or reserved); the message says which and what to do."""


class ThreadedServer:
    """uvicorn in a daemon thread; `port=0` picks a free port. Use as a context manager or start()/stop()."""

    def __init__(self, app: Any, *, host: str = "127.0.0.1", port: int = 0) -> None:
        # IPPROTO_TCP explicitly: asyncio only turns Nagle off (TCP_NODELAY) on sockets it knows are TCP,
        # and with Nagle on every request waits ~40 ms for a delayed ACK.
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self._sock.bind((host, port))
        except OSError as error:
            self._sock.close()
            if error.errno == errno.EADDRINUSE:
                reason = "is already in use (another server, or an emulator still running)"
            elif error.errno == errno.EACCES:
                reason = "needs privileges to be bound (ports below 1024)"
            else:
                reason = f"cannot be bound ({error.strerror or error})"
            hint = "choose another port (0 picks a free one)"
            raise PortUnavailable(error.errno, f"port {port} on {host} {reason}: {hint}") from error
        self.host, self.port = self._sock.getsockname()[:2]
        config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._sock]}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> ThreadedServer:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("emulator server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._sock.close()

    @property
    def running(self) -> bool:
        """Started and not stopped (nor crashed)."""
        return self._thread.is_alive()

    def __enter__(self) -> ThreadedServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
