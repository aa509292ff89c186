from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Project")


@_attrs_define
class Project:
    id: str
    """ Project id (short name) """
    admin: int
    """ 1 if the user administers the project, else 0 """
    disp_name: str
    desc: str
    nslides: int
    nblocks: int
    nspecimens: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        admin = self.admin

        disp_name = self.disp_name

        desc = self.desc

        nslides = self.nslides

        nblocks = self.nblocks

        nspecimens = self.nspecimens

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "admin": admin,
                "disp_name": disp_name,
                "desc": desc,
                "nslides": nslides,
                "nblocks": nblocks,
                "nspecimens": nspecimens,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        admin = d.pop("admin")

        disp_name = d.pop("disp_name")

        desc = d.pop("desc")

        nslides = d.pop("nslides")

        nblocks = d.pop("nblocks")

        nspecimens = d.pop("nspecimens")

        project = cls(
            id=id,
            admin=admin,
            disp_name=disp_name,
            desc=desc,
            nslides=nslides,
            nblocks=nblocks,
            nspecimens=nspecimens,
        )

        project.additional_properties = d
        return project

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
