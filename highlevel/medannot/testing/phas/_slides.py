"""Synthetic pyramidal slides computed on the fly: what OpenSlide reads from the test harness's TIFFs.

Level-0 pixel (x, y) is R = x & 255, G = y & 255, B = ((x >> 8) * 7 + (y >> 8) * 13) & 255 (the pattern of
tools/servers/_phas_setup.py); level k stores level-0 pixel (i * 4**k, j * 4**k). No file is ever written, so
a patch is exact at every level, as on the harness's uncompressed slide.
"""

from __future__ import annotations

import gzip
import io
import math
from dataclasses import dataclass

import nibabel as nib
import numpy as np
import numpy.typing as npt
from PIL import Image

DOWNSAMPLES = (1, 4, 16)
Pixels = npt.NDArray[np.uint8]


def pattern(x: npt.NDArray[np.int64], y: npt.NDArray[np.int64]) -> Pixels:
    """RGB of level-0 pixels (x, y), broadcast together; the last axis is the channel."""
    x, y = np.broadcast_arrays(x, y)
    rgb: Pixels = np.stack([x & 255, y & 255, ((x >> 8) * 7 + (y >> 8) * 13) & 255], axis=-1).astype(np.uint8)
    return rgb


@dataclass(frozen=True)
class SyntheticSlide:
    """A square slide of `size` level-0 pixels at `mpp` microns per pixel, three levels (1, 4, 16)."""

    size: int
    mpp: float = 0.5

    @property
    def spacing_mm(self) -> list[float]:
        return [self.mpp / 1000, self.mpp / 1000]

    @property
    def level_dimensions(self) -> list[list[int]]:
        return [[-(-self.size // ds)] * 2 for ds in DOWNSAMPLES]

    def read_region(self, x: int, y: int, level: int, w: int, h: int) -> Pixels:
        """OpenSlide's read_region: RGBA, (x, y) the top-left in level-0 pixels, transparent outside the slide.

        A level-0 position that falls between two level-k pixels is interpolated linearly, as OpenSlide
        (cairo) does; positions that are multiples of the downsample read stored pixels exactly."""
        ds = DOWNSAMPLES[level]
        cols = self._axis(x / ds, w, level)
        rows = self._axis(y / ds, h, level)
        premultiplied = np.zeros((h, w, 4), dtype=np.float64)
        for row_index, row_weight in rows:
            for col_index, col_weight in cols:
                premultiplied += (row_weight[:, None] * col_weight[None, :])[..., None] * self._stored(
                    col_index, row_index, level
                )
        alpha = premultiplied[..., 3:]
        rgb = np.divide(premultiplied[..., :3] * 255, alpha, out=np.zeros_like(premultiplied[..., :3]), where=alpha > 0)
        rgba: Pixels = np.concatenate([rgb, alpha], axis=-1).round().clip(0, 255).astype(np.uint8)
        return rgba

    def _axis(
        self, start: float, count: int, level: int
    ) -> list[tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]]:
        """(stored pixel indices, weights) of the one or two stored pixels behind each output pixel."""
        base = math.floor(start)
        frac = start - base
        index = base + np.arange(count, dtype=np.int64)
        if frac == 0:
            return [(index, np.ones(count))]
        return [(index, np.full(count, 1 - frac)), (index + 1, np.full(count, frac))]

    def _stored(self, cols: npt.NDArray[np.int64], rows: npt.NDArray[np.int64], level: int) -> npt.NDArray[np.float64]:
        """Premultiplied RGBA of stored level pixels; those outside the level are transparent black."""
        ds, (width, height) = DOWNSAMPLES[level], self.level_dimensions[level]
        inside = ((rows >= 0) & (rows < height))[:, None] & ((cols >= 0) & (cols < width))[None, :]
        rgb = pattern(cols[None, :] * ds, rows[:, None] * ds).astype(np.float64)
        alpha = inside[..., None].astype(np.float64) * 255
        return np.concatenate([rgb * inside[..., None], alpha], axis=-1)

    def best_level(self, downsample: float) -> int:
        """OpenSlide's get_best_level_for_downsample: the coarsest level not coarser than asked."""
        return max(k for k, ds in enumerate(DOWNSAMPLES) if k == 0 or ds <= downsample)

    def thumbnail_size(self, maxdim: int) -> tuple[int, int]:
        """The size OpenSlide's get_thumbnail((maxdim, maxdim)) returns (PIL's thumbnail of the best level)."""
        level = self.best_level(self.size / maxdim)
        side = self.level_dimensions[level][0]
        return (min(side, maxdim),) * 2  # square slides: PIL keeps the aspect ratio exactly

    def thumbnail(self, maxdim: int) -> Image.Image:
        """OpenSlide's get_thumbnail: the best level, composited on white, shrunk with PIL (Lanczos)."""
        level = self.best_level(self.size / maxdim)
        side = self.level_dimensions[level][0]
        image = Image.fromarray(self.read_region(0, 0, level, side, side)[..., :3], "RGB")
        image.thumbnail((maxdim, maxdim), Image.Resampling.LANCZOS)
        return image


def png_bytes(rgba: Pixels) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(rgba, "RGBA").save(buffer, "PNG")
    return buffer.getvalue()


def nifti_gz(image: Image.Image, spacing: list[float]) -> bytes:
    """A 2-D image as the server writes it: x/y swapped into NIfTI order, RGB as a structured voxel type,
    affine diag(-sx, -sy, 1) (sections are usually coronal)."""
    pixels = np.asarray(image, dtype=np.uint8)
    voxels: npt.NDArray[np.generic]
    if pixels.ndim == 3:
        rgb = np.dtype([("R", "u1"), ("G", "u1"), ("B", "u1")])
        voxels = np.ascontiguousarray(pixels.transpose(1, 0, 2)[:, :, None, :]).view(rgb)[..., 0]
    else:
        voxels = pixels.transpose(1, 0)[:, :, None, None]
    affine = np.diag([-spacing[0], -spacing[1], 1.0, 1.0])
    return gzip.compress(nib.Nifti1Image(voxels, affine).to_bytes())  # type: ignore[no-untyped-call]
