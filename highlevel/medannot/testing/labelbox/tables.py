"""Lookups over the backend's tables (dicts of records by id): `where` filters, pages, not-found errors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from .errors import NotFound
from .models import Record

R = TypeVar("R", bound=Record)
T = TypeVar("T")

_COMPARATORS: dict[str, Callable[[Any, Any], bool]] = {
    "not": lambda a, b: a != b,
    "lt": lambda a, b: a is not None and a < b,
    "gt": lambda a, b: a is not None and a > b,
    "lte": lambda a, b: a is not None and a <= b,
    "gte": lambda a, b: a is not None and a >= b,
}


def matches(record: object, where: dict[str, Any] | None) -> bool:
    """The SDK's `where` trees: {and|or|not: [...]} and `field[_not|_lt|_gt|_lte|_gte]: value`."""
    for key, value in (where or {}).items():
        if key in ("and", "or", "not") and value is None:  # `AND: null` is no condition, as an absent one
            continue
        if key == "and" and not all(matches(record, w) for w in value):
            return False
        if key == "or" and not any(matches(record, w) for w in value):
            return False
        if key == "not" and any(matches(record, w) for w in value):
            return False
        if key in ("and", "or", "not"):
            continue
        name, _, op = key.rpartition("_")
        if op in _COMPARATORS and hasattr(record, name):
            if not _COMPARATORS[op](getattr(record, name), value):
                return False
        elif getattr(record, key, None) != value:
            return False
    return True


def offset_page(items: Sequence[T], skip: int | None, first: int | None) -> list[T]:
    start = skip or 0
    return list(items[start : start + first]) if first is not None else list(items[start:])


def cursor_page(items: Sequence[R], start: str | None, first: int | None) -> tuple[list[R], str | None]:
    """A page beginning at the item whose id is `start`; the cursor returned is the next page's first id."""
    index = next((i for i, item in enumerate(items) if item.id == start), 0) if start else 0
    end = index + (first or 100)
    return list(items[index:end]), items[end].id if end < len(items) else None


def get_live(table: dict[str, R], kind: str, id: str | None) -> R:
    record = table.get(id or "")
    if record is None or record.deleted:
        raise NotFound(f"Resource not found: {kind} with id {id!r} does not exist")
    return record


def live(table: dict[str, R], where: dict[str, Any] | None = None) -> list[R]:
    return [r for r in table.values() if not r.deleted and matches(r, where)]
