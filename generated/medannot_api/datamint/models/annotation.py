from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.annotation_scope import AnnotationScope, check_annotation_scope
from ..types import UNSET, JSONMapping, JSONValue, Unset

if TYPE_CHECKING:
    from ..models.geometry import Geometry


T = TypeVar("T", bound="Annotation")


@_attrs_define
class Annotation(JSONMapping):
    id: str
    resource_id: str
    identifier: str
    type_: str
    scope: AnnotationScope
    frame_index: int | None = None
    value: bool | float | None | str | None = None
    units: None | str | None = None
    geometry: Geometry | None = None
    created_at: str | None = None
    created_by: str | None = None
    annotation_worklist_id: None | str | None = None
    imported_from: None | str | None = None
    import_author: None | str | None = None
    status: str | None = None
    is_model: bool | None = None
    model_id: None | str | None = None
    source: None | str | None = None
    file: None | str | None = None
    """ Name of the attached file (segmentations), null otherwise """
    deleted: bool | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "id": "id",
        "resource_id": "resource_id",
        "identifier": "identifier",
        "type_": "type",
        "scope": "scope",
        "frame_index": "frame_index",
        "value": "value",
        "units": "units",
        "geometry": "geometry",
        "created_at": "created_at",
        "created_by": "created_by",
        "annotation_worklist_id": "annotation_worklist_id",
        "imported_from": "imported_from",
        "import_author": "import_author",
        "status": "status",
        "is_model": "is_model",
        "model_id": "model_id",
        "source": "source",
        "file": "file",
        "deleted": "deleted",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        resource_id = self.resource_id

        identifier = self.identifier

        type_ = self.type_

        scope: str = self.scope

        frame_index_given = UNSET if self.frame_index is None else self.frame_index
        frame_index: int | None | Unset
        if isinstance(frame_index_given, Unset):
            frame_index = UNSET
        else:
            frame_index = frame_index_given

        value_given = UNSET if self.value is None else self.value
        value: bool | float | None | str | Unset
        if isinstance(value_given, Unset):
            value = UNSET
        else:
            value = value_given

        units_given = UNSET if self.units is None else self.units
        units: None | str | Unset
        if isinstance(units_given, Unset):
            units = UNSET
        else:
            units = units_given

        geometry_given = UNSET if self.geometry is None else self.geometry
        geometry: dict[str, Any] | None | Unset
        if isinstance(geometry_given, Unset):
            geometry = UNSET
        elif isinstance(geometry_given, Geometry):
            geometry = geometry_given.to_dict()
        else:
            geometry = geometry_given

        created_at_given = UNSET if self.created_at is None else self.created_at
        created_at = created_at_given

        created_by_given = UNSET if self.created_by is None else self.created_by
        created_by = created_by_given

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

        status_given = UNSET if self.status is None else self.status
        status = status_given

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

        file_given = UNSET if self.file is None else self.file
        file: None | str | Unset
        if isinstance(file_given, Unset):
            file = UNSET
        else:
            file = file_given

        deleted_given = UNSET if self.deleted is None else self.deleted
        deleted = deleted_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "resource_id": resource_id,
                "identifier": identifier,
                "type": type_,
                "scope": scope,
            }
        )
        if frame_index is not UNSET:
            field_dict["frame_index"] = frame_index
        if value is not UNSET:
            field_dict["value"] = value
        if units is not UNSET:
            field_dict["units"] = units
        if geometry is not UNSET:
            field_dict["geometry"] = geometry
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if created_by is not UNSET:
            field_dict["created_by"] = created_by
        if annotation_worklist_id is not UNSET:
            field_dict["annotation_worklist_id"] = annotation_worklist_id
        if imported_from is not UNSET:
            field_dict["imported_from"] = imported_from
        if import_author is not UNSET:
            field_dict["import_author"] = import_author
        if status is not UNSET:
            field_dict["status"] = status
        if is_model is not UNSET:
            field_dict["is_model"] = is_model
        if model_id is not UNSET:
            field_dict["model_id"] = model_id
        if source is not UNSET:
            field_dict["source"] = source
        if file is not UNSET:
            field_dict["file"] = file
        if deleted is not UNSET:
            field_dict["deleted"] = deleted

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        id = d["id"]

        resource_id = d["resource_id"]

        identifier = d["identifier"]

        type_ = d["type"]

        scope = check_annotation_scope(d["scope"])

        frame_index = d.get("frame_index", None)

        value = d.get("value", None)

        units = d.get("units", None)

        _geometry = d.get("geometry", UNSET)
        geometry: Geometry | None | Unset
        if _geometry is None:
            geometry = None
        elif isinstance(_geometry, Unset):
            geometry = UNSET
        elif not isinstance(_geometry, dict):
            geometry = cast("Geometry | None | Unset", _geometry)
        else:
            try:
                geometry_type_0 = Geometry.from_dict(_geometry)

                geometry = geometry_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                geometry = cast("Geometry | None | Unset", _geometry)

        created_at = d.get("created_at", None)

        created_by = d.get("created_by", None)

        annotation_worklist_id = d.get("annotation_worklist_id", None)

        imported_from = d.get("imported_from", None)

        import_author = d.get("import_author", None)

        status = d.get("status", None)

        is_model = d.get("is_model", None)

        model_id = d.get("model_id", None)

        source = d.get("source", None)

        file = d.get("file", None)

        deleted = d.get("deleted", None)

        instance_ = cls(
            id=id,
            resource_id=resource_id,
            identifier=identifier,
            type_=type_,
            scope=scope,
            frame_index=frame_index,
            value=value,
            units=units,
            geometry=None if isinstance(geometry, Unset) else geometry,
            created_at=created_at,
            created_by=created_by,
            annotation_worklist_id=annotation_worklist_id,
            imported_from=imported_from,
            import_author=import_author,
            status=status,
            is_model=is_model,
            model_id=model_id,
            source=source,
            file=file,
            deleted=deleted,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "id",
        "resource_id",
        "identifier",
        "type",
        "scope",
        "frame_index",
        "value",
        "units",
        "geometry",
        "created_at",
        "created_by",
        "annotation_worklist_id",
        "imported_from",
        "import_author",
        "status",
        "is_model",
        "model_id",
        "source",
        "file",
        "deleted",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.geometry import Geometry  # noqa: E402
