"""`client.resources`: uploads streamed from disk (anonymised and series-assembled on disk, one file at a time),
listings paged to their end, downloads streamed, checked and saved atomically, decoded by their content."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

# The client module imports this one; named as a module, its `AsyncClient` resolves when hints are read.
import medannot.datamint._async.client as _client
from medannot.core._async.pagination import AsyncPaginator
from medannot.core.bulk import arun_bulk
from medannot.core.config import LONG_TIMEOUT
from medannot.core.downloads import asave_response, check_content
from medannot.core.files import filename_from_content_disposition, open_upload
from medannot.core.response import answer_json
from medannot.core.uploads import FilePart, MultipartBody
from medannot.datamint import models
from medannot.datamint._common import (
    DELETE_BATCH,
    DICOM_MIME,
    NOT_INBOX,
    MungFilename,
    Series,
    UploadSource,
    anonymize_to,
    arun_blocking,
    as_ids,
    assemble_series,
    decode,
    expand_inputs,
    extension_of,
    group_series,
    guess_mimetype,
    is_dicom_head,
    laterality_tags,
    local_name,
    munged_name,
    parse,
    peek,
    read_header,
    scratch_dir,
    sniff,
)
from medannot.errors import BadInput, InvalidRequest, MedannotError, ResponseSchemaError
from medannot.types import JSONValue


@dataclass
class _Job:
    """One resource to upload: a file (or a series of DICOM files to assemble) and what goes with it."""

    source: UploadSource | Series
    metadata: Mapping[str, JSONValue] | str | None
    segmentation: Mapping[str, Any] | None
    laterality: list[str] | None = None  # the tags its DICOM header gives, when planning read it already


@dataclass
class _Options:
    mimetype: str | None
    anonymize: bool
    retain: Sequence[Any]
    tags: list[str]
    mung_filename: MungFilename
    channel: str | None
    modality: str | None
    publish: bool
    transpose: bool
    send_source_filepath: bool
    scratch: Path


def _date(value: date | str | None, name: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            date.fromisoformat(value[:10])
        except ValueError:
            raise BadInput(f"{name} must be a date or an ISO 8601 date string, not {value!r}") from None
        return value
    raise BadInput(f"{name} must be a date or an ISO 8601 date string, not {type(value).__name__}")


class AsyncResourcesAPI:
    """Resources: uploaded files (DICOM, NIfTI, images, videos), their frames, tags, status and channels."""

    def __init__(self, client: _client.AsyncClient) -> None:
        self._c = client

    # --- listing ------------------------------------------------------------------------------------------
    def iter_list(
        self,
        status: models.ResourceStatus | None = None,
        from_date: date | str | None = None,
        to_date: date | str | None = None,
        tags: Sequence[str] | None = None,
        modality: str | None = None,
        mimetype: str | None = None,
        order_field: models.ResourceFields | None = None,
        order_ascending: bool | None = None,
        channel: str | None = None,
        project_name: str | Sequence[str] | None = None,
        filename: str | None = None,
        limit: int | None = None,
        deleted: models.DeletedFilter | None = None,
        *,
        page_size: int = 5000,
    ) -> AsyncPaginator[models.Resource]:
        """`GET /resources`, lazily, page by page (`page_size` up to 5,000) to the very end: a page shorter than
        asked does not end it, only an empty one or the server's `totalCount` does. Filters combine (`tags`:
        any of them; `project_name`: in every project named). Items: `Resource` (a Mapping over the JSON)."""
        if isinstance(tags, str):
            tags = [tags]
        projects = [project_name] if isinstance(project_name, str) else project_name
        params: dict[str, Any] = {
            "status": status or "",
            "from": _date(from_date, "from_date"),
            "to": _date(to_date, "to_date"),
            "modality": modality,
            "mimetype": mimetype,
            "order_field": order_field,
            "order_by_asc": order_ascending,
            "channel_name": channel,
            "filename": filename,
            "deleted": deleted,
            "project": {"items": list(projects), "filterType": "intersection"} if projects else None,
            "tags": {"items": list(tags), "filterType": "union"} if tags else None,
        }
        from medannot_api.datamint.models import Resource

        return self._c._pages("resources", Resource, params, shape="resources", limit=limit, page_size=page_size)

    async def get_list(
        self,
        status: models.ResourceStatus | None = None,
        from_date: date | str | None = None,
        to_date: date | str | None = None,
        tags: Sequence[str] | None = None,
        modality: str | None = None,
        mimetype: str | None = None,
        order_field: models.ResourceFields | None = None,
        order_ascending: bool | None = None,
        channel: str | None = None,
        project_name: str | Sequence[str] | None = None,
        filename: str | None = None,
        limit: int | None = None,
        deleted: models.DeletedFilter | None = None,
    ) -> list[models.Resource]:
        """Every resource matching the filters (`iter_list`, collected; at most `limit`)."""
        pages = self.iter_list(
            status, from_date, to_date, tags, modality, mimetype, order_field, order_ascending, channel,
            project_name, filename, limit, deleted,
        )  # fmt: skip
        return await pages.to_list()

    async def get_all(self, limit: int | None = None) -> list[models.Resource]:
        """Every resource (`GET /resources`, all pages)."""
        return await self.get_list(limit=limit)

    async def get_by_id(self, entity_id: str) -> models.Resource:
        """`GET /resources/{id}`; `NotFound` for an unknown id."""
        from medannot_api.datamint.models import Resource

        return await self._c._get_model(Resource, f"resources/{self._c._require_id(entity_id, 'resource')}")

    async def get_many(self, ids: Sequence[str]) -> list[models.Resource]:
        """Several resources by id, in order, fetched `max_concurrency` at a time; `NotFound` for the first
        unknown one."""
        return await arun_bulk(list(ids), self.get_by_id, concurrency=self._c._concurrency, progress=False)

    def iter_not_annotated(self, project_id: str | None = None) -> AsyncPaginator[models.Resource]:
        """`GET /resources/not-annotated`: resources without any annotation, page by page."""
        from medannot_api.datamint.models import Resource

        params = {"project_id": project_id}
        return self._c._pages("resources/not-annotated", Resource, params, shape="resources")

    async def get_not_annotated(self, limit: int | None = None, project_id: str | None = None) -> list[models.Resource]:
        """Resources without any annotation (all pages; `list_channels()` and this work without arguments)."""
        pages = self.iter_not_annotated(project_id)
        return await (pages.to_list() if limit is None else pages.first(limit))

    def iter_channels(self) -> AsyncPaginator[models.Channel]:
        """`GET /resources/channels`, page by page: each `Channel` has `channel_name` and `resource_data`."""
        from medannot_api.datamint.models import Channel

        return self._c._pages("resources/channels", Channel)

    async def list_channels(self, limit: int | None = None) -> list[models.Channel]:
        """Every upload channel and the resources in it."""
        pages = self.iter_channels()
        return await (pages.to_list() if limit is None else pages.first(limit))

    async def get_annotations(self, resource: str | models.Resource) -> list[models.Annotation]:
        """The annotations of one resource (`POST /annotations/search`, every page)."""
        return await self._c.annotations.get_list(resource=resource)

    # --- changes ------------------------------------------------------------------------------------------
    async def publish_resources(self, resources: str | models.Resource | Sequence[str | models.Resource]) -> None:
        """`POST /resources/{id}/publish` for each: inbox -> published. A resource already published is left as
        it is (the SDK raised there); `NotFound` for an unknown id."""
        for rid in as_ids(resources, "resources"):
            try:
                await self._c._send("POST", f"resources/{rid}/publish", idempotent=True)
            except InvalidRequest as exc:
                if NOT_INBOX not in str(exc):
                    raise

    async def bulk_publish(self, resources: Sequence[str | models.Resource]) -> None:
        """`POST /resources/bulk-publish` with every id at once."""
        ids = as_ids(resources, "resources")
        await self._c._send("POST", "resources/bulk-publish", json_body={"resource_ids": ids}, idempotent=True)

    async def set_tags(
        self, resource: str | models.Resource | Sequence[str | models.Resource], tags: Sequence[str]
    ) -> None:
        """Replace the tags (in the order given). One id as a string is one resource (never its characters):
        `PUT /resources/{id}/tags`; several: `PUT /resources/tags`."""
        if isinstance(tags, str):
            tags = [tags]
        tags = [str(t) for t in tags]
        ids = as_ids(resource, "resource")
        if len(ids) == 1 and (isinstance(resource, (str, Mapping))):
            await self._c._send("PUT", f"resources/{ids[0]}/tags", json_body={"tags": tags}, idempotent=True)
            return
        body = {"resource_ids": ids, "tags": tags}
        await self._c._send("PUT", "resources/tags", json_body=body, idempotent=True)

    async def add_tags(
        self, resource: str | models.Resource | Sequence[str | models.Resource], tags: Sequence[str]
    ) -> None:
        """Add tags to each resource's own (read first), keeping their order."""
        if isinstance(tags, str):
            tags = [tags]
        for rid in as_ids(resource, "resource"):
            current = list((await self.get_by_id(rid)).tags or [])
            merged = current + [t for t in tags if t not in current]
            await self._c._send("PUT", f"resources/{rid}/tags", json_body={"tags": merged}, idempotent=True)

    async def delete(self, entity: str | models.Resource) -> None:
        """`DELETE /resources/{id}`; `NotFound` for an unknown id."""
        rid = self._c._require_id(entity, "resource")
        await self._c._send("DELETE", f"resources/{rid}", idempotent=True)

    async def bulk_delete(self, entities: str | Sequence[str | models.Resource]) -> None:
        """`DELETE /resources?resource_ids=a,b,...` in batches of 200 (one id as a string is one resource)."""
        ids = as_ids(entities, "resource_ids")
        for start in range(0, len(ids), DELETE_BATCH):
            batch = ",".join(ids[start : start + DELETE_BATCH])
            await self._c._send("DELETE", "resources", params={"resource_ids": batch}, idempotent=True)

    # --- uploads ------------------------------------------------------------------------------------------
    async def upload_resources(
        self,
        files_path: UploadSource | Sequence[UploadSource],
        mimetype: str | None = None,
        anonymize: bool = False,
        anonymize_retain_codes: Sequence[tuple[int, int] | str] = (),
        on_error: models.OnError = "raise",
        tags: Sequence[str] | None = None,
        mung_filename: Sequence[int] | str | None = None,
        channel: str | None = None,
        publish: bool = False,
        publish_to: str | None = None,
        segmentation_files: Sequence[Sequence[str] | Mapping[str, JSONValue] | None]
        | Mapping[str, JSONValue]
        | None = None,
        transpose_segmentation: bool = False,
        modality: str | None = None,
        assemble_dicoms: bool = True,
        metadata: Sequence[Mapping[str, JSONValue] | str | None] | Mapping[str, JSONValue] | str | None = None,
        progress_bar: bool | None = None,
        *,
        labels: Sequence[str] | None = None,
        concurrency: int | None = None,
        send_source_filepath: bool = False,
    ) -> str | models.Uploaded:
        """Upload files as resources (`POST /resources`, multipart, the file part `resource`), streamed from
        disk, `concurrency` (default: the client's `max_concurrency`) at a time, with a progress bar on a
        terminal (`progress_bar=True` forces it).

        `files_path`: a path, a binary file object, a directory (its files) or a list of them. The media type
        is `mimetype`, else sniffed from the content (DICOM, NIfTI, images, videos), else from the name.
        DICOM files of one series (single-frame, uncompressed, given by path) are assembled on disk into one
        multi-frame resource (`assemble_dicoms=True`, ordered by InstanceNumber; their entries share its id).
        `anonymize`: each DICOM is de-identified with dicognito on disk before it is sent (the `anonymize`
        extra), keeping `anonymize_retain_codes` (`(group, element)` or keywords). DICOM laterality adds the
        tag "left"/"right". `publish` (or `publish_to`, a project name or id, which also adds the resources to
        it) skips the inbox. `segmentation_files`: per file, a list of segmentation files or `{"files": [...],
        "names": ..., "frame_index": ...}`, uploaded onto the new resource. `metadata`: a JSON object (or its
        text) per file. The path on this machine is sent as `source_filepath` only with
        `send_source_filepath=True`.

        Returns the id for one file, or `Uploaded` (one entry per file given). `on_error="raise"`: the first
        failure stops the run and is raised; `"skip"`: failures are kept in place in `Uploaded` (`.errors`) and
        the rest go on. Raises `BadInput` before sending for a missing file or a bad argument, `NotFound` for an
        unknown `publish_to`.
        """
        if on_error not in ("raise", "skip"):
            raise BadInput('on_error must be "raise" or "skip"')
        items, several = expand_inputs(files_path)
        if labels is not None:
            tags = [*(tags or []), *labels]
        if isinstance(tags, str):
            tags = [tags]
        metadatas = _per_item(metadata, len(items), "metadata", mapping_is_one=True)
        segmentations = _segmentations(segmentation_files, len(items), several)
        munging: MungFilename = mung_filename  # type: ignore[assignment]
        if isinstance(mung_filename, str) and mung_filename != "all":
            raise BadInput('mung_filename must be "all" or a list of folder positions')
        project = await self._c.projects._resolve(publish_to) if publish_to is not None else None
        for item in items:  # every input checked before the first byte is sent
            if isinstance(item, (str, os.PathLike)) and not Path(os.fspath(item)).is_file():
                raise BadInput(f"file {os.fspath(item)!r} does not exist or is not a regular file")
        with scratch_dir() as scratch:
            options = _Options(
                mimetype, bool(anonymize), list(anonymize_retain_codes), [str(t) for t in tags or []], munging,
                channel, modality, bool(publish or publish_to is not None), bool(transpose_segmentation),
                bool(send_source_filepath), scratch,
            )  # fmt: skip
            jobs, where = await self._plan(items, metadatas, segmentations, assemble_dicoms)

            async def run(job: _Job) -> str:
                return await self._upload_job(job, options)

            outcome = await arun_bulk(
                jobs,
                run,
                concurrency=concurrency or self._c._concurrency,
                description="uploading",
                progress=progress_bar if progress_bar is not None else (None if len(jobs) > 1 else False),
                on_error="collect" if on_error == "skip" else "raise",
            )
        results: list[str | MedannotError] = list(outcome) if isinstance(outcome, list) else []
        if not isinstance(outcome, list):
            results = [r if r is not None else MedannotError("not uploaded") for r in outcome.results]
            for index, _item, error in outcome.errors:
                results[index] = error
        uploaded = models.Uploaded(results[j] for j in where)
        if project is not None and uploaded.ids:
            try:
                await self._c.projects.add_resources(list(dict.fromkeys(uploaded.ids)), project)
            except MedannotError:
                if on_error == "raise":
                    raise
        if uploaded.errors:
            import logging

            shown = "; ".join(f"#{i}: {e}" for i, e in uploaded.errors[:5])
            logging.getLogger("medannot.datamint").warning(
                "%d of %d uploads failed: %s", len(uploaded.errors), len(uploaded), shown
            )
        if not several:
            single = uploaded[0]
            if isinstance(single, MedannotError):
                raise single
            return single
        return uploaded

    async def upload_resource(
        self,
        file_path: UploadSource,
        mimetype: str | None = None,
        anonymize: bool = False,
        anonymize_retain_codes: Sequence[tuple[int, int] | str] = (),
        tags: Sequence[str] | None = None,
        mung_filename: Sequence[int] | str | None = None,
        channel: str | None = None,
        publish: bool = False,
        publish_to: str | None = None,
        segmentation_files: Mapping[str, JSONValue] | None = None,
        transpose_segmentation: bool = False,
        modality: str | None = None,
        metadata: Mapping[str, JSONValue] | str | None = None,
        *,
        send_source_filepath: bool = False,
    ) -> str:
        """One file (see `upload_resources`); returns the new resource's id."""
        if isinstance(file_path, Sequence) and not isinstance(file_path, str):
            raise BadInput("upload_resource takes one file; use upload_resources for several")
        result = await self.upload_resources(
            file_path, mimetype, anonymize, anonymize_retain_codes, "raise", tags, mung_filename, channel,
            publish, publish_to, segmentation_files, transpose_segmentation, modality, False, metadata, False,
            send_source_filepath=send_source_filepath,
        )  # fmt: skip
        if not isinstance(result, str):
            raise BadInput("upload_resource takes one file, not a directory")
        return result

    async def _plan(
        self,
        items: list[UploadSource],
        metadatas: list[Any],
        segmentations: list[Mapping[str, Any] | None],
        assemble: bool,
    ) -> tuple[list[_Job], list[int]]:
        """The upload jobs and, for each item given, the index of the job that uploads it."""
        if not assemble or any(s is not None for s in segmentations) or len(items) < 2:
            return [_Job(i, m, s) for i, m, s in zip(items, metadatas, segmentations, strict=True)], list(
                range(len(items))
            )
        series, others, laterality = await arun_blocking(group_series, items)
        jobs: list[_Job] = []
        where = [0] * len(items)
        for group in series:
            first = group.members[0][1]
            for _, index, _ in group.members:
                where[index] = len(jobs)
            jobs.append(_Job(group, metadatas[first], None))
        for index in others:
            where[index] = len(jobs)
            jobs.append(_Job(items[index], metadatas[index], segmentations[index], laterality.get(index)))
        return jobs, where

    async def _upload_job(self, job: _Job, options: _Options) -> str:
        with contextlib.ExitStack() as cleanup:
            source, name, local = await arun_blocking(_prepare, job, options, cleanup)
            with open_upload(source, what="file") as opened:
                head = peek(opened.stream)
                mimetype = options.mimetype or guess_mimetype(head, name)
                extra: list[str] = []
                if is_dicom_head(head):  # a de-identified copy is read again: it is what is sent
                    known = None if options.anonymize else job.laterality
                    extra = known if known is not None else await arun_blocking(_dicom_tags, opened.stream)
                opened.name = name
                fields = [("source", "api")]
                if options.send_source_filepath and local is not None:
                    fields.append(("source_filepath", os.path.abspath(local)))
                fields.append(("mimetype", mimetype))
                if options.channel is not None:
                    fields.append(("channel", options.channel))
                if options.modality is not None:
                    fields.append(("modality", options.modality))
                fields.append(("bypass_inbox", "true" if options.publish else "false"))
                tags = list(dict.fromkeys([*options.tags, *extra]))
                if tags:
                    fields.append(("tags", ",".join(t.strip() for t in tags)))
                if job.metadata is not None:
                    text = job.metadata if isinstance(job.metadata, str) else json.dumps(dict(job.metadata))
                    fields.append(("metadata", text))
                body = MultipartBody(fields, [FilePart("resource", opened, mimetype)])
                response = await self._c._session.request(
                    "POST", "resources", body=body, idempotent=False, timeout=LONG_TIMEOUT
                )
        from medannot_api.datamint.models import Resource

        data = answer_json(response)
        if isinstance(data, Mapping) and isinstance(data.get("error"), str):
            raise ResponseSchemaError(f"the server refused the upload of {name}: {data['error']}")
        rid = parse(Resource, data).id
        if job.segmentation is not None:
            await self._upload_segmentation_files(rid, job.segmentation, options.transpose)
        return rid

    async def _upload_segmentation_files(self, rid: str, spec: Mapping[str, Any], transpose: bool) -> None:
        files = list(spec["files"])
        names = spec.get("names")
        frames = spec.get("frame_index")
        for position, file in enumerate(files):
            if file is None:
                continue
            name = names[position] if isinstance(names, (list, tuple)) else names
            frame = frames[position] if isinstance(frames, (list, tuple)) else frames
            await self._c.annotations.upload_segmentations(
                rid, file, name=name, frame_index=frame, transpose_segmentation=transpose
            )

    # --- downloads ----------------------------------------------------------------------------------------
    async def download_resource_file(
        self,
        resource: str | models.Resource,
        save_path: str | os.PathLike[str] | None = None,
        auto_convert: bool = True,
        add_extension: bool = False,
    ) -> (
        bytes
        | models.DicomDataset
        | models.PILImage
        | models.NiftiImage
        | JSONValue
        | tuple[bytes | models.DicomDataset | models.PILImage | models.NiftiImage | JSONValue, str]
    ):
        """`GET /resources/{id}/file`: the file, streamed to `save_path` (a temporary file beside it, checked
        for status, type and length, then renamed into place; an existing file is replaced, as the SDK does)
        or read into memory when no path is given.

        `auto_convert`: decoded by sniffing its content (not its name or declared type): DICOM (even one
        whose preamble looks like a TIFF) -> `pydicom.Dataset`, image -> `PIL.Image.Image`, NIfTI ->
        `nibabel.Nifti1Image` (NIfTI-2: `Nifti2Image`, a subclass), JSON -> its value, anything else ->
        bytes; else the raw bytes. `add_extension` (needs `save_path`): the file gets its kind's extension
        (`.dcm`, `.nii.gz`, `.png`, ...) and the answer is `(content, path)`. `NotFound` for an unknown id;
        `ResponseSchemaError` for a body that is not the file (an error page, a short body); nothing is written
        then."""
        rid = self._c._require_id(resource, "resource")
        if save_path is None and add_extension:
            raise BadInput("add_extension=True needs a save_path")
        path = f"resources/{rid}/file"
        if save_path is None:
            response = await self._c._session.request(
                "GET", path, headers={"Accept": "application/octet-stream"}, timeout=LONG_TIMEOUT
            )
            check_content(
                response, filename_from_content_disposition(response.headers.get("content-disposition")) or ""
            )
            declared = response.headers.get("content-type")
            content = response.content
            if not auto_convert:
                return content
            decoded: (
                bytes | models.DicomDataset | models.PILImage | models.NiftiImage | JSONValue
            ) = await arun_blocking(decode, content, declared)
            return decoded
        saved, declared = await self._save(rid, save_path, overwrite=True)
        if add_extension:
            saved = await arun_blocking(_with_extension, saved, declared)
        value: bytes | models.DicomDataset | models.PILImage | models.NiftiImage | JSONValue
        value = await arun_blocking(decode, saved, declared) if auto_convert else saved.read_bytes()
        return (value, str(saved)) if add_extension else value

    async def download(
        self, resource: str | models.Resource, dest: str | os.PathLike[str], *, overwrite: bool = True
    ) -> Path:
        """`GET /resources/{id}/file` streamed to `dest` (a file path, or an existing folder: the server's file
        name in it), nothing held in memory: a temporary file beside it, checked for status, type and length,
        then renamed into place. Returns the path written. `overwrite=False`: an existing file is `FileExists`.
        `NotFound` for an unknown id; `ResponseSchemaError` for a body that is not the file. What
        `download_resource_file` does with a `save_path`, without reading the file back."""
        rid = self._c._require_id(resource, "resource")
        return (await self._save(rid, dest, overwrite=overwrite))[0]

    async def _save(self, rid: str, dest: str | os.PathLike[str], *, overwrite: bool) -> tuple[Path, str | None]:
        async with self._c._session.stream(
            "GET", f"resources/{rid}/file", headers={"Accept": "application/octet-stream"}, timeout=LONG_TIMEOUT
        ) as response:
            declared = response.headers.get("content-type")
            saved = await asave_response(response, dest, default_name=f"{rid}.bin", overwrite=overwrite)
        return saved, declared

    async def download_resource_frame(self, resource: str | models.Resource, frame_index: int) -> models.PILImage:
        """One frame as a `PIL.Image.Image`: `GET /resources/{id}/frames/{i}` (PNG rendered by the server); a
        single-frame image resource is its own frame 0. `NotFound` for an unknown id, `InvalidRequest` for a
        frame out of range."""
        rid = self._c._require_id(resource, "resource")
        if isinstance(frame_index, bool) or not isinstance(frame_index, int) or frame_index < 0:
            raise BadInput(f"frame_index must be an int >= 0, not {frame_index!r}")
        info = await self.get_by_id(rid)
        from PIL import Image

        if info.mimetype.startswith("image/") or info.storage == "ImageResource":
            if frame_index != 0:
                raise BadInput(f"resource {rid} is a single-frame image; frame_index must be 0, not {frame_index}")
            image = await self.download_resource_file(rid, auto_convert=True)
            if not isinstance(image, Image.Image):
                raise ResponseSchemaError(f"resource {rid} is declared an image but its file does not decode as one")
            return image
        response = await self._c._session.request(
            "GET", f"resources/{rid}/frames/{frame_index}", headers={"Accept": "image/png"}
        )
        check_content(response)
        frame = await arun_blocking(decode, response.content, response.headers.get("content-type") or "image/png")
        if not isinstance(frame, Image.Image):
            raise ResponseSchemaError(f"frame {frame_index} of resource {rid} is not an image")
        return frame


