"""The one seam every request crosses, from the facades and from the generated clients, sync and async.

`SessionTransport` is an httpx transport of both kinds. Below it sit the connection pools (one per proxy,
opened on first use); inside it, in order: proxy routing, retries where safe, the mapping of every httpx
failure (including those met while a streamed body is read) to `medannot.errors`, and the mapping of every
status >= 400 to its typed error with the server's own words. Anything that holds it, an `httpx.Client`
built by a generated client included, gets all of that; closing such a holder closes nothing (a lease), so
only the session that owns the pools closes them.
"""

from __future__ import annotations

import functools
import logging
import os
import ssl
import threading
import urllib.request
from collections.abc import AsyncIterator, Iterator
from types import TracebackType

import httpx

from medannot.core.auth import AUTH_EXTENSION
from medannot.core.config import ClientOptions, Verify
from medannot.core.redact import redact_url
from medannot.core.retry import READ_BODY_EXTENSION, RetryPolicy, asend_with_retries, send_with_retries
from medannot.errors import (
    APIError,
    AuthError,
    ClientClosed,
    MedannotError,
    ResponseSchemaError,
    Timeout,
    TransportError,
    clean_reason,
    error_from_response,
    server_message,
)

log: logging.Logger = logging.getLogger("medannot.http")


@functools.lru_cache(maxsize=8)
def _ssl_context(verify: bool | str) -> ssl.SSLContext:
    """Loading a CA bundle takes ~10 ms: one context per setting serves every client of the process. True means
    the operating system's trust store when `truststore` is installed (hospital CAs live there), else certifi."""
    if verify is True:
        try:
            import truststore
        except ImportError:
            pass
        else:
            return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if isinstance(verify, str):  # a CA bundle file or directory (checked to exist by ClientOptions)
        if os.path.isdir(verify):
            return ssl.create_default_context(capath=verify)
        return ssl.create_default_context(cafile=verify)
    return httpx.create_ssl_context(verify=verify)


def ssl_context(verify: Verify) -> ssl.SSLContext | bool:
    if isinstance(verify, ssl.SSLContext):
        return verify
    return False if verify is False else _ssl_context(verify)


class mapped_errors:  # lower case: used as `with mapped_errors(request):`, like a function
    """httpx failures become medannot errors, wherever a body is sent or read (the transport, a streamed
    answer); a timeout says which phase ran out and how to allow more. A class rather than a generator-based
    context manager: it wraps every request, and costs a third as much."""

    __slots__ = ("_request",)

    def __init__(self, request: httpx.Request | None = None) -> None:
        self._request = request

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        mapped = _mapped(exc, self._request) if isinstance(exc, httpx.RequestError) else None
        if mapped is not None:
            raise mapped from exc


def _mapped(exc: httpx.RequestError, request: httpx.Request | None) -> MedannotError | None:
    if isinstance(exc, httpx.TimeoutException):
        phase = type(exc).__name__.removesuffix("Timeout").lower() or "request"
        return Timeout(
            f"timed out ({phase}) on {_where(exc, request)}; allow more time with the client's `timeout=` "
            "(seconds or an httpx.Timeout), `client.with_options(timeout=...)`, or the call's own `timeout=` "
            "where it takes one"
        )
    if isinstance(exc, httpx.TransportError):
        return TransportError(f"{type(exc).__name__}: {exc} ({_where(exc, request)})")
    if isinstance(exc, httpx.DecodingError):  # a body its Content-Encoding does not describe: the server's fault
        where = _where(exc, request)
        return ResponseSchemaError(f"the answer does not decode by its Content-Encoding: {exc} ({where})")
    return None  # e.g. too many redirects: httpx's own error, as it is


def _where(exc: httpx.RequestError, request: httpx.Request | None) -> str:
    try:
        request = exc.request
    except RuntimeError:  # no request attached
        if request is None:
            return "no request"
    return f"{request.method} {redact_url(request.url)}"


