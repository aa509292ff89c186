"""Bad input to `medannot.labelbox.Client` / `AsyncClient`: each case is a `BadInput` naming the parameter, raised
before any request (the emulator's request journal does not grow). One table, both twins.

The checks live at a few seams: `core.validate` (ids, JSON, numbers, files lists), `labelbox._base`
(`validated_input`/`where_input` against the generated input types with unknown keys refused, `text_key(s)`,
`seconds`, `quality`, `media`) and `labelbox._async.base.opened_input` (missing, empty, text-mode files)."""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from medannot.errors import BadInput
from medannot.labelbox import AsyncClient, Client, GlobalKeys, UniqueIds
from medannot.testing.labelbox import LabelboxEmulator
from tests.blocking import construct, portal

KEY = "bad-input-key"
NAN = math.nan


@dataclass(frozen=True)
class Case:
    method: str
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    param: str = ""  # the name the message must carry
    files: Callable[[Path], dict[str, Any]] | None = None  # extra kwargs built from a temporary folder

    @property
    def id(self) -> str:
        return f"{self.method}-{self.param}"


def empty_file(tmp: Path) -> Path:
    path = tmp / "empty.png"
    path.write_bytes(b"")
    return path


def good_file(tmp: Path) -> Path:
    path = tmp / "good.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"x" * 32)
    return path


