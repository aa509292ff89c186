"""Run one call per item, `concurrency` at a time, with a progress bar: `run_bulk` on a thread pool,
`arun_bulk` (its async twin) on an anyio task group.

Both start an item only when a worker is free, so a huge input never becomes a huge queue. On a failure,
`fail_fast=True` (the same as `on_error="raise"`) starts nothing more and raises it; `fail_fast=False` (the same
as `on_error="collect"`) runs every item and returns a `BulkResult` with the successes and the failures. Only
`MedannotError`s are collected: any other exception is a bug and always raises.

The platforms' bulk methods (e.g. `monailabel.Client.upload_images`) keep going by default (`fail_fast=False`)
and return the `BulkResult`, which reads like the list of results. These core helpers keep `on_error="raise"`
as their own default, for the callers written against it; `fail_fast`, when given, wins.
"""

from __future__ import annotations

import itertools
import math
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Generic, Literal, TextIO, TypeVar, cast, overload

from medannot.core.validate import require_int
from medannot.errors import BadInput, BulkError, MedannotError

T = TypeVar("T")
R = TypeVar("R")

OnError = Literal["raise", "collect"]

SHOWN_ERRORS = 5  # failures quoted in `raise_for_errors`' message
EXCERPT = 200


@dataclass(frozen=True)
class BulkResult(Generic[T, R]):
    """The outcome of every item under `on_error="collect"`: `results` in input order (None where the item
    failed) and `errors` as `(index, item, error)` in input order."""

    results: list[R | None]
    errors: list[tuple[int, T, MedannotError]]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def succeeded(self) -> list[R]:
        """The results of the items that succeeded, in input order."""
        failed = {index for index, _, _ in self.errors}
        return [cast("R", r) for i, r in enumerate(self.results) if i not in failed]

    @property
    def failed(self) -> list[tuple[T, MedannotError]]:
        """`(item, error)` for every item that failed, in input order."""
        return [(item, error) for _, item, error in self.errors]

    # reads like the list of results (None where an item failed), as the fail-fast call returns
    def __len__(self) -> int:
        return len(self.results)

    def __iter__(self) -> Iterator[R | None]:
        return iter(self.results)

    def __getitem__(self, index: int) -> R | None:
        return self.results[index]

    def raise_for_errors(self) -> None:
        """Raise a `BulkError` that counts the failures and quotes the first few (`.errors` holds them all;
        the first failure is its `__cause__`); return when every item succeeded."""
        if not self.errors:
            return
        shown = self.errors[:SHOWN_ERRORS]
        quoted = "; ".join(f"item {i}: {type(e).__name__}: {str(e)[:EXCERPT]}" for i, _, e in shown)
        more = f"; and {len(self.errors) - SHOWN_ERRORS} more" if len(self.errors) > SHOWN_ERRORS else ""
        message = f"{len(self.errors)} of {len(self.results)} items failed: {quoted}{more}"
        raise BulkError(message, [e for _, _, e in self.errors]) from self.errors[0][2]


class _RichBar:
    """rich's progress bar, on stderr."""

    def __init__(self, total: int, description: str) -> None:
        from rich.progress import Progress, TaskID

        self._bar: Progress = Progress(transient=False)
        self._bar.start()
        self._task: TaskID = self._bar.add_task(description, total=total)

    def advance(self) -> None:
        self._bar.advance(self._task)

    def stop(self) -> None:
        self._bar.stop()


class LineProgress:
    """A plain progress line on stderr, for when rich is not installed: `uploading: 3/10 (30%)`. On a terminal
    the line is rewritten in place (at most every `interval` seconds, and at the end); elsewhere (a log file,
    a CI job) one line is written at each further tenth of the work and at the end, so logs stay short."""

    def __init__(self, total: int, description: str, *, stream: TextIO | None = None, interval: float = 0.1) -> None:
        self.total: int = total
        self.description: str = description
        self.done: int = 0
        self._stream = stream if stream is not None else sys.stderr
        self._tty = _isatty(self._stream)
        self._interval = interval
        self._shown_at = -math.inf
        self._tenths = -1
        self._lock = threading.Lock()
        self._show(final=False)

    def _line(self) -> str:
        percent = f" ({100 * self.done // self.total}%)" if self.total else ""
        return f"{self.description}: {self.done}/{self.total}{percent}"

    def _show(self, *, final: bool) -> None:
        try:
            if self._tty:
                now = time.monotonic()
                if final or now - self._shown_at >= self._interval:
                    self._shown_at = now
                    self._stream.write("\r" + self._line() + ("\n" if final else ""))
                    self._stream.flush()
                return
            tenths = 10 * self.done // self.total if self.total else 10
            if tenths > self._tenths or final:
                if final and tenths == self._tenths and self.done:
                    return  # the last line written already says it
                self._tenths = tenths
                self._stream.write(self._line() + "\n")
                self._stream.flush()
        except (OSError, ValueError):  # a closed or broken stderr never fails the work
            pass

    def advance(self) -> None:
        with self._lock:
            self.done += 1
            self._show(final=False)

    def stop(self) -> None:
        with self._lock:
            self._show(final=True)


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, OSError, ValueError):
        return False


