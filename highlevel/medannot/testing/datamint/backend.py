"""State and rules of the emulated Datamint service, with no HTTP in it.

One account (customer) with one user, the owner of the API key. Resources keep their files in a temporary folder;
a project owns a dataset (its resources) and a worklist (created with it); annotations may carry a file (frame
masks, NIfTI volume segmentations). Ids are UUID4 strings, times ISO 8601 in UTC with milliseconds, as the
service writes them. Deleting a resource marks it deleted (listings leave it out unless asked; the service has a
restore route), deleting anything else removes it.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
import weakref
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from medannot.testing.datamint import _imaging
from medannot.testing.datamint.errors import BadRequest, Conflict, NotFound

USER_EMAIL = "emulator@datamint.example"
CUSTOMER_ID = "8d6f2c52-5a84-4e49-9d6a-3f1b0c0d5e11"
NOT_INBOX = "Resource must be in inbox status to be approved"
ORDER_FIELDS = ("modality", "created_by", "published_by", "published_on", "filename", "created_at")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass
class Resource:
    id: str
    seq: int
    filename: str
    path: Path
    size: int
    facts: _imaging.FileFacts
    status: str
    created_at: str
    created_by: str
    channel: str
    tags: list[str]
    metadata: dict[str, Any]
    source_filepath: str | None
    modality: str | None
    published_on: str | None = None
    published_by: str | None = None
    deleted: bool = False
    deleted_at: str | None = None
    deleted_by: str | None = None


@dataclass
class Project:
    id: str
    name: str
    description: str | None
    created_at: str
    dataset_id: str
    worklist_id: str
    is_active_learning: bool = False
    two_up_display: bool = False
    require_review: bool = False
    archived: bool = False


@dataclass
class Dataset:
    id: str
    name: str
    description: str
    created_at: str
    updated_at: str | None
    resource_ids: list[str] = field(default_factory=list)


@dataclass
class Worklist:
    id: str
    name: str
    description: str | None
    created_at: str
    status: str = "new"
    project_id: str | None = None
    annotators: list[str] = field(default_factory=list)
    annotations: list[dict[str, Any]] = field(default_factory=list)
    frame_labels: list[str] = field(default_factory=list)
    image_labels: list[str] = field(default_factory=list)
    resource_ids: list[str] = field(default_factory=list)


@dataclass
class Annotation:
    id: str
    resource_id: str
    data: dict[str, Any]  # the JSON the service answers, but the file name
    file_path: Path | None = None
    file_name: str | None = None
    file_type: str = "application/octet-stream"


@dataclass
class User:
    email: str
    firstname: str | None
    lastname: str | None
    roles: list[str]
    created_at: str


@dataclass(frozen=True)
class ResourceFilter:
    """The filters of `GET /resources` (None: not filtered)."""

    status: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    modality: str | None = None
    mimetype: str | None = None
    channel: str | None = None
    filename: str | None = None
    deleted: str = "exclude"
    projects: tuple[list[str], str] | None = None  # (names, "intersection" | "union")
    tags: tuple[list[str], str] | None = None
    order_field: str | None = None
    ascending: bool | None = None


def _copy_part(part: IO[bytes], size: int | None, out: IO[bytes]) -> None:
    """An uploaded file part (at its start) into `out` (empty). A part larger than Starlette's spool limit is
    already a file on disk: the kernel copies it (`os.copy_file_range`), sparing two passes through Python's
    memory per byte; smaller parts, and systems without that call, are copied in chunks."""
    from starlette.formparsers import MultiPartParser

    if size is not None and size > MultiPartParser.spool_max_size and hasattr(os, "copy_file_range"):
        try:
            source, target, done = part.fileno(), out.fileno(), 0
            while copied := os.copy_file_range(source, target, 1 << 30, done, done):  # offsets: not the buffered
                done += copied  # objects' positions, which a read of the head may have left anywhere
            return
        except OSError:  # a file system or kernel without it: start over the portable way
            part.seek(0)
            out.seek(0)
            out.truncate()
    shutil.copyfileobj(part, out, 1024 * 1024)


@dataclass(frozen=True)
class Upload:
    """One `POST /resources` as the handler read it (the file is still the client's spooled part)."""

    file: IO[bytes]
    filename: str
    part_type: str | None
    size: int | None = None  # bytes of the file part, as the form parser counted them
    mimetype: str | None = None
    source_filepath: str | None = None
    channel: str | None = None
    modality: str | None = None
    publish: bool = False
    tags: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)


