from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.image_type_enum import ImageTypeEnum, check_image_type_enum
from ..types import JSONMapping, JSONValue

T = TypeVar("T", bound="ImageFile")


@_attrs_define
class ImageFile(JSONMapping):
    pk: UUID
    image: None | str
    file: str
    image_type: ImageTypeEnum | None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "pk": "pk",
        "image": "image",
        "file": "file",
        "image_type": "image_type",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        pk = str(self.pk)

        image: None | str
        image = self.image

        file = self.file

        image_type: None | str
        if isinstance(self.image_type, str):
            image_type = self.image_type
        else:
            image_type = self.image_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "image": image,
                "file": file,
                "image_type": image_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        pk = UUID(d["pk"])

        image = d["image"]

        file = d["file"]

        _image_type = d["image_type"]
        image_type: ImageTypeEnum | None
        if _image_type is None:
            image_type = None
        elif not isinstance(_image_type, str):
            image_type = cast("ImageTypeEnum | None", _image_type)
        else:
            try:
                image_type_type_0 = check_image_type_enum(_image_type)

                image_type = image_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                image_type = cast("ImageTypeEnum | None", _image_type)

        instance_ = cls(
            pk=pk,
            image=image,
            file=file,
            image_type=image_type,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "pk",
        "image",
        "file",
        "image_type",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
