"""Listings as tables, once for every platform: `Listing` (a list with `.to_pandas()` and `.to_records()`),
`to_records` (typed results as flat JSON-ready dicts) and `write_table` (csv, json, parquet).

Every listing a facade returns whole (`AsyncPaginator.to_list()` / `first()`, `monailabel.Client.list_images()`,
PHAS's listings) is a `Listing`, so `.to_pandas()` works the same on every platform; a paged iterator has its own
`to_pandas()` that reads every page. Records are built from what the results already are: the generated models
(read-only Mappings over the server's JSON, or `to_dict()`), dataclasses, or plain mappings. Nested objects are
flattened into dotted columns (`info.name`), lists stay values.

pandas and pyarrow are optional: a clear `ImportError` names the extra (`pip install 'medannot[tables]'`) when they
are missing. Importing this module costs nothing beyond the standard library.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import PurePath
from typing import IO, Any, Literal, TypeVar

T = TypeVar("T")

TableFormat = Literal["csv", "json", "jsonl", "parquet"]
FORMATS: tuple[str, ...] = ("csv", "json", "jsonl", "parquet")
_EXTRA = "pip install 'medannot[tables]'"


class Listing(list[T]):
    """A listing's items, as a list, that also turns into a table: `.to_records()` (flat dicts) and
    `.to_pandas()` (a `pandas.DataFrame`, one row per item, one column per field; pandas is optional)."""

    __slots__ = ()

    def to_records(self, *, flatten: bool = True) -> list[dict[str, Any]]:
        return to_records(self, flatten=flatten)

    def to_pandas(self, *, flatten: bool = True) -> Any:
        """A `pandas.DataFrame` of `to_records()` (an `ImportError` naming the extra without pandas)."""
        return to_pandas(self, flatten=flatten)


def record(item: object, *, flatten: bool = True) -> dict[str, Any]:
    """One result as a JSON-ready dict: a Mapping (the generated models are Mappings over the server's JSON),
    a dataclass, an object with `to_dict()`, or a tuple with `_asdict()`; anything else is `{"value": item}`."""
    if isinstance(item, Mapping):
        data: Any = {str(k): v for k, v in item.items()}
    elif dataclasses.is_dataclass(item) and not isinstance(item, type):
        data = {f.name: getattr(item, f.name) for f in dataclasses.fields(item)}
    elif callable(getattr(item, "to_dict", None)):
        data = item.to_dict()  # type: ignore[attr-defined]
    elif callable(getattr(item, "_asdict", None)):
        data = item._asdict()  # type: ignore[attr-defined]
    else:
        data = {"value": item}
    if not isinstance(data, Mapping):
        data = {"value": data}
    out: dict[str, Any] = {}
    for key, value in data.items():
        _put(out, str(key), _plain(value), flatten)
    return out


def to_records(items: Iterable[object], *, flatten: bool = True) -> list[dict[str, Any]]:
    """`record(item)` for every item."""
    return [record(item, flatten=flatten) for item in items]


def to_pandas(items: Iterable[object], *, flatten: bool = True) -> Any:
    """A `pandas.DataFrame` with one row per item (columns: the union of the records' keys, in first-seen
    order)."""
    try:
        import pandas
    except ImportError:
        raise ImportError(f"to_pandas() needs pandas: {_EXTRA}") from None
    return pandas.DataFrame.from_records(to_records(items, flatten=flatten))


def columns(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """The union of the rows' keys, in first-seen order."""
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def write_table(
    rows: Iterable[Mapping[str, Any]], fmt: str, out: IO[str] | str | os.PathLike[str], *, binary_out: Any = None
) -> int:
    """Write `rows` (flat records) as csv, json (one array), jsonl (one object a line) or parquet; returns the
    row count. `out` is a text stream or a path; parquet needs a path or `binary_out` (a binary stream) and
    pyarrow (an `ImportError` naming the extra otherwise). Rows are consumed once: csv and jsonl stream them."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown table format {fmt!r}; known: {', '.join(FORMATS)}")
    if fmt == "parquet":
        return _write_parquet(list(rows), out if binary_out is None else binary_out)
    if isinstance(out, (str, os.PathLike)):
        with open(out, "w", encoding="utf-8", newline="") as stream:
            return write_table(rows, fmt, stream)
    if fmt == "jsonl":
        count = 0
        for count, row in enumerate(rows, 1):  # noqa: B007 (the count is the result)
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        return count
    materialised = list(rows)
    if fmt == "json":
        json.dump(materialised, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
        return len(materialised)
    import csv

    writer = csv.DictWriter(out, fieldnames=columns(materialised), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in materialised:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return len(materialised)


def parquet_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("pyarrow") is not None


def _write_parquet(rows: list[Mapping[str, Any]], out: Any) -> int:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise ImportError(f"parquet output needs pyarrow: {_EXTRA}") from None
    names = columns(rows)
    table = pyarrow.table({name: [_cell(row.get(name)) for row in rows] for name in names})
    pyarrow.parquet.write_table(table, out)
    return len(rows)


def _put(out: dict[str, Any], key: str, value: Any, flatten: bool) -> None:
    if flatten and isinstance(value, dict) and value:
        for inner, nested in value.items():
            _put(out, f"{key}.{inner}", nested, flatten)
    else:
        out[key] = value


def _plain(value: Any) -> Any:
    """A JSON-ready value: models and dataclasses as dicts, paths and enums as strings, dates as ISO text."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping) or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
        return record(value, flatten=False)
    if callable(getattr(value, "to_dict", None)):
        return _plain(value.to_dict())
    return str(value)


def _cell(value: Any) -> Any:
    """A csv / parquet cell: scalars as they are, lists and dicts as JSON text."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


__all__ = ["FORMATS", "Listing", "TableFormat", "columns", "record", "to_pandas", "to_records", "write_table"]
