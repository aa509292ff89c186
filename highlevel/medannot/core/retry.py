"""Retries where they are safe, at the one seam every generated and hand-written call shares: the transport
(`medannot.core.transport.SessionTransport`, sync and async).

A request is retried only if sending it twice cannot do harm: connection failures before anything was sent
(any method), and timeouts, dropped connections, 408/429/502/503/504 and Cloudflare's 520-527 (origin
unreachable, timed out, TLS failed: a 502 by another name) for idempotent requests. Idempotent means
GET/HEAD/OPTIONS/PUT/DELETE unless the caller says otherwise with the `medannot.idempotent` request extension
(True for a GraphQL query sent by POST, False for a PUT that creates a new object each time).
"""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:  # tenacity is imported where a retry is set up: most programs never need one
    from tenacity import RetryCallState

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
IDEMPOTENT_EXTENSION = "medannot.idempotent"
# A request whose caller reads the whole answer anyway (every generated call, every non-streamed facade call)
# may say so with this extension: the transport then reads a success body inside the retry loop, so a
# connection dropped after the headers of an idempotent request is retried like one dropped before them.
# (httpx does not tell a transport whether its caller streams; a streamed download must not be buffered.)
READ_BODY_EXTENSION = "medannot.read_body"
RETRY_STATUSES = frozenset({408, 429, 502, 503, 504, *range(520, 528)})
RETRY_COUNT_HEADER = "x-medannot-retry-count"


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with jitter: min(initial * 2**n, max_delay) * (0.75..1.0); Retry-After wins if sooner
    than `max_retry_after`, and a longer Retry-After is not waited for (the 429 reaches the caller)."""

    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 120.0
    statuses: frozenset[int] = field(default_factory=lambda: RETRY_STATUSES)

    def backoff(self, retry_number: int) -> float:
        return min(self.initial_delay * 2.0**retry_number, self.max_delay) * (1 - 0.25 * random.random())


def is_idempotent(request: httpx.Request) -> bool:
    explicit = request.extensions.get(IDEMPOTENT_EXTENSION)
    if explicit is not None:
        return bool(explicit)
    return request.method in IDEMPOTENT_METHODS


def retry_after_seconds(response: httpx.Response) -> float | None:
    """Retry-After as `retry-after-ms`, seconds, or an HTTP date."""
    ms = response.headers.get("retry-after-ms")
    if ms is not None:
        try:
            return float(ms) / 1000
        except ValueError:
            pass
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None


Send = Callable[[httpx.Request], httpx.Response]
AsyncSend = Callable[[httpx.Request], Awaitable[httpx.Response]]


def send_with_retries(send: Send, request: httpx.Request, policy: RetryPolicy) -> httpx.Response:
    """`send(request)`, retried where it is safe. The first attempt goes straight out; tenacity is set up only
    when a retry may follow, so most requests pay nothing for it. A request marked with `READ_BODY_EXTENSION`
    has its success body read inside the loop too."""
    if request.extensions.get(READ_BODY_EXTENSION):
        send = _reading(send)
    try:
        first: httpx.Response | BaseException = send(request)
    except httpx.TransportError as exc:
        first = exc
    if not _may_retry(request, first, policy):
        return _outcome(first)
    from tenacity import Retrying

    replay = [first]  # the first outcome is replayed as attempt 1, so waits and clean-up treat it like the others

    def attempt(request: httpx.Request) -> httpx.Response:
        return _outcome(replay.pop()) if replay else send(request)

    return Retrying(**_tenacity_settings(request, policy))(attempt, request)


async def asend_with_retries(send: AsyncSend, request: httpx.Request, policy: RetryPolicy) -> httpx.Response:
    """The async twin of `send_with_retries` (tenacity's AsyncRetrying sleeps without blocking the loop)."""
    if request.extensions.get(READ_BODY_EXTENSION):
        send = _areading(send)
    try:
        first: httpx.Response | BaseException = await send(request)
    except httpx.TransportError as exc:
        first = exc
    if not _may_retry(request, first, policy):
        return _outcome(first)
    from tenacity import AsyncRetrying

    replay = [first]

    async def attempt(request: httpx.Request) -> httpx.Response:
        return _outcome(replay.pop()) if replay else await send(request)

    return await AsyncRetrying(**_tenacity_settings(request, policy))(attempt, request)


def _reading(send: Send) -> Send:
    """`send`, then read a success body too, so a failure while it streams is an outcome the retry sees (a body
    that cannot be decoded is raised as it is and mapped by the transport's `mapped_errors`)."""

    def send_and_read(request: httpx.Request) -> httpx.Response:
        response = send(request)
        if response.status_code < 400:
            try:
                response.read()
            except BaseException:
                response.close()
                raise
        return response

    return send_and_read


def _areading(send: AsyncSend) -> AsyncSend:
    async def send_and_read(request: httpx.Request) -> httpx.Response:
        response = await send(request)
        if response.status_code < 400:
            try:
                await response.aread()
            except BaseException:
                await response.aclose()
                raise
        return response

    return send_and_read


def _outcome(value: httpx.Response | BaseException) -> httpx.Response:
    if isinstance(value, BaseException):
        raise value
    return value


def _may_retry(request: httpx.Request, outcome: httpx.Response | BaseException, policy: RetryPolicy) -> bool:
    if policy.max_retries == 0:
        return False
    if isinstance(outcome, BaseException):
        return retryable_error(request, outcome)
    return retryable_response(request, outcome, policy)


def retryable_error(request: httpx.Request, exc: BaseException) -> bool:
    if isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout)):
        return True  # nothing reached the server
    retryable = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
    return is_idempotent(request) and isinstance(exc, retryable)


def retryable_response(request: httpx.Request, response: httpx.Response, policy: RetryPolicy) -> bool:
    if response.status_code not in policy.statuses or not is_idempotent(request):
        return False
    after = retry_after_seconds(response)
    return after is None or after <= policy.max_retry_after


def _tenacity_settings(request: httpx.Request, policy: RetryPolicy) -> dict[str, Any]:
    from tenacity import retry_if_exception, retry_if_result, stop_after_attempt

    def wait(state: RetryCallState) -> float:
        outcome = state.outcome
        if outcome is not None and not outcome.failed:
            after = retry_after_seconds(outcome.result())
            if after is not None:
                return after
        return policy.backoff(state.attempt_number - 1)

    def before_sleep(state: RetryCallState) -> None:
        # (a retried response's body was read by the transport, which freed its connection)
        rewind(request)
        request.headers[RETRY_COUNT_HEADER] = str(state.attempt_number)

    def last_outcome(state: RetryCallState) -> Any:
        assert state.outcome is not None
        return state.outcome.result()  # the final response, or the final exception re-raised

    return {
        "stop": stop_after_attempt(policy.max_retries + 1),
        "retry": retry_if_exception(lambda exc: retryable_error(request, exc))
        | retry_if_result(lambda response: retryable_response(request, response, policy)),
        "wait": wait,
        "before_sleep": before_sleep,
        "retry_error_callback": last_outcome,
        "reraise": True,
    }


def rewind(request: httpx.Request) -> None:
    """Make a streamed body sendable again; a stream that cannot rewind must not be retried (caller's flag)."""
    stream = request.stream
    reset = getattr(stream, "rewind", None)
    if callable(reset):
        reset()
