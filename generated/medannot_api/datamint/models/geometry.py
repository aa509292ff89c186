from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue, Unset

T = TypeVar("T", bound="Geometry")


@_attrs_define
class Geometry(JSONMapping):
    """Points as [x, y, z] (z the frame index, or null); optional view vectors"""

    points: list[list[float | None]]
    view_plane_normal: list[float] | None = None
    view_up: list[float] | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "points": "points",
        "view_plane_normal": "viewPlaneNormal",
        "view_up": "viewUp",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        points = []
        for points_item_data in self.points:
            points_item = []
            for points_item_item_data in points_item_data:
                points_item_item: float | None
                points_item_item = points_item_item_data
                points_item.append(points_item_item)

            points.append(points_item)

        view_plane_normal_given = UNSET if self.view_plane_normal is None else self.view_plane_normal
        view_plane_normal: list[float] | Unset = UNSET
        if not isinstance(view_plane_normal_given, Unset):
            view_plane_normal = view_plane_normal_given

        view_up_given = UNSET if self.view_up is None else self.view_up
        view_up: list[float] | Unset = UNSET
        if not isinstance(view_up_given, Unset):
            view_up = view_up_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "points": points,
            }
        )
        if view_plane_normal is not UNSET:
            field_dict["viewPlaneNormal"] = view_plane_normal
        if view_up is not UNSET:
            field_dict["viewUp"] = view_up

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        points = []
        _points = d["points"]
        for points_item_data in _points:
            points_item = []
            _points_item = points_item_data
            for points_item_item_data in _points_item:
                points_item_item = cast("float | None", points_item_item_data)

                points_item.append(points_item_item)

            points.append(points_item)

        view_plane_normal = cast(list[float], d.get("viewPlaneNormal", UNSET))

        view_up = cast(list[float], d.get("viewUp", UNSET))

        instance_ = cls(
            points=points,
            view_plane_normal=None if isinstance(view_plane_normal, Unset) else view_plane_normal,
            view_up=None if isinstance(view_up, Unset) else view_up,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "points",
        "viewPlaneNormal",
        "viewUp",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
