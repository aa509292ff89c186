from typing import Literal

AnnotationScope = Literal["frame", "image"]

ANNOTATION_SCOPE_VALUES: set[AnnotationScope] = {
    "frame",
    "image",
}


def check_annotation_scope(value: str) -> AnnotationScope:
    if value in ANNOTATION_SCOPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ANNOTATION_SCOPE_VALUES!r}")
