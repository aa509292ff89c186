from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, File, JSONMapping, JSONValue, Unset

T = TypeVar("T", bound="VolumeSegmentationUpload")


@_attrs_define
class VolumeSegmentationUpload(JSONMapping):
    file: File
    """ A NIfTI volume of labels (0 is background) """
    segmentation_map: str | None = None
    """ JSON text: label value -> name, e.g. {"1": "liver"} """
    model_id: str | None = None
    annotation_worklist_id: str | None = None
    source: str | None = None
    imported_from: str | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "file": "file",
        "segmentation_map": "segmentation_map",
        "model_id": "model_id",
        "annotation_worklist_id": "annotation_worklist_id",
        "source": "source",
        "imported_from": "imported_from",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        segmentation_map_given = UNSET if self.segmentation_map is None else self.segmentation_map
        segmentation_map = segmentation_map_given

        model_id_given = UNSET if self.model_id is None else self.model_id
        model_id = model_id_given

        annotation_worklist_id_given = UNSET if self.annotation_worklist_id is None else self.annotation_worklist_id
        annotation_worklist_id = annotation_worklist_id_given

        source_given = UNSET if self.source is None else self.source
        source = source_given

        imported_from_given = UNSET if self.imported_from is None else self.imported_from
        imported_from = imported_from_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file": file,
            }
        )
        if segmentation_map is not UNSET:
            field_dict["segmentation_map"] = segmentation_map
        if model_id is not UNSET:
            field_dict["model_id"] = model_id
        if annotation_worklist_id is not UNSET:
            field_dict["annotation_worklist_id"] = annotation_worklist_id
        if source is not UNSET:
            field_dict["source"] = source
        if imported_from is not UNSET:
            field_dict["imported_from"] = imported_from

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        if self.segmentation_map is not None and not isinstance(self.segmentation_map, Unset):
            files.append(("segmentation_map", (None, str(self.segmentation_map).encode(), "text/plain")))

        if self.model_id is not None and not isinstance(self.model_id, Unset):
            files.append(("model_id", (None, str(self.model_id).encode(), "text/plain")))

        if self.annotation_worklist_id is not None and not isinstance(self.annotation_worklist_id, Unset):
            files.append(("annotation_worklist_id", (None, str(self.annotation_worklist_id).encode(), "text/plain")))

        if self.source is not None and not isinstance(self.source, Unset):
            files.append(("source", (None, str(self.source).encode(), "text/plain")))

        if self.imported_from is not None and not isinstance(self.imported_from, Unset):
            files.append(("imported_from", (None, str(self.imported_from).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        file = File(payload=BytesIO(d["file"]))

        segmentation_map = d.get("segmentation_map", None)

        model_id = d.get("model_id", None)

        annotation_worklist_id = d.get("annotation_worklist_id", None)

        source = d.get("source", None)

        imported_from = d.get("imported_from", None)

        instance_ = cls(
            file=file,
            segmentation_map=segmentation_map,
            model_id=model_id,
            annotation_worklist_id=annotation_worklist_id,
            source=source,
            imported_from=imported_from,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "file",
        "segmentation_map",
        "model_id",
        "annotation_worklist_id",
        "source",
        "imported_from",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
