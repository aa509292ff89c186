"""gcapi's namespaces (`client.algorithms`, `client.archive_items`, ...): `page`, `iterate_all`, `detail`, and
`create` / `update` / `partial_update` where the API allows them; `wait()` on the objects the server works on in
the background (jobs, upload sessions, archive-item and display-set imports)."""

from __future__ import annotations

import functools
import importlib
import os
import uuid
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeAlias, TypeVar, cast

from medannot import grandchallenge
from medannot.core._async.jobs import poll
from medannot.core._async.pagination import DrfPage, LazyPage, next_url_pages
from medannot.core.response import parse_json
from medannot.core.validate import require_int
from medannot.errors import BadInput, NotFound
from medannot.grandchallenge import models
from medannot.grandchallenge._common import (
    FAILED_JOB,
    TERMINAL_JOB,
    TERMINAL_SESSION,
    check_status,
    require_pk,
    session_messages,
)
from medannot.grandchallenge.exceptions import ImportFailed, JobFailed, MultipleObjectsReturned, ObjectNotFound
from medannot.grandchallenge.models import PageResult
from medannot.types import JSONObject, JSONValue

# Models are named through `models` (`models.HyperlinkedJob`), whose PEP 562 hook loads them when
# `typing.get_type_hints()` asks, and the client through the package (`grandchallenge.AsyncClient`), which loads it
# the same way: importing this module loads neither, and every public signature resolves.

T = TypeVar("T")
R = TypeVar("R")
PAGE_SIZE = 1000  # iterate_all: the server's maximum page, so a listing costs as few round trips as it can

PK: TypeAlias = str | int | uuid.UUID
"""A primary key: a UUID (most objects), a number (sockets, questions' options), or either as a string."""
Filter: TypeAlias = str | int | float | bool | uuid.UUID
"""The value of one of the server's (Django REST framework) query filters: `params={"reader_study": rs.pk}`."""
Field: TypeAlias = JSONValue | uuid.UUID | os.PathLike[str]
"""The value of one field of a JSON body (`create(title="...", values=[...])`); UUIDs and paths are sent as
strings, models as their JSON."""


@functools.cache  # looked up for every object a listing parses: once per model name is enough
def _model(name: str) -> Any:
    return getattr(importlib.import_module("medannot_api.grandchallenge.models"), name)


def jsonable(value: Any) -> Any:
    """Arguments for a JSON body: models as their JSON, UUIDs and paths as strings."""
    if hasattr(value, "to_dict") and callable(value.to_dict):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (uuid.UUID, os.PathLike)):
        return str(value) if isinstance(value, uuid.UUID) else os.fspath(value)
    return value


def pk_of(obj: object, name: str = "obj") -> str:
    """The pk of a model, a dict with "pk", a UUID or a pk string."""
    if isinstance(obj, Mapping) and "pk" in obj:
        return require_pk(obj["pk"], name)
    pk = getattr(obj, "pk", None)
    if pk is not None:
        return require_pk(pk, name)
    return require_pk(obj, name)


