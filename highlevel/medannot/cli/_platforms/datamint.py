"""Datamint on the command line: `ls` of resources (of a project: `datamint+https://api.datamint.io/project/<name>`)
and projects; `upload` (a file already there under the same name with the same size is not sent again: Datamint
gives every upload a new id, so the check comes before sending); `download` of the resources' files as stored;
`export` (the project as an MSD folder, through the copy below). Credentials: DATAMINT_API_KEY, --api-key-file or
the config.

As a copy destination (`medannot copy SRC datamint+https://host/project/<name>`): each case's image becomes a
resource published to the project, with `{"medannot": {"case", "sha256", "size", "tag"}}` in its metadata, and
each label a volume segmentation of that resource (`upload_segmentations`, NIfTI as it is: geometry kept), one
annotation per label value present, named from the source's label names, `imported_from` =
`medannot:<case>:<tag>:<sha256>`. Datamint gives every upload a new id, so a rerun looks for these marks before
sending anything: nothing is created twice. Label values the source does not name are sent as `label_<value>`
and listed in the summary.

As a copy source (`medannot copy datamint+https://host/project/<name> DST`, and `export`): one case per resource
of the project, its id the case id (stable); the image is the resource's file as stored (`resources.download`,
streamed: DICOM, NIfTI, PNG, ... byte for byte); the label (under the copy's tag) is made of the
resource's segmentation annotations, their files fetched from the annotations API:

- a NIfTI resource: its volume segmentations (NIfTI files). When they share one file whose values are those the
  annotations name (what the copy to Datamint sends, one annotation per value), that file travels as stored
  (bytes, so voxels and affine); otherwise the files are merged into one volume of values in the first file's
  geometry (header and affine kept; each annotation's voxels: its `label_value` when the file holds several
  values, else every non-zero voxel), a file of another shape or affine left out (noted);
- a 2D image resource (PNG, JPEG, ...): its frame-0 masks, merged into one PNG of values (same pixel grid).

Label names: the annotations' names (`identifier`), one value per name for the whole project (a name's own
`label_value` when Datamint gives one and it is free, else the next free value, in name order), with 0 the
background; they reach the destination as the copy's label names (dataset.json). Not carried, and counted in the
summary's notes: annotations that are not segmentations (categories, labels, lines, boxes, points, ...),
segmentations of DICOM, video and other resources (their placement in a series is not carried), per-frame masks
of a volume (Datamint's viewer reorients frames: their placement is not certain), files of the wrong kind,
segmentations without a file, overlapping masks (the later annotation wins) and labels rebuilt from several
files."""

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
        self.client.resources.download(ref, path)


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
                    self.client.resources.download(item.remote_id or "", target)
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


# --- copy source ---------------------------------------------------------------------------------
BATCH = 200  # resources whose annotations are searched at once while the project is listed
_GZIP = b"\x1f\x8b"
KNOWN = frozenset({"nifti", "dicom", "png", "jpeg", "mha", "mhd", "nrrd"})


def _kind(resource: Any) -> str:
    """The kind of a resource's file ("nifti", "image": a 2D picture, "dicom" or "other"), from what Datamint says."""
    storage = str(_field(resource, "storage") or "")
    mimetype = str(_field(resource, "mimetype") or "").lower()
    name = str(_field(resource, "filename") or "").lower()
    if storage == "NiftiResource" or "nifti" in mimetype or name.endswith((".nii", ".nii.gz")):
        return "nifti"
    if storage == "DicomResource" or mimetype.endswith("/dicom") or name.endswith(".dcm"):
        return "dicom"
    if storage == "ImageResource" or mimetype.startswith("image/"):
        return "image"
    return "other"


def _image_part(resource: Any, rid: str, kind: str) -> Part:
    from medannot.cli._platforms.local import _format, split_name
    from medannot.datamint._common import extension_of

    filename = Path(str(_field(resource, "filename") or "")).name
    ext = split_name(filename)[1] if filename else ""
    wanted = {"nifti": (".nii", ".nii.gz"), "dicom": (".dcm",)}.get(kind)
    if not ext or (wanted is not None and ext.lower() not in wanted):
        ext = extension_of(str(_field(resource, "mimetype") or "").lower()) or ext
    name = f"{rid}{ext or '.bin'}"
    fmt = _format(name)  # kinds the copy does not know travel as plain files (a folder keeps them as stored)
    size = _field(resource, "size")
    known = size if isinstance(size, int) and size > 0 else None
    return Part("image", rid, name, fmt if fmt in KNOWN else "file", known)


