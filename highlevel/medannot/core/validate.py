"""Argument checks done before any request: a wrong value would otherwise come back as a confusing server
error, or not at all. Each raises `BadInput` naming the argument; messages show the type of a wrong value,
never the value (it may be a token passed in the wrong place)."""

from __future__ import annotations

import operator
from collections.abc import Sequence
from typing import SupportsIndex

from medannot.errors import BadInput


def require_str(value: object, name: str) -> str:
    """`value` as a plain `str` when it has a non-whitespace character; `BadInput` otherwise.

    A str subclass is read through `str`'s own methods and returned as a plain copy, so an overridden
    `strip` or `__str__` can neither pass the check nor reach a request.
    """
    if not isinstance(value, str):
        raise BadInput(f"{name} must be a non-empty string, not {type(value).__name__}")
    text = str.__str__(value)
    if not text.strip():
        raise BadInput(f"{name} must be a non-empty string, not {'an empty' if not text else 'a blank'} one")
    return text


def require_int(value: object, name: str, *, min: int | None = None) -> int:
    """`value` as a plain `int` (any integer type, e.g. numpy's, but never a bool), at least `min` when
    given; `BadInput` otherwise."""
    number = _index(value)
    if number is None:
        raise BadInput(f"{name} must be an integer, not {type(value).__name__}")
    if min is not None and number < min:
        raise BadInput(f"{name} must be at least {min}, not {number}")
    return number


def require_ids(values: object, name: str) -> list[str]:
    """`values` as a list of non-empty strings (a list or tuple, not one bare string); `BadInput` naming the
    first bad element as `name[i]` otherwise."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise BadInput(f"{name} must be a list of strings, not {type(values).__name__}")
    return [require_str(value, f"{name}[{i}]") for i, value in enumerate(values)]


def _index(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, SupportsIndex):  # True is an int, never a count or id
        return None
    try:
        return operator.index(value)  # an exact int (since Python 3.10), whatever the integer type
    except TypeError:  # numpy's bool has `__index__`, which refuses
        return None
