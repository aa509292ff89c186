from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SlideFilepath")


@_attrs_define
class SlideFilepath:
    remote: str
    """ Path or URL of the slide as configured in the project """
    local: None | str
    """ Local copy on the server (same as remote for local files) """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        remote = self.remote

        local: None | str
        local = self.local

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "remote": remote,
                "local": local,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        remote = d.pop("remote")

        def _parse_local(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        local = _parse_local(d.pop("local"))

        slide_filepath = cls(
            remote=remote,
            local=local,
        )

        slide_filepath.additional_properties = d
        return slide_filepath

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
