"""Call a generated operation and return its typed value, or raise a typed error.

Error statuses never reach here (the session's transport raises them); what remains is a body that does not
fit the schema, which is the server breaking its contract: `ResponseSchemaError`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from medannot.core.response import SCHEMA_FAULTS, DetailedResponse, check_parsed, schema_error
from medannot.core.twins import Awaitable
from medannot.errors import MedannotError

T = TypeVar("T")
P = ParamSpec("P")


async def unwrap(
    expected: type[T] | tuple[type[T], ...],
    operation: Callable[P, Awaitable[DetailedResponse]],
    *args: P.args,
    **kwargs: P.kwargs,
) -> T:
    """`operation(*args, **kwargs)` (a generated `asyncio_detailed`), its parsed value checked against
    `expected`."""
    try:
        response = await operation(*args, **kwargs)
    except MedannotError:
        raise
    except SCHEMA_FAULTS as exc:
        raise schema_error(exc) from exc
    return check_parsed(expected, response)