ID = "ckabcdefghijklmnopqrstuvw"
CASES: list[Case] = [
    # ---- ids: wrong type, empty, blank, control characters, too long, separators
    Case("get_dataset", (None,), param="dataset_id"),
    Case("get_dataset", (42,), param="dataset_id"),
    Case("get_dataset", ("",), param="dataset_id"),
    Case("get_dataset", ("   ",), param="dataset_id"),
    Case("get_dataset", ("ab\x00cd",), param="dataset_id"),
    Case("get_dataset", ("ab\ncd",), param="dataset_id"),
    Case("get_dataset", ("a" * 10_000,), param="dataset_id"),
    Case("get_project", ("../x",), param="project_id"),
    Case("get_data_row", (b"bytes-id",), param="data_row_id"),
    Case("get_task_by_id", ("\t",), param="task_id"),
    Case("get_model", ("m\x7f",), param="model_id"),
    Case("get_model_run", (["id"],), param="model_run_id"),
    Case("get_ontology", ("o\u2028x",), param="ontology_id"),
    Case("get_feature_schema", ("",), param="feature_schema_id"),
    Case("get_model_slice", (None,), param="slice_id"),
    Case("delete_embedding", ("a/b",), param="id"),
    Case("delete_model_config", (1.5,), param="id"),
    Case("delete_unused_ontology", ("..",), param="ontology_id"),
    Case("delete_unused_feature_schema", ("x\x1b[31m",), param="feature_schema_id"),
    Case("get_embedding_by_id", ("",), param="id"),
    Case("get_data_row_by_global_key", ("key\x00",), param="global_key"),
    Case("get_data_rows", ("",), param="dataset_id"),
    Case("unarchive_feature_schema_node", (ID, "r\x00"), param="root_feature_schema_id"),
    Case("is_feature_schema_archived", ("", ID), param="ontology_id"),
    Case("delete_feature_schema_from_ontology", (ID, 7), param="feature_schema_id"),
    Case("update_feature_schema_title", (ID, "  "), param="title"),
    Case("update_feature_schema_title", ("\n", "t"), param="feature_schema_id"),
    Case("get_unused_ontologies", ("a\x00",), param="after"),
    Case("get_unused_feature_schemas", (5,), param="after"),
    Case("get_catalog_slice", (), {"slice_id": "s\x00"}, param="slice_id"),
    Case("get_catalog_slice", (), {"slice_name": 3}, param="slice_name"),
    Case("create_dataset", (), {"name": "d", "iam_integration": "i\x00"}, param="iam_integration"),
    # ---- names and other strings
    Case("create_dataset", (), {"name": ""}, param="name"),
    Case("create_dataset", (), {"name": "d", "description": 5}, param="description"),
    Case("create_project", ("", "IMAGE"), param="name"),
    Case("create_project", ("p", "IMAGE"), {"description": ["x"]}, param="description"),
    Case("create_model", ("m", ""), param="ontology_id"),
    Case("create_embedding", (None, 8), param="name"),
    Case("get_embedding_by_name", ("",), param="name"),
    Case("upsert_label_feedback", (ID, 5, {"a": 1.0}), param="feedback"),
    Case("get_feature_schemas", (5,), param="name_contains"),
    Case("get_ontologies", ("a\x00",), param="name_contains"),
    Case("upload_data", (b"x",), {"content_type": "text/plain\r\nX-Evil: 1"}, param="content_type"),
    Case("upload_data", (b"x",), {"filename": 5}, param="filename"),
    # ---- lists given as one bare string (or other non-lists)
    Case("get_data_row_ids_for_global_keys", ("key",), param="global_keys"),
    Case("get_data_row_ids_for_global_keys", (["ok", ""],), param="global_keys[1]"),
    Case("clear_global_keys", ("key",), param="global_keys"),
    Case("get_data_row_ids_for_external_ids", ("ext",), param="external_ids"),
    Case("assign_global_keys_to_data_rows", ("abc",), param="global_key_to_data_row_inputs"),
    Case(
        "assign_global_keys_to_data_rows",
        ([{"data_row_id": "", "global_key": "k"}],),
        param="global_key_to_data_row_inputs[0].data_row_id",
    ),
    Case("create_batch", (ID, "b", "row-id"), param="data_rows"),
    Case("create_batch", (ID, "b", [ID, "r\x00"]), param="data_rows[1]"),
    Case("create_batch", (ID, "b", []), param="data_rows"),
    Case("create_ontology_from_feature_schemas", ("o", ID), param="feature_schema_ids"),
    Case("create_data_rows_from_files", (ID, "a/path.png"), param="paths"),
    Case("create_project", ("p", "IMAGE"), {"quality_modes": "BENCHMARK"}, param="quality_modes"),
    Case("create_project", ("p", "IMAGE"), {"quality_modes": ["BENCHMRK"]}, param="quality_modes"),
    Case("build_catalog_query", (UniqueIds("abc"),), param="data_rows.ids"),
    Case("build_catalog_query", (GlobalKeys(["k", "\x00"]),), param="data_rows.ids[1]"),
    Case("build_catalog_query", (["id"],), param="data_rows"),
    # ---- numbers: page sizes, priorities, counts, booleans
    Case("get_datasets", (), {"page_size": 0}, param="page_size"),
    Case("get_projects", (), {"page_size": True}, param="page_size"),
    Case("get_users", (), {"page_size": -5}, param="page_size"),
    Case("get_data_rows", (ID,), {"page_size": 2.5}, param="page_size"),
    Case("get_feature_schemas", (), {"page_size": 0}, param="page_size"),
    Case("get_models", (), {"page_size": "10"}, param="page_size"),
    Case("get_ontologies", (), {"page_size": False}, param="page_size"),
    Case("create_batch", (ID, "b", [ID]), {"priority": 0}, param="priority"),
    Case("create_batch", (ID, "b", [ID]), {"priority": "high"}, param="priority"),
    Case("create_batch", (ID, "b", [ID]), {"global_keys": "yes"}, param="global_keys"),
    Case("create_embedding", ("e", 0), param="dims"),
    Case("create_embedding", ("e", True), param="dims"),
    Case("insert_feature_schema_into_ontology", (ID, ID, -1), param="position"),
    Case(
        "create_model_evaluation_project", ("p",), {"data_row_count": -1, "dataset_name": "d"}, param="data_row_count"
    ),
    Case("create_project", ("p", "IMAGE"), {"is_benchmark_enabled": "yes"}, param="is_benchmark_enabled"),
    Case("create_offline_model_evaluation_project", ("p",), {"is_consensus_enabled": 2}, param="is_consensus_enabled"),
    Case("create_offline_model_evaluation_project", ("",), param="name"),
    Case("create_model_evaluation_project", ("p",), {"dataset_id": "d\x00"}, param="dataset_id"),
    Case("create_response_creation_project", ("",), param="name"),
    Case("create_response_creation_project", ("p",), {"quality_modes": "BENCHMARK"}, param="quality_modes"),
    Case("create_prompt_response_generation_project", ("p", "IMAGE"), {"dataset_name": "d"}, param="media_type"),
    Case(
        "create_prompt_response_generation_project",
        ("p", "LLMPromptCreation"),
        {"dataset_name": "d", "data_row_count": 0},
        param="data_row_count",
    ),
    Case("create_prompt_response_generation_project", ("p", "LLMPromptCreation"), param="dataset_name"),
    Case("upload_data", (b"x",), {"sign": "no"}, param="sign"),
    Case("create_data_rows_from_files", (ID, []), {"concurrency": 0}, param="paths"),
    # ---- `where`: unknown keys (at any depth) and values of the wrong type, checked against the input types
    Case("get_datasets", ({"nmae": "x"},), param="nmae"),
    Case("get_datasets", ({"AND": [{"name": "x"}, {"nmae": "y"}]},), param="where.AND[1].nmae"),
    Case("get_projects", ({"name": 5},), param="where.name"),
    Case("get_projects", ("name=x",), param="where"),
    Case("get_users", ({"emial": "a@b"},), param="emial"),
    Case("get_models", ({"nam": "m"},), param="nam"),
    Case("get_data_rows", (ID, {"externalID": "x"}), param="externalID"),
    # ---- NaN, infinities and non-JSON values in JSON
    Case("execute", ("query Q { a }", {"x": NAN}), param="params['x']"),
    Case("execute", ("query Q { a }", {"x": [1, math.inf]}), param="params['x'][1]"),
    Case("execute", ("query Q { a }", "notadict"), param="params"),
    Case("execute", ("query Q { a }", {"x": object()}), param="params['x']"),
    Case("execute", ("",), param="query"),
    Case("upsert_label_feedback", (ID, "fine", {"a": NAN}), param="scores['a']"),
    Case("upsert_label_feedback", (ID, "fine", {"a": "high"}), param="scores['a']"),
    Case("create_model_run", (ID, "run"), {"config": {"lr": -math.inf}}, param="config['lr']"),
    Case("create_model_config", ("c", ID, {"t": NAN}), param="inference_params['t']"),
    Case("create_model_config", ("c", ID, [("t", 1)]), param="inference_params"),
    Case("create_feature_schema", ({"tool": "polygon", "name": "p", "w": NAN},), param="normalized['w']"),
    Case("create_feature_schema", ("polygon",), param="normalized"),
    Case("upsert_feature_schema", ({"name": "p", "featureSchemaId": "a/b"},), param="featureSchemaId"),
    Case("create_ontology", ("o", {"tools": [{"x": math.inf}]}), param="normalized['tools'][0]['x']"),
    # ---- media types and ontology kinds
    Case("create_project", ("p", "PHOTO"), param="media_type"),
    Case("create_project", ("p", 5), param="media_type"),
    Case("create_project", ("p", None), param="media_type"),
    Case("create_ontology", ("o", {"tools": []}, "HOLOGRAM"), param="media_type"),
    Case("create_ontology_from_feature_schemas", ("o", [ID], "HOLOGRAM"), param="media_type"),
    Case("create_ontology_from_feature_schemas", ("o", [ID]), {"ontology_kind": "Other"}, param="ontology_kind"),
    # ---- timeouts
    Case("wait_for_task", (ID,), {"timeout_seconds": -1}, param="timeout_seconds"),
    Case("wait_for_task", (ID,), {"timeout_seconds": NAN}, param="timeout_seconds"),
    Case("wait_for_task", (ID,), {"timeout_seconds": "60"}, param="timeout_seconds"),
    Case("get_data_row_ids_for_global_keys", (["k"],), {"timeout_seconds": NAN}, param="timeout_seconds"),
    Case("clear_global_keys", (["k"],), {"timeout_seconds": -0.5}, param="timeout_seconds"),
    Case(
        "assign_global_keys_to_data_rows",
        ([{"data_row_id": ID, "global_key": "k"}],),
        {"timeout_seconds": True},
        param="timeout_seconds",
    ),
    Case("export_project_labels", (ID, "out.ndjson"), {"timeout_seconds": -1}, param="timeout_seconds"),
    Case(
        "create_data_rows_from_files",
        (ID,),
        {"timeout_seconds": NAN},
        param="timeout_seconds",
        files=lambda tmp: {"paths": [good_file(tmp)]},
    ),
    # ---- files: missing, empty, text mode, not a file at all
    Case("upload_file", ("/no/such/file.png",), param="path"),
    Case("upload_file", (), param="path", files=lambda tmp: {"path": empty_file(tmp)}),
    Case("upload_file", (io.StringIO("text"),), param="path"),
    Case("upload_file", (), param="path", files=lambda tmp: {"path": open(good_file(tmp), encoding="latin-1")}),  # noqa: SIM115
    Case("upload_file", (b"raw bytes",), param="path"),
    Case("upload_file", (io.BytesIO(b""),), param="path"),
    Case("upload_data", (b"",), param="content"),
    Case("upload_data", ("text",), param="content"),
    Case(
        "create_data_rows_from_files",
        (ID,),
        param="paths[1]",
        files=lambda tmp: {"paths": [good_file(tmp), tmp / "missing.png"]},
    ),
    Case(
        "create_data_rows_from_files",
        (ID,),
        param="paths[0]",
        files=lambda tmp: {"paths": [empty_file(tmp), good_file(tmp)]},
    ),
    Case(
        "create_data_rows_from_files",
        (ID,),
        {"concurrency": 0},
        param="concurrency",
        files=lambda tmp: {"paths": [good_file(tmp)]},
    ),
    Case(
        "create_data_rows_from_files",
        (ID,),
        {"fail_fast": "yes"},
        param="fail_fast",
        files=lambda tmp: {"paths": [good_file(tmp)]},
    ),
    Case("execute", ("mutation M { m }",), {"files": "a.png"}, param="files"),
    Case("execute", ("mutation M($f: Upload) { m }",), {"files": {"f": "/no/such.png"}}, param="files['f']"),
    # ---- export destinations
    Case("export_project_labels", (ID, "/no/such/dir/out.ndjson"), param="dest"),
    Case("export_project_labels", (ID, 5), param="dest"),
    Case("export_project_labels", (ID, ""), param="dest"),
    Case("export_project_labels", ("", "out.ndjson"), param="project_id"),
    Case("export_project_labels", (ID, "out.ndjson"), {"overwrite": "yes"}, param="overwrite"),
]