class AsyncAPI(Generic[T]):
    """One listing of the API (gcapi's `APIBase`)."""

    base_path: ClassVar[str] = ""
    model_name: ClassVar[str] = ""

    def __init__(self, client: grandchallenge.AsyncClient) -> None:
        self._client = client

    @property
    def model(self) -> type[T]:
        return cast("type[T]", _model(self.model_name))

    def _url(self, pk: str | None = None) -> str:
        return self._client._api_path + self.base_path + (f"{pk}/" if pk is not None else "")

    def _parse(self, data: Any) -> T:
        return parse_json(self.model, data)  # type: ignore[type-var]  # T: a generated model

    async def page(
        self, offset: int = 0, limit: int = 100, params: Mapping[str, Filter] | None = None
    ) -> PageResult[T]:
        """One page: `limit` objects (the server caps it at 1000) from `offset`, filtered by `params` (e.g.
        `{"slug": "corads-ai"}`); `.total_count` is the server's count of all matches."""
        offset = require_int(offset, "offset", min=0)
        limit = require_int(limit, "limit", min=1)
        query = {**_params(params), "offset": offset, "limit": limit}
        data = await self._client._get(self._url(), params=query)
        page = DrfPage.from_json(data, self._parse)
        return PageResult(offset=offset, limit=limit, total_count=page.count or 0, results=list(page.results))

    async def iterate_all(self, params: Mapping[str, Filter] | None = None) -> AsyncIterator[T]:
        """Every object, page by page as iteration needs them: the server's `next` links are followed (on the
        API's own host only) and the listing ends on the last page, without an extra request."""
        query = {**_params(params), "limit": PAGE_SIZE}

        async def fetch(url: str | None) -> LazyPage[T]:
            if url is None:
                data = await self._client._get(self._url(), params=query)
            else:
                data = await self._client._get(self._client._from_server(url, "a listing's next link"))
            return DrfPage.lazy_json(data, self._parse)  # parsed while the next page is fetched

        async for item in next_url_pages(fetch):  # noqa: UP028, RUF100 (the async source cannot `yield from`)
            yield item

    async def detail(self, pk: PK | None = None, api_url: str | None = None, **params: Filter) -> T:
        """One object by `pk`, by `api_url` (on the API's host), or by filters that match exactly one
        (`detail(slug="corads-ai")`). Raises `ObjectNotFound` (a `NotFound`) when there is none,
        `MultipleObjectsReturned` when filters match several, `BadInput` unless exactly one way is given."""
        if sum(x is not None and x != "" and x != {} for x in (pk, api_url, params or None)) != 1:
            raise BadInput("exactly one of pk, api_url or filters (e.g. slug=...) must be given")
        if pk is not None or api_url is not None:
            url = self._url(require_pk(pk, "pk")) if pk is not None else self._client._checked(api_url, "api_url")
            try:
                return self._parse(await self._client._get(url))
            except NotFound as exc:
                raise _not_found(exc) from exc
        page = await self.page(limit=2, params=params)
        if len(page) == 1:
            return page[0]
        shown = ", ".join(f"{k}={v!r}" for k, v in params.items())
        if not page:
            raise ObjectNotFound(f"no {self.model_name} matches {shown}")
        raise MultipleObjectsReturned(
            f"{page.total_count} objects of {self.model_name} match {shown}; expected one", count=page.total_count
        )


def _params(params: Mapping[str, Filter] | None) -> dict[str, Any]:
    if params is None:
        return {}
    if not isinstance(params, Mapping):
        raise BadInput(f"params must be a dict of filters, not {type(params).__name__}")
    return {str(k): jsonable(v) for k, v in params.items()}


def _not_found(exc: NotFound) -> ObjectNotFound:
    return ObjectNotFound(
        exc.message,
        status_code=exc.status_code,
        method=exc.method,
        url=exc.url,
        body_excerpt=exc.body_excerpt,
        request_id=exc.request_id,
        hint=exc.hint,
    )


class AsyncModifiableAPI(AsyncAPI[T], Generic[T, R]):
    """gcapi's `ModifiableMixin`: JSON bodies; the answers are `response_model_name` objects."""

    response_model_name: ClassVar[str] = ""

    def _answer(self, data: Any) -> R:
        return cast("R", parse_json(_model(self.response_model_name), data))

    def _body(self, kwargs: Mapping[str, Any]) -> dict[str, Any]:
        return {k: jsonable(v) for k, v in kwargs.items()}

    async def create(self, **kwargs: Field) -> R:
        """POST a new object with these fields (the API's names); returns the server's answer."""
        return self._answer(await self._client._send("POST", self._url(), json=self._body(kwargs)))

    async def update(self, pk: PK, **kwargs: Field) -> R:
        """PUT: replace the object's fields with these."""
        url = self._url(require_pk(pk, "pk"))
        return self._answer(await self._client._send("PUT", url, json=self._body(kwargs)))

    async def partial_update(self, pk: PK, **kwargs: Field) -> R:
        """PATCH: change these fields of the object."""
        url = self._url(require_pk(pk, "pk"))
        return self._answer(await self._client._send("PATCH", url, json=self._body(kwargs)))

    async def delete(self, pk: PK) -> None:
        await self._client._send("DELETE", self._url(require_pk(pk, "pk")))


