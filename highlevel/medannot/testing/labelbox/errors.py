"""Errors the emulated Labelbox API reports, with the `extensions.code` values labelbox.Client keys off."""

from __future__ import annotations

import json
from typing import Any


class ApiError(Exception):
    """A rule the backend enforces; the app turns it into a GraphQL error or a REST status."""

    code = "INTERNAL_SERVER_ERROR"
    http_status = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def extensions(self) -> dict[str, Any]:
        return {"code": self.code}


class AuthenticationError(ApiError):
    code = "AUTHENTICATION_ERROR"
    http_status = 401


class NotFound(ApiError):
    code = "RESOURCE_NOT_FOUND"
    http_status = 404


class Conflict(ApiError):
    code = "RESOURCE_CONFLICT"
    http_status = 409


class BadRequest(ApiError):
    """The real API reports invalid input as INTERNAL_SERVER_ERROR with a 400 status inside; the SDK
    maps exactly that to InvalidQueryError (and anything else under that code to retries)."""

    http_status = 400

    def extensions(self) -> dict[str, Any]:
        return {"code": self.code, "exception": {"status": 400}}


class NotAllowed(ApiError):
    code = "OPERATION_NOT_ALLOWED"
    http_status = 422


def json_object(text: str | bytes, what: str) -> dict[str, Any]:
    """Client-sent JSON that must be an object, else the BadRequest the real API would answer."""
    try:
        value = json.loads(text)
    except ValueError:
        raise BadRequest(f"{what} is not valid JSON") from None
    if not isinstance(value, dict):
        raise BadRequest(f"{what} must be a JSON object")
    return value
