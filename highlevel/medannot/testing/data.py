"""Deterministic synthetic NIfTI studies for tests, the demo and benchmarks (no downloads needed).

Each volume is faint noise (100 +- 2) with one bright sphere (about 300), so a threshold at the volume mean
gives a non-trivial foreground (the MONAI Label test app's `threshold` model does exactly that).
The same (count, shape, seed) always gives the same voxels, and the same file bytes.
"""

from __future__ import annotations

import gzip
import io
from os import PathLike
from pathlib import Path

import nibabel as nib
import numpy as np
import numpy.typing as npt


def synthetic_volume(shape: tuple[int, int, int] = (32, 32, 16), seed: int = 0) -> npt.NDArray[np.int16]:
    """Noise plus one sphere whose centre and radius depend on the seed."""
    rng = np.random.default_rng(seed)
    data = rng.normal(100.0, 2.0, size=shape)
    centre = [rng.uniform(0.3 * n, 0.7 * n) for n in shape]
    radius = rng.uniform(0.25, 0.4) * min(shape)
    grid = np.indices(shape, dtype=np.float64)
    distance2 = sum((grid[axis] - centre[axis]) ** 2 for axis in range(3))
    data[distance2 <= radius**2] += 200.0
    return np.rint(data).astype(np.int16)


def nifti_bytes(volume: npt.NDArray[np.generic], spacing: tuple[float, float, float] = (1.0, 1.0, 2.0)) -> bytes:
    """A gzipped NIfTI-1 file with a fixed gzip header (mtime 0), so bytes depend only on the voxels."""
    image = nib.Nifti1Image(volume, np.diag([*spacing, 1.0]))  # type: ignore[no-untyped-call]
    raw = image.to_bytes()
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as gz:
        gz.write(raw)
    return buffer.getvalue()


def write_nifti_volumes(
    directory: str | PathLike[str], count: int, shape: tuple[int, int, int] = (32, 32, 16), seed: int = 0
) -> list[Path]:
    """Write `volume-000.nii.gz` ... into `directory` (created if missing); return the paths in order."""
    if count < 0:
        raise ValueError(f"count must be >= 0, got {count}")
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for index in range(count):
        path = target / f"volume-{index:03d}.nii.gz"
        path.write_bytes(nifti_bytes(synthetic_volume(shape, seed * 100_003 + index)))
        paths.append(path)
    return paths
