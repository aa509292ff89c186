"""`medannot.grandchallenge.AsyncClient` (and its generated twin `Client`): gcapi's namespaces and verbs (the
seed's 0.13 ones and 0.16's), typed, with uploads that survive failures, waits that say why an import failed,
and downloads that are streamed, checked and atomic.

The token goes only to the API's own origin: URLs found in answers are followed on that host only, and
presigned storage URLs (uploads, redirected downloads) are sent without it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypeVar, overload

import httpx

from medannot.core._async.client import AsyncBaseClient
from medannot.core._async.jobs import poll
from medannot.core.config import ClientOptions, TimeoutValue, Verify
from medannot.core.downloads import asave_response, atomic_file
from medannot.core.mime import suffix as file_suffix
from medannot.core.redact import Secret, redact_url
from medannot.core.response import answer_json, parse_json, parse_model
from medannot.core.retry import READ_BODY_EXTENSION, RetryPolicy
from medannot.core.validate import require_bool, require_int
from medannot.core.versions import check_server_version
from medannot.errors import BadInput, FileExists, ResponseSchemaError, error_from_response
from medannot.grandchallenge import models
from medannot.grandchallenge._async.api import (
    PK,
    AsyncAlgorithmImagesAPI,
    AsyncAlgorithmJobsAPI,
    AsyncAlgorithmsAPI,
    AsyncAPI,
    AsyncArchiveItemsAPI,
    AsyncArchivesAPI,
    AsyncComponentInterfacesAPI,
    AsyncImagesAPI,
    AsyncModifiableAPI,
    AsyncReaderStudiesAPI,
    AsyncReaderStudyAnswersAPI,
    AsyncReaderStudyDisplaySetsAPI,
    AsyncReaderStudyQuestionsAPI,
    AsyncUploadSessionsAPI,
    Filter,
    jsonable,
    pk_of,
)
from medannot.grandchallenge._async.uploads import AsyncUploadsAPI
from medannot.grandchallenge._common import (
    DEFAULT_BASE_URL,
    Prepared,
    ServerBearerAuth,
    interface_mismatch,
    is_loopback,
    is_presigned,
    not_found_message,
    origin,
    parse_token,
    prepare,
    require_pk,
    require_slug,
    session_messages,
    slug_of,
    specs_from,
    split_base_url,
)
from medannot.grandchallenge._parts import DEFAULT_PART_SIZE, S3_MIN_PART, StateStore, default_resume_dir
from medannot.grandchallenge.exceptions import ImportFailed, ObjectNotFound, SocketNotFound
from medannot.grandchallenge.models import SocketValues as Values
from medannot.grandchallenge.models import with_inputs
from medannot.types import JSONValue

# The generated models are named in signatures through `models` (`models.Algorithm`), whose PEP 562 hook loads
# them when `typing.get_type_hints()` asks: importing the client loads none of them.
if TYPE_CHECKING:
    from medannot_api.grandchallenge.client import AuthenticatedClient

V = TypeVar("V")
R = TypeVar("R")
Keep: TypeAlias = Literal["keep"]
"""`order="keep"` (the default of the update verbs) leaves a display set's order as it is (gcapi's `Unset`)."""
# What `client.wait()` takes: the objects the server works on in the background, as the verbs return them.
Waitable: TypeAlias = (
    "models.JobPost | models.HyperlinkedJob | models.RawImageUploadSession | models.ArchiveItem"
    " | models.ArchiveItemPost | models.DisplaySet | models.DisplaySetPost"
)
# What `c(url=...)` parses an object of a known listing into (the namespaces' models).
Listed: TypeAlias = (
    "models.HyperlinkedImage | models.RawImageUploadSession | models.ReaderStudy | models.DisplaySet | models.Answer"
    " | models.Question | models.UserUpload | models.Algorithm | models.HyperlinkedJob | models.AlgorithmImage"
    " | models.Archive | models.ArchiveItem | models.ComponentInterface"
)
MAX_REDIRECTS = 5
DEFAULT_IMAGE_SOCKET = "generic-medical-image"  # what the seed's `upload_cases(reader_study=...)` fills


class AsyncClient(AsyncBaseClient["AuthenticatedClient"]):
    """The Grand Challenge API (gcapi's `Client`). Use it as a context manager, or call `close()`.

    >>> async with AsyncClient(token="...") as c:
    ...     job = await c.start_algorithm_job(algorithm_slug="corads-ai", inputs=[...])
    ...     job = await c.algorithm_jobs.wait(job)

    `token`: the argument, else $GRAND_CHALLENGE_AUTHORIZATION ("Bearer "/"Token " prefixes and white space
    are dropped). `base_url`: the API's base URL, https (plain http only on a loopback address), ending with
    `/api/v1/`. `verify`: True, a CA bundle path or an `ssl.SSLContext`. `timeout`: seconds (or an
    `httpx.Timeout`) per request. Nothing is sent by the constructor.

    Uploads: `part_size` (default 32 MiB, at least S3's 5 MiB unless the server is on loopback), `part_concurrency`
    parts of a file at a time, `max_concurrent_uploads` files at a time, `part_retries` retries per part;
    `resume_dir` keeps the state of unfinished uploads of files given by path (default
    `~/.cache/medannot/grandchallenge/uploads`; `resumable=False` turns resuming off). `max_concurrent_downloads`
    bounds parallel file downloads. gcapi's `retry_strategy` is not taken: pass `retry=RetryPolicy(...)`.
    """

    # gcapi's namespaces, declared here so that `typing.get_type_hints(Client)` (and documentation tools) see them
    images: AsyncImagesAPI
    raw_image_upload_sessions: AsyncUploadSessionsAPI
    reader_studies: AsyncReaderStudiesAPI
    display_sets: AsyncReaderStudyDisplaySetsAPI
    answers: AsyncReaderStudyAnswersAPI
    questions: AsyncReaderStudyQuestionsAPI
    uploads: AsyncUploadsAPI
    algorithms: AsyncAlgorithmsAPI
    algorithm_jobs: AsyncAlgorithmJobsAPI
    algorithm_images: AsyncAlgorithmImagesAPI
    archives: AsyncArchivesAPI
    archive_items: AsyncArchiveItemsAPI
    interfaces: AsyncComponentInterfacesAPI

    def __init__(
        self,
        token: str | None = "",
        base_url: str = DEFAULT_BASE_URL,
        verify: Verify = True,
        timeout: TimeoutValue = 60.0,
        retry_strategy: None = None,
        max_concurrent_uploads: int = 10,
        max_concurrent_downloads: int = 10,
        *,
        retry: RetryPolicy | None = None,
        proxy: str | None = None,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        part_size: int = DEFAULT_PART_SIZE,
        part_concurrency: int = 4,
        part_retries: int = 5,
        resume_dir: str | os.PathLike[str] | None = None,
        resumable: bool = True,
    ) -> None:
        if retry_strategy is not None:
            raise BadInput("retry_strategy (gcapi's) is not supported: pass retry=medannot.core.retry.RetryPolicy(...)")
        root, api_path = split_base_url(base_url)
        secret = parse_token(token if isinstance(token, (str, Secret)) or token is None else _bad_token(token))
        self._max_uploads = require_int(max_concurrent_uploads, "max_concurrent_uploads", min=1)
        self._max_downloads = require_int(max_concurrent_downloads, "max_concurrent_downloads", min=1)
        self._part_concurrency = require_int(part_concurrency, "part_concurrency", min=1)
        self._part_retries = require_int(part_retries, "part_retries", min=0)
        size = require_int(part_size, "part_size", min=1)
        if size < S3_MIN_PART and not is_loopback(httpx.URL(root).host):
            raise BadInput(f"part_size must be at least {S3_MIN_PART} bytes (S3's minimum for all but the last part)")
        self._part_size = size
        self._resumable = require_bool(resumable, "resumable")
        if resume_dir is not None and not isinstance(resume_dir, (str, os.PathLike)):
            raise BadInput(f"resume_dir must be a directory path or None, not {type(resume_dir).__name__}")
        directory = Path(os.fspath(resume_dir)) if resume_dir is not None else default_resume_dir()
        self._states = StateStore(directory if self._resumable else None)
        self._root, self._api_path = root, api_path
        self._origin = origin(httpx.URL(root))
        options = ClientOptions.of(
            root,
            timeout=timeout,
            retry=retry,
            verify=verify,
            proxy=proxy,
            transport=transport,
            url_name="base_url",
            platform="grandchallenge",
        )
        super().__init__(options, ServerBearerAuth(secret, root))
        self._sockets: dict[str, models.ComponentInterface] = {}
        self._algorithms: dict[str, models.Algorithm] = {}
        # object pk -> {socket slug: (pk of the value it replaces, pks of the uploads it is made from)}
        self._imports: dict[str, dict[str, tuple[int | None, list[str]]]] = {}
        self._sessions_of: dict[frozenset[str], list[str]] = {}
        self.images = AsyncImagesAPI(self)
        self.raw_image_upload_sessions = AsyncUploadSessionsAPI(self)
        self.reader_studies = AsyncReaderStudiesAPI(self)
        self.display_sets = self.reader_studies.display_sets
        self.answers = self.reader_studies.answers
        self.questions = self.reader_studies.questions
        self.uploads = AsyncUploadsAPI(self)
        self.algorithms = AsyncAlgorithmsAPI(self)
        self.algorithm_jobs = AsyncAlgorithmJobsAPI(self)
        self.algorithm_images = AsyncAlgorithmImagesAPI(self)
        self.archives = AsyncArchivesAPI(self)
        self.archive_items = AsyncArchiveItemsAPI(self)
        self.interfaces = AsyncComponentInterfacesAPI(self)

    def _new_api(self) -> AuthenticatedClient:
        from medannot_api.grandchallenge.client import AuthenticatedClient

        return self._session.generated(AuthenticatedClient)

    @property
    def base_url(self) -> str:
        """The API's base URL (`https://grand-challenge.org/api/v1/`)."""
        return redact_url(self._absolute(self._api_path))

    def __repr__(self) -> str:  # the API's base URL, without user info (the token lives in the auth)
        return f"medannot.grandchallenge.{type(self).__name__}({self.base_url!r})"

    # --- requests -------------------------------------------------------------------------------
    def _absolute(self, path: str) -> str:
        return str(httpx.URL(self._root).join(path))

    def _checked(self, url: object, what: str) -> str:
        """A URL given by the caller: absolute, on the API's origin (else `BadInput`: the token stays home)."""
        if not isinstance(url, str) or not url.strip():
            raise BadInput(f"{what} must be a URL string")
        try:
            parsed = httpx.URL(url.strip())
        except (httpx.InvalidURL, TypeError, ValueError) as exc:
            raise BadInput(f"{what} is not a URL: {exc}") from None
        if not parsed.is_absolute_url or origin(parsed) != self._origin:
            raise BadInput(
                f"{what} {redact_url(url)!r} is not on {redact_url(self._root)}: the client follows URLs on the "
                "API's own host only, so the token never leaves it"
            )
        return str(parsed)

    def _from_server(self, url: str, what: str) -> str:
        """A URL found in an answer: on the API's origin, else `ResponseSchemaError` (never followed)."""
        try:
            return self._checked(url, what)
        except BadInput as exc:
            raise ResponseSchemaError(f"the server's {exc}") from None

    async def _get(self, url: str, params: Mapping[str, Any] | None = None) -> Any:
        response = await self._session.request("GET", url, params=params, headers={"Accept": "application/json"})
        return answer_json(response)

    async def _send(self, method: str, url: str, *, json: Any = None, idempotent: bool | None = None) -> Any:
        response = await self._session.request(
            method, url, json=json, idempotent=idempotent, headers={"Accept": "application/json"}
        )
        return answer_json(response) if response.content else None

    async def _storage_put(self, url: str, body: Any) -> httpx.Response:
        """PUT a part to a presigned storage URL: never with the token (the URL carries its own signature)."""
        target = httpx.URL(url)
        if target.scheme != "https" and not (target.scheme == "http" and is_loopback(target.host)):
            raise ResponseSchemaError(f"the server's presigned URL is not https: {redact_url(url)!r}")
        request = self._session.build("PUT", url, body=body)
        request.extensions[READ_BODY_EXTENSION] = True
        response = await self._session.http.send(request, auth=None)
        if 300 <= response.status_code < 400:
            await response.aread()
            raise error_from_response(response)
        return response

    async def _download(self, url: str, dest: Path, *, overwrite: bool) -> Path:
        """Stream a file to `dest` (a file path), atomically and length-checked. The first request carries the
        token (the API's own host); redirects are followed only to this host or to presigned storage URLs,
        without it."""
        current = httpx.URL(self._from_server(url, "file URL"))
        for hop in range(MAX_REDIRECTS + 1):
            request = self._session.build("GET", str(current))
            if hop:  # a redirect: never with the token
                response = await self._session.http.send(request, stream=True, auth=None)
            else:
                response = await self._session.http.send(request, stream=True)
            if 300 <= response.status_code < 400:
                location = response.headers.get("location")
                await response.aclose()
                if not location:
                    raise ResponseSchemaError(f"a redirect without a Location ({redact_url(str(current))})")
                following = current.join(location)
                secure = following.scheme == "https" or is_loopback(following.host)
                if not secure or (origin(following) != self._origin and not is_presigned(following)):
                    raise ResponseSchemaError(
                        f"the download of {redact_url(url)} redirected to {redact_url(str(following))}, which is "
                        "neither this server nor a presigned (https) storage URL; not followed"
                    )
                current = following
                continue
            try:
                return await asave_response(response, dest, default_name=dest.name, overwrite=overwrite)
            finally:
                await response.aclose()
        raise ResponseSchemaError(f"the download of {redact_url(url)} redirected more than {MAX_REDIRECTS} times")

    async def _download_files(
        self,
        files: Sequence[models.ImageFile | Mapping[str, JSONValue]],
        directory: Path,
        base: str,
        image_type: str | None,
        overwrite: bool,
    ) -> list[Path]:
        require_bool(overwrite, "overwrite")
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BadInput(f"output_directory: cannot create {str(directory)!r}: {exc.strerror}") from exc
        chosen = [f for f in files if not image_type or _field(f, "image_type") == image_type]
        targets = []
        for f in chosen:
            url = _field(f, "file")
            name = httpx.URL(url).path.rsplit("/", 1)[-1]
            target = directory / f"{base}{file_suffix(name) or ''}"
            if target in targets:
                raise BadInput(f"two files of the image would be saved as {target.name}; pass other names")
            if target.exists() and not overwrite:
                raise FileExists(target)
            targets.append(target)
        from medannot.core.bulk import arun_bulk

        pairs = list(zip(chosen, targets, strict=True))
        return await arun_bulk(
            pairs,
            lambda pair: self._download(_field(pair[0], "file"), pair[1], overwrite=overwrite),
            concurrency=self._max_downloads,
            progress=False,
        )

    async def __call__(
        self,
        method: str = "GET",
        url: str = "",
        path: str = "",
        params: Mapping[str, Filter] | None = None,
        json: JSONValue = None,
        extra_headers: Mapping[str, str] | None = None,
        files: None = None,
        data: None = None,
        follow_redirects: bool = False,
    ) -> Listed | JSONValue | httpx.Response:
        """gcapi's `c(url=...)` / `c(path=..., method=...)`: a request to the API (same host only). A JSON
        answer for one object of a known listing (`c(url=session["api_url"])`) comes back typed (here a
        `RawImageUploadSession`); other JSON as decoded; anything else as the `httpx.Response`."""
        if files is not None or data is not None:
            raise BadInput("files= and data= are not supported: use client.uploads for files")
        target = self._checked(url, "url") if url else self._api_path + str(path).lstrip("/")
        headers = {"Accept": "application/json", **dict(extra_headers or {})}
        query = {str(k): jsonable(v) for k, v in params.items()} if params else None
        response = await self._session.request(method.upper(), target, params=query, json=json, headers=headers)
        if response.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return response
        body: JSONValue = answer_json(response)
        model = self._model_for(str(response.request.url)) if isinstance(body, dict) else None
        if model is None:
            return body
        parsed: Listed = parse_json(model, body)
        return parsed

    def _model_for(self, url: str) -> Any:
        path = httpx.URL(url).path
        if not path.startswith(self._api_path):
            return None
        relative = path[len(self._api_path) :]
        namespaces: list[AsyncAPI[Any]] = [
            self.images, self.raw_image_upload_sessions, self.reader_studies, self.display_sets, self.answers,
            self.questions, self.uploads, self.algorithms, self.algorithm_jobs, self.algorithm_images,
            self.archives, self.archive_items, self.interfaces,
        ]  # fmt: skip
        for api in sorted(namespaces, key=lambda a: -len(a.base_path)):
            if re.fullmatch(re.escape(api.base_path) + r"[0-9a-fA-F-]+/", relative):
                return api.model
        return None

    # --- lookups with close matches -------------------------------------------------------------
    async def _by_slug(self, api: AsyncAPI[V], kind: str, slug: str) -> V:
        try:
            return await api.detail(slug=slug)
        except ObjectNotFound:
            known = [slug_of(x) async for x in api.iterate_all()]
            raise ObjectNotFound(not_found_message(kind, slug, known)) from None

    async def _algorithm(self, slug: str) -> models.Algorithm:
        slug = require_slug(slug, "algorithm")
        if slug not in self._algorithms:
            self._algorithms[slug] = await self._by_slug(self.algorithms, "algorithm", slug)
        return self._algorithms[slug]

    async def _socket(self, slug: str) -> models.ComponentInterface:
        slug = require_slug(slug, "socket slug")
        if slug not in self._sockets:
            try:
                self._sockets[slug] = await self.interfaces.detail(slug=slug)
            except ObjectNotFound:
                known = [s.slug async for s in self.interfaces.iterate_all()]
                raise SocketNotFound(not_found_message("socket (interface)", slug, known), slug=slug) from None
        return self._sockets[slug]

    # --- the server's version ----------------------------------------------------------------------
    async def server_version(self) -> str:
        """The newest gcapi release the server supports (`GET gcapi/`, its `latest_version`: Grand Challenge names no
        version of its own). Warns once with `SchemaVersionWarning` when it is not the gcapi release medannot's schema
        was proven with (`medannot_api.grandchallenge.SCHEMA.version`)."""
        from medannot_api.grandchallenge.models import GCAPIVersion

        url = self._absolute(self._api_path + "gcapi/")
        response = await self._session.request("GET", url, headers={"Accept": "application/json"})
        answer = parse_model(GCAPIVersion, response)
        check_server_version("grandchallenge", self.base_url, answer.latest_version, what="GET gcapi/ latest_version")
        return answer.latest_version

    # --- verbs: the seed's and gcapi 0.13's -----------------------------------------------------
    async def get_algorithm(self, algorithm: str) -> models.Algorithm:
        """The algorithm with this slug; as in the seed, `alg["inputs"]` lists the input sockets of all its
        interfaces (typed: `medannot.grandchallenge.models.algorithm_inputs(alg)`). `ObjectNotFound` naming
        close matches for an unknown slug."""
        found = await self._algorithm(algorithm)
        return with_inputs(dict(found))

    async def run_external_job(self, *, algorithm: str | models.Algorithm, inputs: Values) -> models.JobPost:
        """The seed's verb (gcapi 0.13): `inputs` is {socket slug: value}, where an Image socket takes a list
        of files or an image's API URL, a File socket a file, a Value socket JSON (or a .json file)."""
        slug = algorithm if isinstance(algorithm, str) else getattr(algorithm, "slug", None)
        return await self.start_algorithm_job(algorithm_slug=require_slug(slug, "algorithm"), inputs=inputs)

    async def upload_cases(
        self,
        *,
        files: Sequence[str | os.PathLike[str]],
        archive: str | None = None,
        answer: str | None = None,
        archive_item: str | None = None,
        display_set: str | None = None,
        interface: str | None = None,
        reader_study: str | None = None,
    ) -> models.RawImageUploadSession:
        """Upload the files of one image and import them into an archive (slug), an archive item or a display
        set (pk, with `interface`), an answer (pk), or a reader study (slug: a new display set, on
        `interface` or `generic-medical-image`); returns the upload session (`c(url=session["api_url"])`
        refreshes it, `client.raw_image_upload_sessions.wait(session)` waits for it)."""
        if isinstance(files, (str, bytes, os.PathLike)) or not isinstance(files, Sequence) or not files:
            raise BadInput("You must specify the files to upload (a non-empty list of paths)")
        targets = {
            k: v
            for k, v in {
                "archive": archive,
                "answer": answer,
                "archive_item": archive_item,
                "display_set": display_set,
                "reader_study": reader_study,
            }.items()
            if v is not None
        }
        if len(targets) != 1:
            raise BadInput("exactly one of archive, archive_item, display_set, answer or reader_study must be given")
        if interface and not (archive or archive_item or display_set or reader_study):
            raise BadInput("An interface can only be defined for archive, archive item or display set uploads.")
        if (archive_item or display_set) and not interface:
            raise BadInput("You need to define an interface for archive item and display set uploads.")
        paths = [Path(os.fspath(f)) for f in files]
        for i, p in enumerate(paths):
            if not p.is_file() or p.stat().st_size == 0:
                raise BadInput(f"files[{i}] {str(p)!r} does not exist, is not a regular file, or is empty")
        if len({p.name for p in paths}) != len(paths):
            raise BadInput("the files of one upload session must have distinct names")
        body: dict[str, Any] = {}
        if archive is not None:
            body["archive"] = require_slug(archive, "archive")
            await self._by_slug(self.archives, "archive", body["archive"])
        if interface:
            body["interface"] = (await self._socket(interface)).slug
        if reader_study is not None:
            study = await self._by_slug(self.reader_studies, "reader study", require_slug(reader_study, "reader_study"))
            socket = interface or DEFAULT_IMAGE_SOCKET
            body["interface"] = (await self._socket(socket)).slug
            created = await self.display_sets.create(reader_study=study.slug)
            body["display_set"] = str(created.pk)
        for name, value in (("answer", answer), ("archive_item", archive_item), ("display_set", display_set)):
            if value is not None:
                body[name] = require_pk(value, name)
        uploads = await self.uploads.upload_files(paths)
        body["uploads"] = [u.api_url for u in uploads]
        return await self.raw_image_upload_sessions.create(**body)

    async def add_cases_to_archive(
        self, *, archive: str | models.Archive, archive_items: Sequence[Values]
    ) -> list[str]:
        """gcapi 0.13: one archive item per description ({socket slug: value}); returns their pks."""
        slug = archive if isinstance(archive, str) else getattr(archive, "slug", None)
        items = [
            await self.add_case_to_archive(archive_slug=require_slug(slug, "archive"), values=d) for d in archive_items
        ]
        return [str(i.pk) for i in items]

    async def add_cases_to_reader_study(
        self, *, reader_study: str | models.ReaderStudy, display_sets: Sequence[Values]
    ) -> list[str]:
        """gcapi 0.13: one display set per description ({socket slug: value}); returns their pks."""
        slug = reader_study if isinstance(reader_study, str) else getattr(reader_study, "slug", None)
        created = [
            await self.add_case_to_reader_study(reader_study_slug=require_slug(slug, "reader_study"), values=d)
            for d in display_sets
        ]
        return [str(d.pk) for d in created]

    # --- verbs: gcapi 0.16's --------------------------------------------------------------------
    async def start_algorithm_job(self, *, algorithm_slug: str, inputs: Values) -> models.JobPost:
        """Start a job: every input is checked first (unknown algorithm: `ObjectNotFound` naming close matches;
        inputs that are not exactly one interface's sockets: `BadInput` listing the interfaces; a value of the
        wrong kind: `BadInput`), then files are uploaded (resumable, concurrent), then the job is created.
        `client.algorithm_jobs.wait(job)` waits for it."""
        algorithm = await self._algorithm(algorithm_slug)
        specs = specs_from(inputs, "inputs")
        given = {s.socket_slug for s in specs}
        interfaces = [[s.slug for s in i.inputs] for i in algorithm.interfaces]
        match = next((i for i in algorithm.interfaces if {s.slug for s in i.inputs} == given), None)
        if match is None:
            raise BadInput(interface_mismatch(algorithm.slug, given, interfaces))
        sockets = {s.slug: s for s in match.inputs}
        prepared = [prepare(spec, sockets[spec.socket_slug]) for spec in specs]
        items, pending = await self._materialize(prepared, {})
        job = await self.algorithm_jobs.create(algorithm=algorithm.api_url, inputs=items)
        if pending:
            self._imports[str(job.pk)] = pending
        return job

    async def add_case_to_archive(
        self, *, archive_slug: str, values: Values, title: str | None = None
    ) -> models.ArchiveItemPost:
        """Create one archive item with these socket values (checked, then uploaded, then attached);
        `client.archive_items.wait(item)` waits until the uploads are imported."""
        archive = await self._by_slug(self.archives, "archive", require_slug(archive_slug, "archive_slug"))
        prepared = await self._prepare(values)
        created = await self.archive_items.create(archive=archive.api_url, **({"title": title} if title else {}))
        return await self._attach(self.archive_items, str(created.pk), prepared, {}, {})

    async def update_archive_item(
        self, *, archive_item_pk: PK, values: Values, title: str | None = None
    ) -> models.ArchiveItemPost:
        """Set socket values of an existing archive item (a value for a socket it has replaces the old one)."""
        pk = require_pk(archive_item_pk, "archive_item_pk")
        current = await self.archive_items.detail(pk=pk)
        prepared = await self._prepare(values)
        extra = {"title": title} if title is not None else {}
        return await self._attach(self.archive_items, pk, prepared, _value_pks(current.values), extra)

    async def add_case_to_reader_study(
        self,
        *,
        reader_study_slug: str,
        values: Values,
        title: str | None = None,
        order: int | None = None,
    ) -> models.DisplaySetPost:
        """Create one display set in a reader study with these socket values; `client.display_sets.wait(ds)`
        waits until the uploads are imported. `order`: its place in the study (None or 0: the server puts it
        last)."""
        slug = require_slug(reader_study_slug, "reader_study_slug")
        study = await self._by_slug(self.reader_studies, "reader study", slug)
        prepared = await self._prepare(values)
        extra: dict[str, Any] = {"title": title} if title is not None else {}
        if order is not None:
            extra["order"] = order
        created = await self.display_sets.create(reader_study=study.slug, **extra)
        return await self._attach(self.display_sets, str(created.pk), prepared, {}, {})

    async def update_display_set(
        self,
        *,
        display_set_pk: PK,
        values: Values,
        title: str | None = None,
        order: int | None | Keep = "keep",
    ) -> models.DisplaySetPost:
        """Set socket values of an existing display set (a value for a socket it has replaces the old one).
        `order`: "keep" (the default) leaves its place in the study; None or 0 lets the server put it last (as
        gcapi)."""
        pk = require_pk(display_set_pk, "display_set_pk")
        current = await self.display_sets.detail(pk=pk)
        prepared = await self._prepare(values)
        extra: dict[str, Any] = {"title": title} if title is not None else {}
        if order != "keep":
            extra["order"] = order or 0
        return await self._attach(self.display_sets, pk, prepared, _value_pks(current.values), extra)

    async def download_socket_value(
        self,
        value: models.HyperlinkedComponentInterfaceValue,
        *,
        output_directory: str | os.PathLike[str],
        overwrite: bool = False,
    ) -> Path | list[Path]:
        """Save one socket value under `output_directory / socket.relative_path`: an image's files (into that
        folder), a file, or a value as JSON. Streamed, length-checked, atomic; an existing file is a
        `FileExists` unless `overwrite=True`."""
        from medannot_api.grandchallenge.models import HyperlinkedComponentInterfaceValue

        if not isinstance(value, HyperlinkedComponentInterfaceValue):
            raise BadInput("value must be a socket value (e.g. item.values[0])")
        require_bool(overwrite, "overwrite")
        socket = value.interface
        relative = Path(socket.relative_path or socket.slug)
        if relative.is_absolute() or ".." in relative.parts:
            raise ResponseSchemaError(f"the socket's relative_path {socket.relative_path!r} leaves the directory")
        target = Path(os.fspath(output_directory)) / relative
        super_kind = socket.super_kind.casefold()
        if super_kind == "image":
            if not value.image:
                raise ResponseSchemaError("an image value without an image URL")
            return await self.images.download(url=value.image, output_directory=target, overwrite=overwrite)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() and not overwrite:
            raise FileExists(target)
        if super_kind == "value":
            with atomic_file(target, overwrite=overwrite) as out:
                out.write(json.dumps(value.value, indent=2).encode())
            return target
        if super_kind == "file":
            if not value.file:
                raise ResponseSchemaError("a file value without a file URL")
            return await self._download(value.file, target, overwrite=overwrite)
        raise ResponseSchemaError(f"unexpected super_kind {socket.super_kind!r}")

    @overload
    async def wait(
        self,
        obj: models.JobPost | models.HyperlinkedJob,
        *,
        timeout: float = 3600.0,
        progress: Callable[[models.HyperlinkedJob], object] | None = None,
    ) -> models.HyperlinkedJob: ...
    @overload
    async def wait(
        self,
        obj: models.RawImageUploadSession,
        *,
        timeout: float = 3600.0,
        progress: Callable[[models.RawImageUploadSession], object] | None = None,
    ) -> models.RawImageUploadSession: ...
    @overload
    async def wait(
        self,
        obj: models.ArchiveItem | models.ArchiveItemPost,
        *,
        timeout: float = 3600.0,
        progress: Callable[[models.ArchiveItem], object] | None = None,
    ) -> models.ArchiveItem: ...
    @overload
    async def wait(
        self,
        obj: models.DisplaySet | models.DisplaySetPost,
        *,
        timeout: float = 3600.0,
        progress: Callable[[models.DisplaySet], object] | None = None,
    ) -> models.DisplaySet: ...
    async def wait(
        self,
        obj: Waitable,
        *,
        timeout: float = 3600.0,
        progress: Callable[..., object] | None = None,
    ) -> models.HyperlinkedJob | models.RawImageUploadSession | models.ArchiveItem | models.DisplaySet:
        """Wait for whatever `obj` is: a job, an upload session, an archive item or a display set (as returned
        by the verbs), and return it as it ends; `progress` sees each read. See the namespaces' `wait`."""
        from medannot_api.grandchallenge.models import (
            ArchiveItem,
            ArchiveItemPost,
            DisplaySet,
            DisplaySetPost,
            HyperlinkedJob,
            JobPost,
            RawImageUploadSession,
        )

        if isinstance(obj, (JobPost, HyperlinkedJob)):
            return await self.algorithm_jobs.wait(obj, timeout=timeout, progress=progress)
        if isinstance(obj, RawImageUploadSession):
            return await self.raw_image_upload_sessions.wait(obj, timeout=timeout, progress=progress)
        if isinstance(obj, (ArchiveItem, ArchiveItemPost)):
            return await self.archive_items.wait(obj, timeout=timeout, progress=progress)
        if isinstance(obj, (DisplaySet, DisplaySetPost)):
            return await self.display_sets.wait(obj, timeout=timeout, progress=progress)
        name = type(obj).__name__
        raise BadInput(f"cannot wait for a {name}: pass a job, an upload session, an archive item or a display set")

    # --- socket values --------------------------------------------------------------------------
    async def _prepare(self, values: Values) -> list[Prepared]:
        specs = specs_from(values)
        return [prepare(spec, await self._socket(spec.socket_slug)) for spec in specs]

    async def _materialize(
        self, prepared: list[Prepared], old: Mapping[str, int]
    ) -> tuple[list[JSONValue], dict[str, tuple[int | None, list[str]]]]:
        """The JSON items of checked values, uploading every file of every value concurrently first; and which
        sockets wait for an import (slug -> (the value it replaces, the uploads))."""
        files = [f for p in prepared for f in p.files]
        uploaded = await self.uploads.upload_files(files) if files else []
        items: list[JSONValue] = []
        pending: dict[str, tuple[int | None, list[str]]] = {}
        at = 0
        for p in prepared:
            if not p.files:
                items.append(p.item)
                continue
            mine = uploaded[at : at + len(p.files)]
            at += len(p.files)
            if p.super_kind == "Image":
                item: dict[str, Any] = {"interface": p.slug, "user_uploads": [u.api_url for u in mine]}
                if p.image_name:
                    item["image_name"] = p.image_name
            else:
                item = {"interface": p.slug, "user_upload": mine[0].api_url}
            items.append(item)
            pending[p.slug] = (old.get(p.slug), [str(u.pk) for u in mine])
        return items, pending

    async def _attach(
        self,
        api: AsyncModifiableAPI[Any, R],
        pk: str,
        prepared: list[Prepared],
        old: Mapping[str, int],
        extra: Mapping[str, Any],
    ) -> R:
        items, pending = await self._materialize(prepared, old)
        result = await api.partial_update(pk, values=items, **extra)
        self._imports[pk] = {**self._imports.get(pk, {}), **pending}
        return result

    async def _wait_values(
        self, api: AsyncAPI[Any], pk: str, timeout: float, progress: Callable[..., object] | None
    ) -> Any:
        pending = dict(self._imports.get(pk, {}))

        def landed(current: Any) -> bool:
            have = _value_pks(current.values)
            return all(slug in have and have[slug] != old for slug, (old, _) in pending.items())

        async def read() -> Any:
            current = await api.detail(pk=pk)
            if not landed(current):
                uploads = {
                    u
                    for slug, (old, ups) in pending.items()
                    if _value_pks(current.values).get(slug) in (None, old)
                    for u in ups
                }
                failed = await self._import_failure(uploads)
                if failed is not None:
                    raise ImportFailed(f"the import into {api.model_name} {pk}", status=failed[0], messages=failed[1])
            return current

        done = await poll(
            read, landed, timeout=timeout, what=f"the import into {api.model_name} {pk}", first_delay=0.1,
            max_delay=5.0, progress=progress,
        )  # fmt: skip
        self._imports.pop(pk, None)
        return done

    async def _import_failure(self, uploads: set[str]) -> tuple[str, list[str]] | None:
        """(status, per-file messages) of a failed upload session made from any of these uploads, else None."""
        if not uploads:
            return None
        key = frozenset(uploads)
        urls = self._sessions_of.get(key)
        sessions: list[models.RawImageUploadSession] = []
        if urls is None:
            async for session in self.raw_image_upload_sessions.iterate_all():
                if uploads & {str(u) for u in session.user_uploads}:
                    sessions.append(session)
            if sessions:
                self._sessions_of[key] = [s.api_url for s in sessions]
        else:
            sessions = [await self.raw_image_upload_sessions.detail(api_url=u) for u in urls]
        for session in sessions:
            if session.status in ("Failed", "Cancelled"):
                return session.status, session_messages(session.error_message) or [
                    f"upload session {session.pk} failed"
                ]
        return None


def _value_pks(values: Sequence[Any]) -> dict[str, int]:
    return {v.interface.slug: v.pk for v in values}


def _field(obj: Any, name: str) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name)
    return getattr(obj, name, None)


def _bad_token(token: object) -> str:
    raise BadInput(f"token must be a string, not {type(token).__name__}")


__all__ = ["AsyncClient", "pk_of"]
