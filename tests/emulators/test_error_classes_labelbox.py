"""Every exception leaving a public Labelbox method is a `MedannotError`: each public method of
`medannot.labelbox.Client` and `AsyncClient` (listings iterated to their end, so their pages are fetched),
behind a loopback proxy in front of the emulator that answers 500, garbage, an HTML page, JSON of the wrong
shape, GraphQL answers without usable data, an empty or truncated body, drops the connection, or is not there.

The proxy lets the first `passes` requests of each call through to the emulator (which holds real ids made in
the set-up) before the fault starts, so the faults also reach the later steps of multi-request methods (the
polls of a job, the import after the uploads, the export download).
"""

from __future__ import annotations

import inspect
import socket
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import anyio
import pytest

from medannot.errors import MedannotError
from medannot.labelbox import AsyncClient, Client, GlobalKeys, MediaType
from medannot.testing.labelbox import LabelboxEmulator
from tests.emulators.test_error_classes_phas import FaultProxy

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
FAULTS = [
    "500",
    "garbage-json",
    "html-200",
    "json-object",
    "json-list",
    "graphql-null-data",
    "graphql-wrong-data",
    "graphql-errors",
    "empty-200",
    "truncated",
    "reset",
    "refused",
]
PASSES = [0, 1, 3]  # requests of each call answered by the emulator before the fault
_GRAPHQL_BODIES = {
    "graphql-null-data": (200, "application/json", b'{"data": null}'),
    "graphql-wrong-data": (200, "application/json", b'{"data": {"unexpected": [1], "user": 7}}'),
    "graphql-errors": (200, "application/json", b'{"errors": [{"message": "boom", "extensions": {"code": "ODD"}}]}'),
}


@dataclass(frozen=True)
class Ids:
    """Real objects in the emulator, made once per module."""

    api_key: str
    dataset: str
    data_row: str
    global_key: str
    feature_schema: str
    ontology: str
    project: str
    model: str
    model_run: str
    model_config: str
    embedding: str


@pytest.fixture(scope="module")
def emulator() -> Iterator[LabelboxEmulator]:
    with LabelboxEmulator(job_seconds=0.01) as emu:  # done by the first status read (medannot waits 50 ms)
        yield emu


@pytest.fixture(scope="module")
def ids(emulator: LabelboxEmulator, tmp_path_factory: pytest.TempPathFactory) -> Ids:
    scan = tmp_path_factory.mktemp("scans") / "scan.png"
    scan.write_bytes(PNG)
    with Client(emulator.api_key, emulator.graphql_url, timeout=10) as lb:
        dataset = lb.create_dataset(name="faults")
        row = lb.create_data_rows_from_files(dataset.id, [scan], progress=False).created[0]
        lb.assign_global_keys_to_data_rows([{"data_row_id": row.id, "global_key": "gk-faults"}])
        schema = lb.create_feature_schema({"tool": "rectangle", "name": "lesion"})
        ontology = lb.create_ontology_from_feature_schemas("faults", [schema.id], media_type="image")
        project = lb.create_project("faults", MediaType.IMAGE)
        lb.create_batch(project.id, "b", [row.id])
        model = lb.create_model("faults", ontology.id)
        run = lb.create_model_run(model.id, "run")
        config = lb.create_model_config("cfg", model.id, {"k": 1})
        embedding = lb.create_embedding("emb", 8)
        emulator.backend.add_label(project.id, row.id, [schema.id])
        return Ids(
            emulator.api_key, dataset.id, row.id, "gk-faults", schema.id, ontology.id, project.id, model.id,
            run.id, config.id, embedding.id,
        )  # fmt: skip


@pytest.fixture(scope="module")
def proxy(emulator: LabelboxEmulator) -> Iterator[FaultProxy]:
    server = FaultProxy(emulator.url, passthrough=lambda path: False)
    server.bodies.update(_GRAPHQL_BODIES)
    yield server
    server.close()


# nothing passes through a closed port: "refused" only with no pass-through
CASES = [(f, n) for f in FAULTS for n in PASSES if not (f == "refused" and n)]


@pytest.fixture(params=CASES, ids=[f"{f}-after{n}" for f, n in CASES])
def case(request: pytest.FixtureRequest) -> tuple[str, int]:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def fault(case: tuple[str, int]) -> str:
    return case[0]


@pytest.fixture
def passes(case: tuple[str, int]) -> int:
    return case[1]


@pytest.fixture
def faulty_url(fault: str, passes: int, proxy: FaultProxy) -> Iterator[str]:
    if fault == "refused":
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        yield f"http://127.0.0.1:{port}/graphql"
        return
    proxy.fault = fault
    yield proxy.url + "/graphql"
    proxy.fault = None


async def _collect(items: AsyncIterator[Any]) -> list[Any]:
    return [item async for item in items]


