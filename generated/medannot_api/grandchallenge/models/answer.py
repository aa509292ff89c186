from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import JSONMapping, JSONValue

T = TypeVar("T", bound="Answer")


@_attrs_define
class Answer(JSONMapping):
    answer: JSONValue
    api_url: str
    created: datetime.datetime
    creator: str
    """ The creator's username """
    display_set: None | str
    pk: UUID
    question: str
    modified: datetime.datetime
    answer_image: None | str
    last_edit_duration: None | str
    """ A duration, e.g. `00:00:05` """
    total_edit_duration: None | str
    is_ground_truth: bool
    score: float | None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "answer": "answer",
        "api_url": "api_url",
        "created": "created",
        "creator": "creator",
        "display_set": "display_set",
        "pk": "pk",
        "question": "question",
        "modified": "modified",
        "answer_image": "answer_image",
        "last_edit_duration": "last_edit_duration",
        "total_edit_duration": "total_edit_duration",
        "is_ground_truth": "is_ground_truth",
        "score": "score",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        answer = self.answer

        api_url = self.api_url

        created = self.created.isoformat()

        creator = self.creator

        display_set: None | str
        display_set = self.display_set

        pk = str(self.pk)

        question = self.question

        modified = self.modified.isoformat()

        answer_image: None | str
        answer_image = self.answer_image

        last_edit_duration: None | str
        last_edit_duration = self.last_edit_duration

        total_edit_duration: None | str
        total_edit_duration = self.total_edit_duration

        is_ground_truth = self.is_ground_truth

        score: float | None
        score = self.score

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "answer": answer,
                "api_url": api_url,
                "created": created,
                "creator": creator,
                "display_set": display_set,
                "pk": pk,
                "question": question,
                "modified": modified,
                "answer_image": answer_image,
                "last_edit_duration": last_edit_duration,
                "total_edit_duration": total_edit_duration,
                "is_ground_truth": is_ground_truth,
                "score": score,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        answer = d["answer"]

        api_url = d["api_url"]

        created = datetime.datetime.fromisoformat(d["created"])

        creator = d["creator"]

        display_set = d["display_set"]

        pk = UUID(d["pk"])

        question = d["question"]

        modified = datetime.datetime.fromisoformat(d["modified"])

        answer_image = d["answer_image"]

        last_edit_duration = d["last_edit_duration"]

        total_edit_duration = d["total_edit_duration"]

        is_ground_truth = d["is_ground_truth"]

        score = d["score"]

        instance_ = cls(
            answer=answer,
            api_url=api_url,
            created=created,
            creator=creator,
            display_set=display_set,
            pk=pk,
            question=question,
            modified=modified,
            answer_image=answer_image,
            last_edit_duration=last_edit_duration,
            total_edit_duration=total_edit_duration,
            is_ground_truth=is_ground_truth,
            score=score,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "answer",
        "api_url",
        "created",
        "creator",
        "display_set",
        "pk",
        "question",
        "modified",
        "answer_image",
        "last_edit_duration",
        "total_edit_duration",
        "is_ground_truth",
        "score",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
