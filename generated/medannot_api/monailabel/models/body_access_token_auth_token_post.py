from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue, Unset

T = TypeVar("T", bound="BodyAccessTokenAuthTokenPost")


@_attrs_define
class BodyAccessTokenAuthTokenPost(JSONMapping):
    username: str
    password: str
    grant_type: None | str | None = None
    scope: str = ""
    client_id: None | str | None = None
    client_secret: None | str | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "username": "username",
        "password": "password",
        "grant_type": "grant_type",
        "scope": "scope",
        "client_id": "client_id",
        "client_secret": "client_secret",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        username = self.username

        password = self.password

        grant_type_given = UNSET if self.grant_type is None else self.grant_type
        grant_type: None | str | Unset
        if isinstance(grant_type_given, Unset):
            grant_type = UNSET
        else:
            grant_type = grant_type_given

        scope_given: str | Unset = self.scope
        scope = scope_given

        client_id_given = UNSET if self.client_id is None else self.client_id
        client_id: None | str | Unset
        if isinstance(client_id_given, Unset):
            client_id = UNSET
        else:
            client_id = client_id_given

        client_secret_given = UNSET if self.client_secret is None else self.client_secret
        client_secret: None | str | Unset
        if isinstance(client_secret_given, Unset):
            client_secret = UNSET
        else:
            client_secret = client_secret_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "username": username,
                "password": password,
            }
        )
        if grant_type is not UNSET:
            field_dict["grant_type"] = grant_type
        if scope is not UNSET:
            field_dict["scope"] = scope
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if client_secret is not UNSET:
            field_dict["client_secret"] = client_secret

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        username = d["username"]

        password = d["password"]

        grant_type = d.get("grant_type", None)

        scope = d.get("scope", "")

        client_id = d.get("client_id", None)

        client_secret = d.get("client_secret", None)

        instance_ = cls(
            username=username,
            password=password,
            grant_type=grant_type,
            scope=scope,
            client_id=client_id,
            client_secret=client_secret,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "username",
        "password",
        "grant_type",
        "scope",
        "client_id",
        "client_secret",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
