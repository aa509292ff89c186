from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue, Unset

T = TypeVar("T", bound="ComponentInterfaceValuePostRequest")


@_attrs_define
class ComponentInterfaceValuePostRequest(JSONMapping):
    interface: str
    """ The socket's slug """
    value: JSONValue | None = None
    """ The value of a socket of super_kind Value """
    file: None | str | None = None
    """ A file for a socket of super_kind File; in a JSON body only null (use `user_upload`) """
    image: None | str | None = None
    """ API URL of an existing image """
    upload_session: None | str | None = None
    """ API URL of a pending raw image upload session """
    user_upload: None | str | None = None
    """ API URL of a completed upload: the file of a File socket, or a JSON value given as a file """
    user_uploads: list[str] | None = None
    """ API URLs of completed uploads that form one image (e.g. a DICOM series) """
    image_name: None | str | None = None
    """ Name of a DICOM image set (with user_uploads) """
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "interface": "interface",
        "value": "value",
        "file": "file",
        "image": "image",
        "upload_session": "upload_session",
        "user_upload": "user_upload",
        "user_uploads": "user_uploads",
        "image_name": "image_name",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        interface = self.interface

        value_given = UNSET if self.value is None else self.value
        value = value_given

        file_given = UNSET if self.file is None else self.file
        file: None | str | Unset
        if isinstance(file_given, Unset):
            file = UNSET
        else:
            file = file_given

        image_given = UNSET if self.image is None else self.image
        image: None | str | Unset
        if isinstance(image_given, Unset):
            image = UNSET
        else:
            image = image_given

        upload_session_given = UNSET if self.upload_session is None else self.upload_session
        upload_session: None | str | Unset
        if isinstance(upload_session_given, Unset):
            upload_session = UNSET
        else:
            upload_session = upload_session_given

        user_upload_given = UNSET if self.user_upload is None else self.user_upload
        user_upload: None | str | Unset
        if isinstance(user_upload_given, Unset):
            user_upload = UNSET
        else:
            user_upload = user_upload_given

        user_uploads_given = UNSET if self.user_uploads is None else self.user_uploads
        user_uploads: list[str] | None | Unset
        if isinstance(user_uploads_given, Unset):
            user_uploads = UNSET
        elif isinstance(user_uploads_given, list):
            user_uploads = user_uploads_given

        else:
            user_uploads = user_uploads_given

        image_name_given = UNSET if self.image_name is None else self.image_name
        image_name: None | str | Unset
        if isinstance(image_name_given, Unset):
            image_name = UNSET
        else:
            image_name = image_name_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "interface": interface,
            }
        )
        if value is not UNSET:
            field_dict["value"] = value
        if file is not UNSET:
            field_dict["file"] = file
        if image is not UNSET:
            field_dict["image"] = image
        if upload_session is not UNSET:
            field_dict["upload_session"] = upload_session
        if user_upload is not UNSET:
            field_dict["user_upload"] = user_upload
        if user_uploads is not UNSET:
            field_dict["user_uploads"] = user_uploads
        if image_name is not UNSET:
            field_dict["image_name"] = image_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        interface = d["interface"]

        value = d.get("value", None)

        file = d.get("file", None)

        image = d.get("image", None)

        upload_session = d.get("upload_session", None)

        user_upload = d.get("user_upload", None)

        _user_uploads = d.get("user_uploads", UNSET)
        user_uploads: list[str] | None | Unset
        if _user_uploads is None:
            user_uploads = None
        elif isinstance(_user_uploads, Unset):
            user_uploads = UNSET
        elif not isinstance(_user_uploads, list):
            user_uploads = cast("list[str] | None | Unset", _user_uploads)
        else:
            try:
                user_uploads_type_0 = cast(list[str], _user_uploads)

                user_uploads = user_uploads_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                user_uploads = cast("list[str] | None | Unset", _user_uploads)

        image_name = d.get("image_name", None)

        instance_ = cls(
            interface=interface,
            value=value,
            file=file,
            image=image,
            upload_session=upload_session,
            user_upload=user_upload,
            user_uploads=None if isinstance(user_uploads, Unset) else user_uploads,
            image_name=image_name,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "interface",
        "value",
        "file",
        "image",
        "upload_session",
        "user_upload",
        "user_uploads",
        "image_name",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