class DatamintBackend:
    """One emulated Datamint account. `api_key` is the key clients send in the `apikey` header."""

    def __init__(self, api_key: str) -> None:
        self.api_key = api_key
        self._dir = Path(tempfile.mkdtemp(prefix="medannot-datamint-"))
        self._cleanup = weakref.finalize(self, shutil.rmtree, self._dir, ignore_errors=True)
        self.reset()

    # -- lifecycle

    def reset(self) -> None:
        self.resources: dict[str, Resource] = {}
        self.projects: dict[str, Project] = {}
        self.datasets: dict[str, Dataset] = {}
        self.worklists: dict[str, Worklist] = {}
        self.annotations: dict[str, Annotation] = {}
        self.experiments: dict[str, list[dict[str, Any]]] = {}  # project id -> experiments
        self.users: dict[str, User] = {
            USER_EMAIL: User(USER_EMAIL, "Emulator", "User", ["admin"], now()),
        }
        self._seq = 0
        for folder in ("resources", "annotations", "exports"):
            shutil.rmtree(self._dir / folder, ignore_errors=True)
            (self._dir / folder).mkdir(parents=True)

    def close(self) -> None:
        self._cleanup()

    @property
    def folder(self) -> Path:
        """Where files are kept (removed by `close`)."""
        return self._dir

    def state(self) -> dict[str, Any]:
        return {
            "resources": [r.id for r in self.resources.values() if not r.deleted],
            "deleted_resources": [r.id for r in self.resources.values() if r.deleted],
            "projects": {p.id: p.name for p in self.projects.values()},
            "datasets": {d.id: len(d.resource_ids) for d in self.datasets.values()},
            "worklists": {w.id: w.name for w in self.worklists.values()},
            "annotations": len(self.annotations),
            "users": sorted(self.users),
        }

    # -- resources

    def resource(self, resource_id: str) -> Resource:
        found = self.resources.get(resource_id)
        if found is None:
            raise NotFound("Resource", resource_id)
        return found

    def live_resource(self, resource_id: str) -> Resource:
        found = self.resource(resource_id)
        if found.deleted:
            raise NotFound("Resource", resource_id)
        return found

    def keep_upload(self, upload: Upload) -> tuple[str, Path, _imaging.FileFacts]:
        """Copy the uploaded file into the folder (in chunks) and read its header: (new id, path, facts).

        Touches no shared state, so the app runs it in a worker thread; `register_upload` then creates the resource.
        """
        resource_id = new_id()
        head = upload.file.read(512)
        upload.file.seek(0)
        mimetype = _imaging.standard_mimetype(upload.mimetype or upload.part_type, upload.filename, head)
        suffix = _imaging.nifti_suffix(head) if _imaging.is_nifti(mimetype, upload.filename) else ""
        path = self._dir / "resources" / f"{resource_id}{suffix}"
        with path.open("wb") as out:
            _copy_part(upload.file, upload.size, out)
        return resource_id, path, _imaging.probe(path, mimetype, upload.filename)

    def register_upload(self, upload: Upload, kept: tuple[str, Path, _imaging.FileFacts]) -> Resource:
        resource_id, path, facts = kept
        return self.add_resource(
            path,
            filename=upload.filename,
            facts=facts,
            resource_id=resource_id,
            channel=upload.channel,
            modality=upload.modality,
            publish=upload.publish,
            tags=upload.tags,
            metadata=upload.metadata,
            source_filepath=upload.source_filepath,
        )

    def keep_file(self, file: IO[bytes], stem: str) -> Path:
        """Copy an annotation's file into the folder (NIfTI keeps an honest suffix). Worker-thread safe."""
        head = file.read(2)
        file.seek(0)
        suffix = _imaging.nifti_suffix(head) if head == b"\x1f\x8b" else ""
        path = self._dir / "annotations" / f"{stem}-{new_id()}{suffix}"
        with path.open("wb") as out:
            shutil.copyfileobj(file, out, 1024 * 1024)
        return path

    def add_resource(
        self,
        path: Path,
        *,
        filename: str,
        facts: _imaging.FileFacts,
        resource_id: str | None = None,
        channel: str | None = None,
        modality: str | None = None,
        publish: bool = False,
        tags: Iterable[str] = (),
        metadata: Mapping[str, Any] | None = None,
        source_filepath: str | None = None,
    ) -> Resource:
        """Register a file already in the backend's folder (tests may seed many resources this way)."""
        self._seq += 1
        created = now()
        resource = Resource(
            id=resource_id or new_id(),
            seq=self._seq,
            filename=filename,
            path=path,
            size=path.stat().st_size,
            facts=facts,
            status="published" if publish else "inbox",
            created_at=created,
            created_by=USER_EMAIL,
            channel=channel or "",
            tags=_unique(t.strip() for t in tags if t.strip()),
            metadata=dict(metadata or {}),
            source_filepath=source_filepath,
            modality=modality or facts.modality,
            published_on=created if publish else None,
            published_by=USER_EMAIL if publish else None,
        )
        self.resources[resource.id] = resource
        return resource

    def add_resources_from_bytes(self, items: Iterable[tuple[str, bytes, str]]) -> list[Resource]:
        """Seed resources (filename, bytes, mimetype) without HTTP; for tests and benchmarks."""
        added = []
        for filename, data, mimetype in items:
            resource_id = new_id()
            suffix = _imaging.nifti_suffix(data[:2]) if _imaging.is_nifti(mimetype, filename) else ""
            path = self._dir / "resources" / f"{resource_id}{suffix}"
            path.write_bytes(data)
            facts = _imaging.probe(path, mimetype, filename)
            added.append(self.add_resource(path, filename=filename, facts=facts, resource_id=resource_id))
        return added

    def list_resources(self, where: ResourceFilter) -> list[Resource]:
        found = [r for r in self.resources.values() if self._matches(r, where)]
        field_name = where.order_field or "created_at"
        ascending = bool(where.ascending) if where.ascending is not None else field_name != "created_at"
        present = [r for r in found if getattr(r, field_name) is not None]
        absent = [r for r in found if getattr(r, field_name) is None]
        present.sort(key=lambda r: (getattr(r, field_name), r.seq), reverse=not ascending)
        return present + absent

    def _matches(self, r: Resource, where: ResourceFilter) -> bool:
        if (where.deleted == "exclude" and r.deleted) or (where.deleted == "only" and not r.deleted):
            return False
        checks = (
            (where.status, r.status),
            (where.modality, r.modality),
            (where.mimetype, r.facts.mimetype),
            (where.channel, r.channel),
        )
        if any(wanted is not None and wanted != actual for wanted, actual in checks):
            return False
        if where.filename is not None and where.filename.lower() not in r.filename.lower():
            return False
        if not _in_dates(r.created_at, where.date_from, where.date_to):
            return False
        if where.tags is not None and not _set_filter(set(r.tags), *where.tags):
            return False
        if where.projects is not None:
            names = {p.name for p in self.projects_of(r.id)}
            if not _set_filter(names, *where.projects):
                return False
        return True

    def projects_of(self, resource_id: str) -> list[Project]:
        return [p for p in self.projects.values() if resource_id in self.datasets[p.dataset_id].resource_ids]

    def publish(self, resource_id: str) -> Resource:
        resource = self.live_resource(resource_id)
        if resource.status != "inbox":
            raise BadRequest(NOT_INBOX)
        resource.status = "published"
        resource.published_on, resource.published_by = now(), USER_EMAIL
        return resource

    def publish_many(self, resource_ids: list[str]) -> None:
        resources = [self.live_resource(i) for i in resource_ids]
        if any(r.status != "inbox" for r in resources):
            raise BadRequest(NOT_INBOX)
        for r in resources:
            self.publish(r.id)

    def set_tags(self, resource_ids: list[str], tags: list[str]) -> list[Resource]:
        resources = [self.live_resource(i) for i in resource_ids]
        for r in resources:
            r.tags = _unique(t for t in tags if t)
        return resources

    def delete_resources(self, resource_ids: list[str]) -> None:
        resources = [self.live_resource(i) for i in resource_ids]
        for r in resources:
            r.deleted, r.deleted_at, r.deleted_by = True, now(), USER_EMAIL

    def channels(self) -> list[dict[str, Any]]:
        groups: dict[str, list[Resource]] = {}
        for r in sorted(self.resources.values(), key=lambda r: r.seq):
            if r.channel and not r.deleted:
                groups.setdefault(r.channel, []).append(r)
        return [
            {
                "channel_name": name,
                "resource_data": [
                    {
                        "created_by": r.created_by,
                        "customer_id": CUSTOMER_ID,
                        "resource_id": r.id,
                        "resource_file_name": r.filename,
                        "resource_mimetype": r.facts.mimetype,
                    }
                    for r in members
                ],
                "deleted": False,
                "created_at": members[0].created_at,
                "updated_at": members[-1].created_at,
                "resource_count": str(len(members)),
            }
            for name, members in groups.items()
        ]

    def not_annotated(self, project_id: str | None) -> list[Resource]:
        annotated = {a.resource_id for a in self.annotations.values()}
        pool = self.project_resources(project_id) if project_id else self.list_resources(ResourceFilter())
        return [r for r in pool if r.id not in annotated and not r.deleted]

    def frame_png(self, resource_id: str, index: int) -> bytes:
        resource = self.live_resource(resource_id)
        return _imaging.render_frame(resource.path, resource.facts, index)

    def resource_json(self, r: Resource) -> dict[str, Any]:
        return {
            "id": r.id,
            "storage": r.facts.storage,
            "location": f"resources/{CUSTOMER_ID}/{r.id}",
            "filename": r.filename,
            "mimetype": r.facts.mimetype,
            "size": r.size,
            "status": r.status,
            "created_at": r.created_at,
            "created_by": r.created_by,
            "resource_uri": f"/resources/{r.id}/file",
            "upload_channel": r.channel,
            "upload_mechanism": "api",
            "customer_id": CUSTOMER_ID,
            "published": r.status == "published",
            "published_on": r.published_on,
            "published_by": r.published_by,
            "deleted": r.deleted,
            "deleted_at": r.deleted_at,
            "deleted_by": r.deleted_by,
            "modality": r.modality,
            "metadata": r.metadata,
            "source_filepath": r.source_filepath,
            "tags": list(r.tags),
            "frame_count": r.facts.frames,
            **{key: r.facts.uids.get(key) for key in ("instance_uid", "series_uid", "study_uid", "patient_id")},
            "user_info": self._user_info(r.created_by),
            "projects": [{"id": p.id, "name": p.name} for p in self.projects_of(r.id)],
        }

    def _user_info(self, email: str) -> dict[str, str]:
        user = self.users.get(email)
        return {
            "email": email,
            "firstname": (user and user.firstname) or "",
            "lastname": (user and user.lastname) or "",
        }

    # -- projects and datasets

    def project(self, project_id: str) -> Project:
        found = self.projects.get(project_id)
        if found is None:
            raise NotFound("Project", project_id)
        return found

    def dataset(self, dataset_id: str) -> Dataset:
        found = self.datasets.get(dataset_id)
        if found is None:
            raise NotFound("Dataset", dataset_id)
        return found

    def create_project(self, body: Mapping[str, Any]) -> Project:
        name = str(body["name"])
        if any(p.name == name for p in self.projects.values()):
            raise Conflict(f"Project with name {name!r} already exists")
        spec = body.get("annotation_set") or {}
        resource_ids = _unique([*body.get("resource_ids", []), *spec.get("resource_ids", [])])
        for rid in resource_ids:
            self.live_resource(rid)
        created = now()
        dataset = Dataset(new_id(), name, str(body.get("description") or ""), created, created, list(resource_ids))
        self.datasets[dataset.id] = dataset
        worklist = self._new_worklist(
            {**spec, "name": name, "description": body.get("description"), "resource_ids": resource_ids}
        )
        project = Project(
            id=new_id(),
            name=name,
            description=body.get("description"),
            created_at=created,
            dataset_id=dataset.id,
            worklist_id=worklist.id,
            is_active_learning=bool(body.get("is_active_learning", False)),
            two_up_display=bool(body.get("two_up_display", False)),
            require_review=bool(body.get("require_review", False)),
        )
        worklist.project_id = project.id
        self.projects[project.id] = project
        return project

    def delete_project(self, project_id: str) -> None:
        project = self.project(project_id)
        del self.projects[project.id]
        self.datasets.pop(project.dataset_id, None)
        for worklist in [w for w in self.worklists.values() if w.project_id == project.id]:
            worklist.project_id = None
        self.experiments.pop(project.id, None)

    def project_resources(self, project_id: str) -> list[Resource]:
        project = self.project(project_id)
        return [self.resources[i] for i in self.datasets[project.dataset_id].resource_ids if i in self.resources]

    def update_dataset(self, dataset: Dataset, body: Mapping[str, Any]) -> None:
        add = list(body.get("resource_ids_to_add") or [])
        remove = set(body.get("resource_ids_to_delete") or [])
        for rid in add:
            self.live_resource(rid)
        dataset.resource_ids = [i for i in _unique([*dataset.resource_ids, *add]) if i not in remove]
        dataset.updated_at = now()

    def project_json(self, p: Project) -> dict[str, Any]:
        annotators = self.worklists[p.worklist_id].annotators if p.worklist_id in self.worklists else []
        return {
            "id": p.id,
            "name": p.name,
            "description": p.description,
            "created_at": p.created_at,
            "created_by": USER_EMAIL,
            "dataset_id": p.dataset_id,
            "worklist_id": p.worklist_id,
            "archived": p.archived,
            "resource_count": len(self.datasets[p.dataset_id].resource_ids),
            "is_active_learning": p.is_active_learning,
            "two_up_display": p.two_up_display,
            "require_review": p.require_review,
            "most_recent_experiment": None,
            "annotators": [
                {"email": email, "worklist_ids": [w.id for w in self.worklists.values() if email in w.annotators]}
                for email in annotators
            ],
        }

    def dataset_json(self, d: Dataset) -> dict[str, Any]:
        return {
            "id": d.id,
            "name": d.name,
            "description": d.description,
            "created_at": d.created_at,
            "created_by": USER_EMAIL,
            "customer_id": CUSTOMER_ID,
            "updated_at": d.updated_at,
            "total_resource": len(d.resource_ids),
            "resource_ids": list(d.resource_ids),
        }

    def project_worklists(self, project_id: str) -> list[dict[str, Any]]:
        self.project(project_id)
        return [
            {
                "worklist_id": w.id,
                "worklist_name": w.name,
                "annotators": list(w.annotators),
                "resource_count": len(w.resource_ids),
            }
            for w in self.worklists.values()
            if w.project_id == project_id
        ]

    def export_project(self, project_id: str, all_annotations: bool, include_unannotated: bool) -> Path:
        """A ZIP of the project's files and annotations (annotations.json), in the exports folder."""
        project = self.project(project_id)
        worklists = {w.id for w in self.worklists.values() if w.project_id == project.id}
        resources = self.project_resources(project_id)
        target = self._dir / "exports" / f"{project.id}-{new_id()}.zip"
        listing = []
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for r in resources:
                annotations = [
                    a
                    for a in self.annotations.values()
                    if a.resource_id == r.id and (all_annotations or a.data.get("annotation_worklist_id") in worklists)
                ]
                if not annotations and not include_unannotated:
                    continue
                archive.write(r.path, f"{r.id}/{r.filename}")
                for a in annotations:
                    if a.file_path is not None:
                        archive.write(a.file_path, f"{r.id}/annotations/{a.id}/{a.file_name}")
                listing.append(
                    {"resource": self.resource_json(r), "annotations": [self.annotation_json(a) for a in annotations]}
                )
            archive.writestr("annotations.json", json.dumps(listing, indent=2))
        return target

    # -- worklists

    def worklist(self, worklist_id: str) -> Worklist:
        found = self.worklists.get(worklist_id)
        if found is None:
            raise NotFound("Annotation worklist", worklist_id)
        return found

    def create_worklist(self, body: Mapping[str, Any]) -> Worklist:
        project_id = body.get("project_id")
        if project_id:
            self.project(project_id)
        for rid in body.get("resource_ids") or []:
            self.live_resource(rid)
        worklist = self._new_worklist(body)
        worklist.project_id = project_id or None
        return worklist

    def _new_worklist(self, body: Mapping[str, Any]) -> Worklist:
        worklist = Worklist(
            id=new_id(),
            name=str(body["name"]),
            description=body.get("description"),
            created_at=now(),
            status=str(body.get("status") or "new"),
            annotators=list(body.get("annotators") or []),
            annotations=list(body.get("annotations") or []),
            frame_labels=list(body.get("frame_labels") or []),
            image_labels=list(body.get("image_labels") or []),
            resource_ids=_unique(body.get("resource_ids") or []),
        )
        self.worklists[worklist.id] = worklist
        return worklist

    def update_worklist(self, worklist_id: str, body: Mapping[str, Any]) -> Worklist:
        worklist = self.worklist(worklist_id)
        for key in ("name", "description", "status", "frame_labels", "image_labels", "annotations", "annotators"):
            if key in body:
                setattr(worklist, key, body[key])
        return worklist

    def update_worklist_resources(self, worklist_id: str, body: Mapping[str, Any]) -> None:
        worklist = self.worklist(worklist_id)
        add = list(body.get("resource_ids_to_add") or [])
        remove = set(body.get("resource_ids_to_delete") or [])
        for rid in add:
            self.live_resource(rid)
        worklist.resource_ids = [i for i in _unique([*worklist.resource_ids, *add]) if i not in remove]

    def worklist_json(self, w: Worklist) -> dict[str, Any]:
        return {
            "id": w.id,
            "name": w.name,
            "description": w.description,
            "status": w.status,
            "annotators": [{"email": e, "status": "active", "expertise_level": None} for e in w.annotators],
            "annotations": list(w.annotations),
            "frame_labels": list(w.frame_labels),
            "image_labels": list(w.image_labels),
            "resource_ids": list(w.resource_ids),
            "project_id": w.project_id,
            "created_at": w.created_at,
            "created_by": USER_EMAIL,
        }

    # -- annotations

    def annotation(self, annotation_id: str) -> Annotation:
        found = self.annotations.get(annotation_id)
        if found is None:
            raise NotFound("Annotation", annotation_id)
        return found

    def create_annotations(self, resource_id: str, items: list[Mapping[str, Any]]) -> list[str]:
        self.live_resource(resource_id)
        for item in items:
            worklist_id = item.get("annotation_worklist_id")
            if worklist_id:
                self.worklist(worklist_id)
        ids = []
        for item in items:
            annotation = self._new_annotation(resource_id, item)
            ids.append(annotation.id)
        return ids

    def _new_annotation(self, resource_id: str, item: Mapping[str, Any]) -> Annotation:
        frame_range = item.get("frame_range")
        frame_index = item.get("frame_index")
        if frame_index is None and frame_range:
            frame_index = frame_range[0]
        scope = item.get("scope") or ("image" if frame_index is None else "frame")
        annotation_id = new_id()
        data: dict[str, Any] = {
            "id": annotation_id,
            "resource_id": resource_id,
            "identifier": item["identifier"],
            "type": item["type"],
            "scope": scope,
            "frame_index": frame_index,
            "value": item.get("value"),
            "units": item.get("units"),
            "geometry": item.get("geometry"),
            "created_at": now(),
            "created_by": item.get("import_author") or USER_EMAIL,
            "annotation_worklist_id": item.get("annotation_worklist_id"),
            "imported_from": item.get("imported_from"),
            "import_author": item.get("import_author"),
            "status": "new",
            "is_model": item.get("is_model"),
            "model_id": item.get("model_id"),
            "source": item.get("source"),
            "file": None,
            "deleted": False,
        }
        if frame_range:
            data["frame_range"] = list(frame_range)
        annotation = Annotation(annotation_id, resource_id, data)
        self.annotations[annotation_id] = annotation
        return annotation

    def check_annotation_of(self, resource_id: str, annotation_id: str) -> Annotation:
        self.live_resource(resource_id)
        annotation = self.annotation(annotation_id)
        if annotation.resource_id != resource_id:
            raise NotFound("Annotation", f"{annotation_id} of resource {resource_id}")
        return annotation

    def attach_file(
        self, resource_id: str, annotation_id: str, filename: str, part_type: str | None, path: Path
    ) -> None:
        """The mask of a frame segmentation, already kept by `keep_file`."""
        annotation = self.check_annotation_of(resource_id, annotation_id)
        annotation.file_path, annotation.file_name = path, filename or f"{annotation_id}.png"
        annotation.file_type = part_type or "image/png"
        annotation.data["file"] = annotation.file_name

    def add_volume_segmentation(
        self, resource_id: str, filename: str, path: Path, fields: Mapping[str, str]
    ) -> list[str]:
        """One annotation per label of `segmentation_map` (JSON text), all sharing the NIfTI kept at `path`."""
        self.live_resource(resource_id)
        labels: dict[str, str] = {}
        if fields.get("segmentation_map"):
            try:
                parsed = json.loads(fields["segmentation_map"])
            except ValueError:
                raise BadRequest("segmentation_map is not JSON") from None
            if not isinstance(parsed, dict):
                raise BadRequest("segmentation_map must be an object: label value -> name")
            labels = {str(k): str(v) for k, v in parsed.items()}
        worklist_id = fields.get("annotation_worklist_id")
        if worklist_id:
            self.worklist(worklist_id)
        names = labels or {"1": Path(filename).name.split(".")[0] or "segmentation"}
        ids = []
        for value, name in names.items():
            annotation = self._new_annotation(
                resource_id,
                {
                    "type": "segmentation",
                    "identifier": name,
                    "scope": "image",
                    "annotation_worklist_id": worklist_id or None,
                    "model_id": fields.get("model_id"),
                    "is_model": True if fields.get("model_id") else None,
                    "source": fields.get("source"),
                    "imported_from": fields.get("imported_from"),
                },
            )
            annotation.file_path, annotation.file_name, annotation.file_type = path, filename, _imaging.NIFTI
            annotation.data["file"] = filename
            annotation.data["label_value"] = int(value) if value.isdigit() else value
            ids.append(annotation.id)
        return ids

    def search_annotations(self, where: Mapping[str, Any]) -> list[Annotation]:
        resource_ids: set[str] | None = None
        if where.get("resource_id"):
            resource_ids = {where["resource_id"]}
        if where.get("resource_ids"):
            resource_ids = (resource_ids or set()) | set(where["resource_ids"])
        dataset_ids = set(self.dataset(where["dataset_id"]).resource_ids) if where.get("dataset_id") else None
        simple: dict[str, Callable[[Annotation], Any]] = {
            "annotation_type": lambda a: a.data["type"],
            "annotatorEmail": lambda a: a.data["created_by"],
            "annotation_worklist_id": lambda a: a.data["annotation_worklist_id"],
            "status": lambda a: a.data["status"],
            "source": lambda a: a.data["source"],
        }
        found = []
        for a in self.annotations.values():
            if resource_ids is not None and a.resource_id not in resource_ids:
                continue
            if dataset_ids is not None and a.resource_id not in dataset_ids:
                continue
            if any(where.get(key) not in (None, "") and where[key] != get(a) for key, get in simple.items()):
                continue
            if not _in_dates(a.data["created_at"], where.get("from"), where.get("to")):
                continue
            found.append(a)
        return found

    def delete_annotations(self, annotation_ids: list[str]) -> int:
        for annotation_id in annotation_ids:
            self.annotation(annotation_id)
        for annotation_id in annotation_ids:
            del self.annotations[annotation_id]
        return len(annotation_ids)

    def annotation_file(self, resource_id: str, annotation_id: str) -> Annotation:
        annotation = self.annotation(annotation_id)
        if annotation.resource_id != resource_id:
            raise NotFound("Annotation", f"{annotation_id} of resource {resource_id}")
        if annotation.file_path is None:
            raise NotFound("File of annotation", annotation_id)
        return annotation

    def annotation_json(self, a: Annotation) -> dict[str, Any]:
        return dict(a.data)

    # -- users

    def user(self, email: str) -> User:
        found = self.users.get(email)
        if found is None:
            raise NotFound("User", email)
        return found

    def create_user(self, body: Mapping[str, Any]) -> User:
        email = str(body["email"])
        if email in self.users:
            raise Conflict(f"User {email} already exists")
        user = User(email, body.get("firstname"), body.get("lastname"), list(body.get("roles") or ["annotator"]), now())
        self.users[email] = user
        return user

    def user_json(self, u: User) -> dict[str, Any]:
        return {
            "email": u.email,
            "firstname": u.firstname,
            "lastname": u.lastname,
            "roles": list(u.roles),
            "customer_id": CUSTOMER_ID,
            "created_at": u.created_at,
        }

    # -- experiments (read-only over HTTP; tests arrange them)

    def add_experiment(self, project_id: str, name: str, **extra: Any) -> dict[str, Any]:
        self.project(project_id)
        experiment = {"id": new_id(), "name": name, "project_id": project_id, "created_at": now(), **extra}
        self.experiments.setdefault(project_id, []).append(experiment)
        return experiment


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _set_filter(have: set[str], wanted: list[str], kind: str) -> bool:
    if not wanted:
        return True
    if kind == "union":
        return bool(have & set(wanted))
    return set(wanted) <= have


def _in_dates(stamp: str, date_from: str | None, date_to: str | None) -> bool:
    day = stamp[:10]
    if date_from and day < _day(date_from):
        return False
    return not (date_to and day > _day(date_to))


def _day(text: str) -> str:
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise BadRequest(f"not an ISO date: {text!r}") from None
