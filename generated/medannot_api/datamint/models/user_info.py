from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue, Unset

T = TypeVar("T", bound="UserInfo")


@_attrs_define
class UserInfo(JSONMapping):
    """Who uploaded the resource"""

    firstname: None | str | None = None
    lastname: None | str | None = None
    email: str | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "firstname": "firstname",
        "lastname": "lastname",
        "email": "email",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        firstname_given = UNSET if self.firstname is None else self.firstname
        firstname: None | str | Unset
        if isinstance(firstname_given, Unset):
            firstname = UNSET
        else:
            firstname = firstname_given

        lastname_given = UNSET if self.lastname is None else self.lastname
        lastname: None | str | Unset
        if isinstance(lastname_given, Unset):
            lastname = UNSET
        else:
            lastname = lastname_given

        email_given = UNSET if self.email is None else self.email
        email = email_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if firstname is not UNSET:
            field_dict["firstname"] = firstname
        if lastname is not UNSET:
            field_dict["lastname"] = lastname
        if email is not UNSET:
            field_dict["email"] = email

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        firstname = d.get("firstname", None)

        lastname = d.get("lastname", None)

        email = d.get("email", None)

        instance_ = cls(
            firstname=firstname,
            lastname=lastname,
            email=email,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "firstname",
        "lastname",
        "email",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
