"""Credentials as httpx.Auth: they live in the session, so generated and hand-written calls both carry them."""

from __future__ import annotations

import base64
import json
import os
import threading
import time
from collections.abc import Callable, Generator

import httpx

from medannot.core.redact import Secret, redact_url
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


class LoginSessionAuth(httpx.Auth):
    """A login request whose answer sets a session cookie (PHAS and other Flask/Django servers).

    The login happens on first use; the cookies are sent with every request and refreshed from every
    answer (servers keep settings such as anonymization in them); when `session_lost` says the server
    forgot the session (e.g. a 302 to its login page), the login is redone once and the request resent.
    A second refusal is an AuthError, never a redirect followed into a login page. `after_login` may give a
    request to send after each login, to restore settings the server keeps in the session.
    """

    def __init__(
        self,
        login: Callable[[], httpx.Request],
        *,
        session_lost: Callable[[httpx.Response], bool],
        after_login: Callable[[], httpx.Request | None] | None = None,
    ) -> None:
        self._login = login
        self._session_lost = session_lost
        self._after_login = after_login
        self._cookies = httpx.Cookies()
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"LoginSessionAuth(logged_in={bool(self._cookies)})"

    def reset(self) -> None:
        self._cookies.clear()

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if not self._cookies:
            yield from self._log_in()
        self._apply(request)
        response = yield request
        self._cookies.extract_cookies(response)
        if not self._session_lost(response):
            return
        self._cookies.clear()
        yield from self._log_in()
        self._apply(request)
        response = yield request
        self._cookies.extract_cookies(response)
        if self._session_lost(response):
            raise AuthError(
                "the server refused the session right after logging in",
                status_code=response.status_code,
                method=request.method,
                url=redact_url(request.url),
            )

    def _log_in(self) -> Generator[httpx.Request, httpx.Response, None]:
        with self._lock:  # a refused login raises AuthError from the session's status hook
            response = yield self._login()
            self._cookies.extract_cookies(response)
            if not self._cookies:
                raise AuthError("the login answer set no session cookie", status_code=response.status_code)
            follow_up = self._after_login() if self._after_login else None
            if follow_up is not None:
                self._apply(follow_up)
                self._cookies.extract_cookies((yield follow_up))

    def _apply(self, request: httpx.Request) -> None:
        request.headers.pop("Cookie", None)
        self._cookies.set_cookie_header(request)
