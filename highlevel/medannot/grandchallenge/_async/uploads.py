"""`client.uploads`: S3-style multipart uploads through presigned URLs that survive failures.

Parts are streamed from disk (1 MiB reads, never a whole part in memory), `part_concurrency` at a time per file
and `max_concurrent_uploads` files at a time. Each part is retried on its own (`part_retries` times beyond the
transport's retries) after a network error, a 5xx, a 429 or a wrong ETag, and gets a fresh presigned URL when
storage refuses the old one (expired). A final failure aborts the upload on the server (keeping its state to
resume it if the abort fails too) and raises; a 403 "Upload limit reached" is a `PermissionDenied` with the
server's words and is never retried. An upload interrupted by
anything else (the process killed, Ctrl-C, an exception from `progress`) keeps its state file and continues
from the server's `list-parts` when the same file is uploaded again: see `medannot.grandchallenge._parts`.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

from medannot.core.bulk import arun_bulk
from medannot.core.clock import asleep
from medannot.core.files import open_upload
from medannot.core.response import parse_json
from medannot.errors import (
    APIError,
    BadInput,
    MedannotError,
    NotFound,
    PermissionDenied,
    ResponseSchemaError,
    TransportError,
)
from medannot.grandchallenge import models
from medannot.grandchallenge._async.api import PK, AsyncAPI, pk_of
from medannot.grandchallenge._common import require_pk
from medannot.grandchallenge._parts import (
    PartBody,
    PartPlan,
    UploadState,
    etag_problem,
    md5_of_range,
    plan_parts,
)

# (the models are named through `models`, which loads them when `typing.get_type_hints()` asks)
Progress = Callable[[int, int], object]  # (bytes on the server, bytes in all)
RETRY_STATUSES = frozenset({400, 408, 409, 423, 429, 500, 502, 503, 504, 507})  # S3's transient answers


class _Tracker:
    """Bytes on the server, over every file of one call; `progress` sees each finished part."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self._progress = total, 0, progress
        self._lock = threading.Lock()

    def add(self, n: int) -> None:
        with self._lock:
            self.done += n
            done = self.done
        if self._progress is not None and n:
            self._progress(done, self.total)


