from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue

T = TypeVar("T", bound="SlideManifestRow")


@_attrs_define
class SlideManifestRow(JSONMapping):
    """One row of slide_detailed_manifest.csv (CSV cells are text; types say how to read them).
    `n_paths`, `n_markers`, `n_annot` appear in annotation tasks, `n_samples` in dltrain tasks,
    `n_sampling_rois` in sampling tasks.

    """

    id: int
    block_id: int
    section: int
    slide: int
    stain: str
    slide_name: None | str
    """ Empty when anonymized """
    slide_ext: str
    project: str
    specimen: int
    """ Specimen id """
    block_name: str
    specimen_private: None | str
    """ Empty when anonymized """
    specimen_public: str
    task_id: int
    specimen_display: str
    n_paths: int | None = None
    n_markers: int | None = None
    n_annot: int | None = None
    n_samples: int | None = None
    n_sampling_rois: int | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "id": "id",
        "block_id": "block_id",
        "section": "section",
        "slide": "slide",
        "stain": "stain",
        "slide_name": "slide_name",
        "slide_ext": "slide_ext",
        "project": "project",
        "specimen": "specimen",
        "block_name": "block_name",
        "specimen_private": "specimen_private",
        "specimen_public": "specimen_public",
        "task_id": "task_id",
        "specimen_display": "specimen_display",
        "n_paths": "n_paths",
        "n_markers": "n_markers",
        "n_annot": "n_annot",
        "n_samples": "n_samples",
        "n_sampling_rois": "n_sampling_rois",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        block_id = self.block_id

        section = self.section

        slide = self.slide

        stain = self.stain

        slide_name: None | str
        slide_name = self.slide_name

        slide_ext = self.slide_ext

        project = self.project

        specimen = self.specimen

        block_name = self.block_name

        specimen_private: None | str
        specimen_private = self.specimen_private

        specimen_public = self.specimen_public

        task_id = self.task_id

        specimen_display = self.specimen_display

        n_paths_given = UNSET if self.n_paths is None else self.n_paths
        n_paths = n_paths_given

        n_markers_given = UNSET if self.n_markers is None else self.n_markers
        n_markers = n_markers_given

        n_annot_given = UNSET if self.n_annot is None else self.n_annot
        n_annot = n_annot_given

        n_samples_given = UNSET if self.n_samples is None else self.n_samples
        n_samples = n_samples_given

        n_sampling_rois_given = UNSET if self.n_sampling_rois is None else self.n_sampling_rois
        n_sampling_rois = n_sampling_rois_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "block_id": block_id,
                "section": section,
                "slide": slide,
                "stain": stain,
                "slide_name": slide_name,
                "slide_ext": slide_ext,
                "project": project,
                "specimen": specimen,
                "block_name": block_name,
                "specimen_private": specimen_private,
                "specimen_public": specimen_public,
                "task_id": task_id,
                "specimen_display": specimen_display,
            }
        )
        if n_paths is not UNSET:
            field_dict["n_paths"] = n_paths
        if n_markers is not UNSET:
            field_dict["n_markers"] = n_markers
        if n_annot is not UNSET:
            field_dict["n_annot"] = n_annot
        if n_samples is not UNSET:
            field_dict["n_samples"] = n_samples
        if n_sampling_rois is not UNSET:
            field_dict["n_sampling_rois"] = n_sampling_rois

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        id = d["id"]

        block_id = d["block_id"]

        section = d["section"]

        slide = d["slide"]

        stain = d["stain"]

        slide_name = d["slide_name"]

        slide_ext = d["slide_ext"]

        project = d["project"]

        specimen = d["specimen"]

        block_name = d["block_name"]

        specimen_private = d["specimen_private"]

        specimen_public = d["specimen_public"]

        task_id = d["task_id"]

        specimen_display = d["specimen_display"]

        n_paths = d.get("n_paths", None)

        n_markers = d.get("n_markers", None)

        n_annot = d.get("n_annot", None)

        n_samples = d.get("n_samples", None)

        n_sampling_rois = d.get("n_sampling_rois", None)

        instance_ = cls(
            id=id,
            block_id=block_id,
            section=section,
            slide=slide,
            stain=stain,
            slide_name=slide_name,
            slide_ext=slide_ext,
            project=project,
            specimen=specimen,
            block_name=block_name,
            specimen_private=specimen_private,
            specimen_public=specimen_public,
            task_id=task_id,
            specimen_display=specimen_display,
            n_paths=n_paths,
            n_markers=n_markers,
            n_annot=n_annot,
            n_samples=n_samples,
            n_sampling_rois=n_sampling_rois,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "id",
        "block_id",
        "section",
        "slide",
        "stain",
        "slide_name",
        "slide_ext",
        "project",
        "specimen",
        "block_name",
        "specimen_private",
        "specimen_public",
        "task_id",
        "specimen_display",
        "n_paths",
        "n_markers",
        "n_annot",
        "n_samples",
        "n_sampling_rois",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
