"""Typed results of `medannot.labelbox.Client`: the generated models under the SDK's names, plus small frozen
dataclasses for what the SDK returns as dicts (job results, REST answers).

Every result reads like the SDK's dicts as well: the generated models are read-only Mappings over the server's
JSON keys (their generated base class, see tools/codegen/graphql.py), and the dataclasses here over the SDK's
keys (`JsonView`), so `job_result["status"]`, `dict(r)` and `json.dumps(dict(r))` work; attributes stay typed."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO, Generic, Literal, TypeVar

from medannot.core.lazy import lazy_exports
from medannot.errors import MedannotError
from medannot.types import JSONObject
from medannot_api import labelbox as generated
from medannot_api.labelbox.enums import EditorTaskType, MediaType, TaskStreamType, UploadType

if TYPE_CHECKING:
    from medannot_api.labelbox.base_model import Comparison
    from medannot_api.labelbox.fragments import DataRowFields as DataRow
    from medannot_api.labelbox.fragments import DatasetFields as Dataset
    from medannot_api.labelbox.fragments import EmbeddingFields as Embedding
    from medannot_api.labelbox.fragments import FeatureSchemaFields as FeatureSchema
    from medannot_api.labelbox.fragments import ModelConfigFields as ModelConfig
    from medannot_api.labelbox.fragments import ModelFields as Model
    from medannot_api.labelbox.fragments import ModelRunFields as ModelRun
    from medannot_api.labelbox.fragments import OntologyFields as Ontology
    from medannot_api.labelbox.fragments import ProjectFields as Project
    from medannot_api.labelbox.fragments import SavedQueryFields as Slice
    from medannot_api.labelbox.fragments import TaskFields as Task
    from medannot_api.labelbox.fragments import UserFields as User
    from medannot_api.labelbox.get_import_failures import GetImportFailuresFailedDataRowImportsResults as ImportFailure
    from medannot_api.labelbox.get_import_successes import (
        GetImportSuccessesSuccessesfulDataRowImportsNodes as ImportedRow,
    )
    from medannot_api.labelbox.get_metadata_ontology import GetMetadataOntologyCustomMetadataOntology as MetadataSchema
    from medannot_api.labelbox.get_organization import GetOrganizationOrganization as Organization
    from medannot_api.labelbox.get_roles import GetRolesRoles as Role
    from medannot_api.labelbox.upsert_label_feedback import (
        UpsertLabelFeedbackUpsertAutoQaLabelFeedbackScores as LabelScore,
    )

    CatalogSlice = Slice
    ModelSlice = Slice  # both are saved queries; the SDK's two classes differ only in methods we do not offer
else:
    # The same names, built on first use: creating the generated pydantic models is most of an import's cost.
    _API = "medannot_api.labelbox"
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "Comparison": f"{_API}.base_model:Comparison",
            "DataRow": f"{_API}.fragments:DataRowFields",
            "Dataset": f"{_API}.fragments:DatasetFields",
            "Embedding": f"{_API}.fragments:EmbeddingFields",
            "FeatureSchema": f"{_API}.fragments:FeatureSchemaFields",
            "ModelConfig": f"{_API}.fragments:ModelConfigFields",
            "Model": f"{_API}.fragments:ModelFields",
            "ModelRun": f"{_API}.fragments:ModelRunFields",
            "Ontology": f"{_API}.fragments:OntologyFields",
            "Project": f"{_API}.fragments:ProjectFields",
            "Slice": f"{_API}.fragments:SavedQueryFields",
            "CatalogSlice": f"{_API}.fragments:SavedQueryFields",
            "ModelSlice": f"{_API}.fragments:SavedQueryFields",
            "Task": f"{_API}.fragments:TaskFields",
            "User": f"{_API}.fragments:UserFields",
            "ImportFailure": f"{_API}.get_import_failures:GetImportFailuresFailedDataRowImportsResults",
            "ImportedRow": f"{_API}.get_import_successes:GetImportSuccessesSuccessesfulDataRowImportsNodes",
            "MetadataSchema": f"{_API}.get_metadata_ontology:GetMetadataOntologyCustomMetadataOntology",
            "Organization": f"{_API}.get_organization:GetOrganizationOrganization",
            "Role": f"{_API}.get_roles:GetRolesRoles",
            "LabelScore": f"{_API}.upsert_label_feedback:UpsertLabelFeedbackUpsertAutoQaLabelFeedbackScores",
        },
    )

__all__ = [
    "AssignedGlobalKey",
    "Batch",
    "CatalogQuery",
    "CatalogSlice",
    "CollectionJobResult",
    "CollectionJobStatus",
    "Comparison",
    "DataRow",
    "DataRowIds",
    "DataRowMetadataOntology",
    "DataRowsImport",
    "Dataset",
    "DeleteFeatureFromOntologyResult",
    "EditorTaskType",
    "Embedding",
    "FeatureSchema",
    "GlobalKeyError",
    "GlobalKeys",
    "ImportFailure",
    "ImportedRow",
    "JobStatus",
    "JsonView",
    "LabelScore",
    "MediaType",
    "MetadataSchema",
    "Model",
    "ModelConfig",
    "ModelRun",
    "ModelSlice",
    "Ontology",
    "OntologyKind",
    "Organization",
    "Project",
    "QualityMode",
    "Role",
    "Slice",
    "Task",
    "TaskStreamType",
    "UniqueIds",
    "UploadFailure",
    "UploadType",
    "User",
]

R = TypeVar("R")

# The SDK's CollectionJobStatus values.
JobStatus = Literal["SUCCESS", "PARTIAL SUCCESS", "FAILURE"]


class CollectionJobStatus(enum.StrEnum):
    """The SDK's names for a global-key job's status (`job_result["status"]` is the value, a str)."""

    SUCCESS = "SUCCESS"
    PARTIAL_SUCCESS = "PARTIAL SUCCESS"
    FAILURE = "FAILURE"


class QualityMode(enum.StrEnum):
    """The SDK's quality modes of a project (plain strings "BENCHMARK" / "CONSENSUS" work too)."""

    Benchmark = "BENCHMARK"
    Consensus = "CONSENSUS"
    BENCHMARK = "BENCHMARK"
    CONSENSUS = "CONSENSUS"


