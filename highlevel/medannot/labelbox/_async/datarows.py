"""Datasets, data rows and global keys; file uploads and creating data rows from local files."""

from __future__ import annotations

import io
import json
import os  # noqa: F401  # core.files.FileInput names "os.PathLike[str]" as a string: its hint resolves here
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from medannot.core._async.pagination import AsyncPaginator, cursor_pages, offset_pages
from medannot.core.bulk import arun_bulk
from medannot.core.files import FileInput, OpenedFile, safe_filename
from medannot.core.twins import Awaitable
from medannot.core.validate import require_bool, require_files, require_id, require_int, require_str
from medannot.errors import APIError, BadInput, InvalidRequest, NotFound
from medannot.labelbox import models
from medannot.labelbox._async.base import AsyncApiBase, opened_input
from medannot.labelbox._base import (
    DEFAULT_PAGE_SIZE,
    JobResult,
    found,
    live_only,
    seconds,
    text_key,
    text_keys,
    validated_input,
    where_input,
)
from medannot.labelbox.models import (
    AssignedGlobalKey,
    CollectionJobResult,
    DataRowMetadataOntology,
    DataRowsImport,
    GlobalKeyError,
    UploadFailure,
)
from medannot_api import labelbox as generated
from medannot_api.labelbox.enums import JobStatus

if TYPE_CHECKING:
    from medannot.labelbox.models import DataRow, Dataset, ImportedRow, ImportFailure

ROWS_PER_CHUNK = 5000  # data row specs per uploaded JSON chunk of an import manifest
IMPORT_PAGE = 1000
JOB_FINISHED = (JobStatus.COMPLETE, JobStatus.FAILED)
D = TypeVar("D")


