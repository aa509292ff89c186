"""Records of the emulated Labelbox backend. Attribute names are the snake_case forms of the SDL's
field names, so ariadne's default resolvers (with `convert_names_case`) read them directly."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from medannot.testing._emulator import Clock


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass
class Record:
    id: str
    created_at: datetime = field(default_factory=now, kw_only=True)
    updated_at: datetime = field(default_factory=now, kw_only=True)
    deleted: bool = field(default=False, kw_only=True)

    def touch(self, moment: datetime | None = None) -> None:
        """Set `updated_at` to `moment` (default: now)."""
        self.updated_at = (moment or now()).replace(microsecond=0)


@dataclass
class User(Record):
    email: str
    name: str
    nickname: str | None = None
    picture: str | None = None
    is_external_user: bool = False
    is_viewer: bool = False
    last_login_at: datetime | None = None


@dataclass
class Organization(Record):
    name: str


@dataclass
class Role:
    id: str
    name: str


@dataclass
class IAMIntegration(Record):
    name: str
    provider: str = "AWS"
    valid: bool = True
    is_org_default: bool = True
    last_valid_at: datetime | None = None
    settings: dict[str, Any] | None = None


@dataclass
class Project(Record):
    name: str
    description: str | None = None
    allowed_media_type: str | None = None
    editor_task_type: str | None = None
    auto_audit_number_of_labels: int | None = None
    auto_audit_percentage: float | None = None
    is_benchmark_enabled: bool | None = None
    is_consensus_enabled: bool | None = None
    last_activity_time: datetime | None = None
    model_setup_complete: datetime | None = None
    setup_complete: datetime | None = None
    upload_type: str | None = None
    data_row_ids: list[str] = field(default_factory=list)

    @property
    def data_row_count(self) -> int:
        return len(self.data_row_ids)


@dataclass
class Batch(Record):
    name: str
    project_id: str
    data_row_ids: list[str]
    consensus_settings_json: Any = None

    @property
    def size(self) -> int:
        return len(self.data_row_ids)


@dataclass
class Dataset(Record):
    name: str
    description: str | None = None
    signer_id: str | None = None
    row_count: int = 0


@dataclass
class DataRow(Record):
    dataset_id: str
    row_data: str
    external_id: str | None = None
    global_key: str | None = None
    media_attributes: dict[str, Any] | None = None
    custom_metadata: list[dict[str, Any]] = field(default_factory=list)

    @property
    def metadata_fields(self) -> list[dict[str, Any]]:
        return [{"kind": "CustomMetadataString", "name": None, **m} for m in self.custom_metadata]


@dataclass
class FeatureSchema(Record):
    """A root schema node: a top-level tool or classification that ontologies reuse."""

    normalized: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.normalized.get("name", ""))


@dataclass
class Ontology(Record):
    name: str
    normalized: dict[str, Any]
    media_type: str | None = None
    editor_task_type: str | None = None
    description: str | None = None
    archived: set[str] = field(default_factory=set)  # feature schema ids archived in this ontology

    @property
    def object_schema_count(self) -> int:
        return len(self.normalized.get("tools", []))

    @property
    def classification_schema_count(self) -> int:
        return len(self.normalized.get("classifications", []))

    def root_ids(self) -> list[str]:
        return [n["featureSchemaId"] for kind in ("tools", "classifications") for n in self.normalized[kind]]


@dataclass
class Label(Record):
    project_id: str
    data_row_id: str
    feature_schema_ids: list[str]
    scores: list[dict[str, Any]] = field(default_factory=list)
    feedback: str | None = None


@dataclass
class Model(Record):
    name: str
    ontology_id: str


@dataclass
class ModelRun(Record):
    name: str
    model_id: str
    created_by: str | None = None
    model_app_id: str | None = None
    training_metadata: Any = None


@dataclass
class ModelConfig(Record):
    name: str
    model_id: str
    inference_params: Any


@dataclass
class Embedding(Record):
    name: str
    dims: int
    custom: bool = True


@dataclass
class SavedQuery(Record):
    name: str
    description: str | None = None
    filter: Any = None


@dataclass
class Task(Record):
    """An asynchronous job: IN_PROGRESS for `seconds` after it starts, then COMPLETE, measured on `clock` (the
    backend's, `time.monotonic` by default), whoever reads its status and however often."""

    name: str
    type: str
    created_by_id: str
    seconds: float = 0.0
    clock: Clock = field(default=time.monotonic, repr=False, compare=False)
    result: str | None = None
    errors: str | None = None
    metadata: Any = None
    payload: Any = None  # the finished result, kept out of the GraphQL fields
    started: float = field(init=False)  # on `clock`
    _done: bool = field(default=False, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.seconds < 0:
            raise ValueError(f"a job takes >= 0 seconds, got {self.seconds}")
        self.started = self.clock()

    @property
    def finished(self) -> bool:
        """Whether the clock has passed the job's end; the first time it says so, `updatedAt` becomes the moment
        the job ended."""
        if not self._done and self.clock() - self.started >= self.seconds:
            self._done = True
            self.touch(self.created_at + timedelta(seconds=self.seconds))
        return self._done

    @property
    def status(self) -> str:
        return "COMPLETE" if self.finished else "IN_PROGRESS"

    @property
    def completion_percentage(self) -> float:
        return 100.0 if self.finished else 0.0
