"""`AsyncDLTrainingTask` (and its generated twin `DLTrainingTask`): classifier training samples of a `dltrain`
task."""

from __future__ import annotations

from typing import ClassVar

from PIL.Image import Image

from medannot.core._async.response import unwrap
from medannot.phas._async.task import AsyncTask
from medannot.phas._ids import not_found, require_id
from medannot.phas._images import decode_image
from medannot_api.phas.api.training import get_sample_image as sample_image_op
from medannot_api.phas.api.training import list_slide_training_samples as samples_op
from medannot_api.phas.models import TaskMode, TrainingSample
from medannot_api.phas.types import File


class AsyncDLTrainingTask(AsyncTask):
    """A `dltrain` task."""

    required_mode: ClassVar[TaskMode | None] = "dltrain"

    async def slide_training_samples(self, slide_id: int) -> list[TrainingSample]:
        """The samples on a slide, most recently edited first; `NotFound` for a slide not in the task."""
        async with self._on_slide(slide_id):
            samples: list[TrainingSample] = await unwrap(
                list, samples_op.asyncio_detailed, self.task_id, slide_id, client=self.client._api
            )
        # an unknown slide answers an empty list, not an error; only then is the manifest asked
        if not samples and not await self._slide_visible(slide_id):
            raise not_found(f"slide {slide_id} in task {self.task_id}")
        return samples

    async def get_sample_image(self, sample_id: int) -> Image:
        """The sample's stored patch (RGBA PNG) as a PIL image. (An unknown sample id is a server error.)"""
        require_id(sample_id, "sample_id")
        png = await unwrap(File, sample_image_op.asyncio_detailed, sample_id, client=self.client._api)
        return decode_image(png, f"the image of training sample {sample_id}")
