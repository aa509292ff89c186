"""`run_bulk` (threads) and `arun_bulk` (anyio): input order, bounded concurrency, fail-fast or collect."""

from __future__ import annotations

import threading
import time
from collections.abc import Coroutine
from typing import Any

import anyio
import pytest

from medannot.core.bulk import BulkResult, arun_bulk, run_bulk
from medannot.errors import BadInput, MedannotError, NotFound

ITEMS = list(range(12))


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class Gauge:
    """Counts calls running at once (thread-safe) and remembers the most seen."""

    def __init__(self) -> None:
        self.now = self.most = 0
        self.started: list[int] = []
        self.finished: list[int] = []
        self._lock = threading.Lock()

    def enter(self, item: int) -> None:
        with self._lock:
            self.started.append(item)
            self.now += 1
            self.most = max(self.most, self.now)

    def leave(self, item: int) -> None:
        with self._lock:
            self.now -= 1
            self.finished.append(item)


def _fails(item: int) -> bool:
    return item in (3, 8)


# ---- run_bulk


def test_run_bulk_keeps_input_order_within_the_concurrency_bound() -> None:
    gauge = Gauge()

    def work(item: int) -> int:
        gauge.enter(item)
        time.sleep(0.01 * (3 - item % 3))  # later items finish first
        gauge.leave(item)
        return item * 10

    results: list[int] = run_bulk(ITEMS, work, concurrency=3)
    assert results == [i * 10 for i in ITEMS]
    assert gauge.most == 3


def test_run_bulk_raise_starts_nothing_after_a_failure() -> None:
    gauge = Gauge()

    def work(item: int) -> int:
        gauge.enter(item)
        if item == 1:
            raise NotFound("image 1 does not exist")
        time.sleep(0.05)
        gauge.leave(item)
        return item

    with pytest.raises(NotFound, match="image 1"):
        run_bulk(ITEMS, work, concurrency=2)
    assert len(gauge.started) <= 3  # the two first, and at most one started as item 0 finished


@pytest.mark.parametrize("concurrency", [1, 4])
def test_run_bulk_collect_runs_every_item(concurrency: int) -> None:
    def work(item: int) -> int:
        if _fails(item):
            raise NotFound(f"image {item} does not exist")
        return item * 10

    outcome: BulkResult[int, int] = run_bulk(ITEMS, work, concurrency=concurrency, on_error="collect")
    _check_collected(outcome)


@pytest.mark.parametrize("concurrency", [1, 4])
def test_run_bulk_collect_still_raises_bugs(concurrency: int) -> None:
    def work(item: int) -> int:
        if item == 2:
            raise KeyError("a bug, not a server's answer")
        return item

    with pytest.raises(KeyError):
        run_bulk(ITEMS, work, concurrency=concurrency, on_error="collect")


def test_run_bulk_with_a_progress_bar_and_no_items() -> None:
    assert run_bulk(ITEMS, lambda item: item, concurrency=2, progress=True) == ITEMS
    assert run_bulk([], lambda item: item) == []
    assert run_bulk([], lambda item: item, on_error="collect") == BulkResult([], [])


@pytest.mark.parametrize(("kwargs", "words"), [({"concurrency": 0}, "concurrency"), ({"on_error": "skip"}, "on_error")])
def test_run_bulk_bad_arguments(kwargs: dict[str, Any], words: str) -> None:
    with pytest.raises(BadInput, match=words):
        run_bulk(ITEMS, lambda item: item, **kwargs)


# ---- arun_bulk


@pytest.mark.anyio
async def test_arun_bulk_keeps_input_order_and_creates_at_most_concurrency_coroutines() -> None:
    gauge = Gauge()  # counts from the call of `fn` (the coroutine's creation) to its end

    def work(item: int) -> Coroutine[Any, Any, int]:
        gauge.enter(item)

        async def run() -> int:
            await anyio.sleep(0.01 * (3 - item % 3))
            gauge.leave(item)
            return item * 10

        return run()

    results: list[int] = await arun_bulk(ITEMS, work, concurrency=3)
    assert results == [i * 10 for i in ITEMS]
    assert gauge.most == 3


@pytest.mark.anyio
async def test_arun_bulk_raise_cancels_the_rest_and_raises_the_error_itself() -> None:
    gauge = Gauge()

    async def work(item: int) -> int:
        gauge.enter(item)
        if item == 1:
            await anyio.sleep(0.01)
            raise NotFound("image 1 does not exist")
        await anyio.sleep(5)  # would outlast the test: it must be cancelled
        gauge.leave(item)
        return item

    started = time.monotonic()
    with pytest.raises(NotFound, match="image 1"):  # not an ExceptionGroup
        await arun_bulk(ITEMS, work, concurrency=3)
    assert time.monotonic() - started < 1
    assert gauge.started == [0, 1, 2] and gauge.finished == []


@pytest.mark.anyio
async def test_arun_bulk_collect_runs_every_item() -> None:
    async def work(item: int) -> int:
        await anyio.sleep(0)
        if _fails(item):
            raise NotFound(f"image {item} does not exist")
        return item * 10

    outcome: BulkResult[int, int] = await arun_bulk(ITEMS, work, concurrency=4, on_error="collect")
    _check_collected(outcome)


@pytest.mark.anyio
async def test_arun_bulk_collect_still_raises_bugs() -> None:
    async def work(item: int) -> int:
        if item == 2:
            raise KeyError("a bug, not a server's answer")
        return item

    with pytest.raises(KeyError):
        await arun_bulk(ITEMS, work, on_error="collect")


@pytest.mark.anyio
async def test_arun_bulk_with_a_progress_bar_no_items_and_bad_arguments() -> None:
    async def same(item: int) -> int:
        return item

    assert await arun_bulk(ITEMS, same, concurrency=2, progress=True) == ITEMS
    assert await arun_bulk([], same) == []
    with pytest.raises(BadInput, match="concurrency"):
        await arun_bulk(ITEMS, same, concurrency=0)


# ---- BulkResult


def _check_collected(outcome: BulkResult[int, int]) -> None:
    assert outcome.results == [None if _fails(i) else i * 10 for i in ITEMS]
    assert [(index, item) for index, item, _ in outcome.errors] == [(3, 3), (8, 8)]
    assert all(isinstance(error, NotFound) for _, _, error in outcome.errors)
    assert not outcome.ok
    expected = "2 of 12 items failed: item 3: NotFound: image 3 does not exist; item 8: "
    with pytest.raises(MedannotError, match=expected) as caught:
        outcome.raise_for_errors()
    assert caught.value.__cause__ is outcome.errors[0][2]


def test_raise_for_errors_does_nothing_when_every_item_succeeded_and_quotes_only_a_few() -> None:
    BulkResult([1], []).raise_for_errors()
    many: BulkResult[int, int] = BulkResult([None] * 9, [(i, i, NotFound(f"n{i}")) for i in range(9)])
    with pytest.raises(MedannotError, match=r"9 of 9 items failed: .*item 4: NotFound: n4; and 4 more$"):
        many.raise_for_errors()
