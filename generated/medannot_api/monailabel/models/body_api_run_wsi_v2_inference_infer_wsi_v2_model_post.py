from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, File, FileTypes, JSONMapping, JSONValue, Unset

T = TypeVar("T", bound="BodyApiRunWsiV2InferenceInferWsiV2ModelPost")


@_attrs_define
class BodyApiRunWsiV2InferenceInferWsiV2ModelPost(JSONMapping):
    file: File | None = None
    wsi: str = '{\\"level\\":0,\\"location\\":[0,0],\\"size\\":[2048,2048],\\"tile_size\\":[1024,1024],\\"min_poly_area\\":80,\\"params\\":{}}'
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "file": "file",
        "wsi": "wsi",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        file_given = UNSET if self.file is None else self.file
        file: FileTypes | Unset = UNSET
        if not isinstance(file_given, Unset):
            file = file_given.to_tuple()

        wsi_given: str | Unset = self.wsi
        wsi = wsi_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if file is not UNSET:
            field_dict["file"] = file
        if wsi is not UNSET:
            field_dict["wsi"] = wsi

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        if self.file is not None and not isinstance(self.file, Unset):
            files.append(("file", self.file.to_tuple()))

        if self.wsi is not None and not isinstance(self.wsi, Unset):
            files.append(("wsi", (None, str(self.wsi).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        _file = d.get("file", UNSET)
        file: File | Unset
        if isinstance(_file, Unset):
            file = UNSET
        else:
            file = File(payload=BytesIO(_file))

        wsi = d.get(
            "wsi",
            '{\\"level\\":0,\\"location\\":[0,0],\\"size\\":[2048,2048],\\"tile_size\\":[1024,1024],\\"min_poly_area\\":80,\\"params\\":{}}',
        )

        instance_ = cls(
            file=None if isinstance(file, Unset) else file,
            wsi=wsi,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "file",
        "wsi",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