class AsyncImagesAPI(AsyncAPI["models.HyperlinkedImage"]):
    base_path = "cases/images/"
    model_name = "HyperlinkedImage"

    async def download(
        self,
        *,
        output_directory: str | os.PathLike[str] | None = None,
        filename: str | os.PathLike[str] | None = None,
        image_type: str | None = None,
        pk: PK | None = None,
        url: str | None = None,
        files: Sequence[models.ImageFile | Mapping[str, JSONValue]] | None = None,
        overwrite: bool = False,
        **params: Filter,
    ) -> list[Path]:
        """Save every file of an image (or those of `image_type`: "MHD", "TIFF", "DZI"), streamed, length-
        checked and atomic, as `<filename or image pk><suffix>`; returns the paths.

        gcapi 0.16: `output_directory` (created when missing) and an optional base `filename`. gcapi 0.13:
        `filename` alone is a path whose directory receives the files. Exactly one of `pk`, `url`, `files` or
        filters selects the image. An existing file is a `FileExists` (a `FileExistsError`) unless
        `overwrite=True`. Redirects are followed only to this server or to presigned storage URLs, never
        with the token."""
        if sum(bool(x) for x in (pk, url, files, params)) != 1:
            raise BadInput("exactly one of pk, url, files or filters must be given")
        if output_directory is None and filename is None:
            raise BadInput("output_directory (or gcapi 0.13's filename=) is required")
        base: str | None
        if output_directory is None:
            path = Path(os.fspath(filename))  # type: ignore[arg-type]
            directory, base = path.parent, path.name
        else:  # (base: the files' name without suffix, None until known)
            directory = Path(os.fspath(output_directory))
            base = None if filename is None else os.fspath(filename)
        if files is None:
            if pk is not None:
                image = await self.detail(pk=pk)
            elif url is not None:
                image = await self.detail(api_url=url)
            else:
                image = await self.detail(pk=None, api_url=None, **params)
            files = list(image.files)
            base = base or str(image.pk)
        return await self._client._download_files(files, directory, base or "image", image_type, overwrite)


class AsyncUploadSessionsAPI(AsyncModifiableAPI["models.RawImageUploadSession", "models.RawImageUploadSession"]):
    base_path = "cases/upload-sessions/"
    model_name = "RawImageUploadSession"
    response_model_name = "RawImageUploadSession"

    async def wait(
        self,
        session: models.RawImageUploadSession | Mapping[str, JSONValue] | PK,
        *,
        timeout: float = 3600.0,
        progress: Callable[[models.RawImageUploadSession], object] | None = None,
    ) -> models.RawImageUploadSession:
        """Poll an upload session until the server finishes importing it; returns it (`Succeeded`). Raises
        `ImportFailed` with the server's per-file messages when it ends `Failed` or `Cancelled`,
        `medannot.errors.Timeout` after `timeout` seconds."""
        pk = pk_of(session, "session")

        async def read() -> models.RawImageUploadSession:
            return await self.detail(pk=pk)

        done: models.RawImageUploadSession = await poll(
            read,
            lambda s: check_status(s.status, "the upload session") in TERMINAL_SESSION,
            timeout=timeout,
            what=f"upload session {pk}",
            first_delay=0.1,
            max_delay=5.0,
            progress=progress,
        )
        if done.status != "Succeeded":
            messages = session_messages(done.error_message)
            raise ImportFailed(f"upload session {pk}", status=done.status, url=done.api_url, messages=messages)
        return done


