from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_mode import TaskMode, check_task_mode
from ..types import UNSET, JSONMapping, JSONValue

T = TypeVar("T", bound="TaskInfo")


@_attrs_define
class TaskInfo(JSONMapping):
    id: int
    project: str
    name: str
    restrict_access: int
    """ 1 if only users given access to this task may see it """
    anonymize: int
    """ 1 if the task always hides private specimen names """
    mode: TaskMode
    desc: str | None = None
    reference_task: str | None = None
    """ Name of the task whose annotations this task shows """
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "id": "id",
        "project": "project",
        "name": "name",
        "restrict_access": "restrict_access",
        "anonymize": "anonymize",
        "mode": "mode",
        "desc": "desc",
        "reference_task": "reference-task",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        project = self.project

        name = self.name

        restrict_access = self.restrict_access

        anonymize = self.anonymize

        mode: str = self.mode

        desc_given = UNSET if self.desc is None else self.desc
        desc = desc_given

        reference_task_given = UNSET if self.reference_task is None else self.reference_task
        reference_task = reference_task_given

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
        d = src_dict
        id = d["id"]

        project = d["project"]

        name = d["name"]

        restrict_access = d["restrict_access"]

        anonymize = d["anonymize"]

        mode = check_task_mode(d["mode"])

        desc = d.get("desc", None)

        reference_task = d.get("reference-task", None)

        instance_ = cls(
            id=id,
            project=project,
            name=name,
            restrict_access=restrict_access,
            anonymize=anonymize,
            mode=mode,
            desc=desc,
            reference_task=reference_task,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "id",
        "project",
        "name",
        "restrict_access",
        "anonymize",
        "mode",
        "desc",
        "reference-task",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
