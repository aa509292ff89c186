from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue, Unset

T = TypeVar("T", bound="ResourceSelection")


@_attrs_define
class ResourceSelection(JSONMapping):
    """Resources to add to or remove from a dataset, project or worklist"""

    resource_ids_to_add: list[str] | None = None
    resource_ids_to_delete: list[str] | None = None
    all_files_selected: bool | None = None
    project_id: str | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "resource_ids_to_add": "resource_ids_to_add",
        "resource_ids_to_delete": "resource_ids_to_delete",
        "all_files_selected": "all_files_selected",
        "project_id": "project_id",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        resource_ids_to_add_given = UNSET if self.resource_ids_to_add is None else self.resource_ids_to_add
        resource_ids_to_add: list[str] | Unset = UNSET
        if not isinstance(resource_ids_to_add_given, Unset):
            resource_ids_to_add = resource_ids_to_add_given

        resource_ids_to_delete_given = UNSET if self.resource_ids_to_delete is None else self.resource_ids_to_delete
        resource_ids_to_delete: list[str] | Unset = UNSET
        if not isinstance(resource_ids_to_delete_given, Unset):
            resource_ids_to_delete = resource_ids_to_delete_given

        all_files_selected_given = UNSET if self.all_files_selected is None else self.all_files_selected
        all_files_selected = all_files_selected_given

        project_id_given = UNSET if self.project_id is None else self.project_id
        project_id = project_id_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if resource_ids_to_add is not UNSET:
            field_dict["resource_ids_to_add"] = resource_ids_to_add
        if resource_ids_to_delete is not UNSET:
            field_dict["resource_ids_to_delete"] = resource_ids_to_delete
        if all_files_selected is not UNSET:
            field_dict["all_files_selected"] = all_files_selected
        if project_id is not UNSET:
            field_dict["project_id"] = project_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        resource_ids_to_add = cast(list[str], d.get("resource_ids_to_add", UNSET))

        resource_ids_to_delete = cast(list[str], d.get("resource_ids_to_delete", UNSET))

        all_files_selected = d.get("all_files_selected", None)

        project_id = d.get("project_id", None)

        instance_ = cls(
            resource_ids_to_add=None if isinstance(resource_ids_to_add, Unset) else resource_ids_to_add,
            resource_ids_to_delete=None if isinstance(resource_ids_to_delete, Unset) else resource_ids_to_delete,
            all_files_selected=all_files_selected,
            project_id=project_id,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "resource_ids_to_add",
        "resource_ids_to_delete",
        "all_files_selected",
        "project_id",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
