from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue, Unset

if TYPE_CHECKING:
    from ..models.project_annotator import ProjectAnnotator


T = TypeVar("T", bound="Project")


@_attrs_define
class Project(JSONMapping):
    id: str
    name: str
    description: None | str
    created_at: str
    created_by: str
    dataset_id: str
    archived: bool
    resource_count: int
    worklist_id: None | str | None = None
    is_active_learning: bool | None = None
    two_up_display: bool | None = None
    require_review: bool | None = None
    most_recent_experiment: None | str | None = None
    annotators: list[ProjectAnnotator] | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "id": "id",
        "name": "name",
        "description": "description",
        "created_at": "created_at",
        "created_by": "created_by",
        "dataset_id": "dataset_id",
        "archived": "archived",
        "resource_count": "resource_count",
        "worklist_id": "worklist_id",
        "is_active_learning": "is_active_learning",
        "two_up_display": "two_up_display",
        "require_review": "require_review",
        "most_recent_experiment": "most_recent_experiment",
        "annotators": "annotators",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        description: None | str
        description = self.description

        created_at = self.created_at

        created_by = self.created_by

        dataset_id = self.dataset_id

        archived = self.archived

        resource_count = self.resource_count

        worklist_id_given = UNSET if self.worklist_id is None else self.worklist_id
        worklist_id: None | str | Unset
        if isinstance(worklist_id_given, Unset):
            worklist_id = UNSET
        else:
            worklist_id = worklist_id_given

        is_active_learning_given = UNSET if self.is_active_learning is None else self.is_active_learning
        is_active_learning = is_active_learning_given

        two_up_display_given = UNSET if self.two_up_display is None else self.two_up_display
        two_up_display = two_up_display_given

        require_review_given = UNSET if self.require_review is None else self.require_review
        require_review = require_review_given

        most_recent_experiment_given = UNSET if self.most_recent_experiment is None else self.most_recent_experiment
        most_recent_experiment: None | str | Unset
        if isinstance(most_recent_experiment_given, Unset):
            most_recent_experiment = UNSET
        else:
            most_recent_experiment = most_recent_experiment_given

        annotators_given = UNSET if self.annotators is None else self.annotators
        annotators: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(annotators_given, Unset):
            annotators = []
            for annotators_item_data in annotators_given:
                annotators_item = annotators_item_data.to_dict()
                annotators.append(annotators_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "created_at": created_at,
                "created_by": created_by,
                "dataset_id": dataset_id,
                "archived": archived,
                "resource_count": resource_count,
            }
        )
        if worklist_id is not UNSET:
            field_dict["worklist_id"] = worklist_id
        if is_active_learning is not UNSET:
            field_dict["is_active_learning"] = is_active_learning
        if two_up_display is not UNSET:
            field_dict["two_up_display"] = two_up_display
        if require_review is not UNSET:
            field_dict["require_review"] = require_review
        if most_recent_experiment is not UNSET:
            field_dict["most_recent_experiment"] = most_recent_experiment
        if annotators is not UNSET:
            field_dict["annotators"] = annotators

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        id = d["id"]

        name = d["name"]

        description = d["description"]

        created_at = d["created_at"]

        created_by = d["created_by"]

        dataset_id = d["dataset_id"]

        archived = d["archived"]

        resource_count = d["resource_count"]

        worklist_id = d.get("worklist_id", None)

        is_active_learning = d.get("is_active_learning", None)

        two_up_display = d.get("two_up_display", None)

        require_review = d.get("require_review", None)

        most_recent_experiment = d.get("most_recent_experiment", None)

        _annotators = d.get("annotators", UNSET)
        annotators: list[ProjectAnnotator] | Unset = UNSET
        if _annotators is not UNSET:
            annotators = []
            for annotators_item_data in _annotators:
                annotators_item = ProjectAnnotator.from_dict(annotators_item_data)

                annotators.append(annotators_item)

        instance_ = cls(
            id=id,
            name=name,
            description=description,
            created_at=created_at,
            created_by=created_by,
            dataset_id=dataset_id,
            archived=archived,
            resource_count=resource_count,
            worklist_id=worklist_id,
            is_active_learning=is_active_learning,
            two_up_display=two_up_display,
            require_review=require_review,
            most_recent_experiment=most_recent_experiment,
            annotators=None if isinstance(annotators, Unset) else annotators,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "id",
        "name",
        "description",
        "created_at",
        "created_by",
        "dataset_id",
        "archived",
        "resource_count",
        "worklist_id",
        "is_active_learning",
        "two_up_display",
        "require_review",
        "most_recent_experiment",
        "annotators",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.project_annotator import ProjectAnnotator  # noqa: E402
