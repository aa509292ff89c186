from typing import Literal

ResourceStatus = Literal["archived", "inbox", "new", "published"]

RESOURCE_STATUS_VALUES: set[ResourceStatus] = {
    "archived",
    "inbox",
    "new",
    "published",
}


def check_resource_status(value: str) -> ResourceStatus:
    if value in RESOURCE_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RESOURCE_STATUS_VALUES!r}")