def _prepare(job: _Job, options: _Options, cleanup: contextlib.ExitStack) -> tuple[UploadSource, str, str | None]:
    """(what to send, the resource's file name, the path on this machine): the file itself, or a series
    assembled on disk, or an anonymised copy on disk (deleted after the upload)."""
    source = job.source
    if isinstance(source, Series):
        first = os.fspath(source.members[0][2])
        target = _scratch_file(options.scratch, cleanup, ".dcm")
        assemble_series(source, target)
        local: str | None = first
        sendable: UploadSource = target
    else:
        local = local_name(source)
        sendable = source
    if local is None and not isinstance(source, Series):
        name = "upload.bin"
    else:
        name = munged_name(local or "upload.bin", options.mung_filename)
    if options.anonymize and _is_dicom(sendable):
        target = _scratch_file(options.scratch, cleanup, ".dcm")
        anonymize_to(sendable, target, options.retain)
        sendable = target
    return sendable, name, local


def _scratch_file(scratch: Path, cleanup: contextlib.ExitStack, suffix: str) -> Path:
    import tempfile

    fd, name = tempfile.mkstemp(suffix=suffix, dir=scratch)
    os.close(fd)
    path = Path(name)
    cleanup.callback(lambda: path.unlink(missing_ok=True))
    return path


