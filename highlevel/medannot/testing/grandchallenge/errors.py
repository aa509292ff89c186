"""How the emulated server fails, in Django REST framework's terms (JSON bodies) and Django's (HTML 500)."""

from __future__ import annotations

from typing import Any


class DRFError(Exception):
    """An APIException: `{"detail": ...}` or a validation dict, with its status and headers."""

    def __init__(self, status_code: int, body: Any, headers: dict[str, str] | None = None) -> None:
        super().__init__(f"{status_code}: {body}")
        self.status_code = status_code
        self.body = body
        self.headers: dict[str, str] = headers or {}


class ValidationError(DRFError):
    """400 with DRF's error shape: `{"field": ["msg"]}`, or `{"non_field_errors": ["msg"]}` for a bare message."""

    def __init__(self, errors: str | list[str] | dict[str, Any]) -> None:
        if isinstance(errors, str):
            errors = [errors]
        if isinstance(errors, list):
            errors = {"non_field_errors": errors}
        super().__init__(400, errors)


class NotFound(DRFError):
    """404 from `get_object_or_404` (`No Algorithm matches the given query.`) or a bare `Http404` (`Not found.`)."""

    def __init__(self, model: str | None = None) -> None:
        super().__init__(404, {"detail": f"No {model} matches the given query." if model else "Not found."})


class PermissionDenied(DRFError):
    def __init__(self, detail: str = "You do not have permission to perform this action.") -> None:
        super().__init__(403, {"detail": detail})


class ServerFault(Exception):
    """The real server crashes here (an uncaught exception, e.g. S3 refusing a part list): Django's HTML 500."""
