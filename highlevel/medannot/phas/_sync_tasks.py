"""The public sync task and slide classes: the generated `_sync` classes with the official client's shape,
which the async twins deliberately lack (no I/O in constructors or properties there).

- `Task(client, task_id)` (and the mode classes) loads the task's details in the constructor, as the official
  client does (`NotFound`, or `BadInput`/ValueError for the wrong mode, at construction); `task.labelset` is a
  property that looks the labelset up once.
- `Slide(task, slide_id)` loads the slide's details in the constructor; the headers load on first use of a
  property that needs them (`dimensions`, `level_downsamples`, ...), and `fullpath`/`tags` are cached
  properties. `Slide.open(task, slide_id)` (the generated twin of `AsyncSlide.open`) loads everything at once.

Everything else is generated from `_async/`; these classes only add the loading.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from medannot.phas import models
from medannot.phas._ids import require_id
from medannot.phas._sync import annotation_task as _annotation
from medannot.phas._sync import sampling_task as _sampling
from medannot.phas._sync import slide as _slide
from medannot.phas._sync import task as _task
from medannot.phas._sync import training_task as _training
from medannot.phas._sync.client import Client
from medannot.phas._sync.labelset import Labelset

if TYPE_CHECKING:
    pass


class Task(_task.Task):
    """A task on the server; unknown or invisible ids raise NotFound here, at construction (GET
    /api/task/<id>)."""

    def __init__(self, client: Client, task_id: int, detail: models.TaskInfo | None = None) -> None:
        if detail is None:
            detail = _task.require_client(client)._task_info(require_id(task_id, "task_id"))
        super().__init__(client, task_id, detail)

    @property
    def labelset(self) -> Labelset | None:
        """The task's labelset (None for modes without one), looked up once (`get_labelset()`)."""
        return self.get_labelset()


class AnnotationTask(_annotation.AnnotationTask, Task):
    __doc__ = _annotation.AnnotationTask.__doc__


class SamplingROITask(_sampling.SamplingROITask, Task):
    __doc__ = _sampling.SamplingROITask.__doc__


class DLTrainingTask(_training.DLTrainingTask, Task):
    __doc__ = _training.DLTrainingTask.__doc__


class Slide(_slide.Slide):
    """A slide seen through a task (the task decides access). Unknown ids raise NotFound at construction
    (GET /api/task/<task>/slide/<id>/info); the headers are fetched on first use, once."""

    def __init__(
        self,
        task: _task.Task,
        slide_id: int,
        detail: models.SlideInfo | None = None,
        header: models.SlideHeader | None = None,
        openslide_header: models.OpenSlideHeader | None = None,
    ) -> None:
        if detail is None:
            detail = self._load_detail(_task.require_task(task), require_id(slide_id, "slide_id"))
        super().__init__(task, slide_id, detail, header, openslide_header)

    def _slide_header(self) -> models.SlideHeader:
        if self._header is None:
            self._header = self._fetch_header()
        return self._header

    def _openslide(self) -> models.OpenSlideHeader:
        if self._openslide_header is None:
            self._openslide_header = self._fetch_openslide_header()
        return self._openslide_header

    @cached_property
    def fullpath(self) -> str:
        """Where the slide lives on the server (needs admin rights on the slide), fetched once."""
        return self.get_fullpath()

    @cached_property
    def tags(self) -> list[str]:
        """The slide's tags (the server asks for admin and private-data rights), fetched once."""
        return self.get_tags()


__all__ = ["AnnotationTask", "DLTrainingTask", "SamplingROITask", "Slide", "Task"]
