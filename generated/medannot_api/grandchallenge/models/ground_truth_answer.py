from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import JSONMapping, JSONValue

if TYPE_CHECKING:
    from ..models.ground_truth_answer_options import GroundTruthAnswerOptions


T = TypeVar("T", bound="GroundTruthAnswer")


@_attrs_define
class GroundTruthAnswer(JSONMapping):
    answer: JSONValue
    answer_text: str
    question_text: str
    options: GroundTruthAnswerOptions
    """ option id -> title """
    explanation: str
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "answer": "answer",
        "answer_text": "answer_text",
        "question_text": "question_text",
        "options": "options",
        "explanation": "explanation",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        answer = self.answer

        answer_text = self.answer_text

        question_text = self.question_text

        options = self.options.to_dict()

        explanation = self.explanation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "answer": answer,
                "answer_text": answer_text,
                "question_text": question_text,
                "options": options,
                "explanation": explanation,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        answer = d["answer"]

        answer_text = d["answer_text"]

        question_text = d["question_text"]

        options = GroundTruthAnswerOptions.from_dict(d["options"])

        explanation = d["explanation"]

        instance_ = cls(
            answer=answer,
            answer_text=answer_text,
            question_text=question_text,
            options=options,
            explanation=explanation,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "answer",
        "answer_text",
        "question_text",
        "options",
        "explanation",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.ground_truth_answer_options import GroundTruthAnswerOptions  # noqa: E402
