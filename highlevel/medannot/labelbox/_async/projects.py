"""Projects: create (plain, chat model evaluation), get, list with `where`, batches, and label exports."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from medannot.core._async.pagination import AsyncPaginator, offset_pages
from medannot.core.downloads import atomic_file, resolve_target
from medannot.core.validate import require_bool, require_id, require_int, require_str
from medannot.errors import APIError, BadInput, ResponseSchemaError
from medannot.labelbox import models
from medannot.labelbox._async.base import AsyncApiBase
from medannot.labelbox._base import (
    DEFAULT_PAGE_SIZE,
    DEFAULT_QUALITY_MODES,
    found,
    live_only,
    media,
    quality,
    seconds,
    text_keys,
    validated_input,
    where_input,
)
from medannot.labelbox.models import Batch, MediaType, QualityMode
from medannot_api import labelbox as generated
from medannot_api.labelbox.enums import EditorTaskType, TaskStreamType

if TYPE_CHECKING:
    from medannot.labelbox.models import Project

CHUNK = 1024 * 1024
# ProjectCreateInput's fields -> the public parameters that carry them (for a BadInput's wording)
_PROJECT_PARAMETERS = {
    "allowedMediaType": "media_type",
    "isBenchmarkEnabled": "is_benchmark_enabled",
    "isConsensusEnabled": "is_consensus_enabled",
    "datasetNameOrId": "dataset_id",
    "autoAuditPercentage": "auto_audit_percentage",
    "autoAuditNumberOfLabels": "auto_audit_number_of_labels",
    "dataRowCount": "data_row_count",
}


class AsyncProjectsMixin(AsyncApiBase):
    async def create_project(
        self,
        name: str,
        media_type: MediaType | str,
        description: str | None = None,
        quality_modes: Iterable[QualityMode | str] | None = DEFAULT_QUALITY_MODES,
        is_benchmark_enabled: bool | None = None,
        is_consensus_enabled: bool | None = None,
    ) -> models.Project:
        return await self._create_project(
            name, description, quality_modes, is_benchmark_enabled, is_consensus_enabled, media_type=media_type
        )

    async def create_model_evaluation_project(
        self,
        name: str,
        description: str | None = None,
        quality_modes: Iterable[QualityMode | str] | None = DEFAULT_QUALITY_MODES,
        is_benchmark_enabled: bool | None = None,
        is_consensus_enabled: bool | None = None,
        dataset_id: str | None = None,
        dataset_name: str | None = None,
        data_row_count: int | None = None,
    ) -> models.Project:
        """A chat model evaluation project (conversational), optionally generating `data_row_count` rows into a
        new (`dataset_name`) or existing (`dataset_id`) dataset, as the SDK does."""
        if dataset_id is not None:
            require_id(dataset_id, "dataset_id")
        if dataset_name is not None:
            require_str(dataset_name, "dataset_name")
        if data_row_count is not None:
            require_int(data_row_count, "data_row_count", min=1)
        if dataset_id and dataset_name:
            raise BadInput("pass dataset_id or dataset_name, not both")
        extra: dict[str, Any] = {}
        if dataset_id or dataset_name:
            extra = {
                "datasetNameOrId": dataset_id or dataset_name,
                "appendToExistingDataset": bool(dataset_id),
                "dataRowCount": data_row_count if data_row_count is not None else 100,
            }
        return await self._create_project(
            name,
            description,
            quality_modes,
            is_benchmark_enabled,
            is_consensus_enabled,
            media_type=MediaType.CONVERSATIONAL,
            editorTaskType=EditorTaskType.MODEL_CHAT_EVALUATION,
            **extra,
        )

    async def create_offline_model_evaluation_project(
        self,
        name: str,
        description: str | None = None,
        quality_modes: Iterable[QualityMode | str] | None = DEFAULT_QUALITY_MODES,
        is_benchmark_enabled: bool | None = None,
        is_consensus_enabled: bool | None = None,
    ) -> models.Project:
        return await self._create_project(
            name,
            description,
            quality_modes,
            is_benchmark_enabled,
            is_consensus_enabled,
            media_type=MediaType.CONVERSATIONAL,
            editorTaskType=EditorTaskType.OFFLINE_MODEL_CHAT_EVALUATION,
        )

    async def create_response_creation_project(
        self,
        name: str,
        description: str | None = None,
        quality_modes: Iterable[QualityMode | str] | None = DEFAULT_QUALITY_MODES,
        is_benchmark_enabled: bool | None = None,
        is_consensus_enabled: bool | None = None,
    ) -> models.Project:
        """A response creation project (text, the RESPONSE_CREATION editor), as the SDK makes it."""
        return await self._create_project(
            name,
            description,
            quality_modes,
            is_benchmark_enabled,
            is_consensus_enabled,
            media_type=MediaType.TEXT,
            editorTaskType=EditorTaskType.RESPONSE_CREATION,
        )

    async def create_prompt_response_generation_project(
        self,
        name: str,
        media_type: MediaType | str,
        description: str | None = None,
        auto_audit_percentage: float | None = None,
        auto_audit_number_of_labels: int | None = None,
        quality_modes: Iterable[QualityMode | str] | None = DEFAULT_QUALITY_MODES,
        is_benchmark_enabled: bool | None = None,
        is_consensus_enabled: bool | None = None,
        dataset_id: str | None = None,
        dataset_name: str | None = None,
        data_row_count: int = 100,
    ) -> models.Project:
        """A prompt (`MediaType.LLMPromptCreation`) or prompt-and-response (`LLMPromptResponseCreation`) creation
        project, with `data_row_count` generated rows in a new (`dataset_name`) or existing (`dataset_id`) dataset."""
        allowed = media(media_type)
        if allowed not in (MediaType.LLM_PROMPT_CREATION, MediaType.LLM_PROMPT_RESPONSE_CREATION):
            raise BadInput("media_type must be MediaType.LLMPromptCreation or MediaType.LLMPromptResponseCreation")
        if dataset_id is not None:
            require_id(dataset_id, "dataset_id")
        if dataset_name is not None:
            require_str(dataset_name, "dataset_name")
        if not dataset_id and not dataset_name:
            raise BadInput("pass dataset_name (a new dataset) or dataset_id (an existing one)")
        if dataset_id and dataset_name:
            raise BadInput("pass dataset_id or dataset_name, not both")
        require_int(data_row_count, "data_row_count", min=1)
        extra: dict[str, Any] = {
            "datasetNameOrId": dataset_id or dataset_name,
            "appendToExistingDataset": bool(dataset_id),
            "dataRowCount": data_row_count,
        }
        if auto_audit_percentage is not None:
            extra["autoAuditPercentage"] = auto_audit_percentage
        if auto_audit_number_of_labels is not None:
            extra["autoAuditNumberOfLabels"] = auto_audit_number_of_labels
        return await self._create_project(
            name, description, quality_modes, is_benchmark_enabled, is_consensus_enabled, media_type=allowed, **extra
        )

    async def _create_project(
        self,
        name: str,
        description: str | None,
        quality_modes: Iterable[QualityMode | str] | None,
        benchmark: bool | None,
        consensus: bool | None,
        *,
        media_type: MediaType | str,
        **extra: Any,
    ) -> models.Project:
        from medannot_api.labelbox.input_types import ProjectCreateInput

        require_str(name, "name")
        allowed = media(media_type)
        if allowed is None:
            raise BadInput("media_type is required")
        fields = {
            "name": name,
            "description": description,
            "allowedMediaType": allowed,
            **quality(quality_modes, benchmark, consensus),
            **extra,
        }
        data = validated_input(ProjectCreateInput, fields, _PROJECT_PARAMETERS)
        return (await self._call(lambda: self._api.create_project(data))).create_project

    async def get_project(self, project_id: str) -> models.Project:
        require_id(project_id, "project_id")
        return found((await self._call(lambda: self._api.get_project(project_id))).project, "Project", project_id)

    def get_projects(
        self,
        where: generated.ProjectWhereInput | models.Comparison | Mapping[str, object] | None = None,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> AsyncPaginator[models.Project]:
        """Every project matching `where` (`Project.name == "chest-ct"`, or `{"name": "chest-ct"}`), fetched
        `page_size` at a time."""
        from medannot_api.labelbox.input_types import ProjectWhereInput

        condition = live_only(ProjectWhereInput, where_input(ProjectWhereInput, where))

        async def fetch(skip: int, first: int) -> Sequence[Project]:
            return (await self._call(lambda: self._api.get_projects(where=condition, skip=skip, first=first))).projects

        return offset_pages(fetch, page_size)

    async def create_batch(
        self, project_id: str, name: str, data_rows: Sequence[str], priority: int = 5, *, global_keys: bool = False
    ) -> Batch:
        """Queue data rows (ids, or global keys with `global_keys=True`) for labelling in a project.
        (The SDK's `Project.create_batch`; offered here because labels and exports need rows in a project.)"""
        from medannot_api.labelbox.input_types import CreateBatchInput

        require_id(project_id, "project_id")
        require_str(name, "name")
        if require_bool(global_keys, "global_keys"):
            rows = text_keys(data_rows, "data_rows")
        else:
            rows = [require_id(row, f"data_rows[{i}]") for i, row in enumerate(text_keys(data_rows, "data_rows"))]
        if not rows:
            raise BadInput("data_rows must name at least one data row")
        if not 1 <= require_int(priority, "priority") <= 5:
            raise BadInput(f"priority must be from 1 (highest) to 5, not {priority}")
        batch_input = CreateBatchInput(
            name=name, priority=priority, **({"globalKeys": rows} if global_keys else {"dataRowIds": rows})
        )
        answer = (await self._call(lambda: self._api.create_batch(project_id, batch_input))).project
        made = found(answer, "Project", project_id).create_batch_v_2
        return Batch(made.batch.id, made.batch.name, made.batch.size, list(made.failed_data_row_ids))

    async def export_project_labels(
        self,
        project_id: str,
        dest: str | os.PathLike[str],
        *,
        timeout_seconds: float = 600.0,
        overwrite: bool = False,
    ) -> Path:
        """Export a project's data rows and labels (Labelbox's NDJSON export v2) into `dest`, a file or a
        directory, atomically: the file appears complete or not at all. An existing file is replaced only with
        `overwrite=True` (else `FileExists`, raised before anything is sent)."""
        from medannot_api.labelbox.input_types import (
            ExportDataRowsInProjectInput,
            ExportParamsInput,
            ExportProjectFiltersInput,
            ExportSearchQueryInput,
        )

        require_id(project_id, "project_id")
        timeout_seconds = seconds(timeout_seconds, "timeout_seconds")
        target = resolve_target(
            dest, None, f"export-{project_id}.ndjson", overwrite=require_bool(overwrite, "overwrite")
        )
        export_input = ExportDataRowsInProjectInput(
            taskName=f"medannot export {project_id}",
            isStreamableReady=True,
            streamable=True,
            filters=ExportProjectFiltersInput(projectId=project_id, searchQuery=ExportSearchQueryInput(query=[])),
            params=ExportParamsInput(includeDataRowDetails=True, includeLabelDetails=True),
        )
        started = (await self._call(lambda: self._api.export_project(export_input))).export_data_rows_in_project
        task = await self._wait_for_task(started.task_id, timeout_seconds, "project export")
        if task.status != "COMPLETE":
            raise APIError(f"export task {task.id} ended {task.status}: {task.errors or 'no details'}")
        with atomic_file(target) as out:
            await self._copy_export_stream(task.id, out)
        return target

    async def _copy_export_stream(self, task_id: str, out: BinaryIO) -> None:
        """The result stream may come as several files, each from an offset; copy them in order."""
        result = TaskStreamType.RESULT
        header_answer = await self._call(lambda: self._api.get_export_header(task_id, result))
        header = found(header_answer.task, "Task", task_id)
        total = header.export_metadata_header.total_size if header.export_metadata_header else 0
        offset = 0
        while offset < total:
            part = await self._export_part(task_id, offset)
            if part is None or part.offsets.start != offset or part.offsets.end < offset:
                raise ResponseSchemaError(f"export {task_id}: no file for offset {offset} of {total}")
            expected = part.offsets.end - offset + 1
            # The file URL is signed (a storage bucket on the real service): the API key must not travel there.
            request = self._session.build("GET", part.file)
            response = await self._session.http.send(request, stream=True, auth=None)
            written = 0
            try:
                async for chunk in response.aiter_bytes(CHUNK):
                    out.write(chunk[: max(expected - written, 0)])
                    written += len(chunk)
            finally:
                await response.aclose()
            if written < expected:
                raise ResponseSchemaError(f"export {task_id}: file ended at {written} of {expected} bytes")
            offset = part.offsets.end + 1

    async def _export_part(self, task_id: str, offset: int) -> generated.GetExportFileTaskExportFileFromOffset | None:
        answer = await self._call(lambda: self._api.get_export_file(task_id, TaskStreamType.RESULT, offset))
        return found(answer.task, "Task", task_id).export_file_from_offset
