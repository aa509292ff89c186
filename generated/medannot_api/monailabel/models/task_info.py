from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue, Unset

if TYPE_CHECKING:
    from ..models.task_info_config import TaskInfoConfig


T = TypeVar("T", bound="TaskInfo")


@_attrs_define
class TaskInfo(JSONMapping):
    description: str
    config: TaskInfoConfig | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "description": "description",
        "config": "config",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        config_given = UNSET if self.config is None else self.config
        config: dict[str, Any] | Unset = UNSET
        if not isinstance(config_given, Unset):
            config = config_given.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
            }
        )
        if config is not UNSET:
            field_dict["config"] = config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        description = d["description"]

        _config = d.get("config", UNSET)
        config: TaskInfoConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = TaskInfoConfig.from_dict(_config)

        instance_ = cls(
            description=description,
            config=None if isinstance(config, Unset) else config,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "description",
        "config",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.task_info_config import TaskInfoConfig  # noqa: E402
