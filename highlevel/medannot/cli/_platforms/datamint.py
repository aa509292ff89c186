"""Datamint on the command line: `ls` of resources (of a project: `datamint+https://api.datamint.io/project/<name>`)
and projects; `upload` (a file already there under the same name with the same size is not sent again: Datamint
gives every upload a new id, so the check comes before sending); `download` of the resources' files as stored.
Credentials: DATAMINT_API_KEY, --api-key-file or the config.

As a copy destination (`medannot copy SRC datamint+https://host/project/<name>`): each case's image becomes a
resource published to the project, with `{"medannot": {"case", "sha256", "size", "tag"}}` in its metadata, and
each label a volume segmentation of that resource (`upload_segmentations`, NIfTI as it is: geometry kept), one
annotation per label value present, named from the source's label names, `imported_from` =
`medannot:<case>:<tag>:<sha256>`. Datamint gives every upload a new id, so a rerun looks for these marks before
sending anything: nothing is created twice. Label values the source does not name are sent as `label_<value>`
and listed in the summary."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from medannot.cli._copy import Case, Part
from medannot.cli._jobs import RemoteFile
from medannot.cli._manifest import Item, Manifest, sha256_file
from medannot.cli._platforms._base import Adapter
from medannot.cli._transfer import Found, Summary

KEY = "medannot"


def _field(row: Any, name: str) -> Any:
    try:
        return row[name]
    except (KeyError, TypeError):
        return getattr(row, name, None)


class DatamintFiles:
    def __init__(self, client: Any, project: str | None) -> None:
        self.client, self.project = client, project
        self.existing: dict[str, Any] = {}

    def _resources(self) -> Any:
        if self.project:
            return self.client.get_resources(project_name=self.project)
        return self.client.get_resources()

    def stable_name(self, path: Path) -> str:
        return path.name

    def prepare(self) -> None:
        self.existing = {}
        for row in self._resources():
            name = _field(row, "filename")
            if isinstance(name, str):
                self.existing.setdefault(name, row)

    def find(self, name: str, path: Path) -> Found | None:
        row = self.existing.get(name)
        if row is None:
            return None
        size = _field(row, "size")
        if isinstance(size, int) and size != path.stat().st_size:
            return None
        return Found(path.stat().st_size, None, str(_field(row, "id")))

    def send(self, path: Path, name: str, size: int, checksum: str) -> Found:
        rid = self.client.upload_resources(str(path), publish_to=self.project) if self.project else \
            self.client.upload_resources(str(path))  # fmt: skip
        return Found(size, checksum, str(rid))

    def verify(self, item: Item) -> str | None:
        return None if item.dest in self.existing else "missing on the server"

    def files(self) -> Iterator[RemoteFile]:
        for row in self._resources():
            rid, name = str(_field(row, "id")), _field(row, "filename") or str(_field(row, "id"))
            size = _field(row, "size")
            yield RemoteFile(rid, f"{rid}/{Path(str(name)).name}", size if isinstance(size, int) else None)

    def fetch(self, ref: str, path: Path) -> None:
        path.unlink(missing_ok=True)
        self.client.download_resource_file(ref, str(path), auto_convert=False)


def _mark(resource: Any) -> dict[str, Any]:
    metadata = _field(resource, "metadata")
    mark = metadata.get(KEY) if isinstance(metadata, dict) else None
    return mark if isinstance(mark, dict) else {}


def _volume(nib: Any, path: Path) -> Any:
    return nib.load(str(path))


class DatamintCaseSink:
    """A Datamint project as a copy destination (see the module doc)."""

    accepts = frozenset({"nifti", "dicom", "png", "jpeg"})

    def __init__(self, client: Any, project: str, tag: str) -> None:
        self.client, self.project, self.tag = client, project, tag
        self.images: dict[str, Any] = {}  # case id -> resource (what prepare() found, then what this run sent)
        self.lock = threading.Lock()
        self._notes: list[str] = []
        self._unnamed: dict[int, int] = {}

    def target(self, case: Case, part: Part) -> str:
        return case.id

    def direct_path(self, target: str) -> Path | None:
        return None

    def prepare(self) -> None:
        from medannot.errors import NotFound

        try:
            self.client.get_project_by_name(self.project)
        except NotFound:
            raise NotFound(f"Datamint has no project {self.project!r}: create it first") from None
        found: dict[str, Any] = {}
        for row in self.client.get_resources():  # all of them: a run killed before publishing left one outside
            mark = _mark(row)
            if mark.get("project") == self.project and isinstance(mark.get("case"), str) and mark.get("sha256"):
                found.setdefault(mark["case"], row)
        self.images = found

    def _resource_id(self, case: str) -> str:
        from medannot.errors import NotFound

        with self.lock:
            row = self.images.get(case)
        if row is None:
            raise NotFound(f"case {case}: its image is not on Datamint (it failed or was not sent)")
        return str(_field(row, "id"))

    def _label_mark(self, item: Item) -> str:
        return f"{KEY}:{item.dest}:{item.kind.partition(':')[2]}:"

    def find(self, item: Item) -> Found | None:
        if item.kind == "image":
            with self.lock:
                row = self.images.get(item.dest)
            if row is None:
                return None
            mark = _mark(row)
            if item.checksum is not None and mark.get("sha256") != item.checksum:
                return None
            self._publish(row)
            size = mark.get("size")
            return Found(size if isinstance(size, int) else None, str(mark["sha256"]), str(_field(row, "id")))
        with self.lock:
            known = item.dest in self.images
        if not known:
            return None
        prefix = self._label_mark(item)
        ids, checksum = [], None
        for annotation in self.client.get_annotations(resource_id=self._resource_id(item.dest),
                                                      annotation_type="segmentation"):  # fmt: skip
            origin = _field(annotation, "imported_from")
            if isinstance(origin, str) and origin.startswith(prefix):
                checksum = origin[len(prefix) :]
                ids.append(str(_field(annotation, "id")))
        if not ids or (item.checksum is not None and checksum != item.checksum):
            return None
        return Found(None, checksum, ",".join(sorted(ids)))

    def _publish(self, row: Any) -> None:
        projects = _field(row, "projects") or []
        names = {_field(p, "name") for p in projects} if isinstance(projects, list) else set()
        if self.project not in names:
            self.client.publish_resources(str(_field(row, "id")), project_name=self.project)

    def write(self, item: Item, path: Path, label_names: dict[int, str] | None) -> Found:
        size, checksum = sha256_file(path)
        if item.kind == "image":
            mark = {"case": item.dest, "sha256": checksum, "size": size, "project": self.project, "name": path.name}
            rid = self.client.upload_resources(str(path), publish_to=self.project, metadata={KEY: mark})
            rid = str(rid if isinstance(rid, str) else rid[0])
            with self.lock:
                self.images[item.dest] = {"id": rid, "metadata": {KEY: mark}, "projects": [{"name": self.project}]}
            return Found(size, checksum, rid)
        names = self._names(path, label_names)
        if not names:
            self._note(f"{item.key}: the label is empty (no value but 0): nothing to send")
            return Found(size, checksum, "")
        ids = self.client.upload_segmentations(self._resource_id(item.dest), str(path), name=names,
                                               imported_from=self._label_mark(item) + checksum)  # fmt: skip
        return Found(size, checksum, ",".join(sorted(str(i) for i in ids)))

    def _names(self, path: Path, label_names: dict[int, str] | None) -> dict[int, str]:
        """{value: name} of the label values present (0, the background, left out); unnamed ones counted."""
        import nibabel as nib
        import numpy as np

        values = [int(v) for v in np.unique(np.asarray(_volume(nib, path).dataobj)) if int(v) != 0]
        names = {}
        for value in values:
            name = (label_names or {}).get(value)
            if name is None:
                with self.lock:
                    self._unnamed[value] = self._unnamed.get(value, 0) + 1
                name = f"label_{value}"
            names[value] = name
        return names

    def _note(self, text: str) -> None:
        with self.lock:
            self._notes.append(text)

    def verify(self, item: Item) -> str | None:
        import tempfile

        from medannot.errors import NotFound

        with tempfile.TemporaryDirectory(prefix="medannot-verify-") as folder:
            target = Path(folder) / "file"
            try:
                if item.kind == "image":
                    self.client.download_resource_file(item.remote_id or "", str(target), auto_convert=False)
                elif item.remote_id:
                    self.client.annotations.download_file(item.remote_id.split(",")[0], target)
                else:
                    return None  # an empty label: nothing was sent
            except NotFound:
                return "missing on the server"
            size, checksum = sha256_file(target)
        if item.size is not None and size != item.size:
            return f"size on the server {size} != {item.size}"
        if item.checksum is not None and checksum != item.checksum:
            return f"checksum on the server {checksum} != {item.checksum}"
        return None

    def finish(self, manifest: Manifest, label_names: dict[int, str] | None, summary: Summary) -> None:
        if self._unnamed:
            listed = ", ".join(f"{v} ({n} labels)" for v, n in sorted(self._unnamed.items()))
            self._note(f"label values without a name in the source, sent as 'label_<value>': {listed}")

    def notes(self) -> list[str]:
        with self.lock:
            return list(self._notes)


class DatamintAdapter(Adapter):
    name = "datamint"
    default_url = "https://api.datamint.io"
    listings = ("resources", "projects")

    @contextmanager
    def client(self) -> Iterator[Any]:
        from medannot.datamint import APIHandler

        creds = self.target.credentials
        with APIHandler(self.target.url, creds.api_key, verify=creds.ca_bundle or True) as client:
            yield client

    def _project(self) -> str | None:
        return self.target.container if self.target.kind == "project" else None

    def ls(self, client: Any, what: str) -> Any:
        if what == "resources":
            return DatamintFiles(client, self._project())._resources()
        if what == "projects":
            return client.get_projects()
        return super().ls(client, what)

    def file_sink(self, client: Any) -> DatamintFiles:
        return DatamintFiles(client, self._project())

    def file_source(self, client: Any, *, tag: str | None) -> DatamintFiles:
        return DatamintFiles(client, self._project())

    def case_sink(self, client: Any, *, tag: str) -> DatamintCaseSink:
        return DatamintCaseSink(client, self.require_container("project"), tag)


ADAPTER = DatamintAdapter
