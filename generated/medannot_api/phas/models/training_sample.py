from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TrainingSample")


@_attrs_define
class TrainingSample:
    id: int
    x0: float
    y0: float
    x1: float
    y1: float
    label: int
    slide: int
    task: int
    meta_id: int
    have_patch: int
    """ 1 once the patch PNG exists """
    creator: int | None
    """ User id """
    editor: int | None
    """ User id """
    t_create: float | None
    """ Unix time in seconds """
    t_edit: float | None
    """ Unix time in seconds """
    color: None | str
    """ Colour of the label """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        x0 = self.x0

        y0 = self.y0

        x1 = self.x1

        y1 = self.y1

        label = self.label

        slide = self.slide

        task = self.task

        meta_id = self.meta_id

        have_patch = self.have_patch

        creator: int | None
        creator = self.creator

        editor: int | None
        editor = self.editor

        t_create: float | None
        t_create = self.t_create

        t_edit: float | None
        t_edit = self.t_edit

        color: None | str
        color = self.color

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "x0": x0,
                "y0": y0,
                "x1": x1,
                "y1": y1,
                "label": label,
                "slide": slide,
                "task": task,
                "meta_id": meta_id,
                "have_patch": have_patch,
                "creator": creator,
                "editor": editor,
                "t_create": t_create,
                "t_edit": t_edit,
                "color": color,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        x0 = d.pop("x0")

        y0 = d.pop("y0")

        x1 = d.pop("x1")

        y1 = d.pop("y1")

        label = d.pop("label")

        slide = d.pop("slide")

        task = d.pop("task")

        meta_id = d.pop("meta_id")

        have_patch = d.pop("have_patch")

        def _parse_creator(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        creator = _parse_creator(d.pop("creator"))

        def _parse_editor(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        editor = _parse_editor(d.pop("editor"))

        def _parse_t_create(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        t_create = _parse_t_create(d.pop("t_create"))

        def _parse_t_edit(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        t_edit = _parse_t_edit(d.pop("t_edit"))

        def _parse_color(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        color = _parse_color(d.pop("color"))

        training_sample = cls(
            id=id,
            x0=x0,
            y0=y0,
            x1=x1,
            y1=y1,
            label=label,
            slide=slide,
            task=task,
            meta_id=meta_id,
            have_patch=have_patch,
            creator=creator,
            editor=editor,
            t_create=t_create,
            t_edit=t_edit,
            color=color,
        )

        training_sample.additional_properties = d
        return training_sample

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
