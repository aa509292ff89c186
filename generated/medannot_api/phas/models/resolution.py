from typing import Literal

Resolution = Literal["raw", "x16"]

RESOLUTION_VALUES: set[Resolution] = {
    "raw",
    "x16",
}


def check_resolution(value: str) -> Resolution:
    if value in RESOLUTION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RESOLUTION_VALUES!r}")
