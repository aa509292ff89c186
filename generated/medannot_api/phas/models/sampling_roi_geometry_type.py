from typing import Literal

SamplingRoiGeometryType = Literal["polygon", "trapezoid"]

SAMPLING_ROI_GEOMETRY_TYPE_VALUES: set[SamplingRoiGeometryType] = {
    "polygon",
    "trapezoid",
}


def check_sampling_roi_geometry_type(value: str) -> SamplingRoiGeometryType:
    if value in SAMPLING_ROI_GEOMETRY_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SAMPLING_ROI_GEOMETRY_TYPE_VALUES!r}")
