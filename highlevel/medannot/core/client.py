"""The lifecycle every platform's `Client` shares: one session, closed with the client (or its `with` block)."""

from __future__ import annotations

from types import TracebackType
from typing import TypeVar

from medannot.core.transport import Session

C = TypeVar("C", bound="ClientLifecycle")


class ClientLifecycle:
    _session: Session

    def close(self) -> None:
        """Close the connections; the client cannot be used afterwards."""
        self._session.close()

    def __enter__(self: C) -> C:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:  # the URL only: credentials live in the session's auth, never shown
        platform = type(self).__module__.split(".")[1]
        return f"medannot.{platform}.Client({self._session.base_url.rstrip('/')!r})"
