from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.datastore_objects import DatastoreObjects


T = TypeVar("T", bound="Datastore")


@_attrs_define
class Datastore:
    name: str
    description: str
    objects: DatastoreObjects
    images_dir: str | Unset = UNSET
    labels_dir: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        objects = self.objects.to_dict()

        images_dir = self.images_dir

        labels_dir = self.labels_dir

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "description": description,
                "objects": objects,
            }
        )
        if images_dir is not UNSET:
            field_dict["images_dir"] = images_dir
        if labels_dir is not UNSET:
            field_dict["labels_dir"] = labels_dir

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.datastore_objects import DatastoreObjects  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description")

        objects = DatastoreObjects.from_dict(d.pop("objects"))

        images_dir = d.pop("images_dir", UNSET)

        labels_dir = d.pop("labels_dir", UNSET)

        datastore = cls(
            name=name,
            description=description,
            objects=objects,
            images_dir=images_dir,
            labels_dir=labels_dir,
        )

        datastore.additional_properties = d
        return datastore

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
