from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.datastore_status_label_tags import DatastoreStatusLabelTags


T = TypeVar("T", bound="DatastoreStatus")


@_attrs_define
class DatastoreStatus:
    total: int
    completed: int
    label_tags: DatastoreStatusLabelTags
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        completed = self.completed

        label_tags = self.label_tags.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "completed": completed,
                "label_tags": label_tags,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.datastore_status_label_tags import DatastoreStatusLabelTags  # noqa: PLC0415

        d = dict(src_dict)
        total = d.pop("total")

        completed = d.pop("completed")

        label_tags = DatastoreStatusLabelTags.from_dict(d.pop("label_tags"))

        datastore_status = cls(
            total=total,
            completed=completed,
            label_tags=label_tags,
        )

        datastore_status.additional_properties = d
        return datastore_status

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
