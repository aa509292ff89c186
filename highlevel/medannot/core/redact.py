"""Keep secrets out of messages, logs and reprs."""

from __future__ import annotations

import httpx

SECRET_PARAMS = frozenset({"token", "access_token", "api_key", "apikey", "key", "password", "secret", "signature"})
MASK = "***"


def redact_url(url: httpx.URL | str) -> str:
    """The URL with user info and secret-looking query values masked."""
    url = httpx.URL(url)
    if url.userinfo:
        url = url.copy_with(username=None, password=None)
    if not url.query:
        return str(url)
    params = [(k, MASK if k.lower() in SECRET_PARAMS else v) for k, v in url.params.multi_items()]
    return str(url.copy_with(params=params))


class Secret:
    """A string that never shows itself in repr/str; `.value` gives it to the code that must send it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    @property
    def value(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"Secret({MASK!r})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)
