"""Waiting for a server-side job: read its state until it is done, backing off, within a deadline."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TypeVar

from medannot.core.clock import asleep
from medannot.core.twins import Awaitable
from medannot.errors import BadInput, Timeout

V = TypeVar("V")


async def poll(
    read: Callable[[], Awaitable[V]],
    done: Callable[[V], bool],
    *,
    timeout: float,
    what: str,
    first_delay: float = 0.05,
    max_delay: float = 2.0,
    factor: float = 2.0,
    progress: Callable[[V], object] | None = None,
    timeout_name: str = "timeout",
) -> V:
    """`await read()` until `done(value)`, and return that value.

    Reads are `first_delay` seconds apart at first, then `factor` times longer each time up to `max_delay`
    seconds. The last read starts at most `timeout` seconds (monotonic clock; `math.inf` waits for ever)
    after the call; `progress(value)`, when given, sees every value read. `what` names the job in the error, and
    `timeout_name` the caller's own timeout argument (e.g. "timeout_seconds"), which the error suggests raising.

    Raises what `read` raises; `medannot.errors.Timeout` when the job is still not done at the deadline;
    `BadInput` for a negative or NaN `timeout`, delays that are not positive, or `factor` below 1.
    """
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout >= 0:  # NaN never expires
        raise BadInput(f"{timeout_name} must be a number of seconds, at least 0")
    if not (0 < first_delay <= max_delay < math.inf) or not factor >= 1:
        raise BadInput("poll delays must satisfy 0 < first_delay <= max_delay (finite) and factor >= 1")
    started = time.monotonic()
    deadline = started + timeout
    delay = first_delay
    while True:
        value = await read()
        if progress is not None:
            progress(value)
        if done(value):
            return value
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise Timeout(
                f"{what} was still not done after {time.monotonic() - started:.1f} s ({timeout_name}={timeout:g}); "
                f"pass a larger {timeout_name}= to wait longer"
            )
        # The last sleep ends at the deadline, so a job done just in time is still seen.
        await asleep(min(delay, remaining))
        delay = min(delay * factor, max_delay)