def _is_dicom(source: UploadSource) -> bool:
    if isinstance(source, (str, os.PathLike)):
        with open(os.fspath(source), "rb") as f:
            return is_dicom_head(f.read(132))
    return is_dicom_head(peek(source, 132))


def _dicom_tags(stream: BinaryIO) -> list[str]:
    header = read_header(stream)
    return laterality_tags(header) if header is not None else []


def _with_extension(saved: Path, declared: str | None) -> Path:
    with saved.open("rb") as f:
        head = f.read(1024)
    kind = sniff(head, saved.name) or (declared or "").split(";")[0].strip().lower()
    ext = extension_of(kind) or (".dcm" if kind == DICOM_MIME else "")
    if not ext or saved.name.lower().endswith(ext):
        return saved
    target = saved.with_name(saved.name + ext)
    os.replace(saved, target)
    return target


def _per_item(value: object, count: int, name: str, *, mapping_is_one: bool) -> list[Any]:
    if value is None:
        return [None] * count
    if isinstance(value, (str, Mapping)) and mapping_is_one:
        if count != 1:
            raise BadInput(f"{name}: one value for {count} files; give a list, one per file")
        return [value]
    items: list[Any] = list(value)  # type: ignore[call-overload]
    if len(items) != count:
        raise BadInput(f"{name} has {len(items)} entries for {count} files")
    return items


def _segmentations(value: object, count: int, several: bool) -> list[Mapping[str, Any] | None]:
    if value is None:
        return [None] * count
    if isinstance(value, Mapping):
        value = [value]
    elif not several and isinstance(value, Sequence) and value and not isinstance(value[0], (list, tuple, Mapping)):
        value = [list(value)]
    items = _per_item(value, count, "segmentation_files", mapping_is_one=False)
    out: list[Mapping[str, Any] | None] = []
    for item in items:
        if item is None:
            out.append(None)
            continue
        spec = dict(item) if isinstance(item, Mapping) else {"files": list(item)}
        if "files" not in spec:
            raise BadInput("each segmentation_files entry must have a 'files' list")
        names = spec.get("names")
        if isinstance(names, (list, tuple)) and len(names) != len(spec["files"]):
            raise BadInput("segmentation_files 'names' must have as many entries as 'files'")
        out.append(spec)
    return out
