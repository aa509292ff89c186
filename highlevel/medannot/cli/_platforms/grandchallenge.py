"""Grand Challenge on the command line: `ls` of archives, algorithms and reader studies; `upload` into and
`download` of an archive (`--url https://host/archive/<slug>`); `export` (the archive as an MSD folder, through
the copy below); `run-job` (an algorithm job from a JSON file of inputs, waited for). Credentials:
GRAND_CHALLENGE_AUTHORIZATION, --api-key-file or the config; `--ca-bundle` for a server with its own CA (the
emulator). The facade keeps the state of unfinished multipart uploads in `<state>/grandchallenge/uploads` (a
killed upload continues from the parts the server holds).

`upload PATH...`: each file becomes one archive item (a case), its image in the socket `generic-medical-image`
(what Grand Challenge's own archive upload fills), the item's title the file name; a folder that holds only
DICOM files (`.dcm`, files carrying the DICOM preamble, and files without extension beside them), and no
subfolder, is ONE case titled with the folder's name: its files form one image (a series), uploaded
concurrently by the facade. The title is the identity: `prepare` lists the archive's items once, and an item
with that title whose socket holds an image counts as there (not sent again); an item with that title but no
image yet (a run killed between creating the item and the import) is filled, never created twice. Every case
is waited for until its image is imported (`ImportFailed` with the server's reasons fails the item). Grand
Challenge converts what it imports, so neither a rerun nor `--verify` compares bytes with the server: `--verify`
re-checks that each item is still in the archive with its image (else it is sent again) and that the local
files did not change. A 403 "Upload limit reached" is a `PermissionDenied`: not retried, that item fails (exit 3
when others succeed), the rest goes on.

`download DEST`: every value of every archive item, under Grand Challenge's own layout for algorithm inputs,
`DEST/<item pk>/<socket relative_path>`: an image's files as `DEST/<pk>/images/<socket>/<file name>` (one file
for an MHA, every file of a DICOM series as the archive keeps them), a file value at its relative path, a
JSON value as its JSON. Streamed, atomic, resumable (one manifest item per file).

As a copy source (`medannot copy grandchallenge+https://host/archive/<slug> DST`, and `export`): one case per
archive item (its pk is the case id, stable), the image from its first image socket that is not a
segmentation, and, as the label (under the copy's tag), the image of a socket of kind "Segmentation" (or whose
slug says segmentation, mask or label). Images come as the archive stores them (MHA on Grand Challenge; the
converters turn MHA into NIfTI for a destination that takes NIfTI only); label names from the segmentation
socket's `overlay_segments` when it has them. Every other socket value (values, files, heat maps, further
images) is not copied: each is counted and listed in the summary's notes."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from medannot.cli._copy import Case, Part
from medannot.cli._jobs import RemoteFile, sha256_path, walk_dir
from medannot.cli._manifest import Item
from medannot.cli._platforms._base import Adapter, Verb
from medannot.cli._platforms.local import _format, split_name
from medannot.cli._transfer import Found

SEGMENTATION_WORDS = ("segmentation", "mask", "label")
IMAGE_SOCKET = "generic-medical-image"  # what Grand Challenge's archive upload fills
DICOM_MAGIC = (128, b"DICM")  # the DICOM file preamble: 128 bytes, then "DICM"


def _is_segmentation(socket: Any) -> bool:
    kind = str(getattr(socket, "kind", "") or "").casefold()
    slug = str(getattr(socket, "slug", "") or "").casefold()
    return kind == "segmentation" or any(word in slug for word in SEGMENTATION_WORDS)


def _type(file: Any) -> str:
    kind = getattr(file, "image_type", None)
    return str(getattr(kind, "value", kind) or "").upper()


class ArchiveCaseSource:
    """A Grand Challenge archive as a copy source (see the module doc)."""

    def __init__(self, client: Any, slug: str, tag: str) -> None:
        self.client, self.slug, self.tag = client, slug, tag
        self.skipped: dict[str, int] = {}
        self.names: dict[int, str] | None = None

    def cases(self) -> Iterator[Case]:
        archive = self.client.archives.detail(slug=self.slug)
        self.skipped = {}
        for item in self.client.archive_items.iterate_all(params={"archive": str(archive.pk)}):
            image = label = None
            for value in item.values:
                socket = value.interface
                if str(socket.super_kind).casefold() == "image" and value.image:
                    if _is_segmentation(socket) and label is None:
                        label = value
                        self._segments(socket)
                        continue
                    if not _is_segmentation(socket) and image is None and str(socket.kind) != "Heat Map":
                        image = value
                        continue
                key = f"{socket.slug} ({socket.super_kind}, {socket.kind})"
                self.skipped[key] = self.skipped.get(key, 0) + 1
            if image is None:
                self.skipped["archive items without an image"] = self.skipped.get("archive items without an image",
                                                                                   0) + 1  # fmt: skip
                continue
            parts = [self._part("image", image)]
            if label is not None:
                parts.append(self._part(f"label:{self.tag}", label))
            yield Case(str(item.pk), tuple(parts), {"title": getattr(item, "title", None)})

    def _segments(self, socket: Any) -> None:
        segments = getattr(socket, "overlay_segments", None)
        if self.names is None and isinstance(segments, list) and segments:
            names = {int(s["voxel_value"]): str(s["name"]) for s in segments
                     if isinstance(s, dict) and "voxel_value" in s and "name" in s}  # fmt: skip
            self.names = {0: "background", **names} if names else None

    def _part(self, kind: str, value: Any) -> Part:
        image = self.client.images.detail(api_url=value.image)
        files = [f for f in image.files if _type(f) in ("MHD", "")] or list(image.files)
        main = next((f for f in files if not str(f.file).lower().endswith((".raw", ".zraw"))), files[0])
        name = Path(str(main.file).split("?", 1)[0]).name
        ext = split_name(name)[1]
        return Part(kind, str(value.image), f"{image.pk}{ext}", _format(name))

    def fetch(self, part: Part, path: Path) -> Path:
        stem = split_name(path.name)[0]  # the file lands at `path` itself (an export writes there directly)
        paths = self.client.images.download(url=part.ref, output_directory=path.parent, filename=stem,
                                            overwrite=True)  # fmt: skip
        wanted = split_name(part.name)[1].lower()
        fetched = Path(next((p for p in paths if p.name.lower().endswith(wanted)), paths[0]))
        if fetched != path and fetched.parent == path.parent:  # the facade lower-cases the suffix
            fetched.replace(path)
            return path
        return fetched

    def label_names(self) -> dict[int, str] | None:
        return self.names

    def notes(self) -> list[str]:
        return [f"not copied (no place for it at the destination): {key}: {n}"
                for key, n in sorted(self.skipped.items())]  # fmt: skip


def _has_dicom_preamble(path: str) -> bool:
    offset, magic = DICOM_MAGIC
    try:
        with open(path, "rb") as stream:
            stream.seek(offset)
            return stream.read(len(magic)) == magic
    except OSError:
        return False


def is_dicom_series(folder: Path) -> bool:
    """A folder that is one DICOM series: files only (hidden ones aside), at least one of them DICOM (`.dcm`, or
    the DICOM preamble), and every other one without extension (DICOM exports often leave it out)."""
    dicom = False
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if not entry.is_file():
                return False
            if entry.name.lower().endswith(".dcm") or _has_dicom_preamble(entry.path):
                dicom = True
            elif Path(entry.name).suffix:
                return False
    return dicom


def _image_value(item: Any, socket: str) -> Any:
    return next((v for v in item.values if v.interface.slug == socket and v.image), None)


def _split(name: str) -> tuple[str, str]:
    """(base, suffix) as the facade names a downloaded image file: `<base><suffix, lower case>`."""
    from medannot.core.mime import suffix

    ext = suffix(name)
    return (name[: len(name) - len(ext)] if ext else name), ext


class _Archive:
    def __init__(self, client: Any, slug: str) -> None:
        self.client, self.slug = client, slug
        self._archive: Any = None

    def archive(self) -> Any:
        from medannot.errors import NotFound

        if self._archive is None:
            try:
                self._archive = self.client.archives.detail(slug=self.slug)
            except NotFound:
                raise NotFound(f"Grand Challenge has no archive {self.slug!r} (or this token may not see it)") from None
        return self._archive

    def _listing(self) -> Iterator[Any]:
        return iter(self.client.archive_items.iterate_all(params={"archive": str(self.archive().pk)}))


class ArchiveUploads(_Archive):
    """`upload`: one case per file or DICOM folder, its title the identity (see the module doc)."""

    def __init__(self, client: Any, slug: str, socket: str = IMAGE_SOCKET) -> None:
        super().__init__(client, slug)
        self.socket = socket
        self.lock = threading.Lock()
        self.items: dict[str, list[Any]] = {}  # title -> the archive's items of that title

    def stable_name(self, path: Path) -> str:
        return path.name

    def whole_folder(self, folder: Path) -> bool:
        return is_dicom_series(folder)

    def prepare(self) -> None:
        found: dict[str, list[Any]] = {}
        for item in self._listing():
            title = getattr(item, "title", None)
            if isinstance(title, str) and title:
                found.setdefault(title, []).append(item)
        with self.lock:
            self.items = found

    def _titled(self, name: str) -> tuple[Any, Any]:
        """(an item of this title holding its image, else None; an item of this title without one, else None)."""
        with self.lock:
            items = list(self.items.get(name, ()))
        full = next((i for i in items if _image_value(i, self.socket) is not None), None)
        return full, (None if full is not None else next(iter(items), None))

    def find(self, name: str, path: Path) -> Found | None:
        item = self._titled(name)[0]
        if item is None:
            return None
        size, checksum = sha256_path(path)
        return Found(size, checksum, str(item.pk))

    def send(self, path: Path, name: str, size: int, checksum: str) -> Found:
        from medannot.errors import BadInput
        from medannot.grandchallenge.models import SocketValueSpec

        files = list(walk_dir(path)) if path.is_dir() else [path]  # a DICOM series: its files
        if not files:
            raise BadInput(f"{str(path)!r} holds no file")
        values = [SocketValueSpec(self.socket, files=files)]
        empty = self._titled(name)[1]  # a killed run's item without its image: filled, not created again
        if empty is not None:
            posted = self.client.update_archive_item(archive_item_pk=str(empty.pk), values=values)
        else:
            posted = self.client.add_case_to_archive(archive_slug=self.slug, values=values, title=name)
        item = self.client.archive_items.wait(posted)
        with self.lock:
            self.items[name] = [item]
        return Found(size, checksum, str(item.pk))

    def verify(self, item: Item) -> str | None:
        from medannot.errors import NotFound

        try:
            current = self.client.archive_items.detail(pk=item.remote_id or "")
        except NotFound:
            return "the archive item is gone"
        if _image_value(current, self.socket) is None:
            return f"the archive item has no image in {self.socket!r}"
        with self.lock:
            self.items[item.dest] = [current]
        return None


class ArchiveDownloads(_Archive):
    """`download`: every value of every item to DEST/<item pk>/<socket relative path> (see the module doc)."""

    def prepare(self) -> None:
        pass

    def files(self) -> Iterator[RemoteFile]:
        images = {}  # image API URL -> [(file URL, name)]: the archive's images in one listing (pages of 1000)
        for image in self.client.images.iterate_all(params={"archive": str(self.archive().pk)}):
            images[str(image.api_url)] = [(str(f.file), _file_name(str(f.file))) for f in image.files]
        for item in self._listing():
            for value in item.values:
                socket = value.interface
                relative = str(socket.relative_path or socket.slug).strip("/")
                kind = str(socket.super_kind).casefold()
                if kind == "image" and value.image:
                    listed = images.get(str(value.image))
                    if listed is None:  # not in the listing (added since): asked for on its own
                        image = self.client.images.detail(api_url=str(value.image))
                        listed = [(str(f.file), _file_name(str(f.file))) for f in image.files]
                    for url, name in listed:
                        yield RemoteFile(f"image:{url}", f"{item.pk}/{relative}/{name}")
                elif (kind == "file" and value.file) or kind == "value":
                    yield RemoteFile(f"{kind}:{item.pk}:{socket.slug}", f"{item.pk}/{relative}")

    def fetch(self, ref: str, path: Path) -> None:
        kind, _, rest = ref.partition(":")
        if kind == "image":
            base, _ = _split(path.name)
            self.client.images.download(files=[{"file": rest}], output_directory=path.parent, filename=base,
                                        overwrite=True)  # fmt: skip
            return
        self._fetch_value(kind, rest, path)

    def _fetch_value(self, kind: str, ref: str, path: Path) -> None:
        from medannot.core.downloads import atomic_file
        from medannot.errors import NotFound

        pk, _, slug = ref.partition(":")
        item = self.client.archive_items.detail(pk=pk)
        value = next((v for v in item.values if v.interface.slug == slug), None)
        if value is None:
            raise NotFound(f"archive item {pk} has no value for socket {slug!r} any more")
        if kind == "value":
            with atomic_file(path, overwrite=True) as out:
                out.write(json.dumps(value.value, indent=2).encode())
            return
        base = path
        for _ in Path(str(value.interface.relative_path or slug).strip("/")).parts:
            base = base.parent
        saved = self.client.download_socket_value(value, output_directory=base, overwrite=True)
        if Path(str(saved)) != path:
            Path(str(saved)).replace(path)


def _file_name(url: str) -> str:
    """The name a file of an image is saved under: its URL's last segment, with its suffix in lower case."""
    base, ext = _split(unquote(url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]))
    return base + ext


