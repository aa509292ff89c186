"""Time as the emulated server sees it: background work (imports, jobs) is scheduled on a clock, not on polls.

Grand Challenge imports images and runs jobs in Celery workers; a client only sees the status change between
two reads. Here each piece of background work is an event due at a clock time; every request (and
`backend.state()`) first runs the events that are due. With the default `Clock` that is wall time, so a job
finishes `job_step * stages` seconds after it started however often it is polled; a test that wants no waiting
passes a `ManualClock` and calls `advance()`.
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections.abc import Callable


class Clock:
    """Monotonic seconds (wall time); `advance()` jumps ahead on top of it."""

    def __init__(self) -> None:
        self._offset = 0.0
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            return time.monotonic() + self._offset

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._offset += seconds


class ManualClock(Clock):
    """Stands still until `advance()`: background work happens exactly when a test says so."""

    def __init__(self, start: float = 0.0) -> None:
        super().__init__()
        self._now = start

    def now(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += seconds


class Scheduler:
    """Events due at clock times, run in order by `run_due()` (callers hold the backend's lock)."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._events: list[tuple[float, int, Callable[[], None]]] = []
        self._seq = itertools.count()
        self._running_at: float | None = None  # due time of the event being run

    def after(self, delay: float, action: Callable[[], None]) -> None:
        """Run `action` `delay` seconds from now; from within an event, from that event's due time, so a chain of
        stages keeps its pace however late the next request comes."""
        base = self.clock.now() if self._running_at is None else self._running_at
        heapq.heappush(self._events, (base + max(delay, 0.0), next(self._seq), action))

    def now(self) -> float:
        """The clock's time, or within an event the time it was due (what that work "happened" at)."""
        return self.clock.now() if self._running_at is None else self._running_at

    def run_due(self) -> int:
        """Run every event due now, including those the run itself schedules as due; return how many ran."""
        ran = 0
        while self._events and self._events[0][0] <= self.clock.now():
            due, _, action = heapq.heappop(self._events)
            self._running_at = due
            try:
                action()
            finally:
                self._running_at = None
            ran += 1
        return ran

    @property
    def pending(self) -> int:
        return len(self._events)

    def clear(self) -> None:
        self._events.clear()
