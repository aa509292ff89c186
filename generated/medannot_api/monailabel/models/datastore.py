from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue

if TYPE_CHECKING:
    from ..models.datastore_objects import DatastoreObjects


T = TypeVar("T", bound="Datastore")


@_attrs_define
class Datastore(JSONMapping):
    name: str
    description: str
    objects: DatastoreObjects
    images_dir: str | None = None
    labels_dir: str | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "name": "name",
        "description": "description",
        "objects": "objects",
        "images_dir": "images_dir",
        "labels_dir": "labels_dir",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        objects = self.objects.to_dict()

        images_dir_given = UNSET if self.images_dir is None else self.images_dir
        images_dir = images_dir_given

        labels_dir_given = UNSET if self.labels_dir is None else self.labels_dir
        labels_dir = labels_dir_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "description": description,
                "objects": objects,
            }
        )
        if images_dir is not UNSET:
            field_dict["images_dir"] = images_dir
        if labels_dir is not UNSET:
            field_dict["labels_dir"] = labels_dir

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        name = d["name"]

        description = d["description"]

        objects = DatastoreObjects.from_dict(d["objects"])

        images_dir = d.get("images_dir", None)

        labels_dir = d.get("labels_dir", None)

        instance_ = cls(
            name=name,
            description=description,
            objects=objects,
            images_dir=images_dir,
            labels_dir=labels_dir,
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
        "objects",
        "images_dir",
        "labels_dir",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.datastore_objects import DatastoreObjects  # noqa: E402