def progress_bar(total: int, description: str, enabled: bool | None) -> _RichBar | LineProgress | None:
    """Progress on stderr when output goes to a terminal (or `enabled=True`): rich's bar when rich is installed
    (the `progress` extra), else a plain `LineProgress` line, never silence."""
    if enabled is False or (enabled is None and not _isatty(sys.stderr)):
        return None
    try:
        return _RichBar(total, description)
    except ImportError:
        return LineProgress(total, description)


@overload
def run_bulk(
    items: Sequence[T],
    fn: Callable[[T], R],
    *,
    concurrency: int = ...,
    description: str = ...,
    progress: bool | None = ...,
    on_error: Literal["raise"] = ...,
    fail_fast: Literal[True] | None = ...,
) -> list[R]: ...
@overload
def run_bulk(
    items: Sequence[T],
    fn: Callable[[T], R],
    *,
    concurrency: int = ...,
    description: str = ...,
    progress: bool | None = ...,
    on_error: Literal["collect"],
    fail_fast: Literal[False] | None = ...,
) -> BulkResult[T, R]: ...
@overload
def run_bulk(
    items: Sequence[T],
    fn: Callable[[T], R],
    *,
    concurrency: int = ...,
    description: str = ...,
    progress: bool | None = ...,
    on_error: OnError = ...,
    fail_fast: Literal[False],
) -> BulkResult[T, R]: ...
@overload
def run_bulk(
    items: Sequence[T],
    fn: Callable[[T], R],
    *,
    concurrency: int = ...,
    description: str = ...,
    progress: bool | None = ...,
    on_error: OnError = ...,
    fail_fast: bool | None = ...,
) -> list[R] | BulkResult[T, R]: ...
def run_bulk(
    items: Sequence[T],
    fn: Callable[[T], R],
    *,
    concurrency: int = 4,
    description: str = "working",
    progress: bool | None = None,
    on_error: OnError = "raise",
    fail_fast: bool | None = None,
) -> list[R] | BulkResult[T, R]:
    """`fn(item)` for every item on up to `concurrency` threads, with a progress bar on a terminal (or when
    `progress=True`).

    `on_error="raise"`: the results in input order; on the first failure no further item starts, the
    running ones finish, and the failure is raised. `on_error="collect"`: a `BulkResult` of every item.
    `BadInput` for a `concurrency` below 1 or another `on_error`.
    """
    on_error = _mode(on_error, fail_fast)
    concurrency = _check(concurrency, on_error)
    outcome: BulkResult[T, R] = BulkResult([None] * len(items), [])
    bar = progress_bar(len(items), description, progress)
    try:
        if concurrency == 1 or len(items) <= 1:  # in the caller's thread: no pool to pay for
            for index, item in enumerate(items):
                try:
                    outcome.results[index] = fn(item)
                except MedannotError as error:
                    _keep(outcome, on_error, index, item, error)
                _advance(bar)
        else:
            _on_threads(items, fn, concurrency, outcome, on_error, bar)
    finally:
        if bar is not None:
            bar.stop()
    return _finish(outcome, on_error)


def _on_threads(
    items: Sequence[T],
    fn: Callable[[T], R],
    concurrency: int,
    outcome: BulkResult[T, R],
    on_error: OnError,
    bar: _RichBar | LineProgress | None,
) -> None:
    waiting = enumerate(items)
    with ThreadPoolExecutor(max_workers=min(concurrency, len(items))) as pool:
        running: dict[Future[R], int] = {pool.submit(fn, item): i for i, item in itertools.islice(waiting, concurrency)}
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                index = running.pop(future)
                error = future.exception()
                if error is None:
                    outcome.results[index] = future.result()
                elif isinstance(error, MedannotError):
                    _keep(outcome, on_error, index, items[index], error)
                else:
                    raise error
                _advance(bar)
                running.update({pool.submit(fn, item): i for i, item in itertools.islice(waiting, 1)})


