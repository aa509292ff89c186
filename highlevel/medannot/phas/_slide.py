"""`Slide`: a slide's metadata (fetched once, cached) and pixels (patches fetched concurrently)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from PIL import Image

from medannot.core.bulk import run_bulk
from medannot.core.images import to_pil
from medannot.core.response import unwrap
from medannot.errors import BadInput
from medannot.phas._ids import require_positive
from medannot.phas._task import Task
from medannot.phas._tiling import PatchTile, centred_tiles, check_tiles, pair, point, region_tiles
from medannot.phas._transfer import Destination, bytes_or_file
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
    import numpy as np
    from numpy.typing import NDArray

MAX_WORKERS = 8  # the measured PHAS server stops getting faster at 2-8 concurrent patch requests


class Slide:
    """A slide seen through a task (the task decides access). Unknown ids raise NotFound at construction."""

    def __init__(self, task: Task, slide_id: int) -> None:
        self.task = task
        self.task_id = task.task_id
        self.project = task.project
        self.client = task.client
        with task._on_slide(slide_id):
            self.slide_id = slide_id
            self.detail: SlideInfo = unwrap(
                SlideInfo, lambda: info_op.sync_detailed(self.task_id, slide_id, client=self.client.api)
            )

    def __repr__(self) -> str:
        return f"Slide(task_id={self.task_id}, slide_id={self.slide_id}, stain={self.stain!r})"

    # --- metadata -------------------------------------------------------------------------------
    @cached_property
    def _header(self) -> SlideHeader:
        with self.task._on_slide(self.slide_id):
            return unwrap(
                SlideHeader, lambda: header_op.sync_detailed(self.project, self.slide_id, client=self.client.api)
            )

    @cached_property
    def _openslide_header(self) -> OpenSlideHeader:
        with self.task._on_slide(self.slide_id):
            return unwrap(
                OpenSlideHeader,
                lambda: openslide_header_op.sync_detailed(self.project, self.slide_id, "raw", client=self.client.api),
            )

    @property
    def dimensions(self) -> tuple[int, int]:
        """Level-0 (width, height) in pixels."""
        width, height = self._header.dimensions
        return width, height

    @property
    def spacing(self) -> tuple[float, float]:
        """Pixel spacing (x, y) in millimetres."""
        sx, sy = self._header.spacing
        return sx, sy

    @property
    def level_dimensions(self) -> list[tuple[int, int]]:
        return [(w, h) for w, h in self._openslide_header.level_dimensions]

    @property
    def level_downsamples(self) -> list[float]:
        return list(self._openslide_header.level_downsamples)

    @property
    def properties(self) -> dict[str, str]:
        """OpenSlide properties (scanner metadata, MPP values...)."""
        return dict(self._openslide_header.properties.additional_properties)

    @cached_property
    def fullpath(self) -> str:
        """Where the slide lives on the server (needs admin rights on the slide)."""
        with self.task._on_slide(self.slide_id):
            found = unwrap(
                SlideFilepath, lambda: filepath_op.sync_detailed(self.project, self.slide_id, client=self.client.api)
            )
        return found.remote

    @cached_property
    def tags(self) -> list[str]:
        """The slide's tags (the server asks for admin and private-data rights)."""
        with self.task._on_slide(self.slide_id):
            tags: list[str] = unwrap(
                list, lambda: tags_op.sync_detailed(self.task_id, self.slide_id, client=self.client.api)
            )
        return tags

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
    def get_patch(
        self,
        center: Sequence[float],
        level: int,
        size: Sequence[int],
        tile_size: int = 1024,
        *,
        max_workers: int = MAX_WORKERS,
    ) -> Image.Image:
        """A `size` region at pyramid `level` centred on `center` (level-0 pixels), as an RGBA PIL image.

        Split into `tile_size` tiles exactly as the official client splits it (pixel-identical result), but
        the tiles are fetched concurrently, `max_workers` at a time, over the one pooled session.
        `tile_size=0` fetches the whole region in one request.
        """
        ctr, dims = point(center, "center"), pair(size, "size", positive=True)
        tile_size, max_workers = _tile_size(tile_size), _workers(max_workers)
        level = self._check_level(level)
        downsample = self.level_downsamples[level]
        return self._fetch(level, centred_tiles(ctr, dims, downsample, tile_size), dims, max_workers)

    def read_region(
        self,
        location: Sequence[int],
        level: int,
        size: Sequence[int],
        *,
        tile_size: int = 1024,
        max_workers: int = MAX_WORKERS,
    ) -> NDArray[np.uint8]:
        """OpenSlide's `read_region`: `size` pixels at `level` whose top-left corner is `location` (level-0
        pixels), as a (height, width, 4) RGBA uint8 numpy array (needs the `imaging` extra)."""
        from medannot.core.images import require

        require("numpy")  # a clear message when the imaging extra is missing
        import numpy as np

        loc, dims = pair(location, "location"), pair(size, "size", positive=True)
        tile_size, max_workers = _tile_size(tile_size), _workers(max_workers)
        level = self._check_level(level)
        downsample = self.level_downsamples[level]
        image = self._fetch(level, region_tiles(loc, dims, downsample, tile_size), dims, max_workers)
        return np.asarray(image.convert("RGBA"), dtype=np.uint8)

    @overload
    def thumbnail_nifti_image(self, filename: None = ..., max_dim: int = ...) -> bytes: ...
    @overload
    def thumbnail_nifti_image(self, filename: Destination, max_dim: int = ...) -> Path: ...
    def thumbnail_nifti_image(self, filename: Destination | None = None, max_dim: int = 1000) -> bytes | Path:
        """An RGB thumbnail (larger side `max_dim`) as .nii.gz: bytes, or saved atomically to `filename` whose
        path is returned. Uses the task route (the official client builds a URL that does not exist)."""
        require_positive(max_dim, "max_dim")
        request = thumbnail_op._get_kwargs(self.task_id, self.slide_id, "raw", max_dim)
        with self.task._on_slide(self.slide_id):
            return bytes_or_file(self.client._session, request, filename, f"slide_{self.slide_id}_thumbnail.nii.gz")

    def _check_level(self, level: object) -> int:
        """Type and sign first (no request), then the pyramid (its header is fetched once)."""
        if isinstance(level, bool) or not isinstance(level, int) or level < 0:
            raise BadInput(f"level must be a non-negative integer, not {level!r}")
        levels = len(self.level_downsamples)
        if level >= levels:
            raise BadInput(f"level {level} is beyond the slide's pyramid (levels 0..{levels - 1})")
        return level

    def _fetch(self, level: int, tiles: list[PatchTile], size: tuple[int, int], max_workers: int) -> Image.Image:
        check_tiles(tiles, self.level_downsamples[level], self.dimensions)
        with self.task._on_slide(self.slide_id):
            images = run_bulk(
                tiles, lambda tile: self._fetch_tile(level, tile), concurrency=max_workers, progress=False
            )
        if len(images) == 1 and images[0].size == size:
            return images[0]  # the server's image as it is, as the official client returns it for tile_size=0
        patch = Image.new(images[0].mode, size)
        for tile, image in zip(tiles, images, strict=True):
            patch.paste(image, (tile.x, tile.y))
        return patch

    def _fetch_tile(self, level: int, tile: PatchTile) -> Image.Image:
        def send() -> Any:
            return patch_op.sync_detailed(
                self.project, self.slide_id, "raw", level, tile.ctrx, tile.ctry, tile.w, tile.h, "png",
                client=self.client.api,
            )  # fmt: skip

        png = unwrap(File, send)
        return to_pil(png.payload.read())


def _tile_size(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BadInput(f"tile_size must be a non-negative integer (0: one request), not {value!r}")
    return value


def _workers(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise BadInput(f"max_workers must be a positive integer, not {value!r}")
    return value
