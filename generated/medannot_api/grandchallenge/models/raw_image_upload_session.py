from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import JSONMapping, JSONValue

T = TypeVar("T", bound="RawImageUploadSession")


@_attrs_define
class RawImageUploadSession(JSONMapping):
    pk: UUID
    creator: int | None
    status: str
    """ `Queued`, `Started`, `Re-Queued`, `Failed`, `Succeeded`, `Cancelled`, or the post-processing states of the
    server's version """
    error_message: None | str
    image_set: list[str]
    api_url: str
    user_uploads: list[UUID]
    uploads: list[str]
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "pk": "pk",
        "creator": "creator",
        "status": "status",
        "error_message": "error_message",
        "image_set": "image_set",
        "api_url": "api_url",
        "user_uploads": "user_uploads",
        "uploads": "uploads",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        pk = str(self.pk)

        creator: int | None
        creator = self.creator

        status = self.status

        error_message: None | str
        error_message = self.error_message

        image_set = self.image_set

        api_url = self.api_url

        user_uploads = []
        for user_uploads_item_data in self.user_uploads:
            user_uploads_item = str(user_uploads_item_data)
            user_uploads.append(user_uploads_item)

        uploads = self.uploads

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "creator": creator,
                "status": status,
                "error_message": error_message,
                "image_set": image_set,
                "api_url": api_url,
                "user_uploads": user_uploads,
                "uploads": uploads,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        pk = UUID(d["pk"])

        creator = d["creator"]

        status = d["status"]

        error_message = d["error_message"]

        image_set = cast(list[str], d["image_set"])

        api_url = d["api_url"]

        user_uploads = []
        _user_uploads = d["user_uploads"]
        for user_uploads_item_data in _user_uploads:
            user_uploads_item = UUID(user_uploads_item_data)

            user_uploads.append(user_uploads_item)

        uploads = cast(list[str], d["uploads"])

        instance_ = cls(
            pk=pk,
            creator=creator,
            status=status,
            error_message=error_message,
            image_set=image_set,
            api_url=api_url,
            user_uploads=user_uploads,
            uploads=uploads,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "pk",
        "creator",
        "status",
        "error_message",
        "image_set",
        "api_url",
        "user_uploads",
        "uploads",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
