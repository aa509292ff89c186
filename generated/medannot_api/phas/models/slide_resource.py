from typing import Literal

SlideResource = Literal["raw"]

SLIDE_RESOURCE_VALUES: set[SlideResource] = {
    "raw",
}


def check_slide_resource(value: str) -> SlideResource:
    if value in SLIDE_RESOURCE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SLIDE_RESOURCE_VALUES!r}")
