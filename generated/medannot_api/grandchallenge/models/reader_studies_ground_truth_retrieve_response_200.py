from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import JSONMapping

if TYPE_CHECKING:
    from ..models.ground_truth_answer import GroundTruthAnswer


T = TypeVar("T", bound="ReaderStudiesGroundTruthRetrieveResponse200")


@_attrs_define
class ReaderStudiesGroundTruthRetrieveResponse200(JSONMapping):
    """question pk -> the ground truth answer"""

    additional_properties: dict[str, GroundTruthAnswer] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {}
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop.to_dict()

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        instance_ = cls()
        instance_._source = src_dict

        additional_properties = {}
        for prop_name, prop_dict in _extras(d).items():
            additional_property = GroundTruthAnswer.from_dict(prop_dict)

            additional_properties[prop_name] = additional_property

        instance_.additional_properties = additional_properties
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(())


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.ground_truth_answer import GroundTruthAnswer  # noqa: E402
