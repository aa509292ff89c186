"""`AsyncSamplingROIPatchExtractor` (and its generated twin `SamplingROIPatchExtractor`): padded tiles and masks
covering a sampling ROI (needs the `imaging` extra).

The ROI's bounding box is covered by a grid of `tile_size` tiles centred on it; the ROI is rasterised on a
grid of `sub_tiles_per_tile`² sub-tiles per tile to find the tiles it overlaps and by how much. Same grid,
same masks and same patches as the official class.
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator, Sequence
from typing import TYPE_CHECKING

from PIL import Image

from medannot.core.bulk import arun_bulk
from medannot.core.images import require
from medannot.core.validate import require_finite, require_int
from medannot.errors import BadInput
from medannot.phas import models
from medannot.phas._async.slide import AsyncSlide
from medannot.phas._imaging import TilePatch, TileSelection
from medannot.phas._roi_geometry import Geometry, GeometryInput, as_geometry, bounding_box, draw, translated
from medannot.phas._tiling import pair

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


class AsyncSamplingROIPatchExtractor:
    """Tiles of `tile_size` level-0 pixels covering a sampling ROI (`geom`: a geometry dict, a
    `SamplingRoiGeometry` or a `SamplingRoi`) on `slide`; constructing one sends nothing (the slide's header
    gives the spacing of `tile_patch_origin`). `BadInput` for a bad geometry or size."""

    def __init__(
        self,
        slide: AsyncSlide,
        geom: GeometryInput,
        tile_size: int = 1024,
        padding: int = 32,
        sub_tiles_per_tile: int = 16,
    ) -> None:
        require("numpy")  # a clear message when the imaging extra is missing
        import numpy as np

        if not isinstance(slide, AsyncSlide):
            raise BadInput(f"slide must be a medannot.phas.AsyncSlide, not {type(slide).__name__}")
        tile_size, padding, sub_tiles_per_tile = (
            require_int(value, name, min=least)
            for name, value, least in (
                ("tile_size", tile_size, 1),
                ("padding", padding, 0),
                ("sub_tiles_per_tile", sub_tiles_per_tile, 1),
            )
        )
        self.slide: AsyncSlide = slide
        self.geom: Geometry = as_geometry(geom, "geom")
        self.tile_size: int = tile_size
        self.padding: int = padding
        self.sub_tiles_per_tile: int = sub_tiles_per_tile

        x0, y0, x1, y1 = bounding_box(self.geom)
        # a degenerate (zero-width) ROI still gets one tile, where the official class fails on an empty grid
        tw, th = (max(1, math.ceil(extent / tile_size)) for extent in (x1 - x0, y1 - y0))
        # top-left corner of a grid that leaves equal margins around the ROI
        self.tx: int = int((x1 + x0) // 2 - (tw * tile_size) // 2)
        self.ty: int = int((y1 + y0) // 2 - (th * tile_size) // 2)

        n = sub_tiles_per_tile
        canvas = Image.new("L", (tw * n, th * n))
        draw(canvas, translated(self.geom, -self.tx, -self.ty), n / tile_size, n / tile_size, 255, 255)
        self._subtiles: NDArray[np.uint8] = np.array(canvas)
        self._tiles: NDArray[np.float64] = self._subtiles.reshape(th, n, tw, n).mean(axis=(-1, -3)) / 255.0
        hit = self._tiles > 0
        self._selection = TileSelection(np.argwhere(hit)[:, ::-1], self._tiles[hit])

    def __repr__(self) -> str:
        return f"{type(self).__name__}(slide={self.slide.slide_id}, tiles={len(self._selection.indices)})"

    def tiles(self) -> TileSelection:
        """The (column, row) indices of the tiles that overlap the ROI, and each one's overlap fraction;
        unpacks as the official `indices, overlap = extractor.tiles()`."""
        return self._selection

    def tile_mask_density(self) -> models.Float64Array:
        """Per tile, the fraction of its area inside the ROI (for inspection)."""
        return self._tiles

    def subtile_mask_density(self) -> models.UInt8Array:
        """Per sub-tile, 255 where the rasterised ROI covers it (for inspection)."""
        return self._subtiles

    def translate_geom(self, geom: GeometryInput, dx: float, dy: float) -> Geometry:
        """A copy of `geom` shifted by (dx, dy)."""
        return translated(as_geometry(geom, "geom"), require_finite(dx, "dx"), require_finite(dy, "dy"))

    def _corner(self, tile_index: Sequence[int]) -> tuple[int, int]:
        col, row = pair(tile_index, "tile_index")
        return self.tx + col * self.tile_size, self.ty + row * self.tile_size

    async def get_tile_patch_and_mask(self, tile_index: Sequence[int]) -> tuple[Image.Image, Image.Image]:
        """The tile plus `padding` on every side (RGB) and a mask (L) that is 255 where the unpadded tile
        overlaps the ROI; both (tile_size + 2 * padding) pixels square. One GET /dzi/patch request."""
        px, py = self._corner(tile_index)
        padded = self.tile_size + 2 * self.padding
        half = self.tile_size // 2
        patch = (await self.slide.get_patch((px + half, py + half), 0, (padded, padded), tile_size=0)).convert("RGB")
        inner = Image.new("L", (self.tile_size, self.tile_size))
        draw(inner, translated(self.geom, -px, -py), 1, 1, 255)
        mask = Image.new("L", (padded, padded))
        mask.paste(inner, (self.padding, self.padding))
        return patch, mask

    def tile_patch_origin(self, tile_index: Sequence[int]) -> models.Float64Array:
        """Physical coordinates (mm, as ITK's origin) of the centre of pixel (0, 0) of the tile's patch."""
        import numpy as np

        px, py = self._corner(tile_index)
        corner = np.array((px, py)) - self.padding
        return np.array(self.slide.spacing) * (corner + 0.5)

    async def iter_patches(self, *, prefetch: int = 4) -> AsyncIterator[TilePatch]:
        """Every overlapping tile with its patch and mask, in `tiles()` order, downloaded `prefetch` tiles at a
        time (concurrently); stopping early leaves the rest unrequested. `BadInput` for a bad `prefetch`."""
        prefetch = require_int(prefetch, "prefetch", min=1)
        indices, overlap = self._selection
        jobs = [((int(c), int(r)), float(o)) for (c, r), o in zip(indices.tolist(), overlap.tolist(), strict=True)]
        for start in range(0, len(jobs), prefetch):
            batch = jobs[start : start + prefetch]
            fetched = await arun_bulk(
                batch, lambda job: self.get_tile_patch_and_mask(job[0]), concurrency=prefetch, progress=False
            )
            for (index, frac), (image, mask) in zip(batch, fetched, strict=True):
                ox, oy = self.tile_patch_origin(index).tolist()
                yield TilePatch(index, frac, image, mask, (ox, oy))
