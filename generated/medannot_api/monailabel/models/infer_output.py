from typing import Literal

InferOutput = Literal["all", "dicom_seg", "image", "json"]

INFER_OUTPUT_VALUES: set[InferOutput] = {
    "all",
    "dicom_seg",
    "image",
    "json",
}


def check_infer_output(value: str) -> InferOutput:
    if value in INFER_OUTPUT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {INFER_OUTPUT_VALUES!r}")
