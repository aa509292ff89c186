from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue

if TYPE_CHECKING:
    from ..models.question import Question


T = TypeVar("T", bound="ReaderStudy")


@_attrs_define
class ReaderStudy(JSONMapping):
    api_url: str
    url: str
    slug: str
    logo: str
    description: None | str
    help_text_safe: str
    pk: UUID
    questions: list[Question]
    title_safe: str
    is_educational: bool
    instant_verification: bool
    has_ground_truth: bool
    allow_answer_modification: bool
    enable_autosaving: bool
    allow_case_navigation: bool
    allow_show_all_annotations: bool
    roll_over_answers_for_n_cases: int
    end_of_study_text_safe: str
    help_text: str | None = None
    """ Deprecated twin of `help_text_safe` (the server says "remove after 2025.10"); gcapi <= 0.14 requires it, so
    it is sent but not required here. """
    title: str | None = None
    """ Deprecated twin of `title_safe` (the server says "remove after 2025.10"); gcapi <= 0.14 requires it, so it
    is sent but not required here. """
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "api_url": "api_url",
        "url": "url",
        "slug": "slug",
        "logo": "logo",
        "description": "description",
        "help_text_safe": "help_text_safe",
        "pk": "pk",
        "questions": "questions",
        "title_safe": "title_safe",
        "is_educational": "is_educational",
        "instant_verification": "instant_verification",
        "has_ground_truth": "has_ground_truth",
        "allow_answer_modification": "allow_answer_modification",
        "enable_autosaving": "enable_autosaving",
        "allow_case_navigation": "allow_case_navigation",
        "allow_show_all_annotations": "allow_show_all_annotations",
        "roll_over_answers_for_n_cases": "roll_over_answers_for_n_cases",
        "end_of_study_text_safe": "end_of_study_text_safe",
        "help_text": "help_text",
        "title": "title",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        api_url = self.api_url

        url = self.url

        slug = self.slug

        logo = self.logo

        description: None | str
        description = self.description

        help_text_safe = self.help_text_safe

        pk = str(self.pk)

        questions = []
        for questions_item_data in self.questions:
            questions_item = questions_item_data.to_dict()
            questions.append(questions_item)

        title_safe = self.title_safe

        is_educational = self.is_educational

        instant_verification = self.instant_verification

        has_ground_truth = self.has_ground_truth

        allow_answer_modification = self.allow_answer_modification

        enable_autosaving = self.enable_autosaving

        allow_case_navigation = self.allow_case_navigation

        allow_show_all_annotations = self.allow_show_all_annotations

        roll_over_answers_for_n_cases = self.roll_over_answers_for_n_cases

        end_of_study_text_safe = self.end_of_study_text_safe

        help_text_given = UNSET if self.help_text is None else self.help_text
        help_text = help_text_given

        title_given = UNSET if self.title is None else self.title
        title = title_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api_url": api_url,
                "url": url,
                "slug": slug,
                "logo": logo,
                "description": description,
                "help_text_safe": help_text_safe,
                "pk": pk,
                "questions": questions,
                "title_safe": title_safe,
                "is_educational": is_educational,
                "instant_verification": instant_verification,
                "has_ground_truth": has_ground_truth,
                "allow_answer_modification": allow_answer_modification,
                "enable_autosaving": enable_autosaving,
                "allow_case_navigation": allow_case_navigation,
                "allow_show_all_annotations": allow_show_all_annotations,
                "roll_over_answers_for_n_cases": roll_over_answers_for_n_cases,
                "end_of_study_text_safe": end_of_study_text_safe,
            }
        )
        if help_text is not UNSET:
            field_dict["help_text"] = help_text
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        api_url = d["api_url"]

        url = d["url"]

        slug = d["slug"]

        logo = d["logo"]

        description = d["description"]

        help_text_safe = d["help_text_safe"]

        pk = UUID(d["pk"])

        questions = []
        _questions = d["questions"]
        for questions_item_data in _questions:
            questions_item = Question.from_dict(questions_item_data)

            questions.append(questions_item)

        title_safe = d["title_safe"]

        is_educational = d["is_educational"]

        instant_verification = d["instant_verification"]

        has_ground_truth = d["has_ground_truth"]

        allow_answer_modification = d["allow_answer_modification"]

        enable_autosaving = d["enable_autosaving"]

        allow_case_navigation = d["allow_case_navigation"]

        allow_show_all_annotations = d["allow_show_all_annotations"]

        roll_over_answers_for_n_cases = d["roll_over_answers_for_n_cases"]

        end_of_study_text_safe = d["end_of_study_text_safe"]

        help_text = d.get("help_text", None)

        title = d.get("title", None)

        instance_ = cls(
            api_url=api_url,
            url=url,
            slug=slug,
            logo=logo,
            description=description,
            help_text_safe=help_text_safe,
            pk=pk,
            questions=questions,
            title_safe=title_safe,
            is_educational=is_educational,
            instant_verification=instant_verification,
            has_ground_truth=has_ground_truth,
            allow_answer_modification=allow_answer_modification,
            enable_autosaving=enable_autosaving,
            allow_case_navigation=allow_case_navigation,
            allow_show_all_annotations=allow_show_all_annotations,
            roll_over_answers_for_n_cases=roll_over_answers_for_n_cases,
            end_of_study_text_safe=end_of_study_text_safe,
            help_text=help_text,
            title=title,
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
        "slug",
        "logo",
        "description",
        "help_text_safe",
        "pk",
        "questions",
        "title_safe",
        "is_educational",
        "instant_verification",
        "has_ground_truth",
        "allow_answer_modification",
        "enable_autosaving",
        "allow_case_navigation",
        "allow_show_all_annotations",
        "roll_over_answers_for_n_cases",
        "end_of_study_text_safe",
        "help_text",
        "title",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.question import Question  # noqa: E402
