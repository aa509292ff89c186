"""`poll`, async source and generated sync twin: backs off, reports progress, and times out as medannot's
`Timeout` with a message that says how to wait longer."""

from __future__ import annotations

import inspect
import math
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from medannot.core._async import jobs as async_jobs
from medannot.core._sync import jobs as sync_jobs
from medannot.errors import BadInput, MedannotError, NotFound, Timeout


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(params=["sync", "async"])
def twin(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def reader(states: Iterator[str], twin: str) -> Callable[[], Any]:
    if twin == "sync":
        return lambda: next(states)

    async def read() -> str:
        return next(states)

    return read


async def poll(twin: str, read: Callable[[], Any], **kwargs: Any) -> Any:
    result = (sync_jobs if twin == "sync" else async_jobs).poll(read, lambda state: state == "done", **kwargs)
    return await result if inspect.isawaitable(result) else result


@pytest.fixture
def slept(twin: str, monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The delays the twin sleeps, recorded instead of slept."""
    delays: list[float] = []

    async def asleep(seconds: float) -> None:
        delays.append(seconds)

    if twin == "sync":
        monkeypatch.setattr(sync_jobs, "sleep", delays.append)
    else:
        monkeypatch.setattr(async_jobs, "asleep", asleep)
    return delays


@pytest.mark.anyio
async def test_poll_backs_off_to_max_delay_and_shows_every_value(twin: str, slept: list[float]) -> None:
    seen: list[str] = []
    states = iter(["queued", "running", "running", "running", "running", "done", "never read"])
    value = await poll(
        twin, reader(states, twin), timeout=60, what="x", first_delay=0.01, max_delay=0.03, progress=seen.append
    )
    assert value == "done"
    assert seen == ["queued", "running", "running", "running", "running", "done"]
    assert slept == pytest.approx([0.01, 0.02, 0.03, 0.03, 0.03])


@pytest.mark.anyio
async def test_poll_gives_up_at_the_deadline_with_a_helpful_timeout(twin: str) -> None:
    reads: list[float] = []

    def note() -> str:
        reads.append(time.monotonic())
        return "running"

    read = note if twin == "sync" else _as_async(note)
    started = time.monotonic()
    with pytest.raises(Timeout) as caught:
        await poll(twin, read, timeout=0.2, what="export job 7", first_delay=0.01, max_delay=0.05)
    elapsed = time.monotonic() - started
    assert 0.2 <= elapsed < 1.0
    assert reads[-1] - started >= 0.2  # the last read is at the deadline, not a backoff step before it
    message = str(caught.value)
    assert isinstance(caught.value, MedannotError)
    assert "export job 7" in message and "timeout=0.2" in message and "pass a larger timeout= to wait longer" in message


@pytest.mark.anyio
async def test_poll_names_the_callers_own_timeout_argument(twin: str) -> None:
    with pytest.raises(Timeout, match=r"timeout_seconds=0\b.*larger timeout_seconds="):
        await poll(twin, reader(iter(["running"]), twin), timeout=0, what="task", timeout_name="timeout_seconds")


@pytest.mark.anyio
async def test_a_zero_timeout_reads_once(twin: str, slept: list[float]) -> None:
    assert await poll(twin, reader(iter(["done"]), twin), timeout=0, what="x") == "done"
    assert slept == []


@pytest.mark.anyio
async def test_read_errors_propagate(twin: str) -> None:
    def fail() -> str:
        raise NotFound("task 7 does not exist")

    with pytest.raises(NotFound):
        await poll(twin, fail if twin == "sync" else _as_async(fail), timeout=1, what="x")


@pytest.mark.anyio
@pytest.mark.parametrize(
    "kwargs",
    [
        {"timeout": -1},
        {"timeout": math.nan},
        {"timeout": True},
        {"timeout": 1, "first_delay": 0},
        {"timeout": 1, "first_delay": 3, "max_delay": 2},
        {"timeout": 1, "max_delay": math.inf},
        {"timeout": 1, "factor": 0.5},
    ],
)
async def test_bad_poll_arguments_are_bad_input(twin: str, kwargs: dict[str, Any]) -> None:
    with pytest.raises(BadInput):
        await poll(twin, reader(iter(["done"]), twin), what="x", **kwargs)


def test_an_infinite_timeout_waits_for_the_job(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sync_jobs, "sleep", lambda seconds: None)
    states = iter(["running"] * 50 + ["done"])
    assert sync_jobs.poll(lambda: next(states), lambda s: s == "done", timeout=math.inf, what="x") == "done"


def _as_async(fn: Callable[[], str]) -> Callable[[], Any]:
    async def call() -> str:
        return fn()

    return call
