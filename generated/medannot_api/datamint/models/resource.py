from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.resource_status import ResourceStatus, check_resource_status
from ..types import UNSET, JSONMapping, JSONValue, Unset

if TYPE_CHECKING:
    from ..models.project_ref import ProjectRef
    from ..models.resource_metadata_type_0 import ResourceMetadataType0
    from ..models.user_info import UserInfo


T = TypeVar("T", bound="Resource")


@_attrs_define
class Resource(JSONMapping):
    id: str
    storage: str
    """ DicomResource, NiftiResource, ImageResource, VideoResource or VolumeResource """
    location: str
    filename: str
    mimetype: str
    status: ResourceStatus
    created_at: str
    created_by: str
    resource_uri: str
    upload_channel: str
    customer_id: str
    published: bool
    deleted: bool
    size: int | None = None
    upload_mechanism: None | str | None = None
    published_on: None | str | None = None
    published_by: None | str | None = None
    deleted_at: None | str | None = None
    deleted_by: None | str | None = None
    modality: None | str | None = None
    metadata: None | ResourceMetadataType0 | None = None
    source_filepath: None | str | None = None
    tags: list[str] | None = None
    instance_uid: None | str | None = None
    series_uid: None | str | None = None
    study_uid: None | str | None = None
    patient_id: None | str | None = None
    frame_count: int | None = None
    """ Number of frames (DICOM frames, NIfTI slices), when known """
    user_info: UserInfo | None = None
    """ Who uploaded the resource """
    projects: list[ProjectRef] | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "id": "id",
        "storage": "storage",
        "location": "location",
        "filename": "filename",
        "mimetype": "mimetype",
        "status": "status",
        "created_at": "created_at",
        "created_by": "created_by",
        "resource_uri": "resource_uri",
        "upload_channel": "upload_channel",
        "customer_id": "customer_id",
        "published": "published",
        "deleted": "deleted",
        "size": "size",
        "upload_mechanism": "upload_mechanism",
        "published_on": "published_on",
        "published_by": "published_by",
        "deleted_at": "deleted_at",
        "deleted_by": "deleted_by",
        "modality": "modality",
        "metadata": "metadata",
        "source_filepath": "source_filepath",
        "tags": "tags",
        "instance_uid": "instance_uid",
        "series_uid": "series_uid",
        "study_uid": "study_uid",
        "patient_id": "patient_id",
        "frame_count": "frame_count",
        "user_info": "user_info",
        "projects": "projects",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        storage = self.storage

        location = self.location

        filename = self.filename

        mimetype = self.mimetype

        status: str = self.status

        created_at = self.created_at

        created_by = self.created_by

        resource_uri = self.resource_uri

        upload_channel = self.upload_channel

        customer_id = self.customer_id

        published = self.published

        deleted = self.deleted

        size_given = UNSET if self.size is None else self.size
        size: int | None | Unset
        if isinstance(size_given, Unset):
            size = UNSET
        else:
            size = size_given

        upload_mechanism_given = UNSET if self.upload_mechanism is None else self.upload_mechanism
        upload_mechanism: None | str | Unset
        if isinstance(upload_mechanism_given, Unset):
            upload_mechanism = UNSET
        else:
            upload_mechanism = upload_mechanism_given

        published_on_given = UNSET if self.published_on is None else self.published_on
        published_on: None | str | Unset
        if isinstance(published_on_given, Unset):
            published_on = UNSET
        else:
            published_on = published_on_given

        published_by_given = UNSET if self.published_by is None else self.published_by
        published_by: None | str | Unset
        if isinstance(published_by_given, Unset):
            published_by = UNSET
        else:
            published_by = published_by_given

        deleted_at_given = UNSET if self.deleted_at is None else self.deleted_at
        deleted_at: None | str | Unset
        if isinstance(deleted_at_given, Unset):
            deleted_at = UNSET
        else:
            deleted_at = deleted_at_given

        deleted_by_given = UNSET if self.deleted_by is None else self.deleted_by
        deleted_by: None | str | Unset
        if isinstance(deleted_by_given, Unset):
            deleted_by = UNSET
        else:
            deleted_by = deleted_by_given

        modality_given = UNSET if self.modality is None else self.modality
        modality: None | str | Unset
        if isinstance(modality_given, Unset):
            modality = UNSET
        else:
            modality = modality_given

        metadata_given = UNSET if self.metadata is None else self.metadata
        metadata: dict[str, Any] | None | Unset
        if isinstance(metadata_given, Unset):
            metadata = UNSET
        elif isinstance(metadata_given, ResourceMetadataType0):
            metadata = metadata_given.to_dict()
        else:
            metadata = metadata_given

        source_filepath_given = UNSET if self.source_filepath is None else self.source_filepath
        source_filepath: None | str | Unset
        if isinstance(source_filepath_given, Unset):
            source_filepath = UNSET
        else:
            source_filepath = source_filepath_given

        tags_given = UNSET if self.tags is None else self.tags
        tags: list[str] | None | Unset
        if isinstance(tags_given, Unset):
            tags = UNSET
        elif isinstance(tags_given, list):
            tags = tags_given

        else:
            tags = tags_given

        instance_uid_given = UNSET if self.instance_uid is None else self.instance_uid
        instance_uid: None | str | Unset
        if isinstance(instance_uid_given, Unset):
            instance_uid = UNSET
        else:
            instance_uid = instance_uid_given

        series_uid_given = UNSET if self.series_uid is None else self.series_uid
        series_uid: None | str | Unset
        if isinstance(series_uid_given, Unset):
            series_uid = UNSET
        else:
            series_uid = series_uid_given

        study_uid_given = UNSET if self.study_uid is None else self.study_uid
        study_uid: None | str | Unset
        if isinstance(study_uid_given, Unset):
            study_uid = UNSET
        else:
            study_uid = study_uid_given

        patient_id_given = UNSET if self.patient_id is None else self.patient_id
        patient_id: None | str | Unset
        if isinstance(patient_id_given, Unset):
            patient_id = UNSET
        else:
            patient_id = patient_id_given

        frame_count_given = UNSET if self.frame_count is None else self.frame_count
        frame_count: int | None | Unset
        if isinstance(frame_count_given, Unset):
            frame_count = UNSET
        else:
            frame_count = frame_count_given

        user_info_given = UNSET if self.user_info is None else self.user_info
        user_info: dict[str, Any] | Unset = UNSET
        if not isinstance(user_info_given, Unset):
            user_info = user_info_given.to_dict()

        projects_given = UNSET if self.projects is None else self.projects
        projects: list[dict[str, Any]] | None | Unset
        if isinstance(projects_given, Unset):
            projects = UNSET
        elif isinstance(projects_given, list):
            projects = []
            for projects_type_0_item_data in projects_given:
                projects_type_0_item = projects_type_0_item_data.to_dict()
                projects.append(projects_type_0_item)

        else:
            projects = projects_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "storage": storage,
                "location": location,
                "filename": filename,
                "mimetype": mimetype,
                "status": status,
                "created_at": created_at,
                "created_by": created_by,
                "resource_uri": resource_uri,
                "upload_channel": upload_channel,
                "customer_id": customer_id,
                "published": published,
                "deleted": deleted,
            }
        )
        if size is not UNSET:
            field_dict["size"] = size
        if upload_mechanism is not UNSET:
            field_dict["upload_mechanism"] = upload_mechanism
        if published_on is not UNSET:
            field_dict["published_on"] = published_on
        if published_by is not UNSET:
            field_dict["published_by"] = published_by
        if deleted_at is not UNSET:
            field_dict["deleted_at"] = deleted_at
        if deleted_by is not UNSET:
            field_dict["deleted_by"] = deleted_by
        if modality is not UNSET:
            field_dict["modality"] = modality
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if source_filepath is not UNSET:
            field_dict["source_filepath"] = source_filepath
        if tags is not UNSET:
            field_dict["tags"] = tags
        if instance_uid is not UNSET:
            field_dict["instance_uid"] = instance_uid
        if series_uid is not UNSET:
            field_dict["series_uid"] = series_uid
        if study_uid is not UNSET:
            field_dict["study_uid"] = study_uid
        if patient_id is not UNSET:
            field_dict["patient_id"] = patient_id
        if frame_count is not UNSET:
            field_dict["frame_count"] = frame_count
        if user_info is not UNSET:
            field_dict["user_info"] = user_info
        if projects is not UNSET:
            field_dict["projects"] = projects

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        id = d["id"]

        storage = d["storage"]

        location = d["location"]

        filename = d["filename"]

        mimetype = d["mimetype"]

        status = check_resource_status(d["status"])

        created_at = d["created_at"]

        created_by = d["created_by"]

        resource_uri = d["resource_uri"]

        upload_channel = d["upload_channel"]

        customer_id = d["customer_id"]

        published = d["published"]

        deleted = d["deleted"]

        size = d.get("size", None)

        upload_mechanism = d.get("upload_mechanism", None)

        published_on = d.get("published_on", None)

        published_by = d.get("published_by", None)

        deleted_at = d.get("deleted_at", None)

        deleted_by = d.get("deleted_by", None)

        modality = d.get("modality", None)

        _metadata = d.get("metadata", UNSET)
        metadata: None | ResourceMetadataType0 | Unset
        if _metadata is None:
            metadata = None
        elif isinstance(_metadata, Unset):
            metadata = UNSET
        elif not isinstance(_metadata, dict):
            metadata = cast("None | ResourceMetadataType0 | Unset", _metadata)
        else:
            try:
                metadata_type_0 = ResourceMetadataType0.from_dict(_metadata)

                metadata = metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                metadata = cast("None | ResourceMetadataType0 | Unset", _metadata)

        source_filepath = d.get("source_filepath", None)

        _tags = d.get("tags", UNSET)
        tags: list[str] | None | Unset
        if _tags is None:
            tags = None
        elif isinstance(_tags, Unset):
            tags = UNSET
        elif not isinstance(_tags, list):
            tags = cast("list[str] | None | Unset", _tags)
        else:
            try:
                tags_type_0 = cast(list[str], _tags)

                tags = tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                tags = cast("list[str] | None | Unset", _tags)

        instance_uid = d.get("instance_uid", None)

        series_uid = d.get("series_uid", None)

        study_uid = d.get("study_uid", None)

        patient_id = d.get("patient_id", None)

        frame_count = d.get("frame_count", None)

        _user_info = d.get("user_info", UNSET)
        user_info: UserInfo | Unset
        if isinstance(_user_info, Unset):
            user_info = UNSET
        else:
            user_info = UserInfo.from_dict(_user_info)

        _projects = d.get("projects", UNSET)
        projects: list[ProjectRef] | None | Unset
        if _projects is None:
            projects = None
        elif isinstance(_projects, Unset):
            projects = UNSET
        elif not isinstance(_projects, list):
            projects = cast("list[ProjectRef] | None | Unset", _projects)
        else:
            try:
                projects_type_0 = []
                _projects_type_0 = _projects
                for projects_type_0_item_data in _projects_type_0:
                    projects_type_0_item = ProjectRef.from_dict(projects_type_0_item_data)

                    projects_type_0.append(projects_type_0_item)

                projects = projects_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                projects = cast("list[ProjectRef] | None | Unset", _projects)

        instance_ = cls(
            id=id,
            storage=storage,
            location=location,
            filename=filename,
            mimetype=mimetype,
            status=status,
            created_at=created_at,
            created_by=created_by,
            resource_uri=resource_uri,
            upload_channel=upload_channel,
            customer_id=customer_id,
            published=published,
            deleted=deleted,
            size=size,
            upload_mechanism=upload_mechanism,
            published_on=published_on,
            published_by=published_by,
            deleted_at=deleted_at,
            deleted_by=deleted_by,
            modality=modality,
            metadata=None if isinstance(metadata, Unset) else metadata,
            source_filepath=source_filepath,
            tags=None if isinstance(tags, Unset) else tags,
            instance_uid=instance_uid,
            series_uid=series_uid,
            study_uid=study_uid,
            patient_id=patient_id,
            frame_count=frame_count,
            user_info=None if isinstance(user_info, Unset) else user_info,
            projects=None if isinstance(projects, Unset) else projects,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "id",
        "storage",
        "location",
        "filename",
        "mimetype",
        "status",
        "created_at",
        "created_by",
        "resource_uri",
        "upload_channel",
        "customer_id",
        "published",
        "deleted",
        "size",
        "upload_mechanism",
        "published_on",
        "published_by",
        "deleted_at",
        "deleted_by",
        "modality",
        "metadata",
        "source_filepath",
        "tags",
        "instance_uid",
        "series_uid",
        "study_uid",
        "patient_id",
        "frame_count",
        "user_info",
        "projects",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.project_ref import ProjectRef  # noqa: E402
from ..models.resource_metadata_type_0 import ResourceMetadataType0  # noqa: E402
from ..models.user_info import UserInfo  # noqa: E402
