from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue, Unset

T = TypeVar("T", bound="ProjectWorklist")


@_attrs_define
class ProjectWorklist(JSONMapping):
    worklist_id: str
    worklist_name: str
    annotators: list[str] | None = None
    resource_count: int | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "worklist_id": "worklist_id",
        "worklist_name": "worklist_name",
        "annotators": "annotators",
        "resource_count": "resource_count",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        worklist_id = self.worklist_id

        worklist_name = self.worklist_name

        annotators_given = UNSET if self.annotators is None else self.annotators
        annotators: list[str] | Unset = UNSET
        if not isinstance(annotators_given, Unset):
            annotators = annotators_given

        resource_count_given = UNSET if self.resource_count is None else self.resource_count
        resource_count = resource_count_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "worklist_id": worklist_id,
                "worklist_name": worklist_name,
            }
        )
        if annotators is not UNSET:
            field_dict["annotators"] = annotators
        if resource_count is not UNSET:
            field_dict["resource_count"] = resource_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        worklist_id = d["worklist_id"]

        worklist_name = d["worklist_name"]

        annotators = cast(list[str], d.get("annotators", UNSET))

        resource_count = d.get("resource_count", None)

        instance_ = cls(
            worklist_id=worklist_id,
            worklist_name=worklist_name,
            annotators=None if isinstance(annotators, Unset) else annotators,
            resource_count=resource_count,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "worklist_id",
        "worklist_name",
        "annotators",
        "resource_count",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
