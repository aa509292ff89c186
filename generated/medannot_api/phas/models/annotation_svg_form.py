from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue, Unset

T = TypeVar("T", bound="AnnotationSvgForm")


@_attrs_define
class AnnotationSvgForm(JSONMapping):
    stroke_width: int = 480
    strip_width: int = 0
    font_size: str = "2000px"
    font_color: str = "black"
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "stroke_width": "stroke_width",
        "strip_width": "strip_width",
        "font_size": "font_size",
        "font_color": "font_color",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        stroke_width_given: int | Unset = self.stroke_width
        stroke_width = stroke_width_given

        strip_width_given: int | Unset = self.strip_width
        strip_width = strip_width_given

        font_size_given: str | Unset = self.font_size
        font_size = font_size_given

        font_color_given: str | Unset = self.font_color
        font_color = font_color_given

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
        d = src_dict
        stroke_width = d.get("stroke_width", 480)

        strip_width = d.get("strip_width", 0)

        font_size = d.get("font_size", "2000px")

        font_color = d.get("font_color", "black")

        instance_ = cls(
            stroke_width=stroke_width,
            strip_width=strip_width,
            font_size=font_size,
            font_color=font_color,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "stroke_width",
        "strip_width",
        "font_size",
        "font_color",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
