"""Credentials as httpx.Auth flows: they live in the session, so generated and hand-written calls, sync and async,
all carry them.

Each scheme is one pure generator (`flow`) that yields the requests it needs: a token or login request of its
own, then the caller's request. It never calls back into a client and holds no lock across I/O. When several
callers find the credential stale at once, one of them renews it and the others wait (the flow yields
`WAIT`), so there is one renewal, not one per caller. The two drivers (`sync_auth_flow`, `async_auth_flow`)
do the only I/O that differs: reading the auth requests' answers and waiting.
"""

from __future__ import annotations

import base64
import json
import os
import threading
import time
import unicodedata
from collections.abc import AsyncGenerator, Callable, Generator

import httpx

from medannot.core.redact import Secret, redact_url
from medannot.errors import AuthError, BadInput

AUTH_EXTENSION = "medannot.auth"  # marks the flows' own requests: their answers are read before the flow sees them
WAIT_POLL = 0.01  # seconds between looks at a renewal another caller has in flight
WAIT_LIMIT = 300.0  # a renewal is a request with its own timeout; this only bounds a broken one


def credential(value: str | Secret | None, env_var: str, *, what: str, header: bool = False) -> Secret:
    """The argument, else the official client's environment variable, else a clear AuthError. Surrounding white
    space (a key file's trailing newline) is dropped: it would only make an illegal header. A value that is
    not a string, or holds a control character (or, with `header`, anything but printable ASCII), is a
    `BadInput` that never quotes it."""
    if isinstance(value, Secret):
        value = value.value
    source = "argument" if value else env_var
    value = value if value else os.environ.get(env_var)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise AuthError(f"no {what}: pass it as an argument or set {env_var}")
    return Secret(check_secret(value, what=f"{what} ({source})" if source == env_var else what, header=header))


def check_secret(value: object, *, what: str, header: bool = False) -> str:
    """`value` without surrounding white space, or a `BadInput` that says what is wrong without quoting it:
    not a string, empty, an inner control character (a pasted line break, a NUL), or, with `header` (a value
    sent in an HTTP header), a character outside printable ASCII."""
    if not isinstance(value, str):
        raise BadInput(f"{what} must be a string, not {type(value).__name__}")
    value = value.strip()
    if not value:
        raise BadInput(f"{what} is empty")
    for position, char in enumerate(value):
        if ord(char) < 32 or 127 <= ord(char) < 160 or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            raise BadInput(f"{what} holds a control character at position {position}; check how it was pasted")
        if header and not (32 <= ord(char) < 127):
            raise BadInput(f"{what} holds a non-ASCII character at position {position}, which a header cannot carry")
    return value


def jwt_expiry(token: str) -> float | None:
    """The `exp` claim of a JWT, read without verifying it (the server verifies); None if not a JWT."""
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return float(claims["exp"])
    except (IndexError, ValueError, KeyError, TypeError):
        return None


def auth_request(request: httpx.Request) -> httpx.Request:
    """Mark a flow's own request (login, token) so the drivers read its answer (inside the retry loop)."""
    from medannot.core.retry import READ_BODY_EXTENSION

    request.extensions[AUTH_EXTENSION] = True
    request.extensions[READ_BODY_EXTENSION] = True
    return request


class _Wait:
    def __repr__(self) -> str:
        return "WAIT"


WAIT = _Wait()
Step = Generator["httpx.Request | _Wait", "httpx.Response | None", None]


class Renewal:
    """Who renews a shared credential. `claim()` is a state swap under a lock (no I/O); the others wait for
    `release()`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._done.set()
        self.failures: int = 0  # renewals that failed: their waiters fail too, instead of each trying again

    def claim(self) -> bool:
        with self._lock:
            if not self._done.is_set():
                return False
            self._done.clear()
            return True

    def release(self, *, failed: bool) -> None:
        if failed:
            self.failures += 1
        self._done.set()

    def wait(self) -> None:
        if not self._done.wait(WAIT_LIMIT):
            raise AuthError("gave up waiting for another call's login to finish")

    async def await_(self) -> None:
        from anyio import sleep

        deadline = time.monotonic() + WAIT_LIMIT
        while not self._done.is_set():  # polled: the renewing caller may be on another thread or event loop
            if time.monotonic() > deadline:
                raise AuthError("gave up waiting for another call's login to finish")
            await sleep(WAIT_POLL)


class FlowAuth(httpx.Auth):
    """Base of medannot's schemes: subclasses write `flow`; the drivers run it for httpx, sync or async."""

    def __init__(self) -> None:
        self.renewal: Renewal = Renewal()

    def flow(self, request: httpx.Request) -> Step:
        raise NotImplementedError
        yield  # pragma: no cover

    def wait_for_renewal(self) -> Step:
        """Wait for the renewal another caller has in flight. If it fails, this caller fails too: one refused
        login for a crowd of callers, not one each (which can lock an account)."""
        failures = self.renewal.failures
        yield WAIT
        if self.renewal.failures != failures:
            raise AuthError("logging in failed in a concurrent call (its error says why)")

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        flow = self.flow(request)
        step = next(flow)
        while True:
            response: httpx.Response | None = None
            if isinstance(step, _Wait):
                self.renewal.wait()
            else:
                response = yield step
                if step.extensions.get(AUTH_EXTENSION):
                    response.read()
            try:
                step = flow.send(response)
            except StopIteration:
                return

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        flow = self.flow(request)
        step = next(flow)
        while True:
            response: httpx.Response | None = None
            if isinstance(step, _Wait):
                await self.renewal.await_()
            else:
                response = yield step
                if step.extensions.get(AUTH_EXTENSION):
                    await response.aread()
            try:
                step = flow.send(response)
            except StopIteration:
                return


