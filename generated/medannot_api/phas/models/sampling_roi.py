from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import JSONMapping, JSONValue

T = TypeVar("T", bound="SamplingRoi")


@_attrs_define
class SamplingRoi(JSONMapping):
    id: int
    x0: float
    """ Bounding box, level-0 pixels """
    y0: float
    x1: float
    y1: float
    json: str
    """ The geometry (SamplingRoiGeometry) as a JSON string """
    label: int
    slide: int
    task: int
    meta_id: int
    creator: int | None
    editor: int | None
    t_create: float | None
    t_edit: float | None
    color: None | str
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "id": "id",
        "x0": "x0",
        "y0": "y0",
        "x1": "x1",
        "y1": "y1",
        "json": "json",
        "label": "label",
        "slide": "slide",
        "task": "task",
        "meta_id": "meta_id",
        "creator": "creator",
        "editor": "editor",
        "t_create": "t_create",
        "t_edit": "t_edit",
        "color": "color",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        x0 = self.x0

        y0 = self.y0

        x1 = self.x1

        y1 = self.y1

        json = self.json

        label = self.label

        slide = self.slide

        task = self.task

        meta_id = self.meta_id

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
                "json": json,
                "label": label,
                "slide": slide,
                "task": task,
                "meta_id": meta_id,
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
        d = src_dict
        id = d["id"]

        x0 = d["x0"]

        y0 = d["y0"]

        x1 = d["x1"]

        y1 = d["y1"]

        json = d["json"]

        label = d["label"]

        slide = d["slide"]

        task = d["task"]

        meta_id = d["meta_id"]

        creator = d["creator"]

        editor = d["editor"]

        t_create = d["t_create"]

        t_edit = d["t_edit"]

        color = d["color"]

        instance_ = cls(
            id=id,
            x0=x0,
            y0=y0,
            x1=x1,
            y1=y1,
            json=json,
            label=label,
            slide=slide,
            task=task,
            meta_id=meta_id,
            creator=creator,
            editor=editor,
            t_create=t_create,
            t_edit=t_edit,
            color=color,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "id",
        "x0",
        "y0",
        "x1",
        "y1",
        "json",
        "label",
        "slide",
        "task",
        "meta_id",
        "creator",
        "editor",
        "t_create",
        "t_edit",
        "color",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
