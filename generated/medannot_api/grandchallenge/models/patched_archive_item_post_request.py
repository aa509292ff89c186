from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue, Unset

if TYPE_CHECKING:
    from ..models.component_interface_value_post_request import ComponentInterfaceValuePostRequest


T = TypeVar("T", bound="PatchedArchiveItemPostRequest")


@_attrs_define
class PatchedArchiveItemPostRequest(JSONMapping):
    archive: str | None = None
    """ The archive's API URL """
    values: list[ComponentInterfaceValuePostRequest] | None = None  # type: ignore[assignment]  # the typed field wins over Mapping's method
    """ Only on update: values cannot be given when the item is created """
    title: str | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "archive": "archive",
        "values": "values",
        "title": "title",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        archive_given = UNSET if self.archive is None else self.archive
        archive = archive_given

        values_given = UNSET if self.values is None else self.values
        values: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(values_given, Unset):
            values = []
            for values_item_data in values_given:
                values_item = values_item_data.to_dict()
                values.append(values_item)

        title_given = UNSET if self.title is None else self.title
        title = title_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if archive is not UNSET:
            field_dict["archive"] = archive
        if values is not UNSET:
            field_dict["values"] = values
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        archive = d.get("archive", None)

        _values = d.get("values", UNSET)
        values: list[ComponentInterfaceValuePostRequest] | Unset = UNSET
        if _values is not UNSET:
            values = []
            for values_item_data in _values:
                values_item = ComponentInterfaceValuePostRequest.from_dict(values_item_data)

                values.append(values_item)

        title = d.get("title", None)

        instance_ = cls(
            archive=archive,
            values=None if isinstance(values, Unset) else values,
            title=title,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "archive",
        "values",
        "title",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.component_interface_value_post_request import ComponentInterfaceValuePostRequest  # noqa: E402
