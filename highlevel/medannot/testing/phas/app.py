"""The HTTP face of the emulated PHAS server: the real server's Flask routes, methods, rights, status codes
and media types (phas/slide.py, dltrain.py, dzi.py, auth.py), served from a backend.

Order of checks, as in Flask: routing (HTML 404/405), session (302 to /auth/login), rights (HTML 403, also
for unknown ids), then the schema check (422, the emulator's own), then the handler. JSON that the server
writes with `json.dumps` goes out as text/html; `jsonify` answers are application/json.
Routes the server also answers with a second method (POST on the /dzi routes, GET on the SVG routes, POST
on delete_all) are served for it too, unvalidated: the schema documents one method each.
"""

from __future__ import annotations

import json
import re
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from medannot.testing._emulator import CrashLog, control_routes
from medannot.testing._fastapi import Handler
from medannot.testing._openapi import SchemaSource
from medannot.testing.phas import _listings
from medannot.testing.phas import _rules as rules
from medannot.testing.phas._contract import phas_contract
from medannot.testing.phas._records import Access, Slide, Task, User
from medannot.testing.phas._session import COOKIE, SessionCodec
from medannot.testing.phas.backend import PhasBackend
from medannot.testing.phas.errors import LoginFailed, PhasError, ServerFault

# The schema shipped with the generated client: the emulator is held to what the client was built from.
DEFAULT_SCHEMA = Path(str(resources.files("medannot_api.phas").joinpath("openapi.json")))
LOGIN_PAGE = "/auth/login"
# Path parameters declared `<int:...>` in Flask: anything else does not match the route (404).
_INT_PARAMS = {"anon", "task_id", "slide_id", "downsample", "lset", "id", "maxdim", "level", "ctrx", "ctry", "w", "h"}
_STATUS_NAMES = {400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed"}
_DEFAULT_REASONS = {
    400: "The browser (or proxy) sent a request that this server could not understand.",
    404: "The requested URL was not found on the server. If you entered the URL manually please check your "
    "spelling and try again.",
    405: "The method is not allowed for the requested URL.",
    500: "The server encountered an internal error and was unable to complete your request. Either the server "
    "is overloaded or there is an error in the application.",
}


def create_app(backend: PhasBackend, schema: SchemaSource = DEFAULT_SCHEMA) -> Starlette:
    api = _Api(backend)
    contract = phas_contract(schema)

    def op(method: str, path: str, handler: Handler, rule: rules.Rule, *, also: str | None = None) -> list[BaseRoute]:
        """The schema's `method path`, validated; `also`: a second method the server answers, unvalidated."""
        served = re.sub(r"\{(\w+)\}", lambda m: f"{{{m[1]}:int}}" if m[1] in _INT_PARAMS else m[0], path)
        validated = contract.validating(method, path, handler)
        routes: list[BaseRoute] = [Route(served, api.guarded(rule, validated), methods=[method])]
        if also:
            routes.append(Route(served, api.guarded(rule, handler), methods=[also]))
        return routes

    read, write, admin = Access.READ, Access.WRITE, Access.ADMIN
    task = "/api/task/{task_id}"
    slide = "/task/{task_id}/slide/{slide_id}"
    annot = "/task/{task_id}/slide/{mode}/{resolution}/{slide_id}"
    routes = [
        *op("POST", "/auth/api/login", api.login, None),
        *op("GET", LOGIN_PAGE, api.login_page, None),
        *op("GET", "/auth/api/anonymize", api.anonymize, None),
        *op("POST", "/auth/api/set_anonymize/{anon}", api.set_anonymize, None),
        *op("GET", "/auth/api/project/{project}/private_access", api.private_access, None),
        *op("GET", "/api/projects", api.projects, rules.signed_in),
        *op("GET", "/api/project/{project}/tasks", api.tasks, rules.project(read)),
        *op("GET", task + "/info", api.task_info, rules.task(read)),
        *op("GET", task + "/slide_detailed_manifest.csv", api.manifest, rules.task(read, api=True)),
        *op("GET", task + "/slide/{slide_id}/info", api.slide_info, rules.task_and_slide(read, api=True)),
        *op("GET", task + "/slide/{slide_id}/tags", api.slide_tags, rules.slide_in_task(admin, phi_admin_slide=True)),
        *op("GET", annot + "/annot/get", api.get_annotation, rules.task_and_slide(read)),
        *op("POST", annot + "/annot/set", api.set_annotation, rules.task_and_slide(write)),
        *op("GET", task + "/slide/{slide_id}/annot/timestamp", api.timestamp, rules.task_and_slide(read)),
        *op("POST", task + "/slide_{slide_id}_annot_{downsample}.svg", api.svg, rules.slide_in_task(read), also="GET"),
        *op("POST", task + "/slide_{slide_id}_annot.svg", api.svg, rules.slide_in_task(read), also="GET"),
        *op("GET", task + "/labelset", api.task_labelset, None),
        *op("GET", "/dltrain/api/{project}/labelset/{lset}/labels", api.labels, rules.project(read)),
        *op("GET", slide + "/dltrain/samples", api.samples, rules.task(read)),
        *op("GET", "/dltrain/api/sample/{id}/image.png", api.sample_image, None),
        *op("POST", annot + "/dltrain/sampling_roi/create", api.create_roi, rules.task(write)),
        *op("GET", annot + "/sampling_roi/get", api.rois, rules.task(read)),
        *op("GET", slide + "/dltrain/sampling_roi/delete_all", api.delete_rois, rules.task(write), also="POST"),
        *op("GET", slide + "/sampling_roi/make_image_{maxdim}.nii.gz", api.roi_image, rules.task(read)),
        *op("GET", "/dzi/{project}/{slide_id}/header", api.slide_header, rules.slide(read), also="POST"),
        *op("GET", "/dzi/{project}/{slide_id}/filepath", api.slide_filepath, rules.slide(admin), also="POST"),
        *op(
            "GET",
            "/dzi/download/{project}/slide_{slide_id}_{resource}_header.json",
            api.openslide_header,
            rules.slide(read),
            also="POST",
        ),
        *op(
            "GET",
            "/dzi/patch/{project}/{slide_id}/{resource}/{level}/{ctrx}_{ctry}_{w}_{h}.{format}",
            api.patch,
            rules.slide(read),
            also="POST",
        ),
        *op(
            "GET",
            "/dzi/download/task/{task_id}/slide_{slide_id}_{resource}_{downsample}.nii.gz",
            api.thumbnail,
            rules.slide_in_task(read),
            also="POST",
        ),
        *control_routes(backend),
    ]  # fmt: skip
    # Flask answers its HTML 500 page for any uncaught exception and keeps serving; the crash log records it first.
    crashes = CrashLog()
    app = Starlette(
        routes=routes,
        exception_handlers={
            HTTPException: _http_exception,
            PhasError: _phas_error,
            ServerFault: crashes.handler(_server_fault),
            Exception: crashes.handler(_server_fault),
        },
    )
    app.state.contract = contract  # its journal is what oracle tests read
    app.state.crashes = crashes
    return app


def error_page(status: int, reason: str | None = None) -> Response:
    """Werkzeug's HTML error page; the reason goes into its <p>."""
    name = _STATUS_NAMES.get(status, "Internal Server Error")
    text = escape(reason or _DEFAULT_REASONS.get(status, _DEFAULT_REASONS[500]))
    body = f"<!doctype html>\n<html lang=en>\n<title>{status} {name}</title>\n<h1>{name}</h1>\n<p>{text}</p>\n"
    return Response(body, status_code=status, media_type="text/html")


async def _http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    response = error_page(exc.status_code)
    response.headers.update(exc.headers or {})
    return response


async def _phas_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PhasError)
    return error_page(exc.status_code, exc.reason)


