"""MONAI Label on the command line: the datastore is the container (`monailabel+http://host:8000`).

Ids are stable: a file `ct_001.nii.gz` is stored as image `ct_001` (PUT with the id replaces, never duplicates),
and what medannot sends carries `{"medannot": "sha256:<hex> <size>"}` in its params, which the datastore keeps in
the image's (label's) info: a rerun finds what a killed run already sent by that checksum. The mark is one string:
MONAI Label rewrites its whole datastore JSON on every add (indented, key by key), so each key a mark adds to every
image makes every later add slower.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from medannot.cli._copy import Case, Part
from medannot.cli._jobs import RemoteFile
from medannot.cli._manifest import Item, Manifest, NewItem, sha256_file
from medannot.cli._platforms._base import Adapter, Verb
from medannot.cli._platforms.local import split_name
from medannot.cli._transfer import Found, Summary

KEY = "medannot"


def _mark(checksum: str, size: int) -> dict[str, Any]:
    return {KEY: f"{checksum} {size}"}


def _recorded(info: Any) -> tuple[int | None, str | None]:
    """(size, checksum) of the mark in an image's or label's info; (None, None) without a well-formed one."""
    mark = info.get(KEY) if isinstance(info, dict) else None
    checksum, _, size = mark.partition(" ") if isinstance(mark, str) else ("", "", "")
    if not checksum.startswith("sha256:") or not (size.isascii() and size.isdigit()):
        return None, None
    return int(size), checksum


def _label_info(label: Any) -> dict[str, Any]:
    info = getattr(label, "info", None)
    props = getattr(info, "additional_properties", None)
    return dict(props) if isinstance(props, dict) else {}


def _label_ext(label: Any, default: str = ".nii.gz") -> str:
    ext = getattr(label, "ext", None)
    return ext if isinstance(ext, str) and ext else default


class _Snapshot:
    """The datastore as one GET read it: id -> DatastoreImage (refreshed with `load()`)."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.images: dict[str, Any] = {}
        self.lock = threading.Lock()

    def load(self) -> None:
        self.images = {image.id: image for image in self.client.list_images()}


class MonaiFileSink:
    def __init__(self, client: Any) -> None:
        self.client = client
        self.snapshot = _Snapshot(client)

    def stable_name(self, path: Path) -> str:
        return split_name(path.name)[0]

    def prepare(self) -> None:
        self.snapshot.load()

    def find(self, name: str, path: Path) -> Found | None:
        image = self.snapshot.images.get(name)
        if image is None:
            return None
        size, checksum = _recorded(image.info)
        if checksum is None:
            return None
        local_size, local_checksum = sha256_file(path)
        return Found(local_size, local_checksum, name) if (size, checksum) == (local_size, local_checksum) else None

    def send(self, path: Path, name: str, size: int, checksum: str) -> Found:
        self.client.upload_image(str(path), image_id=name, params=_mark(checksum, size))
        return Found(size, checksum, name)

    def verify(self, item: Item) -> str | None:
        return _verify_remote(self.client, "image", item.dest, None, item)


def _verify_remote(client: Any, kind: str, image_id: str, tag: str | None, item: Item) -> str | None:
    """Download what the server holds (to a temporary folder) and compare size and checksum with the manifest."""
    from medannot.errors import NotFound

    with tempfile.TemporaryDirectory(prefix="medannot-verify-") as folder:
        try:
            if kind == "image":
                path = client.download_image(image_id, Path(folder) / "file", overwrite=True)
            else:
                path = client.download_label(image_id, tag, Path(folder) / "file", overwrite=True)
        except NotFound:
            return "missing on the server"
        size, checksum = sha256_file(path)
    if item.size is not None and size != item.size:
        return f"size on the server {size} != {item.size}"
    if item.checksum is not None and checksum != item.checksum:
        return f"checksum on the server {checksum} != {item.checksum}"
    return None


class MonaiFileSource:
    """`download`: images to DEST/<id><ext>, labels to DEST/labels/<tag>/<id><ext> (the datastore's own layout)."""

    def __init__(self, client: Any, tag: str | None) -> None:
        self.client = client
        self.tag = tag

    def prepare(self) -> None:
        pass

    def files(self) -> Iterator[RemoteFile]:
        for image in self.client.list_images():
            size, checksum = _recorded(image.info)
            yield RemoteFile(f"image:{image.id}", f"{image.id}{image.ext or '.nii.gz'}", size, checksum)
            for tag, label in sorted(image.labels.items()):
                if self.tag is None or tag == self.tag:
                    size, checksum = _recorded(_label_info(label))
                    yield RemoteFile(f"label:{tag}:{image.id}", f"labels/{tag}/{image.id}{_label_ext(label)}", size,
                                     checksum)  # fmt: skip

    def fetch(self, ref: str, path: Path) -> None:
        kind, _, rest = ref.partition(":")
        if kind == "image":
            self.client.download_image(rest, path, overwrite=True)
        else:
            tag, _, image_id = rest.partition(":")
            self.client.download_label(image_id, tag, path, overwrite=True)


