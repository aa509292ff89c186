"""The HTTP face of the emulated Grand Challenge: DRF's routes under /api/v1/, its auth, pagination and error
bodies, plus what lives beside the API: presigned storage URLs (S3's `upload_part` and GET) and the media
routes that redirect to them.

Order of checks, as in DRF: routing (JSON 404/405), authentication (401), then the schema check (a 400 in DRF's
shape, `{"field": ["msg"]}`), then the handler. Storage and media routes are not in the API schema and are not
validated. Before any of it, `_Outer` runs the background work that is due and the injected faults.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from medannot.testing._emulator import CrashLog, control_routes
from medannot.testing._fastapi import Handler
from medannot.testing._openapi import Contract, SchemaSource
from medannot.testing.grandchallenge._records import User, new_pk
from medannot.testing.grandchallenge._views import Views
from medannot.testing.grandchallenge.backend import API, GrandChallengeBackend
from medannot.testing.grandchallenge.errors import DRFError, NotFound, ServerFault, ValidationError

# The schema shipped with the generated client: the emulator is held to what the client was built from.
DEFAULT_SCHEMA = Path(str(resources.files("medannot_api.grandchallenge").joinpath("openapi.json")))
BUCKET = "grand-challenge-uploads"
PRESIGNED_EXPIRY = 3600
DEFAULT_LIMIT, MAX_LIMIT = 100, 1000
_SERVER_ERROR = "<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n" \
    "  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n"  # fmt: skip
_INT_PARAMS = {"components/interfaces/"}


def create_app(backend: GrandChallengeBackend, schema: SchemaSource = DEFAULT_SCHEMA) -> Any:
    contract = Contract(schema)
    api = _Api(backend)

    def op(method: str, path: str, handler: Handler, *, auth: bool = True) -> BaseRoute:
        """The schema's `method path` (relative to /api/v1/), authenticated, then validated."""
        full = API + path
        converter = "int" if any(path.startswith(p) for p in _INT_PARAMS) else "uuid"
        served = full.replace("{pk}", f"{{pk:{converter}}}")
        validated = _drf_validation(contract.validating(method, full, handler))
        return Route(served, api.guarded(validated) if auth else validated, methods=[method])

    routes = [
        op("GET", "gcapi/", api.gcapi, auth=False),
        op("GET", "algorithms/", api.algorithms),
        op("GET", "algorithms/images/", api.algorithm_images),
        op("GET", "algorithms/images/{pk}/", api.algorithm_image),
        op("GET", "algorithms/jobs/", api.jobs),
        op("POST", "algorithms/jobs/", api.create_job),
        op("GET", "algorithms/jobs/{pk}/", api.job),
        op("GET", "algorithms/{pk}/", api.algorithm),
        op("GET", "components/interfaces/", api.sockets),
        op("GET", "components/interfaces/{pk}/", api.socket),
        op("GET", "archives/", api.archives),
        op("GET", "archives/items/", api.archive_items),
        op("POST", "archives/items/", api.create_archive_item),
        op("GET", "archives/items/{pk}/", api.archive_item),
        op("PUT", "archives/items/{pk}/", api.update_archive_item),
        op("PATCH", "archives/items/{pk}/", api.update_archive_item),
        op("GET", "archives/{pk}/", api.archive),
        op("GET", "reader-studies/", api.reader_studies),
        op("GET", "reader-studies/answers/", api.answers),
        op("POST", "reader-studies/answers/", api.create_answer),
        op("GET", "reader-studies/answers/mine/", api.my_answers),
        op("GET", "reader-studies/answers/{pk}/", api.answer),
        op("PUT", "reader-studies/answers/{pk}/", api.update_answer),
        op("PATCH", "reader-studies/answers/{pk}/", api.update_answer),
        op("GET", "reader-studies/display-sets/", api.display_sets),
        op("POST", "reader-studies/display-sets/", api.create_display_set),
        op("GET", "reader-studies/display-sets/{pk}/", api.display_set),
        op("PUT", "reader-studies/display-sets/{pk}/", api.update_display_set),
        op("PATCH", "reader-studies/display-sets/{pk}/", api.update_display_set),
        op("GET", "reader-studies/questions/", api.questions),
        op("GET", "reader-studies/questions/{pk}/", api.question),
        op("GET", "reader-studies/{pk}/", api.reader_study),
        op("GET", "reader-studies/{pk}/ground-truth/{case_pk}/", api.ground_truth),
        op("GET", "uploads/", api.uploads),
        op("POST", "uploads/", api.create_upload),
        op("GET", "uploads/{pk}/", api.upload),
        op("PATCH", "uploads/{pk}/{s3_upload_id}/generate-presigned-urls/", api.presigned_urls),
        op("PATCH", "uploads/{pk}/{s3_upload_id}/complete-multipart-upload/", api.complete_upload),
        op("PATCH", "uploads/{pk}/{s3_upload_id}/abort-multipart-upload/", api.abort_upload),
        op("GET", "uploads/{pk}/{s3_upload_id}/list-parts/", api.list_parts),
        op("GET", "cases/images/", api.images),
        op("GET", "cases/images/{pk}/", api.image),
        op("GET", "cases/upload-sessions/", api.sessions),
        op("POST", "cases/upload-sessions/", api.create_session),
        op("GET", "cases/upload-sessions/{pk}/", api.session),
        # Beside the API: storage (S3 presigned URLs, no token) and media (token, then a redirect to storage).
        Route("/storage/{bucket}/{key:path}", api.storage_put, methods=["PUT"]),
        Route("/storage/{bucket}/{key:path}", api.storage_get, methods=["GET"]),
        Route("/media/images/{pk:uuid}/{name}", api.guarded(api.image_file), methods=["GET"]),
        Route("/media/values/{pk:int}/{name}", api.guarded(api.value_file), methods=["GET"]),
        *control_routes(backend),
    ]
    crashes = CrashLog()
    app = Starlette(
        routes=routes,
        exception_handlers={
            DRFError: _drf_error,
            HTTPException: _http_exception,
            ServerFault: crashes.handler(_server_error),
            Exception: crashes.handler(_server_error),
        },
    )
    app.state.contract = contract  # its journal is what oracle tests read
    app.state.crashes = crashes
    return _Outer(app, backend)


