from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sampling_roi_geometry_type import SamplingRoiGeometryType, check_sampling_roi_geometry_type

T = TypeVar("T", bound="SamplingRoiGeometry")


@_attrs_define
class SamplingRoiGeometry:
    """`polygon`: data = [[x, y], ...]; `trapezoid`: data = [[x0, y0, w0], [x1, y1, w1]] (a centre line
    with half-widths). Coordinates in the space chosen by mode/resolution.

    """

    type_: SamplingRoiGeometryType
    data: list[list[float]]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        data = []
        for data_item_data in self.data:
            data_item = data_item_data

            data.append(data_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = check_sampling_roi_geometry_type(d.pop("type"))

        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = cast(list[float], data_item_data)

            data.append(data_item)

        sampling_roi_geometry = cls(
            type_=type_,
            data=data,
        )

        sampling_roi_geometry.additional_properties = d
        return sampling_roi_geometry

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
