"""Argument checks for ids, done before any request, and the 403-means-unknown rule.

PHAS answers 403 both for an id the user may not touch and for an id that does not exist (its access check
runs first and finds no access row); a few routes answer 500 or an empty list instead. When that happens the
user's own listings decide: an id they cannot list is `NotFound`, one they can list is a real refusal.
"""

from __future__ import annotations

import contextlib
import html
import re
from collections.abc import Callable, Iterator
from typing import Any

from medannot.errors import APIError, BadInput, NotFound, PermissionDenied


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


def is_visible(check: Callable[[], bool]) -> bool:
    try:
        return check()
    except (PermissionDenied, NotFound):
        return False


_REASON = re.compile(r"<p>(.*?)</p>", re.S)


def server_reason(exc: APIError) -> str:
    """The reason in PHAS's HTML error page (`<p>Insufficient privileges on task 1</p>`), else the message."""
    found = _REASON.search(exc.body_excerpt or "")
    return html.unescape(found.group(1)).strip() if found else exc.message


def _fields(exc: APIError) -> dict[str, Any]:
    return {"status_code": exc.status_code, "method": exc.method, "url": exc.url, "body_excerpt": exc.body_excerpt}


def not_found(what: str, cause: APIError | None = None) -> NotFound:
    message = f"{what} does not exist or is not visible to you (PHAS answers 403 for both)"
    return NotFound(message) if cause is None else NotFound(message, **_fields(cause))


@contextlib.contextmanager
def unknown_is_not_found(
    what: str, visible: Callable[[], bool], *, also: tuple[type[APIError], ...] = ()
) -> Iterator[None]:
    """A refusal (or one of `also`, e.g. the 500 some routes give for unknown ids) for an id the user cannot
    list becomes NotFound; for an id they can list it stands."""
    caught: tuple[type[APIError], ...] = (PermissionDenied, *also)
    try:
        yield
    except caught as exc:
        if not is_visible(visible):
            raise not_found(what, exc) from exc
        if isinstance(exc, PermissionDenied):
            raise PermissionDenied(server_reason(exc), **_fields(exc)) from exc
        raise
