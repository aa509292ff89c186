from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import JSONMapping, JSONValue

if TYPE_CHECKING:
    from ..models.component_interface import ComponentInterface


T = TypeVar("T", bound="HyperlinkedComponentInterfaceValue")


@_attrs_define
class HyperlinkedComponentInterfaceValue(JSONMapping):
    interface: ComponentInterface
    socket: ComponentInterface
    value: JSONValue
    file: None | str
    image: None | str
    pk: int
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "interface": "interface",
        "socket": "socket",
        "value": "value",
        "file": "file",
        "image": "image",
        "pk": "pk",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        interface = self.interface.to_dict()

        socket = self.socket.to_dict()

        value = self.value

        file: None | str
        file = self.file

        image: None | str
        image = self.image

        pk = self.pk

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "interface": interface,
                "socket": socket,
                "value": value,
                "file": file,
                "image": image,
                "pk": pk,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        interface = ComponentInterface.from_dict(d["interface"])

        socket = ComponentInterface.from_dict(d["socket"])

        value = d["value"]

        file = d["file"]

        image = d["image"]

        pk = d["pk"]

        instance_ = cls(
            interface=interface,
            socket=socket,
            value=value,
            file=file,
            image=image,
            pk=pk,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "interface",
        "socket",
        "value",
        "file",
        "image",
        "pk",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.component_interface import ComponentInterface  # noqa: E402
