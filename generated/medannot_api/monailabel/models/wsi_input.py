from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue, Unset

if TYPE_CHECKING:
    from ..models.wsi_input_params import WSIInputParams


T = TypeVar("T", bound="WSIInput")


@_attrs_define
class WSIInput(JSONMapping):
    level: int = 0
    location: list[int] | None = None
    size: list[int] | None = None
    tile_size: list[int] | None = None
    min_poly_area: int = 80
    params: WSIInputParams | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "level": "level",
        "location": "location",
        "size": "size",
        "tile_size": "tile_size",
        "min_poly_area": "min_poly_area",
        "params": "params",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        level_given: int | Unset = self.level
        level = level_given

        location_given = UNSET if self.location is None else self.location
        location: list[int] | Unset = UNSET
        if not isinstance(location_given, Unset):
            location = location_given

        size_given = UNSET if self.size is None else self.size
        size: list[int] | Unset = UNSET
        if not isinstance(size_given, Unset):
            size = size_given

        tile_size_given = UNSET if self.tile_size is None else self.tile_size
        tile_size: list[int] | Unset = UNSET
        if not isinstance(tile_size_given, Unset):
            tile_size = tile_size_given

        min_poly_area_given: int | Unset = self.min_poly_area
        min_poly_area = min_poly_area_given

        params_given = UNSET if self.params is None else self.params
        params: dict[str, Any] | Unset = UNSET
        if not isinstance(params_given, Unset):
            params = params_given.to_dict()

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
        d = src_dict
        level = d.get("level", 0)

        location = cast(list[int], d.get("location", UNSET))

        size = cast(list[int], d.get("size", UNSET))

        tile_size = cast(list[int], d.get("tile_size", UNSET))

        min_poly_area = d.get("min_poly_area", 80)

        _params = d.get("params", UNSET)
        params: WSIInputParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = WSIInputParams.from_dict(_params)

        instance_ = cls(
            level=level,
            location=None if isinstance(location, Unset) else location,
            size=None if isinstance(size, Unset) else size,
            tile_size=None if isinstance(tile_size, Unset) else tile_size,
            min_poly_area=min_poly_area,
            params=None if isinstance(params, Unset) else params,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "level",
        "location",
        "size",
        "tile_size",
        "min_poly_area",
        "params",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.wsi_input_params import WSIInputParams  # noqa: E402
