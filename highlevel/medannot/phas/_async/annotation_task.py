"""`AsyncAnnotationTask` (and its generated twin `AnnotationTask`): paper.js annotations of the slides of an
`annot` task, one at a time or in bulk."""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar, Literal, overload

from medannot.core._async.response import unwrap
from medannot.core.bulk import arun_bulk
from medannot.core.downloads import resolve_target
from medannot.core.files import FileInput, safe_filename
from medannot.core.validate import require_bool
from medannot.errors import BadInput, FileExists, ResponseSchemaError
from medannot.phas._annotation_docs import (
    AnnotationRecord,
    PaperJsDocument,
    check_document,
    check_export_dir,
    check_stored_document,
    read_records,
    write_json,
    write_records,
)
from medannot.phas._async.task import AsyncTask
from medannot.phas._async.transfer import SVG_TYPES, Destination, bytes_or_file, check_destination
from medannot.phas._ids import check_bulk, require_count, require_id, require_text
from medannot_api.phas.api.annotations import get_slide_annotation as get_annot_op
from medannot_api.phas.api.annotations import get_slide_annotation_svg as svg_op
from medannot_api.phas.api.annotations import get_slide_annotation_svg_fullres as svg_fullres_op
from medannot_api.phas.api.annotations import get_slide_annotation_timestamp as timestamp_op
from medannot_api.phas.api.annotations import set_slide_annotation as set_annot_op
from medannot_api.phas.models import AnnotationSvgForm, AnnotationTimestamp, SlideManifestRow, Success, TaskMode

log = logging.getLogger("medannot.phas")


