"""The error hierarchy of medannot: every failure a caller can meet is one of these.

`error_from_response` is the only table from HTTP status to error class. Messages carry the server's own
words but never a secret: URLs are redacted, and known secrets, secret header values and secret query values in
the server's words are masked (see `medannot.core.redact`); headers are never included.

One style for an error with a server answer: `<server's reason> (<METHOD> <redacted URL> -> <status>)`, the
status once (a reason the server starts with its status, `404 Not Found: Not Found: ...`, is cleaned to
`Not Found: ...`), then a hint when one is known (`; is this a MONAI Label server? ...`). An error raised by a
local check (no request was answered) carries no HTTP code in its message.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any, ClassVar

import httpx

from medannot.core.redact import redact_text, redact_url
from medannot.core.retry import retry_after_seconds

BODY_EXCERPT = 500


class MedannotError(Exception):
    """Base of every error raised by medannot."""


class BadInput(MedannotError, ValueError):
    """The arguments were rejected before any request was sent (missing file, wrong type, empty id...)."""


class FileExists(BadInput, FileExistsError):
    """A download's target file exists and the call was not given `overwrite=True`. A `BadInput` (the caller's
    destination conflicts; raised before any request when the file name is known beforehand, else as soon as
    the server has named the file, before a byte is written) and a `FileExistsError`, so either
    `except` catches it. `.filename` is the existing file."""

    def __init__(self, path: object) -> None:
        super().__init__(f"{str(path)!r} exists; pass overwrite=True to replace it, or choose another destination")
        self.filename: str = str(path)

    def __str__(self) -> str:
        return str(self.args[0])


class TransportError(MedannotError):
    """No HTTP answer: connection refused or dropped, TLS failure, protocol error."""


class Timeout(TransportError):
    """The server (or a job on it) did not answer within the call's timeout; the message says how to raise it."""


class ClientClosed(MedannotError):
    """The client was closed (`close()` or the end of its `with` block); create a new one."""


class BulkError(MedannotError):
    """Some items of a bulk call failed (`BulkResult.raise_for_errors`); `.errors` holds each item's error."""

    def __init__(self, message: str, errors: list[MedannotError]) -> None:
        super().__init__(message)
        self.errors = errors


class ResponseSchemaError(MedannotError):
    """The server answered something its schema does not allow (wrong type, malformed body)."""


class APIError(MedannotError):
    """The server answered with an error status.

    `str()` is `<reason> (<METHOD> <URL> -> <status>)` when the error comes from an answer (`method` and `url`
    known), else the reason alone: a local check shows no HTTP code, though `status_code` still holds the
    class's usual one. `hint`, when given, follows after `; ` (a likely cause: a wrong URL, ...)."""

    status_code: int | None
    default_status: ClassVar[int | None] = None

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        method: str | None = None,
        url: str | None = None,
        body_excerpt: str | None = None,
        request_id: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.status_code = status_code if status_code is not None else self.default_status
        self.method = method
        self.url = url
        self.body_excerpt = body_excerpt
        self.request_id = request_id
        self.hint = hint
        super().__init__(self.__str__())

    @property
    def msg(self) -> str:
        """The server's words: the official MONAI Label client's name for `message`."""
        return self.message

    def __str__(self) -> str:
        if self.method and self.url:
            status = f" -> {self.status_code}" if self.status_code is not None else ""
            where = f" ({self.method} {self.url}{status})"
        else:
            where = f" ({self.url})" if self.url else ""
        hint = f"; {self.hint}" if self.hint else ""
        return f"{self.message}{where}{hint}"


class InvalidRequest(APIError):
    """400 or 422: the server rejected the request's content."""

    default_status: ClassVar[int | None] = 400


class AuthError(APIError):
    """401, or no credentials at all, or a token that expired."""

    default_status: ClassVar[int | None] = 401


class PermissionDenied(APIError):
    """The server refused the call for these credentials (HTTP 403)."""

    default_status: ClassVar[int | None] = 403


class NotFound(APIError):
    """The server has no such resource (HTTP 404), or does not show it to these credentials."""

    default_status: ClassVar[int | None] = 404


class Conflict(APIError):
    """The call conflicts with the resource's state (HTTP 409), e.g. a name already taken."""

    default_status: ClassVar[int | None] = 409


class RateLimited(APIError):
    """429, or a 503 asking to come back later than the retry budget allows."""

    default_status: ClassVar[int | None] = 429

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        self.retry_after: float | None = retry_after
        super().__init__(message, **kwargs)


