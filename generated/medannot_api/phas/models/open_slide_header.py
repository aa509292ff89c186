from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.open_slide_header_properties import OpenSlideHeaderProperties


T = TypeVar("T", bound="OpenSlideHeader")


@_attrs_define
class OpenSlideHeader:
    properties: OpenSlideHeaderProperties
    """ OpenSlide properties (e.g. openslide.vendor, openslide.mpp-x), values as text """
    level_dimensions: list[list[int]]
    """ (width, height) of each pyramid level """
    level_downsamples: list[float]
    """ Downsample factor of each level relative to level 0 """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        properties = self.properties.to_dict()

        level_dimensions = []
        for level_dimensions_item_data in self.level_dimensions:
            level_dimensions_item = level_dimensions_item_data

            level_dimensions.append(level_dimensions_item)

        level_downsamples = self.level_downsamples

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "properties": properties,
                "level_dimensions": level_dimensions,
                "level_downsamples": level_downsamples,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.open_slide_header_properties import OpenSlideHeaderProperties  # noqa: PLC0415

        d = dict(src_dict)
        properties = OpenSlideHeaderProperties.from_dict(d.pop("properties"))

        level_dimensions = []
        _level_dimensions = d.pop("level_dimensions")
        for level_dimensions_item_data in _level_dimensions:
            level_dimensions_item = cast(list[int], level_dimensions_item_data)

            level_dimensions.append(level_dimensions_item)

        level_downsamples = cast(list[float], d.pop("level_downsamples"))

        open_slide_header = cls(
            properties=properties,
            level_dimensions=level_dimensions,
            level_downsamples=level_downsamples,
        )

        open_slide_header.additional_properties = d
        return open_slide_header

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
