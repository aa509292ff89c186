"""The 403-means-unknown rule: a refusal for an id the user cannot list becomes `NotFound`.

PHAS answers 403 both for an id the user may not touch and for an id that does not exist; a few routes answer
500 instead. The user's own listings (more requests) decide which it was.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable

from medannot.core.twins import Awaitable
from medannot.errors import APIError, NotFound, PermissionDenied
from medannot.phas._ids import error_fields, not_found, server_reason


async def is_visible(check: Callable[[], Awaitable[bool]]) -> bool:
    """`await check()`, False when the listing itself is refused or unknown."""
    try:
        return await check()
    except (PermissionDenied, NotFound):
        return False


@contextlib.asynccontextmanager
async def unknown_is_not_found(
    what: str, visible: Callable[[], Awaitable[bool]], *, also: tuple[type[APIError], ...] = ()
) -> AsyncIterator[None]:
    """A refusal (or one of `also`, e.g. the 500 some routes give for unknown ids) for an id the user cannot
    list becomes NotFound (status and URL of the refusal kept); for an id they can list it stands, as
    PermissionDenied with the server's reason (`Insufficient privileges on task 1`)."""
    caught: tuple[type[APIError], ...] = (PermissionDenied, *also)
    try:
        yield
    except caught as exc:
        if not await is_visible(visible):
            raise not_found(what, exc) from exc
        if isinstance(exc, PermissionDenied):
            raise PermissionDenied(server_reason(exc), **error_fields(exc)) from exc
        raise