class _Outer:
    """ASGI: run due background work, then the injected transport-level faults, then the app."""

    def __init__(self, app: Starlette, backend: GrandChallengeBackend) -> None:
        self.app = app
        self.state = app.state
        self.backend = backend

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.backend.tick()
        if scope["path"].startswith("/_emulator/"):
            await self.app(scope, receive, send)
            return
        fault = self.backend.take_fault(scope["method"], scope["path"], ("429", "503", "500", "drop"))
        if fault is None:
            await self.app(scope, receive, send)
            return
        if fault.kind == "drop":
            # Headers announce a body that never comes; uvicorn then closes the connection (the client sees a
            # protocol error or a reset, as from a dropped connection or a killed proxy).
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"1024")]})
            raise _Dropped(f"{scope['method']} {scope['path']}")
        if fault.kind == "500":
            response: Response = _html_500()
        else:
            detail = (
                f"Request was throttled. Expected available in {fault.retry_after} seconds."
                if fault.kind == "429"
                else "Service temporarily unavailable, try again later."
            )
            response = JSONResponse(
                {"detail": detail}, status_code=int(fault.kind), headers={"Retry-After": str(fault.retry_after)}
            )
        await response(scope, receive, send)


class _Dropped(Exception):
    """An injected dropped connection (raised after the response started, so uvicorn closes the socket)."""


# ---------------------------------------------------------------------- errors


async def _drf_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DRFError)
    return JSONResponse(exc.body, status_code=exc.status_code, headers=exc.headers)


async def _http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 405:
        body = {"detail": f'Method "{request.method}" not allowed.'}
    elif exc.status_code == 404:
        body = {"detail": "Not found."}
    else:
        body = {"detail": str(exc.detail)}
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


def _html_500() -> Response:
    return Response(_SERVER_ERROR, status_code=500, media_type="text/html")


def _server_error(request: Request, exc: Exception) -> Response:
    return _html_500()


