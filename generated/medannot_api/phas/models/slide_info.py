from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import JSONMapping, JSONValue

T = TypeVar("T", bound="SlideInfo")


@_attrs_define
class SlideInfo(JSONMapping):
    specimen: int
    """ Specimen id """
    block_name: str
    specimen_private: None | str
    """ null when anonymized """
    specimen_public: str
    specimen_display: str
    """ The private name when visible, else the public one """
    section: int
    slide: int
    """ Slide number within the section """
    stain: str
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "specimen": "specimen",
        "block_name": "block_name",
        "specimen_private": "specimen_private",
        "specimen_public": "specimen_public",
        "specimen_display": "specimen_display",
        "section": "section",
        "slide": "slide",
        "stain": "stain",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        specimen = self.specimen

        block_name = self.block_name

        specimen_private: None | str
        specimen_private = self.specimen_private

        specimen_public = self.specimen_public

        specimen_display = self.specimen_display

        section = self.section

        slide = self.slide

        stain = self.stain

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "specimen": specimen,
                "block_name": block_name,
                "specimen_private": specimen_private,
                "specimen_public": specimen_public,
                "specimen_display": specimen_display,
                "section": section,
                "slide": slide,
                "stain": stain,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        specimen = d["specimen"]

        block_name = d["block_name"]

        specimen_private = d["specimen_private"]

        specimen_public = d["specimen_public"]

        specimen_display = d["specimen_display"]

        section = d["section"]

        slide = d["slide"]

        stain = d["stain"]

        instance_ = cls(
            specimen=specimen,
            block_name=block_name,
            specimen_private=specimen_private,
            specimen_public=specimen_public,
            specimen_display=specimen_display,
            section=section,
            slide=slide,
            stain=stain,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "specimen",
        "block_name",
        "specimen_private",
        "specimen_public",
        "specimen_display",
        "section",
        "slide",
        "stain",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
