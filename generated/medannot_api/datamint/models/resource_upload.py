from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.resource_upload_bypass_inbox import ResourceUploadBypassInbox, check_resource_upload_bypass_inbox
from ..types import UNSET, File, JSONMapping, JSONValue, Unset

T = TypeVar("T", bound="ResourceUpload")


@_attrs_define
class ResourceUpload(JSONMapping):
    resource: File
    """ The file; the part's filename is kept as the resource's filename, its type as mimetype """
    source: str | None = None
    """ Where the upload comes from (the SDKs send "api") """
    source_filepath: str | None = None
    """ The path the file had on the client (the SDKs send the absolute local path) """
    mimetype: str | None = None
    channel: str | None = None
    modality: str | None = None
    bypass_inbox: ResourceUploadBypassInbox | None = None
    """ "true" publishes the resource at once, "false" leaves it in the inbox """
    tags: str | None = None
    """ Comma-separated tags """
    metadata: str | None = None
    """ JSON text: an object of metadata (the part is typed application/json) """
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "resource": "resource",
        "source": "source",
        "source_filepath": "source_filepath",
        "mimetype": "mimetype",
        "channel": "channel",
        "modality": "modality",
        "bypass_inbox": "bypass_inbox",
        "tags": "tags",
        "metadata": "metadata",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        resource = self.resource.to_tuple()

        source_given = UNSET if self.source is None else self.source
        source = source_given

        source_filepath_given = UNSET if self.source_filepath is None else self.source_filepath
        source_filepath = source_filepath_given

        mimetype_given = UNSET if self.mimetype is None else self.mimetype
        mimetype = mimetype_given

        channel_given = UNSET if self.channel is None else self.channel
        channel = channel_given

        modality_given = UNSET if self.modality is None else self.modality
        modality = modality_given

        bypass_inbox_given = UNSET if self.bypass_inbox is None else self.bypass_inbox
        bypass_inbox: str | Unset = UNSET
        if not isinstance(bypass_inbox_given, Unset):
            bypass_inbox = bypass_inbox_given

        tags_given = UNSET if self.tags is None else self.tags
        tags = tags_given

        metadata_given = UNSET if self.metadata is None else self.metadata
        metadata = metadata_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "resource": resource,
            }
        )
        if source is not UNSET:
            field_dict["source"] = source
        if source_filepath is not UNSET:
            field_dict["source_filepath"] = source_filepath
        if mimetype is not UNSET:
            field_dict["mimetype"] = mimetype
        if channel is not UNSET:
            field_dict["channel"] = channel
        if modality is not UNSET:
            field_dict["modality"] = modality
        if bypass_inbox is not UNSET:
            field_dict["bypass_inbox"] = bypass_inbox
        if tags is not UNSET:
            field_dict["tags"] = tags
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("resource", self.resource.to_tuple()))

        if self.source is not None and not isinstance(self.source, Unset):
            files.append(("source", (None, str(self.source).encode(), "text/plain")))

        if self.source_filepath is not None and not isinstance(self.source_filepath, Unset):
            files.append(("source_filepath", (None, str(self.source_filepath).encode(), "text/plain")))

        if self.mimetype is not None and not isinstance(self.mimetype, Unset):
            files.append(("mimetype", (None, str(self.mimetype).encode(), "text/plain")))

        if self.channel is not None and not isinstance(self.channel, Unset):
            files.append(("channel", (None, str(self.channel).encode(), "text/plain")))

        if self.modality is not None and not isinstance(self.modality, Unset):
            files.append(("modality", (None, str(self.modality).encode(), "text/plain")))

        if self.bypass_inbox is not None and not isinstance(self.bypass_inbox, Unset):
            files.append(("bypass_inbox", (None, str(self.bypass_inbox).encode(), "text/plain")))

        if self.tags is not None and not isinstance(self.tags, Unset):
            files.append(("tags", (None, str(self.tags).encode(), "text/plain")))

        if self.metadata is not None and not isinstance(self.metadata, Unset):
            files.append(("metadata", (None, str(self.metadata).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        resource = File(payload=BytesIO(d["resource"]))

        source = d.get("source", None)

        source_filepath = d.get("source_filepath", None)

        mimetype = d.get("mimetype", None)

        channel = d.get("channel", None)

        modality = d.get("modality", None)

        _bypass_inbox = d.get("bypass_inbox", UNSET)
        bypass_inbox: ResourceUploadBypassInbox | Unset
        if isinstance(_bypass_inbox, Unset):
            bypass_inbox = UNSET
        else:
            bypass_inbox = check_resource_upload_bypass_inbox(_bypass_inbox)

        tags = d.get("tags", None)

        metadata = d.get("metadata", None)

        instance_ = cls(
            resource=resource,
            source=source,
            source_filepath=source_filepath,
            mimetype=mimetype,
            channel=channel,
            modality=modality,
            bypass_inbox=None if isinstance(bypass_inbox, Unset) else bypass_inbox,
            tags=tags,
            metadata=metadata,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "resource",
        "source",
        "source_filepath",
        "mimetype",
        "channel",
        "modality",
        "bypass_inbox",
        "tags",
        "metadata",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
