"""Retries where they are safe, at the one seam every generated and hand-written call shares: the transport.

A request is retried only if sending it twice cannot do harm: connection failures before anything was sent
(any method), and timeouts, dropped connections, 408/429/502/503/504 for idempotent requests. Idempotent means
GET/HEAD/OPTIONS/PUT/DELETE unless the caller says otherwise with the `medannot.idempotent` request extension
(True for a GraphQL query sent by POST, False for a PUT that creates a new object each time).
"""

from __future__ import annotations

import email.utils
import random
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:  # tenacity is imported where a retry is set up: most programs never need one
    from tenacity import RetryCallState, Retrying

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
IDEMPOTENT_EXTENSION = "medannot.idempotent"
RETRY_COUNT_HEADER = "x-medannot-retry-count"


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with jitter: min(initial * 2**n, max_delay) * (0.75..1.0); Retry-After wins if sooner
    than `max_retry_after`, and a longer Retry-After is not waited for (the 429 reaches the caller)."""

    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 120.0
    statuses: frozenset[int] = field(default_factory=lambda: frozenset({408, 429, 502, 503, 504}))

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


class RetryTransport(httpx.BaseTransport):
    """Wraps a transport; replays a request's body only if it can be replayed (bytes, or a seekable stream)."""

    def __init__(self, inner: httpx.BaseTransport, policy: RetryPolicy) -> None:
        self._inner = inner
        self.policy = policy

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        # Fast path: the first attempt goes straight out; tenacity is set up only when it may be retried.
        first: list[httpx.Response | BaseException] = []
        try:
            response = self._inner.handle_request(request)
        except httpx.TransportError as exc:
            if self.policy.max_retries == 0 or not self._retryable_error(request, exc):
                raise
            first.append(exc)
        else:
            if self.policy.max_retries == 0 or not self._retryable_response(request, response):
                return response
            first.append(response)

        def attempt(request: httpx.Request) -> httpx.Response:
            if first:  # replay the first outcome, so the wait and the cleanup see it as attempt 1
                outcome = first.pop()
                if isinstance(outcome, BaseException):
                    raise outcome
                return outcome
            return self._inner.handle_request(request)

        return self._retrying(request)(attempt, request)

    def _retryable_error(self, request: httpx.Request, exc: BaseException) -> bool:
        if isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout)):
            return True  # nothing reached the server
        retryable = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
        return is_idempotent(request) and isinstance(exc, retryable)

    def _retryable_response(self, request: httpx.Request, response: httpx.Response) -> bool:
        if response.status_code not in self.policy.statuses or not is_idempotent(request):
            return False
        after = retry_after_seconds(response)
        return after is None or after <= self.policy.max_retry_after

    def _retrying(self, request: httpx.Request) -> Retrying:
        from tenacity import Retrying, retry_if_exception, retry_if_result, stop_after_attempt

        def wait(state: RetryCallState) -> float:
            outcome = state.outcome
            if outcome is not None and not outcome.failed:
                after = retry_after_seconds(outcome.result())
                if after is not None:
                    return after
            return self.policy.backoff(state.attempt_number - 1)

        def before_sleep(state: RetryCallState) -> None:
            outcome = state.outcome
            if outcome is not None and not outcome.failed:
                outcome.result().close()  # free the connection before the next attempt
            rewind(request)
            request.headers[RETRY_COUNT_HEADER] = str(state.attempt_number)

        def last_outcome(state: RetryCallState) -> Any:
            assert state.outcome is not None
            return state.outcome.result()  # the final response, or the final exception re-raised

        return Retrying(
            stop=stop_after_attempt(self.policy.max_retries + 1),
            retry=retry_if_exception(lambda exc: self._retryable_error(request, exc))
            | retry_if_result(lambda response: self._retryable_response(request, response)),
            wait=wait,
            before_sleep=before_sleep,
            retry_error_callback=last_outcome,
            reraise=True,
        )

    def close(self) -> None:
        self._inner.close()


def rewind(request: httpx.Request) -> None:
    """Make a streamed body sendable again; a stream that cannot rewind must not be retried (caller's flag)."""
    stream = request.stream
    reset = getattr(stream, "rewind", None)
    if callable(reset):
        reset()
