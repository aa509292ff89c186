"""Typed results of `medannot.labelbox.Client`: the generated models under the SDK's names, plus small frozen
dataclasses for what the SDK returns as dicts (job results, REST answers)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO, Generic, Literal, TypeVar

from medannot.core.lazy import lazy_exports
from medannot_api.labelbox.enums import EditorTaskType, MediaType, TaskStreamType, UploadType

if TYPE_CHECKING:
    from medannot.errors import MedannotError
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
    "DataRow",
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
    "LabelScore",
    "MediaType",
    "MetadataSchema",
    "Model",
    "ModelConfig",
    "ModelRun",
    "ModelSlice",
    "Ontology",
    "Organization",
    "Project",
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


@dataclass(frozen=True)
class GlobalKeyError:
    """One input a global-key job could not handle, with the SDK's wording of the reason."""

    global_key: str
    error: str
    data_row_id: str | None = None


@dataclass(frozen=True)
class AssignedGlobalKey:
    data_row_id: str
    global_key: str
    sanitized: bool  # the server changed the key to fit its rules (e.g. trimmed it)


@dataclass(frozen=True)
class CollectionJobResult(Generic[R]):
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
class DeleteFeatureFromOntologyResult:
    """A labelled root node is archived, an unused one deleted."""

    archived: bool
    deleted: bool


@dataclass(frozen=True)
class Batch:
    id: str
    name: str
    size: int
    failed_data_row_ids: list[str]


@dataclass(frozen=True)
class DataRowMetadataOntology:
    """The organization's data row metadata fields (reserved ones and custom ones)."""

    fields: list[MetadataSchema]

    @property
    def reserved_by_name(self) -> dict[str, MetadataSchema]:
        return {f.name: f for f in self.fields if f.reserved}

    @property
    def custom_by_name(self) -> dict[str, MetadataSchema]:
        return {f.name: f for f in self.fields if not f.reserved}


@dataclass(frozen=True)
class UploadFailure:
    """A file `create_data_rows_from_files` could not upload (so no data row was made for it) and why."""

    path: str | os.PathLike[str] | BinaryIO  # as given
    error: MedannotError


@dataclass(frozen=True)
class DataRowsImport:
    """The outcome of `create_data_rows_from_files`: the finished import task, rows created, rows the import
    refused (`failed`), and files that could not be uploaded at all (`upload_failures`, with their errors)."""

    task: Task
    created: list[ImportedRow]
    failed: list[ImportFailure]
    upload_failures: list[UploadFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Every file was uploaded and became a data row."""
        return not self.failed and not self.upload_failures


@dataclass(frozen=True)
class UniqueIds:
    """Data rows named by id (the SDK's identifiables), e.g. for `build_catalog_query`."""

    ids: Sequence[str]


@dataclass(frozen=True)
class GlobalKeys:
    """Data rows named by global key."""

    ids: Sequence[str]


@dataclass(frozen=True)
class CatalogQuery:
    """A catalog search filter selecting data rows; `as_dict()` is the JSON the API takes."""

    type: Literal["data_row_id", "global_key"]
    ids: list[str]
    operator: Literal["is"] = "is"

    def as_dict(self) -> dict[str, Any]:
        return {"type": self.type, "operator": self.operator, "ids": list(self.ids)}
