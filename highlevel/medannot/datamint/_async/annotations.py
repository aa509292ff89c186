"""`client.annotations`: categories, labels, geometries and segmentations of resources, and their files."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

# The client module imports this one; named as a module, its `AsyncClient` resolves when hints are read.
import medannot.datamint._async.client as _client
from medannot.core._async.pagination import AsyncPaginator, Page
from medannot.core.config import LONG_TIMEOUT
from medannot.core.downloads import asave_response, check_content
from medannot.core.files import OpenedFile, open_upload
from medannot.core.response import answer_json
from medannot.core.uploads import FilePart, MultipartBody
from medannot.datamint import models
from medannot.datamint._common import (
    PAGE_LIMIT,
    arun_blocking,
    as_ids,
    frame_indexes,
    frames_of,
    is_nifti_path,
    mask_png,
    parse_list,
    pixel_to_patient,
    segment_name,
    segment_values,
    segmentation_map,
)
from medannot.errors import BadInput, MedannotError, ResponseSchemaError
from medannot.types import JSONObject, JSONValue

SOURCE = "imported"


def _ids(data: object) -> list[str]:
    if not isinstance(data, list) or not all(isinstance(i, str) for i in data):
        raise ResponseSchemaError("expected the created annotations' ids (a JSON list of strings)")
    return list(data)


def _iso(value: date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


class AsyncAnnotationsAPI:
    """Annotations of resources (`/annotations`)."""

    def __init__(self, client: _client.AsyncClient) -> None:
        self._c = client

    # --- reading ------------------------------------------------------------------------------------------
    def iter_list(
        self,
        resource: str | models.Resource | Sequence[str | models.Resource] | None = None,
        annotation_type: str | None = None,
        annotator_email: str | None = None,
        from_date: date | str | None = None,
        to_date: date | str | None = None,
        dataset_id: str | None = None,
        worklist_id: str | None = None,
        status: models.AnnotationStatus | None = None,
        source: str | None = None,
        deleted: models.DeletedFilter | None = None,
        load_ai_segmentations: bool | None = None,
        limit: int | None = None,
    ) -> AsyncPaginator[models.Annotation]:
        """`POST /annotations/search` page by page (offset and limit in the body, as the service takes them) to
        the end: only an empty page ends it."""
        from medannot_api.datamint.models import Annotation

        body: dict[str, Any] = {
            "annotation_type": annotation_type,
            "annotatorEmail": annotator_email,
            "from": _iso(from_date),
            "to": _iso(to_date),
            "dataset_id": dataset_id,
            "annotation_worklist_id": worklist_id,
            "status": status,
            "source": source,
            "deleted": deleted,
            "load_ai_segmentations": load_ai_segmentations,
        }
        if resource is not None:
            ids = as_ids(resource, "resource")
            if isinstance(resource, (str, Mapping)):
                body["resource_id"] = ids[0]
            else:
                body["resource_ids"] = ids
        body = {k: v for k, v in body.items() if v is not None}
        cap = limit

        async def fetch(position: object) -> Page[models.Annotation]:
            offset = int(position or 0)  # type: ignore[call-overload]
            want = PAGE_LIMIT if cap is None else min(PAGE_LIMIT, cap - offset)
            if want <= 0:
                return Page([], None)
            data = await self._c._send(
                "POST", "annotations/search", json_body={**body, "offset": offset, "limit": want}, idempotent=True
            )
            items = parse_list(Annotation, data)
            done = offset + len(items)
            return Page(items, None if not items or (cap is not None and done >= cap) else done)

        return AsyncPaginator(fetch)

    async def get_list(
        self,
        resource: str | models.Resource | Sequence[str | models.Resource] | None = None,
        annotation_type: str | None = None,
        annotator_email: str | None = None,
        from_date: date | str | None = None,
        to_date: date | str | None = None,
        dataset_id: str | None = None,
        worklist_id: str | None = None,
        status: models.AnnotationStatus | None = None,
        source: str | None = None,
        deleted: models.DeletedFilter | None = None,
        load_ai_segmentations: bool | None = None,
        limit: int | None = None,
    ) -> list[models.Annotation]:
        """Every annotation matching the filters (`iter_list`, collected)."""
        pages = self.iter_list(
            resource, annotation_type, annotator_email, from_date, to_date, dataset_id, worklist_id, status,
            source, deleted, load_ai_segmentations, limit,
        )  # fmt: skip
        return await pages.to_list()

    def iter_filtered(self, filters: Mapping[str, object]) -> AsyncPaginator[models.Annotation]:
        """`GET /annotations` with the seed's query filters, page by page to the end."""
        from medannot_api.datamint.models import Annotation

        return self._c._pages("annotations", Annotation, filters)

    async def get_by_id(self, entity_id: str) -> models.Annotation:
        """`GET /annotations/{id}`; `NotFound` for an unknown id."""
        from medannot_api.datamint.models import Annotation

        return await self._c._get_model(Annotation, f"annotations/{self._c._require_id(entity_id, 'annotation')}")

    async def delete(self, entity: str | models.Annotation) -> None:
        """`DELETE /annotations/{id}`."""
        await self._c._send("DELETE", f"annotations/{self._c._require_id(entity, 'annotation')}", idempotent=True)

    async def delete_batch(self, annotation_ids: Sequence[str | models.Annotation]) -> None:
        """`POST /annotations/delete-batch` with every id."""
        ids = as_ids(annotation_ids, "annotation_ids")
        await self._c._send("POST", "annotations/delete-batch", json_body={"ids": ids}, idempotent=True)

    async def download_file(
        self, annotation: str | models.Annotation, fpath_out: str | os.PathLike[str] | None = None
    ) -> bytes:
        """The file of a segmentation annotation (`GET /annotations/{rid}/annotations/{aid}/file`): its bytes, and
        with `fpath_out` also saved there atomically (replacing a file there)."""
        if isinstance(annotation, str):
            annotation = await self.get_by_id(annotation)
        aid, rid = annotation["id"], annotation["resource_id"]
        path = f"annotations/{rid}/annotations/{aid}/file"
        if fpath_out is None:
            response = await self._c._session.request("GET", path, timeout=LONG_TIMEOUT)
            check_content(response)
            return response.content
        async with self._c._session.stream("GET", path, timeout=LONG_TIMEOUT) as response:
            saved = await asave_response(response, fpath_out, default_name=f"{aid}.bin", overwrite=True)
        return saved.read_bytes()

    # --- creating -----------------------------------------------------------------------------------------
    async def create(
        self,
        resource: str | models.Resource,
        annotation_dto: Mapping[str, JSONValue] | Sequence[Mapping[str, JSONValue]],
    ) -> list[str]:
        """`POST /annotations/{rid}/annotations` with one annotation or a list (JSON objects with `type`,
        `identifier`, `scope`, and `value`, `frame_index`, `geometry`, ... as the service takes them; None
        values are left out). Returns the new annotations' ids, in order."""
        rid = self._c._require_id(resource, "resource")
        items = [annotation_dto] if isinstance(annotation_dto, Mapping) else list(annotation_dto)
        body = [{k: v for k, v in dict(item).items() if v is not None} for item in items]
        for item in body:
            if not item.get("type") or not item.get("identifier") or item.get("scope") not in ("image", "frame"):
                raise BadInput("an annotation needs 'type', 'identifier' and 'scope' ('image' or 'frame')")
        return _ids(await self._c._send("POST", f"annotations/{rid}/annotations", json_body=body, idempotent=False))

    async def _create_labels(
        self,
        resource: str | models.Resource,
        identifier: str,
        value: str | None,
        frames: list[int] | None,
        kind: str,
        worklist_id: str | None,
        imported_from: str | None,
        author_email: str | None,
        model_id: str | None,
        source: str | None = SOURCE,
    ) -> list[str]:
        if not isinstance(identifier, str) or not identifier:
            raise BadInput("identifier must be a non-empty string")
        base: JSONObject = {
            "identifier": identifier,
            "value": value,
            "type": kind,
            "scope": "frame" if frames is not None else "image",
            "annotation_worklist_id": worklist_id,
            "imported_from": imported_from,
            "import_author": author_email,
            "model_id": model_id,
            "is_model": True if model_id is not None else None,
            "source": source,
        }
        items = [{**base, "frame_index": i} for i in frames] if frames is not None else [base]
        return await self.create(resource, items)

    async def add_category_annotation(
        self,
        resource: str | models.Resource,
        identifier: str,
        value: str,
        frame_index: int | None = None,
        frame_range: tuple[int, int] | None = None,
        worklist_id: str | None = None,
        author_email: str | None = None,
        imported_from: str | None = None,
        model_id: str | None = None,
        source: str | None = SOURCE,
    ) -> list[str]:
        """A category (`identifier` = `value`) of the image, a frame or an inclusive frame range; the ids."""
        if value is None:
            raise BadInput("value must not be None (use add_label_annotation for a label without value)")
        frames = frame_indexes(frame_range if frame_range is not None else frame_index)
        return await self._create_labels(
            resource, identifier, str(value), frames, "category", worklist_id, imported_from, author_email, model_id,
            source,
        )  # fmt: skip

    async def add_label_annotation(
        self,
        resource: str | models.Resource,
        identifier: str,
        frame_index: int | None = None,
        frame_range: tuple[int, int] | None = None,
        worklist_id: str | None = None,
        author_email: str | None = None,
        imported_from: str | None = None,
        model_id: str | None = None,
        source: str | None = SOURCE,
    ) -> list[str]:
        """A label (no value) of the image, a frame or an inclusive frame range; the ids."""
        frames = frame_indexes(frame_range if frame_range is not None else frame_index)
        return await self._create_labels(
            resource, identifier, None, frames, "label", worklist_id, imported_from, author_email, model_id, source
        )

    async def _geometry(
        self,
        kind: str,
        points: list[list[float | None]],
        resource: str | models.Resource,
        identifier: str,
        frame_index: int | None,
        worklist_id: str | None,
        imported_from: str | None,
        author_email: str | None,
        model_id: str | None,
        source: str | None = SOURCE,
    ) -> list[str]:
        item: JSONObject = {
            "type": kind,
            "identifier": identifier,
            "scope": "frame" if frame_index is not None else "image",
            "frame_index": frame_index,
            "geometry": {"points": points},  # type: ignore[dict-item]
            "annotation_worklist_id": worklist_id,
            "imported_from": imported_from,
            "import_author": author_email,
            "model_id": model_id,
            "is_model": True if model_id is not None else None,
            "source": source,
        }
        return await self.create(resource, [item])

    async def add_line_annotation(
        self,
        point1: Sequence[float],
        point2: Sequence[float],
        resource: str | models.Resource,
        identifier: str,
        frame_index: int | None = None,
        metadata: models.DicomDataset | str | os.PathLike[str] | None = None,
        coords_system: models.CoordinateSystem = "pixel",
        worklist_id: str | None = None,
        imported_from: str | None = None,
        author_email: str | None = None,
        model_id: str | None = None,
        source: str | None = SOURCE,
    ) -> list[str]:
        """A line between two points. `coords_system="pixel"`: (x, y) pixels of frame `frame_index` (stored as
        [x, y, frame]), or, with `metadata` (a DICOM dataset or file), converted to patient coordinates (mm)
        from its position, orientation and spacing. `"patient"`: (x, y, z) in mm as given. The ids."""
        points = await _points(point1, point2, frame_index, metadata, coords_system)
        return await self._geometry(
            "line", points, resource, identifier, frame_index, worklist_id, imported_from, author_email, model_id,
            source,
        )  # fmt: skip

    async def add_box_annotation(
        self,
        point1: Sequence[float],
        point2: Sequence[float],
        resource: str | models.Resource,
        identifier: str,
        frame_index: int | None = None,
        metadata: models.DicomDataset | str | os.PathLike[str] | None = None,
        coords_system: models.CoordinateSystem = "pixel",
        worklist_id: str | None = None,
        imported_from: str | None = None,
        author_email: str | None = None,
        model_id: str | None = None,
        source: str | None = SOURCE,
    ) -> list[str]:
        """A box (`square`) from two opposite corners (see `add_line_annotation` for the coordinates)."""
        points = await _points(point1, point2, frame_index, metadata, coords_system)
        return await self._geometry(
            "square", points, resource, identifier, frame_index, worklist_id, imported_from, author_email, model_id,
            source,
        )  # fmt: skip

    # --- segmentations ------------------------------------------------------------------------------------
    async def upload_segmentations(
        self,
        resource: str | models.Resource,
        file_path: str | os.PathLike[str] | models.NDArray,
        name: str | Mapping[int, str] | Mapping[tuple[int, int, int], str] | None = None,
        frame_index: int | Sequence[int] | None = None,
        imported_from: str | None = None,
        author_email: str | None = None,
        discard_empty_segmentations: bool = True,
        worklist_id: str | None = None,
        model_id: str | None = None,
        transpose_segmentation: bool = False,
        source: str | None = SOURCE,
    ) -> list[str]:
        """Segmentations of a resource; the new annotations' ids.

        A NIfTI file (`.nii`, `.nii.gz`) is one volume segmentation, streamed from disk
        (`POST /annotations/{rid}/segmentations/file`; `name`: `{label value: name}`, or one name for label 1).
        Anything else (a PNG or other image, an ndarray of shape (H, W) or (H, W, frames)) is split by frame
        and by label: for each non-zero value (or non-black colour) of a frame, an annotation named by `name`
        (`{value: name}`, `{(r, g, b): name}`, one str for all: suffixed `_value` when a frame has several, or
        the SDK's `seg_v_v_v`) gets a 0/255 PNG mask. `frame_index`: the frames' indexes (default 0, 1, ...);
        empty frames are skipped unless `discard_empty_segmentations=False`. `NotFound` for an unknown
        resource. When a mask cannot be uploaded, the annotations the call created are deleted (best effort)
        before the error is raised: no segmentation is left without its mask."""
        rid = self._c._require_id(resource, "resource")
        if is_nifti_path(file_path):
            if frame_index is not None:
                raise BadInput("frame_index does not apply to a NIfTI (volume) segmentation")
            return await self.upload_volume_segmentation(
                rid,
                file_path,  # type: ignore[arg-type]
                name,  # type: ignore[arg-type]
                imported_from,
                worklist_id,
                model_id,
                transpose_segmentation,
                source,
            )
        if isinstance(file_path, (str, os.PathLike)) and not Path(os.fspath(file_path)).is_file():
            raise BadInput(f"segmentation {os.fspath(file_path)!r} does not exist")
        count, frames = await arun_blocking(frames_of, file_path, transpose_segmentation)
        if frame_index is None:
            indexes = list(range(count))
        elif isinstance(frame_index, int) and not isinstance(frame_index, bool):
            indexes = [frame_index]
        else:
            indexes = [int(i) for i in frame_index]  # type: ignore[union-attr]
        if len(indexes) != count:
            raise BadInput(f"the segmentation has {count} frames but frame_index gives {len(indexes)}")
        created: list[str] = []
        for index, frame in zip(indexes, frames, strict=True):
            values = segment_values(frame)
            if not values and discard_empty_segmentations:
                continue
            names = [segment_name(v, name, len(values) > 1) for v in values]
            if len(set(names)) != len(names):
                raise BadInput(f"frame {index}: two labels would get one name ({names}); name them apart")
            items: list[JSONObject] = [
                {
                    "type": "segmentation",
                    "identifier": n,
                    "scope": "frame",
                    "frame_index": index,
                    "imported_from": imported_from,
                    "import_author": author_email,
                    "model_id": model_id,
                    "is_model": True if model_id is not None else None,
                    "annotation_worklist_id": worklist_id,
                    "source": source,
                }
                for n in names
            ]
            if not items:
                continue
            ids = await self.create(rid, items)
            try:
                if len(ids) != len(items):
                    raise ResponseSchemaError(f"{len(items)} annotations were sent, {len(ids)} ids came back")
                for aid, value, label in zip(ids, values, names, strict=True):
                    png = await arun_blocking(mask_png, frame, value)
                    await self._attach(rid, aid, png, f"{label}.png")
            except Exception:
                # a segmentation without its mask is broken: a failed call takes back what it created (best effort)
                with contextlib.suppress(MedannotError):
                    await self.delete_batch([*created, *ids])
                raise
            created.extend(ids)
        return created

    async def _attach(self, rid: str, aid: str, png: bytes, filename: str) -> None:
        import io

        stream = io.BytesIO(png)
        body = MultipartBody([], [FilePart("file", OpenedFile(stream, filename, len(png)), "image/png")])
        response = await self._c._session.request(
            "POST", f"annotations/{rid}/annotations/{aid}/file", body=body, idempotent=True
        )
        data = answer_json(response) if response.content else None
        if isinstance(data, Mapping) and isinstance(data.get("error"), str):
            raise ResponseSchemaError(f"the server refused the mask of annotation {aid}: {data['error']}")

    async def upload_volume_segmentation(
        self,
        resource: str | models.Resource,
        file_path: str | os.PathLike[str],
        name: str | Mapping[int, str] | None = None,
        imported_from: str | None = None,
        worklist_id: str | None = None,
        model_id: str | None = None,
        transpose_segmentation: bool = False,
        source: str | None = SOURCE,
    ) -> list[str]:
        """A NIfTI label volume (`POST /annotations/{rid}/segmentations/file`, streamed from disk):
        `name` maps label values to names (`{1: "liver"}`; one str names label 1). The new annotations' ids."""
        rid = self._c._require_id(resource, "resource")
        if transpose_segmentation:
            raise BadInput("transpose_segmentation is not supported for a volume: transpose the NIfTI itself")
        fields = [("source", source or SOURCE)]
        mapping = segmentation_map(name)
        if mapping is not None:
            fields.append(("segmentation_map", mapping))
        for key, value in (
            ("model_id", model_id),
            ("annotation_worklist_id", worklist_id),
            ("imported_from", imported_from),
        ):
            if value is not None:
                fields.append((key, value))
        with open_upload(file_path, what="segmentation") as opened:
            body = MultipartBody(fields, [FilePart("file", opened, "application/nifti")])
            response = await self._c._session.request(
                "POST", f"annotations/{rid}/segmentations/file", body=body, idempotent=False, timeout=LONG_TIMEOUT
            )
        return _ids(answer_json(response))


