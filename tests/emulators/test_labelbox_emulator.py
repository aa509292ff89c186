"""The Labelbox emulator over raw HTTP: auth, error codes, both pagination styles, multipart uploads,
asynchronous jobs, the REST routes and the control routes. (The official SDK's view: tests/oracle.)"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from medannot.testing._emulator import ManualClock
from medannot.testing.labelbox import LabelboxEmulator
from medannot.testing.labelbox.backend import LabelboxBackend
from medannot.testing.labelbox.tables import matches

KEY = "test-key"
PROJECT_FIELDS = "id name allowedMediaType dataRowCount createdAt"


@pytest.fixture(scope="module")
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture(scope="module")
def server(clock: ManualClock) -> Iterator[LabelboxEmulator]:
    with LabelboxEmulator(api_key=KEY, job_seconds=2.0, clock=clock) as emulator:
        yield emulator


@pytest.fixture
def lb(server: LabelboxEmulator) -> Iterator[LabelboxEmulator]:
    server.reset()
    yield server


@pytest.fixture
def http(lb: LabelboxEmulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=lb.url, headers={"Authorization": f"Bearer {KEY}"}, timeout=10) as client:
        yield client


def gql(http: httpx.Client, query: str, path: str = "/graphql", **variables: Any) -> dict[str, Any]:
    response = http.post(path, json={"query": query, "variables": variables})
    body: dict[str, Any] = response.json()
    body["status"] = response.status_code
    return body


def create_project(http: httpx.Client, name: str) -> dict[str, Any]:
    body = gql(
        http,
        f"mutation($n: String!) {{ createProject(data: {{name: $n, allowedMediaType: IMAGE}}) "
        f"{{ {PROJECT_FIELDS} }} }}",
        n=name,
    )
    project: dict[str, Any] = body["data"]["createProject"]
    return project


def code(body: dict[str, Any]) -> str:
    return str(body["errors"][0]["extensions"]["code"])


def test_bearer_key_is_required(lb: LabelboxEmulator) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {KEY}"}):
        response = httpx.post(lb.graphql_url, json={"query": "{ user { id } }"}, headers=headers)
        assert response.status_code == 401
        assert code(response.json()) == "AUTHENTICATION_ERROR"
    assert httpx.get(f"{lb.rest_url}/ontologies/unused").status_code == 401


def test_parse_and_validation_errors_have_apollo_codes(http: httpx.Client) -> None:
    assert code(gql(http, "{ user { id }")) == "GRAPHQL_PARSE_FAILED"
    body = gql(http, "{ user { shoeSize } }")
    assert (body["status"], code(body)) == (400, "GRAPHQL_VALIDATION_FAILED")
    assert "shoeSize" in body["errors"][0]["message"]


def test_project_round_trip_and_not_found(http: httpx.Client) -> None:
    project = create_project(http, "scans")
    assert project["allowedMediaType"] == "IMAGE" and project["dataRowCount"] == 0
    assert project["createdAt"].endswith("Z")
    body = gql(http, "query($id: ID!) { project(where: {id: $id}) { name } }", id=project["id"])
    assert body["data"]["project"]["name"] == "scans"
    missing = gql(http, "query($id: ID!) { project(where: {id: $id}) { name } }", id="nope")
    assert missing["data"] == {"project": None} and code(missing) == "RESOURCE_NOT_FOUND"


def test_invalid_input_is_reported_as_the_sdk_expects(http: httpx.Client) -> None:
    body = gql(http, 'mutation { createProject(data: {name: " ", allowedMediaType: IMAGE}) { id } }')
    assert code(body) == "INTERNAL_SERVER_ERROR"
    assert body["errors"][0]["extensions"]["exception"]["status"] == 400  # -> InvalidQueryError


def test_offset_pagination_and_where_filters(http: httpx.Client) -> None:
    for name in ("a", "b", "c"):
        create_project(http, name)
    page = "query($s: Int, $f: PageSize) {{ projects({where}skip: $s, first: $f) {{ name }} }}"
    names = [p["name"] for p in gql(http, page.format(where=""), s=1, f=1)["data"]["projects"]]
    assert names == ["b"]
    where = 'where: {OR: [{name: "a"}, {name: "c"}], deleted: false} '
    assert [p["name"] for p in gql(http, page.format(where=where), s=0, f=10)["data"]["projects"]] == ["a", "c"]
    assert code(gql(http, page.format(where=""), s=0, f=0)) == "BAD_USER_INPUT"


def test_cursor_pagination(http: httpx.Client) -> None:
    normalized = json.dumps({"tools": [], "classifications": []})
    for i in range(3):
        gql(
            http,
            "mutation($d: UpsertOntologyInput!) { upsertOntology(data: $d) { id } }",
            d={"name": f"onto-{i}", "normalized": normalized},
        )
    query = (
        'query($after: String) { ontologies(where: {search: "ONTO"}, after: $after, first: 2) '
        "{ nodes { name } nextCursor } }"
    )
    first = gql(http, query, after=None)["data"]["ontologies"]
    assert [n["name"] for n in first["nodes"]] == ["onto-0", "onto-1"] and first["nextCursor"]
    second = gql(http, query, after=first["nextCursor"])["data"]["ontologies"]
    assert [n["name"] for n in second["nodes"]] == ["onto-2"] and second["nextCursor"] is None


UPLOAD = "mutation($file: Upload!, $n: Int!) { uploadFile(file: $file, contentLength: $n) { url filename } }"


def upload(http: httpx.Client, content: bytes, name: str, length: int | None = None) -> httpx.Response:
    operations = {"query": UPLOAD, "variables": {"file": None, "n": len(content) if length is None else length}}
    fields = {"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})}
    return http.post("/graphql", data=fields, files={"0": (name, content, "image/png")})


def test_multipart_upload_is_served_back(http: httpx.Client) -> None:
    response = upload(http, b"\x89PNG-bytes", "../../etc/scan 1.png")
    uploaded = response.json()["data"]["uploadFile"]
    assert uploaded["filename"] == "scan 1.png"  # reduced to a base name
    served = httpx.get(uploaded["url"])
    assert served.content == b"\x89PNG-bytes" and served.headers["content-type"] == "image/png"


def test_upload_length_must_match(http: httpx.Client) -> None:
    body = upload(http, b"1234", "a.bin", length=5).json()
    assert code(body) == "INTERNAL_SERVER_ERROR" and "contentLength" in body["errors"][0]["message"]


def test_data_rows_from_a_manifest_and_an_async_global_key_job(
    lb: LabelboxEmulator, http: httpx.Client, clock: ManualClock
) -> None:
    dataset = lb.backend.create_dataset({"name": "d"})
    image = upload(http, b"img", "img.png").json()["data"]["uploadFile"]["url"]
    chunk = json.dumps(
        [
            {
                "id": {"type": "AUTO", "value": ""},
                "payload": {"row_data": image, "external_id": "e1", "dataset_id": dataset.id},
            }
        ]
    ).encode()
    chunk_url = upload(http, chunk, "chunk.json").json()["data"]["uploadFile"]["url"]
    manifest = json.dumps({"source": "SDK", "item_count": 1, "chunk_uris": [chunk_url]}).encode()
    manifest_url = upload(http, manifest, "manifest.json").json()["data"]["uploadFile"]["url"]
    task = gql(http, "mutation($u: String!) { upsertDataRows(data: {manifestUri: $u}) { id status } }", u=manifest_url)[
        "data"
    ]["upsertDataRows"]
    assert task["status"] == "IN_PROGRESS"
    row = next(iter(lb.backend.data_rows.values()))
    job = gql(
        http,
        "mutation($l: [AssignGlobalKeyToDataRowInput!]!) "
        "{ assignGlobalKeysToDataRows(data: {assignInputs: $l}) { jobId } }",
        l=[{"dataRowId": row.id, "globalKey": "gk"}],
    )["data"]["assignGlobalKeysToDataRows"]
    poll = (
        "query($id: ID!) { assignGlobalKeysToDataRowsResult(jobId: {id: $id}) "
        "{ jobStatus data { unmodifiedAssignments { dataRowId globalKey } } } }"
    )
    # a job's status depends on the time since it started, not on how often it is read
    reads = [gql(http, poll, id=job["jobId"])["data"]["assignGlobalKeysToDataRowsResult"] for _ in range(3)]
    assert [(s["jobStatus"], s["data"]) for s in reads] == [("IN_PROGRESS", None)] * 3
    clock.advance(1.9)
    assert gql(http, poll, id=job["jobId"])["data"]["assignGlobalKeysToDataRowsResult"]["jobStatus"] == "IN_PROGRESS"
    clock.advance(0.1)
    done = gql(http, poll, id=job["jobId"])["data"]["assignGlobalKeysToDataRowsResult"]
    assert done["jobStatus"] == "COMPLETE"
    assert done["data"]["unmodifiedAssignments"] == [{"dataRowId": row.id, "globalKey": "gk"}]


def test_an_import_task_completes_on_the_clock_whoever_reads_it(
    lb: LabelboxEmulator, http: httpx.Client, clock: ManualClock
) -> None:
    dataset = lb.backend.create_dataset({"name": "d"})
    chunk = json.dumps([{"payload": {"row_data": "https://example.org/a.png", "dataset_id": dataset.id}}]).encode()
    chunk_url = upload(http, chunk, "chunk.json").json()["data"]["uploadFile"]["url"]
    manifest = json.dumps({"source": "SDK", "item_count": 1, "chunk_uris": [chunk_url]}).encode()
    manifest_url = upload(http, manifest, "manifest.json").json()["data"]["uploadFile"]["url"]
    started = gql(http, "mutation($u: String!) { upsertDataRows(data: {manifestUri: $u}) { id } }", u=manifest_url)
    task_id = started["data"]["upsertDataRows"]["id"]
    by_id = "query($id: ID!) { task(where: {id: $id}) { status completionPercentage createdAt updatedAt } }"
    listed = "{ user { createdTasks { id status } } }"

    def status() -> tuple[str, float]:
        task = gql(http, by_id, id=task_id)["data"]["task"]
        return task["status"], task["completionPercentage"]

    for _ in range(3):  # neither reading it nor listing it moves it on
        assert status() == ("IN_PROGRESS", 0.0)
        assert gql(http, listed)["data"]["user"]["createdTasks"] == [{"id": task_id, "status": "IN_PROGRESS"}]
    clock.advance(2.0)
    assert gql(http, listed)["data"]["user"]["createdTasks"] == [{"id": task_id, "status": "COMPLETE"}]
    assert status() == ("COMPLETE", 100.0)
    task = gql(http, by_id, id=task_id)["data"]["task"]
    assert task["updatedAt"] >= task["createdAt"]


def test_job_durations_are_checked() -> None:
    with pytest.raises(ValueError, match="job_seconds"):
        LabelboxBackend(job_seconds=-1)


def test_experimental_path_serves_the_same_schema(http: httpx.Client) -> None:
    assert gql(http, "{ organization { name } }", path="/_gql")["data"]["organization"]["name"]


def test_rest_feature_schema_routes(lb: LabelboxEmulator, http: httpx.Client) -> None:
    made = http.put(
        f"{lb.rest_url}/feature-schemas/new_feature_schema_id",
        json={"normalized": json.dumps({"tool": "polygon", "name": "liver"})},
    )
    schema_id = made.json()["schemaId"]
    assert http.get(f"{lb.rest_url}/feature-schemas/unused").json() == [schema_id]
    assert http.delete(f"{lb.rest_url}/feature-schemas/{schema_id}").status_code == 204
    gone = http.delete(f"{lb.rest_url}/feature-schemas/{schema_id}")
    assert gone.status_code == 404 and "message" in gone.json()


def test_control_routes_reset_state_and_log(lb: LabelboxEmulator, http: httpx.Client) -> None:
    create_project(http, "p")
    assert [p["name"] for p in http.get("/_emulator/state").json()["projects"]] == ["p"]
    assert lb.operations.documents()
    assert http.post("/_emulator/reset").status_code == 200
    assert http.get("/_emulator/state").json()["projects"] == []
    lb.reset()
    assert lb.operations.entries() == []


def test_seeded_labels_drive_archiving(lb: LabelboxEmulator, http: httpx.Client) -> None:
    backend = lb.backend
    project = backend.create_project({"name": "p", "allowed_media_type": "IMAGE"})
    dataset = backend.create_dataset({"name": "d"})
    row = backend.put_data_row({"row_data": "http://x/1.png", "dataset_id": dataset.id}, None)
    normalized = json.dumps({"tools": [{"tool": "bbox", "name": "t"}]})
    ontology = backend.ontology.upsert_ontology({"name": "o", "normalized": normalized})
    tool_id = ontology.root_ids()[0]
    seeded = http.post(
        "/_emulator/seed/label", json={"project_id": project.id, "data_row_id": row.id, "feature_schema_ids": [tool_id]}
    )
    assert seeded.status_code == 201
    removed = http.delete(f"{lb.rest_url}/ontologies/{ontology.id}/feature-schemas/{tool_id}").json()
    assert removed == {"archived": True, "deleted": False}


def test_backends_are_independent() -> None:
    first, second = LabelboxBackend(), LabelboxBackend()
    first.create_dataset({"name": "only-here"})
    assert second.list_datasets(None) == []
    first.close()
    second.close()


def test_where_matching() -> None:
    record = type("R", (), {"name": "b", "deleted": False})()
    assert matches(record, {"name_gt": "a", "not": [{"name": "c"}]})
    assert not matches(record, {"and": [{"name": "b"}, {"deleted": True}]})
