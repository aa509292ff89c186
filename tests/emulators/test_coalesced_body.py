"""The emulators' `CoalescedBody` middleware: the app reads the same body in fewer, larger pieces, and a client
that leaves mid-body is seen as leaving."""

from __future__ import annotations

import asyncio
from typing import Any

from medannot.testing._emulator import CoalescedBody


def _run(messages: list[dict[str, Any]], size: int) -> list[dict[str, Any]]:
    """What an app behind `CoalescedBody(size)` receives when the server hands it `messages`, read until the
    body ends or the client leaves."""
    queue = list(messages)
    seen: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return queue.pop(0)

    async def app(scope: Any, receive: Any, send: Any) -> None:
        while True:
            message = await receive()
            seen.append(message)
            if message["type"] != "http.request" or not message["more_body"]:
                return

    async def send(message: Any) -> None:
        raise AssertionError("the app sends nothing here")

    asyncio.run(CoalescedBody(app, size=size)({"type": "http"}, receive, send))
    return seen


def _pieces(*bodies: bytes) -> list[dict[str, Any]]:
    last = len(bodies) - 1
    return [{"type": "http.request", "body": b, "more_body": i < last} for i, b in enumerate(bodies)]


def test_pieces_are_joined_up_to_the_size_and_the_body_is_unchanged() -> None:
    bodies = [bytes([i]) * 3 for i in range(10)]  # 30 bytes in pieces of 3
    seen = _run(_pieces(*bodies), size=8)
    assert [len(m["body"]) for m in seen] == [9, 9, 9, 3]
    assert [m["more_body"] for m in seen] == [True, True, True, False]
    assert b"".join(m["body"] for m in seen) == b"".join(bodies)


def test_a_small_body_arrives_as_sent() -> None:
    seen = _run(_pieces(b"{}"), size=1024)
    assert seen == [{"type": "http.request", "body": b"{}", "more_body": False}]


def test_a_client_leaving_mid_body_is_passed_on() -> None:
    messages = [*_pieces(b"abc", b"def")[:1], {"type": "http.disconnect"}]
    seen = _run(messages, size=1024)
    assert seen == [{"type": "http.disconnect"}]