class BearerAuth(FlowAuth):
    """`Authorization: Bearer <token>`. With `token_request` (and `parse_token`), a missing token is fetched and
    a JWT about to expire is renewed before the request goes out; without, an expired JWT is an AuthError
    before sending (it would only come back 401)."""

    def __init__(
        self,
        token: Secret | str | None = None,
        *,
        token_request: Callable[[], httpx.Request] | None = None,
        parse_token: Callable[[httpx.Response], str] | None = None,
        leeway: float = 30.0,
    ) -> None:
        super().__init__()
        self._token: Secret | None = None
        self.set_token(token)
        self._token_request = token_request
        self._parse_token = parse_token
        self._leeway = leeway

    def __repr__(self) -> str:
        return f"BearerAuth(token={self._token!r})"

    def set_token(self, token: str | Secret | None) -> None:
        """Use this token from now on (surrounding white space dropped); None or empty clears it. A token that
        is not a string or holds a character a header cannot carry is a `BadInput` that does not quote it."""
        if isinstance(token, Secret):
            token = token.value
        if token is None or (isinstance(token, str) and not token.strip()):
            self._token = None
            return
        self._token = Secret(check_secret(token, what="token", header=True))

    @property
    def expires_at(self) -> float | None:
        return jwt_expiry(self._token.value) if self._token else None

    def _fresh(self) -> str | None:
        """The token if it can be sent; None if it must be fetched first."""
        if self._token is None:
            return None
        expires = self.expires_at
        if expires is not None and expires - self._leeway <= time.time():
            if self._token_request is None:
                when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(expires))
                raise AuthError(f"the access token expired at {when}; fetch a new one")
            return None
        return self._token.value

    def renew_with(
        self, token_request: Callable[[], httpx.Request], parse_token: Callable[[httpx.Response], str]
    ) -> None:
        """From now on fetch a missing or expiring token with this request (e.g. once credentials are known)."""
        self._token_request, self._parse_token = token_request, parse_token

    def flow(self, request: httpx.Request) -> Step:
        if request.extensions.get(AUTH_EXTENSION):  # a token request sent by hand needs no token
            yield request
            return
        token = self._fresh()
        while token is None and self._token_request is not None:
            if not self.renewal.claim():
                yield from self.wait_for_renewal()  # another caller is fetching it
                token = self._fresh()
                continue
            renewed = False
            try:
                response = yield auth_request(self._token_request())
                assert response is not None and self._parse_token is not None
                try:
                    self.set_token(self._parse_token(response))
                except BadInput as exc:  # the server's token, not the caller's input
                    raise AuthError(f"the server's token cannot be used: {exc}") from None
                renewed = True
            finally:
                self.renewal.release(failed=not renewed)
            token = self._fresh()
            if token is None:
                raise AuthError("the server's token is already expired", url=redact_url(request.url))
        if token:
            request.headers["Authorization"] = f"Bearer {token}"
        yield request


class LoginSessionAuth(FlowAuth):
    """A login request whose answer sets a session cookie (PHAS and other Flask/Django servers).

    The login happens on first use; the cookies are sent with every request and refreshed from every answer
    (servers keep settings such as anonymization in them); when `session_lost` says the server forgot the
    session (e.g. a 302 to its login page), the login is redone once and the request resent. A second refusal
    is an AuthError, never a redirect followed into a login page. `after_login` may give a request to send after
    each login, to restore settings the server keeps in the session.
    """

    def __init__(
        self,
        login: Callable[[], httpx.Request],
        *,
        session_lost: Callable[[httpx.Response], bool],
        after_login: Callable[[], httpx.Request | None] | None = None,
    ) -> None:
        super().__init__()
        self._login = login
        self._session_lost = session_lost
        self._after_login = after_login
        self._cookies = httpx.Cookies()
        self._generation = 0  # bumped by every login, so a caller knows whether someone else logged in since

    def __repr__(self) -> str:
        return f"LoginSessionAuth(logged_in={bool(self._cookies)})"

    def reset(self) -> None:
        self._cookies.clear()

    def flow(self, request: httpx.Request) -> Step:
        yield from self._ensure_login(stale=None)
        generation = self._generation
        response = yield self._with_cookies(request)
        assert response is not None
        self._cookies.extract_cookies(response)
        if not self._session_lost(response):
            return
        yield from self._ensure_login(stale=generation)
        _rewind(request)
        response = yield self._with_cookies(request)
        assert response is not None
        self._cookies.extract_cookies(response)
        if self._session_lost(response):
            raise AuthError(
                "the server refused the session right after logging in",
                status_code=response.status_code,
                method=request.method,
                url=redact_url(request.url),
            )

    def _ensure_login(self, stale: int | None) -> Step:
        """Log in when there is no session (or the one of `stale` generation was lost), once for all callers."""
        while not self._cookies or self._generation == stale:
            if not self.renewal.claim():
                yield from self.wait_for_renewal()
                continue
            renewed = False
            try:
                self._cookies.clear()
                response = yield auth_request(self._login())
                assert response is not None
                self._cookies.extract_cookies(response)
                if not self._cookies:
                    raise AuthError("the login answer set no session cookie", status_code=response.status_code)
                follow_up = self._after_login() if self._after_login else None
                if follow_up is not None:
                    answer = yield auth_request(self._with_cookies(follow_up))
                    assert answer is not None
                    self._cookies.extract_cookies(answer)
                self._generation += 1
                renewed = True
            finally:
                self.renewal.release(failed=not renewed)

    def _with_cookies(self, request: httpx.Request) -> httpx.Request:
        request.headers.pop("Cookie", None)
        self._cookies.set_cookie_header(request)
        return request


def _rewind(request: httpx.Request) -> None:
    from medannot.core.retry import rewind

    rewind(request)
