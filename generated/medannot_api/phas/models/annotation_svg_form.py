from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AnnotationSvgForm")


@_attrs_define
class AnnotationSvgForm:
    stroke_width: int | Unset = 480
    strip_width: int | Unset = 0
    font_size: str | Unset = "2000px"
    font_color: str | Unset = "black"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        stroke_width = self.stroke_width

        strip_width = self.strip_width

        font_size = self.font_size

        font_color = self.font_color

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if stroke_width is not UNSET:
            field_dict["stroke_width"] = stroke_width
        if strip_width is not UNSET:
            field_dict["strip_width"] = strip_width
        if font_size is not UNSET:
            field_dict["font_size"] = font_size
        if font_color is not UNSET:
            field_dict["font_color"] = font_color

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        stroke_width = d.pop("stroke_width", UNSET)

        strip_width = d.pop("strip_width", UNSET)

        font_size = d.pop("font_size", UNSET)

        font_color = d.pop("font_color", UNSET)

        annotation_svg_form = cls(
            stroke_width=stroke_width,
            strip_width=strip_width,
            font_size=font_size,
            font_color=font_color,
        )

        annotation_svg_form.additional_properties = d
        return annotation_svg_form

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
