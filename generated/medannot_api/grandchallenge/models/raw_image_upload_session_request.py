from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue, Unset

T = TypeVar("T", bound="RawImageUploadSessionRequest")


@_attrs_define
class RawImageUploadSessionRequest(JSONMapping):
    uploads: list[str]
    """ API URLs of completed uploads (at most 100, unique file names) """
    creator: int | None = None
    error_message: None | str | None = None
    user_uploads: list[UUID] | None = None
    archive: str | None = None
    """ Target: an archive's slug """
    answer: UUID | None = None
    """ Target: an answer's pk """
    interface: str | None = None
    """ A socket's slug (archive, archive item, display set) """
    archive_item: UUID | None = None
    """ Target: an archive item's pk """
    display_set: UUID | None = None
    """ Target: a display set's pk """
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "uploads": "uploads",
        "creator": "creator",
        "error_message": "error_message",
        "user_uploads": "user_uploads",
        "archive": "archive",
        "answer": "answer",
        "interface": "interface",
        "archive_item": "archive_item",
        "display_set": "display_set",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        uploads = self.uploads

        creator_given = UNSET if self.creator is None else self.creator
        creator: int | None | Unset
        if isinstance(creator_given, Unset):
            creator = UNSET
        else:
            creator = creator_given

        error_message_given = UNSET if self.error_message is None else self.error_message
        error_message: None | str | Unset
        if isinstance(error_message_given, Unset):
            error_message = UNSET
        else:
            error_message = error_message_given

        user_uploads_given = UNSET if self.user_uploads is None else self.user_uploads
        user_uploads: list[str] | Unset = UNSET
        if not isinstance(user_uploads_given, Unset):
            user_uploads = []
            for user_uploads_item_data in user_uploads_given:
                user_uploads_item = str(user_uploads_item_data)
                user_uploads.append(user_uploads_item)

        archive_given = UNSET if self.archive is None else self.archive
        archive = archive_given

        answer_given = UNSET if self.answer is None else self.answer
        answer: str | Unset = UNSET
        if not isinstance(answer_given, Unset):
            answer = str(answer_given)

        interface_given = UNSET if self.interface is None else self.interface
        interface = interface_given

        archive_item_given = UNSET if self.archive_item is None else self.archive_item
        archive_item: str | Unset = UNSET
        if not isinstance(archive_item_given, Unset):
            archive_item = str(archive_item_given)

        display_set_given = UNSET if self.display_set is None else self.display_set
        display_set: str | Unset = UNSET
        if not isinstance(display_set_given, Unset):
            display_set = str(display_set_given)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "uploads": uploads,
            }
        )
        if creator is not UNSET:
            field_dict["creator"] = creator
        if error_message is not UNSET:
            field_dict["error_message"] = error_message
        if user_uploads is not UNSET:
            field_dict["user_uploads"] = user_uploads
        if archive is not UNSET:
            field_dict["archive"] = archive
        if answer is not UNSET:
            field_dict["answer"] = answer
        if interface is not UNSET:
            field_dict["interface"] = interface
        if archive_item is not UNSET:
            field_dict["archive_item"] = archive_item
        if display_set is not UNSET:
            field_dict["display_set"] = display_set

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        uploads = cast(list[str], d["uploads"])

        creator = d.get("creator", None)

        error_message = d.get("error_message", None)

        _user_uploads = d.get("user_uploads", UNSET)
        user_uploads: list[UUID] | Unset = UNSET
        if _user_uploads is not UNSET:
            user_uploads = []
            for user_uploads_item_data in _user_uploads:
                user_uploads_item = UUID(user_uploads_item_data)

                user_uploads.append(user_uploads_item)

        archive = d.get("archive", None)

        _answer = d.get("answer", UNSET)
        answer: UUID | Unset
        if isinstance(_answer, Unset):
            answer = UNSET
        else:
            answer = UUID(_answer)

        interface = d.get("interface", None)

        _archive_item = d.get("archive_item", UNSET)
        archive_item: UUID | Unset
        if isinstance(_archive_item, Unset):
            archive_item = UNSET
        else:
            archive_item = UUID(_archive_item)

        _display_set = d.get("display_set", UNSET)
        display_set: UUID | Unset
        if isinstance(_display_set, Unset):
            display_set = UNSET
        else:
            display_set = UUID(_display_set)

        instance_ = cls(
            uploads=uploads,
            creator=creator,
            error_message=error_message,
            user_uploads=None if isinstance(user_uploads, Unset) else user_uploads,
            archive=archive,
            answer=None if isinstance(answer, Unset) else answer,
            interface=interface,
            archive_item=None if isinstance(archive_item, Unset) else archive_item,
            display_set=None if isinstance(display_set, Unset) else display_set,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "uploads",
        "creator",
        "error_message",
        "user_uploads",
        "archive",
        "answer",
        "interface",
        "archive_item",
        "display_set",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
