from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_info_config import ModelInfoConfig
    from ..models.model_info_labels_type_1 import ModelInfoLabelsType1


T = TypeVar("T", bound="ModelInfo")


@_attrs_define
class ModelInfo:
    type_: str
    dimension: int
    description: str
    labels: list[str] | ModelInfoLabelsType1
    config: ModelInfoConfig | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        dimension = self.dimension

        description = self.description

        labels: dict[str, Any] | list[str]
        if isinstance(self.labels, list):
            labels = self.labels

        else:
            labels = self.labels.to_dict()

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

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
        from ..models.model_info_config import ModelInfoConfig  # noqa: PLC0415
        from ..models.model_info_labels_type_1 import ModelInfoLabelsType1  # noqa: PLC0415

        d = dict(src_dict)
        type_ = d.pop("type")

        dimension = d.pop("dimension")

        description = d.pop("description")

        def _parse_labels(data: object) -> list[str] | ModelInfoLabelsType1:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                labels_type_0 = cast(list[str], data)

                return labels_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            labels_type_1 = ModelInfoLabelsType1.from_dict(data)

            return labels_type_1

        labels = _parse_labels(d.pop("labels"))

        _config = d.pop("config", UNSET)
        config: ModelInfoConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = ModelInfoConfig.from_dict(_config)

        model_info = cls(
            type_=type_,
            dimension=dimension,
            description=description,
            labels=labels,
            config=config,
        )

        model_info.additional_properties = d
        return model_info

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