def _drf_validation(endpoint: Handler) -> Handler:
    """The shared Contract answers FastAPI's 422; DRF answers 400 `{"field": ["msg"]}` (415 for a media type it
    has no parser for, 400 `{"detail": "JSON parse error - ..."}` for a body that is not JSON)."""

    async def validated(request: Request) -> Response:
        response = await endpoint(request)
        if response.status_code != 422:
            return response
        items = json.loads(bytes(response.body)).get("detail", [])
        errors: dict[str, Any] = {}
        for item in items:
            loc = [str(part) for part in item.get("loc", [])]
            message = "This field is required." if item.get("type") == "missing" else str(item.get("msg", ""))
            if loc[:1] == ["body"] and len(loc) == 1 and item.get("type") == "value_error":
                content_type = request.headers.get("content-type", "")
                if content_type and "json" not in content_type:
                    return JSONResponse({"detail": f'Unsupported media type "{content_type}" in request.'}, 415)
                return JSONResponse({"detail": f"JSON parse error - {message}"}, 400)
            _set_error(errors, loc[1:] or ["non_field_errors"], message)
        return JSONResponse(errors or {"non_field_errors": ["Invalid data."]}, status_code=400)

    return validated


def _set_error(errors: dict[str, Any], path: list[str], message: str) -> None:
    """Nest a message the way DRF does: lists of per-item dicts for `many=True` fields."""
    node: Any = errors
    for index, part in enumerate(path):
        last = index == len(path) - 1
        if isinstance(node, list):
            position = int(part) if part.isdigit() else 0
            while len(node) <= position:
                node.append({})
            if last:
                node[position] = {"non_field_errors": [message]}
                return
            node = node[position]
            continue
        if last:
            node.setdefault(part, []).append(message)
            return
        following = path[index + 1]
        node = node.setdefault(part, [] if following.isdigit() else {})


# ---------------------------------------------------------------------- the API


