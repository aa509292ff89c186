from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import JSONMapping, JSONValue

T = TypeVar("T", bound="Label")


@_attrs_define
class Label(JSONMapping):
    id: int
    name: str
    description: None | str
    color: str
    """ CSS colour """
    n_samples: int
    """ Training samples with this label (all tasks) """
    n_sampling_rois: int
    """ Sampling ROIs with this label (all tasks) """
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "id": "id",
        "name": "name",
        "description": "description",
        "color": "color",
        "n_samples": "n_samples",
        "n_sampling_rois": "n_sampling_rois",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        description: None | str
        description = self.description

        color = self.color

        n_samples = self.n_samples

        n_sampling_rois = self.n_sampling_rois

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "color": color,
                "n_samples": n_samples,
                "n_sampling_rois": n_sampling_rois,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        id = d["id"]

        name = d["name"]

        description = d["description"]

        color = d["color"]

        n_samples = d["n_samples"]

        n_sampling_rois = d["n_sampling_rois"]

        instance_ = cls(
            id=id,
            name=name,
            description=description,
            color=color,
            n_samples=n_samples,
            n_sampling_rois=n_sampling_rois,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "id",
        "name",
        "description",
        "color",
        "n_samples",
        "n_sampling_rois",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