def _server_fault(request: Request, exc: Exception) -> Response:
    return error_page(500)


def _login_redirect() -> Response:
    body = (
        "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n"
        f'<p>You should be redirected automatically to the target URL: <a href="{LOGIN_PAGE}">{LOGIN_PAGE}</a>. '
        "If not, click the link.\n"
    )
    return Response(body, status_code=302, media_type="text/html", headers={"Location": LOGIN_PAGE, "Vary": "Cookie"})


def _dumps(value: Any) -> Response:
    """`return json.dumps(...)` in a Flask view: JSON text served as text/html."""
    return Response(json.dumps(value), media_type="text/html")


def _jsonify(value: Any, status_code: int = 200) -> Response:
    """Flask's jsonify: compact, sorted keys, a trailing newline, application/json."""
    body = json.dumps(value, sort_keys=True, separators=(",", ":")) + "\n"
    return Response(body, status_code=status_code, media_type="application/json")


def _binary(data: bytes, media_type: str, disposition: str | None = None) -> Response:
    headers = {"Content-Disposition": disposition} if disposition else None
    return Response(data, media_type=media_type, headers=headers)


class _Api:
    """One method per route: read the request, ask the backend, answer in the server's shape."""

    def __init__(self, backend: PhasBackend) -> None:
        self.backend = backend
        self.sessions = SessionCodec()

    def guarded(self, rule: rules.Rule, handler: Handler) -> Handler:
        """Load the session (request.state.session, .user); enforce login and rights before `handler`."""

        async def endpoint(request: Request) -> Response:
            session = self.sessions.loads(request.cookies.get(COOKIE))
            user = self.backend.user(session.get("user_id"))
            request.state.session, request.state.user = session, user
            if rule is not None:
                if user is None:
                    return _login_redirect()
                rule(self.backend, user, dict(request.path_params))
            return await handler(request)

        return endpoint

    def _with_session(self, response: Response, session: dict[str, Any]) -> Response:
        response.headers.append("Set-Cookie", f"{COOKIE}={self.sessions.dumps(session)}; HttpOnly; Path=/")
        return response

    @staticmethod
    def _user(request: Request) -> User:
        user = request.state.user
        assert isinstance(user, User)
        return user

    def _anonymize(self, request: Request, project: str) -> bool:
        return self.backend.anonymized(request.state.user, project, bool(request.state.session.get("anonymize")))

    # -- auth

    async def login(self, request: Request) -> Response:
        form = await request.form()
        key = form.get("api_key")
        if not isinstance(key, str):
            return error_page(400)
        try:
            user = self.backend.login(key)
        except LoginFailed as failed:
            return _jsonify({"status": "failed", "error": str(failed)}, 401)
        session = {"user_id": user.id, "user_is_site_admin": int(user.site_admin), "user_api_key": True}
        return self._with_session(_jsonify({"status": "ok"}), session)

    async def login_page(self, request: Request) -> Response:
        return error_page(500)  # the 0.99.7 wheel ships no templates

    async def anonymize(self, request: Request) -> Response:
        return _jsonify({"anonymize": bool(request.state.session.get("anonymize", False))})

    async def set_anonymize(self, request: Request) -> Response:
        session = {**request.state.session, "anonymize": bool(request.path_params["anon"])}
        return self._with_session(_jsonify({"anonymize": session["anonymize"]}), session)

    async def private_access(self, request: Request) -> Response:
        user = request.state.user
        allowed = user is not None and self.backend.grant(user, request.path_params["project"]).phi
        return _jsonify({"private_access": allowed})

    # -- projects, tasks, slides

    async def projects(self, request: Request) -> Response:
        return _dumps(_listings.project_listing(self.backend, self._user(request)))

    async def tasks(self, request: Request) -> Response:
        return _dumps(_listings.task_listing(self.backend, self._user(request), request.path_params["project"]))

    async def task_info(self, request: Request) -> Response:
        return _dumps(_listings.task_info(self.backend.tasks[request.path_params["task_id"]]))

    async def manifest(self, request: Request) -> Response:
        task = self.backend.tasks[request.path_params["task_id"]]
        query = request.query_params
        keys = ("specimen", "block", "section", "slide", "stain", "min_paths", "min_markers", "min_sroi")
        params = {k: query[k] for k in keys if k in query}
        tags = {k: query.getlist(k) for k in ("tags_any", "tags_all", "tags_none") if k in query}
        csv = _listings.manifest_csv(self.backend, task, self._anonymize(request, task.project), params, tags)
        return Response(csv, media_type="text/csv")

    async def slide_info(self, request: Request) -> Response:
        task = self.backend.tasks[request.path_params["task_id"]]
        slide = self.backend.slides[request.path_params["slide_id"]]
        return _dumps(_listings.slide_info(slide, task, self._anonymize(request, task.project)))

    async def slide_tags(self, request: Request) -> Response:
        return _dumps(self.backend.slide_tags(self.backend.slides[request.path_params["slide_id"]]))

    # -- annotations

    async def get_annotation(self, request: Request) -> Response:
        task, slide = self._task_slide(request)
        document = self.backend.get_annotation(task, slide, request.path_params["resolution"])
        return Response("" if document is None else json.dumps(document), media_type="text/html")

    async def set_annotation(self, request: Request) -> Response:
        task, slide = self._task_slide(request)
        try:
            document = json.loads(await request.body())
        except ValueError as error:
            raise ServerFault(f"not JSON: {error}") from error
        self.backend.set_annotation(self._user(request), task, slide, document, request.path_params["resolution"])
        return _dumps({"success": True})

    async def timestamp(self, request: Request) -> Response:
        return _dumps({"timestamp": self.backend.annotation_timestamp(*self._task_slide(request))})

    async def svg(self, request: Request) -> Response:
        task, slide = self._task_slide(request)
        downsample = request.path_params.get("downsample", 0)
        form = await request.form() if request.method == "POST" else FormData()
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        svg = self.backend.annotation_svg(task, slide, downsample or None, fields)
        name = f"slide_{slide.id}_annot_{downsample}.svg" if downsample else f"slide_{slide.id}_annot.svg"
        return _binary(svg.encode(), "image/svg+xml; charset=utf-8", f"attachment; filename={name}")

    def _task_slide(self, request: Request) -> tuple[Task, Slide]:
        return self.backend.tasks[request.path_params["task_id"]], self.backend.slides[request.path_params["slide_id"]]

    # -- labelsets, training samples, sampling ROIs

    async def task_labelset(self, request: Request) -> Response:
        return _dumps(self.backend.task_labelset(request.path_params["task_id"]))

    async def labels(self, request: Request) -> Response:
        return _dumps(self.backend.label_listing(request.path_params["lset"]))

    async def samples(self, request: Request) -> Response:
        task = self.backend.tasks[request.path_params["task_id"]]
        return _dumps(self.backend.sample_listing(task, request.path_params["slide_id"]))

    async def sample_image(self, request: Request) -> Response:
        sample_id = request.path_params["id"]
        png = self.backend.sample_png(sample_id)
        return _binary(png, "image/png", f"inline; filename=sample_{sample_id:08d}.png")

    async def create_roi(self, request: Request) -> Response:
        task = self.backend.tasks[request.path_params["task_id"]]
        slide_id = request.path_params["slide_id"]
        if slide_id not in self.backend.slides:
            raise ServerFault(f"no slide {slide_id}")  # the server reads the slide's affine file
        try:
            data = json.loads(await request.body())
            label, geometry = data["label_id"], data["geometry"]
        except (ValueError, KeyError, TypeError) as error:
            raise ServerFault(f"bad sampling ROI: {error!r}") from error
        roi_id = self.backend.create_roi(
            self._user(request), task, slide_id, request.path_params["resolution"], label, geometry
        )
        return _dumps({"id": roi_id})

    async def rois(self, request: Request) -> Response:
        task = self.backend.tasks[request.path_params["task_id"]]
        p = request.path_params
        return _dumps(self.backend.roi_listing(task, p["slide_id"], p["resolution"]))

    async def delete_rois(self, request: Request) -> Response:
        self.backend.delete_rois(self.backend.tasks[request.path_params["task_id"]], request.path_params["slide_id"])
        return Response("success", media_type="text/html")

    async def roi_image(self, request: Request) -> Response:
        p = request.path_params
        data = self.backend.roi_image(self.backend.tasks[p["task_id"]], p["slide_id"], p["maxdim"])
        return _binary(data, "application/octet-stream")

    # -- slide pixels and metadata

    def _dzi_slide(self, request: Request) -> Slide:
        return self.backend.slide_of_project(request.path_params["project"], request.path_params["slide_id"])

    async def slide_header(self, request: Request) -> Response:
        slide = self._dzi_slide(request)
        return _jsonify({"dimensions": [slide.image.size] * 2, "spacing": slide.image.spacing_mm})

    async def slide_filepath(self, request: Request) -> Response:
        path = self.backend.slide_path(self._dzi_slide(request))
        return _jsonify({"remote": path, "local": path})

    async def openslide_header(self, request: Request) -> Response:
        return _dumps(self.backend.openslide_header(self._dzi_slide(request)))

    async def patch(self, request: Request) -> Response:
        p = request.path_params
        if p["format"].lower() not in ("png", "jpeg"):
            return Response("bad format", media_type="text/html")
        slide = self._dzi_slide(request)
        if p["format"].lower() != "png":
            raise ServerFault("cannot write mode RGBA as JPEG")
        png = self.backend.patch_png(slide, p["level"], p["ctrx"], p["ctry"], p["w"], p["h"])
        return _binary(png, "image/png")

    async def thumbnail(self, request: Request) -> Response:
        p = request.path_params
        data = self.backend.thumbnail_nifti(self.backend.slides[p["slide_id"]], p["downsample"])
        return _binary(data, "application/octet-stream")
