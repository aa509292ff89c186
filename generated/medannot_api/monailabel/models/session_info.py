from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import JSONMapping, JSONValue

if TYPE_CHECKING:
    from ..models.session_info_meta import SessionInfoMeta


T = TypeVar("T", bound="SessionInfo")


@_attrs_define
class SessionInfo(JSONMapping):
    name: str
    path: str
    image: str
    meta: SessionInfoMeta
    create_ts: int
    last_access_ts: int
    expiry: int
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "name": "name",
        "path": "path",
        "image": "image",
        "meta": "meta",
        "create_ts": "create_ts",
        "last_access_ts": "last_access_ts",
        "expiry": "expiry",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        path = self.path

        image = self.image

        meta = self.meta.to_dict()

        create_ts = self.create_ts

        last_access_ts = self.last_access_ts

        expiry = self.expiry

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "path": path,
                "image": image,
                "meta": meta,
                "create_ts": create_ts,
                "last_access_ts": last_access_ts,
                "expiry": expiry,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        name = d["name"]

        path = d["path"]

        image = d["image"]

        meta = SessionInfoMeta.from_dict(d["meta"])

        create_ts = d["create_ts"]

        last_access_ts = d["last_access_ts"]

        expiry = d["expiry"]

        instance_ = cls(
            name=name,
            path=path,
            image=image,
            meta=meta,
            create_ts=create_ts,
            last_access_ts=last_access_ts,
            expiry=expiry,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "name",
        "path",
        "image",
        "meta",
        "create_ts",
        "last_access_ts",
        "expiry",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.session_info_meta import SessionInfoMeta  # noqa: E402
