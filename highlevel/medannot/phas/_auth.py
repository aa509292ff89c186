"""How PHAS says a session is gone: a redirect (to its login page) instead of an answer."""

from __future__ import annotations

import httpx

REDIRECTS = frozenset({301, 302, 303, 307, 308})


def is_login_redirect(response: httpx.Response) -> bool:
    """PHAS answers a protected route without a session with a redirect to its login (or a custom landing) page;
    no API route redirects otherwise."""
    return response.status_code in REDIRECTS
