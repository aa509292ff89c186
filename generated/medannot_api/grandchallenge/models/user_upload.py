from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import JSONMapping, JSONValue

T = TypeVar("T", bound="UserUpload")


@_attrs_define
class UserUpload(JSONMapping):
    pk: UUID
    created: datetime.datetime
    filename: str
    key: str
    s3_upload_id: str
    status: str
    """ `Pending`, `Initialized`, `Completed` or `Aborted` """
    api_url: str
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "pk": "pk",
        "created": "created",
        "filename": "filename",
        "key": "key",
        "s3_upload_id": "s3_upload_id",
        "status": "status",
        "api_url": "api_url",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        pk = str(self.pk)

        created = self.created.isoformat()

        filename = self.filename

        key = self.key

        s3_upload_id = self.s3_upload_id

        status = self.status

        api_url = self.api_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "created": created,
                "filename": filename,
                "key": key,
                "s3_upload_id": s3_upload_id,
                "status": status,
                "api_url": api_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        pk = UUID(d["pk"])

        created = datetime.datetime.fromisoformat(d["created"])

        filename = d["filename"]

        key = d["key"]

        s3_upload_id = d["s3_upload_id"]

        status = d["status"]

        api_url = d["api_url"]

        instance_ = cls(
            pk=pk,
            created=created,
            filename=filename,
            key=key,
            s3_upload_id=s3_upload_id,
            status=status,
            api_url=api_url,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "pk",
        "created",
        "filename",
        "key",
        "s3_upload_id",
        "status",
        "api_url",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
