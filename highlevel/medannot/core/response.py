"""Typed values from answers: checks shared by the sync and async `unwrap` (`core/_async/response.py`)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar

import httpx

from medannot.core.validate import check_answer, is_model
from medannot.errors import APIError, MedannotError, ResponseSchemaError, redirect_message

T = TypeVar("T")

# What a generated parser raises on a body that does not fit its model.
SCHEMA_FAULTS = (KeyError, TypeError, ValueError, AttributeError)


def schema_error(exc: Exception) -> ResponseSchemaError:
    return ResponseSchemaError(f"the server's answer does not fit the schema: {type(exc).__name__}: {exc}")


class DetailedResponse(Protocol):
    """What openapi-python-client's `Response[T]` offers."""

    @property
    def status_code(self) -> Any: ...

    @property
    def parsed(self) -> Any: ...

    @property
    def headers(self) -> Any: ...


def check_parsed(expected: type[T] | tuple[type[T], ...], response: DetailedResponse) -> T:
    status = int(response.status_code)
    if 300 <= status < 400:  # not an answer (error statuses never reach here: the transport raised them)
        raise APIError(redirect_message(response.headers.get("location")), status_code=status)
    value = response.parsed
    if not isinstance(value, expected):
        names = expected.__name__ if isinstance(expected, type) else " | ".join(t.__name__ for t in expected)
        raise ResponseSchemaError(f"expected {names}, got {type(value).__name__} (status {int(response.status_code)})")
    return value


class _FromDict(Protocol):
    @classmethod
    def from_dict(cls: type[M], src_dict: Any) -> M: ...


M = TypeVar("M", bound=_FromDict)


def parse_model(model: type[M], response: httpx.Response) -> M:
    """A hand-sent response's (read) JSON body as a generated model, held to the model first (`check_answer`:
    `ResponseSchemaError` naming the offending field)."""
    return parse_json(model, answer_json(response))


def parse_json(model: type[M], data: Any) -> M:
    """Decoded JSON held to a generated model first (`check_answer`: `ResponseSchemaError` naming the offending
    field, by its JSON key), then parsed as that model."""
    check_answer(model, data)
    return parse_checked(model, data)


U = TypeVar("U")


def parse_all(parse: Callable[[Any], U], items: Iterable[Any]) -> list[U]:
    """`[parse(item) for item in items]` for a page of a listing, with Python's cyclic garbage collector paused
    meanwhile. A page of thousands of new objects that all stay alive makes the collector walk every live object
    again and again (about a third of the time a 5,000-object page took to parse); reference counting still frees
    whatever dies, and the collector runs again after the page. If it was off before, it stays off."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        return [parse(item) for item in items]
    finally:
        if enabled:
            gc.enable()


def parse_checked(model: type[M], data: Any) -> M:
    """`data`, already held to `model` (a generated model) by `check_answer`, as that model."""
    try:
        return model.from_dict(data)
    except MedannotError:
        raise
    except SCHEMA_FAULTS as exc:
        raise schema_error(exc) from exc


def answer_json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError
        raise ResponseSchemaError(f"the server's answer is not JSON: {type(exc).__name__}: {exc}") from exc


NOT_JSON: Any = object()
"""What `check_json` returns for an answer that is not held to a JSON shape (text, bytes, files, anything)."""


def check_json(answer: Any, response: httpx.Response) -> Any:
    """An answer's JSON held to `answer`: a generated model, `list[Model]`, a tuple of them (`type(None)` allows
    null), `dict` (any object) or `object` (anything); `ResponseSchemaError` naming the offending field. Returns
    the decoded JSON, or `NOT_JSON` when `answer` does not describe JSON."""
    shapes = _json_shapes(answer)
    if shapes is None:
        return NOT_JSON  # text, bytes and files are not JSON: nothing to hold them to here
    data = answer_json(response)
    nullable, shape = shapes
    if nullable and data is None:
        return data
    if shape is dict:
        if not isinstance(data, dict):
            raise ResponseSchemaError("the server's answer must be a JSON object")
        return data
    check_answer(shape, data)
    return data


@functools.cache
def _json_shapes(answer: Any) -> tuple[bool, Any] | None:
    """(null allowed, the shape to hold the JSON to) for an `answer` of `check_json`, or None when it is not
    JSON; computed once per answer type."""
    choices = answer if isinstance(answer, tuple) else (answer,)
    shapes = [choice for choice in choices if choice not in (type(None), object)]
    if object in choices or not shapes or not any(map(json_shaped, shapes)):
        return None
    if shapes == [dict]:
        return type(None) in choices, dict
    return type(None) in choices, next(shape for shape in shapes if json_shaped(shape))


def json_shaped(tp: Any) -> bool:
    """Whether answers of type `tp` are JSON that `check_answer` can hold to it: a generated model, a list of
    them, or an object."""
    from typing import get_origin

    return get_origin(tp) is list or tp is dict or is_model(tp)