class MonaiCaseSource:
    def __init__(self, client: Any, tag: str) -> None:
        self.client = client
        self.tag = tag

    def cases(self) -> Iterator[Case]:
        for image in self.client.list_images():
            size, checksum = _recorded(image.info)
            ext = image.ext or ".nii.gz"
            parts = [Part("image", image.id, f"{image.id}{ext}", _fmt(ext), size, checksum)]
            label = image.labels.get(self.tag)
            if label is not None:
                size, checksum = _recorded(_label_info(label))
                lext = _label_ext(label)
                parts.append(Part(f"label:{self.tag}", image.id, f"{image.id}{lext}", _fmt(lext), size, checksum))
            yield Case(image.id, tuple(parts))

    def fetch(self, part: Part, path: Path) -> Path:
        if part.kind == "image":
            return Path(self.client.download_image(part.ref, path, overwrite=True))
        tag = part.kind.partition(":")[2]
        return Path(self.client.download_label(part.ref, tag, path, overwrite=True))

    def label_names(self) -> dict[int, str] | None:
        """The names a medannot copy stored with the labels (`label_names` in a label's info), else the app's."""
        for image in self.client.list_images():
            label = image.labels.get(self.tag)
            names = _label_info(label).get("label_names") if label is not None else None
            if isinstance(names, dict) and names:
                try:
                    return {int(k): str(v) for k, v in names.items()}
                except ValueError:
                    break
        labels = getattr(self.client.info(), "labels", None)
        props = getattr(labels, "additional_properties", labels)
        if isinstance(props, dict):
            out = {int(v): str(k) for k, v in props.items() if isinstance(v, int) and not isinstance(v, bool)}
            return {0: "background", **out} if out else None
        if isinstance(props, list) and props:
            return {0: "background", **{i: str(name) for i, name in enumerate(props, 1)}}
        return None


def _fmt(ext: str) -> str:
    return "nifti" if ext.lower() in (".nii", ".nii.gz") else ext.lstrip(".").lower() or "file"


class MonaiCaseSink:
    """Images as `<case id>`, labels under the copy's tag (default `final`); label names travel in the label's
    info (`label_names`), since a MONAI Label app defines its own labels and cannot take new ones."""

    accepts = frozenset({"nifti"})

    def __init__(self, client: Any, tag: str) -> None:
        self.client = client
        self.tag = tag
        self.snapshot = _Snapshot(client)

    def target(self, case: Case, part: Part) -> str:
        return case.id

    def direct_path(self, target: str) -> Path | None:
        return None

    def prepare(self) -> None:
        self.snapshot.load()

    def _recorded_for(self, item: Item) -> tuple[int | None, str | None]:
        image = self.snapshot.images.get(item.dest)
        if image is None:
            return None, None
        if item.kind == "image":
            return _recorded(image.info)
        label = image.labels.get(item.kind.partition(":")[2])
        return _recorded(_label_info(label)) if label is not None else (None, None)

    def find(self, item: Item) -> Found | None:
        size, checksum = self._recorded_for(item)
        if checksum is None:
            return None
        known = item.checksum
        if known is None and Path(item.source).is_file():  # a local source: hash it to compare
            known = sha256_file(item.source)[1]
        return Found(size, checksum, item.dest) if checksum == known else None

    def write(self, item: Item, path: Path, label_names: dict[int, str] | None) -> Found:
        size, checksum = sha256_file(path)
        mark = _mark(checksum, size)
        if item.kind == "image":
            self.client.upload_image(str(path), image_id=item.dest, params=mark)
        else:
            if label_names:
                mark["label_names"] = {str(k): v for k, v in sorted(label_names.items())}
            self.client.save_label(item.dest, str(path), tag=item.kind.partition(":")[2], params=mark)
        return Found(size, checksum, item.dest)

    def verify(self, item: Item) -> str | None:
        tag = None if item.kind == "image" else item.kind.partition(":")[2]
        return _verify_remote(self.client, "image" if tag is None else "label", item.dest, tag, item)

    def finish(self, manifest: Manifest, label_names: dict[int, str] | None, summary: Summary) -> None:
        if label_names:
            summary.notes.append(
                "MONAI Label keeps its app's own label names; the source's names "
                f"({', '.join(f'{k}={v}' for k, v in sorted(label_names.items()))}) are kept in each label's info "
                "('label_names')"
            )


