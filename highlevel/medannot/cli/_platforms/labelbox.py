"""Labelbox on the command line: `ls` of datasets, a dataset's data rows (`labelbox+https://api.labelbox.com/
dataset/<id>`); `upload` into a dataset (external id = file name: a row with that external id is not created
twice); `download` of a dataset's data rows' files (`.../dataset/<id>`: DEST/<file name>, see below; atomic,
resumable; Labelbox keeps no checksum, so the manifest holds the sha256 of what arrived); `export` of a project's
labels (`.../project/<id>`, NDJSON, atomic). Credentials: LABELBOX_API_KEY, --api-key-file or the config.

A data row's file name (download, and the copy's image): the last component of its external id, else of its URL,
else its id. A name several rows of the dataset would take becomes `<stem>.<row id><ext>` for each of them
(whatever the listing order; the dataset is listed twice for that), so no row is lost or overwritten. The file
is fetched from the row's URL as the API gives it when the item runs (download: the manifest keeps the row id,
since Labelbox's signed URLs expire).

Copy (`medannot copy`), 2-D images and masks:
- from Labelbox to a folder: a dataset's data rows (`.../dataset/<id>`: images only) or a project's
  (`.../project/<id>`: images and labels, from its export). One case per data row (its external id's stem, else
  its id); the image is the row's file as stored. A label's mask objects (`mask.url` in the export) are merged
  into one PNG of label values, value i for the i-th feature of the project's labels (by feature name), names in
  dataset.json. Label objects without a mask (boxes, points, classifications, and every object of the emulator,
  whose labels hold no geometry) are not copied: counted per feature in the summary.
- from a folder to a dataset: each image a data row (external id = the image's file name; a row with that
  external id is not created twice). Labelbox's API as medannot speaks it has no label import (labels are made
  in its editor, or through model-assisted-labelling imports medannot does not offer): every label fails as
  `Unsupported` with that reason, listed in the summary, never dropped silently."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from medannot.cli._copy import Case, Part
from medannot.cli._jobs import RemoteFile
from medannot.cli._manifest import Item, Manifest
from medannot.cli._platforms._base import Adapter
from medannot.cli._platforms.local import _format, split_name
from medannot.cli._transfer import Found, Summary

NO_LABEL_IMPORT = ("Labelbox takes no label import through the API medannot speaks (labels are made in its "
                   "editor): the mask {name} was not sent")  # fmt: skip


class LabelboxFileSink:
    def __init__(self, client: Any, dataset_id: str) -> None:
        self.client, self.dataset_id = client, dataset_id
        self.existing: dict[str, str] = {}

    def stable_name(self, path: Path) -> str:
        return path.name

    def prepare(self) -> None:
        self.existing = {row.external_id: row.id for row in self.client.get_data_rows(self.dataset_id)
                         if row.external_id}  # fmt: skip

    def find(self, name: str, path: Path) -> Found | None:
        row = self.existing.get(name)
        return Found(path.stat().st_size, None, row) if row else None  # Labelbox keeps no checksum

    def send(self, path: Path, name: str, size: int, checksum: str) -> Found:
        result = self.client.create_data_rows_from_files(self.dataset_id, [str(path)], concurrency=1, progress=False)
        created = getattr(result, "created", None) or []
        row_id = getattr(created[0], "id", None) if created else None
        return Found(size, checksum, row_id)

    def verify(self, item: Item) -> str | None:
        return None if item.dest in self.existing else "missing in the dataset"


def _download(url: str, path: Path, verify: str | bool) -> Path:
    """A data row's file or a mask (signed storage URLs on Labelbox: sent without the API key), atomically."""
    import httpx

    from medannot.core.downloads import save_response
    from medannot.errors import TransportError

    try:
        with (
            httpx.Client(verify=verify, timeout=120.0, follow_redirects=True) as http,
            http.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                from medannot.errors import APIError

                raise APIError(f"GET {url.split('?', 1)[0]}: HTTP {response.status_code}")
            return save_response(response, path, overwrite=True)
    except httpx.HTTPError as exc:
        raise TransportError(f"GET {url.split('?', 1)[0]}: {exc}") from exc


def _file_name(external_id: str | None, row_id: str, url: str) -> str:
    return Path(external_id or url.split("?", 1)[0]).name or row_id


def _dataset_rows(client: Any, dataset_id: str) -> Iterator[tuple[Any, str]]:
    """Each data row of the dataset with its file name (see the module doc): a first listing counts the names
    (names only: small next to the files), the second yields the rows."""
    counts: dict[str, int] = {}
    for row in client.get_data_rows(dataset_id):
        name = _file_name(row.external_id, row.id, row.row_data)
        counts[name] = counts.get(name, 0) + 1
    for row in client.get_data_rows(dataset_id):
        name = _file_name(row.external_id, row.id, row.row_data)
        if counts.get(name, 0) > 1:
            stem, ext = split_name(name)
            name = f"{stem}.{row.id}{ext}"
        yield row, name


class LabelboxFileSource:
    """`download`: a dataset's data rows' files, DEST/<file name> (see the module doc)."""

    def __init__(self, client: Any, dataset_id: str, verify: str | bool) -> None:
        self.client, self.dataset_id, self.verify = client, dataset_id, verify

    def files(self) -> Iterator[RemoteFile]:
        for row, name in _dataset_rows(self.client, self.dataset_id):
            yield RemoteFile(row.id, name)

    def prepare(self) -> None:
        pass

    def fetch(self, ref: str, path: Path) -> None:
        _download(self.client.get_data_row(ref).row_data, path, self.verify)  # the row's URL now (signed URLs expire)


class LabelboxCaseSource:
    def __init__(self, client: Any, kind: str, container: str, tag: str, verify: str | bool) -> None:
        self.client, self.kind, self.container, self.tag, self.verify = client, kind, container, tag, verify
        self.features: list[str] = []  # names, in order of first appearance: value i + 1
        self.skipped: dict[str, int] = {}
        self.export_dir: Path | None = None

    def _case_id(self, external_id: str | None, row_id: str) -> str:
        return split_name(external_id)[0] if external_id else row_id

    def _image(self, external_id: str | None, row_id: str, url: str, name: str | None = None) -> Part:
        name = name or _file_name(external_id, row_id, url)
        return Part("image", url, name, _format(name))

    def cases(self) -> Iterator[Case]:
        if self.kind == "dataset":
            for row, name in _dataset_rows(self.client, self.container):
                case_id = split_name(name)[0] if row.external_id else row.id
                yield Case(case_id, (self._image(row.external_id, row.id, row.row_data, name),))
            return
        import tempfile

        names = self._feature_names()
        with tempfile.TemporaryDirectory(prefix="medannot-export-") as folder:
            path = self.client.export_project_labels(self.container, folder + "/", overwrite=True)
            with Path(path).open(encoding="utf-8") as lines:
                for line in lines:
                    if line.strip():
                        yield self._project_case(json.loads(line), names)

    def _feature_names(self) -> dict[str, str]:
        """feature schema id -> name, from the project's ontology when the platform tells it."""
        out: dict[str, str] = {}
        try:
            ontology = self.client.get_project(self.container).ontology()
            for tool in getattr(ontology, "tools", lambda: [])():
                out[str(tool.feature_schema_id)] = str(tool.name)
        except Exception:  # names are a nicety: the export's own names are used when the ontology is not read
            pass
        return out

    def _project_case(self, row: dict[str, Any], names: dict[str, str]) -> Case:
        data = row.get("data_row") or {}
        external, row_id = data.get("external_id"), str(data.get("id"))
        parts = [self._image(external, row_id, str(data.get("row_data")))]
        masks: list[tuple[int, str]] = []
        for project in (row.get("projects") or {}).values():
            for label in project.get("labels") or []:
                for obj in (label.get("annotations") or {}).get("objects") or []:
                    name = str(obj.get("name") or obj.get("value") or names.get(str(obj.get("feature_schema_id")))
                               or obj.get("feature_schema_id"))  # fmt: skip
                    url = (obj.get("mask") or {}).get("url") if isinstance(obj.get("mask"), dict) else None
                    if not url:
                        key = f"label objects without a mask (feature {name!r})"
                        self.skipped[key] = self.skipped.get(key, 0) + 1
                        continue
                    if name not in self.features:
                        self.features.append(name)
                    masks.append((self.features.index(name) + 1, str(url)))
                for kind in ("classifications", "relationships"):
                    count = len((label.get("annotations") or {}).get(kind) or [])
                    if count:
                        self.skipped[f"label {kind}"] = self.skipped.get(f"label {kind}", 0) + count
        case_id = self._case_id(external, row_id)
        if masks:
            parts.append(Part(f"label:{self.tag}", json.dumps(masks), f"{case_id}.png", "png"))
        return Case(case_id, tuple(parts))

    def fetch(self, part: Part, path: Path) -> Path:
        if part.kind == "image":
            return _download(part.ref, path, self.verify)
        return self._merge(json.loads(part.ref), path)

    def _merge(self, masks: list[list[Any]], path: Path) -> Path:
        """Masks (non-black pixels are the object) -> one 8-bit PNG of label values, written atomically."""
        import numpy as np
        from PIL import Image

        from medannot.cli._copy import _atomic_copy

        merged: Any = None
        for value, url in masks:
            piece = _download(url, path.with_name(f".{path.name}.mask{value}.png"), self.verify)
            try:
                with Image.open(piece) as image:
                    array = np.asarray(image.convert("L")) > 0
            finally:
                piece.unlink(missing_ok=True)
            merged = np.zeros(array.shape, np.uint8) if merged is None else merged
            merged[array] = value
        tmp = path.with_name(f".{path.name}.merged.png")
        Image.fromarray(merged).save(tmp, format="PNG")
        try:
            if tmp != path:
                _atomic_copy(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        return path

    def label_names(self) -> dict[int, str] | None:
        return {0: "background", **{i: n for i, n in enumerate(self.features, 1)}} if self.features else None

    def notes(self) -> list[str]:
        return [f"not copied: {key}: {n}" for key, n in sorted(self.skipped.items())]


class LabelboxCaseSink:
    """Images as data rows of a dataset (see the module doc); labels refused with the reason."""

    accepts = frozenset({"png", "jpeg", "dicom", "nifti", "file"})

    def __init__(self, client: Any, dataset_id: str) -> None:
        self.rows = LabelboxFileSink(client, dataset_id)
        self.refused = 0
        self.lock = threading.Lock()

    def target(self, case: Case, part: Part) -> str:
        return part.name if part.kind == "image" else case.id

    def direct_path(self, target: str) -> Path | None:
        return None

    def prepare(self) -> None:
        self.rows.prepare()

    def unsupported(self, part: Part) -> str | None:
        if part.kind == "image":
            return None
        with self.lock:
            self.refused += 1
        return NO_LABEL_IMPORT.format(name=part.name)

    def find(self, item: Item) -> Found | None:
        row = self.rows.existing.get(item.dest) if item.kind == "image" else None
        return Found(item.size, item.checksum, row) if row else None

    def write(self, item: Item, path: Path, label_names: dict[int, str] | None) -> Found:
        from medannot.cli._manifest import sha256_file

        size, checksum = sha256_file(path)
        if path.name != item.dest:  # the row's external id is the file's name
            from medannot.cli._copy import _atomic_copy

            named = path.parent / f".medannot-{item.grp}" / item.dest
            named.parent.mkdir(parents=True, exist_ok=True)
            try:
                _atomic_copy(path, named)
                found = self.rows.send(named, item.dest, size, checksum)
            finally:
                named.unlink(missing_ok=True)
                named.parent.rmdir()
        else:
            found = self.rows.send(path, item.dest, size, checksum)
        return found

    def verify(self, item: Item) -> str | None:
        return self.rows.verify(item) if item.kind == "image" else None

    def finish(self, manifest: Manifest, label_names: dict[int, str] | None, summary: Summary) -> None:
        pass

    def notes(self) -> list[str]:
        return [NO_LABEL_IMPORT.format(name=f"of {self.refused} labels")] if self.refused else []


class LabelboxAdapter(Adapter):
    name = "labelbox"
    default_url = "https://api.labelbox.com"
    listings = ("datasets", "data-rows", "projects")

    @contextmanager
    def client(self) -> Iterator[Any]:
        from medannot.labelbox import Client

        creds = self.target.credentials
        with Client(creds.api_key, endpoint=self.target.url.rstrip("/") + "/graphql", timeout=self.target.timeout,
                    verify=creds.ca_bundle or True) as client:  # fmt: skip
            yield client

    def ls(self, client: Any, what: str) -> Any:
        if self.target.kind == "dataset" and what == "datasets":
            what = "data-rows"
        if what == "datasets":
            return client.get_datasets()
        if what == "data-rows":
            return client.get_data_rows(self.require_container("dataset"))
        if what == "projects":
            return client.get_projects()
        return super().ls(client, what)

    def file_sink(self, client: Any) -> LabelboxFileSink:
        return LabelboxFileSink(client, self.require_container("dataset"))

    def file_source(self, client: Any, *, tag: str | None) -> LabelboxFileSource:
        return LabelboxFileSource(client, self.require_container("dataset"), self.target.credentials.ca_bundle or True)

    def case_source(self, client: Any, *, tag: str) -> LabelboxCaseSource:
        container = self.require_container("dataset", "project")
        return LabelboxCaseSource(client, str(self.target.kind), container, tag,
                                  self.target.credentials.ca_bundle or True)  # fmt: skip

    def case_sink(self, client: Any, *, tag: str) -> LabelboxCaseSink:
        return LabelboxCaseSink(client, self.require_container("dataset"))

    def export(self, client: Any, dest: Path, **options: Any) -> dict[str, Any]:
        project = self.require_container("project")
        if options.get("dry_run"):
            return {"project": project, "would_write": str(dest)}
        path = client.export_project_labels(project, str(dest) + "/", overwrite=True)
        return {"project": project, "written": str(path)}


ADAPTER = LabelboxAdapter
