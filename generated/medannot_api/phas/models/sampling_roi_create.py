from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.sampling_roi_geometry import SamplingRoiGeometry


T = TypeVar("T", bound="SamplingRoiCreate")


@_attrs_define
class SamplingRoiCreate:
    label_id: int
    geometry: SamplingRoiGeometry
    """ `polygon`: data = [[x, y], ...]; `trapezoid`: data = [[x0, y0, w0], [x1, y1, w1]] (a centre line
    with half-widths). Coordinates in the space chosen by mode/resolution.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        label_id = self.label_id

        geometry = self.geometry.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "label_id": label_id,
                "geometry": geometry,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sampling_roi_geometry import SamplingRoiGeometry  # noqa: PLC0415

        d = dict(src_dict)
        label_id = d.pop("label_id")

        geometry = SamplingRoiGeometry.from_dict(d.pop("geometry"))

        sampling_roi_create = cls(
            label_id=label_id,
            geometry=geometry,
        )

        sampling_roi_create.additional_properties = d
        return sampling_roi_create

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
