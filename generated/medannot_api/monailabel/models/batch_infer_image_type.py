from typing import Literal

BatchInferImageType = Literal["all", "labeled", "unlabeled"]

BATCH_INFER_IMAGE_TYPE_VALUES: set[BatchInferImageType] = {
    "all",
    "labeled",
    "unlabeled",
}


def check_batch_infer_image_type(value: str) -> BatchInferImageType:
    if value in BATCH_INFER_IMAGE_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {BATCH_INFER_IMAGE_TYPE_VALUES!r}")
