"""ariadne bindings: each root field parses its arguments and calls one backend method.

The schema is built with `convert_names_case`, so arguments and input fields arrive in snake_case
and object fields resolve to the snake_case attributes (or dict keys) of the backend's records.
"""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from ariadne import MutationType, ObjectType, QueryType, ScalarType, UnionType, make_executable_schema, upload_scalar
from graphql import GraphQLResolveInfo, GraphQLSchema
from starlette.datastructures import UploadFile

from . import models as m
from .backend import LabelboxBackend
from .errors import BadRequest, json_object
from .tables import cursor_page, live, offset_page

# One SDL for the emulator, the oracle test and codegen: schemas/labelbox/schema.graphql in a checkout.
SOURCE_SCHEMA = Path(__file__).resolve().parents[4] / "schemas" / "labelbox" / "schema.graphql"


def default_schema_path() -> Path:
    """The copy shipped with the generated client (as for MONAI Label) once codegen writes it, else the source."""
    try:
        shipped = resources.files("medannot_api.labelbox").joinpath("schema.graphql")
    except ModuleNotFoundError:
        return SOURCE_SCHEMA
    return Path(str(shipped)) if shipped.is_file() else SOURCE_SCHEMA


query: QueryType = QueryType()
mutation: MutationType = MutationType()
user_type: ObjectType = ObjectType("User")
task_type: ObjectType = ObjectType("Task")
project_mutations: ObjectType = ObjectType("ProjectMutations")
iam_settings: UnionType = UnionType("IamIntegrationSettings")
datetime_scalar: ScalarType = ScalarType("DateTime")
json_scalar: ScalarType = ScalarType("Json")  # any JSON value, passed through as is
page_size_scalar: ScalarType = ScalarType("PageSize")
uint64_scalar: ScalarType = ScalarType("UInt64")

Args = Any  # resolver keyword arguments, already coerced by graphql-core against the SDL


def _backend(info: GraphQLResolveInfo) -> LabelboxBackend:
    backend: LabelboxBackend = info.context["backend"]
    return backend


def _id(where: dict[str, Any] | None) -> str | None:
    return (where or {}).get("id")


