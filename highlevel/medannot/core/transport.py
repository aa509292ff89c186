"""One long-lived httpx session per client, shared by the generated low-level client and the facade.

Everything cross-cutting happens here once: base URL, auth, timeouts, pooling, TLS verification, user agent,
retries (RetryTransport), mapping of httpx failures to medannot errors, and redacted debug logging.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import ssl
from collections.abc import Iterator
from typing import Any, Protocol, TypeVar

import httpx

from medannot.core.config import ClientOptions
from medannot.core.redact import redact_url
from medannot.core.retry import RetryTransport
from medannot.errors import Timeout, TransportError, error_from_response

log = logging.getLogger("medannot.http")


@functools.lru_cache(maxsize=4)
def _ssl_context(verify: bool | str) -> ssl.SSLContext:
    """Loading the CA bundle takes ~10 ms; one context per setting serves every client of the process."""
    return httpx.create_ssl_context(verify=verify)


class _AcceptsHttpx(Protocol):
    def set_httpx_client(self, client: httpx.Client) -> Any: ...


G = TypeVar("G", bound=_AcceptsHttpx)


@contextlib.contextmanager
def translate_transport_errors() -> Iterator[None]:
    """httpx failures become medannot errors, wherever the call came from."""
    try:
        yield
    except httpx.TimeoutException as exc:
        raise Timeout(f"timed out: {type(exc).__name__} ({_where(exc)})") from exc
    except httpx.TransportError as exc:
        raise TransportError(f"{type(exc).__name__}: {exc} ({_where(exc)})") from exc


def _where(exc: httpx.TransportError) -> str:
    try:
        return f"{exc.request.method} {redact_url(exc.request.url)}"
    except RuntimeError:  # no request attached
        return "no request"


def _log_response(response: httpx.Response) -> None:
    if not log.isEnabledFor(logging.DEBUG):  # redacting the URL costs more than the rest of this hook
        return
    request = response.request
    log.debug("%s %s -> %s", request.method, redact_url(request.url), response.status_code)


def raise_for_status(response: httpx.Response) -> None:
    """A response hook: every error status becomes its typed error, for generated and hand-written calls alike.

    Error bodies are read here (they are small) so the message can quote the server.
    """
    if response.status_code < 400:
        return
    with translate_transport_errors():
        response.read()
    if response.status_code >= 500:
        _discard_connection(response)
    raise error_from_response(response)


def _discard_connection(response: httpx.Response) -> None:
    """Servers often drop the connection after a crash without saying `Connection: close` (MONAI Label 0.8.5
    does after every plain-text 500); reusing it would fail the next request after it was sent."""
    stream = response.extensions.get("network_stream")
    close = getattr(stream, "close", None)
    if callable(close):
        close()


class Session:
    """Owns one httpx.Client. `bind()` hands it to a generated client; `close()` closes only what it owns."""

    def __init__(self, options: ClientOptions, auth: httpx.Auth | None = None) -> None:
        self.options = options
        inner = options.transport or httpx.HTTPTransport(
            verify=_ssl_context(options.verify),
            limits=httpx.Limits(
                max_connections=options.max_connections, max_keepalive_connections=options.max_connections
            ),
        )
        self.http = httpx.Client(
            base_url=options.base_url,
            auth=auth,
            timeout=options.timeout,
            headers={"User-Agent": options.user_agent, **dict(options.headers)},
            transport=RetryTransport(inner, options.retry),
            event_hooks={"response": [_log_response, raise_for_status]},
            follow_redirects=False,  # a redirect to a login page is an auth failure, not content
        )

    def bind(self, generated: G) -> G:
        generated.set_httpx_client(self.http)
        return generated

    @property
    def base_url(self) -> str:
        return str(self.http.base_url)

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """Send and read the body; a status >= 400 raises its typed error."""
        with translate_transport_errors():
            return self.http.request(method, url, **kwargs)

    @contextlib.contextmanager
    def stream(self, method: str, url: str, **kwargs: Any) -> Iterator[httpx.Response]:
        """A streamed response (status already checked); reading it maps transport failures too."""
        with translate_transport_errors(), self.http.stream(method, url, **kwargs) as response:
            yield response

    def close(self) -> None:
        self.http.close()
