"""How the emulated server fails, in the real server's terms (Werkzeug HTML error pages)."""

from __future__ import annotations


class PhasError(Exception):
    """`abort(status, reason)` in the server: a Werkzeug HTML page with the reason in its <p>."""

    def __init__(self, status_code: int, reason: str) -> None:
        super().__init__(reason)
        self.status_code = status_code
        self.reason = reason


class Forbidden(PhasError):
    """Missing rights, and also unknown ids: the server's access check finds no row and answers 403."""

    def __init__(self, reason: str) -> None:
        super().__init__(403, reason)


class ServerFault(Exception):
    """The real server crashes here (an uncaught exception): Flask's HTML 500 page."""


class LoginFailed(Exception):
    """POST /auth/api/login with a key that is unknown, expired or of a disabled user (401 JSON)."""
