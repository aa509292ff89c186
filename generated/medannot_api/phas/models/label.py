from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Label")


@_attrs_define
class Label:
    id: int
    name: str
    description: None | str
    color: str
    """ CSS colour """
    n_samples: int
    """ Training samples with this label (all tasks) """
    n_sampling_rois: int
    """ Sampling ROIs with this label (all tasks) """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        description: None | str
        description = self.description

        color = self.color

        n_samples = self.n_samples

        n_sampling_rois = self.n_sampling_rois

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "color": color,
                "n_samples": n_samples,
                "n_sampling_rois": n_sampling_rois,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        color = d.pop("color")

        n_samples = d.pop("n_samples")

        n_sampling_rois = d.pop("n_sampling_rois")

        label = cls(
            id=id,
            name=name,
            description=description,
            color=color,
            n_samples=n_samples,
            n_sampling_rois=n_sampling_rois,
        )

        label.additional_properties = d
        return label

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
