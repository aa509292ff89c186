"""The fast path of request validation for upload forms (medannot.testing._openapi._FormGates): a multipart body
whose schema is an object of string fields is split by python-multipart and checked by the compiled validator;
openapi-core still judges, and words, every body the gate does not pass."""

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


def document(version: str, form: dict[str, Any]) -> dict[str, Any]:
    return {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/upload": {
                "post": {
                    "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": form}}},
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {}}}}},
                }
            }
        },
    }


UPLOAD = {
    "type": "object",
    "required": ["file", "kind"],
    "properties": {
        "file": {"type": "string", "format": "binary"},
        "kind": {"type": "string", "enum": ["ct", "mr"]},
        "note": {"type": "string", "maxLength": 5},
    },
}


@contextmanager
def served(doc: dict[str, Any]) -> Iterator[tuple[Contract, httpx.Client, list[str]]]:
    """POST /upload answers {}; `slow` lists the requests openapi-core read (those the gate did not pass)."""
    contract = Contract(doc)
    slow: list[str] = []
    iter_errors = contract._body.iter_errors

    def counted(request: Any) -> Any:
        slow.append(request.path)
        return iter_errors(request)

    contract._body.iter_errors = counted  # type: ignore[method-assign]

    async def upload(request: Request) -> Response:
        return JSONResponse({})

    app = Starlette(routes=[route("POST", "/upload", contract.validating("POST", "/upload", upload))])
    with ThreadedServer(app) as server, httpx.Client(base_url=server.url) as client:
        yield contract, client, slow


FILE = {"file": ("scan.dcm", bytes(range(256)) * 40, "application/dicom")}  # not UTF-8: binary parts are not read
VALID = [
    {"data": {"kind": "ct"}, "files": FILE},
    {"data": {"kind": "mr", "note": "héllo"}, "files": FILE},
    {"data": {"kind": "ct", "other": "anything"}, "files": FILE},  # additional properties are allowed
]
BROKEN = {
    "missing file": {"data": {"kind": "ct"}},
    "enum": {"data": {"kind": "xr"}, "files": FILE},
    "maxLength": {"data": {"kind": "ct", "note": "too long"}, "files": FILE},
}


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_valid_forms_pass_without_openapi_core(version: str) -> None:
    with served(document(version, UPLOAD)) as (contract, client, slow):
        for form in VALID:
            assert client.post("/upload", **form).status_code == 200
    assert slow == []
    assert all(not check.request_errors for check in contract.journal)


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_a_broken_form_gets_openapi_cores_verdict(version: str) -> None:
    with served(document(version, UPLOAD)) as (contract, client, slow):
        for case, form in BROKEN.items():
            verdicts = []
            for fast in (True, False):
                with pytest.MonkeyPatch.context() as patch:
                    if not fast:  # openapi-core alone, as before the gate
                        patch.setattr(contract._forms, "passes", lambda *args: False)
                    response = client.post("/upload", **form)
                    verdicts.append((response.status_code, response.json(), contract.journal[-1].request_errors))
            assert verdicts[0] == verdicts[1], case
            assert verdicts[0][0] == 422 and verdicts[0][2], case
        assert len(slow) == 2 * len(BROKEN)


def test_forms_the_gate_is_not_sure_of_go_to_openapi_core() -> None:
    """A repeated field, an array field, a part that is not UTF-8 text: openapi-core reads those."""
    tags = {"type": "array", "items": {"type": "string"}}
    with_array = {**UPLOAD, "properties": {**UPLOAD["properties"], "tags": tags}}
    with served(document("3.1.0", with_array)) as (_, client, slow):
        assert client.post("/upload", data={"kind": "ct"}, files=FILE).status_code == 200
    assert slow == ["/upload"]  # the form's schema has an array: no gate for it
    with served(document("3.1.0", UPLOAD)) as (_, client, slow):
        client.post("/upload", data={"kind": ["ct", "mr"]}, files=FILE)
        client.post("/upload", files={**FILE, "note": ("n.txt", b"\xff\xfe", "text/plain")}, data={"kind": "ct"})
    assert slow == ["/upload", "/upload"]


@pytest.mark.parametrize("platform", ["datamint", "monailabel"])
def test_the_shipped_upload_forms_get_gates(platform: str) -> None:
    """The upload routes of the shipped schemas are forms of string fields: they take the fast path."""
    module = __import__(f"medannot.testing.{platform}.app", fromlist=["DEFAULT_SCHEMA"])
    contract = Contract(module.DEFAULT_SCHEMA)
    built = 0
    with (contract.openapi.spec / "paths").open() as paths:
        for path, item in paths.items():
            for method, operation in item.items():
                content = operation.get("requestBody", {}).get("content", {}) if isinstance(operation, dict) else {}
                if "multipart/form-data" in content:
                    gate = contract._forms._build_form(contract.openapi.spec / "paths" / path / method)
                    built += gate is not None
    assert built >= 1
