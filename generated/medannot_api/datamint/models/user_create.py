from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue, Unset

T = TypeVar("T", bound="UserCreate")


@_attrs_define
class UserCreate(JSONMapping):
    email: str
    password: None | str | None = None
    firstname: None | str | None = None
    lastname: None | str | None = None
    roles: list[str] | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "email": "email",
        "password": "password",
        "firstname": "firstname",
        "lastname": "lastname",
        "roles": "roles",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        password_given = UNSET if self.password is None else self.password
        password: None | str | Unset
        if isinstance(password_given, Unset):
            password = UNSET
        else:
            password = password_given

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

        roles_given = UNSET if self.roles is None else self.roles
        roles: list[str] | None | Unset
        if isinstance(roles_given, Unset):
            roles = UNSET
        elif isinstance(roles_given, list):
            roles = roles_given

        else:
            roles = roles_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "email": email,
            }
        )
        if password is not UNSET:
            field_dict["password"] = password
        if firstname is not UNSET:
            field_dict["firstname"] = firstname
        if lastname is not UNSET:
            field_dict["lastname"] = lastname
        if roles is not UNSET:
            field_dict["roles"] = roles

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        email = d["email"]

        password = d.get("password", None)

        firstname = d.get("firstname", None)

        lastname = d.get("lastname", None)

        _roles = d.get("roles", UNSET)
        roles: list[str] | None | Unset
        if _roles is None:
            roles = None
        elif isinstance(_roles, Unset):
            roles = UNSET
        elif not isinstance(_roles, list):
            roles = cast("list[str] | None | Unset", _roles)
        else:
            try:
                roles_type_0 = cast(list[str], _roles)

                roles = roles_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                roles = cast("list[str] | None | Unset", _roles)

        instance_ = cls(
            email=email,
            password=password,
            firstname=firstname,
            lastname=lastname,
            roles=None if isinstance(roles, Unset) else roles,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "email",
        "password",
        "firstname",
        "lastname",
        "roles",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
