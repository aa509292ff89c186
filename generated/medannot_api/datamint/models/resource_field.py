from typing import Literal

ResourceField = Literal["created_at", "created_by", "filename", "modality", "published_by", "published_on"]

RESOURCE_FIELD_VALUES: set[ResourceField] = {
    "created_at",
    "created_by",
    "filename",
    "modality",
    "published_by",
    "published_on",
}


def check_resource_field(value: str) -> ResourceField:
    if value in RESOURCE_FIELD_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RESOURCE_FIELD_VALUES!r}")