def calls(tmp: Path, ids: Ids) -> dict[str, Callable[[Any], Any]]:
    """One plausible call per public method (arguments valid and naming real objects, so only the server's
    answer can fail it). `o.lb` is the client, `o.collect` drains a listing (list, or an async collector)."""
    scan = tmp / "scan.png"
    scan.write_bytes(PNG)
    tool = {"tool": "polygon", "name": "tumour"}
    return {
        # identity and raw GraphQL
        "execute": lambda o: o.lb.execute("query { user { id } }"),
        "execute(files)": lambda o: o.lb.execute(
            "mutation U($file: Upload!) { uploadFile(file: $file, contentLength: 72) { url } }", files={"file": scan}
        ),
        "get_user": lambda o: o.lb.get_user(),
        "get_organization": lambda o: o.lb.get_organization(),
        "get_users": lambda o: o.collect(o.lb.get_users(page_size=1)),
        "get_roles": lambda o: o.lb.get_roles(),
        "get_task_by_id": lambda o: o.lb.get_task_by_id("task-1"),
        "wait_for_task": lambda o: o.lb.wait_for_task("task-1", timeout_seconds=2),
        # datasets, data rows, global keys, uploads
        "create_dataset": lambda o: o.lb.create_dataset(name="d"),
        "get_dataset": lambda o: o.lb.get_dataset(ids.dataset),
        "get_datasets": lambda o: o.collect(o.lb.get_datasets(page_size=1)),
        "get_data_rows": lambda o: o.collect(o.lb.get_data_rows(ids.dataset, page_size=1)),
        "get_data_row": lambda o: o.lb.get_data_row(ids.data_row),
        "get_data_row_by_global_key": lambda o: o.lb.get_data_row_by_global_key(ids.global_key),
        "get_data_row_ids_for_external_ids": lambda o: o.lb.get_data_row_ids_for_external_ids(["scan.png"]),
        "get_data_row_metadata_ontology": lambda o: o.lb.get_data_row_metadata_ontology(),
        "get_data_row_ids_for_global_keys": lambda o: o.lb.get_data_row_ids_for_global_keys(
            [ids.global_key], timeout_seconds=2
        ),
        "assign_global_keys_to_data_rows": lambda o: o.lb.assign_global_keys_to_data_rows(
            [{"data_row_id": ids.data_row, "global_key": ids.global_key}], timeout_seconds=2
        ),
        "clear_global_keys": lambda o: o.lb.clear_global_keys(["gk-none"], timeout_seconds=2),
        "upload_file": lambda o: o.lb.upload_file(scan),
        "upload_data": lambda o: o.lb.upload_data(PNG, "x.png", "image/png"),
        "create_data_rows_from_files": lambda o: o.lb.create_data_rows_from_files(
            ids.dataset, [scan], progress=False, timeout_seconds=2
        ),
        # projects
        "create_project": lambda o: o.lb.create_project("p", MediaType.IMAGE),
        "create_model_evaluation_project": lambda o: o.lb.create_model_evaluation_project(
            "p", dataset_name="gen", data_row_count=1
        ),
        "create_offline_model_evaluation_project": lambda o: o.lb.create_offline_model_evaluation_project("p"),
        "create_response_creation_project": lambda o: o.lb.create_response_creation_project("p"),
        "create_prompt_response_generation_project": lambda o: o.lb.create_prompt_response_generation_project(
            "p", MediaType.LLMPromptCreation, dataset_name="gen", data_row_count=1
        ),
        "get_project": lambda o: o.lb.get_project(ids.project),
        "get_projects": lambda o: o.collect(o.lb.get_projects(page_size=1)),
        "create_batch": lambda o: o.lb.create_batch(ids.project, "b2", [ids.data_row]),
        "export_project_labels": lambda o: o.lb.export_project_labels(ids.project, tmp, timeout_seconds=2),
        # ontologies and feature schemas
        "create_feature_schema": lambda o: o.lb.create_feature_schema(tool),
        "get_feature_schema": lambda o: o.lb.get_feature_schema(ids.feature_schema),
        "get_feature_schemas": lambda o: o.collect(o.lb.get_feature_schemas(page_size=1)),
        "upsert_feature_schema": lambda o: o.lb.upsert_feature_schema(tool),
        "update_feature_schema_title": lambda o: o.lb.update_feature_schema_title(ids.feature_schema, "t"),
        "delete_unused_feature_schema": lambda o: o.lb.delete_unused_feature_schema(ids.feature_schema),
        "get_unused_feature_schemas": lambda o: o.lb.get_unused_feature_schemas(),
        "create_ontology": lambda o: o.lb.create_ontology("o", {"tools": [tool], "classifications": []}),
        "create_ontology_from_feature_schemas": lambda o: o.lb.create_ontology_from_feature_schemas(
            "o", [ids.feature_schema]
        ),
        "get_ontology": lambda o: o.lb.get_ontology(ids.ontology),
        "get_ontologies": lambda o: o.collect(o.lb.get_ontologies(page_size=1)),
        "insert_feature_schema_into_ontology": lambda o: o.lb.insert_feature_schema_into_ontology(
            ids.feature_schema, ids.ontology, 0
        ),
        "delete_feature_schema_from_ontology": lambda o: o.lb.delete_feature_schema_from_ontology(
            ids.ontology, ids.feature_schema
        ),
        "is_feature_schema_archived": lambda o: o.lb.is_feature_schema_archived(ids.ontology, ids.feature_schema),
        "unarchive_feature_schema_node": lambda o: o.lb.unarchive_feature_schema_node(ids.ontology, ids.feature_schema),
        "get_unused_ontologies": lambda o: o.lb.get_unused_ontologies(),
        "delete_unused_ontology": lambda o: o.lb.delete_unused_ontology(ids.ontology),
        # models, embeddings, slices, feedback
        "create_model": lambda o: o.lb.create_model("m", ids.ontology),
        "get_model": lambda o: o.lb.get_model(ids.model),
        "get_models": lambda o: o.lb.get_models(page_size=1),
        "create_model_run": lambda o: o.lb.create_model_run(ids.model, "r", {"lr": 0.1}),
        "get_model_run": lambda o: o.lb.get_model_run(ids.model_run),
        "create_model_config": lambda o: o.lb.create_model_config("c", ids.model, {"k": 1}),
        "delete_model_config": lambda o: o.lb.delete_model_config(ids.model_config),
        "create_embedding": lambda o: o.lb.create_embedding("e", 4),
        "get_embeddings": lambda o: o.lb.get_embeddings(),
        "get_embedding_by_id": lambda o: o.lb.get_embedding_by_id(ids.embedding),
        "get_embedding_by_name": lambda o: o.lb.get_embedding_by_name("emb"),
        "delete_embedding": lambda o: o.lb.delete_embedding(ids.embedding),
        "get_catalog_slice": lambda o: o.lb.get_catalog_slice(slice_name="s"),
        "get_catalog_slice(id)": lambda o: o.lb.get_catalog_slice("slice-1"),
        "get_model_slice": lambda o: o.lb.get_model_slice("slice-1"),
        "upsert_label_feedback": lambda o: o.lb.upsert_label_feedback("label-1", "ok", {"score": 1.0}),
        # sends nothing, listed so the coverage test sees every name
        "build_catalog_query": lambda o: o.lb.build_catalog_query(GlobalKeys([ids.global_key])),
    }


