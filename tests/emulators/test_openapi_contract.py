"""The generic contract check (medannot.testing._openapi) on small OpenAPI 3.0 and 3.1 documents."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from medannot.testing._fastapi import route
from medannot.testing._openapi import Contract
from medannot.testing._server import ThreadedServer


def document(version: str) -> dict[str, Any]:
    binary = {"type": "string", "format": "binary"}
    upload = {"type": "object", "required": ["file"], "properties": {"file": binary, "note": {"type": "string"}}}
    return {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/items/{item}": {
                "get": {
                    "parameters": [
                        {"name": "item", "in": "path", "required": True, "schema": {"type": "string"}},
                        {"name": "limit", "in": "query", "required": True, "schema": {"type": "integer"}},
                    ],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["item"],
                                        "properties": {"item": {"type": "string"}},
                                    }
                                }
                            },
                        }
                    },
                }
            },
            "/files": {
                "put": {
                    "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": upload}}},
                    "responses": {
                        "200": {
                            "description": "the file back",
                            "content": {"application/octet-stream": {"schema": binary}},
                        }
                    },
                }
            },
        },
    }


@contextmanager
def serve(version: str, item_answer: dict[str, Any]) -> Iterator[httpx.Client]:
    """A validated app on a loopback port; GET /items/{item} answers `item_answer`, PUT /files echoes the file."""
    contract = Contract(document(version))

    async def item(request: Request) -> Response:
        return JSONResponse(item_answer)

    async def echo(request: Request) -> Response:
        upload = (await request.form())["file"]
        assert not isinstance(upload, str)
        return Response(await upload.read(), media_type="application/octet-stream")

    app = Starlette(
        routes=[
            route("GET", "/items/{item}", contract.validating("GET", "/items/{item}", item)),
            route("PUT", "/files", contract.validating("PUT", "/files", echo)),
        ]
    )
    with ThreadedServer(app) as server, httpx.Client(base_url=server.url) as client:
        yield client


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_valid_exchanges_pass_both_ways(version: str) -> None:
    with serve(version, {"item": "a"}) as client:
        assert client.get("/items/a", params={"limit": 3}).json() == {"item": "a"}
        echoed = client.put("/files", files={"file": ("x.bin", b"\x00\xff binary")}, data={"note": "n"})
    assert (echoed.status_code, echoed.content) == (200, b"\x00\xff binary")


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_invalid_requests_get_fastapi_422(version: str) -> None:
    with serve(version, {"item": "a"}) as client:
        missing = client.get("/items/a")
        not_int = client.get("/items/a", params={"limit": "many"})
        no_file = client.put("/files", files={"other": ("x.bin", b"x")})
    assert missing.status_code == 422
    assert missing.json()["detail"] == [
        {"type": "missing", "loc": ["query", "limit"], "msg": "Field required", "input": None}
    ]
    assert not_int.json()["detail"][0]["loc"] == ["query", "limit"]
    assert no_file.json()["detail"][0]["loc"] == ["body", "file"]


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_a_response_off_the_schema_is_a_500(version: str) -> None:
    with serve(version, {"other": 1}) as client:
        response = client.get("/items/a", params={"limit": 1})
    assert response.status_code == 500
    assert response.json()["detail"].startswith("the emulator broke its contract (GET /items/a)")


def test_a_route_the_schema_lacks_is_refused_at_build_time() -> None:
    async def handler(request: Request) -> Response:
        return Response()

    with pytest.raises(LookupError, match=r"POST /items/\{item\}"):
        Contract(document("3.1.0")).validating("POST", "/items/{item}", handler)