class OntologyKind(enum.StrEnum):
    """The SDK's ontology kinds: chat model evaluation, or response creation."""

    ModelEvaluation = "MODEL_EVALUATION"
    ResponseCreation = "RESPONSE_CREATION"
    MODEL_EVALUATION = "MODEL_EVALUATION"
    RESPONSE_CREATION = "RESPONSE_CREATION"


def json_value(value: object) -> Any:
    """A result's value as JSON: models and `JsonView`s become dicts, enums their values, dates ISO text,
    paths and errors text."""
    if isinstance(value, enum.Enum):
        return json_value(value.value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Mapping):
        return {str(k): json_value(value[k]) for k in value}
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    return str(value) if isinstance(value, (os.PathLike, Exception)) else repr(value)


class JsonView(Mapping[str, Any]):
    """Mixin for the result dataclasses: a read-only Mapping over the SDK's dict keys (the field names), with
    JSON values, so code written for the SDK's dicts (`r["status"]`, `dict(r)`, `json.dumps(dict(r))`) works."""

    __slots__ = ()

    def _keys(self) -> tuple[str, ...]:
        """The fields, less an optional one left at None (the SDK's dict has no such key)."""
        return tuple(
            f.name
            for f in dataclasses.fields(self)  # type: ignore[arg-type]
            if not (f.default is None and getattr(self, f.name) is None)
        )

    def __getitem__(self, key: str) -> Any:
        if not isinstance(key, str) or key not in self._keys():
            raise KeyError(key)
        return json_value(getattr(self, key))

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def __len__(self) -> int:
        return len(self._keys())


@dataclass(frozen=True)
class GlobalKeyError(JsonView):
    """One input a global-key job could not handle, with the SDK's wording of the reason."""

    global_key: str
    error: str
    data_row_id: str | None = None


@dataclass(frozen=True)
class AssignedGlobalKey(JsonView):
    data_row_id: str
    global_key: str
    sanitized: bool  # the server changed the key to fit its rules (e.g. trimmed it)


@dataclass(frozen=True)
class CollectionJobResult(JsonView, Generic[R]):
    """What the SDK returns as {'status', 'results', 'errors'}: partial success is a result, not an exception."""

    status: JobStatus
    results: list[R]
    errors: list[GlobalKeyError] = field(default_factory=list)

    @classmethod
    def of(cls, results: list[R], errors: list[GlobalKeyError], succeeded: int | None = None) -> CollectionJobResult[R]:
        ok = len(results) if succeeded is None else succeeded
        status: JobStatus = "SUCCESS" if not errors else ("PARTIAL SUCCESS" if ok else "FAILURE")
        return cls(status, results, errors)


@dataclass(frozen=True)
class DeleteFeatureFromOntologyResult(JsonView):
    """A labelled root node is archived, an unused one deleted."""

    archived: bool
    deleted: bool


@dataclass(frozen=True)
class Batch(JsonView):
    id: str
    name: str
    size: int
    failed_data_row_ids: list[str]


@dataclass(frozen=True)
class DataRowMetadataOntology(JsonView):
    """The organization's data row metadata fields (reserved ones and custom ones)."""

    fields: list[generated.GetMetadataOntologyCustomMetadataOntology]

    @property
    def reserved_by_name(self) -> dict[str, generated.GetMetadataOntologyCustomMetadataOntology]:
        return {f.name: f for f in self.fields if f.reserved}

    @property
    def custom_by_name(self) -> dict[str, generated.GetMetadataOntologyCustomMetadataOntology]:
        return {f.name: f for f in self.fields if not f.reserved}


@dataclass(frozen=True)
class UploadFailure(JsonView):
    """A file `create_data_rows_from_files` could not upload (so no data row was made for it) and why."""

    path: str | os.PathLike[str] | BinaryIO  # as given
    error: MedannotError


@dataclass(frozen=True)
class DataRowsImport(JsonView):
    """The outcome of `create_data_rows_from_files`: the finished import task, rows created, rows the import
    refused (`failed`), and files that could not be uploaded at all (`upload_failures`, with their errors)."""

    task: generated.TaskFields
    created: list[generated.GetImportSuccessesSuccessesfulDataRowImportsNodes]
    failed: list[generated.GetImportFailuresFailedDataRowImportsResults]
    upload_failures: list[UploadFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Every file was uploaded and became a data row."""
        return not self.failed and not self.upload_failures


@dataclass(frozen=True)
class UniqueIds:
    """Data rows named by id (the SDK's identifiables), e.g. for `build_catalog_query`."""

    ids: Sequence[str]

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class GlobalKeys:
    """Data rows named by global key."""

    ids: Sequence[str]

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class CatalogQuery(JsonView):
    """A catalog search filter selecting data rows; `as_dict()` is the JSON the API takes."""

    type: Literal["data_row_id", "global_key"]
    ids: list[str]
    operator: Literal["is"] = "is"

    def as_dict(self) -> JSONObject:
        return {"type": self.type, "operator": self.operator, "ids": list(self.ids)}


DataRowIds = UniqueIds  # the SDK's other name for it
