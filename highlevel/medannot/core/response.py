"""Turn a generated `*_detailed` call into its typed value, or a typed error.

Error statuses never reach here (the session's response hook raises them); what remains is a body that does
not fit the schema, which is the server breaking its contract: `ResponseSchemaError`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import httpx

from medannot.core.transport import translate_transport_errors
from medannot.errors import MedannotError, ResponseSchemaError

T = TypeVar("T")


class DetailedResponse(Protocol):
    """What openapi-python-client's `Response[T]` offers."""

    @property
    def status_code(self) -> Any: ...

    @property
    def parsed(self) -> Any: ...


def unwrap(expected: type[T] | tuple[type[T], ...], send: Callable[[], DetailedResponse]) -> T:
    with translate_transport_errors():
        try:
            response = send()
        except MedannotError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ResponseSchemaError(
                f"the server's answer does not fit the schema: {type(exc).__name__}: {exc}"
            ) from exc
    value = response.parsed
    if not isinstance(value, expected):
        names = expected.__name__ if isinstance(expected, type) else " | ".join(t.__name__ for t in expected)
        raise ResponseSchemaError(f"expected {names}, got {type(value).__name__} (status {int(response.status_code)})")
    return value


class _FromDict(Protocol):
    @classmethod
    def from_dict(cls: type[M], src_dict: Any) -> M: ...


M = TypeVar("M", bound=_FromDict)


class _Parsed:
    def __init__(self, status_code: int, parsed: object) -> None:
        self.status_code = status_code
        self.parsed = parsed


def parse_model(model: type[M], response: httpx.Response) -> M:
    """A hand-sent response's JSON body as a generated model (same checks as `unwrap`)."""
    return unwrap(model, lambda: _Parsed(response.status_code, model.from_dict(response.json())))
