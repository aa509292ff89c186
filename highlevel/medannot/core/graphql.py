"""GraphQL on the shared session: the HTTP object ariadne-codegen's generated clients post through (sync and
async), and the mapping of GraphQL errors (by `extensions.code`) onto the medannot error hierarchy.

The adapter reads every answer itself: GraphQL `errors` raise medannot errors before the generated client
sees the answer, so `client.api.<operation>()` fails exactly like the facade's own calls.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from medannot.errors import (
    APIError,
    AuthError,
    Conflict,
    InvalidRequest,
    MedannotError,
    NotFound,
    PermissionDenied,
    RateLimited,
    ResponseSchemaError,
    ServerError,
)

if TYPE_CHECKING:
    from medannot.core._async.session import AsyncSession
    from medannot.core._sync.session import Session

T = TypeVar("T")
ErrorsTo = Callable[[Sequence[Any]], APIError]

_OPERATION = re.compile(r"^\s*(query|mutation|subscription)\b")
_COMMENT = re.compile(r"#[^\n]*")
_MUTATION = re.compile(r"(?:^|[\s}])mutation\b")
_KEYWORD = re.compile(r"(?:^|[\s}])(?:query|mutation|subscription)\b")

_BY_CODE: dict[str, type[APIError]] = {
    "UNAUTHENTICATED": AuthError,
    "AUTHENTICATION_ERROR": AuthError,
    "FORBIDDEN": PermissionDenied,
    "AUTHORIZATION_ERROR": PermissionDenied,
    "NOT_FOUND": NotFound,
    "RESOURCE_NOT_FOUND": NotFound,
    "RESOURCE_CONFLICT": Conflict,
    "CONFLICT": Conflict,
    "RATE_LIMITED": RateLimited,
    "TOO_MANY_REQUESTS": RateLimited,
    "BAD_USER_INPUT": InvalidRequest,
    "GRAPHQL_VALIDATION_FAILED": InvalidRequest,
    "GRAPHQL_PARSE_FAILED": InvalidRequest,
    "VALIDATION_ERROR": InvalidRequest,
    "INTERNAL_SERVER_ERROR": ServerError,
}


def operation_kind(document: str, operation_name: str | None = None) -> str | None:
    """The kind ('query', 'mutation' or 'subscription') of the operation a server runs for this document:
    the one named `operation_name`, else the only one ('{ ... }' shorthand is a query). Fragments, comments
    and a BOM before it do not matter.

    None when that operation cannot be determined: a document graphql-core cannot parse, one without
    operations, several operations and no `operation_name` (the server refuses that), or a name that is not
    there. A caller treats None as "not retry-safe", like a mutation."""
    chosen = _operation(document, operation_name)
    return chosen[0] if chosen else None


def retry_safe(document: str, operation_name: str | None = None, safe_mutations: Collection[str] = ()) -> bool:
    """Whether a request running this document may be resent: its operation is a query, or a mutation named in
    `safe_mutations` (one that creates nothing a user sees, e.g. Labelbox's `UploadFile`)."""
    chosen = _operation(document, operation_name)
    if chosen is None:
        return False
    kind, name = chosen
    return kind == "query" or (kind == "mutation" and name is not None and name in safe_mutations)


@functools.lru_cache(maxsize=512)
def _operation(document: str, operation_name: str | None) -> tuple[str, str | None] | None:
    """(kind, name) of the operation that runs, or None when it cannot be determined."""
    text = document.lstrip("\ufeff")
    try:
        from graphql import GraphQLError, OperationDefinitionNode, parse
    except ImportError:  # pragma: no cover - graphql-core ships with the generated clients
        kind = _scan(text, operation_name)
        return (kind, None) if kind else None
    try:
        definitions = parse(text, no_location=True).definitions
    except (GraphQLError, RecursionError):
        return None
    operations = [d for d in definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [d for d in operations if d.name is not None and d.name.value == operation_name]
    if len(operations) != 1:
        return None
    chosen = operations[0]
    return str(chosen.operation.value), chosen.name.value if chosen.name is not None else None


def _scan(document: str, operation_name: str | None) -> str | None:
    """Without graphql-core: only a document with one operation keyword and no mutation elsewhere is known."""
    text = _COMMENT.sub("", document)
    match = _OPERATION.match(text)
    if operation_name is not None or len(_KEYWORD.findall(text)) > 1:
        return None
    if _MUTATION.search(text):
        return "mutation"
    return match.group(1) if match else ("query" if text.lstrip().startswith("{") else None)


def error_from_graphql(errors: Sequence[Any]) -> APIError:
    """One typed error for a GraphQL `errors` list (dicts, or objects with `message` and `extensions`)."""
    messages, codes = [], []
    for error in errors:
        message = error.get("message") if isinstance(error, Mapping) else getattr(error, "message", None)
        extensions = error.get("extensions") if isinstance(error, Mapping) else getattr(error, "extensions", None)
        messages.append(str(message or error))
        code = extensions.get("code") if isinstance(extensions, Mapping) else None
        if code:
            codes.append(str(code))
    cls = next((_BY_CODE[c] for c in codes if c in _BY_CODE), APIError)
    text = "; ".join(messages) or "GraphQL error"
    return cls(f"{text} [{', '.join(codes)}]" if codes else text, status_code=cls.default_status)


def graphql_data(response: httpx.Response, errors_to: ErrorsTo = error_from_graphql) -> dict[str, Any]:
    """`data` of a GraphQL answer. Its `errors` raise `errors_to(errors)`; an answer that is not a JSON
    object with `data` or `errors`, or comes with an unexpected status, is a `ResponseSchemaError`.
    (Statuses >= 400 were already raised as typed errors by the session.)"""
    if not 200 <= response.status_code <= 299:
        raise ResponseSchemaError(f"the GraphQL answer has status {response.status_code}")
    try:
        body = response.json()
    except ValueError as exc:
        raise ResponseSchemaError(f"the GraphQL answer is not JSON: {response.text[:200]!r}") from exc
    if not isinstance(body, dict):
        raise ResponseSchemaError("the GraphQL answer is not a JSON object")
    if body.get("errors"):
        errors = body["errors"]
        raise errors_to(errors if isinstance(errors, list) else [errors])
    data = body.get("data")
    if not isinstance(data, dict):
        raise ResponseSchemaError("the GraphQL answer has neither data nor errors")
    return data


def as_medannot_error(exc: BaseException) -> MedannotError | None:
    """The medannot error for what a generated GraphQL operation raised, or None to let it through: an
    answer that does not fit the operation's models is a `ResponseSchemaError`, as are ariadne-codegen's own
    answer errors (`GraphQLClient*`); a GraphQL error list (`.errors`) maps by code (the adapter normally
    raised already)."""
    import pydantic

    if isinstance(exc, MedannotError):
        return None
    if isinstance(exc, pydantic.ValidationError):
        return ResponseSchemaError(f"the GraphQL answer does not fit the schema: {_first_problem(exc)}")
    if type(exc).__name__.startswith("GraphQLClient"):
        errors = getattr(exc, "errors", None)
        if isinstance(errors, list) and errors:
            return error_from_graphql(errors)
        return ResponseSchemaError(f"unexpected GraphQL answer: {exc}")
    return None


def _first_problem(exc: Any) -> str:
    """Where and why a generated model refused an answer (`createDataset.name: Input should be a valid string`),
    without the offending value (an answer may hold a secret)."""
    errors = exc.errors(include_url=False, include_input=False)
    if not errors:
        return str(exc.title)
    first = errors[0]
    loc = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in first.get("loc", ())).replace(".[", "[")
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{exc.title}.{loc}: {first.get('msg')}{more}" if loc else f"{exc.title}: {first.get('msg')}{more}"


def call_graphql(send: Callable[[], T], graphql_errors: type[Exception]) -> T:
    """Run one generated operation: GraphQL errors (the generated `graphql_errors` type, with `.errors`)
    become medannot errors; an answer that does not fit the operation's models is a ResponseSchemaError."""
    try:
        return send()
    except graphql_errors as exc:
        if isinstance(exc, MedannotError):
            raise
        raise error_from_graphql(getattr(exc, "errors", [])) from exc
    except Exception as exc:
        mapped = as_medannot_error(exc)
        if mapped is None:
            raise
        raise mapped from exc


def _document(json: Any, data: Any) -> tuple[str, str | None]:
    """The document and `operationName` of a GraphQL request body (JSON, or multipart's `operations`)."""
    payload = json
    if payload is None and isinstance(data, Mapping):  # multipart: the operation travels in `operations`
        import json as json_module

        try:
            payload = json_module.loads(data.get("operations") or "{}")
        except ValueError:
            payload = None
    if not isinstance(payload, Mapping):
        return "", None
    name = payload.get("operationName")
    return str(payload.get("query", "")), name if isinstance(name, str) else None


def _check_variables(json: Any) -> None:
    """NaN, infinities and values JSON cannot carry, refused (`BadInput`) before anything is sent."""
    if isinstance(json, Mapping) and json.get("variables") is not None:
        from medannot.core.validate import require_json

        require_json(json["variables"], "variables")


class GraphQLHttp:
    """The `http_client` handed to a generated (sync) GraphQL client.

    Sends on the session (auth, retries, typed errors): the operation that runs (`operationName`, else the
    only one) decides: a query is idempotent (retried like a GET), a mutation is never retried once sent unless
    its name is in `retry_safe`, and a document whose operation cannot be told is treated like a mutation.
    NaN, infinities and other values JSON cannot carry in the variables are a `BadInput` before sending.
    GraphQL `errors` in an answer raise `errors_to(errors)` here. `close()` does nothing: the session, not the
    generated client, owns the pool.
    """

    def __init__(
        self, session: Session, errors_to: ErrorsTo = error_from_graphql, *, retry_safe: Collection[str] = ()
    ) -> None:
        self._session = session
        self._errors_to = errors_to
        self._retry_safe = frozenset(retry_safe)

    def post(
        self,
        url: Any,
        json: Any | None = None,
        data: Any | None = None,
        files: Any | None = None,
        headers: Any | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        _check_variables(json)
        idempotent = retry_safe(*_document(json, data), self._retry_safe)
        response = self._session.request(
            "POST", str(url), json=json, data=data, files=files, headers=headers, idempotent=idempotent, **kwargs
        )
        graphql_data(response, self._errors_to)
        return response

    def close(self) -> None:
        """Nothing: the session is closed by its owner."""


class AsyncGraphQLHttp:
    """The async twin of `GraphQLHttp`, handed to a generated async GraphQL client; `aclose()` does nothing."""

    def __init__(
        self, session: AsyncSession, errors_to: ErrorsTo = error_from_graphql, *, retry_safe: Collection[str] = ()
    ) -> None:
        self._session = session
        self._errors_to = errors_to
        self._retry_safe = frozenset(retry_safe)

    async def post(
        self,
        url: Any,
        json: Any | None = None,
        data: Any | None = None,
        files: Any | None = None,
        headers: Any | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        _check_variables(json)
        idempotent = retry_safe(*_document(json, data), self._retry_safe)
        response = await self._session.request(
            "POST", str(url), json=json, data=data, files=files, headers=headers, idempotent=idempotent, **kwargs
        )
        graphql_data(response, self._errors_to)
        return response

    async def aclose(self) -> None:
        """Nothing: the session is closed by its owner."""
