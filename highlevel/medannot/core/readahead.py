"""Start a call now and take its result later: how a paginator asks for the next page while it parses this one.

The twins differ where the I/O does: `read_ahead` runs the call on a thread of its own, `aread_ahead` as an
asyncio task (under another event loop, trio, the call runs when its result is asked for: nothing ahead). A read
ahead that is never taken is dropped: its thread finishes on its own (it may still complete its request) and
anything it raised is discarded; the asyncio task is cancelled.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class ReadAhead(Generic[T]):
    """`call(*args)` running on a daemon thread; `result()` waits for it and returns or raises what it did."""

    def __init__(self, call: Callable[..., T], *args: Any) -> None:
        self._outcome: tuple[bool, Any] = (False, None)
        self._thread = threading.Thread(target=self._run, args=(call, args), name="medannot-read-ahead", daemon=True)
        self._thread.start()

    def _run(self, call: Callable[..., T], args: tuple[Any, ...]) -> None:
        try:
            self._outcome = (True, call(*args))
        except BaseException as exc:  # handed to the caller of result()
            self._outcome = (False, exc)

    def result(self) -> T:
        self._thread.join()
        ok, value = self._outcome
        if not ok:
            raise value
        result: T = value
        return result

    def drop(self) -> None:
        """Nobody will take the result (a listing left early): nothing to wait for."""


class AsyncReadAhead(Generic[T]):
    """`await call(*args)` as an asyncio task (or, under another event loop, when `result()` is awaited)."""

    def __init__(self, call: Callable[..., Awaitable[T]], *args: Any) -> None:
        import asyncio

        self._call, self._args = call, args
        self._task: asyncio.Task[T] | None = None
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # another event loop (trio)
            return
        self._task = asyncio.ensure_future(self._await(call, args))

    @staticmethod
    async def _await(call: Callable[..., Awaitable[T]], args: tuple[Any, ...]) -> T:
        return await call(*args)

    async def result(self) -> T:
        if self._task is None:
            return await self._call(*self._args)
        return await self._task

    async def drop(self) -> None:
        """Nobody will take the result (a listing left early): the task is cancelled, and what it raised dropped."""
        if self._task is not None:
            import asyncio

            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)


def read_ahead(call: Callable[..., T], *args: Any) -> ReadAhead[T]:
    """`call(*args)` started on its thread."""
    return ReadAhead(call, *args)


async def aread_ahead(call: Callable[..., Awaitable[T]], *args: Any) -> AsyncReadAhead[T]:
    """`call(*args)` started as a task, and run up to its first wait (its request sent) before this returns."""
    ahead = AsyncReadAhead(call, *args)
    if ahead._task is not None:
        import asyncio

        await asyncio.sleep(0)
    return ahead
