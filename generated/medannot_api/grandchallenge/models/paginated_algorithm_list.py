from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue, Unset

if TYPE_CHECKING:
    from ..models.algorithm import Algorithm


T = TypeVar("T", bound="PaginatedAlgorithmList")


@_attrs_define
class PaginatedAlgorithmList(JSONMapping):
    count: int
    results: list[Algorithm]
    next_: None | str | None = None
    previous: None | str | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "count": "count",
        "results": "results",
        "next_": "next",
        "previous": "previous",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        next__given = UNSET if self.next_ is None else self.next_
        next_: None | str | Unset
        if isinstance(next__given, Unset):
            next_ = UNSET
        else:
            next_ = next__given

        previous_given = UNSET if self.previous is None else self.previous
        previous: None | str | Unset
        if isinstance(previous_given, Unset):
            previous = UNSET
        else:
            previous = previous_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "results": results,
            }
        )
        if next_ is not UNSET:
            field_dict["next"] = next_
        if previous is not UNSET:
            field_dict["previous"] = previous

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        count = d["count"]

        results = []
        _results = d["results"]
        for results_item_data in _results:
            results_item = Algorithm.from_dict(results_item_data)

            results.append(results_item)

        next_ = d.get("next", None)

        previous = d.get("previous", None)

        instance_ = cls(
            count=count,
            results=results,
            next_=next_,
            previous=previous,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "count",
        "results",
        "next",
        "previous",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.algorithm import Algorithm  # noqa: E402
