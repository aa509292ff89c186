"""Argument checks: plain values out, `BadInput` naming the argument (and a type, never the value) otherwise."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

import pytest

from medannot.core.validate import require_ids, require_int, require_str
from medannot.errors import BadInput

SECRET = "sk-live-0123456789"


def test_require_str_returns_the_string() -> None:
    assert require_str(" cmabc ", "project_id") == " cmabc "


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("", "project_id must be a non-empty string, not an empty one"),
        (" \t\n", "project_id must be a non-empty string, not a blank one"),
        (None, "project_id must be a non-empty string, not NoneType"),
        (b"id", "not bytes"),
        (7, "not int"),
    ],
)
def test_require_str_rejects(value: object, words: str) -> None:
    with pytest.raises(BadInput, match=words):
        require_str(value, "project_id")


def test_require_str_sees_through_str_subclasses() -> None:
    class Sly(str):
        def strip(self, chars: str | None = None) -> str:
            return "looks fine"

        def __str__(self) -> str:
            return "something else"

    with pytest.raises(BadInput, match="blank"):
        require_str(Sly("   "), "dataset_id")
    value = require_str(Sly("ds1"), "dataset_id")
    assert value == "ds1" and type(value) is str


@pytest.mark.parametrize(
    "check",
    [
        lambda: require_int(SECRET, "n"),
        lambda: require_ids(SECRET, "ids"),
        lambda: require_ids([SECRET, {"token": SECRET}], "ids"),
        lambda: require_str([SECRET], "x"),
        lambda: require_str({"token": SECRET}, "x"),
    ],
)
def test_messages_show_types_never_values(check: Callable[[], object]) -> None:
    with pytest.raises(BadInput) as caught:
        check()
    assert SECRET not in str(caught.value)


def test_require_int_accepts_integer_types_and_returns_a_plain_int() -> None:
    class Level(enum.IntEnum):
        TOP = 2

    assert require_int(0, "level", min=0) == 0
    assert type(require_int(Level.TOP, "level")) is int and require_int(Level.TOP, "level") == 2
    assert require_int(-5, "offset") == -5


@pytest.mark.parametrize(
    ("value", "kwargs", "words"),
    [
        (True, {}, "level must be an integer, not bool"),
        (False, {"min": 0}, "not bool"),
        (1.0, {}, "not float"),
        ("3", {}, "not str"),
        (None, {}, "not NoneType"),
        (-1, {"min": 0}, "level must be at least 0, not -1"),
        (0, {"min": 1}, "at least 1, not 0"),
    ],
)
def test_require_int_rejects(value: object, kwargs: dict[str, Any], words: str) -> None:
    with pytest.raises(BadInput, match=words):
        require_int(value, "level", **kwargs)


def test_require_ids_gives_a_list_of_strings() -> None:
    assert require_ids(("a", "b"), "data_row_ids") == ["a", "b"]
    assert require_ids([], "data_row_ids") == []


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ("abc", "data_row_ids must be a list of strings, not str"),
        (b"abc", "not bytes"),
        ({"a", "b"}, "not set"),
        (None, "not NoneType"),
        (["a", ""], r"data_row_ids\[1\] must be a non-empty string"),
        (["a", 2], r"data_row_ids\[1\] must be a non-empty string, not int"),
    ],
)
def test_require_ids_rejects(values: object, words: str) -> None:
    with pytest.raises(BadInput, match=words):
        require_ids(values, "data_row_ids")
