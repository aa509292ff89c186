from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_mode import TaskMode, check_task_mode

T = TypeVar("T", bound="TaskSummary")


@_attrs_define
class TaskSummary:
    id: int
    name: str
    desc: None | str
    mode: TaskMode
    admin: int
    """ 1 if the user administers the task, else 0 """
    nspecimens: int
    nblocks: int
    nslides: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        desc: None | str
        desc = self.desc

        mode: str = self.mode

        admin = self.admin

        nspecimens = self.nspecimens

        nblocks = self.nblocks

        nslides = self.nslides

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "desc": desc,
                "mode": mode,
                "admin": admin,
                "nspecimens": nspecimens,
                "nblocks": nblocks,
                "nslides": nslides,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        def _parse_desc(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        desc = _parse_desc(d.pop("desc"))

        mode = check_task_mode(d.pop("mode"))

        admin = d.pop("admin")

        nspecimens = d.pop("nspecimens")

        nblocks = d.pop("nblocks")

        nslides = d.pop("nslides")

        task_summary = cls(
            id=id,
            name=name,
            desc=desc,
            mode=mode,
            admin=admin,
            nspecimens=nspecimens,
            nblocks=nblocks,
            nslides=nslides,
        )

        task_summary.additional_properties = d
        return task_summary

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
