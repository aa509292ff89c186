from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import JSONMapping, JSONValue

if TYPE_CHECKING:
    from ..models.open_slide_header_properties import OpenSlideHeaderProperties


T = TypeVar("T", bound="OpenSlideHeader")


@_attrs_define
class OpenSlideHeader(JSONMapping):
    properties: OpenSlideHeaderProperties
    """ OpenSlide properties (e.g. openslide.vendor, openslide.mpp-x), values as text """
    level_dimensions: list[list[int]]
    """ (width, height) of each pyramid level """
    level_downsamples: list[float]
    """ Downsample factor of each level relative to level 0 """
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "properties": "properties",
        "level_dimensions": "level_dimensions",
        "level_downsamples": "level_downsamples",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

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
        d = src_dict
        properties = OpenSlideHeaderProperties.from_dict(d["properties"])

        level_dimensions = []
        _level_dimensions = d["level_dimensions"]
        for level_dimensions_item_data in _level_dimensions:
            level_dimensions_item = cast(list[int], level_dimensions_item_data)

            level_dimensions.append(level_dimensions_item)

        level_downsamples = cast(list[float], d["level_downsamples"])

        instance_ = cls(
            properties=properties,
            level_dimensions=level_dimensions,
            level_downsamples=level_downsamples,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "properties",
        "level_dimensions",
        "level_downsamples",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.open_slide_header_properties import OpenSlideHeaderProperties  # noqa: E402
