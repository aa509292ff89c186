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
        d = dict(src_dict)
        answer_type = d.pop("answer_type")

        api_url = d.pop("api_url")

        form_direction = d.pop("form_direction")

        help_text_safe = d.pop("help_text_safe")

        image_port = d.pop("image_port")

        default_annotation_color = d.pop("default_annotation_color")

        pk = UUID(d.pop("pk"))

        question_text_safe = d.pop("question_text_safe")

        reader_study = d.pop("reader_study")

        required = d.pop("required")

        options = []
        _options = d.pop("options")
        for options_item_data in _options:
            options_item = CategoricalOption.from_dict(options_item_data)

            options.append(options_item)

        def _parse_interface(data: object) -> ComponentInterface | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                interface_type_0 = ComponentInterface.from_dict(data)

                return interface_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ComponentInterface | None, data)

        interface = _parse_interface(d.pop("interface"))

        overlay_segments = d.pop("overlay_segments")

        def _parse_look_up_table(data: object) -> LookUpTable | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                look_up_table_type_0 = LookUpTable.from_dict(data)

                return look_up_table_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LookUpTable | None, data)

        look_up_table = _parse_look_up_table(d.pop("look_up_table"))

        widget = d.pop("widget")

        answer_min_value = d.pop("answer_min_value")

        answer_max_value = d.pop("answer_max_value")

        answer_step_size = d.pop("answer_step_size")

        answer_min_length = d.pop("answer_min_length")

        answer_max_length = d.pop("answer_max_length")

        answer_match_pattern = d.pop("answer_match_pattern")

        empty_answer_confirmation = d.pop("empty_answer_confirmation")

        empty_answer_confirmation_label_safe = d.pop("empty_answer_confirmation_label_safe")

        interactive_algorithms = cast(list[str], d.pop("interactive_algorithms"))

        algorithms = []
        _algorithms = d.pop("algorithms")
        for algorithms_item_data in _algorithms:
            algorithms_item = ReaderStudyAlgorithmImplementation.from_dict(algorithms_item_data)

            algorithms.append(algorithms_item)

        help_text = d.pop("help_text", None)

        question_text = d.pop("question_text", None)

        empty_answer_confirmation_label = d.pop("empty_answer_confirmation_label", None)

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

        instance_.additional_properties = d
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


from ..models.categorical_option import CategoricalOption  # noqa: E402
from ..models.component_interface import ComponentInterface  # noqa: E402
from ..models.look_up_table import LookUpTable  # noqa: E402
from ..models.reader_study_algorithm_implementation import ReaderStudyAlgorithmImplementation  # noqa: E402
