"""Credentials as httpx.Auth: they live in the session, so generated and hand-written calls both carry them."""

from __future__ import annotations

import base64
import json
import os
import threading
import time
from collections.abc import Callable, Generator

import httpx

from medannot.core.redact import Secret
from medannot.errors import AuthError


def credential(value: str | None, env_var: str, *, what: str) -> Secret:
    """The argument, else the official client's environment variable, else a clear AuthError."""
    value = value or os.environ.get(env_var)
    if not value:
        raise AuthError(f"no {what}: pass it as an argument or set {env_var}")
    return Secret(value)


def jwt_expiry(token: str) -> float | None:
    """The `exp` claim of a JWT, read without verifying it (the server verifies); None if not a JWT."""
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return float(claims["exp"])
    except (IndexError, ValueError, KeyError, TypeError):
        return None


class BearerAuth(httpx.Auth):
    """`Authorization: Bearer <token>`. A JWT about to expire is renewed through `renew` when one is given,
    otherwise reported as an AuthError before the request goes out (it would only come back 401)."""

    def __init__(self, token: Secret | None = None, *, renew: Callable[[], str] | None = None, leeway: float = 30.0):
        self._token = token
        self._renew = renew
        self._leeway = leeway
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"BearerAuth(token={self._token!r})"

    def set_token(self, token: str | None) -> None:
        self._token = Secret(token) if token else None

    @property
    def expires_at(self) -> float | None:
        return jwt_expiry(self._token.value) if self._token else None

    def current_token(self) -> str | None:
        with self._lock:
            expires = self.expires_at
            if expires is not None and expires - self._leeway <= time.time():
                if self._renew is None:
                    when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(expires))
                    raise AuthError(f"the access token expired at {when}; fetch a new one")
                self._token = None  # the renew call itself must go out without the stale token
                self._token = Secret(self._renew())
            return self._token.value if self._token else None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        token = self.current_token()
        if token:
            request.headers["Authorization"] = f"Bearer {token}"
        yield request
