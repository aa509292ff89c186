"""`medannot.labelbox.AsyncClient` (and its generated twin `Client`): the official `labelbox.Client`'s verbs,
typed, retried where safe, paginated.

GraphQL goes through the generated client on one shared session (`api` is the public one); the REST calls the
SDK makes (`/api/v1`: feature schema and ontology maintenance) and streamed uploads/downloads use the same
session.
"""

from __future__ import annotations

import os  # noqa: F401  # core.files.FileInput names "os.PathLike[str]" as a string: its hint resolves here
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

import httpx

from medannot.core._async.pagination import AsyncPaginator, offset_pages
from medannot.core.auth import BearerAuth, credential
from medannot.core.config import ClientOptions, TimeoutValue, Verify
from medannot.core.files import FileInput
from medannot.core.retry import RetryPolicy
from medannot.core.validate import require_bool, require_id
from medannot.errors import BadInput
from medannot.labelbox import models
from medannot.labelbox._async.base import opened_input
from medannot.labelbox._async.datarows import AsyncDataRowsMixin
from medannot.labelbox._async.ml import AsyncMachineLearningMixin
from medannot.labelbox._async.ontologies import AsyncOntologiesMixin
from medannot.labelbox._async.projects import AsyncProjectsMixin
from medannot.labelbox._base import (
    DEFAULT_ENDPOINT,
    DEFAULT_PAGE_SIZE,
    found,
    json_object,
    rest_endpoint_for,
    seconds,
    text_keys,
    where_input,
)
from medannot.labelbox.models import CatalogQuery, GlobalKeys, UniqueIds
from medannot.types import JSONObject
from medannot_api import labelbox as generated

if TYPE_CHECKING:
    from medannot.labelbox.models import User

__all__ = ["DEFAULT_ENDPOINT", "AsyncClient", "rest_endpoint_for"]

DEFAULT_APP_URL = "https://app.labelbox.com"


