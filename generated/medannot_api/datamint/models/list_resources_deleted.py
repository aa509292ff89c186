from typing import Literal

ListResourcesDeleted = Literal["exclude", "include", "only"]

LIST_RESOURCES_DELETED_VALUES: set[ListResourcesDeleted] = {
    "exclude",
    "include",
    "only",
}


def check_list_resources_deleted(value: str) -> ListResourcesDeleted:
    if value in LIST_RESOURCES_DELETED_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LIST_RESOURCES_DELETED_VALUES!r}")
