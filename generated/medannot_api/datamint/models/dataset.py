from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import JSONMapping, JSONValue

T = TypeVar("T", bound="Dataset")


@_attrs_define
class Dataset(JSONMapping):
    id: str
    name: str
    description: str
    created_at: str
    created_by: str
    customer_id: str
    updated_at: None | str
    total_resource: int
    resource_ids: list[str]
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "id": "id",
        "name": "name",
        "description": "description",
        "created_at": "created_at",
        "created_by": "created_by",
        "customer_id": "customer_id",
        "updated_at": "updated_at",
        "total_resource": "total_resource",
        "resource_ids": "resource_ids",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        description = self.description

        created_at = self.created_at

        created_by = self.created_by

        customer_id = self.customer_id

        updated_at: None | str
        updated_at = self.updated_at

        total_resource = self.total_resource

        resource_ids = self.resource_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "created_at": created_at,
                "created_by": created_by,
                "customer_id": customer_id,
                "updated_at": updated_at,
                "total_resource": total_resource,
                "resource_ids": resource_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        id = d["id"]

        name = d["name"]

        description = d["description"]

        created_at = d["created_at"]

        created_by = d["created_by"]

        customer_id = d["customer_id"]

        updated_at = d["updated_at"]

        total_resource = d["total_resource"]

        resource_ids = cast(list[str], d["resource_ids"])

        instance_ = cls(
            id=id,
            name=name,
            description=description,
            created_at=created_at,
            created_by=created_by,
            customer_id=customer_id,
            updated_at=updated_at,
            total_resource=total_resource,
            resource_ids=resource_ids,
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
        "description",
        "created_at",
        "created_by",
        "customer_id",
        "updated_at",
        "total_resource",
        "resource_ids",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
