"""`AsyncTask` (and its generated twin `Task`): a task's details, slide manifest and labelset; the base of the
mode-specific task classes."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Sequence
from typing import ClassVar, Self

from medannot.core._async.response import unwrap
from medannot.core.tables import Listing
from medannot.errors import APIError, BadInput
from medannot.phas._async.access import unknown_is_not_found
from medannot.phas._async.client import AsyncClient
from medannot.phas._async.labelset import AsyncLabelset
from medannot.phas._ids import require_id
from medannot.phas._manifest import count_filter, parse_manifest, tags_filter, text_filter
from medannot_api.phas.api.labelsets import get_task_labelset as labelset_op
from medannot_api.phas.api.slides import get_slide_detailed_manifest as manifest_op
from medannot_api.phas.models import SlideManifestRow, TaskInfo, TaskLabelset, TaskMode

_NO_LABELSET = object()


def require_client(client: object, name: str = "client") -> AsyncClient:
    """`client` when it is a `AsyncClient` (the public class or a subclass); `BadInput` before anything is sent
    otherwise (a URL or a key passed where the client goes)."""
    if not isinstance(client, AsyncClient):
        raise BadInput(f"{name} must be a medannot.phas.AsyncClient, not {type(client).__name__}")
    return client


def require_task(task: object, name: str = "task") -> AsyncTask:
    """`task` when it is a `AsyncTask` (of any mode); `BadInput` before anything is sent otherwise."""
    if not isinstance(task, AsyncTask):
        raise BadInput(f"{name} must be a medannot.phas.AsyncTask, not {type(task).__name__}")
    return task


class AsyncTask:
    """A task on the server: `task = await AsyncTask.open(client, task_id)` loads its details (GET
    /api/task/<id>); unknown or invisible ids raise `NotFound` there, a task of another mode than the class's
    `BadInput` (a ValueError, as in the official client).

    The constructor sends nothing: it takes details already loaded."""

    required_mode: ClassVar[TaskMode | None] = None

    def __init__(self, client: AsyncClient, task_id: int, detail: TaskInfo) -> None:
        self.client: AsyncClient = require_client(client)
        self.task_id: int = require_id(task_id, "task_id")
        self.detail: TaskInfo = detail
        self.project: str = detail.project
        self._labelset: AsyncLabelset | None | object = _NO_LABELSET
        if self.required_mode is not None and detail.mode != self.required_mode:
            raise BadInput(f"{type(self).__name__} cannot be used for task of mode {detail.mode}")

    @classmethod
    async def open(cls, client: AsyncClient, task_id: int) -> Self:
        """The task with its details loaded (one request)."""
        require_client(client)
        return cls(client, task_id, await client._task_info(require_id(task_id, "task_id")))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(task_id={self.task_id}, name={self.detail.name!r}, mode={self.detail.mode!r})"

    @property
    def mode(self) -> TaskMode:
        """`annot`, `dltrain` or `sampling`."""
        return self.detail.mode

    async def slide_manifest(
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
    ) -> Listing[SlideManifestRow]:
        """The task's slides, filtered (`specimen`/`block` are SQL LIKE patterns; filters are ANDed). GET
        /api/task/<id>/slide_manifest.csv, read into typed rows. Bad filters raise `BadInput` before sending."""
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
        text = await unwrap(
            str, manifest_op.asyncio_detailed, self.task_id, client=self.client._api, specimen=specimen_,
            block=block_, section=section_, slide=slide_, stain=stain_, min_paths=paths, min_markers=markers,
            min_sroi=srois, tags_any=any_, tags_all=all_, tags_none=none_,
        )  # fmt: skip
        return Listing(parse_manifest(text))

    async def get_labelset(self) -> AsyncLabelset | None:
        """The task's labelset (None for modes without one), looked up once per task object."""
        if self._labelset is _NO_LABELSET:
            found = await unwrap(TaskLabelset, labelset_op.asyncio_detailed, self.task_id, client=self.client._api)
            self._labelset = AsyncLabelset(self.client, self.project, found.id) if found.id else None
        assert self._labelset is None or isinstance(self._labelset, AsyncLabelset)
        return self._labelset

    # --- used by the task classes and slides --------------------------------------------------
    async def _slide_visible(self, slide_id: int) -> bool:
        return any(row.id == slide_id for row in await self.slide_manifest())

    @contextlib.asynccontextmanager
    async def _on_slide(self, slide_id: int, *, also: tuple[type[APIError], ...] = ()) -> AsyncIterator[int]:
        """Check the id, and turn a refusal for a slide that is not in this task's manifest into NotFound."""
        require_id(slide_id, "slide_id")
        async with unknown_is_not_found(
            f"slide {slide_id} in task {self.task_id}", lambda: self._slide_visible(slide_id), also=also
        ):
            yield slide_id
