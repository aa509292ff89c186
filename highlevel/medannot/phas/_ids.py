"""Argument checks for ids, done before any request, and the 403-means-unknown rule.

PHAS answers 403 both for an id the user may not touch and for an id that does not exist (its access check
runs first and finds no access row); a few routes answer 500 or an empty list instead. When that happens the
user's own listings decide: an id they cannot list is `NotFound`, one they can list is a real refusal (that
rule, which needs requests, lives in `_async/access.py` and its generated twin).
"""

from __future__ import annotations

import html
import re
from typing import Any

from medannot.errors import APIError, BadInput, NotFound


def require_id(value: object, name: str) -> int:
    """Ids are non-negative integers (the server's routes match nothing else)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BadInput(f"{name} must be a non-negative integer, not {value!r}")
    return value


def require_positive(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise BadInput(f"{name} must be a positive integer, not {value!r}")
    return value


def require_project(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BadInput("project must be a non-empty string (the project's id)")
    return value


_REASON = re.compile(r"<p>(.*?)</p>", re.S)


def server_reason(exc: APIError) -> str:
    """The reason in PHAS's HTML error page (`<p>Insufficient privileges on task 1</p>`), else the message."""
    found = _REASON.search(exc.body_excerpt or "")
    return html.unescape(found.group(1)).strip() if found else exc.message


def error_fields(exc: APIError) -> dict[str, Any]:
    return {"status_code": exc.status_code, "method": exc.method, "url": exc.url, "body_excerpt": exc.body_excerpt}


def not_found(what: str, cause: APIError | None = None) -> NotFound:
    message = f"{what} does not exist or is not visible to you (PHAS answers 403 for both)"
    return NotFound(message) if cause is None else NotFound(message, **error_fields(cause))
