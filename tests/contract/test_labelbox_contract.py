"""The Labelbox contract scenario for `medannot.labelbox.Client` and `AsyncClient`, against the emulator.

Every scenario drives both twins: `Client`, and `AsyncClient` through a blocking portal (tests/blocking.py).

There is no Labelbox server to run here; the emulator's fidelity is proven separately by the official SDK
(tests/oracle/test_labelbox_sdk.py). What the SDK cannot create (labels, saved slices) is seeded through the
emulator's backend, as the oracle seeds it through the control routes.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from medannot.core.retry import RetryPolicy
from medannot.errors import AuthError, BadInput, InvalidRequest, NotFound, ServerError
from medannot.labelbox import AsyncClient, Client, DataRow, MediaType
from medannot.testing.labelbox import LabelboxEmulator
from tests import blocking

API_KEY = "contract-key"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(scope="module")
def server() -> Iterator[LabelboxEmulator]:
    with LabelboxEmulator(api_key=API_KEY) as emulator:
        yield emulator


@pytest.fixture
def emulator(server: LabelboxEmulator) -> LabelboxEmulator:
    server.reset()
    return server


@pytest.fixture(params=["sync", "async"])
def twin(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@contextlib.contextmanager
def connect(twin: str, **kwargs: Any) -> Iterator[Client]:
    """`Client(**kwargs)`, or `AsyncClient(**kwargs)` behind a blocking portal, closed on exit."""
    if twin == "sync":
        with Client(**kwargs) as client:
            yield client
        return
    with blocking.portal() as portal, blocking.construct(AsyncClient, portal, **kwargs) as client:
        yield client  # type: ignore[misc]  # the blocking wrapper has the sync client's shape


@pytest.fixture
def lb(emulator: LabelboxEmulator, twin: str) -> Iterator[Client]:
    with connect(twin, api_key=API_KEY, endpoint=emulator.graphql_url) as client:
        yield client


@pytest.fixture
def scans(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "scans"
    folder.mkdir()
    paths = [folder / f"scan-{i:02d}.png" for i in range(5)]
    for i, path in enumerate(paths):
        path.write_bytes(PNG + bytes([i]))
    return paths


def test_scenario_dataset_rows_ontology_project_keys_export(
    lb: Client, emulator: LabelboxEmulator, scans: list[Path], tmp_path: Path
) -> None:
    # dataset -> data rows from files
    dataset = lb.create_dataset(name="chest-ct", description="contract scenario")
    imported = lb.create_data_rows_from_files(dataset.id, scans, concurrency=3, progress=False)
    assert imported.task.status == "COMPLETE"
    assert sorted(r.external_id or "" for r in imported.created) == [p.name for p in scans]
    assert imported.failed == []
    assert lb.get_dataset(dataset.id).row_count == len(scans)
    rows = lb.get_data_rows(dataset.id, page_size=2).to_list()  # 3 pages
    assert {r.id for r in rows} == {r.id for r in imported.created}
    first = lb.get_data_row(rows[0].id)
    assert httpx.get(first.row_data).content in {p.read_bytes() for p in scans}  # the stored bytes

    # ontology from a reusable feature schema plus an inline classification
    lesion = lb.create_feature_schema({"tool": "rectangle", "name": "lesion", "color": "#ff0000"})
    quality = {"type": "radio", "name": "quality", "options": [{"value": "good"}, {"value": "poor"}]}
    ontology = lb.create_ontology(
        "chest-ontology",
        {"tools": [{"tool": "polygon", "name": "tumour"}], "classifications": [quality]},
        media_type=MediaType.IMAGE,
    )
    reused = lb.create_ontology_from_feature_schemas("chest-reuse", [lesion.id], media_type="image")
    assert reused.normalized["tools"][0]["featureSchemaId"] == lesion.id
    lb.insert_feature_schema_into_ontology(lesion.id, ontology.id, 0)
    assert lb.get_ontology(ontology.id).normalized["tools"][0]["featureSchemaId"] == lesion.id

    # project with the rows queued
    project = lb.create_project("chest-project", MediaType.IMAGE, description="contract")
    assert lb.get_project(project.id).allowed_media_type is MediaType.IMAGE
    batch = lb.create_batch(project.id, "batch-1", [r.id for r in rows])
    assert batch.size == len(scans) and batch.failed_data_row_ids == []

    # everything listed, paginated (page size 1 forces one request per item)
    assert [p.id for p in lb.get_projects(page_size=1)] == [project.id]
    assert [p.id for p in lb.get_projects(where={"name": "chest-project"})] == [project.id]
    assert [d.id for d in lb.get_datasets(where={"name": "chest-ct"}, page_size=1)] == [dataset.id]
    assert {o.id for o in lb.get_ontologies("CHEST", page_size=1)} == {ontology.id, reused.id}
    assert [f.id for f in lb.get_feature_schemas("lesion", page_size=1)] == [lesion.id]
    assert len(lb.get_feature_schemas(page_size=1).first(2)) == 2
    me = lb.get_user()
    assert [u.id for u in lb.get_users(where={"email": me.email}, page_size=1)] == [me.id]
    assert len(list(lb.get_users(page_size=1))) == 2

    # global keys: partial success is a typed result
    assigned = lb.assign_global_keys_to_data_rows(
        [
            {"data_row_id": rows[0].id, "global_key": "gk-0"},
            {"data_row_id": rows[1].id, "global_key": "gk-0"},  # already taken
        ]
    )
    assert assigned.status == "PARTIAL SUCCESS"
    assert [(a.data_row_id, a.global_key, a.sanitized) for a in assigned.results] == [(rows[0].id, "gk-0", False)]
    assert [(e.data_row_id, e.global_key) for e in assigned.errors] == [(rows[1].id, "gk-0")]
    found = lb.get_data_row_ids_for_global_keys(["gk-0", "gk-missing"])
    assert found.status == "PARTIAL SUCCESS" and found.results == [rows[0].id, ""]
    assert lb.get_data_row_by_global_key("gk-0").id == rows[0].id
    assert lb.get_data_row_ids_for_external_ids([scans[0].name]) == {
        scans[0].name: [r.id for r in imported.created if r.external_id == scans[0].name]
    }

    # a label (made in the web editor on the real service) then the export, written atomically
    emulator.backend.add_label(project.id, rows[0].id, [lesion.id])
    exported = lb.export_project_labels(project.id, tmp_path)
    lines = [json.loads(line) for line in exported.read_text().splitlines()]
    assert len(lines) == len(scans)
    labelled = next(line for line in lines if line["data_row"]["id"] == rows[0].id)
    assert labelled["data_row"]["global_key"] == "gk-0"
    assert labelled["projects"][project.id]["labels"][0]["annotations"]["objects"] == [{"feature_schema_id": lesion.id}]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left

    cleared = lb.clear_global_keys(["gk-0", "gk-missing"])
    assert cleared.status == "PARTIAL SUCCESS" and cleared.results == ["gk-0"]
    assert lb.get_data_row(rows[0].id).global_key is None


def test_feature_schema_maintenance_over_rest(lb: Client, emulator: LabelboxEmulator) -> None:
    organ = lb.upsert_feature_schema({"tool": "polygon", "name": "organ", "color": "#00ff00"})
    recoloured = lb.upsert_feature_schema({**organ.normalized, "color": "#0000ff"})
    assert recoloured.id == organ.id and recoloured.normalized["color"] == "#0000ff"
    assert lb.update_feature_schema_title(organ.id, "organ-2").name == "organ-2"
    assert organ.id in lb.get_unused_feature_schemas()

    ontology = lb.create_ontology("o", {"tools": [{"tool": "polygon", "name": "tumour"}], "classifications": []})
    tumour = ontology.normalized["tools"][0]["featureSchemaId"]
    lb.insert_feature_schema_into_ontology(organ.id, ontology.id, 1)
    project = lb.create_project("p", MediaType.IMAGE)
    dataset = lb.create_dataset(name="d")
    row = emulator.backend.put_data_row({"row_data": "https://example.org/a.png", "dataset_id": dataset.id}, None)
    emulator.backend.add_label(project.id, row.id, [tumour])

    assert lb.is_feature_schema_archived(ontology.id, tumour) is False
    removed = lb.delete_feature_schema_from_ontology(ontology.id, tumour)  # labelled: archived
    assert (removed.archived, removed.deleted) == (True, False)
    assert lb.is_feature_schema_archived(ontology.id, tumour) is True
    lb.unarchive_feature_schema_node(ontology.id, tumour)
    assert lb.is_feature_schema_archived(ontology.id, tumour) is False
    removed = lb.delete_feature_schema_from_ontology(ontology.id, organ.id)
    assert (removed.archived, removed.deleted) == (False, True)

    spare = lb.create_ontology("spare", {"tools": [], "classifications": []})
    assert spare.id in lb.get_unused_ontologies() and ontology.id not in lb.get_unused_ontologies()
    lb.delete_unused_ontology(spare.id)
    assert spare.id not in lb.get_unused_ontologies()
    lb.delete_unused_feature_schema(organ.id)
    assert organ.id not in lb.get_unused_feature_schemas()
    with pytest.raises(InvalidRequest, match="in use"):
        lb.delete_unused_feature_schema(tumour)


def test_models_embeddings_slices_identity(lb: Client, emulator: LabelboxEmulator) -> None:
    assert lb.get_organization().name
    assert {"LABELER", "ADMIN", "TEAM_MANAGER"} <= set(lb.get_roles())
    ontology = lb.create_ontology("o", {"tools": [], "classifications": []})
    model = lb.create_model("m", ontology.id)
    assert lb.get_model(model.id).ontology_id == ontology.id
    assert [m.id for m in lb.get_models(where={"name": "m"})] == [model.id]
    run = lb.create_model_run(model.id, "run", {"epochs": 3})
    assert lb.get_model_run(run.id).training_metadata == {"epochs": 3}
    config = lb.create_model_config("cfg", model.id, {"temperature": 0.2})
    assert config.inference_params == {"temperature": 0.2}
    assert lb.delete_model_config(config.id) is True

    embedding = lb.create_embedding("emb", 8)
    assert [e.id for e in lb.get_embeddings()] == [embedding.id]
    assert lb.get_embedding_by_name("emb").id == lb.get_embedding_by_id(embedding.id).id == embedding.id
    assert lb.delete_embedding(embedding.id) is True
    with pytest.raises(NotFound):
        lb.get_embedding_by_id(embedding.id)
    with pytest.raises(InvalidRequest, match="dims"):  # the server's rule, reported as bad input
        lb.create_embedding("too-wide", 5000)

    saved = emulator.backend.add_saved_query("slice", [{"type": "data_row_id"}])
    assert lb.get_catalog_slice(saved.id).name == "slice"
    assert lb.get_catalog_slice(slice_name="slice").id == saved.id
    assert lb.get_model_slice(saved.id).id == saved.id

    chat = lb.create_model_evaluation_project("chat")
    assert chat.allowed_media_type is MediaType.CONVERSATIONAL
    offline = lb.create_offline_model_evaluation_project("offline")
    assert offline.editor_task_type is not None and offline.editor_task_type.value == "OFFLINE_MODEL_CHAT_EVALUATION"
    assert "split" in lb.get_data_row_metadata_ontology().reserved_by_name
    assert lb.execute("query Raw { organization { id } }")["organization"]["id"]


def test_datasets_are_bound_to_the_default_iam_integration(lb: Client, emulator: LabelboxEmulator) -> None:
    default = next(i for i in emulator.backend.iam_integrations.values() if i.is_org_default)
    bound = lb.create_dataset(name="bound")
    assert emulator.backend.datasets[bound.id].signer_id == default.id
    hosted = lb.create_dataset(iam_integration=None, name="hosted")
    assert emulator.backend.datasets[hosted.id].signer_id is None
    with pytest.raises(NotFound):
        lb.create_dataset(iam_integration="cl-missing", name="nowhere")
    assert [d.name for d in lb.get_datasets()] == ["bound", "hosted"]  # nothing created for the wrong one
    default.valid = False
    with pytest.raises(InvalidRequest, match="not valid"):
        lb.create_dataset(name="refused")


def test_execute_sends_files_by_the_multipart_spec(lb: Client, scans: list[Path]) -> None:
    document = "mutation Up($file: Upload!, $n: Int!) { uploadFile(file: $file, contentLength: $n) { url } }"
    url = lb.execute(document, {"n": scans[0].stat().st_size}, files={"file": scans[0]})["uploadFile"]["url"]
    assert httpx.get(url).content == scans[0].read_bytes()
    assert httpx.get(lb.upload_data(b"abc", filename="a.txt", content_type="text/plain")).content == b"abc"


# ---- errors


def test_a_wrong_api_key_is_an_auth_error(emulator: LabelboxEmulator, twin: str) -> None:
    with connect(twin, api_key="wrong", endpoint=emulator.graphql_url) as client:
        with pytest.raises(AuthError, match="Invalid API key"):
            client.get_user()
        with pytest.raises(AuthError):  # REST side too
            client.get_unused_ontologies()


def test_no_api_key_at_all_is_an_auth_error(
    monkeypatch: pytest.MonkeyPatch, emulator: LabelboxEmulator, twin: str
) -> None:
    monkeypatch.delenv("LABELBOX_API_KEY", raising=False)
    with pytest.raises(AuthError, match="LABELBOX_API_KEY"), connect(twin, endpoint=emulator.graphql_url):
        pass
    monkeypatch.setenv("LABELBOX_API_KEY", API_KEY)
    with connect(twin, endpoint=emulator.graphql_url) as client:
        assert client.get_user().email


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.get_project("cl-missing"),
        lambda c: c.get_dataset("cl-missing"),
        lambda c: c.get_data_row("cl-missing"),
        lambda c: c.get_ontology("cl-missing"),
        lambda c: c.get_feature_schema("cl-missing"),
        lambda c: c.get_model("cl-missing"),
        lambda c: c.get_task_by_id("cl-missing"),
        lambda c: c.get_catalog_slice("cl-missing"),
        lambda c: c.get_data_row_by_global_key("gk-missing"),
        lambda c: c.is_feature_schema_archived("cl-missing", "cl-missing"),  # REST 404
        lambda c: c.delete_model_config("cl-missing"),
    ],
)
def test_unknown_ids_are_not_found(lb: Client, call: Any) -> None:
    with pytest.raises(NotFound):
        call(lb)


@pytest.mark.parametrize(
    "call",
    [
        lambda c, _: c.get_project(""),
        lambda c, _: c.get_dataset("  "),
        lambda c, _: c.create_dataset(name="x", colour="red"),
        lambda c, _: c.create_project("p", "HOLOGRAM"),
        lambda c, _: c.create_data_rows_from_files("cl1", ["/nonexistent/scan.png"]),
        lambda c, scans: c.create_data_rows_from_files("cl1", [*scans, scans[0].parent / "missing.png"]),
        lambda c, _: c.assign_global_keys_to_data_rows([{"data_row_id": "x"}]),
        lambda c, _: c.get_data_row_ids_for_global_keys("gk-1"),
        lambda c, _: c.insert_feature_schema_into_ontology("fs", "o", -1),
        lambda c, _: c.create_feature_schema("polygon"),
        lambda c, _: c.get_projects(page_size=0),
        lambda c, _: c.get_projects(where=42),
        lambda c, _: c.execute(""),
        lambda c, _: c.create_embedding("e", 0),
    ],
)
def test_bad_input_is_refused_before_any_request(
    lb: Client, emulator: LabelboxEmulator, scans: list[Path], call: Any
) -> None:
    before = len(emulator.operations.entries())
    with pytest.raises(BadInput):
        call(lb, scans)
    assert len(emulator.operations.entries()) == before


class FlakyGateway(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """A proxy answering 503 to the first `failures` requests without forwarding them, then passing through
    (for either twin)."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.seen: list[str] = []
        self._inner = httpx.HTTPTransport()
        self._ainner = httpx.AsyncHTTPTransport()

    def _refuse(self, request: httpx.Request) -> bool:
        self.seen.append(json.loads(request.content)["query"].split("(")[0].split("{")[0].strip())
        return len(self.seen) <= self.failures

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        if self._refuse(request):
            return httpx.Response(503, json={"message": "upstream busy"})
        return self._inner.handle_request(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        if self._refuse(request):
            return httpx.Response(503, json={"message": "upstream busy"})
        return await self._ainner.handle_async_request(request)

    def close(self) -> None:
        self._inner.close()

    async def aclose(self) -> None:
        await self._ainner.aclose()


def test_a_mutation_is_never_retried_but_a_query_is(emulator: LabelboxEmulator, twin: str) -> None:
    gateway = FlakyGateway(failures=1)
    fast = RetryPolicy(max_retries=2, initial_delay=0.01)
    with connect(twin, api_key=API_KEY, endpoint=emulator.graphql_url, retry=fast, transport=gateway) as client:
        with pytest.raises(ServerError):
            client.create_dataset(iam_integration=None, name="once")
        assert gateway.seen == ["mutation CreateDataset"]
        assert emulator.backend.datasets == {}  # the gateway refused it: nothing was created either

        gateway.seen.clear()
        gateway.failures = 1
        assert client.get_organization().name  # 503, then retried
        assert gateway.seen == ["query GetOrganization", "query GetOrganization"]


def test_listing_is_lazy(lb: Client, emulator: LabelboxEmulator) -> None:
    dataset = lb.create_dataset(name="lazy")
    for i in range(7):
        emulator.backend.put_data_row({"row_data": f"https://example.org/{i}.png", "dataset_id": dataset.id}, None)
    before = len(emulator.operations.entries())
    pages = lb.get_data_rows(dataset.id, page_size=3)
    assert len(emulator.operations.entries()) == before  # nothing fetched yet
    first: list[DataRow] = pages.first(4)
    assert len(first) == 4 and len(emulator.operations.entries()) == before + 2
    assert [len(p.items) for p in pages.iter_pages()] == [3, 3, 1]
