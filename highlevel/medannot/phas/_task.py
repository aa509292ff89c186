"""`Task`: a task's details, slide manifest and labelset; the base of the mode-specific task classes."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, ClassVar

from medannot.core.response import unwrap
from medannot.errors import APIError, BadInput
from medannot.phas._ids import require_id, unknown_is_not_found
from medannot.phas._labelset import Labelset
from medannot.phas._manifest import count_filter, parse_manifest, tags_filter, text_filter
from medannot_api.phas.api.labelsets import get_task_labelset as labelset_op
from medannot_api.phas.api.slides import get_slide_detailed_manifest as manifest_op
from medannot_api.phas.models import SlideManifestRow, TaskInfo, TaskLabelset, TaskMode

if TYPE_CHECKING:
    from medannot.phas._client import Client

_NO_LABELSET = object()


class Task:
    """A task on the server; unknown or invisible ids raise NotFound here, at construction."""

    required_mode: ClassVar[TaskMode | None] = None

    def __init__(self, client: Client, task_id: int) -> None:
        self.client = client
        self.task_id = require_id(task_id, "task_id")
        self.detail: TaskInfo = client._task_info(self.task_id)
        self.project: str = self.detail.project
        self._labelset: Labelset | None | object = _NO_LABELSET
        if self.required_mode is not None and self.detail.mode != self.required_mode:
            # BadInput is a ValueError, which is what the official client raises here
            raise BadInput(f"{type(self).__name__} cannot be used for task of mode {self.detail.mode}")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(task_id={self.task_id}, name={self.detail.name!r}, mode={self.detail.mode!r})"

    @property
    def mode(self) -> TaskMode:
        return self.detail.mode

    def slide_manifest(
        self,
        specimen: str | None = None,
        block: str | None = None,
        section: str | int | None = None,
        slide: str | int | None = None,
        stain: str | None = None,
        min_paths: int | None = None,
        min_markers: int | None = None,
        min_sroi: int | None = None,
        tags_any: Sequence[str] | str | None = None,
        tags_all: Sequence[str] | str | None = None,
        tags_none: Sequence[str] | str | None = None,
    ) -> list[SlideManifestRow]:
        """The task's slides, filtered (`specimen`/`block` are SQL LIKE patterns; filters are ANDed)."""
        section_, slide_ = text_filter(section, "section"), text_filter(slide, "slide")
        specimen_, block_, stain_ = (
            text_filter(specimen, "specimen"),
            text_filter(block, "block"),
            text_filter(stain, "stain"),
        )
        paths, markers, srois = (
            count_filter(v, n)
            for v, n in ((min_paths, "min_paths"), (min_markers, "min_markers"), (min_sroi, "min_sroi"))
        )
        any_, all_, none_ = (
            tags_filter(v, n) for v, n in ((tags_any, "tags_any"), (tags_all, "tags_all"), (tags_none, "tags_none"))
        )
        text = unwrap(
            str,
            lambda: manifest_op.sync_detailed(
                self.task_id, client=self.client.api, specimen=specimen_, block=block_, section=section_,
                slide=slide_, stain=stain_, min_paths=paths, min_markers=markers, min_sroi=srois,
                tags_any=any_, tags_all=all_, tags_none=none_,
            ),
        )  # fmt: skip
        return parse_manifest(text)

    @property
    def labelset(self) -> Labelset | None:
        """The task's labelset (None for modes without one), looked up once."""
        if self._labelset is _NO_LABELSET:
            found = unwrap(TaskLabelset, lambda: labelset_op.sync_detailed(self.task_id, client=self.client.api))
            self._labelset = Labelset(self.client, self.project, found.id) if found.id else None
        assert self._labelset is None or isinstance(self._labelset, Labelset)
        return self._labelset

    # --- used by the task classes and Slide ---------------------------------------------------
    def _slide_visible(self, slide_id: int) -> bool:
        return any(row.id == slide_id for row in self.slide_manifest())

    @contextlib.contextmanager
    def _on_slide(self, slide_id: int, *, also: tuple[type[APIError], ...] = ()) -> Iterator[int]:
        """Check the id, and turn a refusal for a slide that is not in this task's manifest into NotFound."""
        require_id(slide_id, "slide_id")
        with unknown_is_not_found(
            f"slide {slide_id} in task {self.task_id}", lambda: self._slide_visible(slide_id), also=also
        ):
            yield slide_id
