from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue, Unset

if TYPE_CHECKING:
    from ..models.channel_resource import ChannelResource


T = TypeVar("T", bound="Channel")


@_attrs_define
class Channel(JSONMapping):
    resource_data: list[ChannelResource]
    channel_name: None | str | None = None
    deleted: bool | None = None
    created_at: None | str | None = None
    updated_at: None | str | None = None
    resource_count: int | str | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "resource_data": "resource_data",
        "channel_name": "channel_name",
        "deleted": "deleted",
        "created_at": "created_at",
        "updated_at": "updated_at",
        "resource_count": "resource_count",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        resource_data = []
        for resource_data_item_data in self.resource_data:
            resource_data_item = resource_data_item_data.to_dict()
            resource_data.append(resource_data_item)

        channel_name_given = UNSET if self.channel_name is None else self.channel_name
        channel_name: None | str | Unset
        if isinstance(channel_name_given, Unset):
            channel_name = UNSET
        else:
            channel_name = channel_name_given

        deleted_given = UNSET if self.deleted is None else self.deleted
        deleted = deleted_given

        created_at_given = UNSET if self.created_at is None else self.created_at
        created_at: None | str | Unset
        if isinstance(created_at_given, Unset):
            created_at = UNSET
        else:
            created_at = created_at_given

        updated_at_given = UNSET if self.updated_at is None else self.updated_at
        updated_at: None | str | Unset
        if isinstance(updated_at_given, Unset):
            updated_at = UNSET
        else:
            updated_at = updated_at_given

        resource_count_given = UNSET if self.resource_count is None else self.resource_count
        resource_count: int | str | Unset
        if isinstance(resource_count_given, Unset):
            resource_count = UNSET
        else:
            resource_count = resource_count_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "resource_data": resource_data,
            }
        )
        if channel_name is not UNSET:
            field_dict["channel_name"] = channel_name
        if deleted is not UNSET:
            field_dict["deleted"] = deleted
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if resource_count is not UNSET:
            field_dict["resource_count"] = resource_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        resource_data = []
        _resource_data = d["resource_data"]
        for resource_data_item_data in _resource_data:
            resource_data_item = ChannelResource.from_dict(resource_data_item_data)

            resource_data.append(resource_data_item)

        channel_name = d.get("channel_name", None)

        deleted = d.get("deleted", None)

        created_at = d.get("created_at", None)

        updated_at = d.get("updated_at", None)

        resource_count = d.get("resource_count", None)

        instance_ = cls(
            resource_data=resource_data,
            channel_name=channel_name,
            deleted=deleted,
            created_at=created_at,
            updated_at=updated_at,
            resource_count=resource_count,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "resource_data",
        "channel_name",
        "deleted",
        "created_at",
        "updated_at",
        "resource_count",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.channel_resource import ChannelResource  # noqa: E402
