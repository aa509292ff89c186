"""What the emulator learns from an uploaded file (kind, frames, DICOM identifiers) and how it renders a frame.

DICOM is read with pydicom, NIfTI with nibabel, images with PIL (the `imaging` extra, part of `testing`); they are
imported on first use so that starting an emulator stays cheap. Only headers are read at upload time: a 1 GiB
NIfTI costs a header read, not a decode.
"""

from __future__ import annotations

import io
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medannot.testing.datamint.errors import BadRequest

DICOM = "application/dicom"
NIFTI = "application/nifti"
_GZIP_MAGIC = b"\x1f\x8b"
_NIFTI_SUFFIXES = (".nii", ".nii.gz")


@dataclass
class FileFacts:
    """The stored file as the service describes it."""

    storage: str  # DicomResource, NiftiResource, ImageResource, VideoResource, FileResource
    mimetype: str
    frames: int | None = None
    modality: str | None = None
    uids: dict[str, str] = field(default_factory=dict)  # instance_uid, series_uid, study_uid, patient_id


def standard_mimetype(declared: str | None, filename: str, head: bytes) -> str:
    """The client's mimetype, else one guessed from the name, else sniffed from the first bytes."""
    declared = (declared or "").split(";")[0].strip().lower()
    if re.fullmatch(r"[a-z0-9][\w.+-]*/[a-z0-9][\w.+-]*", declared) and declared != "application/octet-stream":
        return declared
    lower = filename.lower()
    if lower.endswith(_NIFTI_SUFFIXES):
        return NIFTI
    if lower.endswith(".dcm") or head[128:132] == b"DICM":
        return DICOM
    guessed, _ = mimetypes.guess_type(filename)
    return guessed or "application/octet-stream"


def is_dicom(mimetype: str) -> bool:
    return mimetype.endswith("/dicom")


def is_nifti(mimetype: str, filename: str) -> bool:
    return "nifti" in mimetype or filename.lower().endswith(_NIFTI_SUFFIXES)


def probe(path: Path, mimetype: str, filename: str) -> FileFacts:
    """Read what the service shows about a file; an unreadable DICOM or NIfTI is kept as a plain file."""
    if is_dicom(mimetype):
        return _probe_dicom(path, mimetype)
    if is_nifti(mimetype, filename):
        return _probe_nifti(path, mimetype)
    if mimetype.startswith("image/"):
        return FileFacts("ImageResource", mimetype, frames=1)
    if mimetype.startswith("video/"):
        return FileFacts("VideoResource", mimetype)
    return FileFacts("FileResource", mimetype)


def _probe_dicom(path: Path, mimetype: str) -> FileFacts:
    import pydicom

    try:
        ds = pydicom.dcmread(path, stop_before_pixels=True, force=True)
    except Exception:
        return FileFacts("FileResource", mimetype)
    uids = {
        key: str(value)
        for key, value in (
            ("instance_uid", ds.get("SOPInstanceUID")),
            ("series_uid", ds.get("SeriesInstanceUID")),
            ("study_uid", ds.get("StudyInstanceUID")),
            ("patient_id", ds.get("PatientID")),
        )
        if value
    }
    frames = int(ds.get("NumberOfFrames", 1) or 1)
    modality = str(ds.get("Modality")) if ds.get("Modality") else None
    return FileFacts("DicomResource", mimetype, frames=frames, modality=modality, uids=uids)


def _load_nifti(path: Path) -> Any:
    """nibabel picks the decoder from the name, so the stored file keeps an honest suffix (see `nifti_suffix`)."""
    import nibabel as nib

    return nib.load(str(path))


def nifti_suffix(head: bytes) -> str:
    return ".nii.gz" if head[:2] == _GZIP_MAGIC else ".nii"


def _probe_nifti(path: Path, mimetype: str) -> FileFacts:
    try:
        image = _load_nifti(path)
        shape = image.shape
    except Exception:
        return FileFacts("FileResource", mimetype)
    frames = int(shape[2]) if len(shape) >= 3 else 1
    return FileFacts("NiftiResource", mimetype, frames=frames)


def render_frame(path: Path, facts: FileFacts, index: int) -> bytes:
    """Frame `index` as an 8-bit PNG (windowed to the frame's range); BadRequest if there is no such frame."""
    import numpy as np
    from PIL import Image

    if facts.storage == "ImageResource":
        if index != 0:
            raise BadRequest(f"Frame index {index} out of range: the image has 1 frame")
        with Image.open(path) as image:
            return _png(image.copy())
    if facts.storage == "DicomResource":
        pixels = _dicom_frame(path, index)
    elif facts.storage == "NiftiResource":
        pixels = _nifti_frame(path, index)
    else:
        raise BadRequest(f"Frames of {facts.mimetype} resources cannot be rendered")
    array = np.asarray(pixels)
    if array.ndim == 3 and array.shape[-1] in (3, 4):
        return _png(Image.fromarray(array.astype(np.uint8)))
    return _png(Image.fromarray(_to_uint8(array)))


def _dicom_frame(path: Path, index: int) -> Any:
    import pydicom

    ds = pydicom.dcmread(path, force=True)
    frames = int(ds.get("NumberOfFrames", 1) or 1)
    if not 0 <= index < frames:
        raise BadRequest(f"Frame index {index} out of range: the resource has {frames} frame(s)")
    try:
        pixels = ds.pixel_array
    except Exception as error:
        raise BadRequest(f"The DICOM pixel data cannot be decoded: {error}") from None
    return pixels[index] if frames > 1 else pixels


def _nifti_frame(path: Path, index: int) -> Any:
    import numpy as np

    image = _load_nifti(path)
    shape = image.shape
    frames = int(shape[2]) if len(shape) >= 3 else 1
    if not 0 <= index < frames:
        raise BadRequest(f"Frame index {index} out of range: the resource has {frames} frame(s)")
    data = image.dataobj[:, :, index] if len(shape) >= 3 else image.dataobj[:, :]
    data = np.asarray(data)
    while data.ndim > 2:  # a 4D series: its first volume
        data = data[..., 0]
    return data.T  # NIfTI stores (x, y): a picture is rows of y


def _to_uint8(array: Any) -> Any:
    import numpy as np

    data = np.asarray(array, dtype=np.float64)
    low, high = float(data.min(initial=0.0)), float(data.max(initial=0.0))
    if high <= low:
        return np.zeros(data.shape, dtype=np.uint8)
    return np.rint((data - low) * (255.0 / (high - low))).astype(np.uint8)


def _png(image: Any) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
