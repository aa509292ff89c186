from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import JSONMapping, JSONValue

if TYPE_CHECKING:
    from ..models.algorithm_interface import AlgorithmInterface


T = TypeVar("T", bound="Algorithm")


@_attrs_define
class Algorithm(JSONMapping):
    api_url: str
    url: str
    description: None | str
    pk: UUID
    title: str
    logo: str
    slug: str
    average_duration: float | None
    interfaces: list[AlgorithmInterface]
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "api_url": "api_url",
        "url": "url",
        "description": "description",
        "pk": "pk",
        "title": "title",
        "logo": "logo",
        "slug": "slug",
        "average_duration": "average_duration",
        "interfaces": "interfaces",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        api_url = self.api_url

        url = self.url

        description: None | str
        description = self.description

        pk = str(self.pk)

        title = self.title

        logo = self.logo

        slug = self.slug

        average_duration: float | None
        average_duration = self.average_duration

        interfaces = []
        for interfaces_item_data in self.interfaces:
            interfaces_item = interfaces_item_data.to_dict()
            interfaces.append(interfaces_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api_url": api_url,
                "url": url,
                "description": description,
                "pk": pk,
                "title": title,
                "logo": logo,
                "slug": slug,
                "average_duration": average_duration,
                "interfaces": interfaces,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        api_url = d["api_url"]

        url = d["url"]

        description = d["description"]

        pk = UUID(d["pk"])

        title = d["title"]

        logo = d["logo"]

        slug = d["slug"]

        average_duration = d["average_duration"]

        interfaces = []
        _interfaces = d["interfaces"]
        for interfaces_item_data in _interfaces:
            interfaces_item = AlgorithmInterface.from_dict(interfaces_item_data)

            interfaces.append(interfaces_item)

        instance_ = cls(
            api_url=api_url,
            url=url,
            description=description,
            pk=pk,
            title=title,
            logo=logo,
            slug=slug,
            average_duration=average_duration,
            interfaces=interfaces,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "api_url",
        "url",
        "description",
        "pk",
        "title",
        "logo",
        "slug",
        "average_duration",
        "interfaces",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.algorithm_interface import AlgorithmInterface  # noqa: E402
