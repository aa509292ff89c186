from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sampling_roi_geometry_type import SamplingRoiGeometryType, check_sampling_roi_geometry_type
from ..types import JSONMapping, JSONValue

T = TypeVar("T", bound="SamplingRoiGeometry")


@_attrs_define
class SamplingRoiGeometry(JSONMapping):
    """`polygon`: data = [[x, y], ...]; `trapezoid`: data = [[x0, y0, w0], [x1, y1, w1]] (a centre line
    with half-widths). Coordinates in the space chosen by mode/resolution.

    """

    type_: SamplingRoiGeometryType
    data: list[list[float]]
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "type_": "type",
        "data": "data",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

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
        d = src_dict
        type_ = check_sampling_roi_geometry_type(d["type"])

        data = []
        _data = d["data"]
        for data_item_data in _data:
            data_item = cast(list[float], data_item_data)

            data.append(data_item)

        instance_ = cls(
            type_=type_,
            data=data,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "type",
        "data",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
