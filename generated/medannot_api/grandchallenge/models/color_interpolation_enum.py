from typing import Literal

ColorInterpolationEnum = Literal["Constant", "HLS", "HLSneg", "HLSpos", "RGB"]

COLOR_INTERPOLATION_ENUM_VALUES: set[ColorInterpolationEnum] = {
    "Constant",
    "HLS",
    "HLSneg",
    "HLSpos",
    "RGB",
}


def check_color_interpolation_enum(value: str) -> ColorInterpolationEnum:
    if value in COLOR_INTERPOLATION_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {COLOR_INTERPOLATION_ENUM_VALUES!r}")