async def _points(
    point1: Sequence[float],
    point2: Sequence[float],
    frame_index: int | None,
    metadata: object,
    coords_system: str,
) -> list[list[float | None]]:
    if coords_system == "patient":
        if len(point1) != 3 or len(point2) != 3:
            raise BadInput("coords_system='patient' needs (x, y, z) points")
        return [[float(v) for v in point1], [float(v) for v in point2]]
    if coords_system != "pixel":
        raise BadInput(f"coords_system must be 'pixel' or 'patient', not {coords_system!r}")
    if len(point1) != 2 or len(point2) != 2:
        raise BadInput("coords_system='pixel' needs (x, y) points")
    if metadata is None:
        z = None if frame_index is None else float(frame_index)
        return [[float(point1[0]), float(point1[1]), z], [float(point2[0]), float(point2[1]), z]]
    header = metadata
    if isinstance(metadata, (str, os.PathLike)):
        from medannot.datamint._common import read_header

        header = await arun_blocking(read_header, metadata)
        if header is None:
            raise BadInput(f"dicom_metadata {os.fspath(metadata)!r} is not a DICOM file")
    a = pixel_to_patient(header, float(point1[0]), float(point1[1]), frame_index)
    b = pixel_to_patient(header, float(point2[0]), float(point2[1]), frame_index)
    return [list(a), list(b)]
