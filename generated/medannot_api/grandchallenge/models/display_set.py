from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import JSONMapping, JSONValue

if TYPE_CHECKING:
    from ..models.display_set_descriptions_map_safe import DisplaySetDescriptionsMapSafe
    from ..models.hanging_protocol import HangingProtocol
    from ..models.hyperlinked_component_interface_value import HyperlinkedComponentInterfaceValue


T = TypeVar("T", bound="DisplaySet")


@_attrs_define
class DisplaySet(JSONMapping):
    pk: UUID
    title_safe: str
    reader_study: str
    values: list[HyperlinkedComponentInterfaceValue]  # type: ignore[assignment]  # the typed field wins over Mapping's method
    order: int
    api_url: str
    hanging_protocol: HangingProtocol | None
    optional_hanging_protocols: list[HangingProtocol]
    view_content: JSONValue
    description: str
    descriptions_map_safe: DisplaySetDescriptionsMapSafe
    index: int | None
    title: str
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "pk": "pk",
        "title_safe": "title_safe",
        "reader_study": "reader_study",
        "values": "values",
        "order": "order",
        "api_url": "api_url",
        "hanging_protocol": "hanging_protocol",
        "optional_hanging_protocols": "optional_hanging_protocols",
        "view_content": "view_content",
        "description": "description",
        "descriptions_map_safe": "descriptions_map_safe",
        "index": "index",
        "title": "title",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        pk = str(self.pk)

        title_safe = self.title_safe

        reader_study = self.reader_study

        values = []
        for values_item_data in self.values:
            values_item = values_item_data.to_dict()
            values.append(values_item)

        order = self.order

        api_url = self.api_url

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

        description = self.description

        descriptions_map_safe = self.descriptions_map_safe.to_dict()

        index: int | None
        index = self.index

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "title_safe": title_safe,
                "reader_study": reader_study,
                "values": values,
                "order": order,
                "api_url": api_url,
                "hanging_protocol": hanging_protocol,
                "optional_hanging_protocols": optional_hanging_protocols,
                "view_content": view_content,
                "description": description,
                "descriptions_map_safe": descriptions_map_safe,
                "index": index,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        pk = UUID(d["pk"])

        title_safe = d["title_safe"]

        reader_study = d["reader_study"]

        values = []
        _values = d["values"]
        for values_item_data in _values:
            values_item = HyperlinkedComponentInterfaceValue.from_dict(values_item_data)

            values.append(values_item)

        order = d["order"]

        api_url = d["api_url"]

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

        description = d["description"]

        descriptions_map_safe = DisplaySetDescriptionsMapSafe.from_dict(d["descriptions_map_safe"])

        index = d["index"]

        title = d["title"]

        instance_ = cls(
            pk=pk,
            title_safe=title_safe,
            reader_study=reader_study,
            values=values,
            order=order,
            api_url=api_url,
            hanging_protocol=hanging_protocol,
            optional_hanging_protocols=optional_hanging_protocols,
            view_content=view_content,
            description=description,
            descriptions_map_safe=descriptions_map_safe,
            index=index,
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
        "title_safe",
        "reader_study",
        "values",
        "order",
        "api_url",
        "hanging_protocol",
        "optional_hanging_protocols",
        "view_content",
        "description",
        "descriptions_map_safe",
        "index",
        "title",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.display_set_descriptions_map_safe import DisplaySetDescriptionsMapSafe  # noqa: E402
from ..models.hanging_protocol import HangingProtocol  # noqa: E402
from ..models.hyperlinked_component_interface_value import HyperlinkedComponentInterfaceValue  # noqa: E402