def _run_job(adapter: Adapter, *, algorithm: str, inputs: str, wait: bool, as_json: bool, dry_run: bool,
             **_: Any) -> int:  # fmt: skip
    from medannot.core.tables import record
    from medannot.errors import BadInput

    try:
        values = json.loads(Path(inputs).expanduser().read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BadInput(f"--inputs {inputs!r} is not a readable JSON file: {exc}") from None
    if dry_run:
        print(json.dumps({"algorithm": algorithm, "inputs": values}))
        return 0
    with adapter.client() as client:
        job = client.start_algorithm_job(algorithm_slug=algorithm, inputs=values)
        if wait:
            job = client.wait(job)
    print(json.dumps(record(job), default=str, indent=2) if as_json else f"job {getattr(job, 'pk', job)}")
    return 0


class GrandChallengeAdapter(Adapter):
    name = "grandchallenge"
    default_url = "https://grand-challenge.org"
    listings = ("archives", "algorithms", "reader-studies")
    verbs = (
        Verb("run-job", "Start an algorithm job with inputs from a JSON file ({socket slug: value}), and wait.",
             _run_job, {"algorithm": (str, ..., "the algorithm's slug"),
                        "inputs": (str, ..., "JSON file of the job's inputs"),
                        "wait": (bool, True, "wait until the job ends")}),
    )  # fmt: skip

    @contextmanager
    def client(self) -> Iterator[Any]:
        from medannot.grandchallenge import Client

        creds = self.target.credentials
        base = self.target.url if "/api/" in self.target.url else self.target.url.rstrip("/") + "/api/v1/"
        from medannot.cli._manifest import state_dir

        with Client(creds.api_key, base_url=base, verify=creds.ca_bundle or True, timeout=self.target.timeout or 60.0,
                    resume_dir=state_dir() / "grandchallenge" / "uploads") as client:  # fmt: skip
            yield client

    def ls(self, client: Any, what: str) -> Any:
        apis = {"archives": client.archives, "algorithms": client.algorithms, "reader-studies": client.reader_studies}
        if what not in apis:
            return super().ls(client, what)
        return apis[what].iterate_all()

    def file_sink(self, client: Any) -> ArchiveUploads:
        return ArchiveUploads(client, self.require_container("archive"))

    def file_source(self, client: Any, *, tag: str | None) -> ArchiveDownloads:
        from medannot.errors import BadInput

        if tag is not None:
            raise BadInput("--tag: an archive has no label tags (download takes every value of every item)")
        return ArchiveDownloads(client, self.require_container("archive"))

    def case_source(self, client: Any, *, tag: str) -> ArchiveCaseSource:
        return ArchiveCaseSource(client, self.require_container("archive"), tag)


ADAPTER = GrandChallengeAdapter
