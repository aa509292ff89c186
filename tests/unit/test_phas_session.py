"""medannot.phas.Client on a mock PHAS: lazy login, re-login that keeps anonymized mode, no followed
redirects, and the 403-for-unknown-ids rule."""

from __future__ import annotations

import json
import re

import httpx
import pytest

from medannot.errors import AuthError, NotFound, PermissionDenied
from medannot.phas import Client, Task

KEY = "0f0e0d0c-0000-4000-8000-000000000001"
FORBIDDEN = (
    "<!doctype html>\n<title>403 Forbidden</title>\n<h1>Forbidden</h1>\n<p>Insufficient privileges on task {}</p>"
)
TASK = {"id": 1, "project": "synth", "name": "annot", "restrict_access": 0, "anonymize": 0, "mode": "annot"}
SUMMARY = {
    "id": 1,
    "name": "annot",
    "desc": None,
    "mode": "annot",
    "admin": 1,
    "nspecimens": 1,
    "nblocks": 1,
    "nslides": 1,
}


class FakePhas:
    """Sessions live server-side here; `forget()` drops them like a restart with a new secret key."""

    def __init__(self, keep_sessions: bool = True) -> None:
        self.keep_sessions = keep_sessions
        self.sessions: dict[str, dict[str, bool]] = {}
        self.paths: list[str] = []

    def forget(self) -> None:
        self.sessions.clear()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.paths.append(f"{request.method} {path}")
        if path == "/auth/api/login":
            if request.content.decode() != f"api_key={KEY}":
                return httpx.Response(401, json={"status": "failed", "error": "Invalid API key"})
            sid = f"s{len(self.paths)}"
            if self.keep_sessions:
                self.sessions[sid] = {"anonymize": False}  # a login clears the session
            return httpx.Response(200, json={"status": "ok"}, headers={"Set-Cookie": f"session={sid}; Path=/"})
        session = self.sessions.get(request.headers.get("cookie", "").removeprefix("session="))
        if session is None:
            return httpx.Response(302, headers={"Location": "/auth/login"}, text="Redirecting...")
        if match := re.fullmatch(r"/auth/api/set_anonymize/(\d)", path):
            session["anonymize"] = bool(int(match.group(1)))
            return httpx.Response(200, json={"anonymize": session["anonymize"]})
        if path == "/auth/api/anonymize":
            return httpx.Response(200, json={"anonymize": session["anonymize"]})
        if path == "/api/projects":
            project = {
                "id": "synth",
                "admin": 1,
                "disp_name": "S",
                "desc": "",
                "nslides": 1,
                "nblocks": 1,
                "nspecimens": 1,
            }
            return httpx.Response(200, text=json.dumps([project]))
        if path == "/api/project/synth/tasks":
            return httpx.Response(200, text=json.dumps([SUMMARY, {**SUMMARY, "id": 5, "name": "locked"}]))
        if match := re.fullmatch(r"/api/task/(\d+)/info", path):
            if match.group(1) == "1":
                return httpx.Response(200, text=json.dumps(TASK))
            return httpx.Response(403, text=FORBIDDEN.format(match.group(1)), headers={"content-type": "text/html"})
        return httpx.Response(404, text="not here")


def client_for(server: FakePhas, key: str = KEY) -> Client:
    return Client("http://phas.test", key, transport=httpx.MockTransport(server))


def test_constructing_sends_nothing_and_the_first_call_logs_in() -> None:
    server = FakePhas()
    with client_for(server) as client:
        assert server.paths == []
        assert [p.id for p in client.project_listing()] == ["synth"]
        client.project_listing()
    assert server.paths == ["POST /auth/api/login", "GET /api/projects", "GET /api/projects"]


def test_a_bad_key_is_an_auth_error_without_the_key() -> None:
    other = "0f0e0d0c-0000-4000-8000-000000000002"
    with client_for(FakePhas(), other) as client, pytest.raises(AuthError, match="Invalid API key") as caught:
        client.project_listing()
    assert other not in str(caught.value) and other not in repr(client)


def test_a_forgotten_session_is_renewed_with_its_anonymize_setting() -> None:
    server = FakePhas()
    with client_for(server) as client:
        client.anonymize = True
        server.forget()
        server.paths.clear()
        assert client.anonymize is True
    assert server.paths == [
        "GET /auth/api/anonymize",  # 302: the session is gone
        "POST /auth/api/login",
        "POST /auth/api/set_anonymize/1",  # restored before the call is repeated
        "GET /auth/api/anonymize",
    ]


def test_a_session_that_never_holds_is_an_auth_error_not_a_followed_redirect() -> None:
    server = FakePhas(keep_sessions=False)
    with client_for(server) as client, pytest.raises(AuthError, match="refused the session"):
        client.project_listing()
    assert "GET /auth/login" not in server.paths
    assert server.paths.count("POST /auth/api/login") == 2  # logged in once more, then gave up


def test_403_for_an_id_the_user_cannot_list_is_not_found() -> None:
    with client_for(FakePhas()) as client:
        assert Task(client, 1).project == "synth"
        with pytest.raises(NotFound, match="task 7 does not exist or is not visible") as caught:
            Task(client, 7)
        assert caught.value.status_code == 403
        with pytest.raises(PermissionDenied, match=r"^Insufficient privileges on task 5 \(GET \S+ -> 403\)$") as denied:
            Task(client, 5)  # listed, so it exists: a real refusal, with the reason from the HTML page
        assert not isinstance(denied.value, NotFound)
