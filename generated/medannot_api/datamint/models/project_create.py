from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue, Unset

if TYPE_CHECKING:
    from ..models.project_create_segmentation_data import ProjectCreateSegmentationData
    from ..models.project_worklist_spec import ProjectWorklistSpec


T = TypeVar("T", bound="ProjectCreate")


@_attrs_define
class ProjectCreate(JSONMapping):
    name: str
    description: None | str | None = None
    is_active_learning: bool | None = None
    resource_ids: list[str] | None = None
    segmentation_data: ProjectCreateSegmentationData | None = None
    annotation_set: ProjectWorklistSpec | None = None
    """ The worklist created with the project """
    two_up_display: bool | None = None
    require_review: bool | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "name": "name",
        "description": "description",
        "is_active_learning": "is_active_learning",
        "resource_ids": "resource_ids",
        "segmentation_data": "segmentationData",
        "annotation_set": "annotation_set",
        "two_up_display": "two_up_display",
        "require_review": "require_review",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description_given = UNSET if self.description is None else self.description
        description: None | str | Unset
        if isinstance(description_given, Unset):
            description = UNSET
        else:
            description = description_given

        is_active_learning_given = UNSET if self.is_active_learning is None else self.is_active_learning
        is_active_learning = is_active_learning_given

        resource_ids_given = UNSET if self.resource_ids is None else self.resource_ids
        resource_ids: list[str] | Unset = UNSET
        if not isinstance(resource_ids_given, Unset):
            resource_ids = resource_ids_given

        segmentation_data_given = UNSET if self.segmentation_data is None else self.segmentation_data
        segmentation_data: dict[str, Any] | Unset = UNSET
        if not isinstance(segmentation_data_given, Unset):
            segmentation_data = segmentation_data_given.to_dict()

        annotation_set_given = UNSET if self.annotation_set is None else self.annotation_set
        annotation_set: dict[str, Any] | Unset = UNSET
        if not isinstance(annotation_set_given, Unset):
            annotation_set = annotation_set_given.to_dict()

        two_up_display_given = UNSET if self.two_up_display is None else self.two_up_display
        two_up_display = two_up_display_given

        require_review_given = UNSET if self.require_review is None else self.require_review
        require_review = require_review_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if is_active_learning is not UNSET:
            field_dict["is_active_learning"] = is_active_learning
        if resource_ids is not UNSET:
            field_dict["resource_ids"] = resource_ids
        if segmentation_data is not UNSET:
            field_dict["segmentationData"] = segmentation_data
        if annotation_set is not UNSET:
            field_dict["annotation_set"] = annotation_set
        if two_up_display is not UNSET:
            field_dict["two_up_display"] = two_up_display
        if require_review is not UNSET:
            field_dict["require_review"] = require_review

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        name = d["name"]

        description = d.get("description", None)

        is_active_learning = d.get("is_active_learning", None)

        resource_ids = cast(list[str], d.get("resource_ids", UNSET))

        _segmentation_data = d.get("segmentationData", UNSET)
        segmentation_data: ProjectCreateSegmentationData | Unset
        if isinstance(_segmentation_data, Unset):
            segmentation_data = UNSET
        else:
            segmentation_data = ProjectCreateSegmentationData.from_dict(_segmentation_data)

        _annotation_set = d.get("annotation_set", UNSET)
        annotation_set: ProjectWorklistSpec | Unset
        if isinstance(_annotation_set, Unset):
            annotation_set = UNSET
        else:
            annotation_set = ProjectWorklistSpec.from_dict(_annotation_set)

        two_up_display = d.get("two_up_display", None)

        require_review = d.get("require_review", None)

        instance_ = cls(
            name=name,
            description=description,
            is_active_learning=is_active_learning,
            resource_ids=None if isinstance(resource_ids, Unset) else resource_ids,
            segmentation_data=None if isinstance(segmentation_data, Unset) else segmentation_data,
            annotation_set=None if isinstance(annotation_set, Unset) else annotation_set,
            two_up_display=two_up_display,
            require_review=require_review,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "name",
        "description",
        "is_active_learning",
        "resource_ids",
        "segmentationData",
        "annotation_set",
        "two_up_display",
        "require_review",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.project_create_segmentation_data import ProjectCreateSegmentationData  # noqa: E402
from ..models.project_worklist_spec import ProjectWorklistSpec  # noqa: E402
