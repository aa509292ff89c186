from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue, Unset

T = TypeVar("T", bound="AnnotationSearch")


@_attrs_define
class AnnotationSearch(JSONMapping):
    """Filters of `POST /annotations/search`; the SDK sends `offset` and `limit` as strings"""

    resource_id: str | None = None
    resource_ids: list[str] | None = None
    annotation_type: str | None = None
    annotator_email: str | None = None
    from_: str | None = None
    to: str | None = None
    dataset_id: str | None = None
    annotation_worklist_id: str | None = None
    status: str | None = None
    source: str | None = None
    deleted: bool | str | None = None
    load_ai_segmentations: bool | None = None
    offset: int | str | None = None
    limit: int | str | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "resource_id": "resource_id",
        "resource_ids": "resource_ids",
        "annotation_type": "annotation_type",
        "annotator_email": "annotatorEmail",
        "from_": "from",
        "to": "to",
        "dataset_id": "dataset_id",
        "annotation_worklist_id": "annotation_worklist_id",
        "status": "status",
        "source": "source",
        "deleted": "deleted",
        "load_ai_segmentations": "load_ai_segmentations",
        "offset": "offset",
        "limit": "limit",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        resource_id_given = UNSET if self.resource_id is None else self.resource_id
        resource_id = resource_id_given

        resource_ids_given = UNSET if self.resource_ids is None else self.resource_ids
        resource_ids: list[str] | Unset = UNSET
        if not isinstance(resource_ids_given, Unset):
            resource_ids = resource_ids_given

        annotation_type_given = UNSET if self.annotation_type is None else self.annotation_type
        annotation_type = annotation_type_given

        annotator_email_given = UNSET if self.annotator_email is None else self.annotator_email
        annotator_email = annotator_email_given

        from__given = UNSET if self.from_ is None else self.from_
        from_ = from__given

        to_given = UNSET if self.to is None else self.to
        to = to_given

        dataset_id_given = UNSET if self.dataset_id is None else self.dataset_id
        dataset_id = dataset_id_given

        annotation_worklist_id_given = UNSET if self.annotation_worklist_id is None else self.annotation_worklist_id
        annotation_worklist_id = annotation_worklist_id_given

        status_given = UNSET if self.status is None else self.status
        status = status_given

        source_given = UNSET if self.source is None else self.source
        source = source_given

        deleted_given = UNSET if self.deleted is None else self.deleted
        deleted: bool | str | Unset
        if isinstance(deleted_given, Unset):
            deleted = UNSET
        else:
            deleted = deleted_given

        load_ai_segmentations_given = UNSET if self.load_ai_segmentations is None else self.load_ai_segmentations
        load_ai_segmentations = load_ai_segmentations_given

        offset_given = UNSET if self.offset is None else self.offset
        offset: int | str | Unset
        if isinstance(offset_given, Unset):
            offset = UNSET
        else:
            offset = offset_given

        limit_given = UNSET if self.limit is None else self.limit
        limit: int | str | Unset
        if isinstance(limit_given, Unset):
            limit = UNSET
        else:
            limit = limit_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if resource_id is not UNSET:
            field_dict["resource_id"] = resource_id
        if resource_ids is not UNSET:
            field_dict["resource_ids"] = resource_ids
        if annotation_type is not UNSET:
            field_dict["annotation_type"] = annotation_type
        if annotator_email is not UNSET:
            field_dict["annotatorEmail"] = annotator_email
        if from_ is not UNSET:
            field_dict["from"] = from_
        if to is not UNSET:
            field_dict["to"] = to
        if dataset_id is not UNSET:
            field_dict["dataset_id"] = dataset_id
        if annotation_worklist_id is not UNSET:
            field_dict["annotation_worklist_id"] = annotation_worklist_id
        if status is not UNSET:
            field_dict["status"] = status
        if source is not UNSET:
            field_dict["source"] = source
        if deleted is not UNSET:
            field_dict["deleted"] = deleted
        if load_ai_segmentations is not UNSET:
            field_dict["load_ai_segmentations"] = load_ai_segmentations
        if offset is not UNSET:
            field_dict["offset"] = offset
        if limit is not UNSET:
            field_dict["limit"] = limit

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        resource_id = d.get("resource_id", None)

        resource_ids = cast(list[str], d.get("resource_ids", UNSET))

        annotation_type = d.get("annotation_type", None)

        annotator_email = d.get("annotatorEmail", None)

        from_ = d.get("from", None)

        to = d.get("to", None)

        dataset_id = d.get("dataset_id", None)

        annotation_worklist_id = d.get("annotation_worklist_id", None)

        status = d.get("status", None)

        source = d.get("source", None)

        deleted = d.get("deleted", None)

        load_ai_segmentations = d.get("load_ai_segmentations", None)

        offset = d.get("offset", None)

        limit = d.get("limit", None)

        instance_ = cls(
            resource_id=resource_id,
            resource_ids=None if isinstance(resource_ids, Unset) else resource_ids,
            annotation_type=annotation_type,
            annotator_email=annotator_email,
            from_=from_,
            to=to,
            dataset_id=dataset_id,
            annotation_worklist_id=annotation_worklist_id,
            status=status,
            source=source,
            deleted=deleted,
            load_ai_segmentations=load_ai_segmentations,
            offset=offset,
            limit=limit,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "resource_id",
        "resource_ids",
        "annotation_type",
        "annotatorEmail",
        "from",
        "to",
        "dataset_id",
        "annotation_worklist_id",
        "status",
        "source",
        "deleted",
        "load_ai_segmentations",
        "offset",
        "limit",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