class AsyncReaderStudyQuestionsAPI(AsyncAPI["models.Question"]):
    base_path = "reader-studies/questions/"
    model_name = "Question"


class AsyncReaderStudyMineAnswersAPI(AsyncAPI["models.Answer"]):
    base_path = "reader-studies/answers/mine/"
    model_name = "Answer"


class AsyncReaderStudyAnswersAPI(AsyncModifiableAPI["models.Answer", "models.Answer"]):
    base_path = "reader-studies/answers/"
    model_name = "Answer"
    response_model_name = "Answer"

    mine: AsyncReaderStudyMineAnswersAPI  # the current user's answers

    def __init__(self, client: grandchallenge.AsyncClient) -> None:
        super().__init__(client)
        self.mine = AsyncReaderStudyMineAnswersAPI(client)

    def _body(self, kwargs: Mapping[str, Any]) -> dict[str, Any]:
        body = super()._body(kwargs)
        for key, path in (("question", "reader-studies/questions/"), ("display_set", "reader-studies/display-sets/")):
            value = body.get(key)
            if isinstance(value, str) and _is_uuid(value):  # as gcapi: a pk becomes the object's API URL
                body[key] = self._client._absolute(self._client._api_path + path + value + "/")
        return body


class AsyncReaderStudyDisplaySetsAPI(AsyncModifiableAPI["models.DisplaySet", "models.DisplaySetPost"]):
    base_path = "reader-studies/display-sets/"
    model_name = "DisplaySet"
    response_model_name = "DisplaySetPost"

    async def wait(
        self,
        display_set: models.DisplaySet | models.DisplaySetPost | Mapping[str, JSONValue] | PK,
        *,
        timeout: float = 3600.0,
        progress: Callable[[models.DisplaySet], object] | None = None,
    ) -> models.DisplaySet:
        """Poll until the values this client sent to the display set have landed (uploads are imported in the
        background); returns the display set. `ImportFailed` with the server's per-file messages when an
        import failed, `medannot.errors.Timeout` after `timeout` seconds."""
        found = await self._client._wait_values(self, pk_of(display_set, "display_set"), timeout, progress)
        return cast("models.DisplaySet", found)


class AsyncReaderStudiesAPI(AsyncAPI["models.ReaderStudy"]):
    base_path = "reader-studies/"
    model_name = "ReaderStudy"

    questions: AsyncReaderStudyQuestionsAPI
    answers: AsyncReaderStudyAnswersAPI
    display_sets: AsyncReaderStudyDisplaySetsAPI

    def __init__(self, client: grandchallenge.AsyncClient) -> None:
        super().__init__(client)
        self.questions = AsyncReaderStudyQuestionsAPI(client)
        self.answers = AsyncReaderStudyAnswersAPI(client)
        self.display_sets = AsyncReaderStudyDisplaySetsAPI(client)

    async def ground_truth(self, pk: PK, case_pk: PK) -> JSONObject:
        """The ground truth of one case (display set) of an educational reader study: {question: answer}."""
        url = self._url(require_pk(pk, "pk")) + f"ground-truth/{require_pk(case_pk, 'case_pk')}/"
        data = await self._client._get(url)
        if not isinstance(data, dict):
            from medannot.errors import ResponseSchemaError

            raise ResponseSchemaError("the ground truth must be a JSON object")
        return data


class AsyncAlgorithmsAPI(AsyncAPI["models.Algorithm"]):
    base_path = "algorithms/"
    model_name = "Algorithm"


class AsyncAlgorithmImagesAPI(AsyncAPI["models.AlgorithmImage"]):
    base_path = "algorithms/images/"
    model_name = "AlgorithmImage"


