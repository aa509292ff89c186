"""Typed values from answers: checks shared by the sync and async `unwrap` (`core/_async/response.py`)."""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

import httpx

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
    """A hand-sent response's (read) JSON body as a generated model."""
    try:
        return model.from_dict(response.json())
    except MedannotError:
        raise
    except SCHEMA_FAULTS as exc:
        raise schema_error(exc) from exc