@datetime_scalar.serializer
def _serialize_datetime(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


@datetime_scalar.value_parser
def _parse_datetime(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


@page_size_scalar.value_parser
def _parse_page_size(value: Any) -> int:
    if not isinstance(value, int) or value < 1:
        raise ValueError("PageSize must be a positive integer")
    return value


@uint64_scalar.serializer
def _serialize_uint64(value: int) -> str:
    return str(value)


@uint64_scalar.value_parser
def _parse_uint64(value: Any) -> int:
    number = int(value)
    if number < 0:
        raise ValueError("UInt64 must not be negative")
    return number


@iam_settings.type_resolver
def _resolve_iam_settings(obj: dict[str, Any], *_: Any) -> str:
    return "AwsIamIntegrationSettings" if "role_arn" in obj else "GcpIamIntegrationSettings"


# ---- users, organization


@query.field("user")
def _user(_: None, info: GraphQLResolveInfo, where: dict[str, Any] | None = None) -> m.User:
    return _backend(info).get_user(_id(where))


@query.field("users")
def _users(_: None, info: GraphQLResolveInfo, where: Args = None, skip: int = 0, first: int | None = None) -> Any:
    return offset_page(_backend(info).list_users(where), skip, first)


@user_type.field("createdTasks")
def _created_tasks(
    user: m.User, info: GraphQLResolveInfo, where: Args = None, skip: int = 0, first: int | None = None
) -> Any:
    return offset_page(_backend(info).created_tasks(user.id, where), skip, first)


@query.field("organization")
def _organization(_: None, info: GraphQLResolveInfo) -> m.Organization:
    return _backend(info).organization


@query.field("roles")
def _roles(_: None, info: GraphQLResolveInfo) -> list[m.Role]:
    return _backend(info).roles


@query.field("iamIntegrations")
def _iam_integrations(_: None, info: GraphQLResolveInfo) -> list[m.IAMIntegration]:
    return list(_backend(info).iam_integrations.values())


# ---- projects and datasets


@query.field("project")
def _project(_: None, info: GraphQLResolveInfo, where: Args) -> m.Project:
    return _backend(info).get_project(_id(where))


@query.field("projects")
def _projects(_: None, info: GraphQLResolveInfo, where: Args = None, skip: int = 0, first: int | None = None) -> Any:
    return offset_page(_backend(info).list_projects(where), skip, first)


@mutation.field("createProject")
def _create_project(_: None, info: GraphQLResolveInfo, data: Args) -> m.Project:
    return _backend(info).create_project(data)


@mutation.field("project")
def _project_mutations(_: None, info: GraphQLResolveInfo, where: Args) -> m.Project:
    return _backend(info).get_project(_id(where))


@project_mutations.field("createBatchV2")
def _create_batch(project: m.Project, info: GraphQLResolveInfo, input: Args) -> dict[str, Any]:
    batch, failed = _backend(info).create_batch(project.id, input)
    return {"batch": batch, "failed_data_row_ids": failed}


@query.field("dataset")
def _dataset(_: None, info: GraphQLResolveInfo, where: Args) -> m.Dataset:
    return _backend(info).get_dataset(_id(where))


@query.field("datasets")
def _datasets(_: None, info: GraphQLResolveInfo, where: Args = None, skip: int = 0, first: int | None = None) -> Any:
    return offset_page(_backend(info).list_datasets(where), skip, first)


@mutation.field("createDataset")
def _create_dataset(_: None, info: GraphQLResolveInfo, data: Args) -> m.Dataset:
    return _backend(info).create_dataset(data)


@mutation.field("setSignerForDataset")
def _set_signer(_: None, info: GraphQLResolveInfo, data: Args, where: Args) -> m.Dataset:
    return _backend(info).set_signer(_id(where) or "", data["signer_id"])


@mutation.field("validateDataset")
def _validate_dataset(_: None, info: GraphQLResolveInfo, where: Args) -> dict[str, Any]:
    return _backend(info).validate_dataset(_id(where) or "")


@query.field("datasetDataRows")
def _dataset_data_rows(
    _: None, info: GraphQLResolveInfo, id: str, first: int | None = None, where: Args = None, **kwargs: Any
) -> dict[str, Any]:
    rows = _backend(info).dataset_rows(id, where)
    page, next_start = cursor_page(rows, kwargs.get("from"), first)
    return {"nodes": page, "page_info": {"has_next_page": next_start is not None, "start_cursor": next_start}}


# ---- data rows and global keys


@query.field("dataRow")
def _data_row(_: None, info: GraphQLResolveInfo, where: Args) -> m.DataRow:
    return _backend(info).get_data_row(_id(where))


@query.field("externalIdsToDataRowIds")
def _external_ids(_: None, info: GraphQLResolveInfo, external_id_in: list[str]) -> Any:
    return _backend(info).external_ids_to_data_row_ids(external_id_in)


@query.field("queryAllDataRowsHaveBeenProcessed")
def _rows_processed(
    _: None, info: GraphQLResolveInfo, data_row_ids: list[str] | None = None, global_keys: list[str] | None = None
) -> dict[str, bool]:
    backend = _backend(info)
    for key in global_keys or []:
        backend.data_row_by_global_key(key)
    for id in data_row_ids or []:
        backend.get_data_row(id)
    return {"all_data_rows_have_been_processed": True}  # rows are processed as soon as they exist


@mutation.field("upsertDataRows")
def _upsert_data_rows(_: None, info: GraphQLResolveInfo, data: Args) -> m.Task:
    return _backend(info).upsert_data_rows(data["manifest_uri"])


@query.field("successesfulDataRowImports")
def _import_successes(_: None, info: GraphQLResolveInfo, data: Args) -> dict[str, Any]:
    backend = _backend(info)
    ids = backend.import_results(data["task_id"])["successes"]
    return {"nodes": [backend.data_rows[i] for i in ids], "after": None, "total": len(ids)}


@query.field("failedDataRowImports")
def _import_failures(_: None, info: GraphQLResolveInfo, data: Args) -> dict[str, Any]:
    failures = _backend(info).import_results(data["task_id"])["failures"]
    return {"results": failures, "after": None, "total": len(failures)}


def _job_started(job: m.Task) -> dict[str, str]:
    return {"job_id": job.id}


def _job_result(_: None, info: GraphQLResolveInfo, job_id: Args) -> dict[str, Any]:
    job = _backend(info).poll_job(_id(job_id))
    done = job.finished  # read once: the clock may pass the job's end between two reads
    return {"job_status": "COMPLETE" if done else "IN_PROGRESS", "data": job.payload if done else None}


for _name in ("dataRowsForGlobalKeysResult", "assignGlobalKeysToDataRowsResult", "clearGlobalKeysResult"):
    query.set_field(_name, _job_result)


@query.field("dataRowsForGlobalKeys")
def _data_rows_for_global_keys(_: None, info: GraphQLResolveInfo, where: Args) -> dict[str, str]:
    return _job_started(_backend(info).start_data_rows_for_global_keys(where["ids"]))


@mutation.field("assignGlobalKeysToDataRows")
def _assign_global_keys(_: None, info: GraphQLResolveInfo, data: Args) -> dict[str, str]:
    return _job_started(_backend(info).start_assign_global_keys(data["assign_inputs"]))


@mutation.field("clearGlobalKeys")
def _clear_global_keys(_: None, info: GraphQLResolveInfo, where: Args) -> dict[str, str]:
    return _job_started(_backend(info).start_clear_global_keys(where["ids"]))


@query.field("customMetadataOntology")
def _metadata_ontology(_: None, info: GraphQLResolveInfo) -> Any:
    return _backend(info).metadata_schemas


# ---- ontologies and feature schemas


@query.field("ontology")
def _ontology(_: None, info: GraphQLResolveInfo, where: Args) -> m.Ontology:
    return _backend(info).ontology.get_ontology(_id(where))


@query.field("ontologies")
def _ontologies(
    _: None, info: GraphQLResolveInfo, where: Args = None, after: str | None = None, first: int | None = None
) -> dict[str, Any]:
    nodes, next_cursor = cursor_page(
        _backend(info).ontology.search_ontologies((where or {}).get("search")), after, first
    )
    return {"nodes": nodes, "next_cursor": next_cursor}


@mutation.field("upsertOntology")
def _upsert_ontology(_: None, info: GraphQLResolveInfo, data: Args) -> m.Ontology:
    return _backend(info).ontology.upsert_ontology(data)


@query.field("rootSchemaNode")
def _root_schema_node(_: None, info: GraphQLResolveInfo, where: Args) -> m.FeatureSchema:
    return _backend(info).ontology.get_feature_schema(where["feature_schema_id"])


@query.field("rootSchemaNodes")
def _root_schema_nodes(
    _: None, info: GraphQLResolveInfo, where: Args = None, after: str | None = None, first: int | None = None
) -> dict[str, Any]:
    found = _backend(info).ontology.search_feature_schemas((where or {}).get("search"))
    nodes, next_cursor = cursor_page(found, after, first)
    return {"nodes": nodes, "next_cursor": next_cursor}


@mutation.field("upsertRootSchemaNode")
def _upsert_root_schema_node(_: None, info: GraphQLResolveInfo, data: Args) -> m.FeatureSchema:
    normalized = json_object(data["normalized"], "normalized")
    return _backend(info).ontology.upsert_feature_schema(normalized, normalized.pop("featureSchemaId", None))


# ---- models


@query.field("model")
def _model(_: None, info: GraphQLResolveInfo, where: Args) -> m.Model:
    return _backend(info).get_model(_id(where))


@query.field("models")
def _models(_: None, info: GraphQLResolveInfo, where: Args = None, skip: int = 0, first: int | None = None) -> Any:
    backend = _backend(info)
    return offset_page(live(backend.models, where), skip, first)


@mutation.field("createModel")
def _create_model(_: None, info: GraphQLResolveInfo, data: Args) -> m.Model:
    return _backend(info).create_model(data["name"], data["ontology_id"])


@query.field("modelRun")
def _model_run(_: None, info: GraphQLResolveInfo, where: Args) -> m.ModelRun:
    return _backend(info).get_model_run(_id(where))


@mutation.field("createModelRun")
def _create_model_run(_: None, info: GraphQLResolveInfo, data: Args) -> m.ModelRun:
    return _backend(info).create_model_run(data["model_id"], data["name"], data.get("training_metadata"))


@mutation.field("createModelConfig")
def _create_model_config(_: None, info: GraphQLResolveInfo, input: Args) -> m.ModelConfig:
    return _backend(info).create_model_config(input["model_id"], input["name"], input["inference_params"])


@mutation.field("deleteModelConfig")
def _delete_model_config(_: None, info: GraphQLResolveInfo, input: Args) -> dict[str, bool]:
    _backend(info).delete_model_config(input["id"])
    return {"success": True}


# ---- embeddings, slices, label feedback


@query.field("embeddings")
def _embeddings(_: None, info: GraphQLResolveInfo) -> list[m.Embedding]:
    backend = _backend(info)
    return live(backend.embeddings)


@mutation.field("createEmbedding")
def _create_embedding(_: None, info: GraphQLResolveInfo, data: Args) -> m.Embedding:
    return _backend(info).create_embedding(data["name"], data["dims"])


@mutation.field("deleteEmbedding")
def _delete_embedding(_: None, info: GraphQLResolveInfo, data: Args) -> bool:
    return _backend(info).delete_embedding(data["id"])


@query.field("catalogSavedQueries")
def _saved_queries(_: None, info: GraphQLResolveInfo) -> list[m.SavedQuery]:
    backend = _backend(info)
    return live(backend.saved_queries)


@query.field("getSavedQuery")
def _saved_query(_: None, info: GraphQLResolveInfo, id: str) -> m.SavedQuery:
    return _backend(info).get_saved_query(id)


@mutation.field("upsertAutoQaLabelFeedback")
def _label_feedback(_: None, info: GraphQLResolveInfo, input: Args) -> m.Label:
    return _backend(info).upsert_label_feedback(input["label_id"], input["feedback"], input["scores"])


# ---- uploads, tasks and exports


@mutation.field("uploadFile")
def _upload_file(
    _: None, info: GraphQLResolveInfo, file: UploadFile, content_length: int, sign: bool | None = None
) -> dict[str, str]:
    store = _backend(info).files
    stored = store.put(file.file, file.filename or "file", file.content_type or "application/octet-stream")
    if stored.size != content_length:
        raise BadRequest(f"contentLength {content_length} does not match the {stored.size} bytes received")
    return {"url": store.url(info.context["base_url"], stored), "filename": stored.filename}


@query.field("task")
def _task(_: None, info: GraphQLResolveInfo, where: Args = None) -> m.Task:
    return _backend(info).get_task(_id(where))


@mutation.field("exportDataRowsInProject")
def _export_project(_: None, info: GraphQLResolveInfo, input: Args) -> dict[str, Any]:
    task = _backend(info).export_project(input["filters"]["project_id"], input.get("task_name"))
    return {"task_id": task.id, "is_streamable": True}


@task_type.field("exportMetadataHeader")
def _export_header(task: m.Task, info: GraphQLResolveInfo, stream_type: str) -> dict[str, int] | None:
    if task.type != "export-data-rows" or task.status != "COMPLETE" or stream_type != "RESULT":
        return None
    return {"total_size": task.payload["file"].size, "total_lines": task.payload["lines"]}


@task_type.field("exportFileFromOffset")
def _export_file(task: m.Task, info: GraphQLResolveInfo, stream_type: str, offset: int) -> dict[str, Any] | None:
    header = _export_header(task, info, stream_type)
    if header is None or offset >= header["total_size"]:
        return None
    store, stored = _backend(info).files, task.payload["file"]
    if offset:  # the rest of the stream from `offset`, as a file of its own
        stored = store.put(stored.path.read_bytes()[offset:], stored.filename, stored.content_type)
    return {
        "offsets": {"start": offset, "end": header["total_size"] - 1},
        "lines": {"start": 0, "end": max(header["total_lines"] - 1, 0)},
        "file": store.url(info.context["base_url"], stored),
    }


def build_schema(path: Path | None = None) -> GraphQLSchema:
    return make_executable_schema(
        (path or default_schema_path()).read_text(),
        query,
        mutation,
        user_type,
        task_type,
        project_mutations,
        iam_settings,
        datetime_scalar,
        json_scalar,
        page_size_scalar,
        uint64_scalar,
        upload_scalar,
        convert_names_case=True,
    )