class ServerError(APIError):
    """The server failed (HTTP 5xx) and retries, where safe, did not get an answer."""

    default_status: ClassVar[int | None] = 500


_BY_STATUS: dict[int, type[APIError]] = {
    400: InvalidRequest,
    401: AuthError,
    403: PermissionDenied,
    404: NotFound,
    409: Conflict,
    422: InvalidRequest,
    429: RateLimited,
}


def server_message(body: bytes, content_type: str) -> str:
    """The server's own words: FastAPI/DRF `detail`, `message`, `error`, GraphQL `errors`, the title and
    paragraphs of an HTML error page (Flask/Werkzeug), else the text."""
    text = body.decode("utf-8", errors="replace").strip()
    if "html" in content_type and text[:1] == "<":
        return _html_text(text)[:BODY_EXCERPT]
    if "json" in content_type or text[:1] in "{[":
        try:
            data = json.loads(text)
        except ValueError:
            return text[:BODY_EXCERPT]
        return _message_from_json(data) or text[:BODY_EXCERPT]
    return text[:BODY_EXCERPT]


def _html_text(page: str) -> str:
    parts = re.findall(r"<(?:title|h1|p)\b[^>]*>(.*?)</(?:title|h1|p)>", page, flags=re.S | re.I)
    words = [" ".join(html.unescape(re.sub(r"<[^>]+>", "", p)).split()) for p in parts]
    unique = list(dict.fromkeys(w for w in words if w))
    return ": ".join(unique) if unique else " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def clean_reason(text: str, status: int | None = None) -> str:
    """The server's reason without the status it starts with (`404 Not Found` -> `Not Found`, the status is
    shown once, by the error) and without a part repeated right after itself (`Not Found: Not Found: x`)."""
    text = text.strip()
    if status is not None:
        text = re.sub(rf"^{status}\b[\s:.-]*", "", text)
    parts: list[str] = []
    for part in text.split(": "):
        if not parts or part.strip().lower() != parts[-1].strip().lower():
            parts.append(part)
    return ": ".join(parts).strip()


def _message_from_json(data: Any) -> str | None:
    if isinstance(data, dict):
        for key in ("detail", "message", "error", "errors", "msg"):
            if data.get(key):
                return _message_from_json(data[key]) or str(data[key])
        return None
    if isinstance(data, list) and data:
        parts = [_message_from_json(item) or str(item) for item in data[:5]]
        return "; ".join(parts)
    if isinstance(data, str):
        return data
    return None


def redirect_message(location: str | None, request_url: httpx.URL | str | None = None) -> str:
    """medannot never follows a redirect: an API answering one is a wrong URL or a lost session (a login page).
    A target on the requested server is shown by its path (the message shows the requested URL already)."""
    target = ""
    if location:
        shown = redact_url(location)
        if request_url is not None:
            try:
                wanted = httpx.URL(request_url)
                there = httpx.URL(redact_url(wanted.join(location)))
            except (httpx.InvalidURL, TypeError, ValueError):
                pass
            else:
                origin = f"{there.scheme}://{there.netloc.decode('ascii')}"
                same = (there.scheme, there.host, there.port) == (wanted.scheme, wanted.host, wanted.port)
                shown = str(there)[len(origin) :] or "/" if same else str(there)
        target = f" to {shown!r}"
    return f"the server redirected{target} instead of answering; check the URL and the credentials"


def error_from_response(response: httpx.Response, message: str | None = None, *, hint: str | None = None) -> APIError:
    """The typed error for an error response; its body must have been read. `message` replaces the server's
    words; `hint` is a likely cause, added after them."""
    status = response.status_code
    cls = _BY_STATUS.get(status) or (ServerError if status >= 500 else APIError)
    body = response.content
    if message is None and 300 <= status < 400:
        message = redirect_message(response.headers.get("location"), response.request.url)
    if message is None:
        said = server_message(body, response.headers.get("content-type", ""))
        message = redact_text(clean_reason(said, status)) if said else ""
    kwargs: dict[str, Any] = {
        "status_code": status,
        "method": response.request.method,
        "url": redact_url(response.request.url),
        "body_excerpt": redact_text(body[:BODY_EXCERPT].decode("utf-8", errors="replace")),
        "request_id": response.headers.get("x-request-id"),
        "hint": hint,
    }
    retry_after = retry_after_seconds(response)
    if status == 503 and retry_after is not None:  # "come back later": a rate limit the retries could not wait out
        cls = RateLimited
    if cls is RateLimited:
        kwargs["retry_after"] = retry_after
    return cls(message or response.reason_phrase or f"HTTP {status}", **kwargs)
