from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import JSONMapping, JSONValue

if TYPE_CHECKING:
    from ..models.component_interface_value_post import ComponentInterfaceValuePost
    from ..models.hanging_protocol import HangingProtocol


T = TypeVar("T", bound="ArchiveItemPost")


@_attrs_define
class ArchiveItemPost(JSONMapping):
    pk: UUID
    archive: str
    values: list[ComponentInterfaceValuePost]  # type: ignore[assignment]  # the typed field wins over Mapping's method
    hanging_protocol: HangingProtocol | None
    optional_hanging_protocols: list[HangingProtocol]
    view_content: JSONValue
    title: str
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "pk": "pk",
        "archive": "archive",
        "values": "values",
        "hanging_protocol": "hanging_protocol",
        "optional_hanging_protocols": "optional_hanging_protocols",
        "view_content": "view_content",
        "title": "title",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        pk = str(self.pk)

        archive = self.archive

        values = []
        for values_item_data in self.values:
            values_item = values_item_data.to_dict()
            values.append(values_item)

        hanging_protocol: dict[str, Any] | None
        if isinstance(self.hanging_protocol, HangingProtocol):
            hanging_protocol = self.hanging_protocol.to_dict()
        else:
            hanging_protocol = self.hanging_protocol

        optional_hanging_protocols = []
        for optional_hanging_protocols_item_data in self.optional_hanging_protocols:
            optional_hanging_protocols_item = optional_hanging_protocols_item_data.to_dict()
            optional_hanging_protocols.append(optional_hanging_protocols_item)

        view_content = self.view_content

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "archive": archive,
                "values": values,
                "hanging_protocol": hanging_protocol,
                "optional_hanging_protocols": optional_hanging_protocols,
                "view_content": view_content,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        pk = UUID(d["pk"])

        archive = d["archive"]

        values = []
        _values = d["values"]
        for values_item_data in _values:
            values_item = ComponentInterfaceValuePost.from_dict(values_item_data)

            values.append(values_item)

        _hanging_protocol = d["hanging_protocol"]
        hanging_protocol: HangingProtocol | None
        if _hanging_protocol is None:
            hanging_protocol = None
        elif not isinstance(_hanging_protocol, dict):
            hanging_protocol = cast("HangingProtocol | None", _hanging_protocol)
        else:
            try:
                hanging_protocol_type_0 = HangingProtocol.from_dict(_hanging_protocol)

                hanging_protocol = hanging_protocol_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                hanging_protocol = cast("HangingProtocol | None", _hanging_protocol)

        optional_hanging_protocols = []
        _optional_hanging_protocols = d["optional_hanging_protocols"]
        for optional_hanging_protocols_item_data in _optional_hanging_protocols:
            optional_hanging_protocols_item = HangingProtocol.from_dict(optional_hanging_protocols_item_data)

            optional_hanging_protocols.append(optional_hanging_protocols_item)

        view_content = d["view_content"]

        title = d["title"]

        instance_ = cls(
            pk=pk,
            archive=archive,
            values=values,
            hanging_protocol=hanging_protocol,
            optional_hanging_protocols=optional_hanging_protocols,
            view_content=view_content,
            title=title,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "pk",
        "archive",
        "values",
        "hanging_protocol",
        "optional_hanging_protocols",
        "view_content",
        "title",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.component_interface_value_post import ComponentInterfaceValuePost  # noqa: E402
from ..models.hanging_protocol import HangingProtocol  # noqa: E402
