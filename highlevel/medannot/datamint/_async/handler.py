"""`medannot.datamint.AsyncAPIHandler` (and its generated twin `APIHandler`): every verb of the seed's
`datamint.APIHandler` (SDK <= 2.6), same names and arguments, on top of the namespaces of `AsyncClient`
(the logic lives there once). Results are typed models that read like the SDK's dicts."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import date
from typing import overload

import httpx

from medannot.core._async.pagination import AsyncPaginator
from medannot.core.config import TimeoutValue, Verify
from medannot.core.retry import RetryPolicy
from medannot.datamint import models
from medannot.datamint._async.client import AsyncClient
from medannot.datamint._common import UploadSource, as_ids, frame_indexes
from medannot.errors import BadInput
from medannot.types import JSONObject, JSONValue


class AsyncAPIHandler(AsyncClient):
    """The seed's `datamint.APIHandler(root_url=None, api_key=None, check_connection=True)`: the same verbs,
    typed, streamed and retried; the namespaces of `AsyncClient` (`.resources`, ...) are here too.

    `root_url`: else $DATAMINT_API_URL, else https://api.datamint.io. `api_key`: else $DATAMINT_API_KEY, else
    `AuthError`. The constructor sends nothing (`check_connection` is accepted; call `check_connection()` to
    check the key now: a wrong one is `AuthError`)."""

    def __init__(
        self,
        root_url: str | None = None,
        api_key: str | None = None,
        check_connection: bool = True,
        *,
        timeout: TimeoutValue = 60.0,
        verify: Verify = True,
        proxy: str | None = None,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        max_concurrency: int = 8,
    ) -> None:
        super().__init__(
            root_url,
            api_key,
            timeout,
            None,
            check_connection,
            verify=verify,
            proxy=proxy,
            retry=retry,
            transport=transport,
            max_concurrency=max_concurrency,
        )

    @property
    def root_url(self) -> str:
        """The service's root URL (the SDK's attribute)."""
        return self.server_url

    async def _worklist_of(self, project: str | None, worklist_id: str | None) -> str | None:
        if project is not None and worklist_id is not None:
            raise BadInput("give project or worklist_id, not both")
        if project is None:
            return worklist_id
        found = await self.projects._resolve(project)
        return found.worklist_id

    # --- resources ----------------------------------------------------------------------------------------
    @overload
    async def upload_resources(
        self,
        files_path: Sequence[UploadSource],
        mimetype: str | None = None,
        anonymize: bool = False,
        anonymize_retain_codes: Sequence[tuple[int, int] | str] = (),
        on_error: models.OnError = "raise",
        labels: Sequence[str] | None = None,
        tags: Sequence[str] | None = None,
        mung_filename: Sequence[int] | str | None = None,
        channel: str | None = None,
        publish: bool = False,
        publish_to: str | None = None,
        segmentation_files: Sequence[Sequence[str] | Mapping[str, JSONValue] | None] | None = None,
        transpose_segmentation: bool = False,
        modality: str | None = None,
        assemble_dicoms: bool = True,
        metadata: Sequence[Mapping[str, JSONValue] | str | None] | None = None,
        progress_bar: bool | None = None,
        *,
        concurrency: int | None = None,
        send_source_filepath: bool = False,
    ) -> models.Uploaded: ...
    @overload
    async def upload_resources(
        self,
        files_path: UploadSource,
        mimetype: str | None = None,
        anonymize: bool = False,
        anonymize_retain_codes: Sequence[tuple[int, int] | str] = (),
        on_error: models.OnError = "raise",
        labels: Sequence[str] | None = None,
        tags: Sequence[str] | None = None,
        mung_filename: Sequence[int] | str | None = None,
        channel: str | None = None,
        publish: bool = False,
        publish_to: str | None = None,
        segmentation_files: Mapping[str, JSONValue] | Sequence[str] | None = None,
        transpose_segmentation: bool = False,
        modality: str | None = None,
        assemble_dicoms: bool = True,
        metadata: Mapping[str, JSONValue] | str | None = None,
        progress_bar: bool | None = None,
        *,
        concurrency: int | None = None,
        send_source_filepath: bool = False,
    ) -> str | models.Uploaded: ...
    async def upload_resources(
        self,
        files_path: UploadSource | Sequence[UploadSource],
        mimetype: str | None = None,
        anonymize: bool = False,
        anonymize_retain_codes: Sequence[tuple[int, int] | str] = (),
        on_error: models.OnError = "raise",
        labels: Sequence[str] | None = None,
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
        concurrency: int | None = None,
        send_source_filepath: bool = False,
    ) -> str | models.Uploaded:
        """Upload files as resources, streamed from disk (`POST /resources`); see
        `AsyncClient.resources.upload_resources` for every argument. `labels` (deprecated in the SDK) are
        added to `tags`. One file: its new id; several (a list or a directory): `Uploaded`, one id (or, with
        `on_error="skip"`, the error) per file given."""
        return await self.resources.upload_resources(
            files_path, mimetype, anonymize, anonymize_retain_codes, on_error, tags, mung_filename, channel,
            publish, publish_to, segmentation_files, transpose_segmentation, modality, assemble_dicoms, metadata,
            progress_bar, labels=labels, concurrency=concurrency, send_source_filepath=send_source_filepath,
        )  # fmt: skip

    def get_resources(
        self,
        status: models.ResourceStatus | None = None,
        from_date: date | str | None = None,
        to_date: date | str | None = None,
        labels: Sequence[str] | None = None,
        tags: Sequence[str] | None = None,
        modality: str | None = None,
        mimetype: str | None = None,
        return_ids_only: bool = False,
        order_field: models.ResourceFields | None = None,
        order_ascending: bool | None = None,
        channel: str | None = None,
        project_id: str | None = None,
        project_name: str | Sequence[str] | None = None,
        filename: str | None = None,
    ) -> AsyncPaginator[models.Resource]:
        """Resources matching the filters, lazily and to the very end (`GET /resources`, 5,000 a page; the SDK
        stopped at the first short page). `labels` are tags (the SDK's old name); `project_id` filters by a
        project's id (its name is looked up). `return_ids_only` is accepted (full resources are returned: their
        `["id"]` is there). Iterate with `for` (`async for` on the async client)."""
        del return_ids_only
        if labels is not None:
            tags = [*(tags or []), *labels]
        if project_id is not None:
            return self._resources_of_project_id(
                project_id, status, from_date, to_date, tags, modality, mimetype, order_field, order_ascending,
                channel, filename,
            )  # fmt: skip
        return self.resources.iter_list(
            status, from_date, to_date, tags, modality, mimetype, order_field, order_ascending, channel,
            project_name, filename,
        )  # fmt: skip

    def _resources_of_project_id(
        self,
        project_id: str,
        status: models.ResourceStatus | None,
        from_date: date | str | None,
        to_date: date | str | None,
        tags: Sequence[str] | None,
        modality: str | None,
        mimetype: str | None,
        order_field: models.ResourceFields | None,
        order_ascending: bool | None,
        channel: str | None,
        filename: str | None,
    ) -> AsyncPaginator[models.Resource]:
        from medannot.core._async.pagination import Page

        state: dict[str, AsyncPaginator[models.Resource]] = {}

        async def fetch(position: object) -> Page[models.Resource]:
            if "pages" not in state:
                project = await self.get_project_by_id(project_id)
                state["pages"] = self.resources.iter_list(
                    status, from_date, to_date, tags, modality, mimetype, order_field, order_ascending, channel,
                    project.name, filename,
                )  # fmt: skip
            items = await state["pages"].to_list()
            return Page(items, None)

        return AsyncPaginator(fetch)

    async def get_resources_by_ids(self, ids: str | Sequence[str]) -> models.Resource | list[models.Resource]:
        """`GET /resources/{id}`: one resource for one id (a string), a list for a list. `NotFound` (the SDK's
        `ResourceNotFoundError`) for an unknown id."""
        if isinstance(ids, str):
            return await self.resources.get_by_id(ids)
        return await self.resources.get_many(as_ids(ids, "ids"))

    async def get_resources_by_project(self, project_id: str) -> list[models.Resource]:
        """The resources of a project (`GET /projects/{id}/resources`)."""
        return await self.projects.get_project_resources(project_id)

    async def publish_resources(self, resource_ids: str | Sequence[str], project_name: str | None = None) -> None:
        """Publish resources (`POST /resources/{id}/publish` each; already published ones are left as they
        are), then, with `project_name` (a name or an id), add them to that project. `NotFound` for an unknown
        resource or project."""
        ids = as_ids(resource_ids, "resource_ids")
        await self.resources.publish_resources(ids)
        if project_name is not None:
            await self.projects.add_resources(ids, project_name)

    async def delete_resources(self, resource_ids: Sequence[str] | str) -> None:
        """Delete resources: one id (a string) with `DELETE /resources/{id}`, a list in batches of 200.
        `NotFound` for an unknown id."""
        if isinstance(resource_ids, str):
            await self.resources.delete(resource_ids)
        else:
            await self.resources.bulk_delete(as_ids(resource_ids, "resource_ids"))

    async def download_resource_file(
        self,
        resource_id: str,
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
        """The resource's file (`GET /resources/{id}/file`), saved atomically to `save_path` when given and
        decoded by its content with `auto_convert` (pydicom, PIL, nibabel, JSON, else bytes); with
        `add_extension`, `(content, path)`. See `AsyncClient.resources.download_resource_file`."""
        return await self.resources.download_resource_file(resource_id, save_path, auto_convert, add_extension)

    async def download_resource_frame(self, resource_id: str, frame_index: int) -> models.PILImage:
        """One frame as a PIL image (`GET /resources/{id}/frames/{i}`, PNG)."""
        return await self.resources.download_resource_frame(resource_id, frame_index)

    def get_channels(self) -> AsyncPaginator[models.Channel]:
        """Every upload channel (`GET /resources/channels`), lazily: `channel_name`, `resource_data`, ..."""
        return self.resources.iter_channels()

    # --- projects, users, datasets ------------------------------------------------------------------------
    async def get_projects(self) -> list[models.Project]:
        """Every project (`GET /projects`, all pages)."""
        return await self.projects.get_all()

    async def get_project_by_id(self, project_id: str) -> models.Project:
        """`GET /projects/{id}`; `NotFound` (`ResourceNotFoundError`) for an unknown id."""
        return await self.projects.get_by_id(project_id)

    async def get_project_by_name(self, project_name: str) -> models.Project:
        """The project with this name (or id); `NotFound` when there is none (the SDK answered a dict with an
        "error" key)."""
        return await self.projects._resolve(project_name)

    async def create_project(
        self, name: str, description: str, resources_ids: Sequence[str], is_active_learning: bool = False
    ) -> models.Project:
        """`POST /projects` over `resources_ids`; the new project."""
        return await self.projects.create(name, description, list(resources_ids), is_active_learning)

    async def delete_project(self, project_id: str) -> None:
        """`DELETE /projects/{id}`; `NotFound` for an unknown id."""
        await self.projects.delete(project_id)

    async def download_project(
        self,
        project_id: str,
        outpath: str | os.PathLike[str],
        all_annotations: bool = False,
        include_unannotated: bool = False,
    ) -> None:
        """The project's resources and annotations as a ZIP (`GET /projects/{id}/annotated_dataset`), streamed
        to `outpath` atomically, status and length checked (the SDK wrote error bodies into the file)."""
        await self.projects.download(project_id, outpath, all_annotations, include_unannotated)

    async def get_experiment_by_name(self, name: str, project: Mapping[str, JSONValue]) -> models.Experiment | None:
        """The experiment called `name` of a project (a project object or dict with an "id"), or None
        (`GET /projects/{id}/experiments`)."""
        for experiment in await self.projects.get_experiments(self._require_id(project, "project")):
            if experiment.name == name:
                return experiment
        return None

    async def get_users(self) -> list[models.User]:
        """Every user of the account (`GET /users`, all pages)."""
        return await self.users.get_all()

    async def create_user(
        self,
        email: str,
        password: str | None = None,
        firstname: str | None = None,
        lastname: str | None = None,
        roles: Sequence[str] | None = None,
    ) -> models.User:
        """`POST /users`; the new user (`Conflict` when the e-mail is taken)."""
        return await self.users.create(email, password, firstname, lastname, roles)

    async def get_datasets(self) -> list[models.Dataset]:
        """Every dataset (`GET /datasets`, all pages)."""
        from medannot_api.datamint.models import Dataset

        return await self._pages("datasets", Dataset).to_list()

    # --- annotations --------------------------------------------------------------------------------------
    def get_annotations(
        self,
        resource_id: str | None = None,
        annotation_type: str | None = None,
        annotator_email: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        dataset_id: str | None = None,
        worklist_id: str | None = None,
        status: models.AnnotationStatus | None = None,
        load_ai_segmentations: bool | None = None,
    ) -> AsyncPaginator[models.Annotation]:
        """Annotations matching the filters, lazily and to the end (`GET /annotations`)."""
        filters = {
            "resource_id": resource_id,
            "annotation_type": annotation_type,
            "annotatorEmail": annotator_email,
            "from": date_from.isoformat() if date_from is not None else None,
            "to": date_to.isoformat() if date_to is not None else None,
            "dataset_id": dataset_id,
            "annotation_worklist_id": worklist_id,
            "status": status,
            "load_ai_segmentations": load_ai_segmentations,
        }
        return self.annotations.iter_filtered(filters)

    def get_resource_annotations(
        self,
        resource_id: str,
        annotation_type: str | None = None,
        annotator_email: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
    ) -> AsyncPaginator[models.Annotation]:
        """The annotations of one resource (deprecated in the SDK: `get_annotations(resource_id=...)`)."""
        return self.get_annotations(resource_id, annotation_type, annotator_email, date_from, date_to)

    async def add_annotations(
        self,
        resource_id: str,
        identifier: str,
        frame_index: int | tuple[int, int] | None = None,
        value: str | None = None,
        worklist_id: str | None = None,
        imported_from: str | None = None,
        author_email: str | None = None,
        model_id: str | None = None,
        project: str | None = None,
    ) -> list[str]:
        """A label (`value` None) or category of the image, a frame, or an inclusive frame range; `project` (a
        name or id) puts it in that project's worklist. The new annotations' ids."""
        worklist = await self._worklist_of(project, worklist_id)
        frames = frame_indexes(frame_index)
        kind = "label" if value is None else "category"
        return await self.annotations._create_labels(
            resource_id, identifier, value, frames, kind, worklist, imported_from, author_email, model_id, None
        )

    async def add_image_category_annotation(
        self,
        resource_id: str,
        identifier: str,
        value: str,
        imported_from: str | None = None,
        author_email: str | None = None,
        worklist_id: str | None = None,
        project: str | None = None,
    ) -> list[str]:
        """A category of the whole image (`identifier` = `value`); the new annotation's id in a list."""
        if value is None:
            raise BadInput("value must not be None")
        worklist = await self._worklist_of(project, worklist_id)
        return await self.annotations._create_labels(
            resource_id, identifier, value, None, "category", worklist, imported_from, author_email, None, None
        )

    async def add_frame_category_annotation(
        self,
        resource_id: str,
        frame_index: int | tuple[int, int],
        identifier: str,
        value: str,
        worklist_id: str | None = None,
        imported_from: str | None = None,
        author_email: str | None = None,
    ) -> list[str]:
        """A category of a frame, or of each frame of an inclusive (first, last) range; the ids."""
        frames = frame_indexes(frame_index)
        if frames is None:
            raise BadInput("frame_index is required")
        return await self.annotations._create_labels(
            resource_id, identifier, value, frames, "category", worklist_id, imported_from, author_email, None, None
        )

    async def add_line_annotation(
        self,
        point1: Sequence[float],
        point2: Sequence[float],
        resource_id: str,
        identifier: str,
        frame_index: int | None = None,
        dicom_metadata: models.DicomDataset | str | None = None,
        coords_system: models.CoordinateSystem = "pixel",
        project: str | None = None,
        worklist_id: str | None = None,
        imported_from: str | None = None,
        author_email: str | None = None,
        model_id: str | None = None,
    ) -> list[str]:
        """A line: pixel (x, y) points of frame `frame_index`, converted to patient coordinates (mm) when
        `dicom_metadata` (a dataset or a DICOM file path) is given; or patient (x, y, z) points with
        `coords_system="patient"`. The new annotation's id in a list."""
        worklist = await self._worklist_of(project, worklist_id)
        return await self.annotations.add_line_annotation(
            point1, point2, resource_id, identifier, frame_index, dicom_metadata, coords_system, worklist,
            imported_from, author_email, model_id, None,
        )  # fmt: skip

    async def upload_segmentations(
        self,
        resource_id: str,
        file_path: str | os.PathLike[str] | models.NDArray,
        name: str | Mapping[int, str] | None = None,
        frame_index: int | Sequence[int] | None = None,
        imported_from: str | None = None,
        author_email: str | None = None,
        discard_empty_segmentations: bool = True,
        worklist_id: str | None = None,
        model_id: str | None = None,
        transpose_segmentation: bool = False,
    ) -> list[str]:
        """Segmentations from a file (PNG, NIfTI) or an ndarray of shape (H, W) or (H, W, frames); `name` a
        name or `{value: name}` (int keys are honoured). The new annotations' ids. See
        `AsyncClient.annotations.upload_segmentations`."""
        return await self.annotations.upload_segmentations(
            resource_id, file_path, name, frame_index, imported_from, author_email, discard_empty_segmentations,
            worklist_id, model_id, transpose_segmentation, None,
        )  # fmt: skip

    async def upload_segmentation(
        self,
        resource_id: str,
        file_path: str | os.PathLike[str] | models.NDArray,
        name: str | Mapping[int, str] | None = None,
        frame_index: int | Sequence[int] | None = None,
    ) -> list[str]:
        """`upload_segmentations` under the name the SDK's own docstring example uses."""
        return await self.upload_segmentations(resource_id, file_path, name, frame_index)

    # --- worklists ----------------------------------------------------------------------------------------
    def get_annotation_worklist(self, status: models.WorklistStatus | None = None) -> AsyncPaginator[models.Worklist]:
        """Annotation worklists (of one status), lazily (`GET /annotationsets`)."""
        return self.annotationsets.iter_list(status)

    async def get_annotation_worklist_by_id(self, id: str) -> models.Worklist:
        """`GET /annotationsets/{id}`; `NotFound` for an unknown id."""
        return await self.annotationsets.get_by_id(id)

    async def update_annotation_worklist(
        self,
        worklist_id: str,
        frame_labels: Sequence[str] | None = None,
        image_labels: Sequence[str] | None = None,
        annotations: Sequence[JSONObject] | None = None,
        status: models.WorklistStatus | None = None,
        name: str | None = None,
    ) -> models.Worklist:
        """`PATCH /annotationsets/{id}` with the fields given; the updated worklist."""
        return await self.annotationsets.update(worklist_id, frame_labels, image_labels, annotations, status, name)
