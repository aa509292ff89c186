"""One long-lived session per client: the httpx client the facade sends through, and the settings any
generated client needs to send through the same transport (auth, retries, error mapping, proxies, pools)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any, TypeVar

import httpx

from medannot.core.config import ClientOptions, TimeoutValue, as_timeout
from medannot.core.retry import IDEMPOTENT_EXTENSION, READ_BODY_EXTENSION
from medannot.core.transport import SessionTransport
from medannot.core.urls import request_url
from medannot.errors import error_from_response

G = TypeVar("G")
Body = httpx.SyncByteStream | httpx.AsyncByteStream


class AsyncSession:
    """Owns the connection pools (through its transport); `close()` closes them, and every later call raises
    `medannot.errors.ClientClosed`. `derive()` gives a session with other settings over the same pools."""

    def __init__(
        self, options: ClientOptions, auth: httpx.Auth | None = None, *, transport: SessionTransport | None = None
    ) -> None:
        self.options = options
        self.auth = auth
        self.transport: SessionTransport = transport or SessionTransport(options)
        self.http: httpx.AsyncClient = httpx.AsyncClient(
            base_url=options.base_url, timeout=options.timeout, headers=self.headers, **self.httpx_args()
        )

    @property
    def base_url(self) -> str:
        return self.options.base_url

    @property
    def headers(self) -> dict[str, str]:
        return {"User-Agent": self.options.user_agent, **dict(self.options.headers)}

    def httpx_args(self, *, read_body: bool = False) -> dict[str, Any]:
        """What any httpx client needs to send through this session: its auth and a lease of its transport
        (closing the holder closes nothing). The environment is read by the transport, not by httpx.
        `read_body`: the holder reads every answer whole (see `SessionTransport.lease`)."""
        transport = self.transport.lease(read_body=read_body)
        return {"auth": self.auth, "transport": transport, "trust_env": False, "follow_redirects": False}

    def generated(self, factory: Callable[..., G], *, timeout: httpx.Timeout | None = None) -> G:
        """An openapi-python-client client on this session. It builds its own httpx clients (sync and async)
        from these settings, so both kinds of generated function share auth, retries, errors and pools.
        `timeout` replaces the session's for this client's calls."""
        args = self.httpx_args(read_body=True)  # generated calls read every answer whole
        follow = args.pop("follow_redirects")
        return factory(
            base_url=self.base_url,
            token="",  # the session's auth flow sets the real credential (the template adds no header for "")
            prefix="",
            timeout=timeout or self.options.timeout,
            headers=self.headers,
            follow_redirects=follow,
            httpx_args=args,
        )

    def derive(
        self,
        *,
        timeout: TimeoutValue = None,
        max_retries: int | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> AsyncSession:
        """A session over the same pools and credential with other defaults (`client.with_options`)."""
        options = self.options
        if timeout is not None:
            options = options.replace(timeout=as_timeout(timeout))
        if max_retries is not None:
            from dataclasses import replace

            options = options.replace(retry=replace(options.retry, max_retries=max_retries))
        if headers:
            options = options.replace(headers=(*options.headers, *headers.items()))
        transport = self.transport.lease(options.retry)
        return AsyncSession(options, self.auth, transport=transport)

    def build(
        self,
        method: str,
        url: str,
        *,
        body: Body | None = None,
        timeout: TimeoutValue = None,
        idempotent: bool | None = None,
        **kwargs: Any,
    ) -> httpx.Request:
        """A request on this session. `body` is a medannot stream (e.g. `MultipartBody`) attached as is, so a
        retry or a re-login can rewind it; `idempotent` overrides the method's default for retries."""
        extensions = dict(kwargs.pop("extensions", None) or {})
        if idempotent is not None:
            extensions[IDEMPOTENT_EXTENSION] = idempotent
        if timeout is not None:
            extensions["timeout"] = as_timeout(timeout).as_dict()
        request = self.http.build_request(method, request_url(self.http, url), extensions=extensions, **kwargs)
        if body is None:
            return request
        headers = httpx.Headers(request.headers)
        headers.update(getattr(body, "headers", {}))
        return httpx.Request(request.method, request.url, headers=headers, stream=body, extensions=request.extensions)

    async def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """Send and read the answer; a status >= 400 raises its typed error (see `build` for the options). The
        answer is read inside the retry loop, so one dropped while it streams is retried where that is safe."""
        request = self.build(method, url, **kwargs)
        request.extensions[READ_BODY_EXTENSION] = True
        response = await self.http.send(request)
        if 300 <= response.status_code < 400:  # never followed: not an answer (a moved API or a login page)
            raise error_from_response(response)
        return response

    @contextlib.asynccontextmanager
    async def stream(self, method: str, url: str, **kwargs: Any) -> AsyncIterator[httpx.Response]:
        """A streamed answer, status already checked; failures while reading it are medannot errors too."""
        response = await self.http.send(self.build(method, url, **kwargs), stream=True)
        try:
            if 300 <= response.status_code < 400:  # never followed: not an answer (a moved API or a login page)
                await response.aread()
                raise error_from_response(response)
            yield response
        finally:
            await response.aclose()

    async def close(self) -> None:
        await self.transport.aclose()