@overload
async def arun_bulk(
    items: Sequence[T],
    fn: Callable[[T], Awaitable[R]],
    *,
    concurrency: int = ...,
    description: str = ...,
    progress: bool | None = ...,
    on_error: Literal["raise"] = ...,
    fail_fast: Literal[True] | None = ...,
) -> list[R]: ...
@overload
async def arun_bulk(
    items: Sequence[T],
    fn: Callable[[T], Awaitable[R]],
    *,
    concurrency: int = ...,
    description: str = ...,
    progress: bool | None = ...,
    on_error: Literal["collect"],
    fail_fast: Literal[False] | None = ...,
) -> BulkResult[T, R]: ...
@overload
async def arun_bulk(
    items: Sequence[T],
    fn: Callable[[T], Awaitable[R]],
    *,
    concurrency: int = ...,
    description: str = ...,
    progress: bool | None = ...,
    on_error: OnError = ...,
    fail_fast: Literal[False],
) -> BulkResult[T, R]: ...
@overload
async def arun_bulk(
    items: Sequence[T],
    fn: Callable[[T], Awaitable[R]],
    *,
    concurrency: int = ...,
    description: str = ...,
    progress: bool | None = ...,
    on_error: OnError = ...,
    fail_fast: bool | None = ...,
) -> list[R] | BulkResult[T, R]: ...
async def arun_bulk(
    items: Sequence[T],
    fn: Callable[[T], Awaitable[R]],
    *,
    concurrency: int = 4,
    description: str = "working",
    progress: bool | None = None,
    on_error: OnError = "raise",
    fail_fast: bool | None = None,
) -> list[R] | BulkResult[T, R]:
    """`await fn(item)` for every item, up to `concurrency` at once, with a progress bar on a terminal (or
    when `progress=True`); `fn(item)` is called only when a worker is free to await it.

    `on_error="raise"`: the results in input order; the first failure cancels the running items, starts no
    further one, and is raised as itself (not in an exception group). `on_error="collect"`: a `BulkResult`
    of every item. `BadInput` for a `concurrency` below 1 or another `on_error`.
    """
    import anyio  # here, so sync code never imports it

    on_error = _mode(on_error, fail_fast)
    concurrency = _check(concurrency, on_error)
    outcome: BulkResult[T, R] = BulkResult([None] * len(items), [])
    waiting = enumerate(items)  # shared by the workers: each takes the next item when it is free
    failures: list[Exception] = []

    async def worker(scope: anyio.CancelScope) -> None:
        for index, item in waiting:
            if failures:
                return
            try:
                outcome.results[index] = await fn(item)
            except Exception as error:
                if on_error == "collect" and isinstance(error, MedannotError):
                    outcome.errors.append((index, item, error))
                else:  # kept out of the task group, which would wrap it in an ExceptionGroup
                    failures.append(error)
                    scope.cancel()
                    return
            _advance(bar)

    bar = progress_bar(len(items), description, progress)
    try:
        async with anyio.create_task_group() as group:
            for _ in range(min(concurrency, len(items))):
                group.start_soon(worker, group.cancel_scope)
    finally:
        if bar is not None:
            bar.stop()
    if failures:
        raise failures[0]
    return _finish(outcome, on_error)


def _mode(on_error: OnError, fail_fast: bool | None) -> OnError:
    """`fail_fast` (the issue's and the facades' word) over `on_error` (the older one)."""
    if fail_fast is None:
        return on_error
    if not isinstance(fail_fast, bool):
        raise BadInput(f"fail_fast must be True or False, not {type(fail_fast).__name__}")
    return "raise" if fail_fast else "collect"


def _check(concurrency: int, on_error: OnError) -> int:
    if on_error not in ("raise", "collect"):
        raise BadInput('on_error must be "raise" or "collect"')
    return require_int(concurrency, "concurrency", min=1)


def _keep(outcome: BulkResult[T, R], on_error: OnError, index: int, item: T, error: MedannotError) -> None:
    if on_error == "raise":
        raise error
    outcome.errors.append((index, item, error))


def _finish(outcome: BulkResult[T, R], on_error: OnError) -> list[R] | BulkResult[T, R]:
    if on_error == "raise":
        return cast("list[R]", outcome.results)  # no item failed, so every slot holds fn's result
    outcome.errors.sort(key=lambda failure: failure[0])
    return outcome


def _advance(bar: _RichBar | LineProgress | None) -> None:
    if bar is not None:
        bar.advance()
