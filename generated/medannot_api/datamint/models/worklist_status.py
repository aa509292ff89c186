from typing import Literal

WorklistStatus = Literal["active", "completed", "new", "updating"]

WORKLIST_STATUS_VALUES: set[WorklistStatus] = {
    "active",
    "completed",
    "new",
    "updating",
}


def check_worklist_status(value: str) -> WorklistStatus:
    if value in WORKLIST_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WORKLIST_STATUS_VALUES!r}")
