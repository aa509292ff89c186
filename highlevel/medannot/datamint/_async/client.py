"""`medannot.datamint.AsyncClient` (and its generated twin `Client`): today's `datamint.Api` namespaces
(`.resources / .annotations / .projects / .users / .annotationsets`), typed, streamed, retried, with the seed's
`APIHandler` verbs on top (`handler.py`).

Routes are the schema's (schemas/datamint/openapi.yaml). JSON answers are held to the generated models before
they are parsed; files stream from disk and to disk; every listing is paged to its end.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Hashable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from medannot.core._async.client import AsyncBaseClient
from medannot.core._async.pagination import AsyncPaginator, LazyPage, Page
from medannot.core.auth import credential
from medannot.core.config import ClientOptions, TimeoutValue, Verify
from medannot.core.response import answer_json, parse_all
from medannot.core.retry import RetryPolicy
from medannot.core.validate import require_int
from medannot.datamint._async.annotations import AsyncAnnotationsAPI
from medannot.datamint._async.projects import AsyncAnnotationSetsAPI, AsyncProjectsAPI, AsyncUsersAPI
from medannot.datamint._async.resources import AsyncResourcesAPI
from medannot.datamint._common import DEFAULT_URL, PAGE_LIMIT, ApiKeyAuth, listing_items, parse, query
from medannot.errors import APIError, BadInput

if TYPE_CHECKING:
    from medannot_api.datamint.client import AuthenticatedClient

M = TypeVar("M")


class AsyncClient(AsyncBaseClient["AuthenticatedClient"]):
    """The Datamint API (`datamint.Api` of the SDK 2.x): `.resources`, `.annotations`, `.projects`, `.users`,
    `.annotationsets` (also `.worklists`). Use it as a context manager, or call `close()`.

    >>> async with AsyncClient(api_key="...") as dm:
    ...     ids = await dm.resources.upload_resources(["ct1.dcm", "ct2.dcm"], publish=True)
    ...     async for resource in dm.resources.iter_list(status="published"):
    ...         print(resource.id, resource.filename)

    `api_key`: the argument, else $DATAMINT_API_KEY, else `AuthError`; it is sent in the `apikey` header.
    `server_url`: the argument, else $DATAMINT_API_URL, else https://api.datamint.io (paths are at its root).
    `timeout`: seconds (or an `httpx.Timeout`) per request; uploads and downloads use their own, longer bound.
    `max_concurrency`: files uploaded or downloaded at once by the bulk verbs (default 8). `retry`: idempotent
    requests are retried on connect errors, 429 and 502/503/504 (uploads and creations never after they were
    sent). Nothing is sent by the constructor: `await check_connection()` checks the key now (a wrong key is
    `medannot.errors.AuthError`, not a network error).
    """

    # the namespaces, declared here so that `typing.get_type_hints(Client)` (and documentation tools) see them
    resources: AsyncResourcesAPI
    annotations: AsyncAnnotationsAPI
    projects: AsyncProjectsAPI
    users: AsyncUsersAPI
    annotationsets: AsyncAnnotationSetsAPI
    worklists: AsyncAnnotationSetsAPI

    def __init__(
        self,
        server_url: str | None = None,
        api_key: str | None = None,
        timeout: TimeoutValue = 60.0,
        max_retries: int | None = None,
        check_connection: bool = False,
        *,
        verify: Verify = True,
        proxy: str | None = None,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        max_concurrency: int = 8,
    ) -> None:
        url = server_url or os.environ.get("DATAMINT_API_URL") or DEFAULT_URL
        if not isinstance(url, str):
            raise BadInput(f"server_url must be a URL string, not {type(url).__name__}")
        secret = credential(api_key, "DATAMINT_API_KEY", what="Datamint API key", header=True)
        if max_retries is not None:
            retry = RetryPolicy(max_retries=require_int(max_retries, "max_retries", min=0))
        options = ClientOptions.of(
            url.rstrip("/") + "/",
            timeout=timeout,
            retry=retry,
            verify=verify,
            proxy=proxy,
            transport=transport,
            url_name="server_url",
            platform="datamint",
        )
        super().__init__(options, ApiKeyAuth(secret))
        self._concurrency = require_int(max_concurrency, "max_concurrency", min=1)
        self._check_on_first_use = bool(check_connection)
        self.resources = AsyncResourcesAPI(self)
        self.annotations = AsyncAnnotationsAPI(self)
        self.projects = AsyncProjectsAPI(self)
        self.users = AsyncUsersAPI(self)
        self.annotationsets = AsyncAnnotationSetsAPI(self)
        self.worklists = self.annotationsets

    def _new_api(self) -> AuthenticatedClient:
        from medannot_api.datamint.client import AuthenticatedClient

        return self._session.generated(AuthenticatedClient)

    @property
    def server_url(self) -> str:
        """The service's root URL (`https://api.datamint.io`)."""
        return self._session.base_url.rstrip("/")

    async def check_connection(self) -> None:
        """`GET /projects?offset=0&limit=1`: raises `AuthError` for a wrong key, `TransportError` when the
        server cannot be reached."""
        await self._get("projects", {"offset": 0, "limit": 1})

    # --- requests shared by the namespaces ----------------------------------------------------------------
    async def _get(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        response = await self._session.request(
            "GET", path, params=query(params), headers={"Accept": "application/json"}
        )
        return answer_json(response)

    async def _send(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        params: Mapping[str, Any] | None = None,
        idempotent: bool | None = None,
    ) -> Any:
        response = await self._session.request(
            method,
            path,
            json=json_body,
            params=query(params),
            idempotent=idempotent,
            headers={"Accept": "application/json"},
        )
        data = answer_json(response) if response.content else None
        if isinstance(data, Mapping) and isinstance(data.get("error"), str) and response.status_code < 300:
            raise APIError(f"the server answered {method} {path} with an error: {data['error']}")
        return data

    async def _get_model(self, model: Callable[..., M], path: str, params: Mapping[str, Any] | None = None) -> M:
        return parse(model, await self._get(path, params))

    def _pages(
        self,
        path: str,
        model: Callable[..., M],
        params: Mapping[str, Any] | None = None,
        *,
        shape: str = "data",
        limit: int | None = None,
        page_size: int = PAGE_LIMIT,
    ) -> AsyncPaginator[M]:
        """An offset listing of `path`, `page_size` at a time, to its end (only an empty page, or the server's
        own `totalCount` reached, ends it: a short page proves nothing). `shape`: "data" (`{"data": [...]}`),
        "resources" (`{"data": [{"resources": [...]}], "totalCount": n}`) or "list" (a bare list)."""
        base = dict(params or {})
        size = require_int(page_size, "page_size", min=1)
        cap = None if limit is None else require_int(limit, "limit", min=0)

        async def fetch(position: Hashable | None) -> Page[M] | LazyPage[M]:
            offset = int(position or 0)  # type: ignore[call-overload]
            want = size if cap is None else min(size, cap - offset)
            if want <= 0:
                return Page([], None)
            data = await self._get(path, {**base, "offset": offset, "limit": want})
            items, total = listing_items(data, shape)
            done = offset + len(items)
            end = not items or (total is not None and done >= total) or (cap is not None and done >= cap)
            # parsed while the server prepares the next page (thousands of objects of 30 fields: tenths of a second)
            parse_page = functools.partial(parse_all, functools.partial(parse, model), items)
            return LazyPage(parse_page, None if end else done, None if cap is not None else total)

        return AsyncPaginator(fetch)

    def _require_id(self, value: object, name: str) -> str:
        if isinstance(value, Mapping):
            value = value.get("id")
        if not isinstance(value, str) or not value.strip() or "/" in value:
            raise BadInput(f"{name} must be an id string (or an object with an 'id'), not {value!r}")
        return value.strip()
