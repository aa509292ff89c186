from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue, Unset

if TYPE_CHECKING:
    from ..models.model_info_config import ModelInfoConfig
    from ..models.model_info_labels_type_1 import ModelInfoLabelsType1


T = TypeVar("T", bound="ModelInfo")


@_attrs_define
class ModelInfo(JSONMapping):
    type_: str
    dimension: int
    description: str
    labels: list[str] | ModelInfoLabelsType1
    config: ModelInfoConfig | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "type_": "type",
        "dimension": "dimension",
        "description": "description",
        "labels": "labels",
        "config": "config",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        dimension = self.dimension

        description = self.description

        labels: dict[str, Any] | list[str]
        if isinstance(self.labels, list):
            labels = self.labels

        else:
            labels = self.labels.to_dict()

        config_given = UNSET if self.config is None else self.config
        config: dict[str, Any] | Unset = UNSET
        if not isinstance(config_given, Unset):
            config = config_given.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "dimension": dimension,
                "description": description,
                "labels": labels,
            }
        )
        if config is not UNSET:
            field_dict["config"] = config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        type_ = d["type"]

        dimension = d["dimension"]

        description = d["description"]

        def _parse_labels(data: object) -> list[str] | ModelInfoLabelsType1:
            if isinstance(data, list):
                try:
                    labels_type_0 = cast(list[str], data)

                    return labels_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if not isinstance(data, dict):
                raise TypeError()
            labels_type_1 = ModelInfoLabelsType1.from_dict(data)

            return labels_type_1

        labels = _parse_labels(d["labels"])

        _config = d.get("config", UNSET)
        config: ModelInfoConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = ModelInfoConfig.from_dict(_config)

        instance_ = cls(
            type_=type_,
            dimension=dimension,
            description=description,
            labels=labels,
            config=None if isinstance(config, Unset) else config,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "type",
        "dimension",
        "description",
        "labels",
        "config",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.model_info_config import ModelInfoConfig  # noqa: E402
from ..models.model_info_labels_type_1 import ModelInfoLabelsType1  # noqa: E402
