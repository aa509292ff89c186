from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_mode import TaskMode, check_task_mode
from ..types import UNSET, Unset

T = TypeVar("T", bound="TaskInfo")


@_attrs_define
class TaskInfo:
    id: int
    project: str
    name: str
    restrict_access: int
    """ 1 if only users given access to this task may see it """
    anonymize: int
    """ 1 if the task always hides private specimen names """
    mode: TaskMode
    desc: str | Unset = UNSET
    reference_task: str | Unset = UNSET
    """ Name of the task whose annotations this task shows """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        project = self.project

        name = self.name

        restrict_access = self.restrict_access

        anonymize = self.anonymize

        mode: str = self.mode

        desc = self.desc

        reference_task = self.reference_task

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "project": project,
                "name": name,
                "restrict_access": restrict_access,
                "anonymize": anonymize,
                "mode": mode,
            }
        )
        if desc is not UNSET:
            field_dict["desc"] = desc
        if reference_task is not UNSET:
            field_dict["reference-task"] = reference_task

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        project = d.pop("project")

        name = d.pop("name")

        restrict_access = d.pop("restrict_access")

        anonymize = d.pop("anonymize")

        mode = check_task_mode(d.pop("mode"))

        desc = d.pop("desc", UNSET)

        reference_task = d.pop("reference-task", UNSET)

        task_info = cls(
            id=id,
            project=project,
            name=name,
            restrict_access=restrict_access,
            anonymize=anonymize,
            mode=mode,
            desc=desc,
            reference_task=reference_task,
        )

        task_info.additional_properties = d
        return task_info

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