class _Pools:
    """The connection pools of one session, keyed by proxy URL (None: direct), sync and async apart."""

    def __init__(self, options: ClientOptions) -> None:
        self.options: ClientOptions = options
        self.closed: bool = False
        self.answered: bool = False  # set by the first answer that is not a 404: the URL reaches the right server
        self._lock = threading.Lock()
        self._sync: dict[str | None, httpx.BaseTransport] = {}
        self._async: dict[str | None, httpx.AsyncBaseTransport] = {}
        environment = urllib.request.getproxies_environment() if options.trust_env and not options.proxy else {}
        self._env_proxies = {k: v for k, v in environment.items() if k in ("http", "https", "all", "no")}

    def proxy_for(self, url: httpx.URL) -> str | None:
        if self.options.proxy:
            return self.options.proxy
        bypass = urllib.request.proxy_bypass_environment  # type: ignore[attr-defined]  # stdlib, not in typeshed
        if not self._env_proxies or bypass(url.host, self._env_proxies):
            return None
        return self._env_proxies.get(url.scheme) or self._env_proxies.get("all")

    def _limits(self) -> httpx.Limits:
        n = self.options.max_connections
        return httpx.Limits(max_connections=n, max_keepalive_connections=n)

    def sync(self, url: httpx.URL) -> httpx.BaseTransport:
        if self.closed:
            raise ClientClosed("this client is closed; create a new one")
        override = self.options.transport
        if isinstance(override, httpx.BaseTransport):
            return override
        proxy = self.proxy_for(url)
        pool = self._sync.get(proxy)
        if pool is None:
            with self._lock:  # threads of a bulk call may make the first request at once: one pool each is lost
                if self.closed:
                    raise ClientClosed("this client is closed; create a new one")
                pool = self._sync.get(proxy)
                if pool is None:
                    verify = ssl_context(self.options.verify)
                    pool = self._sync[proxy] = httpx.HTTPTransport(verify=verify, limits=self._limits(), proxy=proxy)
        return pool

    def async_(self, url: httpx.URL) -> httpx.AsyncBaseTransport:
        if self.closed:
            raise ClientClosed("this client is closed; create a new one")
        override = self.options.transport
        if isinstance(override, httpx.AsyncBaseTransport):
            return override
        proxy = self.proxy_for(url)
        if proxy not in self._async:
            verify = ssl_context(self.options.verify)
            self._async[proxy] = httpx.AsyncHTTPTransport(verify=verify, limits=self._limits(), proxy=proxy)
        return self._async[proxy]

    def close(self) -> None:
        with self._lock:
            self.closed = True
            pools = list(self._sync.values())
            self._sync.clear()
        for transport in pools:
            transport.close()

    async def aclose(self) -> None:
        self.closed = True
        for transport in self._async.values():
            await transport.aclose()
        self._async.clear()
        self.close()


class SessionTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Both transport protocols over one session's pools. `lease()` gives a view whose `close` does nothing
    (for httpx clients that generated code builds and may close); `with_retry()` one with another policy."""

    def __init__(self, options: ClientOptions, *, pools: _Pools | None = None, owner: bool = True) -> None:
        self._pools = pools or _Pools(options)
        self.retry: RetryPolicy = options.retry
        self._owner = owner
        self._read_body = False

    def lease(self, retry: RetryPolicy | None = None, *, read_body: bool = False) -> SessionTransport:
        """A view on the same pools. `read_body`: every request through it is read whole (a generated client's
        are), so a connection dropped while an idempotent answer streams is retried too."""
        view = SessionTransport(self._pools.options, pools=self._pools, owner=False)
        view.retry = retry or self.retry
        view._read_body = read_body
        return view

    @property
    def closed(self) -> bool:
        return self._pools.closed

    # --- sync -------------------------------------------------------------------------------------
    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self._read_body:
            request.extensions[READ_BODY_EXTENSION] = True
        with mapped_errors(request):
            response = send_with_retries(self._send_once, request, self.retry)
        if response.status_code >= 400:
            raise _error(response, self._pools)
        return _mapped_body(response)

    def _send_once(self, request: httpx.Request) -> httpx.Response:
        response = self._pools.sync(request.url).handle_request(request)
        response.request = request
        _log(response)
        if response.status_code != 404:
            self._pools.answered = True
        if response.status_code >= 400 and not response.is_stream_consumed:  # small: read now for retries, messages
            try:
                raw = b"".join(response.iter_raw())
            finally:
                if response.status_code >= 500:
                    _discard_connection(response)
            return _read_answer(response, raw)
        return response

    def close(self) -> None:
        if self._owner:
            self._pools.close()

    # --- async ------------------------------------------------------------------------------------
    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._read_body:
            request.extensions[READ_BODY_EXTENSION] = True
        with mapped_errors(request):
            response = await asend_with_retries(self._asend_once, request, self.retry)
        if response.status_code >= 400:
            raise _error(response, self._pools)
        return _amapped_body(response)

    async def _asend_once(self, request: httpx.Request) -> httpx.Response:
        response = await self._pools.async_(request.url).handle_async_request(request)
        response.request = request
        _log(response)
        if response.status_code != 404:
            self._pools.answered = True
        if response.status_code >= 400 and not response.is_stream_consumed:
            try:
                raw = b"".join([chunk async for chunk in response.aiter_raw()])
            finally:
                if response.status_code >= 500:
                    await _adiscard_connection(response)
            return _read_answer(response, raw)
        return response

    async def aclose(self) -> None:
        if self._owner:
            await self._pools.aclose()


def _error(response: httpx.Response, pools: _Pools | None = None) -> APIError:
    """The typed error of an answer; a refused login or token request is an AuthError whatever its status
    (MONAI Label 0.8.5 answers a wrong password with a 500). A 404 saying only "Not Found" before the session
    had any other answer asks whether the URL is the platform's server (`wrong_server_hint`)."""
    hint = wrong_server_hint(response, pools.options) if pools is not None and not pools.answered else None
    error = error_from_response(response, hint=hint)
    if response.request.extensions.get(AUTH_EXTENSION) and not isinstance(error, AuthError):
        return AuthError(
            f"logging in failed: {error.message}",
            status_code=error.status_code,
            method=error.method,
            url=error.url,
            body_excerpt=error.body_excerpt,
            request_id=error.request_id,
            hint=hint,
        )
    return error