class AsyncAnnotationTask(AsyncTask):
    """An annotation (`annot`) task. Coordinates are raw level-0 slide pixels, as in the official client."""

    required_mode: ClassVar[TaskMode | None] = "annot"

    async def get_slide_annot_json(self, slide_id: int) -> PaperJsDocument | None:
        """The slide's paper.js document, or None if it has no annotation. GET
        /api/task/<task>/slide/<slide>/annot/get/raw/raw; `NotFound` for a slide not in the task,
        `ResponseSchemaError` for a stored annotation that is not a list of layers."""
        async with self._on_slide(slide_id):
            text = await unwrap(
                str, get_annot_op.asyncio_detailed, self.task_id, "raw", "raw", slide_id, client=self.client._api
            )
        if not text.strip():  # the server answers an empty body, not `null`, when there is none
            return None
        try:
            doc = json.loads(text)
        except ValueError as exc:
            raise ResponseSchemaError(f"the annotation of slide {slide_id} is not JSON: {exc}") from exc
        return check_stored_document(doc, f"the annotation of slide {slide_id}")

    async def set_slide_annot_json(self, slide_id: int, data: PaperJsDocument) -> bool:
        """Replace the slide's annotation (POST .../annot/set/raw/raw); a document PHAS could not store is
        `BadInput` before sending; a read-only user gets `PermissionDenied`."""
        require_id(slide_id, "slide_id")
        check_document(data, "data")
        async with self._on_slide(slide_id):
            done = await unwrap(
                Success, set_annot_op.asyncio_detailed, self.task_id, "raw", "raw", slide_id,
                client=self.client._api, body=data,
            )  # fmt: skip
        return done.success

    async def get_slide_annot_timestamp(self, slide_id: int) -> datetime | None:
        """When the annotation was last edited (UTC), None if there is none. (The server sends Unix seconds.)"""
        async with self._on_slide(slide_id):
            stamp = await unwrap(
                AnnotationTimestamp, timestamp_op.asyncio_detailed, self.task_id, slide_id, client=self.client._api
            )
        return None if stamp.timestamp is None else datetime.fromtimestamp(stamp.timestamp, tz=UTC)

    @overload
    async def get_slide_annot_svg(
        self,
        slide_id: int,
        downsample: int = ...,
        stroke_width: int = ...,
        strip_width: int = ...,
        font_size: str = ...,
        font_color: str = ...,
        filename: None = ...,
        overwrite: bool = ...,
    ) -> bytes: ...
    @overload
    async def get_slide_annot_svg(
        self,
        slide_id: int,
        downsample: int = ...,
        stroke_width: int = ...,
        strip_width: int = ...,
        font_size: str = ...,
        font_color: str = ...,
        *,
        filename: Destination,
        overwrite: bool = ...,
    ) -> Path: ...
    async def get_slide_annot_svg(
        self,
        slide_id: int,
        downsample: int = 0,
        stroke_width: int = 480,
        strip_width: int = 0,
        font_size: str = "2000px",
        font_color: str = "black",
        filename: Destination | None = None,
        overwrite: bool = False,
    ) -> bytes | Path:
        """The annotation as SVG, scaled so the larger side is `downsample` px (0: full resolution); saved
        atomically to `filename` (a file or a directory) when given, whose path is returned. An existing file
        is a `FileExists` (before sending) unless `overwrite=True`; an answer that is not SVG a
        `ResponseSchemaError`, and nothing is written."""
        require_id(slide_id, "slide_id")
        downsample, stroke_width, strip_width = (
            require_count(value, name)
            for name, value in (
                ("downsample", downsample),
                ("stroke_width", stroke_width),
                ("strip_width", strip_width),
            )
        )
        font_size, font_color = require_text(font_size, "font_size"), require_text(font_color, "font_color")
        overwrite = check_destination(filename, overwrite)
        form = AnnotationSvgForm(
            stroke_width=stroke_width, strip_width=strip_width, font_size=font_size, font_color=font_color
        )
        request = (
            svg_op._get_kwargs(self.task_id, slide_id, downsample, body=form)
            if downsample > 0
            else svg_fullres_op._get_kwargs(self.task_id, slide_id, body=form)
        )
        async with self._on_slide(slide_id):
            suffix = f"_{downsample}" if downsample > 0 else ""
            return await bytes_or_file(
                self.client._session, request, filename, f"slide_{slide_id}_annot{suffix}.svg",
                media_types=SVG_TYPES, overwrite=overwrite,
            )  # fmt: skip

    # --- bulk -----------------------------------------------------------------------------------
    async def export_task_annots(
        self,
        filename: str | os.PathLike[str],
        *,
        concurrency: int = 4,
        progress: bool | None = None,
        overwrite: bool = False,
    ) -> int:
        """Write every slide's annotation to one JSON file (the official format; slides without one are
        left out); returns how many were written. `filename` is the file, or a directory (one that exists, or
        a path ending with a separator, created when missing) that gets `task_<id>_annots.json`. The file
        appears only once everything was fetched; an existing file is a `FileExists` (before anything is
        sent) unless `overwrite=True`."""
        overwrite = require_bool(overwrite, "overwrite")
        target = resolve_target(
            filename, None, f"task_{self.task_id}_annots.json", overwrite=overwrite, what="filename"
        )
        concurrency, progress = check_bulk(concurrency, progress)
        records = [
            AnnotationRecord(row.slide_name, row.id, doc) for row, doc in await self._annotations(concurrency, progress)
        ]
        write_records(target, records, overwrite=overwrite)
        return len(records)

    async def import_task_annots(
        self,
        filename: FileInput,
        *,
        match: Literal["name", "id"] = "name",
        concurrency: int = 1,
        progress: bool | None = None,
    ) -> int:
        """Store the annotations of an `export_task_annots` file; returns how many were stored.

        Slides are matched by name (as the official client does; records naming no slide of this task are
        skipped with a warning) or, with `match="id"`, by slide id. The whole file is checked first: a file
        that is not JSON, or a document PHAS could not store, raises BadInput and nothing is changed.
        """
        if not isinstance(match, str) or match not in ("name", "id"):
            raise BadInput("match must be 'name' or 'id'")
        concurrency, progress = check_bulk(concurrency, progress)
        records = read_records(filename)
        manifest = await self.slide_manifest()
        if match == "name":
            if any(row.slide_name is None for row in manifest):
                raise BadInput(
                    "slide names are hidden in this session (anonymized, or no access to private data): "
                    "call client.set_anonymize(False), or import with match='id'"
                )
            by_key: dict[object, int] = {row.slide_name: row.id for row in manifest}
        else:
            by_key = {row.id: row.id for row in manifest}
        targets: list[tuple[int, PaperJsDocument]] = []
        for rec in records:
            key = rec.slide_name if match == "name" else rec.slide_id
            if key not in by_key:
                log.warning("import_task_annots: slide %r is not in task %s, skipped", key, self.task_id)
                continue
            targets.append((by_key[key], rec.annot))
        stored = await arun_bulk(
            targets,
            lambda target: self.set_slide_annot_json(*target),
            concurrency=concurrency,
            description="importing annotations",
            progress=progress,
        )
        return sum(stored)

    async def export_all(
        self,
        dest_dir: str | os.PathLike[str],
        *,
        concurrency: int = 4,
        progress: bool | None = None,
        overwrite: bool = False,
    ) -> dict[int, Path]:
        """Save each annotated slide's document as `slide_<id>[_<name>].json` in `dest_dir` (created if needed,
        before anything is sent), with a progress bar on a terminal; returns slide id -> file. Each file is
        written atomically; if any of them exists already, `FileExists` before any is written, unless
        `overwrite=True`."""
        dest = check_export_dir(dest_dir)
        overwrite = require_bool(overwrite, "overwrite")
        concurrency, progress = check_bulk(concurrency, progress)
        targets = []
        for row, doc in await self._annotations(concurrency, progress):
            name = f"slide_{row.id}" + (f"_{row.slide_name}" if row.slide_name else "")
            targets.append((row.id, dest / safe_filename(f"{name}.json"), doc))
        if not overwrite:
            for _, path, _ in targets:
                if path.exists() or path.is_symlink():
                    raise FileExists(path)
        return {slide: write_json(path, doc, overwrite=overwrite) for slide, path, doc in targets}

    async def _annotations(
        self, concurrency: int, progress: bool | None
    ) -> list[tuple[SlideManifestRow, PaperJsDocument]]:
        """Every annotated slide of the task with its document, fetched `concurrency` at a time."""
        rows = await self.slide_manifest()
        docs = await arun_bulk(
            rows,
            lambda row: self.get_slide_annot_json(row.id),
            concurrency=concurrency,
            description="exporting annotations",
            progress=progress,
        )
        return [(row, doc) for row, doc in zip(rows, docs, strict=True) if doc is not None]
