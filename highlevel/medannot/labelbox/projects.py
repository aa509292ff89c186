"""Projects: create (plain and model-evaluation), get, list with `where`, batches, and label exports."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from medannot.core.downloads import atomic_file, resolve_target
from medannot.core.pagination import Paginator, offset_pages
from medannot.errors import APIError, BadInput, ResponseSchemaError
from medannot.labelbox._base import (
    DEFAULT_PAGE_SIZE,
    ApiBase,
    found,
    live_only,
    require_id,
    require_ids,
    where_input,
)
from medannot.labelbox.models import Batch, MediaType
from medannot_api.labelbox.enums import EditorTaskType, TaskStreamType

if TYPE_CHECKING:
    from medannot.labelbox.models import Project
    from medannot_api.labelbox.get_export_file import GetExportFileTaskExportFileFromOffset
    from medannot_api.labelbox.input_types import ProjectWhereInput

CHUNK = 1024 * 1024
QualityMode = str  # the SDK's QualityMode values: "BENCHMARK", "CONSENSUS"
DEFAULT_QUALITY_MODES = frozenset({"BENCHMARK", "CONSENSUS"})


# The SDK's quality modes -> (auto-audit number of labels, auto-audit percentage, benchmark, consensus).
_QUALITY: dict[frozenset[str], tuple[int, float, bool, bool]] = {
    frozenset({"BENCHMARK", "CONSENSUS"}): (3, 0.0, True, True),
    frozenset({"BENCHMARK"}): (1, 1.0, True, False),
    frozenset({"CONSENSUS"}): (3, 0.0, False, True),
}


def _quality(
    quality_modes: Iterable[QualityMode] | None, benchmark: bool | None, consensus: bool | None
) -> dict[str, Any]:
    """As the SDK: a known set of quality modes decides the audit settings and flags, else the flags stand."""
    modes = frozenset(str(getattr(m, "value", m)).upper() for m in quality_modes or ())
    if modes not in _QUALITY:
        return {"isBenchmarkEnabled": benchmark, "isConsensusEnabled": consensus}
    labels, percentage, benchmark, consensus = _QUALITY[modes]
    return {
        "autoAuditNumberOfLabels": labels,
        "autoAuditPercentage": percentage,
        "isBenchmarkEnabled": benchmark,
        "isConsensusEnabled": consensus,
    }


class ProjectsMixin(ApiBase):
    def create_project(
        self,
        name: str,
        media_type: MediaType | str,
        description: str | None = None,
        quality_modes: Iterable[QualityMode] | None = DEFAULT_QUALITY_MODES,
        is_benchmark_enabled: bool | None = None,
        is_consensus_enabled: bool | None = None,
    ) -> Project:
        return self._create_project(
            name, description, quality_modes, is_benchmark_enabled, is_consensus_enabled, media_type=media_type
        )

    def create_model_evaluation_project(
        self,
        name: str,
        description: str | None = None,
        quality_modes: Iterable[QualityMode] | None = DEFAULT_QUALITY_MODES,
        is_benchmark_enabled: bool | None = None,
        is_consensus_enabled: bool | None = None,
        dataset_id: str | None = None,
        dataset_name: str | None = None,
        data_row_count: int | None = None,
    ) -> Project:
        """A chat model evaluation project (conversational), optionally generating `data_row_count` rows into a
        new (`dataset_name`) or existing (`dataset_id`) dataset, as the SDK does."""
        if dataset_id and dataset_name:
            raise BadInput("pass dataset_id or dataset_name, not both")
        extra: dict[str, Any] = {}
        if dataset_id or dataset_name:
            extra = {
                "datasetNameOrId": dataset_id or dataset_name,
                "appendToExistingDataset": bool(dataset_id),
                "dataRowCount": data_row_count if data_row_count is not None else 100,
            }
        return self._create_project(
            name,
            description,
            quality_modes,
            is_benchmark_enabled,
            is_consensus_enabled,
            media_type=MediaType.CONVERSATIONAL,
            editorTaskType=EditorTaskType.MODEL_CHAT_EVALUATION,
            **extra,
        )

    def create_offline_model_evaluation_project(
        self,
        name: str,
        description: str | None = None,
        quality_modes: Iterable[QualityMode] | None = DEFAULT_QUALITY_MODES,
        is_benchmark_enabled: bool | None = None,
        is_consensus_enabled: bool | None = None,
    ) -> Project:
        return self._create_project(
            name,
            description,
            quality_modes,
            is_benchmark_enabled,
            is_consensus_enabled,
            media_type=MediaType.CONVERSATIONAL,
            editorTaskType=EditorTaskType.OFFLINE_MODEL_CHAT_EVALUATION,
        )

    def _create_project(
        self,
        name: str,
        description: str | None,
        quality_modes: Iterable[QualityMode] | None,
        benchmark: bool | None,
        consensus: bool | None,
        *,
        media_type: MediaType | str,
        **extra: Any,
    ) -> Project:
        from medannot_api.labelbox.input_types import ProjectCreateInput

        require_id(name, "name")
        try:
            media = MediaType(str(getattr(media_type, "value", media_type)).upper())
        except ValueError:
            raise BadInput(f"unknown media_type {media_type!r}; one of {[m.value for m in MediaType]}") from None
        data = ProjectCreateInput(
            name=name,
            description=description,
            allowedMediaType=media,
            **_quality(quality_modes, benchmark, consensus),
            **extra,
        )
        return self._call(lambda: self.api.create_project(data)).create_project

    def get_project(self, project_id: str) -> Project:
        require_id(project_id, "project_id")
        return found(self._call(lambda: self.api.get_project(project_id)).project, "Project", project_id)

    def get_projects(
        self, where: ProjectWhereInput | Mapping[str, Any] | None = None, *, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Paginator[Project]:
        """Every project matching `where` (e.g. `{"name": "chest-ct"}`), fetched `page_size` at a time."""
        from medannot_api.labelbox.input_types import ProjectWhereInput

        condition = live_only(ProjectWhereInput, where_input(ProjectWhereInput, where))

        def fetch(skip: int, first: int) -> Sequence[Project]:
            return self._call(lambda: self.api.get_projects(where=condition, skip=skip, first=first)).projects

        return offset_pages(fetch, page_size)

    def create_batch(
        self, project_id: str, name: str, data_rows: Sequence[str], priority: int = 5, *, global_keys: bool = False
    ) -> Batch:
        """Queue data rows (ids, or global keys with `global_keys=True`) for labelling in a project.
        (The SDK's `Project.create_batch`; offered here because labels and exports need rows in a project.)"""
        from medannot_api.labelbox.input_types import CreateBatchInput

        require_id(project_id, "project_id")
        require_id(name, "name")
        rows = require_ids(data_rows, "data_rows")
        batch_input = CreateBatchInput(
            name=name, priority=priority, **({"globalKeys": rows} if global_keys else {"dataRowIds": rows})
        )
        answer = self._call(lambda: self.api.create_batch(project_id, batch_input)).project
        made = found(answer, "Project", project_id).create_batch_v_2
        return Batch(made.batch.id, made.batch.name, made.batch.size, list(made.failed_data_row_ids))

    def export_project_labels(
        self, project_id: str, dest: str | os.PathLike[str], *, timeout_seconds: float = 600.0
    ) -> Path:
        """Export a project's data rows and labels (Labelbox's NDJSON export v2) into `dest`, a file or a
        directory, atomically: the file appears complete or not at all."""
        from medannot_api.labelbox.input_types import (
            ExportDataRowsInProjectInput,
            ExportParamsInput,
            ExportProjectFiltersInput,
            ExportSearchQueryInput,
        )

        require_id(project_id, "project_id")
        target = resolve_target(dest, None, f"export-{project_id}.ndjson")
        export_input = ExportDataRowsInProjectInput(
            taskName=f"medannot export {project_id}",
            isStreamableReady=True,
            streamable=True,
            filters=ExportProjectFiltersInput(projectId=project_id, searchQuery=ExportSearchQueryInput(query=[])),
            params=ExportParamsInput(includeDataRowDetails=True, includeLabelDetails=True),
        )
        started = self._call(lambda: self.api.export_project(export_input)).export_data_rows_in_project
        task = self._wait_for_task(started.task_id, timeout_seconds, "project export")
        if task.status != "COMPLETE":
            raise APIError(f"export task {task.id} ended {task.status}: {task.errors or 'no details'}")
        with atomic_file(target) as out:
            self._copy_export_stream(task.id, out)
        return target

    def _copy_export_stream(self, task_id: str, out: BinaryIO) -> None:
        """The result stream may come as several files, each from an offset; copy them in order."""
        result = TaskStreamType.RESULT
        header = found(self._call(lambda: self.api.get_export_header(task_id, result)).task, "Task", task_id)
        total = header.export_metadata_header.total_size if header.export_metadata_header else 0
        offset = 0
        while offset < total:
            part = self._export_part(task_id, offset)
            if part is None or part.offsets.start != offset or part.offsets.end < offset:
                raise ResponseSchemaError(f"export {task_id}: no file for offset {offset} of {total}")
            expected = part.offsets.end - offset + 1
            # The file URL is signed (a storage bucket on the real service): the API key must not travel there.
            with self._session.stream("GET", part.file, auth=None) as response:
                written = 0
                for chunk in response.iter_bytes(CHUNK):
                    out.write(chunk[: max(expected - written, 0)])
                    written += len(chunk)
            if written < expected:
                raise ResponseSchemaError(f"export {task_id}: file ended at {written} of {expected} bytes")
            offset = part.offsets.end + 1

    def _export_part(self, task_id: str, offset: int) -> GetExportFileTaskExportFileFromOffset | None:
        task = self._call(lambda: self.api.get_export_file(task_id, TaskStreamType.RESULT, offset)).task
        return found(task, "Task", task_id).export_file_from_offset
