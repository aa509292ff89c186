from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue

if TYPE_CHECKING:
    from ..models.categorical_option import CategoricalOption
    from ..models.component_interface import ComponentInterface
    from ..models.look_up_table import LookUpTable
    from ..models.reader_study_algorithm_implementation import ReaderStudyAlgorithmImplementation


T = TypeVar("T", bound="Question")


@_attrs_define
class Question(JSONMapping):
    answer_type: str
    """ The answer type's display name, e.g. `Single line text`, `Bool` """
    api_url: str
    form_direction: str
    help_text_safe: str
    image_port: str
    default_annotation_color: None | str
    pk: UUID
    question_text_safe: str
    reader_study: str
    required: bool
    options: list[CategoricalOption]
    interface: ComponentInterface | None
    overlay_segments: JSONValue
    look_up_table: LookUpTable | None
    widget: str
    answer_min_value: int | None
    answer_max_value: int | None
    answer_step_size: None | str
    answer_min_length: int | None
    answer_max_length: int | None
    answer_match_pattern: None | str
    empty_answer_confirmation: bool
    empty_answer_confirmation_label_safe: str
    interactive_algorithms: list[str]
    algorithms: list[ReaderStudyAlgorithmImplementation]
    help_text: str | None = None
    """ Deprecated twin of `help_text_safe` (the server says "remove after 2025.10"); gcapi <= 0.14 requires it, so
    it is sent but not required here. """
    question_text: str | None = None
    """ Deprecated twin of `question_text_safe` (the server says "remove after 2025.10"); gcapi <= 0.14 requires it,
    so it is sent but not required here. """
    empty_answer_confirmation_label: str | None = None
    """ Deprecated twin of `empty_answer_confirmation_label_safe` (the server says "remove after 2025.10"); gcapi <=
    0.14 requires it, so it is sent but not required here. """
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "answer_type": "answer_type",
        "api_url": "api_url",
        "form_direction": "form_direction",
        "help_text_safe": "help_text_safe",
        "image_port": "image_port",
        "default_annotation_color": "default_annotation_color",
        "pk": "pk",
        "question_text_safe": "question_text_safe",
        "reader_study": "reader_study",
        "required": "required",
        "options": "options",
        "interface": "interface",
        "overlay_segments": "overlay_segments",
        "look_up_table": "look_up_table",
        "widget": "widget",
        "answer_min_value": "answer_min_value",
        "answer_max_value": "answer_max_value",
        "answer_step_size": "answer_step_size",
        "answer_min_length": "answer_min_length",
        "answer_max_length": "answer_max_length",
        "answer_match_pattern": "answer_match_pattern",
        "empty_answer_confirmation": "empty_answer_confirmation",
        "empty_answer_confirmation_label_safe": "empty_answer_confirmation_label_safe",
        "interactive_algorithms": "interactive_algorithms",
        "algorithms": "algorithms",
        "help_text": "help_text",
        "question_text": "question_text",
        "empty_answer_confirmation_label": "empty_answer_confirmation_label",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        answer_type = self.answer_type

        api_url = self.api_url

        form_direction = self.form_direction

        help_text_safe = self.help_text_safe

        image_port = self.image_port

        default_annotation_color: None | str
        default_annotation_color = self.default_annotation_color

        pk = str(self.pk)

        question_text_safe = self.question_text_safe

        reader_study = self.reader_study

        required = self.required

        options = []
        for options_item_data in self.options:
            options_item = options_item_data.to_dict()
            options.append(options_item)

        interface: dict[str, Any] | None
        if isinstance(self.interface, ComponentInterface):
            interface = self.interface.to_dict()
        else:
            interface = self.interface

        overlay_segments = self.overlay_segments

        look_up_table: dict[str, Any] | None
        if isinstance(self.look_up_table, LookUpTable):
            look_up_table = self.look_up_table.to_dict()
        else:
            look_up_table = self.look_up_table

        widget = self.widget

        answer_min_value: int | None
        answer_min_value = self.answer_min_value

        answer_max_value: int | None
        answer_max_value = self.answer_max_value

        answer_step_size: None | str
        answer_step_size = self.answer_step_size

        answer_min_length: int | None
        answer_min_length = self.answer_min_length

        answer_max_length: int | None
        answer_max_length = self.answer_max_length

        answer_match_pattern: None | str
        answer_match_pattern = self.answer_match_pattern

        empty_answer_confirmation = self.empty_answer_confirmation

        empty_answer_confirmation_label_safe = self.empty_answer_confirmation_label_safe

        interactive_algorithms = self.interactive_algorithms

        algorithms = []
        for algorithms_item_data in self.algorithms:
            algorithms_item = algorithms_item_data.to_dict()
            algorithms.append(algorithms_item)

        help_text_given = UNSET if self.help_text is None else self.help_text
        help_text = help_text_given

        question_text_given = UNSET if self.question_text is None else self.question_text
        question_text = question_text_given

        empty_answer_confirmation_label_given = (
            UNSET if self.empty_answer_confirmation_label is None else self.empty_answer_confirmation_label
        )
        empty_answer_confirmation_label = empty_answer_confirmation_label_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "answer_type": answer_type,
                "api_url": api_url,
                "form_direction": form_direction,
                "help_text_safe": help_text_safe,
                "image_port": image_port,
                "default_annotation_color": default_annotation_color,
                "pk": pk,
                "question_text_safe": question_text_safe,
                "reader_study": reader_study,
                "required": required,
                "options": options,
                "interface": interface,
                "overlay_segments": overlay_segments,
                "look_up_table": look_up_table,
                "widget": widget,
                "answer_min_value": answer_min_value,
                "answer_max_value": answer_max_value,
                "answer_step_size": answer_step_size,
                "answer_min_length": answer_min_length,
                "answer_max_length": answer_max_length,
                "answer_match_pattern": answer_match_pattern,
                "empty_answer_confirmation": empty_answer_confirmation,
                "empty_answer_confirmation_label_safe": empty_answer_confirmation_label_safe,
                "interactive_algorithms": interactive_algorithms,
                "algorithms": algorithms,
            }
        )
        if help_text is not UNSET:
            field_dict["help_text"] = help_text
        if question_text is not UNSET:
            field_dict["question_text"] = question_text
        if empty_answer_confirmation_label is not UNSET:
            field_dict["empty_answer_confirmation_label"] = empty_answer_confirmation_label

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        answer_type = d["answer_type"]

        api_url = d["api_url"]

        form_direction = d["form_direction"]

        help_text_safe = d["help_text_safe"]

        image_port = d["image_port"]

        default_annotation_color = d["default_annotation_color"]

        pk = UUID(d["pk"])

        question_text_safe = d["question_text_safe"]

        reader_study = d["reader_study"]

        required = d["required"]

        options = []
        _options = d["options"]
        for options_item_data in _options:
            options_item = CategoricalOption.from_dict(options_item_data)

            options.append(options_item)

        _interface = d["interface"]
        interface: ComponentInterface | None
        if _interface is None:
            interface = None
        elif not isinstance(_interface, dict):
            interface = cast("ComponentInterface | None", _interface)
        else:
            try:
                interface_type_0 = ComponentInterface.from_dict(_interface)

                interface = interface_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                interface = cast("ComponentInterface | None", _interface)

        overlay_segments = d["overlay_segments"]

        _look_up_table = d["look_up_table"]
        look_up_table: LookUpTable | None
        if _look_up_table is None:
            look_up_table = None
        elif not isinstance(_look_up_table, dict):
            look_up_table = cast("LookUpTable | None", _look_up_table)
        else:
            try:
                look_up_table_type_0 = LookUpTable.from_dict(_look_up_table)

                look_up_table = look_up_table_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                look_up_table = cast("LookUpTable | None", _look_up_table)

        widget = d["widget"]

        answer_min_value = d["answer_min_value"]

        answer_max_value = d["answer_max_value"]

        answer_step_size = d["answer_step_size"]

        answer_min_length = d["answer_min_length"]

        answer_max_length = d["answer_max_length"]

        answer_match_pattern = d["answer_match_pattern"]

        empty_answer_confirmation = d["empty_answer_confirmation"]

        empty_answer_confirmation_label_safe = d["empty_answer_confirmation_label_safe"]

        interactive_algorithms = cast(list[str], d["interactive_algorithms"])

        algorithms = []
        _algorithms = d["algorithms"]
        for algorithms_item_data in _algorithms:
            algorithms_item = ReaderStudyAlgorithmImplementation.from_dict(algorithms_item_data)

            algorithms.append(algorithms_item)

        help_text = d.get("help_text", None)

        question_text = d.get("question_text", None)

        empty_answer_confirmation_label = d.get("empty_answer_confirmation_label", None)

        instance_ = cls(
            answer_type=answer_type,
            api_url=api_url,
            form_direction=form_direction,
            help_text_safe=help_text_safe,
            image_port=image_port,
            default_annotation_color=default_annotation_color,
            pk=pk,
            question_text_safe=question_text_safe,
            reader_study=reader_study,
            required=required,
            options=options,
            interface=interface,
            overlay_segments=overlay_segments,
            look_up_table=look_up_table,
            widget=widget,
            answer_min_value=answer_min_value,
            answer_max_value=answer_max_value,
            answer_step_size=answer_step_size,
            answer_min_length=answer_min_length,
            answer_max_length=answer_max_length,
            answer_match_pattern=answer_match_pattern,
            empty_answer_confirmation=empty_answer_confirmation,
            empty_answer_confirmation_label_safe=empty_answer_confirmation_label_safe,
            interactive_algorithms=interactive_algorithms,
            algorithms=algorithms,
            help_text=help_text,
            question_text=question_text,
            empty_answer_confirmation_label=empty_answer_confirmation_label,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "answer_type",
        "api_url",
        "form_direction",
        "help_text_safe",
        "image_port",
        "default_annotation_color",
        "pk",
        "question_text_safe",
        "reader_study",
        "required",
        "options",
        "interface",
        "overlay_segments",
        "look_up_table",
        "widget",
        "answer_min_value",
        "answer_max_value",
        "answer_step_size",
        "answer_min_length",
        "answer_max_length",
        "answer_match_pattern",
        "empty_answer_confirmation",
        "empty_answer_confirmation_label_safe",
        "interactive_algorithms",
        "algorithms",
        "help_text",
        "question_text",
        "empty_answer_confirmation_label",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.categorical_option import CategoricalOption  # noqa: E402
from ..models.component_interface import ComponentInterface  # noqa: E402
from ..models.look_up_table import LookUpTable  # noqa: E402
from ..models.reader_study_algorithm_implementation import ReaderStudyAlgorithmImplementation  # noqa: E402