@pytest.fixture(scope="module")
def emulator() -> Iterator[LabelboxEmulator]:
    with LabelboxEmulator(api_key=KEY) as running:
        yield running


@pytest.fixture(scope="module", params=["sync", "async"])
def client(request: pytest.FixtureRequest, emulator: LabelboxEmulator) -> Iterator[Any]:
    if request.param == "sync":
        with Client(KEY, emulator.graphql_url) as sync_client:
            yield sync_client
        return
    with portal() as running:
        async_client = construct(AsyncClient, running, KEY, emulator.graphql_url)
        try:
            yield async_client
        finally:
            async_client.close()


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 55
    public = {name for name in dir(Client) if not name.startswith("_") and callable(getattr(Client, name))}
    covered = {case.method for case in CASES}
    # every public method that takes arguments has at least one bad-input case
    without_arguments = {
        "close",
        "get_user",
        "get_organization",
        "get_roles",
        "get_embeddings",
        "get_data_row_metadata_ontology",
        "with_options",  # the core's, tested with the core
        "api",
    }
    assert public - covered - without_arguments == set()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_refused_before_any_request(
    case: Case, client: Any, emulator: LabelboxEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # relative export destinations land here
    kwargs = dict(case.kwargs)
    if case.files is not None:
        kwargs.update(case.files(tmp_path))
    before = len(emulator.requests)
    with pytest.raises(BadInput) as raised:
        result = getattr(client, case.method)(*case.args, **kwargs)
        if hasattr(result, "__iter__") and not isinstance(result, (str, bytes, dict)):
            list(result)  # a listing: its first page would be the first request
    assert case.param in str(raised.value), f"{raised.value!r} does not name {case.param!r}"
    assert len(emulator.requests) == before, f"requests were sent: {emulator.requests[before:]}"
    for item in kwargs.values():
        if hasattr(item, "close"):
            item.close()


def test_nan_timeout_is_refused_at_construction() -> None:
    for timeout in (NAN, -1, "5", True):
        with pytest.raises(BadInput, match="timeout"):
            Client(KEY, "http://127.0.0.1:9/graphql", timeout=timeout)
