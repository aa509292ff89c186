from typing import Literal

DatastoreOutput = Literal["all", "stats", "train"]

DATASTORE_OUTPUT_VALUES: set[DatastoreOutput] = {
    "all",
    "stats",
    "train",
}


def check_datastore_output(value: str) -> DatastoreOutput:
    if value in DATASTORE_OUTPUT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {DATASTORE_OUTPUT_VALUES!r}")