class AsyncAlgorithmJobsAPI(AsyncModifiableAPI["models.HyperlinkedJob", "models.JobPost"]):
    base_path = "algorithms/jobs/"
    model_name = "HyperlinkedJob"
    response_model_name = "JobPost"

    async def by_input_image(self, pk: PK) -> AsyncIterator[models.HyperlinkedJob]:
        """The jobs that used an image as input (the server's `input_image` filter)."""
        jobs = self.iterate_all(params={"input_image": require_pk(pk, "pk")})
        async for job in jobs:  # noqa: UP028, RUF100 (the async source cannot `yield from`)
            yield job

    async def wait(
        self,
        job: models.HyperlinkedJob | models.JobPost | Mapping[str, JSONValue] | PK,
        *,
        timeout: float = 3600.0,
        progress: Callable[[models.HyperlinkedJob], object] | None = None,
    ) -> models.HyperlinkedJob:
        """Poll a job until it ends (backing off from 0.1 s to 5 s between reads; `progress(job)` sees each
        read); returns it (`Succeeded`). Raises `JobFailed` when it ends `Failed` or `Cancelled`, with the
        per-file messages of its inputs' imports where this client uploaded them;
        `medannot.errors.Timeout` after `timeout` seconds."""
        pk = pk_of(job, "job")

        async def read() -> models.HyperlinkedJob:
            return await self.detail(pk=pk)

        done: models.HyperlinkedJob = await poll(
            read,
            lambda j: check_status(j.status, "the job") in TERMINAL_JOB,
            timeout=timeout,
            what=f"algorithm job {pk}",
            first_delay=0.1,
            max_delay=5.0,
            progress=progress,
        )
        if done.status in FAILED_JOB:
            pending = self._client._imports.get(pk, {})
            uploads = {u for _, ups in pending.values() for u in ups}
            failed = await self._client._import_failure(uploads) if uploads else None
            messages = failed[1] if failed else []
            raise JobFailed(f"algorithm job {pk}", status=done.status, url=done.api_url, messages=messages)
        self._client._imports.pop(pk, None)
        return done


class AsyncArchivesAPI(AsyncAPI["models.Archive"]):
    base_path = "archives/"
    model_name = "Archive"


class AsyncArchiveItemsAPI(AsyncModifiableAPI["models.ArchiveItem", "models.ArchiveItemPost"]):
    base_path = "archives/items/"
    model_name = "ArchiveItem"
    response_model_name = "ArchiveItemPost"

    async def wait(
        self,
        item: models.ArchiveItem | models.ArchiveItemPost | Mapping[str, JSONValue] | PK,
        *,
        timeout: float = 3600.0,
        progress: Callable[[models.ArchiveItem], object] | None = None,
    ) -> models.ArchiveItem:
        """Poll until the values this client sent to the archive item have landed; returns the item.
        `ImportFailed` with the server's per-file messages when an import failed, `medannot.errors.Timeout`
        after `timeout` seconds."""
        found = await self._client._wait_values(self, pk_of(item, "item"), timeout, progress)
        return cast("models.ArchiveItem", found)


class AsyncComponentInterfacesAPI(AsyncAPI["models.ComponentInterface"]):
    base_path = "components/interfaces/"
    model_name = "ComponentInterface"


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


__all__ = [
    "AsyncAPI",
    "AsyncAlgorithmImagesAPI",
    "AsyncAlgorithmJobsAPI",
    "AsyncAlgorithmsAPI",
    "AsyncArchiveItemsAPI",
    "AsyncArchivesAPI",
    "AsyncComponentInterfacesAPI",
    "AsyncImagesAPI",
    "AsyncModifiableAPI",
    "AsyncReaderStudiesAPI",
    "AsyncReaderStudyAnswersAPI",
    "AsyncReaderStudyDisplaySetsAPI",
    "AsyncReaderStudyMineAnswersAPI",
    "AsyncReaderStudyQuestionsAPI",
    "AsyncUploadSessionsAPI",
]
