"""medannot.labelbox.Client without a server: what it sends (httpx.MockTransport) and how it reads answers."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from graphql import OperationDefinitionNode, parse, print_ast

from medannot.core.retry import RetryPolicy
from medannot.errors import BadInput, InvalidRequest, ResponseSchemaError, ServerError
from medannot.labelbox import Client, CollectionJobResult, GlobalKeyError, GlobalKeys, UniqueIds
from medannot.labelbox._base import UPLOAD_FILE, quality, rest_endpoint_for

OPERATIONS = Path(__file__).resolve().parents[2] / "schemas" / "labelbox" / "operations"
KEY = "unit-secret-key"
Handler = Callable[[httpx.Request], httpx.Response]


def client(handler: Handler) -> Client:
    return Client(
        KEY, "http://lb.test/graphql", transport=httpx.MockTransport(handler), retry=RetryPolicy(max_retries=0)
    )


def gql_answer(data: Any = None, errors: Any = None) -> httpx.Response:
    body: dict[str, Any] = {"data": data}
    if errors:
        body["errors"] = errors
    return httpx.Response(200, json=body)


def test_the_hand_sent_upload_document_is_the_schema_operation() -> None:
    document = parse((OPERATIONS / "datarows.graphql").read_text())
    upload = next(
        d
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode) and d.name and d.name.value == "UploadFile"
    )
    assert print_ast(parse(UPLOAD_FILE)) == print_ast(upload)


@pytest.mark.parametrize(
    ("endpoint", "rest"),
    [
        ("https://api.labelbox.com/graphql", "https://api.labelbox.com/api/v1"),
        ("http://127.0.0.1:8080/graphql/", "http://127.0.0.1:8080/api/v1"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/api/v1"),
    ],
)
def test_rest_endpoint_is_derived_from_the_graphql_one(endpoint: str, rest: str) -> None:
    assert rest_endpoint_for(endpoint) == rest


def test_quality_modes_set_the_audit_settings_as_the_sdk() -> None:
    assert quality({"BENCHMARK"}, None, None) == {
        "autoAuditNumberOfLabels": 1,
        "autoAuditPercentage": 1.0,
        "isBenchmarkEnabled": True,
        "isConsensusEnabled": False,
    }
    assert quality(None, True, None) == {"isBenchmarkEnabled": True, "isConsensusEnabled": None}


def test_job_status_follows_the_sdk() -> None:
    error = GlobalKeyError("k", "Data Row not found")
    assert CollectionJobResult.of(["a"], []).status == "SUCCESS"
    assert CollectionJobResult.of(["a", ""], [error], succeeded=1).status == "PARTIAL SUCCESS"
    assert CollectionJobResult.of([""], [error], succeeded=0).status == "FAILURE"


def test_build_catalog_query_needs_no_server() -> None:
    assert Client.build_catalog_query(GlobalKeys(["a"])).as_dict() == {
        "type": "global_key",
        "operator": "is",
        "ids": ["a"],
    }
    assert Client.build_catalog_query(UniqueIds(["b"])).type == "data_row_id"
    with pytest.raises(BadInput):
        Client.build_catalog_query(["b"])  # type: ignore[arg-type]


def test_requests_carry_the_key_but_reprs_do_not() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return gql_answer(
            {
                "organization": {
                    "id": "o",
                    "name": "n",
                    "createdAt": "2024-01-01T00:00:00Z",
                    "updatedAt": "2024-01-01T00:00:00Z",
                }
            }
        )

    with client(handler) as lb:
        assert lb.get_organization().name == "n"
        assert KEY not in repr(lb) and KEY not in repr(lb.api.http_client)
    assert seen[0].headers["authorization"] == f"Bearer {KEY}"
    assert json.loads(seen[0].content)["operationName"] == "GetOrganization"


def test_labelbox_input_errors_are_invalid_request_not_server_errors() -> None:
    refused = [
        {
            "message": "Embedding dims must be between 1 and 2048",
            "extensions": {"code": "INTERNAL_SERVER_ERROR", "exception": {"status": 400}},
        }
    ]
    crashed = [{"message": "boom", "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]
    answers = iter([gql_answer(None, refused), gql_answer(None, crashed), gql_answer(None, refused)])
    with client(lambda _: next(answers)) as lb:
        with pytest.raises(InvalidRequest, match="dims"):
            lb.create_embedding("e", 9999)
        with pytest.raises(ServerError, match="boom"):
            lb.create_embedding("e", 8)
        with pytest.raises(InvalidRequest, match="dims"):  # the escape hatch maps errors the same way
            lb.execute('mutation { deleteEmbedding(data: {id: "x"}) }')


def test_project_listings_page_and_skip_deleted_ones_as_the_sdk() -> None:
    sent: list[dict[str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content)["variables"])
        return gql_answer({"projects": []})

    with client(handler) as lb:
        assert lb.get_projects(where={"name": "ct"}, page_size=7).to_list() == []
    assert sent == [{"where": {"AND": [{"name": "ct"}, {"deleted": False}]}, "skip": 0, "first": 7}]


def test_an_answer_outside_the_schema_is_a_response_schema_error() -> None:
    with client(lambda _: gql_answer({"project": {"id": 1}})) as lb, pytest.raises(ResponseSchemaError):
        lb.get_project("p")


def test_upload_is_a_graphql_multipart_request(tmp_path: Path) -> None:
    scan = tmp_path / "scan.png"
    scan.write_bytes(b"\x89PNG-bytes")
    seen: list[tuple[httpx.Request, bytes]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        # the streamed body, read while the file is open (`request.read()` would not stream it)
        seen.append((request, b"".join(request.stream)))  # type: ignore[arg-type]
        return gql_answer({"uploadFile": {"url": "http://files.test/scan.png", "filename": "scan.png"}})

    with client(handler) as lb:
        assert lb.upload_file(scan) == "http://files.test/scan.png"
    request, body = seen[0]
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert int(request.headers["content-length"]) == len(body)
    assert b'name="operations"' in body and b'name="map"' in body
    assert b'{"0": ["variables.file"]}' in body
    assert b'filename="scan.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG-bytes\r\n' in body
    operations = json.loads(body.split(b'name="operations"\r\n\r\n')[1].split(b"\r\n--")[0])
    assert operations["variables"] == {"file": None, "contentLength": len(b"\x89PNG-bytes"), "sign": False}


def test_export_files_are_fetched_without_the_api_key(tmp_path: Path) -> None:
    content = b'{"data_row": {"id": "r1"}}\n'
    task = {
        "id": "t1",
        "name": "export",
        "type": "export-data-rows",
        "status": "COMPLETE",
        "completionPercentage": 100.0,
        "result": None,
        "errors": None,
        "metadata": None,
        "createdAt": "2024-01-01T00:00:00Z",
        "updatedAt": "2024-01-01T00:00:00Z",
    }
    user = {
        "id": "u1",
        "email": "a@b.c",
        "name": "A",
        "nickname": None,
        "isExternalUser": False,
        "isViewer": False,
        "createdAt": "2024-01-01T00:00:00Z",
        "updatedAt": "2024-01-01T00:00:00Z",
    }
    answers = {
        "ExportProject": {"exportDataRowsInProject": {"taskId": "t1", "isStreamable": True}},
        "GetUser": {"user": user},
        "PollTask": {"user": {"createdTasks": [task]}},
        "GetExportHeader": {"task": {"exportMetadataHeader": {"totalSize": str(len(content)), "totalLines": "1"}}},
        "GetExportFile": {
            "task": {
                "exportFileFromOffset": {
                    "offsets": {"start": "0", "end": str(len(content) - 1)},
                    "lines": {"start": "0", "end": "0"},
                    "file": "http://bucket.test/signed/export.ndjson",
                }
            }
        },
    }
    file_requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "bucket.test":
            file_requests.append(request)
            return httpx.Response(200, content=content)
        return gql_answer(answers[json.loads(request.content)["operationName"]])

    with client(handler) as lb:
        path = lb.export_project_labels("p1", tmp_path / "out.ndjson")
    assert path.read_bytes() == content
    assert "authorization" not in file_requests[0].headers


# ---- the generated client on the facade's session: the same typed errors


def test_the_generated_client_raises_medannot_errors(labelbox_emulator: Any) -> None:
    from medannot.errors import NotFound
    from medannot_api.labelbox.exceptions import GraphQLClientError

    with Client(labelbox_emulator.api_key, labelbox_emulator.graphql_url) as lb:
        with pytest.raises(NotFound, match="cl-missing") as raised:
            lb.api.get_project("cl-missing")
        assert not isinstance(raised.value, GraphQLClientError)
        with lb.api:  # closing the generated client leaves the facade's session open
            pass
        assert lb.get_user().email


@pytest.mark.anyio
async def test_the_async_generated_client_raises_medannot_errors(labelbox_emulator: Any) -> None:
    from medannot.errors import NotFound
    from medannot.labelbox import AsyncClient

    async with AsyncClient(labelbox_emulator.api_key, labelbox_emulator.graphql_url) as lb:
        with pytest.raises(NotFound, match="cl-missing"):
            await lb.api.get_task("cl-missing")
        async with lb.api:  # its __aexit__ closes the adapter, which closes nothing
            pass
        assert (await lb.get_user()).email


def test_a_graphql_error_answer_from_the_generated_client_is_typed() -> None:
    errors = [{"message": "bad", "extensions": {"code": "INTERNAL_SERVER_ERROR", "exception": {"status": 400}}}]
    with client(lambda _: gql_answer(None, errors)) as lb, pytest.raises(InvalidRequest, match="bad"):
        lb.api.get_user()
    with client(lambda _: httpx.Response(200, text="<html>")) as lb, pytest.raises(ResponseSchemaError):
        lb.api.get_user()


def test_a_fragment_first_mutation_is_not_retried() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(json.loads(request.content)["query"])
        return httpx.Response(503, text="busy")

    fast = RetryPolicy(max_retries=2, initial_delay=0, max_delay=0)
    lb = Client(KEY, "http://lb.test/graphql", transport=httpx.MockTransport(handler), retry=fast)
    document = (
        "\ufefffragment F on Dataset { id }\nquery Q { datasets { ...F } }\nmutation M { createDataset { ...F } }"
    )
    with lb:
        with pytest.raises(ServerError):
            lb.execute(document)
        assert len(calls) == 1
        calls.clear()
        with pytest.raises(ServerError):
            lb.api.execute(document)
        assert len(calls) == 1
