"""The SDK's exception names (`datamint.exceptions`, `datamint.apihandler.base_api_handler`) as aliases of
medannot's errors, so `except ResourceNotFoundError:` written for the SDK catches what medannot raises. Each name
*is* the medannot class (not a subclass): `DatamintException is medannot.errors.MedannotError`."""

from __future__ import annotations

from medannot.errors import (
    AuthError,
    InvalidRequest,
    MedannotError,
    NotFound,
    PermissionDenied,
    ServerError,
    TransportError,
)

__all__ = [
    "AuthenticationError",
    "DatamintException",
    "ItemNotFoundError",
    "NetworkError",
    "PermissionDeniedError",
    "ResourceNotFoundError",
    "ServerError",
    "ValidationError",
]

DatamintException = MedannotError  # every error medannot raises
ResourceNotFoundError = NotFound  # 404 (the SDK also required "not found" in the body; medannot does not)
ItemNotFoundError = NotFound  # datamint.Api's name
AuthenticationError = AuthError  # 401, or no key at all
PermissionDeniedError = PermissionDenied  # 403
ValidationError = InvalidRequest  # 400/422; `BadInput` (a subclass of ValueError) before anything is sent
NetworkError = TransportError
