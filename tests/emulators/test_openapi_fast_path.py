"""The fast path of response validation (medannot.testing._openapi._Gates): a validator compiled once per response
schema passes the valid answers; openapi-core still judges, and words, every answer that is not."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import jsonschema_rs
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from medannot.testing._fastapi import route
from medannot.testing._openapi import Contract
from medannot.testing._server import ThreadedServer

UUID = "0b6b9f2e-5f1c-4d4b-9a57-6f0c2f5e8d11"


def document(version: str, *, discriminator: bool = False) -> dict[str, Any]:
    nullable_date = (
        {"type": "string", "format": "date", "nullable": True}
        if version.startswith("3.0")
        else {"type": ["string", "null"], "format": "date"}
    )
    thing = {
        "type": "object",
        "required": ["id", "name", "born", "tags"],
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "name": {"type": "string", "pattern": "^[a-z]+$"},
            "born": nullable_date,
            "link": {"type": "string", "format": "uri"},  # a format the Python checker lacks: not checked
            "tags": {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}, "maxItems": 3},
            "kind": {"oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}]},
        },
        "additionalProperties": False,
    }
    if discriminator:
        thing["properties"]["kind"]["discriminator"] = {"propertyName": "sort"}  # type: ignore[index]
    page = {"type": "object", "required": ["results"], "properties": {"results": {"type": "array", "items": thing}}}
    return {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/things": {
                "get": {
                    "responses": {
                        "200": {"description": "ok", "content": {"application/json": {"schema": page}}},
                        "404": {"$ref": "#/components/responses/NotFound"},
                    }
                }
            }
        },
        "components": {
            "responses": {
                "NotFound": {
                    "description": "no such thing",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["detail"],
                                "properties": {"detail": {"type": "string", "minLength": 1}},
                            }
                        }
                    },
                }
            },
            "schemas": {
                "Tag": {"type": "object", "required": ["label"], "properties": {"label": {"type": "string"}}},
                "Cat": {"type": "object", "required": ["sort", "purrs"], "properties": {"sort": {"enum": ["Cat"]}}},
                "Dog": {"type": "object", "required": ["sort", "barks"], "properties": {"sort": {"enum": ["Dog"]}}},
            },
        },
    }


def thing(**changes: Any) -> dict[str, Any]:
    return {"id": UUID, "name": "rex", "born": None, "tags": [{"label": "a"}], **changes}


@contextmanager
def served(doc: dict[str, Any]) -> Iterator[tuple[Contract, httpx.Client, list[tuple[int, Any]]]]:
    """GET /things answers what the test puts in `answers` (status, body); the contract validates it."""
    contract = Contract(doc)
    answers: list[tuple[int, Any]] = []

    async def things(request: Request) -> Response:
        status, body = answers.pop(0)
        return JSONResponse(body, status_code=status)

    app = Starlette(routes=[route("GET", "/things", contract.validating("GET", "/things", things))])
    with ThreadedServer(app) as server, httpx.Client(base_url=server.url) as client:
        yield contract, client, answers


def slow_calls(contract: Contract, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Counts the answers openapi-core validates (those the fast path did not pass)."""
    calls: list[object] = []
    iter_errors = contract._response.iter_errors

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return iter_errors(*args, **kwargs)

    monkeypatch.setattr(contract._response, "iter_errors", counted)
    return calls


