from typing import Literal

WsiOutput = Literal["asap", "dsa", "json"]

WSI_OUTPUT_VALUES: set[WsiOutput] = {
    "asap",
    "dsa",
    "json",
}


def check_wsi_output(value: str) -> WsiOutput:
    if value in WSI_OUTPUT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WSI_OUTPUT_VALUES!r}")
