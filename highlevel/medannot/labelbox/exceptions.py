"""The official SDK's exception names (`labelbox.exceptions`, `lbox.exceptions`) as aliases of medannot's errors,
so `except ResourceNotFoundError:` written for the SDK catches what medannot raises. Each name *is* the medannot
class (not a subclass): `ResourceNotFoundError is medannot.errors.NotFound`."""

from __future__ import annotations

from medannot.errors import (
    APIError,
    AuthError,
    BadInput,
    Conflict,
    InvalidRequest,
    MedannotError,
    NotFound,
    PermissionDenied,
    RateLimited,
    ServerError,
    Timeout,
    TransportError,
)

__all__ = [
    "ApiLimitError",
    "AuthenticationError",
    "AuthorizationError",
    "InconsistentOntologyException",
    "InternalServerError",
    "InvalidAttributeError",
    "InvalidQueryError",
    "LabelboxError",
    "MALValidationError",
    "MalformedQueryException",
    "NetworkError",
    "OperationNotAllowedException",
    "ProcessingWaitTimeout",
    "ResourceConflict",
    "ResourceCreationError",
    "ResourceNotFoundError",
    "TimeoutError",
    "UnprocessableEntityError",
    "UuidError",
    "ValidationFailedError",
]

LabelboxError = MedannotError
AuthenticationError = AuthError
AuthorizationError = PermissionDenied
ResourceNotFoundError = NotFound
ResourceConflict = Conflict
ValidationFailedError = InvalidRequest
InternalServerError = ServerError
InvalidQueryError = InvalidRequest
UnprocessableEntityError = InvalidRequest
ResourceCreationError = APIError
NetworkError = TransportError
TimeoutError = Timeout  # the SDK's name (shadows the builtin here only); medannot's Timeout
InvalidAttributeError = BadInput
ApiLimitError = RateLimited
MalformedQueryException = InvalidRequest
MALValidationError = InvalidRequest
OperationNotAllowedException = InvalidRequest
UuidError = BadInput
InconsistentOntologyException = BadInput
ProcessingWaitTimeout = Timeout
