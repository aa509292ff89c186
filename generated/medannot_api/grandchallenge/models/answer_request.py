from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue, Unset

T = TypeVar("T", bound="AnswerRequest")


@_attrs_define
class AnswerRequest(JSONMapping):
    answer: JSONValue
    question: str
    display_set: None | str | None = None
    last_edit_duration: None | str | None = None
    score: float | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "answer": "answer",
        "question": "question",
        "display_set": "display_set",
        "last_edit_duration": "last_edit_duration",
        "score": "score",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        answer = self.answer

        question = self.question

        display_set_given = UNSET if self.display_set is None else self.display_set
        display_set: None | str | Unset
        if isinstance(display_set_given, Unset):
            display_set = UNSET
        else:
            display_set = display_set_given

        last_edit_duration_given = UNSET if self.last_edit_duration is None else self.last_edit_duration
        last_edit_duration: None | str | Unset
        if isinstance(last_edit_duration_given, Unset):
            last_edit_duration = UNSET
        else:
            last_edit_duration = last_edit_duration_given

        score_given = UNSET if self.score is None else self.score
        score: float | None | Unset
        if isinstance(score_given, Unset):
            score = UNSET
        else:
            score = score_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "answer": answer,
                "question": question,
            }
        )
        if display_set is not UNSET:
            field_dict["display_set"] = display_set
        if last_edit_duration is not UNSET:
            field_dict["last_edit_duration"] = last_edit_duration
        if score is not UNSET:
            field_dict["score"] = score

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        answer = d["answer"]

        question = d["question"]

        display_set = d.get("display_set", None)

        last_edit_duration = d.get("last_edit_duration", None)

        score = d.get("score", None)

        instance_ = cls(
            answer=answer,
            question=question,
            display_set=display_set,
            last_edit_duration=last_edit_duration,
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
        "question",
        "display_set",
        "last_edit_duration",
        "score",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}
