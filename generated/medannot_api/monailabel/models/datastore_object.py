from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue, Unset

if TYPE_CHECKING:
    from ..models.data_file import DataFile
    from ..models.datastore_object_labels import DatastoreObjectLabels


T = TypeVar("T", bound="DatastoreObject")


@_attrs_define
class DatastoreObject(JSONMapping):
    image: DataFile
    labels: DatastoreObjectLabels | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "image": "image",
        "labels": "labels",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        image = self.image.to_dict()

        labels_given = UNSET if self.labels is None else self.labels
        labels: dict[str, Any] | Unset = UNSET
        if not isinstance(labels_given, Unset):
            labels = labels_given.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "image": image,
            }
        )
        if labels is not UNSET:
            field_dict["labels"] = labels

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        image = DataFile.from_dict(d["image"])

        _labels = d.get("labels", UNSET)
        labels: DatastoreObjectLabels | Unset
        if isinstance(_labels, Unset):
            labels = UNSET
        else:
            labels = DatastoreObjectLabels.from_dict(_labels)

        instance_ = cls(
            image=image,
            labels=None if isinstance(labels, Unset) else labels,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "image",
        "labels",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.data_file import DataFile  # noqa: E402
from ..models.datastore_object_labels import DatastoreObjectLabels  # noqa: E402
