from typing import Literal

PatchFormat = Literal["png"]

PATCH_FORMAT_VALUES: set[PatchFormat] = {
    "png",
}


def check_patch_format(value: str) -> PatchFormat:
    if value in PATCH_FORMAT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PATCH_FORMAT_VALUES!r}")