VALID = [
    (200, {"results": []}),
    (200, {"results": [thing(), thing(born="2024-02-29", kind={"sort": "Dog", "barks": True})]}),
    # Valid to openapi-core, so they must pass here too: no `uri` checker; Python's `$` matches before a final "\n".
    (200, {"results": [thing(link="not a URI at all", name="rex\n")]}),
    (404, {"detail": "gone"}),
]
BROKEN = {
    "uuid": (200, {"results": [thing(), thing(id="not-a-uuid")]}),
    "date": (200, {"results": [thing(born="2024-02-30")]}),
    "pattern": (200, {"results": [thing(name="Rex")]}),
    "required": (200, {"results": [{"id": UUID, "name": "rex", "born": None}]}),
    "null": (200, {"results": [thing(name=None)]}),
    "extra": (200, {"results": [thing(colour="red")]}),
    "nested": (200, {"results": [thing(tags=[{"label": 1}])]}),
    "maxItems": (200, {"results": [thing(tags=[{"label": "a"}] * 4)]}),
    "oneOf": (200, {"results": [thing(kind={"sort": "Cat", "barks": True})]}),
    "integer-for-string": (200, {"results": [thing(born=20240101)]}),
    "referenced response": (404, {"detail": ""}),
}


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_valid_answers_pass_without_openapi_core(version: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with served(document(version)) as (contract, client, answers):
        calls = slow_calls(contract, monkeypatch)
        for status, body in VALID:
            answers.append((status, body))
            response = client.get("/things")
            assert (response.status_code, response.json()) == (status, body)
    assert calls == []
    assert all(not check.response_errors for check in contract.journal)


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_a_broken_answer_gets_openapi_cores_verdict(version: str) -> None:
    with served(document(version)) as (contract, client, answers):
        for case, (status, body) in BROKEN.items():
            verdicts = []
            for fast in (True, False):
                with pytest.MonkeyPatch.context() as patch:
                    if not fast:  # openapi-core alone, as before the fast path
                        patch.setattr(contract._gates, "passes", lambda *args: False)
                    answers.append((status, copy.deepcopy(body)))
                    response = client.get("/things")
                    verdicts.append((response.status_code, response.json(), contract.journal[-1]))
            assert verdicts[0] == verdicts[1], case
            code, answer, checked = verdicts[0]
            assert code == 500, case
            assert answer["detail"].startswith("the emulator broke its contract (GET /things)"), case
            assert checked.response_errors, case


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_the_gate_is_compiled_once_per_response_schema(version: str) -> None:
    with served(document(version)) as (contract, client, answers):
        for status, body in [*VALID, *VALID]:
            answers.append((status, body))
            client.get("/things")
    gates = contract._gates._built
    assert sorted(status for _, status, _ in gates) == [200, 404]
    rust = [getattr(gate, "__self__", None).__class__.__module__.startswith("jsonschema_rs") for gate in gates.values()]
    assert rust == [version == "3.1.0"] * 2  # OAS 3.0 (nullable, readOnly...) keeps openapi-core's validator


def test_a_discriminator_keeps_the_python_validator(monkeypatch: pytest.MonkeyPatch) -> None:
    """OpenAPI's discriminator is openapi-schema-validator's alone: such a document is gated by it, not by Rust."""
    doc = document("3.1.0", discriminator=True)
    with served(doc) as (contract, client, answers):
        answers.append((200, {"results": [thing(kind={"sort": "Dog", "barks": True})]}))
        assert client.get("/things").status_code == 200
        answers.append((200, {"results": [thing(kind={"sort": "Cat", "barks": True})]}))
        assert client.get("/things").status_code == 500
    assert contract._gates._registry[0] is None


@pytest.mark.parametrize("platform", ["grandchallenge", "datamint", "monailabel", "phas"])
def test_the_shipped_schemas_get_rust_gates(platform: str) -> None:
    """Every JSON answer of the shipped schemas compiles (refs through `components/responses` included)."""
    module = __import__(f"medannot.testing.{platform}.app", fromlist=["DEFAULT_SCHEMA"])
    contract = Contract(module.DEFAULT_SCHEMA)
    gates = contract._gates
    assert gates._registry[0] is not None
    compiled = 0
    with (contract.openapi.spec / "paths").open() as paths:
        for path, item in paths.items():
            for method, operation in item.items():
                if method not in ("get", "put", "post", "delete", "patch"):
                    continue
                for status, answer in operation.get("responses", {}).items():
                    if "application/json" not in answer.get("content", {}) and "$ref" not in answer:
                        continue
                    where = contract.openapi.spec / "paths" / path / method
                    code = 200 if status in ("default", "2XX") else int(status)
                    gate = gates._build(where, code, "application/json")
                    if gate is None:  # headers to check, or no JSON: openapi-core's job
                        continue
                    assert isinstance(getattr(gate, "__self__", None), jsonschema_rs.Validator), (path, method)
                    compiled += 1
    assert compiled > 5