NO_REQUEST = {"close", "with_options", "api"}  # lifecycle, and `api`: the generated client, outside the facade


def test_every_public_method_is_listed(tmp_path: Path) -> None:
    ids = Ids(*["x"] * 11)
    listed = {key.split("(")[0] for key in calls(tmp_path, ids)}
    for cls in (Client, AsyncClient):
        public = {name for name, _ in inspect.getmembers(cls) if not name.startswith("_")}
        assert not public - listed - NO_REQUEST, cls.__name__


def _untyped(name: str, exc: Exception) -> str:
    return f"{name} raised {type(exc).__name__}: {str(exc)[:200]}"


def test_sync_methods_raise_only_medannot_errors(
    faulty_url: str, passes: int, proxy: FaultProxy, ids: Ids, tmp_path: Path
) -> None:
    failures = []
    with Client(ids.api_key, faulty_url, timeout=5) as base:
        o = SimpleNamespace(lb=base.with_options(max_retries=0), collect=list)
        for name, call in calls(tmp_path, ids).items():
            proxy.passes = passes
            try:
                call(o)
            except MedannotError:
                pass
            except Exception as exc:  # pragma: no cover - the failure message names the culprit
                failures.append(_untyped(f"Client.{name}", exc))
    assert not failures, "\n".join(failures)


def test_async_methods_raise_only_medannot_errors(
    faulty_url: str, passes: int, proxy: FaultProxy, ids: Ids, tmp_path: Path
) -> None:
    failures: list[str] = []

    async def run() -> None:
        async with AsyncClient(ids.api_key, faulty_url, timeout=5) as base:
            o = SimpleNamespace(lb=base.with_options(max_retries=0), collect=_collect)
            for name, call in calls(tmp_path, ids).items():
                proxy.passes = passes
                try:
                    result = call(o)
                    if inspect.isawaitable(result):
                        await result
                except MedannotError:
                    pass
                except Exception as exc:  # pragma: no cover
                    failures.append(_untyped(f"AsyncClient.{name}", exc))

    anyio.run(run)
    assert not failures, "\n".join(failures)


def test_the_proxy_passes_a_working_server_through(proxy: FaultProxy, ids: Ids) -> None:
    """Without a fault the calls reach the emulator's objects: the faults, not the set-up, fail them."""
    with Client(ids.api_key, proxy.url + "/graphql", timeout=10) as lb:
        assert lb.get_project(ids.project).id == ids.project
        assert [r.id for r in lb.get_data_rows(ids.dataset)] == [ids.data_row]
        assert lb.is_feature_schema_archived(ids.ontology, ids.feature_schema) is False
