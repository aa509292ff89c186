from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.color_interpolation_enum import ColorInterpolationEnum, check_color_interpolation_enum
from ..types import JSONMapping, JSONValue

T = TypeVar("T", bound="LookUpTable")


@_attrs_define
class LookUpTable(JSONMapping):
    pk: int
    slug: str
    title: str
    description: None | str
    color: str
    alpha: str
    color_invert: None | str
    alpha_invert: None | str
    range_min: int | None
    range_max: int | None
    relative: bool | None
    color_interpolation: ColorInterpolationEnum | None
    color_interpolation_invert: ColorInterpolationEnum | None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "pk": "pk",
        "slug": "slug",
        "title": "title",
        "description": "description",
        "color": "color",
        "alpha": "alpha",
        "color_invert": "color_invert",
        "alpha_invert": "alpha_invert",
        "range_min": "range_min",
        "range_max": "range_max",
        "relative": "relative",
        "color_interpolation": "color_interpolation",
        "color_interpolation_invert": "color_interpolation_invert",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        pk = self.pk

        slug = self.slug

        title = self.title

        description: None | str
        description = self.description

        color = self.color

        alpha = self.alpha

        color_invert: None | str
        color_invert = self.color_invert

        alpha_invert: None | str
        alpha_invert = self.alpha_invert

        range_min: int | None
        range_min = self.range_min

        range_max: int | None
        range_max = self.range_max

        relative: bool | None
        relative = self.relative

        color_interpolation: None | str
        if isinstance(self.color_interpolation, str):
            color_interpolation = self.color_interpolation
        else:
            color_interpolation = self.color_interpolation

        color_interpolation_invert: None | str
        if isinstance(self.color_interpolation_invert, str):
            color_interpolation_invert = self.color_interpolation_invert
        else:
            color_interpolation_invert = self.color_interpolation_invert

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "slug": slug,
                "title": title,
                "description": description,
                "color": color,
                "alpha": alpha,
                "color_invert": color_invert,
                "alpha_invert": alpha_invert,
                "range_min": range_min,
                "range_max": range_max,
                "relative": relative,
                "color_interpolation": color_interpolation,
                "color_interpolation_invert": color_interpolation_invert,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        pk = d["pk"]

        slug = d["slug"]

        title = d["title"]

        description = d["description"]

        color = d["color"]

        alpha = d["alpha"]

        color_invert = d["color_invert"]

        alpha_invert = d["alpha_invert"]

        range_min = d["range_min"]

        range_max = d["range_max"]

        relative = d["relative"]

        _color_interpolation = d["color_interpolation"]
        color_interpolation: ColorInterpolationEnum | None
        if _color_interpolation is None:
            color_interpolation = None
        elif not isinstance(_color_interpolation, str):
            color_interpolation = cast("ColorInterpolationEnum | None", _color_interpolation)
        else:
            try:
                color_interpolation_type_0 = check_color_interpolation_enum(_color_interpolation)

                color_interpolation = color_interpolation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                color_interpolation = cast("ColorInterpolationEnum | None", _color_interpolation)

        _color_interpolation_invert = d["color_interpolation_invert"]
        color_interpolation_invert: ColorInterpolationEnum | None
        if _color_interpolation_invert is None:
            color_interpolation_invert = None
        elif not isinstance(_color_interpolation_invert, str):
            color_interpolation_invert = cast("ColorInterpolationEnum | None", _color_interpolation_invert)
        else:
            try:
                color_interpolation_invert_type_0 = check_color_interpolation_enum(_color_interpolation_invert)

                color_interpolation_invert = color_interpolation_invert_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                color_interpolation_invert = cast("ColorInterpolationEnum | None", _color_interpolation_invert)

        instance_ = cls(
            pk=pk,
            slug=slug,
            title=title,
            description=description,
            color=color,
            alpha=alpha,
            color_invert=color_invert,
            alpha_invert=alpha_invert,
            range_min=range_min,
            range_max=range_max,
            relative=relative,
            color_interpolation=color_interpolation,
            color_interpolation_invert=color_interpolation_invert,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "pk",
        "slug",
        "title",
        "description",
        "color",
        "alpha",
        "color_invert",
        "alpha_invert",
        "range_min",
        "range_max",
        "relative",
        "color_interpolation",
        "color_interpolation_invert",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