def _label_value(annotation: Any) -> int | None:
    value = _field(annotation, "label_value")
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    return value if isinstance(value, int) and value > 0 else None


def _frame(annotation: Any) -> int | None:
    index = _field(annotation, "frame_index")
    return index if isinstance(index, int) and not isinstance(index, bool) else None


def _carried(kind: str, annotation: Any) -> str | None:
    """None when a segmentation annotation of a resource of `kind` can be placed in its label, else why not."""
    if not _field(annotation, "file"):
        return "segmentations without a file"
    if kind == "nifti":
        if str(_field(annotation, "scope") or "") == "frame":
            return ("per-frame masks of NIfTI volumes (Datamint's viewer reorients frames, so their placement in "
                    "the volume is not certain)")  # fmt: skip
        return None
    if kind == "image":
        return None if _frame(annotation) in (None, 0) else "masks of frames after the first of a 2D image"
    return f"segmentations of {kind.upper() if kind == 'dicom' else kind} resources (their placement is not carried)"


def _mask_of_picture(data: bytes) -> Any:
    """A 2D mask (H, W) of booleans from a picture (PNG, ...): every non-black pixel; None when not a picture."""
    import io

    import numpy as np
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as picture:
            array = np.asarray(picture.convert("RGB") if picture.mode in ("P", "LA", "RGBA", "PA") else picture)
    except (UnidentifiedImageError, OSError, ValueError):
        return None
    if array.ndim == 3:
        return (array[:, :, :3] != 0).any(axis=2)
    return array != 0 if array.ndim == 2 else None


def _write_atomic(path: Path, data: bytes) -> None:
    """`data` into `path` through `.<name>.<random>.part` beside it (what a rerun removes if this is killed)."""
    from medannot.core.downloads import atomic_file

    with atomic_file(path) as out:
        out.write(data)


