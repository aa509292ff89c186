from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.worklist_status import WorklistStatus, check_worklist_status
from ..types import UNSET, JSONMapping, JSONValue, Unset

if TYPE_CHECKING:
    from ..models.worklist_annotations_item import WorklistAnnotationsItem
    from ..models.worklist_annotator import WorklistAnnotator


T = TypeVar("T", bound="Worklist")


@_attrs_define
class Worklist(JSONMapping):
    id: str
    name: str
    annotators: list[WorklistAnnotator]
    description: None | str | None = None
    status: WorklistStatus | None = None
    annotations: list[WorklistAnnotationsItem] | None = None
    frame_labels: list[str] | None = None
    image_labels: list[str] | None = None
    resource_ids: list[str] | None = None
    project_id: None | str | None = None
    created_at: str | None = None
    created_by: str | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "id": "id",
        "name": "name",
        "annotators": "annotators",
        "description": "description",
        "status": "status",
        "annotations": "annotations",
        "frame_labels": "frame_labels",
        "image_labels": "image_labels",
        "resource_ids": "resource_ids",
        "project_id": "project_id",
        "created_at": "created_at",
        "created_by": "created_by",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        annotators = []
        for annotators_item_data in self.annotators:
            annotators_item = annotators_item_data.to_dict()
            annotators.append(annotators_item)

        description_given = UNSET if self.description is None else self.description
        description: None | str | Unset
        if isinstance(description_given, Unset):
            description = UNSET
        else:
            description = description_given

        status_given = UNSET if self.status is None else self.status
        status: str | Unset = UNSET
        if not isinstance(status_given, Unset):
            status = status_given

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

        resource_ids_given = UNSET if self.resource_ids is None else self.resource_ids
        resource_ids: list[str] | Unset = UNSET
        if not isinstance(resource_ids_given, Unset):
            resource_ids = resource_ids_given

        project_id_given = UNSET if self.project_id is None else self.project_id
        project_id: None | str | Unset
        if isinstance(project_id_given, Unset):
            project_id = UNSET
        else:
            project_id = project_id_given

        created_at_given = UNSET if self.created_at is None else self.created_at
        created_at = created_at_given

        created_by_given = UNSET if self.created_by is None else self.created_by
        created_by = created_by_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "annotators": annotators,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status
        if annotations is not UNSET:
            field_dict["annotations"] = annotations
        if frame_labels is not UNSET:
            field_dict["frame_labels"] = frame_labels
        if image_labels is not UNSET:
            field_dict["image_labels"] = image_labels
        if resource_ids is not UNSET:
            field_dict["resource_ids"] = resource_ids
        if project_id is not UNSET:
            field_dict["project_id"] = project_id
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if created_by is not UNSET:
            field_dict["created_by"] = created_by

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        id = d["id"]

        name = d["name"]

        annotators = []
        _annotators = d["annotators"]
        for annotators_item_data in _annotators:
            annotators_item = WorklistAnnotator.from_dict(annotators_item_data)

            annotators.append(annotators_item)

        description = d.get("description", None)

        _status = d.get("status", UNSET)
        status: WorklistStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = check_worklist_status(_status)

        _annotations = d.get("annotations", UNSET)
        annotations: list[WorklistAnnotationsItem] | Unset = UNSET
        if _annotations is not UNSET:
            annotations = []
            for annotations_item_data in _annotations:
                annotations_item = WorklistAnnotationsItem.from_dict(annotations_item_data)

                annotations.append(annotations_item)

        frame_labels = cast(list[str], d.get("frame_labels", UNSET))

        image_labels = cast(list[str], d.get("image_labels", UNSET))

        resource_ids = cast(list[str], d.get("resource_ids", UNSET))

        project_id = d.get("project_id", None)

        created_at = d.get("created_at", None)

        created_by = d.get("created_by", None)

        instance_ = cls(
            id=id,
            name=name,
            annotators=annotators,
            description=description,
            status=None if isinstance(status, Unset) else status,
            annotations=None if isinstance(annotations, Unset) else annotations,
            frame_labels=None if isinstance(frame_labels, Unset) else frame_labels,
            image_labels=None if isinstance(image_labels, Unset) else image_labels,
            resource_ids=None if isinstance(resource_ids, Unset) else resource_ids,
            project_id=project_id,
            created_at=created_at,
            created_by=created_by,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "id",
        "name",
        "annotators",
        "description",
        "status",
        "annotations",
        "frame_labels",
        "image_labels",
        "resource_ids",
        "project_id",
        "created_at",
        "created_by",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.worklist_annotations_item import WorklistAnnotationsItem  # noqa: E402
from ..models.worklist_annotator import WorklistAnnotator  # noqa: E402
