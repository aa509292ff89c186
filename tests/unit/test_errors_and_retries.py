"""Core behaviour with httpx.MockTransport: error mapping, retries, redaction, auth."""

from __future__ import annotations

import base64
import contextlib
import json
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from medannot.core._sync.session import Session
from medannot.core.auth import BearerAuth, credential
from medannot.core.config import ClientOptions
from medannot.core.redact import Secret, redact_url
from medannot.core.retry import IDEMPOTENT_EXTENSION, RetryPolicy
from medannot.errors import (
    AuthError,
    InvalidRequest,
    MedannotError,
    NotFound,
    PermissionDenied,
    RateLimited,
    ServerError,
    Timeout,
    TransportError,
)

FAST = RetryPolicy(max_retries=2, initial_delay=0.0, max_delay=0.0)


def session(handler: Callable[[httpx.Request], httpx.Response], **kw: object) -> Session:
    options = ClientOptions(base_url="http://server.test", retry=FAST, transport=httpx.MockTransport(handler))
    return Session(options.replace(**kw) if kw else options)


def sequence(
    *responses: httpx.Response | Exception,
) -> tuple[Callable[[httpx.Request], httpx.Response], list[httpx.Request]]:
    seen: list[httpx.Request] = []
    items = list(responses)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        item = items.pop(0)
        if isinstance(item, Exception):
            raise item
        return item

    return handler, seen


def test_json_error_detail_becomes_typed_error_with_server_message() -> None:
    handler, _ = sequence(httpx.Response(404, json={"detail": "Session (x) Not Found"}))
    with pytest.raises(NotFound) as info:
        session(handler).request("GET", "/session/x")
    assert info.value.status_code == 404
    assert info.value.message == "Session (x) Not Found"
    assert "GET http://server.test/session/x" in str(info.value)


def test_plain_text_500_keeps_the_text() -> None:
    handler, _ = sequence(*[httpx.Response(500, text="Internal Server Error")])
    with pytest.raises(ServerError, match="Internal Server Error"):
        session(handler).request("POST", "/infer/m")


def test_422_validation_list_is_summarised() -> None:
    body = {"detail": [{"loc": ["query", "image"], "msg": "field required", "type": "missing"}]}
    handler, _ = sequence(httpx.Response(422, json=body))
    with pytest.raises(InvalidRequest, match="field required"):
        session(handler).request("GET", "/datastore/image")


def test_idempotent_get_is_retried_on_503_then_succeeds() -> None:
    handler, seen = sequence(httpx.Response(503), httpx.Response(502), httpx.Response(200, json={}))
    assert session(handler).request("GET", "/info/").status_code == 200
    assert len(seen) == 3
    assert seen[-1].headers["x-medannot-retry-count"] == "2"


def test_post_is_not_retried_after_it_was_sent() -> None:
    handler, seen = sequence(httpx.Response(503), httpx.Response(200))
    with pytest.raises(ServerError):
        session(handler).request("POST", "/infer/m")
    assert len(seen) == 1


def test_post_is_retried_when_the_connection_was_never_made() -> None:
    handler, seen = sequence(httpx.ConnectError("refused"), httpx.Response(200, json={}))
    assert session(handler).request("POST", "/infer/m").status_code == 200
    assert len(seen) == 2


def test_put_marked_not_idempotent_is_not_retried() -> None:
    handler, seen = sequence(httpx.ReadTimeout("slow"), httpx.Response(200))
    with pytest.raises(Timeout):
        session(handler).request("PUT", "/datastore/image", extensions={IDEMPOTENT_EXTENSION: False})
    assert len(seen) == 1


def test_retry_budget_is_bounded_and_the_last_error_is_raised() -> None:
    handler, seen = sequence(*[httpx.Response(503, text="busy")] * 3)
    with pytest.raises(ServerError, match="busy"):
        session(handler).request("GET", "/info/")
    assert len(seen) == 3  # 1 + max_retries


def test_retry_after_longer_than_the_budget_is_not_waited_for() -> None:
    handler, seen = sequence(httpx.Response(429, headers={"Retry-After": "3600"}, text="slow down"))
    start = time.monotonic()
    with pytest.raises(RateLimited) as info:
        session(handler).request("GET", "/info/")
    assert info.value.retry_after == 3600
    assert len(seen) == 1
    assert time.monotonic() - start < 5


def test_retry_after_zero_is_obeyed() -> None:
    handler, seen = sequence(httpx.Response(429, headers={"Retry-After": "0"}), httpx.Response(200, json={}))
    assert session(handler).request("GET", "/info/").status_code == 200
    assert len(seen) == 2