class AsyncDataRowsMixin(AsyncApiBase):
    # ---- datasets

    async def create_dataset(self, iam_integration: str | None = "DEFAULT", **kwargs: object) -> models.Dataset:
        """`create_dataset(name=..., description=...)`, bound like the SDK to the organization's default IAM
        integration (delegated access to your bucket); or to the integration whose id is given; None: none."""
        from medannot_api.labelbox.input_types import DatasetCreateInput

        unknown = set(kwargs) - {"name", "description"}
        if unknown:
            raise BadInput(f"unknown Dataset attribute(s): {', '.join(sorted(unknown))}")
        fields = {"name": require_str(kwargs.get("name"), "name"), "description": kwargs.get("description")}
        data = validated_input(DatasetCreateInput, fields, {})
        if iam_integration is not None:
            require_id(iam_integration, "iam_integration")
        # Resolved first (the SDK does it after creating), so a wrong integration leaves no dataset behind.
        signer = None
        if iam_integration is not None:
            signer = await self._signer(iam_integration)
        dataset = (await self._call(lambda: self._api.create_dataset(data))).create_dataset
        if signer is not None:
            signer_id = signer.id
            await self._call(lambda: self._api.set_signer_for_dataset(signer_id, dataset.id))
            validated = await self._call(lambda: self._api.validate_dataset(dataset.id))
            if not validated.validate_dataset.valid:
                # The SDK deletes the dataset here; the API we target has no dataset deletion, so we say so.
                raise InvalidRequest(f"dataset {dataset.id} was created, but {signer.name!r} failed its validation")
        return dataset

    async def _signer(self, iam_integration: str) -> generated.GetIamIntegrationsIamIntegrations | None:
        integrations = (await self._call(lambda: self._api.get_iam_integrations())).iam_integrations
        if iam_integration == "DEFAULT":
            signer = next((i for i in integrations if i.is_org_default), None)
            if signer is None:  # no integration: Labelbox-hosted storage
                return None
        else:
            chosen = next((i for i in integrations if i.id == iam_integration), None)
            signer = found(chosen, "IAM integration", iam_integration)
        if not signer.valid:
            raise InvalidRequest(f"IAM integration {signer.name!r} is not valid; pick another")
        return signer

    async def get_dataset(self, dataset_id: str) -> models.Dataset:
        require_id(dataset_id, "dataset_id")
        return found((await self._call(lambda: self._api.get_dataset(dataset_id))).dataset, "Dataset", dataset_id)

    def get_datasets(
        self,
        where: generated.DatasetWhereInput | models.Comparison | Mapping[str, object] | None = None,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> AsyncPaginator[models.Dataset]:
        """Datasets matching `where` (`Dataset.name == "x"`, combined with `&` and `|`; or the typed input)."""
        from medannot_api.labelbox.input_types import DatasetWhereInput

        condition = live_only(DatasetWhereInput, where_input(DatasetWhereInput, where))

        async def fetch(skip: int, first: int) -> Sequence[Dataset]:
            return (await self._call(lambda: self._api.get_datasets(where=condition, skip=skip, first=first))).datasets

        return offset_pages(fetch, page_size)

    # ---- data rows

    def get_data_rows(
        self,
        dataset_id: str,
        where: generated.DatasetDataRowWhereInput | models.Comparison | Mapping[str, object] | None = None,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> AsyncPaginator[models.DataRow]:
        """The data rows of a dataset, newest first (the SDK's `Dataset.data_rows()`), cursor-paged."""
        from medannot_api.labelbox.input_types import DatasetDataRowWhereInput

        require_id(dataset_id, "dataset_id")
        condition = where_input(DatasetDataRowWhereInput, where)

        async def fetch(cursor: str | None, first: int) -> tuple[Sequence[DataRow], str | None]:
            answer = await self._call(
                lambda: self._api.get_dataset_data_rows(dataset_id, from_=cursor, first=first, where=condition)
            )
            page = answer.dataset_data_rows
            return page.nodes, page.page_info.start_cursor if page.page_info.has_next_page else None

        return cursor_pages(fetch, page_size)

    async def get_data_row(self, data_row_id: str) -> models.DataRow:
        require_id(data_row_id, "data_row_id")
        answer = await self._call(lambda: self._api.get_data_row(data_row_id))
        return found(answer.data_row, "DataRow", data_row_id)

    async def get_data_row_by_global_key(self, global_key: str) -> models.DataRow:
        text_key(global_key, "global_key")
        job = await self.get_data_row_ids_for_global_keys([global_key])
        if job.status != "SUCCESS" or not job.results[0]:
            raise NotFound(f"no data row has the global key {global_key!r}")
        return await self.get_data_row(job.results[0])

    async def get_data_row_ids_for_external_ids(self, external_ids: Sequence[str]) -> dict[str, list[str]]:
        """External id -> ids of the data rows that have it (external ids need not be unique)."""
        wanted = text_keys(external_ids, "external_ids")
        answer = await self._call(lambda: self._api.get_data_row_ids_for_external_ids(wanted))
        out: dict[str, list[str]] = {}
        for pair in answer.external_ids_to_data_row_ids:
            out.setdefault(pair.external_id, []).append(pair.data_row_id)
        return out

    async def get_data_row_metadata_ontology(self) -> DataRowMetadataOntology:
        answer = await self._call(lambda: self._api.get_metadata_ontology())
        return DataRowMetadataOntology(answer.custom_metadata_ontology)

    # ---- global keys: each call starts a job on the server, polled here to its typed result

    async def get_data_row_ids_for_global_keys(
        self, global_keys: Sequence[str], timeout_seconds: float = 60
    ) -> CollectionJobResult[str]:
        """Ids in input order; "" where a key matched nothing (listed in `errors`)."""
        keys = text_keys(global_keys, "global_keys")
        timeout_seconds = seconds(timeout_seconds, "timeout_seconds")
        started = await self._call(lambda: self._api.start_data_rows_for_global_keys(keys))
        job_id = started.data_rows_for_global_keys.job_id

        async def read() -> Any:
            answer = await self._call(lambda: self._api.get_data_rows_for_global_keys_result(job_id))
            return answer.data_rows_for_global_keys_result

        data = await self._job_data(read, timeout_seconds, "get_data_row_ids_for_global_keys")
        results = [row.id for row in data.fetched_data_rows]
        errors = [GlobalKeyError(k, "Data Row not found") for k in data.not_found_global_keys]
        errors += [GlobalKeyError(k, "Access denied to Data Row") for k in data.access_denied_global_keys]
        return CollectionJobResult.of(results, errors, succeeded=sum(1 for r in results if r))

    async def assign_global_keys_to_data_rows(
        self, global_key_to_data_row_inputs: Sequence[Mapping[str, str]], timeout_seconds: float = 60
    ) -> CollectionJobResult[AssignedGlobalKey]:
        """`[{"data_row_id": ..., "global_key": ...}, ...]`; refused assignments are reported, not raised."""
        from medannot_api.labelbox.input_types import AssignGlobalKeyToDataRowInput

        name = "global_key_to_data_row_inputs"
        given = global_key_to_data_row_inputs
        if isinstance(given, (str, bytes, Mapping)) or not isinstance(given, Sequence):
            shown = type(given).__name__
            raise BadInput(f"{name} must be a list of {{'data_row_id': ..., 'global_key': ...}}, not {shown}")
        timeout_seconds = seconds(timeout_seconds, "timeout_seconds")
        inputs = []
        for i, item in enumerate(given):
            if not isinstance(item, Mapping) or "data_row_id" not in item or "global_key" not in item:
                raise BadInput(f"{name}[{i}] needs `data_row_id` and `global_key`")
            row_id = require_id(item["data_row_id"], f"{name}[{i}].data_row_id")
            key = text_key(item["global_key"], f"{name}[{i}].global_key")
            inputs.append(AssignGlobalKeyToDataRowInput(dataRowId=row_id, globalKey=key))
        started = await self._call(lambda: self._api.assign_global_keys(inputs))
        job_id = started.assign_global_keys_to_data_rows.job_id

        async def read() -> Any:
            answer = await self._call(lambda: self._api.get_assign_global_keys_result(job_id))
            return answer.assign_global_keys_to_data_rows_result

        data = await self._job_data(read, timeout_seconds, "assign_global_keys_to_data_rows")
        results = [AssignedGlobalKey(a.data_row_id, a.global_key, True) for a in data.sanitized_assignments]
        results += [AssignedGlobalKey(a.data_row_id, a.global_key, False) for a in data.unmodified_assignments]
        invalid = "Invalid assignment. Either DataRow does not exist, or globalKey is invalid"
        errors = [GlobalKeyError(a.global_key, invalid, a.data_row_id) for a in data.invalid_global_key_assignments]
        errors += [
            GlobalKeyError(a.global_key, "Access denied to Data Row", a.data_row_id)
            for a in data.access_denied_assignments
        ]
        return CollectionJobResult.of(results, errors)

    async def clear_global_keys(
        self, global_keys: Sequence[str], timeout_seconds: float = 60
    ) -> CollectionJobResult[str]:
        keys = text_keys(global_keys, "global_keys")
        timeout_seconds = seconds(timeout_seconds, "timeout_seconds")
        job_id = (await self._call(lambda: self._api.clear_global_keys(keys))).clear_global_keys.job_id

        async def read() -> Any:
            answer = await self._call(lambda: self._api.get_clear_global_keys_result(job_id))
            return answer.clear_global_keys_result

        data = await self._job_data(read, timeout_seconds, "clear_global_keys")
        reasons = (
            (data.failed_to_clear_global_keys, "Clearing global key failed"),
            (data.not_found_global_keys, "Failed to find data row matching provided global key"),
            (data.access_denied_global_keys, "Denied access to modify data row matching provided global key"),
        )
        errors = [GlobalKeyError(key, reason) for keys_, reason in reasons for key in keys_]
        return CollectionJobResult.of(list(data.cleared_global_keys), errors)

    async def _job_data(self, read: Callable[[], Awaitable[JobResult[D]]], timeout_seconds: float, what: str) -> D:
        """Poll a global-key job's result until it finishes; its data, or an APIError if the job failed."""
        answer = await self._poll(read, lambda r: r.job_status in JOB_FINISHED, timeout_seconds, what)
        if answer.job_status is not JobStatus.COMPLETE or answer.data is None:
            raise APIError(f"the {what} job failed on the server")
        return answer.data

    # ---- uploads and data row creation

    async def upload_file(self, path: FileInput) -> str:
        """Upload a local file (or binary file object), streamed; the URL to use as a data row's `row_data`."""
        return await self._upload_input(path, what="path")

    async def upload_data(
        self, content: bytes, filename: str | None = None, content_type: str | None = None, sign: bool = False
    ) -> str:
        if not isinstance(content, (bytes, bytearray, memoryview)):
            raise BadInput(f"content must be bytes, not {type(content).__name__}")
        if not len(content):
            raise BadInput("content is empty (0 bytes to upload)")
        if filename is not None:
            text_key(filename, "filename")
        if content_type is not None:
            text_key(content_type, "content_type")  # a header value: no line breaks
        require_bool(sign, "sign")
        opened = OpenedFile(io.BytesIO(bytes(content)), safe_filename(filename or "upload.bin"), len(content))
        return await self._upload(opened, sign=sign, content_type_=content_type)

    async def create_data_rows_from_files(
        self,
        dataset_id: str,
        paths: Sequence[FileInput],
        concurrency: int = 4,
        progress: bool | None = None,
        *,
        timeout_seconds: float = 600.0,
        fail_fast: bool = False,
    ) -> DataRowsImport:
        """Upload each file (`concurrency` at a time, progress bar on a terminal), then create one data row
        per uploaded file (external id = file name) in one import task, polled until done.

        Every file is checked before the first upload (missing, empty, text mode: `BadInput`). A file that
        still fails to upload (after the retries a resend-safe upload gets) does not stop the others: it is
        listed in the result's `upload_failures` with its error, and the rest are imported. With
        `fail_fast=True` the first failure is raised instead and nothing is imported. When no file could be
        uploaded there is nothing to import: a `BulkError` holding every file's error."""
        require_id(dataset_id, "dataset_id")
        files = require_files(paths, "paths")
        if not files:
            raise BadInput("paths must name at least one file")
        concurrency = require_int(concurrency, "concurrency", min=1)
        if progress is not None:
            require_bool(progress, "progress")
        timeout_seconds = seconds(timeout_seconds, "timeout_seconds")
        fail_fast = require_bool(fail_fast, "fail_fast")
        names = []
        for i, path in enumerate(files):  # every file is checked before the first upload
            with opened_input(path, f"paths[{i}]") as opened:
                names.append(opened.name)
        items = list(enumerate(files))

        async def upload(item: tuple[int, FileInput]) -> str:
            index, path = item
            return await self._upload_input(path, what=f"paths[{index}]")

        uploaded: dict[int, str] = {}
        failures: list[UploadFailure] = []
        if fail_fast:
            urls = await arun_bulk(items, upload, concurrency=concurrency, description="uploading", progress=progress)
            uploaded = dict(enumerate(urls))
        else:
            outcome = await arun_bulk(
                items, upload, concurrency=concurrency, description="uploading", progress=progress, fail_fast=False
            )
            if not outcome.succeeded:
                outcome.raise_for_errors()  # nothing to import: every file's error, in one BulkError
            failed = {index for index, _, _ in outcome.errors}
            uploaded = {i: url for i, url in enumerate(outcome.results) if i not in failed and url is not None}
            failures = [UploadFailure(path, error) for (_, path), error in outcome.failed]
        specs = [
            {"row_data": url, "external_id": names[index], "dataset_id": dataset_id} for index, url in uploaded.items()
        ]
        imported = await self._import_specs(specs, timeout_seconds)
        return DataRowsImport(imported.task, imported.created, imported.failed, failures)

    async def _import_specs(self, specs: list[dict[str, Any]], timeout_seconds: float) -> DataRowsImport:
        """The SDK's import path: JSON chunks of specs and a manifest naming them are uploaded, then imported."""
        chunk_urls = [
            await self._upload_json(specs[i : i + ROWS_PER_CHUNK], "json_import.json")
            for i in range(0, len(specs), ROWS_PER_CHUNK)
        ]
        manifest = {"source": "SDK", "item_count": len(specs), "chunk_uris": chunk_urls}
        manifest_url = await self._upload_json(manifest, "manifest.json")
        started = (await self._call(lambda: self._api.upsert_data_rows(manifest_url))).upsert_data_rows
        task = await self._wait_for_task(started.id, timeout_seconds, "data row import")
        return DataRowsImport(task, await self._import_successes(task.id), await self._import_failures(task.id))

    async def _upload_json(self, value: Any, name: str) -> str:
        body = json.dumps(value).encode()
        return await self._upload(OpenedFile(io.BytesIO(body), name, len(body)))

    async def _import_successes(self, task_id: str) -> list[models.ImportedRow]:
        async def fetch(cursor: str | None, first: int) -> tuple[Sequence[ImportedRow], str | None]:
            answer = await self._call(lambda: self._api.get_import_successes(task_id, first=first, from_=cursor))
            page = answer.successesful_data_row_imports
            return page.nodes, page.after

        return await cursor_pages(fetch, IMPORT_PAGE).to_list()

    async def _import_failures(self, task_id: str) -> list[models.ImportFailure]:
        async def fetch(cursor: str | None, first: int) -> tuple[Sequence[ImportFailure], str | None]:
            answer = await self._call(lambda: self._api.get_import_failures(task_id, first=first, from_=cursor))
            page = answer.failed_data_row_imports
            return page.results, page.after

        return await cursor_pages(fetch, IMPORT_PAGE).to_list()
