from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.annotation_create_scope import AnnotationCreateScope, check_annotation_create_scope
from ..types import UNSET, JSONMapping, JSONValue, Unset

if TYPE_CHECKING:
    from ..models.geometry import Geometry


T = TypeVar("T", bound="AnnotationCreate")


@_attrs_define
class AnnotationCreate(JSONMapping):
    """One annotation to create (fields the client leaves out are omitted)"""

    type_: str
    """ category, label, segmentation, line, square, point, polyline, region, text, integer, float """
    identifier: str
    scope: AnnotationCreateScope
    value: bool | float | None | str | None = None
    frame_index: int | None = None
    frame_range: list[int] | None = None
    """ First and last frame, both included """
    annotation_worklist_id: None | str | None = None
    imported_from: None | str | None = None
    import_author: None | str | None = None
    units: None | str | None = None
    geometry: Geometry | None = None
    """ Points as [x, y, z] (z the frame index, or null); optional view vectors """
    is_model: bool | None = None
    model_id: None | str | None = None
    source: None | str | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "type_": "type",
        "identifier": "identifier",
        "scope": "scope",
        "value": "value",
        "frame_index": "frame_index",
        "frame_range": "frame_range",
        "annotation_worklist_id": "annotation_worklist_id",
        "imported_from": "imported_from",
        "import_author": "import_author",
        "units": "units",
        "geometry": "geometry",
        "is_model": "is_model",
        "model_id": "model_id",
        "source": "source",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        identifier = self.identifier

        scope: str = self.scope

        value_given = UNSET if self.value is None else self.value
        value: bool | float | None | str | Unset
        if isinstance(value_given, Unset):
            value = UNSET
        else:
            value = value_given

        frame_index_given = UNSET if self.frame_index is None else self.frame_index
        frame_index: int | None | Unset
        if isinstance(frame_index_given, Unset):
            frame_index = UNSET
        else:
            frame_index = frame_index_given

        frame_range_given = UNSET if self.frame_range is None else self.frame_range
        frame_range: list[int] | Unset = UNSET
        if not isinstance(frame_range_given, Unset):
            frame_range = frame_range_given

        annotation_worklist_id_given = UNSET if self.annotation_worklist_id is None else self.annotation_worklist_id
        annotation_worklist_id: None | str | Unset
        if isinstance(annotation_worklist_id_given, Unset):
            annotation_worklist_id = UNSET
        else:
            annotation_worklist_id = annotation_worklist_id_given

        imported_from_given = UNSET if self.imported_from is None else self.imported_from
        imported_from: None | str | Unset
        if isinstance(imported_from_given, Unset):
            imported_from = UNSET
        else:
            imported_from = imported_from_given

        import_author_given = UNSET if self.import_author is None else self.import_author
        import_author: None | str | Unset
        if isinstance(import_author_given, Unset):
            import_author = UNSET
        else:
            import_author = import_author_given

        units_given = UNSET if self.units is None else self.units
        units: None | str | Unset
        if isinstance(units_given, Unset):
            units = UNSET
        else:
            units = units_given

        geometry_given = UNSET if self.geometry is None else self.geometry
        geometry: dict[str, Any] | Unset = UNSET
        if not isinstance(geometry_given, Unset):
            geometry = geometry_given.to_dict()

        is_model_given = UNSET if self.is_model is None else self.is_model
        is_model: bool | None | Unset
        if isinstance(is_model_given, Unset):
            is_model = UNSET
        else:
            is_model = is_model_given

        model_id_given = UNSET if self.model_id is None else self.model_id
        model_id: None | str | Unset
        if isinstance(model_id_given, Unset):
            model_id = UNSET
        else:
            model_id = model_id_given

        source_given = UNSET if self.source is None else self.source
        source: None | str | Unset
        if isinstance(source_given, Unset):
            source = UNSET
        else:
            source = source_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "identifier": identifier,
                "scope": scope,
            }
        )
        if value is not UNSET:
            field_dict["value"] = value
        if frame_index is not UNSET:
            field_dict["frame_index"] = frame_index
        if frame_range is not UNSET:
            field_dict["frame_range"] = frame_range
        if annotation_worklist_id is not UNSET:
            field_dict["annotation_worklist_id"] = annotation_worklist_id
        if imported_from is not UNSET:
            field_dict["imported_from"] = imported_from
        if import_author is not UNSET:
            field_dict["import_author"] = import_author
        if units is not UNSET:
            field_dict["units"] = units
        if geometry is not UNSET:
            field_dict["geometry"] = geometry
        if is_model is not UNSET:
            field_dict["is_model"] = is_model
        if model_id is not UNSET:
            field_dict["model_id"] = model_id
        if source is not UNSET:
            field_dict["source"] = source

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        type_ = d["type"]

        identifier = d["identifier"]

        scope = check_annotation_create_scope(d["scope"])

        value = d.get("value", None)

        frame_index = d.get("frame_index", None)

        frame_range = cast(list[int], d.get("frame_range", UNSET))

        annotation_worklist_id = d.get("annotation_worklist_id", None)

        imported_from = d.get("imported_from", None)

        import_author = d.get("import_author", None)

        units = d.get("units", None)

        _geometry = d.get("geometry", UNSET)
        geometry: Geometry | Unset
        if isinstance(_geometry, Unset):
            geometry = UNSET
        else:
            geometry = Geometry.from_dict(_geometry)

        is_model = d.get("is_model", None)

        model_id = d.get("model_id", None)

        source = d.get("source", None)

        instance_ = cls(
            type_=type_,
            identifier=identifier,
            scope=scope,
            value=value,
            frame_index=frame_index,
            frame_range=None if isinstance(frame_range, Unset) else frame_range,
            annotation_worklist_id=annotation_worklist_id,
            imported_from=imported_from,
            import_author=import_author,
            units=units,
            geometry=None if isinstance(geometry, Unset) else geometry,
            is_model=is_model,
            model_id=model_id,
            source=source,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "type",
        "identifier",
        "scope",
        "value",
        "frame_index",
        "frame_range",
        "annotation_worklist_id",
        "imported_from",
        "import_author",
        "units",
        "geometry",
        "is_model",
        "model_id",
        "source",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.geometry import Geometry  # noqa: E402
