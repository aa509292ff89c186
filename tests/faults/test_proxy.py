"""The fault proxy itself, driven by plain httpx (no retries) against a small echo server: each fault does what
it says, counts are right, and a cleared proxy passes everything through again."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from tests.faults.proxy import FAULTS, Fault, FaultProxy, Match

pytestmark = [pytest.mark.faults, pytest.mark.timeout(30)]


class Echo(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _answer(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        payload = b'{"method": "%s", "length": %d}' % (self.command.encode(), len(body))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def proxy() -> Iterator[FaultProxy]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with FaultProxy(f"http://127.0.0.1:{server.server_address[1]}") as running:
        yield running
    server.shutdown()
    server.server_close()


@pytest.fixture
def http(proxy: FaultProxy) -> Iterator[httpx.Client]:
    proxy.clear()
    proxy.reset_counts()
    with httpx.Client(base_url=proxy.url, timeout=2) as client:
        yield client
    proxy.clear()


def test_passes_through_and_counts(proxy: FaultProxy, http: httpx.Client) -> None:
    assert http.post("/a", content=b"x" * 100_000).json() == {"method": "POST", "length": 100_000}
    assert http.get("/a?q=1").status_code == 200
    assert (proxy.count("POST", "/a"), proxy.count("GET", "/a"), proxy.count("GET", "/b")) == (1, 1, 0)


def test_refused_until_cleared(proxy: FaultProxy, http: httpx.Client) -> None:
    http.get("/warm")  # a pooled connection must not get around the fault
    proxy.inject(FAULTS["refused"])
    with pytest.raises(httpx.ConnectError):
        http.get("/a")
    proxy.clear()
    assert http.get("/a").status_code == 200


@pytest.mark.parametrize("name", ["reset-before-body", "reset-during-body", "closed-at-accept"])
def test_resets_before_the_server_sees_anything(proxy: FaultProxy, http: httpx.Client, name: str) -> None:
    proxy.inject(FAULTS[name].on(Match("PUT", "/up")))
    with pytest.raises(httpx.TransportError):
        http.put("/up", content=b"y" * 3_000_000)
    assert proxy.count("PUT", "/up") == 0
    assert http.put("/up", content=b"y").json()["length"] == 1


def test_reset_after_upstream_and_truncation_reach_the_server(proxy: FaultProxy, http: httpx.Client) -> None:
    proxy.inject(FAULTS["reset-after-upstream"].on(Match("POST", "/p")))
    with pytest.raises(httpx.TransportError):
        http.post("/p", content=b"z")
    proxy.inject(FAULTS["truncated-body"].on(Match("GET", "/t")))
    with pytest.raises(httpx.RemoteProtocolError):
        http.get("/t")
    assert (proxy.count("POST", "/p"), proxy.count("GET", "/t")) == (1, 1)
    assert proxy.resends(Match("POST", "*")) == {}
    http.post("/p", content=b"z")
    assert proxy.resends(Match("POST", "*")) == {("POST", "/p", "", 1): 2}


def test_stall_outlasts_the_client_timeout(proxy: FaultProxy, http: httpx.Client) -> None:
    proxy.inject(FAULTS["stall"])
    with pytest.raises(httpx.ReadTimeout):
        http.get("/s", timeout=0.3)
    assert proxy.count("GET", "/s") == 1


def test_storm_then_pass(proxy: FaultProxy, http: httpx.Client) -> None:
    proxy.inject(FAULTS["storm-503-retry-after-0"].on(Match("GET", "/w")))
    answers = [http.get("/w") for _ in range(3)]
    assert [a.status_code for a in answers] == [503, 503, 200]
    assert answers[0].headers["retry-after"] == "0"
    assert (proxy.received("GET", "/w"), proxy.count("GET", "/w")) == (3, 1)


@pytest.mark.parametrize(
    ("name", "status", "body"),
    [("malformed-json", 200, b"{not json"), ("no-content-204", 204, b""), ("redirect-302-html", 302, None)],
)
def test_odd_answers(proxy: FaultProxy, http: httpx.Client, name: str, status: int, body: bytes | None) -> None:
    proxy.inject(FAULTS[name])
    answer = http.get("/o")
    assert answer.status_code == status
    if body is not None:
        assert answer.content == body


def test_wrong_content_encoding_is_only_a_header(proxy: FaultProxy, http: httpx.Client) -> None:
    proxy.inject(FAULTS["wrong-content-encoding"])
    with http.stream("GET", "/e") as answer:
        assert answer.headers["content-encoding"] == "gzip"
        assert b"".join(answer.iter_raw()).startswith(b'{"method"')


def test_faults_aimed_by_body(proxy: FaultProxy, http: httpx.Client) -> None:
    proxy.inject(Fault("teapot", "respond", Match("POST", "/g", b"mutation"), answer=FAULTS["storm-500"].answer))
    assert http.post("/g", content=b"query {a}").status_code == 200
    assert http.post("/g", content=b"mutation {b}").status_code == 500
    assert http.post("/g", content=b"mutation {b}").status_code == 200
