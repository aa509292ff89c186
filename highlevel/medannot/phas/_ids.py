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

from medannot.core.validate import has_control, require_int, require_segment, require_str
from medannot.errors import APIError, BadInput, NotFound

# SQLite's INTEGER: ids beyond it cannot name a row (and the server fails on them instead of answering 403).
MAX_ID = 2**63 - 1
# Project ids are short names (`synth`); a longer one cannot be stored, and PHAS fails on it with 500.
MAX_PROJECT_LENGTH = 200


def require_id(value: object, name: str) -> int:
    """Ids are non-negative integers (any integer type, never a bool, a str or a float): the server's routes
    match nothing else. Every id argument of `medannot.phas` passes here, before any request."""
    number = require_int(value, name, min=0)
    if number > MAX_ID:
        raise BadInput(f"{name} is beyond the largest id the server can store ({MAX_ID})")
    return number


def require_positive(value: object, name: str) -> int:
    number = require_int(value, name, min=1)
    if number > MAX_ID:
        raise BadInput(f"{name} is too large")
    return number


def require_count(value: object, name: str, *, least: int = 0) -> int:
    """A size or count argument: an integer of at least `least`."""
    return require_int(value, name, min=least)


def require_project(value: object, name: str = "project") -> str:
    """A project id: one URL path segment the server can store (no separators, control characters, `..`)."""
    return require_segment(value, name, max_length=MAX_PROJECT_LENGTH)


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


MAX_TEXT_LENGTH = 1000


def require_text(value: object, name: str) -> str:
    """A short text argument sent in a form or query (an SVG font size or colour): a non-empty string without
    control characters."""
    text = require_str(value, name)
    if has_control(text):
        raise BadInput(f"{name} must not contain control characters")
    if len(text) > MAX_TEXT_LENGTH:
        raise BadInput(f"{name} is too long ({len(text)} characters; at most {MAX_TEXT_LENGTH})")
    return text


def check_bulk(concurrency: object, progress: object) -> tuple[int, bool | None]:
    """The options of a bulk call, checked before its first request."""
    workers = require_int(concurrency, "concurrency", min=1)
    if progress is not None and not isinstance(progress, bool):
        raise BadInput(f"progress must be True, False or None, not {type(progress).__name__}")
    return workers, progress