class DatamintCaseSource:
    """A Datamint project as a copy source (see the module doc)."""

    def __init__(self, client: Any, project: str, tag: str) -> None:
        self.client, self.project, self.tag = client, project, tag
        self.lock = threading.Lock()
        self.values: dict[str, int] = {}  # label name -> its value in every label of the copy
        self._wanted: dict[str, set[int]] = {}  # label name -> the label values Datamint gave it
        self._skipped: dict[str, int] = {}  # what was not carried -> how many
        self._events: dict[str, int] = {}  # what fetching labels met in this run -> how many

    # planning
    def cases(self) -> Iterator[Case]:
        from medannot.errors import NotFound

        try:
            self.client.get_project_by_name(self.project)
        except NotFound:
            raise NotFound(f"Datamint has no project {self.project!r}") from None
        self._skipped, self._wanted, self.values = {}, {}, {}
        batch: list[Any] = []
        for resource in self.client.get_resources(project_name=self.project):
            batch.append(resource)
            if len(batch) >= BATCH:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)
        self.values = self._assign()

    def _batch(self, resources: list[Any]) -> Iterator[Case]:
        ids = [str(_field(r, "id")) for r in resources]
        annotations: dict[str, list[Any]] = {rid: [] for rid in ids}
        for annotation in self.client.annotations.iter_list(resource=ids):
            rid = str(_field(annotation, "resource_id"))
            if rid in annotations:
                annotations[rid].append(annotation)
        for resource, rid in zip(resources, ids, strict=True):
            kind = _kind(resource)
            image = _image_part(resource, rid, kind)
            parts = [image]
            carried = [a for a in annotations[rid] if self._plan_annotation(kind, a)]
            if carried:
                parts.append(self._label_part(rid, kind, carried))
            yield Case(rid, tuple(parts), {"filename": _field(resource, "filename")})

    def _plan_annotation(self, kind: str, annotation: Any) -> bool:
        type_ = str(_field(annotation, "type") or "")
        name = str(_field(annotation, "identifier") or "")
        why = f"{type_} annotations '{name}'" if type_ != "segmentation" else _carried(kind, annotation)
        if why is not None:
            self._skipped[why] = self._skipped.get(why, 0) + 1
            return False
        wanted = self._wanted.setdefault(name, set())
        value = _label_value(annotation)
        if value is not None:
            wanted.add(value)
        return True

    def _label_part(self, rid: str, kind: str, annotations: list[Any]) -> Part:
        if kind == "image":
            return Part(f"label:{self.tag}", rid, f"{rid}.png", "png")
        stored = str(_field(annotations[0], "file") or "").lower()
        return Part(f"label:{self.tag}", rid, f"{rid}{'.nii' if stored.endswith('.nii') else '.nii.gz'}", "nifti")

    def _assign(self) -> dict[str, int]:
        """One value per name: its own label value when Datamint gave exactly one and no other name holds it,
        else the next free value, names in sorted order (the same annotations give the same values)."""
        values: dict[str, int] = {}
        taken: set[int] = set()
        for name in sorted(self._wanted):
            own = self._wanted[name]
            if len(own) == 1 and next(iter(own)) not in taken:
                values[name] = next(iter(own))
                taken.add(values[name])
        free = 1
        for name in sorted(self._wanted):
            if name not in values:
                while free in taken:
                    free += 1
                values[name] = free
                taken.add(free)
        moved = sorted(n for n, v in values.items() if self._wanted[n] and v not in self._wanted[n])
        if moved:
            self._skipped[f"label names given another value than on Datamint (values clashed): {', '.join(moved)}"] = (
                len(moved)
            )
        return values

    def label_names(self) -> dict[int, str] | None:
        if not self.values:
            return None
        return {0: "background", **{v: n for n, v in sorted(self.values.items(), key=lambda nv: nv[1])}}

    # fetching
    def fetch(self, part: Part, path: Path) -> Path:
        if part.kind == "image":  # saved atomically over what is there
            self.client.resources.download(part.ref, path)
            return path
        annotations = []
        for annotation in self.client.annotations.iter_list(resource=part.ref, annotation_type="segmentation"):
            name = str(_field(annotation, "identifier") or "")
            if _carried("image" if part.format == "png" else "nifti", annotation) is not None:
                continue  # counted when planned
            if name not in self.values:
                self._event(f"segmentations made after the project was listed (rerun to copy them): '{name}'")
                continue
            annotations.append(annotation)
        if not annotations:
            from medannot.cli._errors import Unsupported

            raise Unsupported(f"resource {part.ref}: its segmentations are gone since the project was listed")
        files: dict[str, bytes] = {}  # annotation id -> its file (one download per annotation; shared bytes kept once)
        shared: dict[bytes, bytes] = {}
        for annotation in annotations:
            data = self.client.annotations.download_file(annotation)
            files[str(_field(annotation, "id"))] = shared.setdefault(_digest(data), data)
        if part.format == "png":
            data = self._picture(part, annotations, files)
        else:
            data = self._volume(part, annotations, files)
        _write_atomic(path, data)
        return path

    def _event(self, what: str, n: int = 1) -> None:
        with self.lock:
            self._events[what] = self._events.get(what, 0) + n

    def _volume(self, part: Part, annotations: list[Any], files: dict[str, bytes]) -> bytes:
        import gzip

        import numpy as np

        from medannot.cli._errors import Unsupported
        from medannot.core.images import nifti_from_bytes

        volumes: list[tuple[Any, Any, bytes]] = []
        loaded: dict[int, Any] = {}  # a file several annotations share is read once
        for annotation in annotations:
            data = files[str(_field(annotation, "id"))]
            if id(data) not in loaded:
                loaded[id(data)] = nifti_from_bytes(data)  # None: not NIfTI
            image = loaded[id(data)]
            if image is None:
                self._event("segmentation files of NIfTI resources that are not NIfTI")
                continue
            volumes.append((annotation, image, data))
        if not volumes:
            raise Unsupported(f"resource {part.ref}: none of its segmentations is a NIfTI volume (see the notes)")
        gz = part.name.lower().endswith(".gz")
        first = volumes[0][2]
        if all(v[2] is first for v in volumes) and (first[:2] == _GZIP) == gz:  # one shared file: as stored?
            values = {int(v) for v in np.unique(np.asanyarray(volumes[0][1].dataobj))} - {0}
            given = {_label_value(a) for a, _, _ in volumes}
            if (
                None not in given
                and values <= given
                and all(_label_value(a) == self.values[str(_field(a, "identifier"))] for a, _, _ in volumes)
            ):
                return first
        reference = volumes[0][1]
        shape = reference.shape[:3]
        top = max(self.values.values())
        out = np.zeros(shape, dtype=np.uint8 if top <= 255 else np.uint16 if top <= 65535 else np.uint32)
        for annotation, image, _ in volumes:
            if image.shape[:3] != shape or not np.allclose(image.affine, reference.affine, atol=1e-4):
                self._event("segmentation volumes whose shape or affine differs from the resource's first one")
                continue
            array = np.asanyarray(image.dataobj)
            while array.ndim > 3 and array.shape[-1] == 1:
                array = array[..., 0]
            if array.ndim != 3:
                self._event("segmentation volumes that are not 3D")
                continue
            self._paint(out, array, annotation)
        self._event("labels rebuilt from the segmentation files (not the stored bytes: several files, or values "
                    "renumbered; header and affine of the first file kept)")  # fmt: skip
        header = reference.header.copy()
        built = type(reference)(out, reference.affine, header)
        built.set_data_dtype(out.dtype)
        built.header.set_slope_inter(1, 0)
        raw = built.to_bytes()
        return gzip.compress(raw, mtime=0) if gz else bytes(raw)

    def _paint(self, out: Any, array: Any, annotation: Any) -> None:
        """Write one annotation's voxels with its name's value: its `label_value` in a file of several values,
        else every non-zero voxel."""
        import numpy as np

        value = self.values[str(_field(annotation, "identifier"))]
        present = np.unique(array)
        own = _label_value(annotation)
        if own is not None and len(present[present != 0]) > 1:
            mask = array == own
        else:
            if own is None and len(present[present != 0]) > 1:
                self._event("segmentation files of several values whose annotation names none: all non-zero voxels")
            mask = array != 0
        if bool(((out != 0) & (out != value) & mask).any()):
            self._event("labels where masks overlap (the later annotation wins)")
        out[mask] = value

    def _picture(self, part: Part, annotations: list[Any], files: dict[str, bytes]) -> bytes:
        import io

        import numpy as np
        from PIL import Image

        from medannot.cli._errors import Unsupported

        masks = []
        for annotation in annotations:
            mask = _mask_of_picture(files[str(_field(annotation, "id"))])
            if mask is None:
                self._event("segmentation files of 2D images that are not pictures")
                continue
            masks.append((annotation, mask))
        if not masks:
            raise Unsupported(f"resource {part.ref}: none of its segmentations is a picture (see the notes)")
        shape = masks[0][1].shape
        top = max(self.values.values())
        out = np.zeros(shape, dtype=np.uint8 if top <= 255 else np.uint16)
        for annotation, mask in masks:
            if mask.shape != shape:
                self._event("masks of another size than the image's first mask")
                continue
            self._paint(out, mask.astype(np.uint8), annotation)
        buffer = io.BytesIO()
        Image.fromarray(out).save(buffer, format="PNG")
        return buffer.getvalue()

    def notes(self) -> list[str]:
        out = [f"not copied (no place for it in a label): {what}: {n}" for what, n in sorted(self._skipped.items())]
        with self.lock:
            out += [f"{what}: {n}" for what, n in sorted(self._events.items())]
        return out


def _digest(data: bytes) -> bytes:
    import hashlib

    return hashlib.sha256(data).digest()


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

    def case_source(self, client: Any, *, tag: str) -> DatamintCaseSource:
        return DatamintCaseSource(client, self.require_container("project"), tag)

    def case_sink(self, client: Any, *, tag: str) -> DatamintCaseSink:
        return DatamintCaseSink(client, self.require_container("project"), tag)


ADAPTER = DatamintAdapter
