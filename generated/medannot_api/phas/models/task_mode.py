from typing import Literal

TaskMode = Literal["annot", "browse", "dltrain", "sampling"]

TASK_MODE_VALUES: set[TaskMode] = {
    "annot",
    "browse",
    "dltrain",
    "sampling",
}


def check_task_mode(value: str) -> TaskMode:
    if value in TASK_MODE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TASK_MODE_VALUES!r}")