class InferJob:
    """`infer --all`: every image (or the unlabelled ones) through a model, one manifest item per image; the
    label lands in DEST/<id>.nii.gz (atomically) and, with `save_tag`, in the datastore under that tag."""

    description = "inferring"

    def __init__(self, client: Any, model: str, dest: Path | None, save_tag: str | None, only: str) -> None:
        self.client, self.model, self.dest, self.save_tag, self.only = client, model, dest, save_tag, only

    def plan(self) -> Iterable[NewItem]:
        for image in self.client.list_images():
            if self.only == "unlabeled" and image.labels:
                continue
            if self.only == "labeled" and not image.labels:
                continue
            dest = str(self.dest / f"{image.id}.nii.gz") if self.dest else f"tag:{self.save_tag}"
            yield NewItem(key=image.id, grp=image.id, kind="infer", source=image.id, dest=dest)

    def prepare(self) -> None:
        pass

    def find(self, item: Item) -> Found | None:
        return None  # inference is idempotent (same id, same tag, atomic file): a rerun simply runs it again

    def transfer(self, item: Item) -> Found:
        out_dir = self.dest if self.dest else Path(tempfile.mkdtemp(prefix="medannot-infer-"))
        out_dir.mkdir(parents=True, exist_ok=True)
        result = self.client.infer(self.model, item.source, {}, output_dir=out_dir, overwrite=True)
        label = result.label
        if label is None:
            return Found(None, None, item.source, {"params": result.params})
        if self.dest:
            final = self.dest / f"{item.source}.nii.gz"
            if Path(label) != final:
                Path(label).replace(final)
            label = final
        size, checksum = sha256_file(label)
        if self.save_tag:
            self.client.save_label(item.source, str(label), tag=self.save_tag)
        if not self.dest:
            Path(label).unlink(missing_ok=True)
            out_dir.rmdir()
        return Found(size, checksum, item.source)

    def verify(self, item: Item) -> str | None:
        from medannot.cli._jobs import verify_local

        return verify_local(item) if self.dest else None

    def finish(self, manifest: Manifest, summary: Summary) -> None:
        pass


def _infer(adapter: Adapter, *, model: str, all_images: bool, only: str, dest: str | None, save_tag: str | None,
           **common: Any) -> int:  # fmt: skip
    from medannot.cli._app import run_job
    from medannot.errors import BadInput

    if not all_images:
        raise BadInput("infer runs over the datastore: pass --all (with --only labeled|unlabeled to narrow it)")
    if dest is None and save_tag is None:
        raise BadInput("say where labels go: --dest DIR and/or --save-tag TAG")
    folder = Path(dest).expanduser().absolute() if dest else None
    options = {"model": model, "only": only, "dest": str(folder) if folder else None, "save_tag": save_tag}
    with adapter.client() as client:
        job = InferJob(client, model, folder, save_tag, only)
        return run_job("infer", job, str(adapter.target.url), options["dest"] or f"tag:{save_tag}", options, **common)


class MonaiLabelAdapter(Adapter):
    name = "monailabel"
    default_url = None
    listings = ("images", "labels", "models")
    verbs = (
        Verb(
            "infer",
            "Run a model over the datastore (--all), resumable, with progress; labels to --dest and/or --save-tag.",
            _infer,
            {
                "model": (str, ..., "the model to run"),
                "all_images": (bool, False, "every image of the datastore (--all)"),
                "only": (str, "all", "all | labeled | unlabeled"),
                "dest": (str | None, None, "folder for the labels (<id>.nii.gz)"),
                "save_tag": (str | None, None, "also save each label to the datastore under this tag"),
            },
        ),
    )

    @contextmanager
    def client(self) -> Iterator[Any]:
        from medannot.monailabel import Client

        creds = self.target.credentials
        with Client(self.target.url, token=creds.api_key, username=creds.username, password=creds.password,
                    timeout=self.target.timeout, verify=creds.ca_bundle or True) as client:  # fmt: skip
            yield client

    def ls(self, client: Any, what: str) -> Iterable[Any]:
        if what == "images":
            for image in client.list_images():
                size, checksum = _recorded(image.info)
                yield {"id": image.id, "ext": image.ext, "labels": ",".join(image.label_tags), "size": size,
                       "checksum": checksum, "name": image.info.get("name")}  # fmt: skip
        elif what == "labels":
            for image in client.list_images():
                for tag, label in sorted(image.labels.items()):
                    info = _label_info(label)
                    size, checksum = _recorded(info)
                    yield {"image": image.id, "tag": tag, "ext": _label_ext(label), "size": size, "checksum": checksum}
        elif what == "models":
            models = client.info().models
            for name, model in sorted(getattr(models, "additional_properties", {}).items()):
                data = dict(model) if hasattr(model, "keys") else {"value": str(model)}
                yield {"model": name, **data}
        else:
            yield from super().ls(client, what)

    def file_sink(self, client: Any) -> MonaiFileSink:
        return MonaiFileSink(client)

    def file_source(self, client: Any, *, tag: str | None) -> MonaiFileSource:
        return MonaiFileSource(client, tag)

    def case_source(self, client: Any, *, tag: str) -> MonaiCaseSource:
        return MonaiCaseSource(client, tag)

    def case_sink(self, client: Any, *, tag: str) -> MonaiCaseSink:
        return MonaiCaseSink(client, tag)


ADAPTER = MonaiLabelAdapter
