from typing import Literal

AnnotationCreateScope = Literal["frame", "image"]

ANNOTATION_CREATE_SCOPE_VALUES: set[AnnotationCreateScope] = {
    "frame",
    "image",
}


def check_annotation_create_scope(value: str) -> AnnotationCreateScope:
    if value in ANNOTATION_CREATE_SCOPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ANNOTATION_CREATE_SCOPE_VALUES!r}")
