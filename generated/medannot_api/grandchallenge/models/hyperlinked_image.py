from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import JSONMapping, JSONValue

if TYPE_CHECKING:
    from ..models.dicom_image_set import DICOMImageSet
    from ..models.image_file import ImageFile
    from ..models.imaging_modality import ImagingModality


T = TypeVar("T", bound="HyperlinkedImage")


@_attrs_define
class HyperlinkedImage(JSONMapping):
    pk: UUID
    name: str
    files: list[ImageFile]
    dicom_image_set: DICOMImageSet | None
    width: int | None
    height: int | None
    depth: int | None
    color_space: str
    """ `GRAY`, `RGB`, `RGBA` or `YCBCR` """
    modality: ImagingModality | None
    eye_choice: str
    """ `OD`, `OS`, `U` or `NA` """
    stereoscopic_choice: None | str
    """ `L`, `R`, `U`, `` or null """
    field_of_view: None | str
    """ `F1M`, `F2`, `F3M`, `F4`, `F5`, `F6`, `F7`, `U`, `` or null """
    shape_without_color: list[int]
    shape: list[int]
    voxel_width_mm: float | None
    voxel_height_mm: float | None
    voxel_depth_mm: float | None
    api_url: str
    patient_id: str
    patient_name: str
    patient_birth_date: datetime.date | None
    patient_age: str
    patient_sex: str
    """ `M`, `F`, `O` or `` """
    study_date: datetime.date | None
    study_instance_uid: str
    series_instance_uid: str
    study_description: str
    series_description: str
    window_center: float | None
    window_width: float | None
    segments: JSONValue
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "pk": "pk",
        "name": "name",
        "files": "files",
        "dicom_image_set": "dicom_image_set",
        "width": "width",
        "height": "height",
        "depth": "depth",
        "color_space": "color_space",
        "modality": "modality",
        "eye_choice": "eye_choice",
        "stereoscopic_choice": "stereoscopic_choice",
        "field_of_view": "field_of_view",
        "shape_without_color": "shape_without_color",
        "shape": "shape",
        "voxel_width_mm": "voxel_width_mm",
        "voxel_height_mm": "voxel_height_mm",
        "voxel_depth_mm": "voxel_depth_mm",
        "api_url": "api_url",
        "patient_id": "patient_id",
        "patient_name": "patient_name",
        "patient_birth_date": "patient_birth_date",
        "patient_age": "patient_age",
        "patient_sex": "patient_sex",
        "study_date": "study_date",
        "study_instance_uid": "study_instance_uid",
        "series_instance_uid": "series_instance_uid",
        "study_description": "study_description",
        "series_description": "series_description",
        "window_center": "window_center",
        "window_width": "window_width",
        "segments": "segments",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        pk = str(self.pk)

        name = self.name

        files = []
        for files_item_data in self.files:
            files_item = files_item_data.to_dict()
            files.append(files_item)

        dicom_image_set: dict[str, Any] | None
        if isinstance(self.dicom_image_set, DICOMImageSet):
            dicom_image_set = self.dicom_image_set.to_dict()
        else:
            dicom_image_set = self.dicom_image_set

        width: int | None
        width = self.width

        height: int | None
        height = self.height

        depth: int | None
        depth = self.depth

        color_space = self.color_space

        modality: dict[str, Any] | None
        if isinstance(self.modality, ImagingModality):
            modality = self.modality.to_dict()
        else:
            modality = self.modality

        eye_choice = self.eye_choice

        stereoscopic_choice: None | str
        stereoscopic_choice = self.stereoscopic_choice

        field_of_view: None | str
        field_of_view = self.field_of_view

        shape_without_color = self.shape_without_color

        shape = self.shape

        voxel_width_mm: float | None
        voxel_width_mm = self.voxel_width_mm

        voxel_height_mm: float | None
        voxel_height_mm = self.voxel_height_mm

        voxel_depth_mm: float | None
        voxel_depth_mm = self.voxel_depth_mm

        api_url = self.api_url

        patient_id = self.patient_id

        patient_name = self.patient_name

        patient_birth_date: None | str
        if isinstance(self.patient_birth_date, datetime.date):
            patient_birth_date = self.patient_birth_date.isoformat()
        else:
            patient_birth_date = self.patient_birth_date

        patient_age = self.patient_age

        patient_sex = self.patient_sex

        study_date: None | str
        if isinstance(self.study_date, datetime.date):
            study_date = self.study_date.isoformat()
        else:
            study_date = self.study_date

        study_instance_uid = self.study_instance_uid

        series_instance_uid = self.series_instance_uid

        study_description = self.study_description

        series_description = self.series_description

        window_center: float | None
        window_center = self.window_center

        window_width: float | None
        window_width = self.window_width

        segments = self.segments

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "name": name,
                "files": files,
                "dicom_image_set": dicom_image_set,
                "width": width,
                "height": height,
                "depth": depth,
                "color_space": color_space,
                "modality": modality,
                "eye_choice": eye_choice,
                "stereoscopic_choice": stereoscopic_choice,
                "field_of_view": field_of_view,
                "shape_without_color": shape_without_color,
                "shape": shape,
                "voxel_width_mm": voxel_width_mm,
                "voxel_height_mm": voxel_height_mm,
                "voxel_depth_mm": voxel_depth_mm,
                "api_url": api_url,
                "patient_id": patient_id,
                "patient_name": patient_name,
                "patient_birth_date": patient_birth_date,
                "patient_age": patient_age,
                "patient_sex": patient_sex,
                "study_date": study_date,
                "study_instance_uid": study_instance_uid,
                "series_instance_uid": series_instance_uid,
                "study_description": study_description,
                "series_description": series_description,
                "window_center": window_center,
                "window_width": window_width,
                "segments": segments,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        pk = UUID(d["pk"])

        name = d["name"]

        files = []
        _files = d["files"]
        for files_item_data in _files:
            files_item = ImageFile.from_dict(files_item_data)

            files.append(files_item)

        _dicom_image_set = d["dicom_image_set"]
        dicom_image_set: DICOMImageSet | None
        if _dicom_image_set is None:
            dicom_image_set = None
        elif not isinstance(_dicom_image_set, dict):
            dicom_image_set = cast("DICOMImageSet | None", _dicom_image_set)
        else:
            try:
                dicom_image_set_type_0 = DICOMImageSet.from_dict(_dicom_image_set)

                dicom_image_set = dicom_image_set_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                dicom_image_set = cast("DICOMImageSet | None", _dicom_image_set)

        width = d["width"]

        height = d["height"]

        depth = d["depth"]

        color_space = d["color_space"]

        _modality = d["modality"]
        modality: ImagingModality | None
        if _modality is None:
            modality = None
        elif not isinstance(_modality, dict):
            modality = cast("ImagingModality | None", _modality)
        else:
            try:
                modality_type_0 = ImagingModality.from_dict(_modality)

                modality = modality_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                modality = cast("ImagingModality | None", _modality)

        eye_choice = d["eye_choice"]

        stereoscopic_choice = d["stereoscopic_choice"]

        field_of_view = d["field_of_view"]

        shape_without_color = cast(list[int], d["shape_without_color"])

        shape = cast(list[int], d["shape"])

        voxel_width_mm = d["voxel_width_mm"]

        voxel_height_mm = d["voxel_height_mm"]

        voxel_depth_mm = d["voxel_depth_mm"]

        api_url = d["api_url"]

        patient_id = d["patient_id"]

        patient_name = d["patient_name"]

        _patient_birth_date = d["patient_birth_date"]
        patient_birth_date: datetime.date | None
        if _patient_birth_date is None:
            patient_birth_date = None
        elif not isinstance(_patient_birth_date, str):
            patient_birth_date = cast("datetime.date | None", _patient_birth_date)
        else:
            try:
                patient_birth_date_type_0 = datetime.date.fromisoformat(_patient_birth_date)

                patient_birth_date = patient_birth_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                patient_birth_date = cast("datetime.date | None", _patient_birth_date)

        patient_age = d["patient_age"]

        patient_sex = d["patient_sex"]

        _study_date = d["study_date"]
        study_date: datetime.date | None
        if _study_date is None:
            study_date = None
        elif not isinstance(_study_date, str):
            study_date = cast("datetime.date | None", _study_date)
        else:
            try:
                study_date_type_0 = datetime.date.fromisoformat(_study_date)

                study_date = study_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                study_date = cast("datetime.date | None", _study_date)

        study_instance_uid = d["study_instance_uid"]

        series_instance_uid = d["series_instance_uid"]

        study_description = d["study_description"]

        series_description = d["series_description"]

        window_center = d["window_center"]

        window_width = d["window_width"]

        segments = d["segments"]

        instance_ = cls(
            pk=pk,
            name=name,
            files=files,
            dicom_image_set=dicom_image_set,
            width=width,
            height=height,
            depth=depth,
            color_space=color_space,
            modality=modality,
            eye_choice=eye_choice,
            stereoscopic_choice=stereoscopic_choice,
            field_of_view=field_of_view,
            shape_without_color=shape_without_color,
            shape=shape,
            voxel_width_mm=voxel_width_mm,
            voxel_height_mm=voxel_height_mm,
            voxel_depth_mm=voxel_depth_mm,
            api_url=api_url,
            patient_id=patient_id,
            patient_name=patient_name,
            patient_birth_date=patient_birth_date,
            patient_age=patient_age,
            patient_sex=patient_sex,
            study_date=study_date,
            study_instance_uid=study_instance_uid,
            series_instance_uid=series_instance_uid,
            study_description=study_description,
            series_description=series_description,
            window_center=window_center,
            window_width=window_width,
            segments=segments,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "pk",
        "name",
        "files",
        "dicom_image_set",
        "width",
        "height",
        "depth",
        "color_space",
        "modality",
        "eye_choice",
        "stereoscopic_choice",
        "field_of_view",
        "shape_without_color",
        "shape",
        "voxel_width_mm",
        "voxel_height_mm",
        "voxel_depth_mm",
        "api_url",
        "patient_id",
        "patient_name",
        "patient_birth_date",
        "patient_age",
        "patient_sex",
        "study_date",
        "study_instance_uid",
        "series_instance_uid",
        "study_description",
        "series_description",
        "window_center",
        "window_width",
        "segments",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.dicom_image_set import DICOMImageSet  # noqa: E402
from ..models.image_file import ImageFile  # noqa: E402
from ..models.imaging_modality import ImagingModality  # noqa: E402
