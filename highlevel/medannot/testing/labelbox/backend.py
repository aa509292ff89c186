"""State and rules of one emulated Labelbox workspace; no HTTP here (the app maps requests onto it)."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Iterable
from typing import Any

from medannot.testing._emulator import Clock
from medannot.types import JSONObject

from . import models as m
from .errors import AuthenticationError, BadRequest, Conflict, NotFound
from .files import FileStore
from .ontologies import Ontologies
from .tables import get_live, live, matches

DEFAULT_API_KEY = "medannot-labelbox-key"
ROLE_NAMES = ("None", "Labeler", "Reviewer", "Team Manager", "Admin")
# The reserved data row metadata fields every organization has: (id, name, kind, enum options).
RESERVED_METADATA = (
    ("cko8s9r5v0001h2dk9elqdidh", "tag", "CustomMetadataString", ()),
    ("cko8sbczn0002h2dkdaxb5kal", "split", "CustomMetadataEnum", ("train", "valid", "test")),
    ("cko8sdzv70006h2dk8jg64zvb", "captureDateTime", "CustomMetadataDateTime", ()),
)
MAX_GLOBAL_KEY_LENGTH = 200


class LabelboxBackend:
    """One workspace: an organization, its users, projects, datasets, ontologies, models and jobs.

    An asynchronous job (global keys, data row upserts, exports) is IN_PROGRESS for `job_seconds` after it
    starts, then COMPLETE, on `clock` (default `time.monotonic`; tests pass a `ManualClock`), so clients exercise
    their polling loops however often they read its status.
    """

    def __init__(self, api_key: str = DEFAULT_API_KEY, *, job_seconds: float = 0.2, clock: Clock | None = None) -> None:
        if job_seconds < 0:
            raise ValueError(f"job_seconds must be >= 0, got {job_seconds}")
        self.api_key: str = api_key
        self.job_seconds: float = job_seconds
        self.clock: Clock = clock or time.monotonic
        self.files: FileStore = FileStore()
        self.reset()

    def reset(self) -> None:
        self.files.clear()
        self._ids = itertools.count(1)
        self.organization: m.Organization = m.Organization(self.new_id(), name="Medannot Emulated Organization")
        self.user: m.User = m.User(self.new_id(), email="owner@example.org", name="Emulator Owner", nickname="owner")
        self.users: dict[str, m.User] = {self.user.id: self.user}
        colleague = m.User(self.new_id(), email="labeler@example.org", name="Emulator Labeler")
        self.users[colleague.id] = colleague
        self.roles: list[m.Role] = [m.Role(self.new_id(), name) for name in ROLE_NAMES]
        default_signer = m.IAMIntegration(self.new_id(), name="Default AWS integration")
        self.iam_integrations: dict[str, m.IAMIntegration] = {default_signer.id: default_signer}
        self.projects: dict[str, m.Project] = {}
        self.batches: dict[str, m.Batch] = {}
        self.datasets: dict[str, m.Dataset] = {}
        self.data_rows: dict[str, m.DataRow] = {}
        self.ontology: Ontologies = Ontologies(self.new_id, self.labelled)
        self.labels: dict[str, m.Label] = {}
        self.models: dict[str, m.Model] = {}
        self.model_runs: dict[str, m.ModelRun] = {}
        self.model_configs: dict[str, m.ModelConfig] = {}
        self.embeddings: dict[str, m.Embedding] = {}
        self.saved_queries: dict[str, m.SavedQuery] = {}
        self.tasks: dict[str, m.Task] = {}
        self.jobs: dict[str, m.Task] = {}
        self.metadata_schemas: list[JSONObject] = [
            {
                "id": id,
                "name": name,
                "kind": kind,
                "reserved": True,
                "options": [
                    {"id": f"{id[: -len(o)]}{o}", "kind": "CustomMetadataEnumOption", "name": o, "reserved": True}
                    for o in options
                ],
            }
            for id, name, kind, options in RESERVED_METADATA
        ]

    def close(self) -> None:
        self.files.close()

    def state(self) -> dict[str, Any]:
        """Ids and names per kind of record (GET /_emulator/state)."""
        tables: dict[str, dict[str, Any]] = {
            "projects": self.projects,
            "datasets": self.datasets,
            "data_rows": self.data_rows,
            "ontologies": self.ontology.ontologies,
            "feature_schemas": self.ontology.feature_schemas,
            "labels": self.labels,
            "models": self.models,
            "model_runs": self.model_runs,
            "embeddings": self.embeddings,
            "saved_queries": self.saved_queries,
            "tasks": self.tasks,
            "jobs": self.jobs,
        }
        return {
            kind: [{"id": r.id, "name": getattr(r, "name", None)} for r in live(table)]
            for kind, table in tables.items()
        }

    def new_id(self) -> str:
        """Deterministic 25-character ids shaped like Labelbox's cuids."""
        return f"cl{next(self._ids):023x}"

    def authenticate(self, api_key: str | None) -> m.User:
        if api_key != self.api_key:
            raise AuthenticationError("Invalid API key")
        return self.user

    # ---- users, organization

    def get_user(self, id: str | None) -> m.User:
        return get_live(self.users, "User", id) if id else self.user

    def list_users(self, where: dict[str, Any] | None) -> list[m.User]:
        return [u for u in self.users.values() if matches(u, where)]

    # ---- projects and batches

    def create_project(self, data: dict[str, Any]) -> m.Project:
        if not data.get("name", "").strip():
            raise BadRequest("Project name must not be empty")
        if data.get("allowed_media_type") is None and data.get("editor_task_type") is None:
            raise BadRequest("A project needs a media type")
        source = data.get("dataset_name_or_id")
        count = data.get("data_row_count") or 0
        if source is not None and count < 1:
            raise BadRequest("dataRowCount must be a positive integer")
        dataset = None
        if source is not None:  # as Labelbox: generate `count` rows for the evaluation, in a new or given dataset
            if data.get("append_to_existing_dataset"):
                dataset = self.get_dataset(source)
            else:
                dataset = self.create_dataset({"name": source})
        fields = {k: v for k, v in data.items() if k in m.Project.__dataclass_fields__}
        project = m.Project(self.new_id(), **fields)
        self.projects[project.id] = project
        if dataset is not None:
            rows = [
                self.put_data_row({"row_data": f"generated://{project.id}/{i}", "dataset_id": dataset.id}, None)
                for i in range(count)
            ]
            project.data_row_ids.extend(row.id for row in rows)
        return project

    def get_project(self, id: str | None) -> m.Project:
        return get_live(self.projects, "Project", id)

    def list_projects(self, where: dict[str, Any] | None) -> list[m.Project]:
        return [p for p in self.projects.values() if matches(p, where)]

    def create_batch(self, project_id: str, data: dict[str, Any]) -> tuple[m.Batch, list[str]]:
        project = self.get_project(project_id)
        if any(b.name == data["name"] for b in self.batches.values() if b.project_id == project_id):
            raise Conflict(f"Batch with name {data['name']!r} already exists in this project")
        wanted = list(data.get("data_row_ids") or [])
        wanted += [self.data_row_by_global_key(k).id for k in data.get("global_keys") or []]
        ok = [i for i in wanted if i in self.data_rows and i not in project.data_row_ids]
        batch = m.Batch(
            self.new_id(),
            name=data["name"],
            project_id=project_id,
            data_row_ids=ok,
            consensus_settings_json=data.get("consensus_settings"),
        )
        self.batches[batch.id] = batch
        project.data_row_ids.extend(ok)
        return batch, [i for i in wanted if i not in ok]

    # ---- datasets and data rows

    def create_dataset(self, data: dict[str, Any]) -> m.Dataset:
        dataset = m.Dataset(self.new_id(), name=data["name"], description=data.get("description"))
        self.datasets[dataset.id] = dataset
        return dataset

    def get_dataset(self, id: str | None) -> m.Dataset:
        return get_live(self.datasets, "Dataset", id)

    def list_datasets(self, where: dict[str, Any] | None) -> list[m.Dataset]:
        return [d for d in self.datasets.values() if matches(d, where)]

    def set_signer(self, dataset_id: str, signer_id: str) -> m.Dataset:
        dataset = self.get_dataset(dataset_id)
        dataset.signer_id = get_live(self.iam_integrations, "IAMIntegration", signer_id).id
        return dataset

    def validate_dataset(self, dataset_id: str) -> dict[str, Any]:
        dataset = self.get_dataset(dataset_id)
        signer = self.iam_integrations.get(dataset.signer_id or "")
        valid = signer is None or signer.valid
        return {"valid": valid, "checks": [{"name": "signer", "success": valid}]}

    def dataset_rows(self, dataset_id: str, where: dict[str, Any] | None) -> list[m.DataRow]:
        self.get_dataset(dataset_id)
        rows = [r for r in live(self.data_rows, where) if r.dataset_id == dataset_id]
        return sorted(rows, key=lambda r: r.id, reverse=True)  # newest first, as documented by the SDK

    def get_data_row(self, id: str | None) -> m.DataRow:
        return get_live(self.data_rows, "DataRow", id)

    def data_row_by_global_key(self, key: str) -> m.DataRow:
        for row in live(self.data_rows):
            if row.global_key == key:
                return row
        raise NotFound(f"Data row with global key {key!r} does not exist")

    def external_ids_to_data_row_ids(self, external_ids: Iterable[str]) -> list[dict[str, str]]:
        wanted = set(external_ids)
        return [
            {"external_id": r.external_id, "data_row_id": r.id} for r in live(self.data_rows) if r.external_id in wanted
        ]

    def put_data_row(self, payload: dict[str, Any], existing: m.DataRow | None) -> m.DataRow:
        row_data = payload.get("row_data") or payload.get("rowData")
        dataset = self.get_dataset(existing.dataset_id if existing else payload.get("dataset_id"))
        key = payload.get("global_key") or payload.get("globalKey")
        if key and any(r.global_key == key and r is not existing for r in live(self.data_rows)):
            raise Conflict(f"Duplicate global key: '{key}'")
        if existing is None:
            if not row_data:
                raise BadRequest("row_data is required")
            existing = m.DataRow(self.new_id(), dataset_id=dataset.id, row_data=str(row_data))
            self.data_rows[existing.id] = existing
            dataset.row_count += 1
        existing.row_data = str(row_data or existing.row_data)
        existing.external_id = payload.get("external_id") or payload.get("externalId") or existing.external_id
        existing.global_key = key or existing.global_key
        existing.media_attributes = payload.get("media_type") and {"mediaType": payload["media_type"]}
        existing.custom_metadata = [
            {"schema_id": f.get("schema_id") or f.get("schemaId"), "value": f.get("value")}
            for f in payload.get("metadata_fields") or []
        ] or existing.custom_metadata
        existing.updated_at = m.now()
        return existing

    def _upsert_target(self, key: dict[str, Any]) -> m.DataRow | None:
        if key.get("type") == "ID" and key.get("value"):
            return self.get_data_row(key["value"])
        if key.get("type") == "GKEY" and key.get("value"):
            return next((r for r in live(self.data_rows) if r.global_key == key["value"]), None)
        return None

    def upsert_data_rows(self, manifest_uri: str) -> m.Task:
        """Apply a manifest of uploaded JSON chunks (the SDK's data row creation and upsert path)."""
        manifest = json.loads(self.files.from_url(manifest_uri).path.read_bytes())
        successes: list[str] = []
        failures: list[dict[str, Any]] = []
        for uri in manifest.get("chunk_uris", []):
            for item in json.loads(self.files.from_url(uri).path.read_bytes()):
                payload = item.get("payload", item)
                try:
                    successes.append(self.put_data_row(payload, self._upsert_target(item.get("id") or {})).id)
                except (NotFound, Conflict, BadRequest) as error:
                    failures.append({"message": error.message, "spec": _import_spec(payload)})
        return self._start(
            self.tasks, "JSON Import", "adv-upsert-data-rows", {"successes": successes, "failures": failures}
        )

    def import_results(self, task_id: str) -> dict[str, Any]:
        task = get_live(self.tasks, "Task", task_id)
        if task.status != "COMPLETE":
            return {"successes": [], "failures": []}
        payload: dict[str, Any] = task.payload
        return payload

    # ---- asynchronous jobs

    def _start(self, table: dict[str, m.Task], name: str, type: str, payload: Any) -> m.Task:
        task = m.Task(
            self.new_id(),
            name=name,
            type=type,
            created_by_id=self.user.id,
            seconds=self.job_seconds,
            clock=self.clock,
            payload=payload,
        )
        table[task.id] = task
        return task

    def poll_job(self, job_id: str | None) -> m.Task:
        """A global key job, as its result query reads it (COMPLETE once its time is up)."""
        return get_live(self.jobs, "Job", job_id)

    def start_assign_global_keys(self, inputs: list[dict[str, str]]) -> m.Task:
        result: dict[str, list[dict[str, str]]] = {
            "sanitized_assignments": [],
            "invalid_global_key_assignments": [],
            "unmodified_assignments": [],
            "access_denied_assignments": [],
        }
        for item in inputs:
            row, key = self.data_rows.get(item["data_row_id"]), item["global_key"]
            clean = key.strip()
            taken = any(r.global_key == clean and r is not row for r in live(self.data_rows))
            outcome = {"data_row_id": item["data_row_id"], "global_key": clean}
            if row is None or row.deleted or not clean or len(clean) > MAX_GLOBAL_KEY_LENGTH or taken:
                result["invalid_global_key_assignments"].append({**outcome, "global_key": key})
                continue
            row.global_key = clean
            result["sanitized_assignments" if clean != key else "unmodified_assignments"].append(outcome)
        return self._start(self.jobs, "Assign global keys", "assign-global-keys", result)

    def start_clear_global_keys(self, keys: list[str]) -> m.Task:
        result: dict[str, list[str]] = {
            "cleared_global_keys": [],
            "failed_to_clear_global_keys": [],
            "not_found_global_keys": [],
            "access_denied_global_keys": [],
        }
        for key in keys:
            row = next((r for r in live(self.data_rows) if r.global_key == key), None)
            if row is None:
                result["not_found_global_keys"].append(key)
            else:
                row.global_key = None
                result["cleared_global_keys"].append(key)
        return self._start(self.jobs, "Clear global keys", "clear-global-keys", result)

    def start_data_rows_for_global_keys(self, keys: list[str]) -> m.Task:
        by_key = {r.global_key: r.id for r in live(self.data_rows) if r.global_key}
        result = {
            "fetched_data_rows": [{"id": by_key.get(k, "")} for k in keys],
            "not_found_global_keys": [k for k in keys if k not in by_key],
            "access_denied_global_keys": [],
        }
        return self._start(self.jobs, "Data rows for global keys", "data-rows-for-global-keys", result)

    def created_tasks(self, user_id: str, where: dict[str, Any] | None) -> list[m.Task]:
        """Tasks as `user.createdTasks` lists them (how the SDK polls a task)."""
        return [t for t in self.tasks.values() if t.created_by_id == user_id and matches(t, where)]

    def get_task(self, id: str | None) -> m.Task:
        """A task by id (data row import or export), COMPLETE once its time is up."""
        return get_live(self.tasks, "Task", id)

    # ---- labels (seeded: labelling happens in the web editor, not through the SDK)

    def labelled(self, feature_schema_id: str) -> bool:
        return any(feature_schema_id in label.feature_schema_ids for label in live(self.labels))

    def add_label(self, project_id: str, data_row_id: str, feature_schema_ids: list[str]) -> m.Label:
        project, row = self.get_project(project_id), self.get_data_row(data_row_id)
        for id in feature_schema_ids:
            self.ontology.get_feature_schema(id)
        if row.id not in project.data_row_ids:
            project.data_row_ids.append(row.id)
        label = m.Label(self.new_id(), project_id=project.id, data_row_id=row.id, feature_schema_ids=feature_schema_ids)
        self.labels[label.id] = label
        project.last_activity_time = m.now()
        return label

    def upsert_label_feedback(self, label_id: str, feedback: str, scores: dict[str, float]) -> m.Label:
        label = get_live(self.labels, "Label", label_id)
        label.feedback = feedback
        label.scores = [{"id": self.new_id(), "name": name, "score": float(score)} for name, score in scores.items()]
        return label

    # ---- models

    def create_model(self, name: str, ontology_id: str) -> m.Model:
        self.ontology.get_ontology(ontology_id)
        if any(model.name == name for model in live(self.models)):
            raise Conflict(f"A model named {name!r} already exists")
        model = m.Model(self.new_id(), name=name, ontology_id=ontology_id)
        self.models[model.id] = model
        return model

    def get_model(self, id: str | None) -> m.Model:
        return get_live(self.models, "Model", id)

    def create_model_run(self, model_id: str, name: str, training_metadata: Any) -> m.ModelRun:
        self.get_model(model_id)
        run = m.ModelRun(
            self.new_id(), name=name, model_id=model_id, created_by=self.user.id, training_metadata=training_metadata
        )
        self.model_runs[run.id] = run
        return run

    def get_model_run(self, id: str | None) -> m.ModelRun:
        return get_live(self.model_runs, "ModelRun", id)

    def create_model_config(self, model_id: str, name: str, inference_params: Any) -> m.ModelConfig:
        config = m.ModelConfig(self.new_id(), name=name, model_id=model_id, inference_params=inference_params)
        self.model_configs[config.id] = config
        return config

    def delete_model_config(self, id: str) -> None:
        get_live(self.model_configs, "ModelConfig", id).deleted = True

    # ---- embeddings and slices

    def create_embedding(self, name: str, dims: int) -> m.Embedding:
        if any(e.name == name for e in live(self.embeddings)):
            raise Conflict(f"An embedding named {name!r} already exists")
        if dims < 1 or dims > 2048:
            raise BadRequest("Embedding dims must be between 1 and 2048")
        embedding = m.Embedding(self.new_id(), name=name, dims=dims)
        self.embeddings[embedding.id] = embedding
        return embedding

    def delete_embedding(self, id: str) -> bool:
        get_live(self.embeddings, "Embedding", id).deleted = True
        return True

    def add_saved_query(self, name: str, filter: Any = None, description: str | None = None) -> m.SavedQuery:
        saved = m.SavedQuery(self.new_id(), name=name, description=description, filter=filter or [])
        self.saved_queries[saved.id] = saved
        return saved

    def get_saved_query(self, id: str) -> m.SavedQuery:
        return get_live(self.saved_queries, "SavedQuery", id)

    # ---- exports

    def export_project(self, project_id: str, task_name: str | None) -> m.Task:
        """Snapshot a project's data rows and labels as NDJSON (the shape of Labelbox's export v2)."""
        project = self.get_project(project_id)
        lines = []
        for row_id in project.data_row_ids:
            row = self.data_rows[row_id]
            labels = [lb for lb in live(self.labels) if lb.project_id == project.id and lb.data_row_id == row.id]
            lines.append(
                json.dumps(
                    {
                        "data_row": {
                            "id": row.id,
                            "global_key": row.global_key,
                            "external_id": row.external_id,
                            "row_data": row.row_data,
                        },
                        "projects": {
                            project.id: {
                                "name": project.name,
                                "labels": [
                                    {
                                        "id": lb.id,
                                        "annotations": {
                                            "objects": [{"feature_schema_id": f} for f in lb.feature_schema_ids],
                                            "classifications": [],
                                            "relationships": [],
                                        },
                                    }
                                    for lb in labels
                                ],
                            }
                        },
                    }
                )
            )
        content = "".join(line + "\n" for line in lines).encode()
        stored = self.files.put(content, "export-result.ndjson", "application/x-ndjson")
        name = task_name or f"Export v2: Project - {project.name}"
        return self._start(self.tasks, name, "export-data-rows", {"file": stored, "lines": len(lines)})


def _import_spec(payload: dict[str, Any]) -> dict[str, Any]:
    return {
        "external_id": payload.get("external_id"),
        "global_key": payload.get("global_key"),
        "row_data": payload.get("row_data"),
        "metadata": [],
        "attachments": [],
    }
