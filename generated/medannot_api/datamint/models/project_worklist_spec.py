from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue, Unset

if TYPE_CHECKING:
    from ..models.project_worklist_spec_annotations_item import ProjectWorklistSpecAnnotationsItem


T = TypeVar("T", bound="ProjectWorklistSpec")


@_attrs_define
class ProjectWorklistSpec(JSONMapping):
    """The worklist created with the project"""

    annotators: list[str] | None = None
    resource_ids: list[str] | None = None
    annotations: list[ProjectWorklistSpecAnnotationsItem] | None = None
    frame_labels: list[str] | None = None
    image_labels: list[str] | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "annotators": "annotators",
        "resource_ids": "resource_ids",
        "annotations": "annotations",
        "frame_labels": "frame_labels",
        "image_labels": "image_labels",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        annotators_given = UNSET if self.annotators is None else self.annotators
        annotators: list[str] | Unset = UNSET
        if not isinstance(annotators_given, Unset):
            annotators = annotators_given

        resource_ids_given = UNSET if self.resource_ids is None else self.resource_ids
        resource_ids: list[str] | Unset = UNSET
        if not isinstance(resource_ids_given, Unset):
            resource_ids = resource_ids_given

        annotations_given = UNSET if self.annotations is None else self.annotations
        annotations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(annotations_given, Unset):
            annotations = []
            for annotations_item_data in annotations_given:
                annotations_item = annotations_item_data.to_dict()
                annotations.append(annotations_item)

        frame_labels_given = UNSET if self.frame_labels is None else self.frame_labels
        frame_labels: list[str] | Unset = UNSET
        if not isinstance(frame_labels_given, Unset):
            frame_labels = frame_labels_given

        image_labels_given = UNSET if self.image_labels is None else self.image_labels
        image_labels: list[str] | Unset = UNSET
        if not isinstance(image_labels_given, Unset):
            image_labels = image_labels_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if annotators is not UNSET:
            field_dict["annotators"] = annotators
        if resource_ids is not UNSET:
            field_dict["resource_ids"] = resource_ids
        if annotations is not UNSET:
            field_dict["annotations"] = annotations
        if frame_labels is not UNSET:
            field_dict["frame_labels"] = frame_labels
        if image_labels is not UNSET:
            field_dict["image_labels"] = image_labels

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        annotators = cast(list[str], d.get("annotators", UNSET))

        resource_ids = cast(list[str], d.get("resource_ids", UNSET))

        _annotations = d.get("annotations", UNSET)
        annotations: list[ProjectWorklistSpecAnnotationsItem] | Unset = UNSET
        if _annotations is not UNSET:
            annotations = []
            for annotations_item_data in _annotations:
                annotations_item = ProjectWorklistSpecAnnotationsItem.from_dict(annotations_item_data)

                annotations.append(annotations_item)

        frame_labels = cast(list[str], d.get("frame_labels", UNSET))

        image_labels = cast(list[str], d.get("image_labels", UNSET))

        instance_ = cls(
            annotators=None if isinstance(annotators, Unset) else annotators,
            resource_ids=None if isinstance(resource_ids, Unset) else resource_ids,
            annotations=None if isinstance(annotations, Unset) else annotations,
            frame_labels=None if isinstance(frame_labels, Unset) else frame_labels,
            image_labels=None if isinstance(image_labels, Unset) else image_labels,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "annotators",
        "resource_ids",
        "annotations",
        "frame_labels",
        "image_labels",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.project_worklist_spec_annotations_item import ProjectWorklistSpecAnnotationsItem  # noqa: E402
