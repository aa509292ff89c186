"""Call a generated operation and return its typed value, or raise a typed error.

Error statuses never reach here (the session's transport raises them); what remains is a body that does not
fit the schema, which is the server breaking its contract: `ResponseSchemaError` naming the offending field.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from medannot.core.response import (
    NOT_JSON,
    SCHEMA_FAULTS,
    DetailedResponse,
    check_json,
    check_parsed,
    parse_checked,
    schema_error,
)
from medannot.core.twins import Awaitable
from medannot.core.urls import request_url
from medannot.core.validate import is_model
from medannot.errors import MedannotError

T = TypeVar("T")
P = ParamSpec("P")


async def unwrap(
    expected: type[T] | tuple[type[T], ...],
    operation: Callable[P, Awaitable[DetailedResponse]],
    *args: P.args,
    **kwargs: P.kwargs,
) -> T:
    """`operation(*args, **kwargs)` (a generated `asyncio_detailed`): its answer's JSON held to `expected` (the
    generated model's annotations, naming the offending field), then its parsed value, which must be one of
    `expected`."""
    return await unwrap_as(expected, expected, operation, *args, **kwargs)


async def unwrap_as(
    expected: type[T] | tuple[type[T], ...],
    answer: Any,
    operation: Callable[P, Awaitable[DetailedResponse]],
    *args: P.args,
    **kwargs: P.kwargs,
) -> T:
    """`unwrap` where the JSON is held to `answer` (e.g. `list[Project]`, `(TaskRecord, dict)`) rather than to
    `expected` (the parsed value's type).

    The generated `from_dict` neither checks types nor says which field broke it, so the raw JSON is checked
    before it is parsed. `asyncio_detailed` does not hand out the raw answer, so this runs its two steps itself:
    the operation's request (`_get_kwargs`) on the generated client's httpx client, then `_build_response`
    (openapi-python-client's template, pinned)."""
    module = sys.modules[operation.__module__]
    params: dict[str, Any] = dict(kwargs)
    client = params.pop("client")
    http = client.get_async_httpx_client()
    request = module._get_kwargs(*args, **params)
    request["url"] = request_url(http, request["url"])
    response = await http.request(**request)
    if 200 <= response.status_code < 300:
        data = check_json(answer, response)
        if answer is expected and data is not NOT_JSON and is_model(expected):
            # what `_build_response` does for one model, without decoding the JSON again
            parsed: T = parse_checked(expected, data)
            return parsed
    try:
        detailed = module._build_response(client=client, response=response)
    except MedannotError:
        raise
    except SCHEMA_FAULTS as exc:
        raise schema_error(exc) from exc
    return check_parsed(expected, detailed)
