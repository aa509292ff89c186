"""MONAI Label's local datastore (monailabel/datastore/local.py) as the emulator keeps it: files in a
directory, records in memory. Ids, extensions, info fields and JSON shapes follow the real datastore.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import shutil
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any, BinaryIO

from medannot.testing.monailabel.errors import ServerFault

FINAL, ORIGINAL = "final", "original"
KNOWN_EXTENSIONS = (".nii.gz", ".nii")  # the server's default `extensions`


@dataclass
class Entry:
    """A stored image or label: the file extension and the free-form info dict."""

    ext: str
    info: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"ext": self.ext, "info": self.info}


@dataclass
class Record:
    image: Entry
    labels: dict[str, Entry] = field(default_factory=dict)


def upload_suffix(filename: str | None) -> str:
    """The suffix the server gives an upload's temporary file: every suffix of the client's file name."""
    return "".join(PurePath(filename).suffixes) if filename else ".nii.gz"


def stored_ext(suffix: str) -> str:
    """The extension the datastore derives from a temporary file name ending in `suffix`."""
    for known in KNOWN_EXTENSIONS:
        if suffix.endswith(known):
            return known
    kept: list[str] = []
    for part in reversed(PurePath("tmp" + suffix).suffixes):
        if len(part) > 10:  # the server stops at a long "suffix" (a dotted name, not an extension)
            break
        kept.append(part)
    return "".join(reversed(kept))


@contextlib.contextmanager
def writing(path: Path, *, parents: bool = False) -> Iterator[BinaryIO]:
    """Open `path` for writing; a name the file system refuses (NUL, too long, a folder of that name...) fails
    as it fails in the server, which writes ids and file names as given: an uncaught OSError/ValueError."""
    try:
        if parents:
            path.parent.mkdir(parents=True, exist_ok=True)
        out = path.open("wb")
    except (OSError, ValueError) as error:
        raise ServerFault(f"cannot store {path.name!r}: {error}") from error
    with out:
        yield out


def checksum(path: Path, algo: str = "SHA256") -> str:
    if algo not in ("SHA256", "SHA512", "MD5"):
        raise ServerFault(f"unsupported hashing algorithm {algo}")
    digest = hashlib.new(algo)
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 16), b""):
            digest.update(chunk)
    return f"{algo}:{digest.hexdigest()}"


class Datastore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.records: dict[str, Record] = {}
        (root / "labels" / FINAL).mkdir(parents=True, exist_ok=True)
        (root / "labels" / ORIGINAL).mkdir(parents=True, exist_ok=True)

    def preload(self, studies: Path) -> None:
        """Copy a folder of studies in, as the server finds them at start (no user, no params)."""
        for file in sorted(studies.iterdir()):
            ext = next((e for e in KNOWN_EXTENSIONS if file.name.endswith(e)), None)
            if file.is_file() and ext:
                image_id = file.name[: -len(ext)]
                shutil.copyfile(file, self.root / file.name)
                self.records[image_id] = Record(Entry(ext, {"ts": int(time.time()), "name": file.name}))

    # -- images

    def add_image(self, image_id: str, suffix: str, source: BinaryIO, info: dict[str, Any]) -> str:
        ext = stored_ext(suffix)
        name = image_id + ext
        with writing(self._writable(self.root / name)) as out:
            shutil.copyfileobj(source, out)
        self.records[image_id] = Record(Entry(ext, {**info, "ts": int(time.time()), "name": name}))
        return image_id

    def remove_image(self, image_id: str) -> None:
        record = self.records.pop(image_id, None)
        if record is None:
            raise ServerFault(f"Image {image_id} not found")
        for tag, label in record.labels.items():
            self._label_file(image_id, tag, label).unlink(missing_ok=True)
        (self.root / (image_id + record.image.ext)).unlink(missing_ok=True)

    def image_path(self, image_id: str) -> Path | None:
        record = self.records.get(image_id)
        return (self.root / (image_id + record.image.ext)).resolve() if record else None

    def image_info(self, image_id: str) -> dict[str, Any]:
        record = self.records.get(image_id)
        if record is None:
            return {}
        info = copy.deepcopy(record.image.info)
        info["path"] = str(self.image_path(image_id))
        return info

    def update_image_info(self, image_id: str, info: dict[str, Any]) -> None:
        record = self.records.get(image_id)
        if record is None:
            raise ServerFault(f"Image {image_id} not found")
        record.image.info.update(info)

    # -- labels

    def save_label(self, image_id: str, tag: str, suffix: str, source: BinaryIO, info: dict[str, Any]) -> str:
        record = self.records.get(image_id)
        if record is None:
            raise ServerFault(f"Image {image_id} not found")
        entry = Entry(stored_ext(suffix), {})
        path = self._writable(self._label_file(image_id, tag, entry))
        with writing(path, parents=True) as out:
            shutil.copyfileobj(source, out)
        entry.info = {**info, "ts": int(time.time()), "name": path.name}
        record.labels[tag] = entry
        return image_id

    def remove_label(self, image_id: str, tag: str) -> None:
        record = self.records.get(image_id)
        label = record.labels.pop(tag, None) if record else None
        if label is not None:  # the server ignores unknown labels
            self._label_file(image_id, tag, label).unlink(missing_ok=True)

    def label_path(self, image_id: str, tag: str) -> Path | None:
        record = self.records.get(image_id)
        label = record.labels.get(tag) if record else None
        return self._label_file(image_id, tag, label).resolve() if label else None

    def label_info(self, image_id: str, tag: str) -> dict[str, Any]:
        record = self.records.get(image_id)
        label = record.labels.get(tag) if record else None
        return label.info if label else {}

    def update_label_info(self, image_id: str, tag: str, info: dict[str, Any]) -> None:
        record = self.records.get(image_id)
        label = record.labels.get(tag) if record else None
        if label is None:
            raise ServerFault(f"Label: {image_id} Tag: {tag} not found")
        label.info.update(info)

    def _writable(self, path: Path) -> Path:
        # The server joins ids and tags into paths unchecked ("../x" escapes its datastore); the emulator
        # refuses to write outside its own directory, and fails the way the server fails on a bad path.
        try:
            inside = path.resolve().is_relative_to(self.root.resolve())
        except (OSError, ValueError) as error:  # NUL in the name
            raise ServerFault(f"cannot store {path.name!r}: {error}") from error
        if not inside:
            raise ServerFault(f"{path} is outside the datastore")
        return path

    def _label_file(self, image_id: str, tag: str, label: Entry) -> Path:
        return self.root / "labels" / tag / (image_id + label.ext)

    # -- listings

    def labeled(self) -> list[str]:
        return [k for k, v in self.records.items() if FINAL in v.labels]

    def unlabeled(self) -> list[str]:
        return [k for k, v in self.records.items() if FINAL not in v.labels]

    def status(self) -> dict[str, Any]:
        tags: dict[str, int] = {}
        for record in self.records.values():
            for tag in record.labels:
                tags[tag] = tags.get(tag, 0) + 1
        return {"total": len(self.records), "completed": len(self.labeled()), "label_tags": tags}

    def datalist(self) -> list[dict[str, str]]:
        return [
            {"image": str(self.image_path(k)), "label": str(self.label_path(k, FINAL))}
            for k, v in self.records.items()
            if FINAL in v.labels
        ]

    def to_json(self) -> dict[str, Any]:
        return {
            "name": "new-dataset",
            "description": "New Dataset",
            "images_dir": ".",
            "labels_dir": "labels",
            "objects": {
                k: {"image": v.image.to_json(), "labels": {t: e.to_json() for t, e in v.labels.items()}}
                for k, v in self.records.items()
            },
        }

    def archive(self, limit_cases: int | None, into: Path) -> Path:
        """The dataset ZIP: image/ and label/ (final labels only) plus metadata.json."""
        pairs = self.datalist()
        if not pairs:
            raise ServerFault("ZIP archive was not created, nothing to include")
        if limit_cases and 1 <= limit_cases < len(pairs):  # the server ignores a limit >= the case count
            pairs = pairs[:limit_cases]
        fd, name = tempfile.mkstemp(dir=into)
        with open(fd, "wb") as raw, zipfile.ZipFile(raw, mode="w") as archive:
            for pair in pairs:
                for key, path in pair.items():
                    archive.write(path, arcname=f"{key}/{Path(path).name}")
            archive.writestr("metadata.json", json.dumps(self.to_json(), separators=(",", ":")))
        return Path(name)
