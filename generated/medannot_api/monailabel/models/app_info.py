from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import JSONMapping, JSONValue

if TYPE_CHECKING:
    from ..models.app_info_labels_type_1 import AppInfoLabelsType1
    from ..models.app_info_models import AppInfoModels
    from ..models.app_info_scoring import AppInfoScoring
    from ..models.app_info_strategies import AppInfoStrategies
    from ..models.app_info_train_stats import AppInfoTrainStats
    from ..models.app_info_trainers import AppInfoTrainers
    from ..models.datastore_status import DatastoreStatus


T = TypeVar("T", bound="AppInfo")


@_attrs_define
class AppInfo(JSONMapping):
    name: str
    description: str
    version: str
    labels: AppInfoLabelsType1 | list[str]
    models: AppInfoModels
    trainers: AppInfoTrainers
    strategies: AppInfoStrategies
    scoring: AppInfoScoring
    train_stats: AppInfoTrainStats
    datastore: DatastoreStatus
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "name": "name",
        "description": "description",
        "version": "version",
        "labels": "labels",
        "models": "models",
        "trainers": "trainers",
        "strategies": "strategies",
        "scoring": "scoring",
        "train_stats": "train_stats",
        "datastore": "datastore",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        version = self.version

        labels: dict[str, Any] | list[str]
        if isinstance(self.labels, list):
            labels = self.labels

        else:
            labels = self.labels.to_dict()

        models = self.models.to_dict()

        trainers = self.trainers.to_dict()

        strategies = self.strategies.to_dict()

        scoring = self.scoring.to_dict()

        train_stats = self.train_stats.to_dict()

        datastore = self.datastore.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "description": description,
                "version": version,
                "labels": labels,
                "models": models,
                "trainers": trainers,
                "strategies": strategies,
                "scoring": scoring,
                "train_stats": train_stats,
                "datastore": datastore,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        name = d["name"]

        description = d["description"]

        version = d["version"]

        def _parse_labels(data: object) -> AppInfoLabelsType1 | list[str]:
            if isinstance(data, list):
                try:
                    labels_type_0 = cast(list[str], data)

                    return labels_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if not isinstance(data, dict):
                raise TypeError()
            labels_type_1 = AppInfoLabelsType1.from_dict(data)

            return labels_type_1

        labels = _parse_labels(d["labels"])

        models = AppInfoModels.from_dict(d["models"])

        trainers = AppInfoTrainers.from_dict(d["trainers"])

        strategies = AppInfoStrategies.from_dict(d["strategies"])

        scoring = AppInfoScoring.from_dict(d["scoring"])

        train_stats = AppInfoTrainStats.from_dict(d["train_stats"])

        datastore = DatastoreStatus.from_dict(d["datastore"])

        instance_ = cls(
            name=name,
            description=description,
            version=version,
            labels=labels,
            models=models,
            trainers=trainers,
            strategies=strategies,
            scoring=scoring,
            train_stats=train_stats,
            datastore=datastore,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "name",
        "description",
        "version",
        "labels",
        "models",
        "trainers",
        "strategies",
        "scoring",
        "train_stats",
        "datastore",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.app_info_labels_type_1 import AppInfoLabelsType1  # noqa: E402
from ..models.app_info_models import AppInfoModels  # noqa: E402
from ..models.app_info_scoring import AppInfoScoring  # noqa: E402
from ..models.app_info_strategies import AppInfoStrategies  # noqa: E402
from ..models.app_info_train_stats import AppInfoTrainStats  # noqa: E402
from ..models.app_info_trainers import AppInfoTrainers  # noqa: E402
from ..models.datastore_status import DatastoreStatus  # noqa: E402
