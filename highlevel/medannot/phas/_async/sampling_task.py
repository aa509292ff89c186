"""`AsyncSamplingROITask` (and its generated twin `SamplingROITask`): sampling regions of interest of a
`sampling` task."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, overload

from medannot.core._async.response import unwrap
from medannot.errors import ResponseSchemaError, ServerError
from medannot.phas._async.task import AsyncTask
from medannot.phas._async.transfer import NIFTI_GZ_TYPES, Destination, bytes_or_file, check_destination
from medannot.phas._ids import require_id, require_positive
from medannot.phas._roi_geometry import GeometryInput, as_geometry
from medannot_api.phas.api.sampling import create_sampling_roi as create_op
from medannot_api.phas.api.sampling import delete_slide_sampling_rois as delete_op
from medannot_api.phas.api.sampling import get_sampling_roi_image as image_op
from medannot_api.phas.api.sampling import list_slide_sampling_rois as list_op
from medannot_api.phas.models import CreatedId, SamplingRoi, SamplingRoiCreate, SamplingRoiGeometry, TaskMode

# These routes answer 500 (not 403) for a slide id that does not exist.
_UNKNOWN_SLIDE_FAILS = (ServerError,)


class AsyncSamplingROITask(AsyncTask):
    """A `sampling` task. Coordinates are raw level-0 slide pixels."""

    required_mode: ClassVar[TaskMode | None] = "sampling"

    async def slide_sampling_rois(self, slide_id: int) -> list[SamplingRoi]:
        """The ROIs on a slide, most recently edited first (`as_geometry(roi)` reads a ROI's geometry).
        `NotFound` for a slide not in the task."""
        async with self._on_slide(slide_id, also=_UNKNOWN_SLIDE_FAILS):
            rois: list[SamplingRoi] = await unwrap(
                list, list_op.asyncio_detailed, self.task_id, "raw", "raw", slide_id, client=self.client._api
            )
        return rois

    async def create_sampling_roi(self, slide_id: int, label_id: int, geom_data: GeometryInput) -> int:
        """Create a ROI (raw level-0 coordinates); returns its id. The geometry is checked before sending
        (`BadInput`); a read-only user gets `PermissionDenied`."""
        require_id(slide_id, "slide_id")
        require_id(label_id, "label_id")
        body = SamplingRoiCreate(
            label_id=label_id, geometry=SamplingRoiGeometry.from_dict(as_geometry(geom_data, "geom_data"))
        )
        async with self._on_slide(slide_id):
            created = await unwrap(
                CreatedId, create_op.asyncio_detailed, self.task_id, "raw", "raw", slide_id,
                client=self.client._api, body=body,
            )  # fmt: skip
        return created.id

    async def delete_sampling_rois_on_slide(self, slide_id: int) -> bool:
        """Delete every ROI of this task on the slide; True when done."""
        async with self._on_slide(slide_id):
            answer = await unwrap(str, delete_op.asyncio_detailed, self.task_id, slide_id, client=self.client._api)
        if answer != "success":
            raise ResponseSchemaError(f"unexpected answer to delete_all: {answer[:100]!r}")
        return True

    @overload
    async def slide_sampling_roi_nifti_image(
        self, slide_id: int, filename: None = ..., max_dim: int = ..., *, overwrite: bool = ...
    ) -> bytes: ...
    @overload
    async def slide_sampling_roi_nifti_image(
        self, slide_id: int, filename: Destination, max_dim: int = ..., *, overwrite: bool = ...
    ) -> Path: ...
    async def slide_sampling_roi_nifti_image(
        self, slide_id: int, filename: Destination | None = None, max_dim: int = 1000, *, overwrite: bool = False
    ) -> bytes | Path:
        """A label image of the slide's ROIs (voxel = label id) as .nii.gz, larger side `max_dim` pixels: bytes,
        or saved atomically to `filename` (a file or a directory) whose path is returned. An existing file is a
        `FileExists` (before sending) unless `overwrite=True`; an answer that is not a file writes nothing."""
        require_id(slide_id, "slide_id")
        require_positive(max_dim, "max_dim")
        overwrite = check_destination(filename, overwrite)
        request = image_op._get_kwargs(self.task_id, slide_id, max_dim)
        async with self._on_slide(slide_id, also=_UNKNOWN_SLIDE_FAILS):
            return await bytes_or_file(
                self.client._session, request, filename, f"slide_{slide_id}_sampling_rois.nii.gz",
                media_types=NIFTI_GZ_TYPES, overwrite=overwrite,
            )  # fmt: skip