class AsyncClient(AsyncProjectsMixin, AsyncDataRowsMixin, AsyncOntologiesMixin, AsyncMachineLearningMixin):
    """A Labelbox workspace. Use it as a context manager, or call `close()`.

    >>> async with AsyncClient() as lb:          # the key comes from LABELBOX_API_KEY
    ...     await lb.create_dataset(name="chest-ct")

    The SDK's constructor arguments (`api_key`, `endpoint`, `enable_experimental`, `app_url`,
    `rest_endpoint`) are accepted in its order. `timeout` (seconds or an `httpx.Timeout`) bounds each call;
    `verify` takes a CA bundle path or an `ssl.SSLContext`; `proxy` a proxy URL (else HTTP(S)_PROXY /
    ALL_PROXY / NO_PROXY are followed).
    Listings (`get_projects`, `get_data_rows`, ...) return an `AsyncPaginator`: `async for` over it.
    """

    def __init__(
        self,
        api_key: str | None = None,
        endpoint: str = DEFAULT_ENDPOINT,
        enable_experimental: bool = False,
        app_url: str = DEFAULT_APP_URL,
        rest_endpoint: str | None = None,
        *,
        timeout: TimeoutValue = None,
        retry: RetryPolicy | None = None,
        verify: Verify = True,
        proxy: str | None = None,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
    ) -> None:
        if not isinstance(endpoint, str) or not endpoint.strip():
            raise BadInput("endpoint is empty")
        endpoint = endpoint.strip()
        if rest_endpoint is not None and (not isinstance(rest_endpoint, str) or not rest_endpoint.strip()):
            raise BadInput("rest_endpoint must be a non-empty URL or None")
        # The SDK's switches, accepted so its constructor calls work: medannot sends no experimental header (every
        # method it offers is a stable one) and builds no web-app links.
        self.enable_experimental: bool = require_bool(enable_experimental, "enable_experimental")
        if not isinstance(app_url, str):
            raise BadInput(f"app_url must be a URL, not {type(app_url).__name__}")
        self.app_url = app_url
        auth = BearerAuth(credential(api_key, "LABELBOX_API_KEY", what="API key"))
        options = ClientOptions.of(
            endpoint,
            timeout=timeout,
            retry=retry,
            verify=verify,
            proxy=proxy,
            transport=transport,
            url_name="endpoint",
            platform="labelbox",
        )
        super().__init__(options, auth)
        self._graphql_url = endpoint
        self._rest_url = (rest_endpoint or rest_endpoint_for(endpoint)).rstrip("/")
        self._user_id = None

    # ---- raw GraphQL

    async def execute(
        self,
        query: str,
        params: Mapping[str, object] | None = None,
        files: Mapping[str, FileInput] | None = None,
    ) -> JSONObject:
        """Run any GraphQL document; returns its `data`. GraphQL errors raise the same typed errors as every
        other call. `files` maps variable names (or dotted paths under the variables) to files, sent by the
        GraphQL multipart request spec with those variables set to null."""
        if not isinstance(query, str) or not query.strip():
            raise BadInput("query must be a non-empty GraphQL document")
        checked = json_object(params, "params", optional=True)
        if files is not None and not isinstance(files, Mapping):
            raise BadInput(f"files must be a dict of variable name -> file, not {type(files).__name__}")
        if not files:
            return await self._execute_json(query, checked)
        variables: dict[str, Any] = checked or {}
        with ExitStack() as stack:
            opened = {}
            for path, source in files.items():
                if not isinstance(path, str) or not path.removeprefix("variables.").strip():
                    raise BadInput("files must be keyed by variable names (str)")
                head = path.removeprefix("variables.").split(".", 1)[0]
                variables.setdefault(head, None)
                opened[f"variables.{path.removeprefix('variables.')}"] = stack.enter_context(
                    opened_input(source, f"files[{path!r}]")
                )
            return await self._graphql_multipart(query, variables, opened)

    @staticmethod
    def build_catalog_query(data_rows: UniqueIds | GlobalKeys) -> CatalogQuery:
        """The catalog filter selecting these data rows (no request is made)."""
        if isinstance(data_rows, UniqueIds):
            ids = text_keys(data_rows.ids, "data_rows.ids")
            return CatalogQuery("data_row_id", [require_id(id, f"data_rows.ids[{i}]") for i, id in enumerate(ids)])
        if isinstance(data_rows, GlobalKeys):
            return CatalogQuery("global_key", text_keys(data_rows.ids, "data_rows.ids"))
        raise BadInput(f"data_rows must be UniqueIds or GlobalKeys, not {type(data_rows).__name__}")

    # ---- identity

    async def get_user(self) -> models.User:
        """The user the API key belongs to."""
        return found((await self._call(lambda: self._api.get_user())).user, "User", "(current)")

    async def get_organization(self) -> models.Organization:
        answer = await self._call(lambda: self._api.get_organization())
        return found(answer.organization, "Organization", "(current)")

    def get_users(
        self,
        where: generated.UserWhereInput | models.Comparison | Mapping[str, object] | None = None,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> AsyncPaginator[models.User]:
        """Users matching `where` (`User.email == "a@b.org"`, or the typed input)."""
        from medannot_api.labelbox.input_types import UserWhereInput

        condition = where_input(UserWhereInput, where)

        async def fetch(skip: int, first: int) -> Sequence[User]:
            return (await self._call(lambda: self._api.get_users(where=condition, skip=skip, first=first))).users

        return offset_pages(fetch, page_size)

    async def get_roles(self) -> dict[str, models.Role]:
        """Roles by the SDK's key: the name upper-cased with underscores ("Team Manager" -> "TEAM_MANAGER")."""
        roles = (await self._call(lambda: self._api.get_roles())).roles
        return {role.name.upper().replace(" ", "_"): role for role in roles}

    # ---- tasks

    async def get_task_by_id(self, task_id: str) -> models.Task:
        require_id(task_id, "task_id")
        return found((await self._call(lambda: self._api.get_task(task_id))).task, "Task", task_id)

    async def wait_for_task(self, task_id: str, timeout_seconds: float = 300.0) -> models.Task:
        """Poll a task until it leaves IN_PROGRESS (the SDK's `Task.wait_till_done`); a task still running
        after `timeout_seconds` raises `medannot.errors.Timeout`."""
        require_id(task_id, "task_id")
        return await self._wait_for_task(task_id, seconds(timeout_seconds, "timeout_seconds"), f"task {task_id}")
