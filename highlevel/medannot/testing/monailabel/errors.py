"""How the emulated server fails, in the real server's terms (moto's exceptions.py)."""

from __future__ import annotations

from medannot.testing._emulator import ReproducedFault


class ApiError(Exception):
    """The server raises an HTTPException here: JSON `{"detail": detail}` with this status."""

    def __init__(self, status_code: int, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status_code = status_code
        self.detail = detail
        self.headers = headers


class ServerFault(ReproducedFault):
    """The real server crashes here (an uncaught exception): a plain-text 500, faithfully reproduced.

    The message is the reason the real server's log gives (measured on 0.8.5 where marked in the tests); the
    emulator logs it and sends it in the `X-Emulator-Fault` header, which the real server does not send."""
