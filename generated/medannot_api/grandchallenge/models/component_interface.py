from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import JSONMapping, JSONValue

if TYPE_CHECKING:
    from ..models.look_up_table import LookUpTable


T = TypeVar("T", bound="ComponentInterface")


@_attrs_define
class ComponentInterface(JSONMapping):
    title: str
    description: None | str
    slug: str
    kind: str
    """ The kind's display name, e.g. `Image`, `Float`, `Anything`, `Segmentation` """
    pk: int
    default_value: JSONValue
    """ Default value for this field, only valid for inputs. """
    super_kind: str
    """ `Image`, `File` or `Value` """
    relative_path: str
    overlay_segments: JSONValue
    look_up_table: LookUpTable | None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "title": "title",
        "description": "description",
        "slug": "slug",
        "kind": "kind",
        "pk": "pk",
        "default_value": "default_value",
        "super_kind": "super_kind",
        "relative_path": "relative_path",
        "overlay_segments": "overlay_segments",
        "look_up_table": "look_up_table",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        description: None | str
        description = self.description

        slug = self.slug

        kind = self.kind

        pk = self.pk

        default_value = self.default_value

        super_kind = self.super_kind

        relative_path = self.relative_path

        overlay_segments = self.overlay_segments

        look_up_table: dict[str, Any] | None
        if isinstance(self.look_up_table, LookUpTable):
            look_up_table = self.look_up_table.to_dict()
        else:
            look_up_table = self.look_up_table

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "title": title,
                "description": description,
                "slug": slug,
                "kind": kind,
                "pk": pk,
                "default_value": default_value,
                "super_kind": super_kind,
                "relative_path": relative_path,
                "overlay_segments": overlay_segments,
                "look_up_table": look_up_table,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        title = d["title"]

        description = d["description"]

        slug = d["slug"]

        kind = d["kind"]

        pk = d["pk"]

        default_value = d["default_value"]

        super_kind = d["super_kind"]

        relative_path = d["relative_path"]

        overlay_segments = d["overlay_segments"]

        _look_up_table = d["look_up_table"]
        look_up_table: LookUpTable | None
        if _look_up_table is None:
            look_up_table = None
        elif not isinstance(_look_up_table, dict):
            look_up_table = cast("LookUpTable | None", _look_up_table)
        else:
            try:
                look_up_table_type_0 = LookUpTable.from_dict(_look_up_table)

                look_up_table = look_up_table_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                look_up_table = cast("LookUpTable | None", _look_up_table)

        instance_ = cls(
            title=title,
            description=description,
            slug=slug,
            kind=kind,
            pk=pk,
            default_value=default_value,
            super_kind=super_kind,
            relative_path=relative_path,
            overlay_segments=overlay_segments,
            look_up_table=look_up_table,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "title",
        "description",
        "slug",
        "kind",
        "pk",
        "default_value",
        "super_kind",
        "relative_path",
        "overlay_segments",
        "look_up_table",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.look_up_table import LookUpTable  # noqa: E402
