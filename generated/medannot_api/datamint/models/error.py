from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue

T = TypeVar("T", bound="Error")


@_attrs_define
class Error(JSONMapping):
    """An error answer: `{"statusCode": 404, "message": "Resource 123 not found", "error": "Not Found"}`"""

    status_code: int
    message: list[str] | str
    """ What went wrong (a list of messages for some validation errors) """
    error: str | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "status_code": "statusCode",
        "message": "message",
        "error": "error",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        status_code = self.status_code

        message: list[str] | str
        if isinstance(self.message, list):
            message = self.message

        else:
            message = self.message

        error_given = UNSET if self.error is None else self.error
        error = error_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "statusCode": status_code,
                "message": message,
            }
        )
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        status_code = d["statusCode"]

        def _parse_message(data: object) -> list[str] | str:
            if isinstance(data, list):
                try:
                    message_type_1 = cast(list[str], data)

                    return message_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(list[str] | str, data)

        message = _parse_message(d["message"])

        error = d.get("error", None)

        instance_ = cls(
            status_code=status_code,
            message=message,
            error=error,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "statusCode",
        "message",
        "error",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
