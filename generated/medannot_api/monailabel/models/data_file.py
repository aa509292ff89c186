from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.data_file_info import DataFileInfo


T = TypeVar("T", bound="DataFile")


@_attrs_define
class DataFile:
    ext: str | Unset = UNSET
    info: DataFileInfo | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ext = self.ext

        info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.info, Unset):
            info = self.info.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if ext is not UNSET:
            field_dict["ext"] = ext
        if info is not UNSET:
            field_dict["info"] = info

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.data_file_info import DataFileInfo  # noqa: PLC0415

        d = dict(src_dict)
        ext = d.pop("ext", UNSET)

        _info = d.pop("info", UNSET)
        info: DataFileInfo | Unset
        if isinstance(_info, Unset):
            info = UNSET
        else:
            info = DataFileInfo.from_dict(_info)

        data_file = cls(
            ext=ext,
            info=info,
        )

        data_file.additional_properties = d
        return data_file

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
