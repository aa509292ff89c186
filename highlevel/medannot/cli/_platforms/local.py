"""A local folder as a copy endpoint, in the Medical Segmentation Decathlon layout:

    dataset.json        {"name", "labels": {"0": "background", "1": ...}, "numTraining",
                        "training": [{"image": "./imagesTr/x.nii.gz", "label": "./labelsTr/x.nii.gz"}, ...],
                        "test": ["./imagesTs/y.nii.gz", ...]}
    imagesTr/  labelsTr/  imagesTs/

As a source, `dataset.json` is followed when present; else `imagesTr/` with the same-named file of `labelsTr/`;
else every file of the folder is an image without a label. As a sink, images go to `imagesTr/<case><ext>`, labels
to `labelsTr/<case><ext>` (written atomically), and `dataset.json` is written (atomically) when the copy ends.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from medannot.cli._copy import Case, Part
from medannot.cli._manifest import Item, Manifest, sha256_file
from medannot.cli._transfer import Found, Summary

MULTI_SUFFIXES = (".nii.gz", ".seg.nrrd", ".ome.tif", ".ome.tiff", ".tar.gz")


def split_name(name: str) -> tuple[str, str]:
    """("case_001", ".nii.gz") from "case_001.nii.gz": known double extensions first, else the last suffix."""
    lower = name.lower()
    for suffix in MULTI_SUFFIXES:
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)], name[-len(suffix) :]
    stem, dot, ext = name.rpartition(".")
    return (stem, dot + ext) if dot and stem else (name, "")


def _format(name: str) -> str:
    lower = name.lower()
    if lower.endswith((".nii", ".nii.gz")):
        return "nifti"
    if lower.endswith(".dcm"):
        return "dicom"
    if lower.endswith((".png", ".jpg", ".jpeg")):
        return "png" if lower.endswith(".png") else "jpeg"
    return split_name(name)[1].lstrip(".") or "file"


class LocalSource:
    def __init__(self, folder: Path, tag: str = "final") -> None:
        from medannot.errors import NotFound

        if not folder.is_dir():
            raise NotFound(f"{str(folder)!r} is not a folder")
        self.folder = folder.absolute()
        self.tag = tag

    def _dataset(self) -> dict[str, Any] | None:
        path = self.folder / "dataset.json"
        if not path.is_file():
            return None
        from medannot.errors import BadInput

        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BadInput(f"{path} is not a readable dataset.json: {exc}") from None
        return data if isinstance(data, dict) else None

    def cases(self) -> Iterator[Case]:
        data = self._dataset()
        if data is not None:
            for entry in data.get("training", []) or []:
                if isinstance(entry, dict) and isinstance(entry.get("image"), str):
                    label = entry.get("label")
                    yield self._case(
                        self.folder / entry["image"], self.folder / label if isinstance(label, str) else None
                    )
            for entry in data.get("test", []) or []:
                image = entry if isinstance(entry, str) else entry.get("image") if isinstance(entry, dict) else None
                if isinstance(image, str):
                    yield self._case(self.folder / image, None)
            return
        images = self.folder / "imagesTr"
        if images.is_dir():
            for image in _files(images):
                label = self.folder / "labelsTr" / image.name
                yield self._case(image, label if label.is_file() else None)
            return
        for image in _files(self.folder):
            yield self._case(image, None)

    def _case(self, image: Path, label: Path | None) -> Case:
        from medannot.errors import BadInput

        image = image.resolve()
        if not image.is_file():
            raise BadInput(f"{str(image)!r} (listed in the source) does not exist")
        case_id = split_name(image.name)[0]
        parts = [Part("image", str(image), image.name, _format(image.name), image.stat().st_size)]
        if label is not None:
            label = label.resolve()
            if not label.is_file():
                raise BadInput(f"{str(label)!r} (listed in the source) does not exist")
            parts.append(Part(f"label:{self.tag}", str(label), label.name, _format(label.name), label.stat().st_size))
        return Case(case_id, tuple(parts))

    def fetch(self, part: Part, path: Path) -> Path:
        return Path(part.ref)  # the file itself: never copied to staging

    def label_names(self) -> dict[int, str] | None:
        data = self._dataset()
        labels = data.get("labels") if data else None
        if isinstance(labels, dict):
            out = {}
            for key, value in labels.items():
                try:
                    out[int(key)] = str(value)
                except (TypeError, ValueError):
                    continue
            return out or None
        return None


def _files(folder: Path) -> Iterator[Path]:
    with os.scandir(folder) as entries:
        names = sorted(
            e.name for e in entries if e.is_file() and not e.name.startswith(".") and e.name != "dataset.json"
        )
    for name in names:
        yield folder / name


class LocalSink:
    accepts = frozenset({"nifti", "dicom", "png", "jpeg", "file", "nrrd", "mha"})

    def __init__(self, folder: Path) -> None:
        self.folder = folder.absolute()

    def target(self, case: Case, part: Part) -> str:
        ext = split_name(part.name)[1] or ".nii.gz"
        sub = "imagesTr" if part.kind == "image" else "labelsTr"
        return str(self.folder / sub / f"{case.id}{ext}")

    def direct_path(self, target: str) -> Path | None:
        return Path(target)

    def prepare(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)

    def find(self, item: Item) -> Found | None:
        target = Path(item.dest)
        if item.checksum is None or not target.is_file():
            return None
        size, checksum = sha256_file(target)
        return Found(size, checksum, str(target)) if checksum == item.checksum else None

    def write(self, item: Item, path: Path, label_names: dict[int, str] | None) -> Found:
        from medannot.cli._copy import _atomic_copy

        target = Path(item.dest)
        target.parent.mkdir(parents=True, exist_ok=True)
        _atomic_copy(path, target)
        size, checksum = sha256_file(target)
        return Found(size, checksum, str(target))

    def verify(self, item: Item) -> str | None:
        from medannot.cli._jobs import verify_local

        return verify_local(item)

    def finish(self, manifest: Manifest, label_names: dict[int, str] | None, summary: Summary) -> None:
        """dataset.json for every case whose image arrived (this run's and earlier ones'), written atomically."""
        names = label_names or {}
        existing: dict[str, Any] = {}
        path = self.folder / "dataset.json"
        if path.is_file():
            try:
                existing = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                existing = {}
        fd, tmp = tempfile.mkstemp(prefix=".dataset.json.", dir=self.folder)
        count = 0
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                header = {
                    "name": existing.get("name") or self.folder.name,
                    "description": existing.get("description") or "written by medannot copy",
                    "tensorImageSize": existing.get("tensorImageSize") or "3D",
                    "labels": {str(k): v for k, v in sorted(names.items())} or existing.get("labels") or {},
                }
                out.write(json.dumps(header, indent=2, ensure_ascii=False)[:-2] + ',\n  "training": [')
                for count, entry in enumerate((e for e in self._entries(manifest) if "label" in e), 1):
                    out.write(("," if count > 1 else "") + "\n    " + json.dumps(entry, ensure_ascii=False))
                out.write('\n  ],\n  "test": [')
                tests = (e["image"] for e in self._entries(manifest) if "label" not in e)
                for n, image in enumerate(tests):
                    out.write(("," if n else "") + "\n    " + json.dumps(image, ensure_ascii=False))
                out.write(f'\n  ],\n  "numTraining": {count}\n}}\n')
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _entries(self, manifest: Manifest) -> Iterable[dict[str, str]]:
        current: str | None = None
        entry: dict[str, str] = {}
        for item in manifest.iter_items(states=("done",)):  # key order: "<case>/image" before "<case>/label:..."
            case = str(item.extra.get("case", item.grp))
            if case != current:
                if entry.get("image"):
                    yield entry
                current, entry = case, {}
            rel = "./" + Path(item.dest).relative_to(self.folder).as_posix()
            entry["image" if item.kind == "image" else "label"] = rel
        if entry.get("image"):
            yield entry
