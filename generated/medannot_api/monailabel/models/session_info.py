from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.session_info_meta import SessionInfoMeta


T = TypeVar("T", bound="SessionInfo")


@_attrs_define
class SessionInfo:
    name: str
    path: str
    image: str
    meta: SessionInfoMeta
    create_ts: int
    last_access_ts: int
    expiry: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

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
        from ..models.session_info_meta import SessionInfoMeta  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        path = d.pop("path")

        image = d.pop("image")

        meta = SessionInfoMeta.from_dict(d.pop("meta"))

        create_ts = d.pop("create_ts")

        last_access_ts = d.pop("last_access_ts")

        expiry = d.pop("expiry")

        session_info = cls(
            name=name,
            path=path,
            image=image,
            meta=meta,
            create_ts=create_ts,
            last_access_ts=last_access_ts,
            expiry=expiry,
        )

        session_info.additional_properties = d
        return session_info

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
