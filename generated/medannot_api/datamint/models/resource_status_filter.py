from typing import Literal

ResourceStatusFilter = Literal["", "archived", "inbox", "new", "published"]

RESOURCE_STATUS_FILTER_VALUES: set[ResourceStatusFilter] = {
    "",
    "archived",
    "inbox",
    "new",
    "published",
}


def check_resource_status_filter(value: str) -> ResourceStatusFilter:
    if value in RESOURCE_STATUS_FILTER_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RESOURCE_STATUS_FILTER_VALUES!r}")