class AsyncUploadsAPI(AsyncAPI["models.UserUpload"]):
    base_path = "uploads/"
    model_name = "UserUpload"

    def _action(self, pk: PK, s3_upload_id: object, action: str) -> str:
        upload_id = s3_upload_id if isinstance(s3_upload_id, str) and s3_upload_id.strip() else None
        if upload_id is None or "/" in upload_id:
            raise BadInput("s3_upload_id must be the upload's S3 upload id")
        return self._url(require_pk(pk, "pk")) + f"{upload_id}/{action}/"

    # --- gcapi's protocol steps -----------------------------------------------------------------
    async def create(self, *, filename: str | os.PathLike[str]) -> models.UserUploadCreate:
        """Start an upload of a file called `filename` (a base name)."""
        from medannot_api.grandchallenge.models import UserUploadCreate

        name = os.path.basename(os.fspath(filename))
        if not name:
            raise BadInput("filename must name a file")
        return parse_json(UserUploadCreate, await self._client._send("POST", self._url(), json={"filename": name}))

    async def generate_presigned_urls(
        self, *, pk: PK, s3_upload_id: str, part_numbers: Sequence[int]
    ) -> models.UserUploadPresignedURLs:
        from medannot_api.grandchallenge.models import UserUploadPresignedURLs

        numbers = [int(n) for n in part_numbers]
        url = self._action(pk, s3_upload_id, "generate-presigned-urls")
        # asking again for URLs changes nothing on the server: safe to retry
        data = await self._client._send("PATCH", url, json={"part_numbers": numbers}, idempotent=True)
        return parse_json(UserUploadPresignedURLs, data)

    async def complete_multipart_upload(
        self, *, pk: PK, s3_upload_id: str, parts: Sequence[Mapping[str, str | int]]
    ) -> models.UserUploadComplete:
        from medannot_api.grandchallenge.models import UserUploadComplete

        url = self._action(pk, s3_upload_id, "complete-multipart-upload")
        return parse_json(
            UserUploadComplete, await self._client._send("PATCH", url, json={"parts": [dict(p) for p in parts]})
        )

    async def abort_multipart_upload(self, *, pk: PK, s3_upload_id: str) -> models.UserUpload:
        from medannot_api.grandchallenge.models import UserUpload

        url = self._action(pk, s3_upload_id, "abort-multipart-upload")
        return parse_json(UserUpload, await self._client._send("PATCH", url, idempotent=True))

    async def list_parts(self, *, pk: PK, s3_upload_id: str) -> models.UserUploadParts:
        from medannot_api.grandchallenge.models import UserUploadParts

        data = await self._client._get(self._action(pk, s3_upload_id, "list-parts"))
        return parse_json(UserUploadParts, data)

    # --- whole files ----------------------------------------------------------------------------
    async def upload_fileobj(
        self, *, fileobj: BinaryIO | str | os.PathLike[str], filename: str
    ) -> models.UserUploadComplete:
        """Upload a binary file object from its current position (or a path), as `filename`."""
        return await self.upload_file(fileobj, filename=filename)

    async def upload_multiple_fileobj(
        self, *, file_objects: Sequence[BinaryIO | str | os.PathLike[str]], filenames: Sequence[str]
    ) -> list[models.UserUploadComplete]:
        if len(file_objects) != len(filenames):
            raise BadInput("file_objects and filenames must have the same length")
        return await self.upload_files(list(file_objects), filenames=list(filenames))

    async def upload_file(
        self,
        file: BinaryIO | str | os.PathLike[str],
        *,
        filename: str | None = None,
        progress: Progress | None = None,
    ) -> models.UserUploadComplete:
        """Upload one file (a path: resumable; or a binary file object), as `filename` (default: its name);
        returns the completed upload, whose `api_url` goes into a socket value. `progress(done, total)` sees
        the bytes on the server after each part."""
        return (await self.upload_files([file], filenames=None if filename is None else [filename], progress=progress))[
            0
        ]

    async def upload_files(
        self,
        files: Sequence[BinaryIO | str | os.PathLike[str]],
        *,
        filenames: Sequence[str] | None = None,
        progress: Progress | None = None,
    ) -> list[models.UserUploadComplete]:
        """Upload several files concurrently (`max_concurrent_uploads` at a time; e.g. the files of one DICOM
        series); returns the completed uploads in order. Every file is checked before anything is sent."""
        if isinstance(files, (str, bytes, os.PathLike)) or not isinstance(files, Sequence) or not files:
            raise BadInput("files must be a non-empty list of paths or binary file objects")
        names: list[str | None] = list(filenames) if filenames is not None else [None] * len(files)
        if len(names) != len(files):
            raise BadInput("filenames must name every file")
        sized = []
        with contextlib.ExitStack() as stack:
            for i, file in enumerate(files):
                opened = stack.enter_context(open_upload(file, what=f"files[{i}]"))
                start = opened.stream.tell()
                source: Path | BinaryIO = (
                    Path(os.fspath(file)) if isinstance(file, (str, os.PathLike)) else opened.stream
                )
                sized.append((source, start, opened.size, names[i] or opened.name))
            tracker = _Tracker(sum(s[2] for s in sized), progress)
            return await arun_bulk(
                sized,
                lambda s: self._upload(s[0], s[1], s[2], s[3], tracker),
                concurrency=self._client._max_uploads,
                progress=False,
            )

    async def _upload(
        self, source: Path | BinaryIO, start: int, size: int, filename: str, tracker: _Tracker
    ) -> models.UserUploadComplete:
        client = self._client
        store, part_size = client._states, client._part_size
        key: str | None = None
        state: UploadState | None = None
        done: dict[int, str] = {}
        if isinstance(source, Path) and client._resumable:
            stat = source.stat()
            key = store.key(client._root, source, stat.st_size, stat.st_mtime_ns)
            state = store.load(key)
            if state is not None:
                resumed = await self._resumable_parts(state, source, plan_parts(size, state.part_size))
                if resumed is None:
                    store.delete(key)
                    state = None
                else:
                    part_size, done = state.part_size, resumed
        plan = plan_parts(size, part_size)
        if state is None:
            created = await self.create(filename=filename)
            stat_ns = source.stat().st_mtime_ns if isinstance(source, Path) else 0
            state = UploadState(
                server=client._root,
                path=str(source.resolve()) if isinstance(source, Path) else "",
                size=size,
                mtime_ns=stat_ns,
                part_size=part_size,
                filename=filename,
                pk=str(created.pk),
                s3_upload_id=created.s3_upload_id,
            )
            if key is not None:
                store.save(key, state)
        pk, upload_id = state.pk, state.s3_upload_id
        tracker.add(sum(p.length for p in plan if p.number in done))
        try:
            todo = [p for p in plan if p.number not in done]
            concurrency = client._part_concurrency if isinstance(source, Path) else 1
            batch = max(4 * concurrency, 8)  # presigned URLs expire after an hour: ask for them as they are needed
            for first in range(0, len(todo), batch):
                parts = todo[first : first + batch]
                urls = await self._presign(pk, upload_id, [p.number for p in parts])
                etags = await arun_bulk(
                    parts,
                    lambda p, urls=urls: self._put_part(source, start, p, urls, pk, upload_id, tracker),  # type: ignore[misc]
                    concurrency=concurrency,
                    progress=False,
                )
                done.update(zip([p.number for p in parts], etags, strict=True))
            body: list[dict[str, str | int]] = [{"ETag": done[p.number], "PartNumber": p.number} for p in plan]
            result = await self.complete_multipart_upload(pk=pk, s3_upload_id=upload_id, parts=body)
        except MedannotError:
            # a final failure: nothing will continue this upload, so the server may drop its parts; if it cannot be
            # told to (the abort fails too), the state is kept so that uploading the file again continues the open
            # upload instead of orphaning it
            aborted = False
            with contextlib.suppress(MedannotError):
                await self.abort_multipart_upload(pk=pk, s3_upload_id=upload_id)
                aborted = True
            if key is not None and aborted:
                store.delete(key)
            raise
        if key is not None:
            store.delete(key)
        return result

    async def _resumable_parts(self, state: UploadState, path: Path, plan: list[PartPlan]) -> dict[int, str] | None:
        """The parts the server holds that match the file on disk (size and MD5), or None when the upload
        cannot be continued (gone, completed or aborted)."""
        try:
            listed = await self.list_parts(pk=state.pk, s3_upload_id=state.s3_upload_id)
        except NotFound:
            return None
        if listed.status != "Initialized":
            return None
        planned = {p.number: p for p in plan}
        out: dict[int, str] = {}
        for part in listed.parts:
            mine = planned.get(part.part_number)
            if mine is None or part.size != mine.length:
                continue
            if etag_problem(part.e_tag, md5_of_range(path, mine.offset, mine.length)) is None:
                out[part.part_number] = part.e_tag
        return out

    async def _presign(self, pk: str, upload_id: str, numbers: list[int]) -> dict[int, str]:
        answer = await self.generate_presigned_urls(pk=pk, s3_upload_id=upload_id, part_numbers=numbers)
        urls = {int(n): url for n, url in answer.presigned_urls.additional_properties.items()}
        missing = [n for n in numbers if n not in urls]
        if missing:
            raise ResponseSchemaError(f"the server gave no presigned URL for part(s) {missing}")
        return urls

    async def _put_part(
        self,
        source: Path | BinaryIO,
        start: int,
        part: PartPlan,
        urls: dict[int, str],
        pk: str,
        upload_id: str,
        tracker: _Tracker,
    ) -> str:
        client = self._client
        attempt = 0
        while True:
            body = PartBody(source, start, part)
            try:
                response = await client._storage_put(urls[part.number], body)
                etag = response.headers.get("ETag")
                problem = etag_problem(etag, body.md5)
                if problem:
                    raise ResponseSchemaError(f"part {part.number} of upload {pk}: {problem}")
                tracker.add(part.length)
                return str(etag)
            except PermissionDenied:
                # storage refuses a URL that expired (or was signed for other bytes): ask for a fresh one
                if attempt >= client._part_retries:
                    raise
                urls.update(await self._presign(pk, upload_id, [part.number]))
            except (TransportError, ResponseSchemaError, APIError) as exc:
                transient = not isinstance(exc, APIError) or exc.status_code in RETRY_STATUSES
                if not transient or attempt >= client._part_retries:
                    raise
                await asleep(min(0.2 * 2**attempt, 5.0))
            except OSError as exc:
                raise BadInput(f"reading part {part.number} of the file failed: {exc}") from exc
            attempt += 1


__all__ = ["AsyncUploadsAPI", "pk_of"]
