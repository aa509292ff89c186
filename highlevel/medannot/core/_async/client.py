"""What every platform's `AsyncClient` (and, through the sync twin, `Client`) shares: options, one session,
the generated low-level client, `with_options`, lifecycle and a secret-free repr."""

from __future__ import annotations

import copy
import functools
from collections.abc import Mapping
from types import TracebackType
from typing import Generic, Self, TypeVar

import httpx

from medannot.core._async.session import AsyncSession
from medannot.core.config import ClientOptions, TimeoutValue
from medannot.core.redact import redact_url

G = TypeVar("G")


class AsyncBaseClient(Generic[G]):
    """Base of the platform facades. A subclass builds its `ClientOptions` and auth, calls
    `super().__init__(options, auth)`, and says how to build its generated client in `_new_api`."""

    def __init__(self, options: ClientOptions, auth: httpx.Auth | None = None) -> None:
        self._session = AsyncSession(options, auth)

    def _new_api(self) -> G:
        raise NotImplementedError

    def _reopen(self, options: ClientOptions) -> None:
        """A new session with these options and the same credential (the old one must be closed)."""
        self._session = AsyncSession(options, self._session.auth)
        for cached in ("_public_api", "_api"):
            self.__dict__.pop(cached, None)

    @property
    def api(self) -> G:
        """The generated low-level client on this client's session: the same auth, retries, typed errors,
        proxies and connection pool, for its sync and its asyncio functions alike.

        It is safe to use as you like: closing it (`with client.api as api:`) or retiming it (`.with_timeout()`)
        affects only that object, never the facade's session; once closed, the next `client.api` is a new
        one. Built on first use."""
        api = self.__dict__.get("_public_api")
        if api is None or _closed(api):
            api = self.__dict__["_public_api"] = self._new_api()
        return api

    @functools.cached_property
    def _api(self) -> G:
        # the facade's own instance, so nothing done to `api` retimes the facade's calls
        return self._new_api()

    def with_options(
        self,
        *,
        timeout: TimeoutValue = None,
        max_retries: int | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Self:
        """A copy of this client with other defaults, sharing its connection pool and credential.

        `timeout`: seconds or an `httpx.Timeout` for every call of the copy; `max_retries`: retries of
        idempotent calls (0 turns them off); `headers`: added to every request. Closing the copy closes
        nothing; close the original when done."""
        clone = copy.copy(self)
        for cached in ("_public_api", "_api"):
            clone.__dict__.pop(cached, None)
        clone._session = self._session.derive(timeout=timeout, max_retries=max_retries, headers=headers)
        return clone

    async def close(self) -> None:
        """Close the connections; every later call raises `medannot.errors.ClientClosed`."""
        await self._session.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    def __repr__(self) -> str:  # the URL only, without user info: credentials live in the auth, never shown
        platform = type(self).__module__.split(".")[1]
        return f"medannot.{platform}.{type(self).__name__}({redact_url(self._session.base_url).rstrip('/')!r})"


def _closed(api: object) -> bool:
    """Whether a generated client's own httpx clients were closed (by `with client.api:`)."""
    owned = (getattr(api, name, None) for name in ("_client", "_async_client"))
    return any(getattr(http, "is_closed", False) for http in owned)
