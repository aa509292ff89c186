from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue, Unset

T = TypeVar("T", bound="User")


@_attrs_define
class User(JSONMapping):
    email: str
    roles: list[str]
    customer_id: str
    created_at: str
    firstname: None | str | None = None
    lastname: None | str | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "email": "email",
        "roles": "roles",
        "customer_id": "customer_id",
        "created_at": "created_at",
        "firstname": "firstname",
        "lastname": "lastname",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        roles = self.roles

        customer_id = self.customer_id

        created_at = self.created_at

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "email": email,
                "roles": roles,
                "customer_id": customer_id,
                "created_at": created_at,
            }
        )
        if firstname is not UNSET:
            field_dict["firstname"] = firstname
        if lastname is not UNSET:
            field_dict["lastname"] = lastname

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        email = d["email"]

        roles = cast(list[str], d["roles"])

        customer_id = d["customer_id"]

        created_at = d["created_at"]

        firstname = d.get("firstname", None)

        lastname = d.get("lastname", None)

        instance_ = cls(
            email=email,
            roles=roles,
            customer_id=customer_id,
            created_at=created_at,
            firstname=firstname,
            lastname=lastname,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "email",
        "roles",
        "customer_id",
        "created_at",
        "firstname",
        "lastname",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
