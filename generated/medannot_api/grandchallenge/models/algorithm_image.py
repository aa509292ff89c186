from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import JSONMapping, JSONValue

T = TypeVar("T", bound="AlgorithmImage")


@_attrs_define
class AlgorithmImage(JSONMapping):
    pk: UUID
    url: str
    api_url: str
    algorithm: str
    created: datetime.datetime
    import_status: str
    image: None | str
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "pk": "pk",
        "url": "url",
        "api_url": "api_url",
        "algorithm": "algorithm",
        "created": "created",
        "import_status": "import_status",
        "image": "image",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        pk = str(self.pk)

        url = self.url

        api_url = self.api_url

        algorithm = self.algorithm

        created = self.created.isoformat()

        import_status = self.import_status

        image: None | str
        image = self.image

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "url": url,
                "api_url": api_url,
                "algorithm": algorithm,
                "created": created,
                "import_status": import_status,
                "image": image,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        pk = UUID(d["pk"])

        url = d["url"]

        api_url = d["api_url"]

        algorithm = d["algorithm"]

        created = datetime.datetime.fromisoformat(d["created"])

        import_status = d["import_status"]

        image = d["image"]

        instance_ = cls(
            pk=pk,
            url=url,
            api_url=api_url,
            algorithm=algorithm,
            created=created,
            import_status=import_status,
            image=image,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "pk",
        "url",
        "api_url",
        "algorithm",
        "created",
        "import_status",
        "image",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
