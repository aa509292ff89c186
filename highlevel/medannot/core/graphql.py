"""GraphQL on the shared session: the HTTP object ariadne-codegen's generated client posts through, and the
mapping of GraphQL errors (by `extensions.code`) onto the medannot error hierarchy."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import httpx
import pydantic

from medannot.core.retry import IDEMPOTENT_EXTENSION
from medannot.core.transport import Session, translate_transport_errors
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

T = TypeVar("T")

_OPERATION = re.compile(r"^\s*(query|mutation|subscription)\b")
_COMMENT = re.compile(r"#[^\n]*")

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


def operation_kind(document: str) -> str:
    """'query', 'mutation' or 'subscription' ('{ ... }' shorthand is a query)."""
    match = _OPERATION.match(_COMMENT.sub("", document))
    return match.group(1) if match else "query"


class GraphQLHttp:
    """The `http_client` handed to a generated GraphQL client.

    Queries are marked idempotent (retried like GETs), mutations are not retried once sent; `close()` does
    nothing, because the session, not the generated client, owns the connection pool.
    """

    def __init__(self, session: Session) -> None:
        self._session = session

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        kwargs.setdefault("extensions", {})[IDEMPOTENT_EXTENSION] = operation_kind(_document(kwargs)) == "query"
        with translate_transport_errors():
            return self._session.http.post(url, **kwargs)

    def close(self) -> None:
        """The session is closed by its owner."""


def _document(kwargs: Mapping[str, Any]) -> str:
    if "content" in kwargs:  # the generated client sends JSON as `content`
        payload = json.loads(kwargs["content"])
    elif "json" in kwargs:
        payload = kwargs["json"]
    else:  # multipart upload: the operation travels in the `operations` form field
        payload = json.loads(kwargs.get("data", {}).get("operations", "{}"))
    return str(payload.get("query", "")) if isinstance(payload, dict) else ""


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


def call_graphql(send: Callable[[], T], graphql_errors: type[Exception]) -> T:
    """Run one generated operation: GraphQL errors (the generated `graphql_errors` type, with `.errors`)
    become medannot errors; an answer that does not fit the operation's models is a ResponseSchemaError."""
    try:
        with translate_transport_errors():
            return send()
    except MedannotError:
        raise
    except pydantic.ValidationError as exc:
        raise ResponseSchemaError(f"the GraphQL answer does not fit the schema: {exc}") from exc
    except graphql_errors as exc:
        raise error_from_graphql(getattr(exc, "errors", [])) from exc
