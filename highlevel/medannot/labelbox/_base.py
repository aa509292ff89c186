"""What every area of `medannot.labelbox.Client` shares: the session, the generated client and a few seams
(typed GraphQL calls, REST calls, GraphQL multipart uploads, job polling). The area mixins build on it."""

from __future__ import annotations

import functools
import json
import mimetypes
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast
from urllib.parse import quote

import httpx

from medannot.core.files import FileInput, OpenedFile, open_file_input
from medannot.core.retry import IDEMPOTENT_EXTENSION
from medannot.core.transport import Session
from medannot.core.uploads import FilePart, MultipartBody, Progress
from medannot.errors import APIError, BadInput, InvalidRequest, NotFound, ResponseSchemaError, ServerError
from medannot_api.labelbox.exceptions import GraphQLClientGraphQLMultiError

if TYPE_CHECKING:
    from medannot.labelbox.models import Task
    from medannot_api.labelbox.base_client import HttpClient
    from medannot_api.labelbox.base_model import BaseModel
    from medannot_api.labelbox.client import Client as GeneratedClient

T = TypeVar("T")
M = TypeVar("M", bound="BaseModel")

DEFAULT_PAGE_SIZE = 100

# Status reads of an asynchronous job back off from FIRST_POLL to MAX_POLL seconds (the SDK sleeps 2 s flat).
FIRST_POLL = 0.05
MAX_POLL = 2.0


def require_id(value: object, what: str) -> str:
    """Ids are checked before any request: an empty one would only come back as a confusing server error."""
    if not isinstance(value, str) or not value.strip():
        raise BadInput(f"{what} must be a non-empty string, not {value!r}")
    return value


def require_ids(values: Sequence[str], what: str) -> list[str]:
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise BadInput(f"{what} must be a list of strings, not {type(values).__name__}")
    return [require_id(v, what) for v in values]


def where_input(model: type[M], where: M | Mapping[str, Any] | None) -> M | None:
    """`where` as the generated input type: given as one, or as a mapping of its fields (SDL or Python names).
    (The SDK's `Entity.Project.name == "x"` comparisons belong to its ORM, which is not reproduced.)"""
    if where is None or isinstance(where, model):
        return where
    if isinstance(where, Mapping):
        return model.model_validate(dict(where))
    raise BadInput(f"where must be a {model.__name__} or a mapping, not {type(where).__name__}")


def live_only(model: type[M], where: M | None) -> M:
    """`where` AND `deleted: false`, as the SDK sends for projects and datasets (deleted ones stay listed
    server-side until purged)."""
    alive = model.model_validate({"deleted": False})
    return alive if where is None else model.model_validate({"AND": [where, alive]})


def found(value: T | None, kind: str, id: str) -> T:
    """Labelbox answers a nullable root field with null for an unknown id; the SDK calls that not found."""
    if value is None:
        raise NotFound(f"{kind} {id!r} does not exist")
    return value


