"""Run one call per item with bounded concurrency and a progress bar; the first failure stops the rest."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from typing import Any, TypeVar

from medannot.errors import BadInput

T = TypeVar("T")
R = TypeVar("R")


def progress_bar(total: int, description: str, enabled: bool | None) -> Any:
    """A rich progress bar when rich is installed and output goes to a terminal (or `enabled=True`)."""
    if enabled is False or (enabled is None and not sys.stderr.isatty()):
        return None
    try:
        from rich.progress import Progress
    except ImportError:
        return None
    bar = Progress(transient=False)
    bar.start()
    bar.add_task(description, total=total)
    return bar


def run_bulk(
    items: Sequence[T],
    fn: Callable[[T], R],
    *,
    concurrency: int = 4,
    description: str = "working",
    progress: bool | None = None,
) -> list[R]:
    """Results in input order. Items not started when one fails are cancelled, and the failure is raised."""
    if concurrency < 1:
        raise BadInput("concurrency must be at least 1")
    bar = progress_bar(len(items), description, progress)
    try:
        if concurrency == 1 or len(items) <= 1:
            results = []
            for item in items:
                results.append(fn(item))
                _advance(bar)
            return results
        with ThreadPoolExecutor(max_workers=min(concurrency, len(items))) as pool:
            futures = [pool.submit(fn, item) for item in items]
            for future in futures:
                future.add_done_callback(lambda _f: _advance(bar))
            _, pending = wait(futures, return_when=FIRST_EXCEPTION)
            for future in pending:
                future.cancel()
            _raise_first(futures)
            return [f.result() for f in futures]
    finally:
        if bar is not None:
            bar.stop()


def _advance(bar: Any) -> None:
    if bar is not None:
        bar.advance(bar.task_ids[0])


def _raise_first(futures: Iterable[Future[Any]]) -> None:
    for future in futures:
        if future.cancelled() or not future.done():
            continue
        error = future.exception()
        if error is not None:
            raise error
