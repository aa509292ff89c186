"""`AsyncSlide` (and its generated twin `Slide`): a slide's metadata and pixels (patches fetched
concurrently).

`slide = await AsyncSlide.open(task, slide_id)` loads the slide's details and both headers (three requests),
after which every metadata property is a plain read. The public sync `medannot.phas.Slide(task, slide_id)`
(`_sync_tasks.py`) keeps the official client's shape: its constructor loads the details, and the headers load
on first use of a property that needs them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Self, overload

from PIL import Image

from medannot.core._async.response import unwrap
from medannot.core.bulk import arun_bulk
from medannot.core.images import check_image
from medannot.core.validate import require_int
from medannot.errors import BadInput, ResponseSchemaError
from medannot.phas import models
from medannot.phas._async.client import AsyncClient
from medannot.phas._async.task import AsyncTask, require_task
from medannot.phas._async.transfer import NIFTI_GZ_TYPES, Destination, bytes_or_file, check_destination
from medannot.phas._ids import require_id, require_positive
from medannot.phas._images import decode_image
from medannot.phas._tiling import PatchTile, centred_tiles, check_tiles, pair, point, region_tiles
from medannot_api.phas.api.slides import download_slide_thumbnail_nifti as thumbnail_op
from medannot_api.phas.api.slides import get_openslide_header as openslide_header_op
from medannot_api.phas.api.slides import get_slide_filepath as filepath_op
from medannot_api.phas.api.slides import get_slide_header as header_op
from medannot_api.phas.api.slides import get_slide_patch as patch_op
from medannot_api.phas.api.slides import get_slide_tags as tags_op
from medannot_api.phas.api.slides import get_task_slide_info as info_op
from medannot_api.phas.models import OpenSlideHeader, SlideFilepath, SlideHeader, SlideInfo
from medannot_api.phas.types import File

if TYPE_CHECKING:
    pass

TILE_MODES = ("RGBA", "RGB")
MAX_WORKERS = 8  # the measured PHAS server stops getting faster at 2-8 concurrent patch requests
_NOT_LOADED = "the slide's headers are not loaded: get the slide with `await AsyncSlide.open(task, slide_id)`"


class AsyncSlide:
    """A slide seen through a task (the task decides access). Get one with `await AsyncSlide.open(task, id)`;
    the constructor sends nothing and takes what was loaded."""

    def __init__(
        self,
        task: AsyncTask,
        slide_id: int,
        detail: SlideInfo,
        header: SlideHeader | None = None,
        openslide_header: OpenSlideHeader | None = None,
    ) -> None:
        self.task: AsyncTask = require_task(task)
        self.task_id: int = task.task_id
        self.project: str = task.project
        self.client: AsyncClient = task.client
        self.slide_id: int = require_id(slide_id, "slide_id")
        self.detail: SlideInfo = detail
        self._header = header
        self._openslide_header = openslide_header

    @classmethod
    async def open(cls, task: AsyncTask, slide_id: int) -> Self:
        """The slide with its details (GET /api/task/<task>/slide/<id>/info), header (GET
        /api/project/<project>/slide/<id>/header) and OpenSlide header loaded. `BadInput` for a bad id,
        `NotFound` for a slide not in the task."""
        require_task(task)
        require_id(slide_id, "slide_id")
        slide = cls(task, slide_id, await cls._load_detail(task, slide_id))
        await slide.load_headers()
        return slide

    @staticmethod
    async def _load_detail(task: AsyncTask, slide_id: int) -> SlideInfo:
        async with task._on_slide(slide_id):
            return await unwrap(SlideInfo, info_op.asyncio_detailed, task.task_id, slide_id, client=task.client._api)

    async def load_headers(self) -> None:
        """Fetch the headers not loaded yet (nothing to do for a slide from `open`)."""
        if self._header is None:
            self._header = await self._fetch_header()
        if self._openslide_header is None:
            self._openslide_header = await self._fetch_openslide_header()

    async def _fetch_header(self) -> SlideHeader:
        async with self.task._on_slide(self.slide_id):
            return await unwrap(
                SlideHeader, header_op.asyncio_detailed, self.project, self.slide_id, client=self.client._api
            )

    async def _fetch_openslide_header(self) -> OpenSlideHeader:
        async with self.task._on_slide(self.slide_id):
            return await unwrap(
                OpenSlideHeader, openslide_header_op.asyncio_detailed, self.project, self.slide_id, "raw",
                client=self.client._api,
            )  # fmt: skip

    def _slide_header(self) -> SlideHeader:
        if self._header is None:
            raise BadInput(_NOT_LOADED)
        return self._header

    def _openslide(self) -> OpenSlideHeader:
        if self._openslide_header is None:
            raise BadInput(_NOT_LOADED)
        return self._openslide_header

    def __repr__(self) -> str:
        return f"{type(self).__name__}(task_id={self.task_id}, slide_id={self.slide_id}, stain={self.stain!r})"

    # --- metadata -------------------------------------------------------------------------------
    @property
    def dimensions(self) -> tuple[int, int]:
        """Level-0 (width, height) in pixels."""
        width, height = self._slide_header().dimensions
        return width, height

    @property
    def spacing(self) -> tuple[float, float]:
        """Pixel spacing (x, y) in millimetres."""
        sx, sy = self._slide_header().spacing
        return sx, sy

    @property
    def level_dimensions(self) -> list[tuple[int, int]]:
        """(width, height) in pixels of each pyramid level, level 0 first."""
        return [(w, h) for w, h in self._openslide().level_dimensions]

    @property
    def level_downsamples(self) -> list[float]:
        """The downsample factor of each pyramid level (1.0 first)."""
        return list(self._openslide().level_downsamples)

    @property
    def properties(self) -> dict[str, str]:
        """OpenSlide properties (scanner metadata, MPP values...)."""
        return dict(self._openslide().properties.additional_properties)

    async def get_fullpath(self) -> str:
        """Where the slide lives on the server (needs admin rights on the slide: `PermissionDenied` else)."""
        async with self.task._on_slide(self.slide_id):
            found = await unwrap(
                SlideFilepath, filepath_op.asyncio_detailed, self.project, self.slide_id, client=self.client._api
            )
        return found.remote

    async def get_tags(self) -> list[str]:
        """The slide's tags (the server asks for admin and private-data rights: `PermissionDenied` else)."""
        async with self.task._on_slide(self.slide_id):
            tags: list[object] = await unwrap(
                list, tags_op.asyncio_detailed, self.task_id, self.slide_id, client=self.client._api
            )
        if not all(isinstance(tag, str) for tag in tags):
            raise ResponseSchemaError(f"the tags of slide {self.slide_id} are not a list of strings: {tags!r:.100}")
        return [str(tag) for tag in tags]

    @property
    def stain(self) -> str:
        return self.detail.stain

    @property
    def block_name(self) -> str:
        return self.detail.block_name

    @property
    def specimen_private(self) -> str | None:
        """The specimen's private name; None when hidden (anonymized session, or no private-data rights)."""
        return self.detail.specimen_private

    @property
    def specimen_public(self) -> str:
        return self.detail.specimen_public

    @property
    def section(self) -> int:
        return self.detail.section

    @property
    def slide_number(self) -> int:
        return self.detail.slide

    # --- pixels ---------------------------------------------------------------------------------
    async def get_patch(
        self,
        center: Sequence[float],
        level: int,
        size: Sequence[int],
        tile_size: int = 1024,
        *,
        max_workers: int = MAX_WORKERS,
    ) -> Image.Image:
        """A `size` (width, height) region at pyramid `level` centred on `center` (level-0 pixels), as an RGBA
        PIL image. GET /dzi/patch/... per tile.

        Split into `tile_size` tiles exactly as the official client splits it (pixel-identical result), but
        the tiles are fetched concurrently, `max_workers` at a time, over the one pooled session.
        `tile_size=0` fetches the whole region in one request. A request the server cannot serve (a bad level,
        a patch off the slide) is `BadInput` before sending.
        """
        ctr, dims = point(center, "center"), pair(size, "size", positive=True)
        tile_size, max_workers = _tile_size(tile_size), _workers(max_workers)
        level = self._check_level(level)
        downsample = self.level_downsamples[level]
        return await self._fetch(level, centred_tiles(ctr, dims, downsample, tile_size), dims, max_workers)

    async def read_region(
        self,
        location: Sequence[int],
        level: int,
        size: Sequence[int],
        *,
        tile_size: int = 1024,
        max_workers: int = MAX_WORKERS,
    ) -> models.UInt8Array:
        """OpenSlide's `read_region`: `size` pixels at `level` whose top-left corner is `location` (level-0
        pixels), as a (height, width, 4) RGBA uint8 numpy array (needs the `imaging` extra)."""
        from medannot.core.images import require

        require("numpy")  # a clear message when the imaging extra is missing
        import numpy as np

        loc, dims = pair(location, "location"), pair(size, "size", positive=True)
        tile_size, max_workers = _tile_size(tile_size), _workers(max_workers)
        level = self._check_level(level)
        downsample = self.level_downsamples[level]
        image = await self._fetch(level, region_tiles(loc, dims, downsample, tile_size), dims, max_workers)
        return np.asarray(image.convert("RGBA"), dtype=np.uint8)

    @overload
    async def thumbnail_nifti_image(
        self, filename: None = ..., max_dim: int = ..., *, overwrite: bool = ...
    ) -> bytes: ...
    @overload
    async def thumbnail_nifti_image(
        self, filename: Destination, max_dim: int = ..., *, overwrite: bool = ...
    ) -> Path: ...
    async def thumbnail_nifti_image(
        self, filename: Destination | None = None, max_dim: int = 1000, *, overwrite: bool = False
    ) -> bytes | Path:
        """An RGB thumbnail (larger side `max_dim` pixels) as .nii.gz: bytes, or saved atomically to `filename`
        whose path is returned; an existing file is a `FileExists` (before sending) unless `overwrite=True`.
        Uses the task route (the official client builds a URL that does not exist)."""
        require_positive(max_dim, "max_dim")
        overwrite = check_destination(filename, overwrite)
        request = thumbnail_op._get_kwargs(self.task_id, self.slide_id, "raw", max_dim)
        async with self.task._on_slide(self.slide_id):
            return await bytes_or_file(
                self.client._session, request, filename, f"slide_{self.slide_id}_thumbnail.nii.gz",
                media_types=NIFTI_GZ_TYPES, overwrite=overwrite,
            )  # fmt: skip

    def _check_level(self, level: object) -> int:
        """Type and sign first, then the pyramid."""
        level = require_int(level, "level", min=0)
        levels = len(self.level_downsamples)
        if level >= levels:
            raise BadInput(f"level {level} is beyond the slide's pyramid (levels 0..{levels - 1})")
        return level

    async def _fetch(self, level: int, tiles: list[PatchTile], size: tuple[int, int], max_workers: int) -> Image.Image:
        check_tiles(tiles, self.level_downsamples[level], self.dimensions)
        async with self.task._on_slide(self.slide_id):
            images = await arun_bulk(
                tiles, lambda tile: self._fetch_tile(level, tile), concurrency=max_workers, progress=False
            )
        if len(images) == 1 and images[0].size == size:
            return images[0]  # the server's image as it is, as the official client returns it for tile_size=0
        patch = Image.new(images[0].mode, size)
        for tile, image in zip(tiles, images, strict=True):
            patch.paste(image, (tile.x, tile.y))
        return patch

    async def _fetch_tile(self, level: int, tile: PatchTile) -> Image.Image:
        png = await unwrap(
            File, patch_op.asyncio_detailed, self.project, self.slide_id, "raw", level, tile.ctrx, tile.ctry,
            tile.w, tile.h, "png", client=self.client._api,
        )  # fmt: skip
        what = f"the patch of slide {self.slide_id} at {tile.ctrx},{tile.ctry} (level {level})"
        # PHAS sends OpenSlide's RGBA as PNG, exactly the size asked: anything else would be pasted wrong
        return check_image(decode_image(png, what), what, size=(tile.w, tile.h), modes=TILE_MODES)


def _tile_size(value: object) -> int:
    """0 (one request for the whole region, as in the official client) or a positive tile side."""
    return require_int(value, "tile_size", min=0)


def _workers(value: object) -> int:
    return require_int(value, "max_workers", min=1)