class ApiBase:
    """State shared by the mixins; `Client.__init__` sets it up."""

    _session: Session
    _graphql_url: str
    _rest_url: str
    _user_id: str | None

    def _bind(self, session: Session, graphql_url: str, rest_url: str) -> None:
        self._session = session
        self._graphql_url = graphql_url
        self._rest_url = rest_url.rstrip("/")
        self._user_id = None

    @functools.cached_property
    def api(self) -> GeneratedClient:
        """The generated low-level client on the same session (auth, retries, timeouts included).

        Built on first use, and the GraphQL helpers are imported inside the methods using them: they load
        pydantic, which constructing a client (or only calling REST) does not need."""
        from medannot.core.graphql import GraphQLHttp
        from medannot_api.labelbox.client import Client as GeneratedClient

        # GraphQLHttp.post takes `**kwargs` where the generated protocol spells out json/data/files/headers.
        return GeneratedClient(url=self._graphql_url, http_client=cast("HttpClient", GraphQLHttp(self._session)))

    # ---- GraphQL

    def _call(self, send: Callable[[], T]) -> T:
        """One generated operation, its GraphQL errors mapped to medannot errors."""
        from medannot.core.graphql import call_graphql

        try:
            return call_graphql(send, GraphQLClientGraphQLMultiError)
        except ServerError as exc:
            mapped = _as_bad_input(exc, getattr(exc.__cause__, "errors", []))
            if mapped is exc:
                raise
            raise mapped from exc

    def _graphql_multipart(
        self,
        query: str,
        variables: Mapping[str, Any],
        files: Mapping[str, OpenedFile],
        progress: Progress | None = None,
        content_type: str | None = None,
    ) -> dict[str, Any]:
        """The GraphQL multipart request spec, streamed by the core: `operations`, `map`, then one part per file.

        `files` maps a variable path (`variables.file`) to its opened file; its variable is sent as null.
        """
        from medannot.core.graphql import operation_kind

        names = list(files)
        fields = [
            ("operations", json.dumps({"query": query, "variables": dict(variables)})),
            ("map", json.dumps({str(i): [path] for i, path in enumerate(names)})),
        ]
        parts = [
            FilePart(str(i), files[path], content_type or _content_type(files[path].name))
            for i, path in enumerate(names)
        ]
        body = MultipartBody(fields, parts, progress)
        response = self._session.request(
            "POST",
            self._graphql_url,
            content=body,
            headers=body.headers,
            extensions={IDEMPOTENT_EXTENSION: operation_kind(query) == "query"},
        )
        return _graphql_data(response)

    def _execute_json(self, query: str, variables: Mapping[str, Any] | None) -> dict[str, Any]:
        from medannot.core.graphql import GraphQLHttp

        # GraphQLHttp marks queries idempotent (retried) and mutations not.
        response = GraphQLHttp(self._session).post(self._graphql_url, json={"query": query, "variables": variables})
        return _graphql_data(response)

    def _upload(
        self,
        opened: OpenedFile,
        *,
        sign: bool = False,
        progress: Progress | None = None,
        content_type: str | None = None,
    ) -> str:
        """Stream one file through the `uploadFile` mutation; the URL the server stores it under."""
        from medannot_api.labelbox.upload_file import UploadFile

        data = self._graphql_multipart(
            UPLOAD_FILE,
            {"file": None, "contentLength": opened.size, "sign": sign},
            {"variables.file": opened},
            progress,
            content_type,
        )
        return self._call(lambda: UploadFile.model_validate(data)).upload_file.url

    def _upload_input(self, source: FileInput, *, progress: Progress | None = None) -> str:
        with open_file_input(source, what="file") as opened:
            return self._upload(opened, progress=progress)

    # ---- REST (`rest_endpoint`, /api/v1): same session, so the same auth, retries and error mapping

    def _rest(self, method: str, *path: str, expected: int | None = None, **kwargs: Any) -> httpx.Response:
        url = self._rest_url + "/" + "/".join(quote(p, safe="") for p in path)
        response = self._session.request(method, url, **kwargs)
        if expected is not None and response.status_code != expected:
            raise ResponseSchemaError(f"{method} {path[0]}: expected status {expected}, got {response.status_code}")
        return response

    # ---- asynchronous work

    def _current_user_id(self) -> str:
        if self._user_id is None:
            user = self._call(lambda: self.api.get_user()).user
            self._user_id = found(user, "User", "(current)").id
        return self._user_id

    def _wait_for_task(self, task_id: str, timeout_seconds: float, what: str) -> Task:
        """Poll a task through its creator's task list, as the SDK's `Task.wait_till_done()`."""
        user_id = self._current_user_id()

        def read() -> Task:
            user = found(self._call(lambda: self.api.poll_task(user_id, task_id)).user, "User", user_id)
            if not user.created_tasks:
                raise ResponseSchemaError(f"task {task_id} is not among the tasks of its creator")
            return user.created_tasks[0]

        return self._poll(read, lambda t: t.status not in ("IN_PROGRESS", "PENDING"), timeout_seconds, what)

    @staticmethod
    def _poll(read: Callable[[], T], done: Callable[[T], bool], timeout_seconds: float, what: str) -> T:
        """Read until `done`, backing off; a job still running after `timeout_seconds` is a TimeoutError."""
        deadline = time.monotonic() + timeout_seconds
        delay = FIRST_POLL
        while True:
            value = read()
            if done(value):
                return value
            if time.monotonic() + delay > deadline:
                raise TimeoutError(f"{what} did not finish within {timeout_seconds} s")
            time.sleep(delay)
            delay = min(delay * 2, MAX_POLL)


# The UploadFile operation of operations/datarows.graphql (a unit test keeps them equal), sent by hand because
# the generated client would build the multipart body itself instead of streaming it through the core.
UPLOAD_FILE = (
    "mutation UploadFile($file: Upload!, $contentLength: Int!, $sign: Boolean) {"
    " uploadFile(file: $file, contentLength: $contentLength, sign: $sign) { url filename } }"
)


def _content_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _as_bad_input(error: ServerError, errors: Sequence[Any]) -> APIError:
    """Labelbox reports rejected input as INTERNAL_SERVER_ERROR with `exception.status` 400 (the SDK raises
    InvalidQueryError for exactly that); it is the caller's mistake, not a server failure."""
    for item in errors:
        extensions = item.get("extensions") if isinstance(item, Mapping) else getattr(item, "extensions", None)
        exception = extensions.get("exception") if isinstance(extensions, Mapping) else None
        if isinstance(exception, Mapping) and exception.get("status") == 400:
            return InvalidRequest(error.message, status_code=400)
    return error


def _graphql_data(response: httpx.Response) -> dict[str, Any]:
    """`data` of a GraphQL answer sent by hand; its `errors` become the same typed errors as generated calls'."""
    from medannot.core.graphql import error_from_graphql

    try:
        body = response.json()
    except ValueError as exc:
        raise ResponseSchemaError(f"the GraphQL answer is not JSON: {response.text[:200]!r}") from exc
    if not isinstance(body, dict):
        raise ResponseSchemaError("the GraphQL answer is not a JSON object")
    if body.get("errors"):
        error = error_from_graphql(body["errors"])
        raise _as_bad_input(error, body["errors"]) if isinstance(error, ServerError) else error
    data = body.get("data")
    if not isinstance(data, dict):
        raise ResponseSchemaError("the GraphQL answer has neither data nor errors")
    return data
