from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.data_file import DataFile
    from ..models.datastore_object_labels import DatastoreObjectLabels


T = TypeVar("T", bound="DatastoreObject")


@_attrs_define
class DatastoreObject:
    image: DataFile
    labels: DatastoreObjectLabels | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        image = self.image.to_dict()

        labels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.labels, Unset):
            labels = self.labels.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "image": image,
            }
        )
        if labels is not UNSET:
            field_dict["labels"] = labels

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.data_file import DataFile  # noqa: PLC0415
        from ..models.datastore_object_labels import DatastoreObjectLabels  # noqa: PLC0415

        d = dict(src_dict)
        image = DataFile.from_dict(d.pop("image"))

        _labels = d.pop("labels", UNSET)
        labels: DatastoreObjectLabels | Unset
        if isinstance(_labels, Unset):
            labels = UNSET
        else:
            labels = DatastoreObjectLabels.from_dict(_labels)

        datastore_object = cls(
            image=image,
            labels=labels,
        )

        datastore_object.additional_properties = d
        return datastore_object

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
