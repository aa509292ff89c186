"""Options shared by every client: one frozen value, copied with changes by `Client.with_options`."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import httpx

from medannot import __version__
from medannot.core.retry import RetryPolicy

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)


@dataclass(frozen=True)
class ClientOptions:
    base_url: str
    timeout: httpx.Timeout = field(default_factory=lambda: DEFAULT_TIMEOUT)
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    verify: bool | str = True  # a CA bundle path is accepted; verification is never off unless asked
    user_agent: str = f"medannot/{__version__}"
    headers: tuple[tuple[str, str], ...] = ()
    max_connections: int = 16
    transport: httpx.BaseTransport | None = None  # e.g. httpx.MockTransport in unit tests

    def replace(self, **changes: object) -> ClientOptions:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


def as_timeout(value: float | httpx.Timeout | None) -> httpx.Timeout:
    """Every call has a timeout: None means the default, not 'wait forever'."""
    if value is None:
        return DEFAULT_TIMEOUT
    return value if isinstance(value, httpx.Timeout) else httpx.Timeout(value, connect=min(value, 10.0))
