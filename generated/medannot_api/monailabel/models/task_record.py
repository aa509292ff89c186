from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_record_status import TaskRecordStatus, check_task_record_status
from ..types import UNSET, JSONMapping, JSONValue, Unset

if TYPE_CHECKING:
    from ..models.task_record_request import TaskRecordRequest


T = TypeVar("T", bound="TaskRecord")


@_attrs_define
class TaskRecord(JSONMapping):
    id: str
    status: TaskRecordStatus
    request: TaskRecordRequest | None = None
    start_ts: str | None = None
    end_ts: str | None = None
    details: list[str] | None = None
    result: JSONValue | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "id": "id",
        "status": "status",
        "request": "request",
        "start_ts": "start_ts",
        "end_ts": "end_ts",
        "details": "details",
        "result": "result",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status: str = self.status

        request_given = UNSET if self.request is None else self.request
        request: dict[str, Any] | Unset = UNSET
        if not isinstance(request_given, Unset):
            request = request_given.to_dict()

        start_ts_given = UNSET if self.start_ts is None else self.start_ts
        start_ts = start_ts_given

        end_ts_given = UNSET if self.end_ts is None else self.end_ts
        end_ts = end_ts_given

        details_given = UNSET if self.details is None else self.details
        details: list[str] | Unset = UNSET
        if not isinstance(details_given, Unset):
            details = details_given

        result_given = UNSET if self.result is None else self.result
        result = result_given

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
            }
        )
        if request is not UNSET:
            field_dict["request"] = request
        if start_ts is not UNSET:
            field_dict["start_ts"] = start_ts
        if end_ts is not UNSET:
            field_dict["end_ts"] = end_ts
        if details is not UNSET:
            field_dict["details"] = details
        if result is not UNSET:
            field_dict["result"] = result

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        id = d["id"]

        status = check_task_record_status(d["status"])

        _request = d.get("request", UNSET)
        request: TaskRecordRequest | Unset
        if isinstance(_request, Unset):
            request = UNSET
        else:
            request = TaskRecordRequest.from_dict(_request)

        start_ts = d.get("start_ts", None)

        end_ts = d.get("end_ts", None)

        details = cast(list[str], d.get("details", UNSET))

        result = d.get("result", None)

        instance_ = cls(
            id=id,
            status=status,
            request=None if isinstance(request, Unset) else request,
            start_ts=start_ts,
            end_ts=end_ts,
            details=None if isinstance(details, Unset) else details,
            result=result,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "id",
        "status",
        "request",
        "start_ts",
        "end_ts",
        "details",
        "result",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.task_record_request import TaskRecordRequest  # noqa: E402
