"""What every area of `medannot.labelbox.AsyncClient` shares: the session, the generated client and a few
seams (typed GraphQL calls, REST calls, GraphQL multipart uploads, job polling). The area mixins build on it."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

import httpx

from medannot.core._async.client import AsyncBaseClient
from medannot.core._async.jobs import poll
from medannot.core.files import FileInput, OpenedFile, open_file_input
from medannot.core.twins import Awaitable
from medannot.core.uploads import FilePart, MultipartBody, Progress
from medannot.errors import BadInput, ResponseSchemaError
from medannot.labelbox import models
from medannot.labelbox._base import RETRY_SAFE_MUTATIONS, UPLOAD_FILE, content_type, found, labelbox_error

if TYPE_CHECKING:
    from medannot.labelbox.models import Task
    from medannot_api.labelbox.async_client import AsyncClient as AsyncGeneratedClient

T = TypeVar("T")

# Status reads of an asynchronous job back off from FIRST_POLL to MAX_POLL seconds (the SDK sleeps 2 s flat).
FIRST_POLL = 0.05
MAX_POLL = 2.0


@contextlib.contextmanager
def opened_input(source: FileInput, what: str) -> Iterator[OpenedFile]:
    """`open_file_input`, and refused (`BadInput` naming `what`) before anything is sent when it is empty
    (a data row of 0 bytes is no image) or a file object that reads text, not bytes."""
    with open_file_input(source, what=what) as opened:
        if opened.size <= 0:
            raise BadInput(f"{what} is empty (0 bytes to upload)")
        if not isinstance(source, (str, bytes)) and not hasattr(source, "__fspath__"):
            start = opened.stream.tell()
            probe = opened.stream.read(0)
            opened.stream.seek(start)
            if not isinstance(probe, (bytes, bytearray, memoryview)):
                raise BadInput(f"{what} must be opened in binary mode ('rb'), not text mode")
        yield opened


class AsyncApiBase(AsyncBaseClient["AsyncGeneratedClient"]):
    """State and seams shared by the mixins; `AsyncClient.__init__` sets the endpoints up."""

    _graphql_url: str
    _rest_url: str
    _user_id: str | None

    def _new_api(self) -> AsyncGeneratedClient:
        """The generated GraphQL client on this session. The GraphQL helpers are imported here: they load
        pydantic, which constructing a client (or only calling REST) does not need."""
        from medannot.core.graphql import AsyncGraphQLHttp
        from medannot_api.labelbox.async_client import AsyncClient as AsyncGeneratedClient

        http = AsyncGraphQLHttp(self._session, labelbox_error, retry_safe=RETRY_SAFE_MUTATIONS)
        return AsyncGeneratedClient(url=self._graphql_url, http_client=http)

    # ---- GraphQL

    async def _call(self, send: Callable[[], Awaitable[T]]) -> T:
        """One generated operation (GraphQL errors were mapped by the adapter); an answer that does not fit
        the operation's models is a ResponseSchemaError."""
        from medannot.core.graphql import as_medannot_error

        try:
            return await send()
        except Exception as exc:
            mapped = as_medannot_error(exc)
            if mapped is None:
                raise
            raise mapped from exc

    async def _graphql_multipart(
        self,
        query: str,
        variables: Mapping[str, Any],
        files: Mapping[str, OpenedFile],
        progress: Progress | None = None,
        content_type_: str | None = None,
        *,
        idempotent: bool | None = None,
    ) -> dict[str, Any]:
        """The GraphQL multipart request spec, streamed by the core: `operations`, `map`, then one part per file.

        `files` maps a variable path (`variables.file`) to its opened file; its variable is sent as null.
        `idempotent`: whether a resend is safe; by default only when the document is a query.
        """
        from medannot.core.graphql import graphql_data, operation_kind

        names = list(files)
        fields = [
            ("operations", json.dumps({"query": query, "variables": dict(variables)})),
            ("map", json.dumps({str(i): [path] for i, path in enumerate(names)})),
        ]
        parts = [
            FilePart(str(i), files[path], content_type_ or content_type(files[path].name))
            for i, path in enumerate(names)
        ]
        body = MultipartBody(fields, parts, progress)
        if idempotent is None:
            idempotent = operation_kind(query) == "query"
        response = await self._session.request("POST", self._graphql_url, body=body, idempotent=idempotent)
        return graphql_data(response, labelbox_error)

    async def _execute_json(self, query: str, variables: Mapping[str, Any] | None) -> dict[str, Any]:
        from medannot.core.graphql import graphql_data, operation_kind

        response = await self._session.request(
            "POST",
            self._graphql_url,
            json={"query": query, "variables": dict(variables) if variables is not None else None},
            idempotent=operation_kind(query) == "query",
        )
        return graphql_data(response, labelbox_error)

    async def _upload(
        self,
        opened: OpenedFile,
        *,
        sign: bool = False,
        progress: Progress | None = None,
        content_type_: str | None = None,
    ) -> str:
        """Stream one file through the `uploadFile` mutation; the URL the server stores it under.

        Retried like a GET (the body rewinds): `uploadFile` only stores bytes under a fresh URL and creates
        nothing a user sees, so a resend after a 502 or a dropped connection at worst leaves an unused file."""
        from medannot_api.labelbox.upload_file import UploadFile

        data = await self._graphql_multipart(
            UPLOAD_FILE,
            {"file": None, "contentLength": opened.size, "sign": sign},
            {"variables.file": opened},
            progress,
            content_type_,
            idempotent=True,
        )
        try:
            return UploadFile.model_validate(data).upload_file.url
        except Exception as exc:
            from medannot.core.graphql import as_medannot_error

            mapped = as_medannot_error(exc)
            if mapped is None:
                raise
            raise mapped from exc

    async def _upload_input(self, source: FileInput, *, what: str = "file", progress: Progress | None = None) -> str:
        with opened_input(source, what) as opened:
            return await self._upload(opened, progress=progress)

    # ---- REST (`rest_endpoint`, /api/v1): same session, so the same auth, retries and error mapping

    async def _rest(self, method: str, *path: str, expected: int | None = None, **kwargs: Any) -> httpx.Response:
        url = self._rest_url + "/" + "/".join(quote(p, safe="") for p in path)
        response = await self._session.request(method, url, **kwargs)
        if expected is not None and response.status_code != expected:
            raise ResponseSchemaError(f"{method} {path[0]}: expected status {expected}, got {response.status_code}")
        return response

    async def _rest_json(self, method: str, *path: str, expected: int | None = None, **kwargs: Any) -> Any:
        """`_rest`, its body decoded: a body that is not JSON is a ResponseSchemaError."""
        response = await self._rest(method, *path, expected=expected, **kwargs)
        try:
            return response.json()
        except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError
            raise ResponseSchemaError(
                f"{method} {path[0]}: the REST answer is not JSON: {response.text[:200]!r}"
            ) from exc

    # ---- asynchronous work

    async def _current_user_id(self) -> str:
        if self._user_id is None:
            user = (await self._call(lambda: self._api.get_user())).user
            self._user_id = found(user, "User", "(current)").id
        return self._user_id

    async def _wait_for_task(self, task_id: str, timeout_seconds: float, what: str) -> models.Task:
        """Poll a task through its creator's task list, as the SDK's `Task.wait_till_done()`."""
        user_id = await self._current_user_id()

        async def read() -> Task:
            answer = await self._call(lambda: self._api.poll_task(user_id, task_id))
            user = found(answer.user, "User", user_id)
            if not user.created_tasks:
                raise ResponseSchemaError(f"task {task_id} is not among the tasks of its creator")
            return user.created_tasks[0]

        return await self._poll(read, lambda t: t.status not in ("IN_PROGRESS", "PENDING"), timeout_seconds, what)

    @staticmethod
    async def _poll(
        read: Callable[[], Awaitable[T]], done: Callable[[T], bool], timeout_seconds: float, what: str
    ) -> T:
        """Read until `done`, backing off; a job still running after `timeout_seconds` is a medannot Timeout."""
        return await poll(
            read,
            done,
            timeout=timeout_seconds,
            what=what,
            first_delay=FIRST_POLL,
            max_delay=MAX_POLL,
            timeout_name="timeout_seconds",
        )
