"""Run an async medannot object from sync test code, so one scenario suite drives both twins.

`blocking(obj, portal)` wraps an `AsyncClient` (or any object of a `._async.` module): awaitable methods are
called through an anyio blocking portal (an event loop on its own thread) and their results wrapped again;
`async with` / `async for` become `with` / `for`. Test code only: the package's sync twins are generated.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
from collections.abc import Iterator
from typing import Any

from anyio.from_thread import BlockingPortal, start_blocking_portal


def _is_async_object(value: object) -> bool:
    return "._async." in type(value).__module__ and type(value).__module__.startswith("medannot.")


class Blocking:
    def __init__(self, target: Any, portal: BlockingPortal) -> None:
        self._target = target
        self._portal = portal

    @property
    def wrapped(self) -> Any:
        return self._target

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if inspect.iscoroutinefunction(value) or inspect.isasyncgenfunction(value):
            return functools.wraps(value)(lambda *a, **k: self._call(value, *a, **k))
        if inspect.ismethod(value):  # a plain method may return an async object (e.g. a listing's paginator)
            return functools.wraps(value)(lambda *a, **k: wrap(value(*a, **k), self._portal))
        return wrap(value, self._portal)

    def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        if inspect.isasyncgenfunction(fn):
            return _BlockingIterator(fn(*args, **kwargs), self._portal)
        return wrap(self._portal.call(functools.partial(fn, *args, **kwargs)), self._portal)

    def __iter__(self) -> Iterator[Any]:
        return iter(_BlockingIterator(self._target.__aiter__(), self._portal))

    def __enter__(self) -> Blocking:
        self._portal.call(self._target.__aenter__)
        return self

    def __exit__(self, *exc: Any) -> None:
        self._portal.call(self._target.__aexit__, *exc)

    def __repr__(self) -> str:
        return repr(self._target)


class _BlockingIterator:
    def __init__(self, iterator: Any, portal: BlockingPortal) -> None:
        self._iterator, self._portal = iterator, portal

    def __iter__(self) -> Iterator[Any]:
        while True:
            try:
                item = self._portal.call(self._iterator.__anext__)
            except StopAsyncIteration:
                return
            yield wrap(item, self._portal)


def wrap(value: Any, portal: BlockingPortal) -> Any:
    if _is_async_object(value):
        return Blocking(value, portal)
    if isinstance(value, tuple) and any(_is_async_object(v) for v in value):
        return tuple(wrap(v, portal) for v in value)
    if isinstance(value, list) and any(_is_async_object(v) for v in value):
        return [wrap(v, portal) for v in value]
    return value


@contextlib.contextmanager
def portal() -> Iterator[BlockingPortal]:
    """An event loop on its own thread for the duration of a test (or a module)."""
    with start_blocking_portal(backend="asyncio") as running:
        yield running


def construct(cls: type, portal: BlockingPortal, *args: Any, **kwargs: Any) -> Blocking:
    """Build an async object inside the loop (constructors may need one) and wrap it."""
    return Blocking(portal.call(functools.partial(_construct, cls, *args, **kwargs)), portal)


async def _construct(cls: type, *args: Any, **kwargs: Any) -> Any:
    return cls(*args, **kwargs)
