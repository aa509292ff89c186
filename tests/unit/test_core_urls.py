"""`request_url` resolves a path once per (base URL, path) and must give exactly the URL httpx would send to."""

from __future__ import annotations

import httpx
import pytest

from medannot.core.urls import request_url

BASES = [
    "http://127.0.0.1:8000",
    "http://127.0.0.1:8000/",
    "https://grand-challenge.org/api/v1",
    "https://grand-challenge.org/api/v1/",
    "http://[::1]:8080/prefix/with%20space",
    "https://user:secret@example.org:8443/a/b/",
]
PATHS = [
    "/info/",
    "info/",
    "/datastore/image/id%20with%20space",
    "/datastore/image/ünïcode",
    "/api/cases/?limit=10&offset=20",
    "/",
    "",
]


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("path", PATHS)
def test_the_url_is_the_one_httpx_would_build(base: str, path: str) -> None:
    with httpx.Client(base_url=base) as http:
        expected = http.build_request("GET", path).url
        assert request_url(http, path) == expected
        assert request_url(http, path) == expected  # from the cache
        assert http.build_request("GET", request_url(http, path)).url == expected


def test_an_absolute_url_is_left_alone() -> None:
    with httpx.Client(base_url="http://127.0.0.1:8000/api/") as http:
        assert request_url(http, "https://uploads.example.org/part?sig=1") == "https://uploads.example.org/part?sig=1"
        url = httpx.URL("http://other:1/x")
        assert request_url(http, url) is url


def test_each_client_gets_its_own_base() -> None:
    one, two = httpx.Client(base_url="http://a:1/one/"), httpx.AsyncClient(base_url="http://b:2/two")
    assert str(request_url(one, "/info/")) == "http://a:1/one/info/"
    assert str(request_url(two, "/info/")) == "http://b:2/two/info/"
    one.close()
