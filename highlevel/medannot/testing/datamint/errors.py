"""How the emulated Datamint service fails: JSON error bodies `{"statusCode", "message", "error"}`.

Both SDK generations tell a missing item from a bad request by the words "not found" in the body (APIHandler
reads `message`), so every 404 says "<kind> <id> not found".
"""

from __future__ import annotations

from http import HTTPStatus


class DatamintError(Exception):
    """An error answer: status, and the message clients show."""

    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message

    def body(self) -> dict[str, object]:
        return {"statusCode": self.status_code, "message": self.message, "error": HTTPStatus(self.status_code).phrase}


class NotFound(DatamintError):
    def __init__(self, kind: str, key: str) -> None:
        super().__init__(404, f"{kind} {key} not found")


class BadRequest(DatamintError):
    def __init__(self, message: str) -> None:
        super().__init__(400, message)


class Conflict(DatamintError):
    def __init__(self, message: str) -> None:
        super().__init__(409, message)


class Unauthorized(DatamintError):
    def __init__(self) -> None:
        super().__init__(401, "Unauthorized: a valid API key is required in the apikey header")