class _Api:
    def __init__(self, backend: GrandChallengeBackend) -> None:
        self.b = backend

    # -- plumbing

    def guarded(self, handler: Handler) -> Handler:
        """knox's TokenAuthentication: `Authorization: Bearer <token>` (keyword case-insensitive; `Token` too)."""

        async def endpoint(request: Request) -> Response:
            header = request.headers.get("authorization", "")
            keyword, _, token = header.strip().partition(" ")
            if not header:
                raise DRFError(401, {"detail": "Authentication credentials were not provided."}, _CHALLENGE)
            if keyword.lower() not in ("bearer", "token") or not token.strip() or " " in token.strip():
                raise DRFError(401, {"detail": "Invalid token header. No credentials provided."}, _CHALLENGE)
            user = self.b.authenticate(token.strip())
            if user is None:
                raise DRFError(401, {"detail": "Invalid token."}, _CHALLENGE)
            request.state.user = user
            return await handler(request)

        return endpoint

    @staticmethod
    def user(request: Request) -> User:
        user = request.state.user
        assert isinstance(user, User)
        return user

    @staticmethod
    def views(request: Request, backend: GrandChallengeBackend) -> Views:
        return Views(backend, f"{request.url.scheme}://{request.url.netloc}")

    @staticmethod
    async def body(request: Request) -> dict[str, Any]:
        raw = await request.body()
        if not raw:
            return {}
        try:
            data = json.loads(raw)
        except ValueError as error:
            raise DRFError(400, {"detail": f"JSON parse error - {error}"}) from None
        if not isinstance(data, dict):
            raise ValidationError(f"Invalid data. Expected a dictionary, but got {type(data).__name__}.")
        return data

    def paginate(self, request: Request, items: list[Any], render: Any) -> Response:
        """DRF's LimitOffsetPagination (limit 100 by default, clamped to 1000; bad values fall back)."""
        query = request.query_params
        limit = _positive(query.get("limit"), DEFAULT_LIMIT, strict=True)
        limit = min(limit, MAX_LIMIT)
        offset = _positive(query.get("offset"), 0, strict=False)
        count = len(items)
        url = str(request.url)
        nxt = None if offset + limit >= count else _with_query(url, limit=limit, offset=offset + limit)
        if offset <= 0:
            prev = None
        elif offset - limit <= 0:
            prev = _with_query(url, limit=limit, offset=None)
        else:
            prev = _with_query(url, limit=limit, offset=offset - limit)
        page = [render(item) for item in items[offset : offset + limit]]
        return JSONResponse({"count": count, "next": nxt, "previous": prev, "results": page})

    def listing(self, request: Request, items: list[Any], render_name: str) -> Response:
        views = self.views(request, self.b)
        return self.paginate(request, items, getattr(views, render_name))

    def one(self, request: Request, item: Any, render_name: str, status: int = 200, **kw: Any) -> Response:
        return JSONResponse(getattr(self.views(request, self.b), render_name)(item, **kw), status_code=status)

    @staticmethod
    def pk(request: Request) -> str:
        return str(request.path_params["pk"])

    # -- version

    async def gcapi(self, request: Request) -> Response:
        latest, lowest = self.b.gcapi_versions
        return JSONResponse({"latest_version": latest, "lowest_supported_version": lowest})

    # -- algorithms

    async def algorithms(self, request: Request) -> Response:
        q = request.query_params
        items = [
            a
            for a in self.b.algorithms.values()
            if ("slug" not in q or a.slug == q["slug"]) and ("title" not in q or a.title == q["title"])
        ]
        return self.listing(request, sorted(items, key=lambda a: a.title), "algorithm")

    async def algorithm(self, request: Request) -> Response:
        return self.one(request, self.b.get(self.b.algorithms, self.pk(request), "Algorithm"), "algorithm")

    async def algorithm_images(self, request: Request) -> Response:
        q = request.query_params
        items = [i for i in self.b.algorithm_images.values() if "algorithm" not in q or i.algorithm == q["algorithm"]]
        return self.listing(request, items, "algorithm_image")

    async def algorithm_image(self, request: Request) -> Response:
        image = self.b.get(self.b.algorithm_images, self.pk(request), "AlgorithmImage")
        return self.one(request, image, "algorithm_image")

    async def jobs(self, request: Request) -> Response:
        q = request.query_params
        user = self.user(request)

        def has_image(values: dict[str, int], pk: str) -> bool:
            return any(self.b.values[v].image == pk for v in values.values())

        items = [
            j
            for j in self.b.jobs.values()
            if j.creator == user.pk
            and ("algorithm_image__algorithm" not in q or j.algorithm == q["algorithm_image__algorithm"])
            and ("input_image" not in q or has_image(j.inputs, q["input_image"]))
            and ("output_image" not in q or has_image(j.outputs, q["output_image"]))
        ]
        return self.listing(request, sorted(items, key=lambda j: -j.created), "job")

    async def create_job(self, request: Request) -> Response:
        data = await self.body(request)
        with self.b.lock:
            job = self.b.create_job(self.user(request), data)
            return self.one(request, job, "job_post", 201)

    async def job(self, request: Request) -> Response:
        job = self.b.get(self.b.jobs, self.pk(request), "Job")
        if job.creator != self.user(request).pk:
            raise NotFound("Job")
        return self.one(request, job, "job")

    # -- components

    async def sockets(self, request: Request) -> Response:
        q = request.query_params
        items = [s for s in self.b.sockets.values() if "slug" not in q or s.slug == q["slug"]]
        return self.listing(request, sorted(items, key=lambda s: s.pk), "socket")

    async def socket(self, request: Request) -> Response:
        pk = request.path_params["pk"]
        socket = next((s for s in self.b.sockets.values() if s.pk == pk), None)
        if socket is None:
            raise NotFound("ComponentInterface")
        return self.one(request, socket, "socket")

    # -- archives

    async def archives(self, request: Request) -> Response:
        q = request.query_params
        items = [a for a in self.b.archives.values() if "slug" not in q or a.slug == q["slug"]]
        return self.listing(request, sorted(items, key=lambda a: a.title), "archive")

    async def archive(self, request: Request) -> Response:
        return self.one(request, self.b.get(self.b.archives, self.pk(request), "Archive"), "archive")

    async def archive_items(self, request: Request) -> Response:
        q = request.query_params
        items = [i for i in self.b.archive_items.values() if "archive" not in q or i.archive == q["archive"]]
        return self.listing(request, items, "archive_item")

    async def archive_item(self, request: Request) -> Response:
        item = self.b.get(self.b.archive_items, self.pk(request), "ArchiveItem")
        return self.one(request, item, "archive_item")

    async def create_archive_item(self, request: Request) -> Response:
        data = await self.body(request)
        with self.b.lock:
            return self.one(request, self.b.create_archive_item(data), "archive_item", 201, post=True)

    async def update_archive_item(self, request: Request) -> Response:
        data = await self.body(request)
        with self.b.lock:
            item = self.b.get(self.b.archive_items, self.pk(request), "ArchiveItem")
            if request.method == "PUT" or "archive" in data:
                try:
                    item.archive = self.b.resolve(data.get("archive"), "archive", self.b.archives).pk
                except ValueError as error:
                    raise ValidationError({"archive": [str(error)]}) from None
            if "title" in data:
                item.title = str(data["title"])
            self._update_values(request, item.values, data)
            return self.one(request, item, "archive_item", post=True)

    def _update_values(self, request: Request, owner: dict[str, int], data: dict[str, Any]) -> None:
        values, errors = self.b.check_values(self.user(request), data.get("values", []))
        if errors:
            raise ValidationError({"values": errors})
        if request.method == "PUT":
            self.b.replace_values(owner, (v["interface"].slug for v in values))
        self.b.attach_values(self.user(request), owner, values)

    # -- reader studies

    async def reader_studies(self, request: Request) -> Response:
        q = request.query_params
        items = [r for r in self.b.reader_studies.values() if "slug" not in q or r.slug == q["slug"]]
        return self.listing(request, sorted(items, key=lambda r: r.title), "reader_study")

    async def reader_study(self, request: Request) -> Response:
        return self.one(request, self.b.get(self.b.reader_studies, self.pk(request), "ReaderStudy"), "reader_study")

    async def ground_truth(self, request: Request) -> Response:
        study = self.b.get(self.b.reader_studies, self.pk(request), "ReaderStudy")
        return JSONResponse(self.b.ground_truth(study, request.path_params["case_pk"]))

    async def questions(self, request: Request) -> Response:
        q = request.query_params
        items = [x for x in self.b.questions.values() if "reader_study" not in q or x.reader_study == q["reader_study"]]
        return self.listing(request, sorted(items, key=lambda x: (x.reader_study, x.order)), "question")

    async def question(self, request: Request) -> Response:
        return self.one(request, self.b.get(self.b.questions, self.pk(request), "Question"), "question")

    async def display_sets(self, request: Request) -> Response:
        q = request.query_params
        items = [
            d for d in self.b.display_sets.values() if "reader_study" not in q or d.reader_study == q["reader_study"]
        ]
        return self.listing(request, sorted(items, key=lambda d: (d.reader_study, d.order, d.pk)), "display_set")

    async def display_set(self, request: Request) -> Response:
        return self.one(request, self.b.get(self.b.display_sets, self.pk(request), "DisplaySet"), "display_set")

    async def create_display_set(self, request: Request) -> Response:
        data = await self.body(request)
        with self.b.lock:
            return self.one(request, self.b.create_display_set(data), "display_set", 201, post=True)

    async def update_display_set(self, request: Request) -> Response:
        data = await self.body(request)
        with self.b.lock:
            display_set = self.b.get(self.b.display_sets, self.pk(request), "DisplaySet")
            if "title" in data:
                display_set.title = str(data["title"])
            if isinstance(data.get("order"), int):
                display_set.order = data["order"]
            self._update_values(request, display_set.values, data)
            return self.one(request, display_set, "display_set", post=True)

    def _answers(self, request: Request, mine: bool) -> list[Any]:
        q = request.query_params
        user = self.user(request)

        def keep(a: Any) -> bool:
            question = self.b.questions[a.question]
            truth = q.get("is_ground_truth")
            return (
                (not mine or a.creator == user.username)
                and ("creator" not in q or a.creator == q["creator"])
                and ("display_set" not in q or a.display_set == q["display_set"])
                and ("question__reader_study" not in q or question.reader_study == q["question__reader_study"])
                and (truth is None or a.is_ground_truth == (truth.lower() in ("true", "1")))
            )

        return sorted((a for a in self.b.answers.values() if keep(a)), key=lambda a: a.created)

    async def answers(self, request: Request) -> Response:
        return self.listing(request, self._answers(request, mine=False), "answer")

    async def my_answers(self, request: Request) -> Response:
        return self.listing(request, self._answers(request, mine=True), "answer")

    async def answer(self, request: Request) -> Response:
        return self.one(request, self.b.get(self.b.answers, self.pk(request), "Answer"), "answer")

    async def create_answer(self, request: Request) -> Response:
        data = await self.body(request)
        with self.b.lock:
            return self.one(request, self.b.save_answer(self.user(request), data), "answer", 201)

    async def update_answer(self, request: Request) -> Response:
        data = await self.body(request)
        with self.b.lock:
            answer = self.b.get(self.b.answers, self.pk(request), "Answer")
            if answer.creator != self.user(request).username:
                raise NotFound("Answer")
            return self.one(request, self.b.save_answer(self.user(request), data, answer), "answer")

    # -- uploads

    async def uploads(self, request: Request) -> Response:
        user = self.user(request)
        items = [u for u in self.b.uploads.values() if u.creator == user.pk]
        return self.listing(request, items, "upload")

    async def upload(self, request: Request) -> Response:
        return self.one(request, self.b.own_upload(self.user(request), self.pk(request)), "upload")

    async def create_upload(self, request: Request) -> Response:
        data = await self.body(request)
        if self.b.take_fault("POST", request.url.path, ("too-many-uploads",)):
            raise ValidationError("You have created too many uploads. Please try again later.")
        with self.b.lock:
            return self.one(request, self.b.create_upload(self.user(request), data.get("filename")), "upload", 201)

    def _own(self, request: Request) -> Any:
        return self.b.own_upload(self.user(request), self.pk(request), request.path_params["s3_upload_id"])

    async def presigned_urls(self, request: Request) -> Response:
        data = await self.body(request)
        with self.b.lock:
            upload = self._own(request)
            if self.b.take_fault("PATCH", request.url.path, ("upload-limit",)):
                raise DRFError(403, {"detail": "Upload limit reached"})
            numbers = self.b.check_presign(upload, data.get("part_numbers"))
            views = self.views(request, self.b)
            urls = {str(n): self._presign(views.origin, upload, n) for n in numbers}
            return JSONResponse({**views.upload(upload), "presigned_urls": urls})

    def _presign(self, origin: str, upload: Any, number: int) -> str:
        path = f"/storage/{BUCKET}/{upload.key}"
        params = {
            "uploadId": upload.s3_upload_id,
            "partNumber": str(number),
            "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
            "X-Amz-Date": f"{self.b.clock.now():.3f}",
            "X-Amz-Expires": str(PRESIGNED_EXPIRY),
        }
        query = urlencode(sorted(params.items()))
        return f"{origin}{path}?{query}&X-Amz-Signature={self.b.sign('PUT', path, query)}"

    async def complete_upload(self, request: Request) -> Response:
        data = await self.body(request)
        with self.b.lock:
            upload = self._own(request)
            self.b.complete_upload(upload, data.get("parts"))
            return self.one(request, upload, "upload")

    async def abort_upload(self, request: Request) -> Response:
        with self.b.lock:
            return self.one(request, self.b.abort_upload(self._own(request)), "upload")

    async def list_parts(self, request: Request) -> Response:
        return self.one(request, self._own(request), "upload_parts")

    # -- storage (presigned URLs: no token; S3's XML errors)

    def _signed(self, request: Request, method: str) -> dict[str, str] | Response:
        params = dict(request.query_params)
        signature = params.pop("X-Amz-Signature", "")
        query = urlencode(sorted(params.items()))
        if not signature or signature != self.b.sign(method, request.url.path, query):
            return _s3_error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match.")
        try:
            expires = float(params["X-Amz-Date"]) + float(params["X-Amz-Expires"])
        except (KeyError, ValueError):
            return _s3_error(403, "AccessDenied", "Query-string authentication requires X-Amz-Date and Expires")
        if self.b.clock.now() > expires:
            return _s3_error(403, "AccessDenied", "Request has expired")
        return params

    async def storage_put(self, request: Request) -> Response:
        params = self._signed(request, "PUT")
        if isinstance(params, Response):
            return params
        if "partNumber" not in params or "uploadId" not in params:
            return _s3_error(400, "InvalidRequest", "Only multipart part uploads are accepted here")
        staged = self.b.path("staging", new_pk())
        digest = hashlib.md5(usedforsecurity=False)
        size = 0
        with staged.open("wb") as out:
            async for chunk in request.stream():
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
        length = request.headers.get("content-length")
        if length is not None and int(length) != size:
            staged.unlink(missing_ok=True)
            return _s3_error(400, "IncompleteBody", "You did not provide the number of bytes specified")
        key = request.path_params["key"]
        try:
            with self.b.lock:
                etag = self.b.put_part(
                    params["uploadId"], key, int(params["partNumber"]), staged, size, digest.hexdigest()
                )
        except LookupError:
            return _s3_error(404, "NoSuchUpload", "The specified upload does not exist.")
        return Response(b"", headers={"ETag": etag})

    async def storage_get(self, request: Request) -> Response:
        params = self._signed(request, "GET")
        if isinstance(params, Response):
            return params
        target = (self.b.root / request.path_params["key"]).resolve()
        if request.path_params["bucket"] != "media" or self.b.root not in target.parents or not target.is_file():
            return _s3_error(404, "NoSuchKey", "The specified key does not exist.")
        return FileResponse(target, media_type="application/octet-stream", filename=target.name)

    # -- media (the token, then a redirect to presigned storage)

    def _redirect(self, request: Request, stored: Path) -> Response:
        key = stored.resolve().relative_to(self.b.root).as_posix()
        path = f"/storage/media/{key}"
        params = {
            "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
            "X-Amz-Date": f"{self.b.clock.now():.3f}",
            "X-Amz-Expires": str(PRESIGNED_EXPIRY),
        }
        query = urlencode(sorted(params.items()))
        origin = f"{request.url.scheme}://{request.url.netloc}"
        return RedirectResponse(f"{origin}{path}?{query}&X-Amz-Signature={self.b.sign('GET', path, query)}", 302)

    async def image_file(self, request: Request) -> Response:
        image = self.b.get(self.b.images, self.pk(request), "Image")
        found = next((f for f in image.files if f.name == request.path_params["name"]), None)
        if found is None:
            raise NotFound()
        return self._redirect(request, found.path)

    async def value_file(self, request: Request) -> Response:
        value = self.b.values.get(request.path_params["pk"])
        if value is None or value.file is None or value.file.name != request.path_params["name"]:
            raise NotFound()
        return self._redirect(request, value.file)

    # -- images and upload sessions

    async def images(self, request: Request) -> Response:
        q = request.query_params
        items = list(self.b.images.values())
        filters: dict[str, Callable[[], set[str | None]]] = {
            "archive": lambda: {
                self.b.values[v].image for i in self.b.archive_items.values() if i.archive in q.getlist("archive")
                for v in i.values.values()
            },
            "reader_study": lambda: {
                self.b.values[v].image for d in self.b.display_sets.values()
                if d.reader_study in q.getlist("reader_study") for v in d.values.values()
            },
            "job_input": lambda: {
                self.b.values[v].image for pk in q.getlist("job_input") if pk in self.b.jobs
                for v in self.b.jobs[pk].inputs.values()
            },
            "job_output": lambda: {
                self.b.values[v].image for pk in q.getlist("job_output") if pk in self.b.jobs
                for v in self.b.jobs[pk].outputs.values()
            },
        }  # fmt: skip
        for name, wanted in filters.items():
            if name in q:
                keep = wanted()
                items = [i for i in items if i.pk in keep]
        if "name" in q:
            items = [i for i in items if i.name == q["name"]]
        if "origin" in q:
            items = [i for i in items if i.origin == q["origin"]]
        return self.listing(request, items, "image")

    async def image(self, request: Request) -> Response:
        return self.one(request, self.b.get(self.b.images, self.pk(request), "Image"), "image")

    async def sessions(self, request: Request) -> Response:
        user = self.user(request)
        return self.listing(request, [s for s in self.b.sessions.values() if s.creator == user.pk], "session")

    async def session(self, request: Request) -> Response:
        session = self.b.get(self.b.sessions, self.pk(request), "RawImageUploadSession")
        if session.creator != self.user(request).pk:
            raise NotFound("RawImageUploadSession")
        return self.one(request, session, "session")

    async def create_session(self, request: Request) -> Response:
        data = await self.body(request)
        with self.b.lock:
            return self.one(request, self.b.create_upload_session(self.user(request), data), "session", 201)


_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def _positive(raw: str | None, default: int, *, strict: bool) -> int:
    """DRF's `_positive_int`: a bad value falls back to the default (0 counts as bad where strict)."""
    if raw is None or not re.fullmatch(r"[+-]?\d+", raw.strip()):
        return default
    value = int(raw)
    if value < 0 or (strict and value == 0):
        return default
    return value


def _with_query(url: str, **changes: int | None) -> str:
    from urllib.parse import parse_qsl, urlsplit, urlunsplit

    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in changes]
    query += [(k, str(v)) for k, v in changes.items() if v is not None]
    return urlunsplit(parts._replace(query=urlencode(sorted(query))))


def _s3_error(status: int, code: str, message: str) -> Response:
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>{code}</Code><Message>{message}</Message><RequestId>{int(time.time() * 1000):x}</RequestId>"
        "</Error>"
    )
    return Response(body, status_code=status, media_type="application/xml")
