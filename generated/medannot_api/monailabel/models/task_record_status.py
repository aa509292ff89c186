from typing import Literal

TaskRecordStatus = Literal["DONE", "ERROR", "RUNNING", "STOPPED", "SUBMITTED"]

TASK_RECORD_STATUS_VALUES: set[TaskRecordStatus] = {
    "DONE",
    "ERROR",
    "RUNNING",
    "STOPPED",
    "SUBMITTED",
}


def check_task_record_status(value: str) -> TaskRecordStatus:
    if value in TASK_RECORD_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TASK_RECORD_STATUS_VALUES!r}")
