"""LoginSessionAuth: log in on first use, keep and refresh the cookie, log in again once when it is lost."""

from __future__ import annotations

import httpx
import pytest

from medannot.core._sync.session import Session
from medannot.core.auth import LoginSessionAuth
from medannot.core.config import ClientOptions
from medannot.errors import AuthError, ResponseSchemaError


class Server:
    """Sessions are numbered; `forget()` drops them all, like a server restart."""

    def __init__(self, accept_key: bool = True, keep_sessions: bool = True) -> None:
        self.accept_key = accept_key
        self.keep_sessions = keep_sessions
        self.valid: set[str] = set()
        self.logins = 0
        self.seen_cookies: list[str | None] = []

    def forget(self) -> None:
        self.valid.clear()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/login":
            if not self.accept_key:
                return httpx.Response(401, json={"status": "failed", "error": "Invalid API key"})
            self.logins += 1
            sid = f"s{self.logins}"
            if self.keep_sessions:
                self.valid.add(sid)
            return httpx.Response(200, json={"status": "ok"}, headers={"Set-Cookie": f"session={sid}; Path=/"})
        cookie = request.headers.get("cookie")
        self.seen_cookies.append(cookie)
        if cookie is None or cookie.removeprefix("session=") not in self.valid:
            return httpx.Response(302, headers={"Location": "/auth/login"})
        return httpx.Response(200, json={"ok": True}, headers={"Set-Cookie": f"{cookie}; Path=/"})


def client(server: Server) -> Session:
    auth = LoginSessionAuth(
        lambda: httpx.Request("POST", "http://phas.test/login", data={"api_key": "k"}),
        session_lost=lambda r: r.status_code == 302 and r.headers.get("location", "").endswith("/auth/login"),
    )
    return Session(ClientOptions(base_url="http://phas.test", transport=httpx.MockTransport(server)), auth=auth)


def test_logs_in_once_and_sends_the_cookie() -> None:
    server = Server()
    s = client(server)
    assert s.request("GET", "/api/projects").json() == {"ok": True}
    s.request("GET", "/api/projects")
    assert server.logins == 1 and server.seen_cookies == ["session=s1", "session=s1"]


def test_lost_session_is_renewed_once() -> None:
    server = Server()
    s = client(server)
    s.request("GET", "/api/projects")
    server.forget()
    assert s.request("POST", "/api/x", json={"a": 1}).status_code == 200
    assert server.logins == 2


def test_refused_session_after_login_is_an_auth_error() -> None:
    server = Server(keep_sessions=False)
    with pytest.raises(AuthError, match="refused the session"):
        client(server).request("GET", "/api/projects")
    assert server.logins == 2


def test_bad_key_is_an_auth_error_with_the_servers_message() -> None:
    s = client(Server(accept_key=False))
    with pytest.raises(AuthError, match="Invalid API key"):
        s.request("GET", "/api/projects")


def test_a_generated_call_without_credential_sends_no_authorization_header() -> None:
    """The generated clients get an empty token (the session's auth flow owns the credential); their template adds
    no header for it, so nothing reaches the wire."""
    from medannot.monailabel import Client
    from tests.unit._loopback import LoopbackServer

    with LoopbackServer() as server, Client(server.url) as client, pytest.raises(ResponseSchemaError):
        client.datastore()  # the loopback server answers {}: only the request matters here
    assert server.received
    assert all("authorization" not in got.headers for got in server.received)
