"""What the import of uploaded files makes of them (panimg's part, much reduced): which files form an image,
its shape, and canned job outputs."""

from __future__ import annotations

import gzip
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medannot.testing.data import nifti_bytes, synthetic_volume

# One image per file; .mhd pairs with its data file; all .dcm files of a session form one series.
SINGLE = (".mha", ".nii", ".nii.gz", ".tif", ".tiff", ".png", ".jpg", ".jpeg", ".svs", ".ndpi")
DATA_FILES = (".raw", ".zraw")


@dataclass(frozen=True)
class Candidate:
    """Files that make one image, and its name."""

    name: str
    files: list[tuple[str, Path]]  # (file name, stored bytes)
    image_type: str


@dataclass(frozen=True)
class Grouping:
    images: list[Candidate]
    errors: dict[str, str]  # file name -> why it is not part of an image


def group(files: list[tuple[str, Path]]) -> Grouping:
    images: list[Candidate] = []
    errors: dict[str, str] = {}
    names = {name for name, _ in files}
    dicom = [(n, p) for n, p in files if n.lower().endswith(".dcm")]
    used = {n for n, _ in dicom}
    if dicom:
        images.append(Candidate(sorted(n for n, _ in dicom)[0], sorted(dicom), "MHD"))
    for name, path in files:
        lower = name.lower()
        if lower.endswith(".mhd"):
            data = _mhd_data_file(path)
            if data is None or data not in names:
                errors[name] = f"Could not find the data file {data or '(ElementDataFile)'} of {name}"
                continue
            partner = next((p for n, p in files if n == data), path)
            images.append(Candidate(name, [(name, path), (data, partner)], "MHD"))
            used |= {name, data}
        elif lower.endswith(SINGLE):
            image_type = "TIFF" if lower.endswith((".tif", ".tiff", ".svs", ".ndpi")) else "MHD"
            images.append(Candidate(name, [(name, path)], image_type))
            used.add(name)
    for name, _ in files:
        if name not in used and name not in errors and not name.lower().endswith(DATA_FILES):
            errors[name] = "File could not be loaded by any of the image builders"
    return Grouping(images, errors)


def _mhd_data_file(path: Path) -> str | None:
    match = re.search(r"^\s*ElementDataFile\s*=\s*(\S+)", path.read_text("latin-1", errors="replace")[:4096], re.M)
    return match.group(1) if match else None


def shape_of(candidate: Candidate) -> tuple[list[int], tuple[float | None, float | None, float | None]]:
    """(shape z,y,x or y,x; voxel size in mm), as far as the header tells; ([1, 1], unknown) otherwise."""
    name, path = candidate.files[0]
    lower = name.lower()
    try:
        if lower.endswith((".mha", ".mhd")):
            header = path.read_bytes()[:4096].decode("latin-1")
            dims = re.search(r"^\s*DimSize\s*=\s*([\d ]+)", header, re.M)
            spacing = re.search(r"^\s*ElementSpacing\s*=\s*([\d. ]+)", header, re.M)
            if dims:
                sizes = [int(v) for v in dims.group(1).split()][::-1]
                mm = [float(v) for v in spacing.group(1).split()] if spacing else []
                return sizes, _voxels(mm)
        if lower.endswith((".nii", ".nii.gz")):
            raw = path.read_bytes()
            if lower.endswith(".gz"):
                raw = gzip.decompress(raw)
            import nibabel as nib

            header = nib.Nifti1Header.from_fileobj(io.BytesIO(raw))  # type: ignore[no-untyped-call]
            sizes = [int(v) for v in header.get_data_shape()][::-1]
            return sizes, _voxels([float(v) for v in header.get_zooms()])
        if lower.endswith(".dcm"):
            return [len(candidate.files), 1, 1], (None, None, None)
    except Exception:  # a damaged header: the real importer would fail; the emulator keeps a shapeless image
        pass
    return [1, 1], (None, None, None)


def _voxels(mm: list[float]) -> tuple[float | None, float | None, float | None]:
    padded = [*mm, None, None, None]
    return padded[0], padded[1], padded[2]


def canned_output(kind: str, super_kind: str, relative_path: str, seed: int) -> tuple[str, Any]:
    """What a finished job writes for an output socket: ("value", json) | ("file", bytes) | ("image", bytes)."""
    if super_kind == "Image":
        return "image", nifti_bytes(synthetic_volume((8, 8, 4), seed))
    if super_kind == "File":
        if relative_path.endswith(".json"):
            return "file", json.dumps({"score": 0.5, "seed": seed}).encode()
        return "file", b"%PDF-1.4\n% medannot emulator output\n"
    values: dict[str, Any] = {"Float": 0.5, "Integer": 1, "Bool": True, "String": "ok", "Anything": {"seed": seed}}
    return "value", values.get(kind, {"seed": seed})


def value_type_error(kind: str, value: Any) -> str | None:
    """The JSON-schema check of a value socket's kind (the few kinds the emulator knows), or None if it fits."""
    expected: dict[str, tuple[str, Any]] = {
        "Float": ("number", (int, float)),
        "Integer": ("integer", int),
        "Bool": ("boolean", bool),
        "String": ("string", str),
    }
    if kind not in expected:
        if kind == "Anything" or isinstance(value, (dict, list)):
            return None
        return f"JSON does not fulfill schema: {json.dumps(value)} is not of type 'object'"
    name, types = expected[kind]
    fits = isinstance(value, types) and (kind == "Bool" or not isinstance(value, bool))
    return None if fits else f"JSON does not fulfill schema: {json.dumps(value)} is not of type '{name}'"
