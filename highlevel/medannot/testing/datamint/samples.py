"""Small deterministic files for Datamint tests, examples and benchmarks: DICOM, NIfTI, PNG.

The DICOM has a zero preamble, so content sniffers (the SDK's `guess_typez`) do not take it for a TIFF, as they do
pydicom's own test files.
"""

from __future__ import annotations

import io

import numpy as np
import numpy.typing as npt

from medannot.testing.data import nifti_bytes, synthetic_volume


def frames_array(frames: int = 3, rows: int = 16, cols: int = 16, seed: int = 0) -> npt.NDArray[np.uint16]:
    """(frames, rows, cols) of 12-bit values: a ramp plus the frame number, so frames differ."""
    rng = np.random.default_rng(seed)
    ramp = np.add.outer(np.arange(rows), np.arange(cols)).astype(np.uint16) * 8
    noise = rng.integers(0, 4, size=(frames, rows, cols), dtype=np.uint16)
    return (ramp[None, :, :] + noise + np.arange(frames, dtype=np.uint16)[:, None, None] * 100).astype(np.uint16)


def dicom_bytes(
    frames: int = 3, rows: int = 16, cols: int = 16, *, modality: str = "CT", patient_id: str = "P-0001", seed: int = 0
) -> bytes:
    """A (multi-frame) MONOCHROME2 DICOM file, explicit VR little endian."""
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import UID, ExplicitVRLittleEndian, generate_uid

    pixels = frames_array(frames, rows, cols, seed)
    sop_class = UID("1.2.840.10008.5.1.4.1.1.7")  # secondary capture
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = generate_uid(entropy_srcs=[f"instance-{seed}"])
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.preamble = b"\0" * 128
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = generate_uid(entropy_srcs=[f"study-{seed}"])
    ds.SeriesInstanceUID = generate_uid(entropy_srcs=[f"series-{seed}"])
    ds.PatientID = patient_id
    ds.PatientName = "Synthetic^Patient"
    ds.Modality = modality
    ds.InstanceNumber = 1
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows, ds.Columns = rows, cols
    ds.NumberOfFrames = frames
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    ds.PixelSpacing = [1.0, 1.0]
    ds.SliceThickness = 1.0
    ds.ImageOrientationPatient = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0]
    ds.ImagePositionPatient = [0.0, 0.0, 0.0]
    ds.PixelData = pixels.tobytes()
    out = io.BytesIO()
    ds.save_as(out, enforce_file_format=True)
    return out.getvalue()


def nifti_volume_bytes(shape: tuple[int, int, int] = (16, 12, 4), seed: int = 0) -> bytes:
    """A gzipped NIfTI-1 volume (x, y, slices) of int16 (save it as `.nii.gz`)."""
    return nifti_bytes(synthetic_volume(shape, seed=seed))


def png_bytes(rows: int = 8, cols: int = 8, value: int = 255) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.fromarray(np.full((rows, cols), value, dtype=np.uint8)).save(out, format="PNG")
    return out.getvalue()
