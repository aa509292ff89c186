"""Waiting between reads, the one I/O a poller does: `sleep` blocks the thread, `asleep` yields to the event
loop (asyncio or trio, through anyio). The `_async/` sources call `asleep`; their sync twins call `sleep`."""

from __future__ import annotations

import time


def sleep(seconds: float) -> None:
    time.sleep(seconds)


async def asleep(seconds: float) -> None:
    import anyio  # here, so sync code never imports it

    await anyio.sleep(seconds)