def test_connection_failure_becomes_transport_error() -> None:
    handler, _ = sequence(*[httpx.ConnectError("refused")] * 3)
    with pytest.raises(TransportError, match="ConnectError"):
        session(handler).request("GET", "/info/")


def test_secrets_are_redacted_from_urls_and_reprs() -> None:
    assert redact_url("http://u:p@h/x?token=abc&image=1") == "http://h/x?token=%2A%2A%2A&image=1"
    assert "abc" not in repr(Secret("abc")) and "abc" not in str(Secret("abc"))
    handler, _ = sequence(httpx.Response(401, json={"detail": "bad token"}))
    with pytest.raises(AuthError) as info:
        session(handler).request("GET", "/info/", params={"api_key": "SECRET123"})
    assert "SECRET123" not in str(info.value) and "SECRET123" not in repr(info.value.__dict__)


def _jwt(exp: float) -> str:
    def b64(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    return f"{b64({'alg': 'HS256'})}.{b64({'exp': exp})}.sig"


def test_bearer_auth_sends_the_token_and_never_shows_it() -> None:
    token = _jwt(time.time() + 3600)
    handler, seen = sequence(httpx.Response(200, json={}))
    auth = BearerAuth(Secret(token))
    s = Session(ClientOptions(base_url="http://server.test", transport=httpx.MockTransport(handler)), auth=auth)
    s.request("GET", "/info/")
    assert seen[0].headers["Authorization"] == f"Bearer {token}"
    assert token not in repr(auth) and token not in repr(seen[0].headers)


def test_expired_token_is_reported_before_sending() -> None:
    handler, seen = sequence(httpx.Response(200))
    auth = BearerAuth(Secret(_jwt(time.time() - 10)))
    s = Session(ClientOptions(base_url="http://server.test", transport=httpx.MockTransport(handler)), auth=auth)
    with pytest.raises(AuthError, match="expired"):
        s.request("GET", "/info/")
    assert seen == []


def test_expiring_token_is_renewed_through_the_flow_when_credentials_are_known() -> None:
    fresh = _jwt(time.time() + 3600)
    handler, seen = sequence(httpx.Response(200, json={"access_token": fresh}), httpx.Response(200, json={}))
    auth = BearerAuth(
        Secret(_jwt(time.time() + 5)),
        token_request=lambda: httpx.Request("POST", "http://server.test/auth/token"),
        parse_token=lambda response: str(response.json()["access_token"]),
    )
    s = Session(ClientOptions(base_url="http://server.test", transport=httpx.MockTransport(handler)), auth=auth)
    s.request("GET", "/info/")
    assert seen[0].url.path == "/auth/token" and "Authorization" not in seen[0].headers
    assert seen[1].headers["Authorization"] == f"Bearer {fresh}"


def test_credential_comes_from_argument_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOME_API_KEY", "from-env")
    assert credential(None, "SOME_API_KEY", what="API key").value == "from-env"
    assert credential("arg", "SOME_API_KEY", what="API key").value == "arg"
    monkeypatch.delenv("SOME_API_KEY")
    with pytest.raises(AuthError, match="SOME_API_KEY"):
        credential(None, "SOME_API_KEY", what="API key")


def test_html_error_page_gives_its_reason_not_its_markup() -> None:
    page = (
        "<!doctype html>\n<html lang=en>\n<title>403 Forbidden</title>\n<h1>Forbidden</h1>\n"
        "<p>You don&#39;t have the permission to access the requested resource.</p>\n"
    )
    handler, _ = sequence(httpx.Response(403, text=page, headers={"content-type": "text/html; charset=utf-8"}))
    with pytest.raises(PermissionDenied) as info:
        session(handler).request("GET", "/api/task/9/info")
    reason = "Forbidden: You don't have the permission to access the requested resource."
    assert info.value.message == reason  # the status once, at the end: not "403 Forbidden: Forbidden: ..."
    assert str(info.value) == f"{reason} (GET http://server.test/api/task/9/info -> 403)"


def test_server_work_waits_long_and_json_calls_keep_the_default_bound(tmp_path: Path) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"name": "app", "status": "ok"})

    from medannot.monailabel import Client

    with Client("http://server.test", tmpdir=tmp_path, transport=httpx.MockTransport(handler)) as ml:
        ml.infer("seg", "img", {})
        ml.infer("seg", "img", {}, timeout=5)
        with contextlib.suppress(MedannotError):
            ml.info()
    reads = [request.extensions["timeout"]["read"] for request in seen]
    assert reads == [3600.0, 5.0, 60.0]