def wrong_server_hint(response: httpx.Response, options: ClientOptions) -> str | None:
    """For a client's first answer: a 404 whose words are only the generic "Not Found" (no route there, as
    FastAPI, Flask, Starlette, nginx... say it; not an API's "label x not found") means the URL is not the
    platform's server, or lacks its path prefix."""
    if response.status_code != 404:
        return None
    said = clean_reason(server_message(response.content, response.headers.get("content-type", "")), 404)
    if said and not said.lower().startswith("not found"):
        return None
    platform = f"a {options.platform} server" if options.platform else "the server you meant"
    return f"is this {platform}? (the client's first answer was a 404: check {options.url_name})"


def _read_answer(response: httpx.Response, raw: bytes) -> httpx.Response:
    """An error answer with its body in memory: decoded by its Content-Encoding, or as sent when that encoding
    is wrong (the body is only quoted in the error's message)."""
    request, extensions = response.request, response.extensions
    try:
        return httpx.Response(
            response.status_code, headers=response.headers, content=raw, request=request, extensions=extensions
        )
    except httpx.DecodingError:
        headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() != "content-encoding"]
        return httpx.Response(
            response.status_code, headers=headers, content=raw, request=request, extensions=extensions
        )


def _log(response: httpx.Response) -> None:
    if log.isEnabledFor(logging.DEBUG):  # redacting the URL costs more than the rest of a request's overhead
        request = response.request
        log.debug("%s %s -> %s", request.method, redact_url(request.url), response.status_code)


def _discard_connection(response: httpx.Response) -> None:
    """Servers often drop the connection after a crash without saying `Connection: close` (MONAI Label 0.8.5
    does after every plain-text 500); reusing it would fail the next request after it was sent."""
    close = getattr(response.extensions.get("network_stream"), "close", None)
    if callable(close):
        close()


async def _adiscard_connection(response: httpx.Response) -> None:
    aclose = getattr(response.extensions.get("network_stream"), "aclose", None)
    if callable(aclose):
        await aclose()


class _MappedStream(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream, request: httpx.Request) -> None:
        self._inner, self._request = inner, request

    def __iter__(self) -> Iterator[bytes]:
        with mapped_errors(self._request):
            yield from self._inner

    def close(self) -> None:
        with mapped_errors(self._request):
            self._inner.close()


class _AsyncMappedStream(httpx.AsyncByteStream):
    def __init__(self, inner: httpx.AsyncByteStream, request: httpx.Request) -> None:
        self._inner, self._request = inner, request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with mapped_errors(self._request):
            async for chunk in self._inner:
                yield chunk

    async def aclose(self) -> None:
        with mapped_errors(self._request):
            await self._inner.aclose()


def _mapped_body(response: httpx.Response) -> httpx.Response:
    """Failures while the body streams (a dropped connection, a read timeout) are medannot errors too."""
    assert isinstance(response.stream, httpx.SyncByteStream)
    response.stream = _MappedStream(response.stream, response.request)
    return response


def _amapped_body(response: httpx.Response) -> httpx.Response:
    assert isinstance(response.stream, httpx.AsyncByteStream)
    response.stream = _AsyncMappedStream(response.stream, response.request)
    return response
