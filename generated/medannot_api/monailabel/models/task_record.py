from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_record_status import TaskRecordStatus, check_task_record_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_record_request import TaskRecordRequest


T = TypeVar("T", bound="TaskRecord")


@_attrs_define
class TaskRecord:
    id: str
    status: TaskRecordStatus
    request: TaskRecordRequest | Unset = UNSET
    start_ts: str | Unset = UNSET
    end_ts: str | Unset = UNSET
    details: list[str] | Unset = UNSET
    result: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status: str = self.status

        request: dict[str, Any] | Unset = UNSET
        if not isinstance(self.request, Unset):
            request = self.request.to_dict()

        start_ts = self.start_ts

        end_ts = self.end_ts

        details: list[str] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details

        result = self.result

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
        from ..models.task_record_request import TaskRecordRequest  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        status = check_task_record_status(d.pop("status"))

        _request = d.pop("request", UNSET)
        request: TaskRecordRequest | Unset
        if isinstance(_request, Unset):
            request = UNSET
        else:
            request = TaskRecordRequest.from_dict(_request)

        start_ts = d.pop("start_ts", UNSET)

        end_ts = d.pop("end_ts", UNSET)

        details = cast(list[str], d.pop("details", UNSET))

        result = d.pop("result", UNSET)

        task_record = cls(
            id=id,
            status=status,
            request=request,
            start_ts=start_ts,
            end_ts=end_ts,
            details=details,
            result=result,
        )

        task_record.additional_properties = d
        return task_record

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
