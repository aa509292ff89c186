from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SlideInfo")


@_attrs_define
class SlideInfo:
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
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

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
        d = dict(src_dict)
        specimen = d.pop("specimen")

        block_name = d.pop("block_name")

        def _parse_specimen_private(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        specimen_private = _parse_specimen_private(d.pop("specimen_private"))

        specimen_public = d.pop("specimen_public")

        specimen_display = d.pop("specimen_display")

        section = d.pop("section")

        slide = d.pop("slide")

        stain = d.pop("stain")

        slide_info = cls(
            specimen=specimen,
            block_name=block_name,
            specimen_private=specimen_private,
            specimen_public=specimen_public,
            specimen_display=specimen_display,
            section=section,
            slide=slide,
            stain=stain,
        )

        slide_info.additional_properties = d
        return slide_info

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
