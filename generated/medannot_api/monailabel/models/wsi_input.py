from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.wsi_input_params import WSIInputParams


T = TypeVar("T", bound="WSIInput")


@_attrs_define
class WSIInput:
    level: int | Unset = 0
    location: list[int] | Unset = UNSET
    size: list[int] | Unset = UNSET
    tile_size: list[int] | Unset = UNSET
    min_poly_area: int | Unset = 80
    params: WSIInputParams | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        level = self.level

        location: list[int] | Unset = UNSET
        if not isinstance(self.location, Unset):
            location = self.location

        size: list[int] | Unset = UNSET
        if not isinstance(self.size, Unset):
            size = self.size

        tile_size: list[int] | Unset = UNSET
        if not isinstance(self.tile_size, Unset):
            tile_size = self.tile_size

        min_poly_area = self.min_poly_area

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if level is not UNSET:
            field_dict["level"] = level
        if location is not UNSET:
            field_dict["location"] = location
        if size is not UNSET:
            field_dict["size"] = size
        if tile_size is not UNSET:
            field_dict["tile_size"] = tile_size
        if min_poly_area is not UNSET:
            field_dict["min_poly_area"] = min_poly_area
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.wsi_input_params import WSIInputParams  # noqa: PLC0415

        d = dict(src_dict)
        level = d.pop("level", UNSET)

        location = cast(list[int], d.pop("location", UNSET))

        size = cast(list[int], d.pop("size", UNSET))

        tile_size = cast(list[int], d.pop("tile_size", UNSET))

        min_poly_area = d.pop("min_poly_area", UNSET)

        _params = d.pop("params", UNSET)
        params: WSIInputParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = WSIInputParams.from_dict(_params)

        wsi_input = cls(
            level=level,
            location=location,
            size=size,
            tile_size=tile_size,
            min_poly_area=min_poly_area,
            params=params,
        )

        wsi_input.additional_properties = d
        return wsi_input

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
