"""The HTTP face of the emulated MONAI Label server: the real server's routes, in its order, with its roles,
status codes, media types, file names and error bodies (monailabel/endpoints/*), served from a backend.

Routes are validated against the schema (see `medannot.testing._openapi`); the legacy routes the server hides
from its schema but the official client still calls (PUT /datastore/, POST /infer/wsi/{model}, POST /train/
...) are validated when the schema in use describes them, and served unvalidated otherwise. The OHIF viewer
and the DICOMweb proxy are not emulated.
"""

from __future__ import annotations

import json
import mimetypes
import uuid
from collections import deque
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute

from medannot.testing._emulator import CrashLog, control_routes
from medannot.testing._fastapi import BodyKind, Handler, http_exception, missing, reading_body, route, validation_error
from medannot.testing._openapi import Contract, SchemaSource
from medannot.testing.monailabel._auth import ADMIN, ANNOTATOR, USER, User
from medannot.testing.monailabel.backend import BATCH_DEFAULTS, MonaiLabelBackend, json_object
from medannot.testing.monailabel.errors import ApiError, ServerFault

# The patched schema shipped with the generated client: the emulator is held to what the client was built from.
DEFAULT_SCHEMA = Path(str(resources.files("medannot_api.monailabel").joinpath("openapi.json")))
#: Extra header of a reproduced crash (a plain-text 500): the reason the real server writes only to its log.
FAULT_HEADER = "X-Emulator-Fault"
SIGNED_IN = ""  # the role of a route that only needs a valid token (GET /auth/token/valid)
_TRUE = {"1", "true", "t", "yes", "y", "on"}  # how pydantic reads a boolean query parameter
_CORS: dict[str, Any] = {
    "allow_origins": ["*"],
    "allow_credentials": True,
    "allow_methods": ["*"],
    "allow_headers": ["*"],
}


def create_app(backend: MonaiLabelBackend, schema: SchemaSource = DEFAULT_SCHEMA) -> Starlette:
    api = _Api(backend)
    contract = Contract(schema)

    def op(method: str, path: str, handler: Handler, role: str | None) -> BaseRoute:
        guarded = api.guarded(role, contract.validating(method, path, handler))
        return route(method, path, reading_body(contract.body_kind(method, path), guarded))

    def legacy(method: str, path: str, handler: Handler, role: str, body: BodyKind | None = None) -> BaseRoute:
        """A route the server hides from its schema: validated only if this schema describes it anyway."""
        if (method, path) in contract.operations:
            return op(method, path, handler, role)
        return route(method, path, reading_body(body, api.guarded(role, handler)))

    auth = (
        [
            op("GET", "/auth/", api.auth_enabled, None),
            op("POST", "/auth/token", api.token, None),
            op("GET", "/auth/token/valid", api.token_valid, SIGNED_IN),
        ]
        if backend.auth
        else []  # the server mounts its auth routes only when auth is enabled
    )
    routes = [
        *auth,
        op("GET", "/info/", api.info, USER),
        op("GET", "/model/{model}", api.model_file, ADMIN),
        op("GET", "/model/info/{model}", api.model_file, ADMIN),
        op("PUT", "/model/{model}", api.update_model, ANNOTATOR),
        op("DELETE", "/model/{model}", api.model_file, ANNOTATOR),
        op("POST", "/infer/{model}", api.infer, USER),
        legacy("POST", "/infer/wsi/{model}", api.wsi_infer, USER, "json"),
        op("POST", "/infer/wsi_v2/{model}", api.wsi_v2_infer, USER),
        op("GET", "/batch/infer", api.batch_status, USER),
        op("POST", "/batch/infer/{model}", api.batch_run, ADMIN),
        op("DELETE", "/batch/infer", api.batch_stop, ADMIN),
        op("GET", "/train/", api.train_status, USER),
        legacy("POST", "/train/", api.train_all, ADMIN, "json"),
        op("POST", "/train/{model}", api.train, ADMIN),
        op("DELETE", "/train/", api.train_stop, ADMIN),
        op("POST", "/activelearning/{strategy}", api.next_sample, USER),
        op("GET", "/scoring/", api.scoring_status, USER),
        legacy("POST", "/scoring/", api.score_all, ANNOTATOR, "json"),
        op("POST", "/scoring/{method}", api.score, ANNOTATOR),
        op("DELETE", "/scoring/", api.scoring_stop, ANNOTATOR),
        op("GET", "/datastore/", api.datastore, USER),
        legacy("PUT", "/datastore/", api.add_image, ANNOTATOR, "form"),
        op("PUT", "/datastore/image", api.add_image, ANNOTATOR),
        legacy("DELETE", "/datastore/", api.remove_image, ADMIN),
        op("DELETE", "/datastore/image", api.remove_image, ADMIN),
        op("HEAD", "/datastore/image", api.check_image, USER),
        op("GET", "/datastore/image", api.download_image, USER),
        op("GET", "/datastore/image/info", api.image_info, USER),
        op("PUT", "/datastore/image/info", api.update_image_info, ANNOTATOR),
        op("PUT", "/datastore/label", api.save_label, ANNOTATOR),
        op("DELETE", "/datastore/label", api.remove_label, ADMIN),
        op("HEAD", "/datastore/label", api.check_label, USER),
        op("GET", "/datastore/label", api.download_label, USER),
        op("GET", "/datastore/label/info", api.label_info, USER),
        op("PUT", "/datastore/label/info", api.update_label_info, ANNOTATOR),
        legacy("PUT", "/datastore/updatelabelinfo", api.update_label_info_legacy, ANNOTATOR, "form"),
        op("GET", "/datastore/dataset", api.dataset, ANNOTATOR),
        op("GET", "/logs/", api.logs, ADMIN),
        op("GET", "/logs/gpu", api.gpu, ADMIN),
        op("GET", "/session/{session_id}", api.session, USER),
        op("PUT", "/session/", api.create_session, USER),
        op("DELETE", "/session/{session_id}", api.remove_session, USER),
        *control_routes(backend),
    ]
    # ServerFault (and any other exception) is left to Starlette's ServerErrorMiddleware, as the server's crashes
    # are: a plain-text 500, then the exception reaches uvicorn, which closes the connection without saying so
    # (clients see a reset). The crash log records it first.
    crashes = CrashLog()
    app = Starlette(
        routes=routes,
        middleware=[Middleware(CORSMiddleware, **_CORS)],
        exception_handlers={
            HTTPException: http_exception,
            ApiError: _api_error,
            Exception: crashes.handler(_internal_server_error),
        },
    )
    app.state.contract = contract  # its journal is what oracle tests read
    app.state.crashes = crashes
    return app


def _internal_server_error(request: Request, exc: Exception) -> Response:
    """Starlette's answer to an uncaught exception (FastAPI's too): 21 bytes of plain text. For a crash the
    emulator reproduces on purpose, the reason the real server would only log goes in `X-Emulator-Fault` (an
    extra header, so a test against the emulator can say why; the status and body stay the real server's)."""
    headers = {FAULT_HEADER: _header_text(str(exc))} if isinstance(exc, ServerFault) else None
    return PlainTextResponse("Internal Server Error", status_code=500, headers=headers)


def _header_text(text: str, limit: int = 500) -> str:
    """One line of printable ASCII (a header value), at most `limit` characters."""
    flat = " ".join(text.split()).encode("ascii", "backslashreplace").decode("ascii")
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


class _Missing(Exception):
    """A required field is absent: a form field of a body too large (or unsized) for the schema check to read,
    or a query parameter of a route the schema does not describe (FastAPI's 422 either way)."""

    def __init__(self, name: str, location: str = "body") -> None:
        super().__init__(name)
        self.name = name
        self.location = location


def _query(request: Request, name: str) -> str:
    """A required query parameter (validated routes always have it; hidden legacy routes may not)."""
    value = request.query_params.get(name)
    if value is None:
        raise _Missing(name, "query")
    return value


def _flag(request: Request, name: str, default: bool = False) -> bool:
    value = request.query_params.get(name)
    return default if value is None else value.lower() in _TRUE


def _file(path: Path, *, filename: str | None = None, cleanup: bool = False) -> FileResponse:
    """The server's FileResponse: guessed media type (octet-stream when unknown), attachment file name."""
    media_type = mimetypes.guess_type(str(path), strict=False)[0] or "application/octet-stream"
    task = BackgroundTask(path.unlink, missing_ok=True) if cleanup else None
    return FileResponse(path, media_type=media_type, filename=filename or path.name, background=task)


def _params_only(result: dict[str, Any]) -> Response:
    """Infer's `output=json` answer: the result params; the label file is dropped."""
    result["file"].unlink(missing_ok=True)
    return JSONResponse(result["params"])


def _multipart(params: dict[str, Any], image: Path) -> Response:
    """Infer's default answer: a `params` JSON part and an `image` file part (requests_toolbelt's layout)."""
    boundary = uuid.uuid4().hex
    media_type = mimetypes.guess_type(str(image), strict=False)[0] or "application/octet-stream"
    body = b"".join(
        [
            f'--{boundary}\r\nContent-Disposition: form-data; name="params"\r\n'.encode(),
            b"Content-Type: application/json\r\n\r\n",
            json.dumps(params).encode(),
            f"\r\n--{boundary}\r\n".encode(),
            f'Content-Disposition: form-data; name="image"; filename="{image.name}"\r\n'.encode(),
            f"Content-Type: {media_type}\r\n\r\n".encode(),
            image.read_bytes(),
            f"\r\n--{boundary}--\r\n".encode(),
        ]
    )
    image.unlink(missing_ok=True)
    return Response(body, media_type=f"multipart/form-data; boundary={boundary}")


async def _json_body(request: Request) -> dict[str, Any] | None:
    """A JSON object body, else None (`reading_body` answered bodies that are not JSON already)."""
    body = await request.body()
    try:
        value = json.loads(body) if body else None
    except ValueError:  # not sent as JSON: FastAPI validates the raw bytes, and no dict parameter takes them
        return None
    return value if isinstance(value, dict) else None


def _upload(form: FormData, name: str) -> UploadFile | None:
    value = form.get(name)
    return value if isinstance(value, UploadFile) else None


def _required_upload(form: FormData, name: str) -> UploadFile:
    upload = _upload(form, name)
    if upload is None:
        raise _Missing(name)
    return upload


class _Api:
    """One method per route: parse the request, ask the backend, shape the answer as the server does."""

    def __init__(self, backend: MonaiLabelBackend) -> None:
        self.backend = backend

    def guarded(self, role: str | None, endpoint: Handler) -> Handler:
        """Authenticate and authorise first (FastAPI resolves the RBAC dependency before it validates), under
        the backend's lock; `role=None` is a public route."""
        backend = self.backend

        async def run(request: Request) -> Response:
            with backend.lock:
                if role is not None:
                    user = backend.user_for(request.headers.get("authorization"))
                    if role:
                        backend.require(user, role)
                    request.state.user = user
                try:
                    return await endpoint(request)
                except _Missing as field:
                    return validation_error(missing(field.location, field.name))

        return run

    @staticmethod
    def _user(request: Request) -> User:
        user: User = request.state.user
        return user

    # -- auth

    async def auth_enabled(self, request: Request) -> Response:
        realm = "http://localhost:8080/realms/monailabel"
        return JSONResponse({"enabled": True, "client_id": "monailabel-app", "realm": realm})

    async def token(self, request: Request) -> Response:
        form = await request.form()
        return JSONResponse(self.backend.token(str(form.get("username", "")), str(form.get("password", ""))))

    async def token_valid(self, request: Request) -> Response:
        return JSONResponse(self._user(request).to_json())

    async def info(self, request: Request) -> Response:
        return JSONResponse(self.backend.info())

    # -- model

    async def model_file(self, request: Request) -> Response:
        return _file(self.backend.model_file(request.path_params["model"]))

    async def update_model(self, request: Request) -> Response:
        _required_upload(await request.form(), "file")
        return JSONResponse(self.backend.update_model(request.path_params["model"]))

    # -- infer

    async def infer(self, request: Request) -> Response:
        form = await request.form()
        file = _upload(form, "file")
        output = request.query_params.get("output")
        result = self.backend.infer(
            request.path_params["model"],
            image_id=request.query_params.get("image", ""),
            session_id=request.query_params.get("session_id", ""),
            upload=(file.filename, file.file) if file else None,
            params=_form_json(form, "params"),
        )
        if output == "dicom_seg":
            result["file"].unlink(missing_ok=True)
            raise ApiError(500, "DICOM SEG format is not supported in a non-DICOM datastore")
        if output == "json":
            return _params_only(result)
        if output == "image":
            return _file(result["file"], cleanup=True)
        return _multipart(result["params"], result["file"])

    async def wsi_infer(self, request: Request) -> Response:
        return self._wsi(request, await _json_body(request) or {}, None)

    async def wsi_v2_infer(self, request: Request) -> Response:
        form = await request.form()
        return self._wsi(request, _form_json(form, "wsi"), _upload(form, "file"))

    def _wsi(self, request: Request, wsi: dict[str, Any], file: UploadFile | None) -> Response:
        # A NIfTI is no slide: the server runs plain infer and answers the label file (params for json).
        output = request.query_params.get("output")
        params = {k: v for k, v in wsi.items() if k != "params"} | dict(wsi.get("params") or {})
        result = self.backend.infer(
            request.path_params["model"],
            image_id=request.query_params.get("image", ""),
            session_id=request.query_params.get("session_id", ""),
            upload=(file.filename, file.file) if file and file.filename else None,
            params={"output": output, **params},
        )
        if output == "json":
            return _params_only(result)
        return _file(result["file"], cleanup=True)

    # -- background tasks

    async def batch_status(self, request: Request) -> Response:
        return JSONResponse(self.backend.batch_tasks.status(**_status_flags(request)))

    async def batch_run(self, request: Request) -> Response:
        body = await request.body()
        params = json.loads(body) if body else dict(BATCH_DEFAULTS)
        images = request.query_params.get("images", "all")
        result = self.backend.batch_infer(request.path_params["model"], images, params, _flag(request, "run_sync"))
        return JSONResponse(result)

    async def batch_stop(self, request: Request) -> Response:
        return JSONResponse(self.backend.batch_tasks.stop())

    async def train_status(self, request: Request) -> Response:
        return JSONResponse(self.backend.train_tasks.status(**_status_flags(request)))

    async def train(self, request: Request) -> Response:
        params = await _json_body(request)
        model = request.path_params["model"]
        result = self.backend.train(
            model, params, run_sync=_flag(request, "run_sync"), enqueue=_flag(request, "enqueue")
        )
        return JSONResponse(result)

    async def train_all(self, request: Request) -> Response:
        return JSONResponse(self.backend.train_all(await _json_body(request), _flag(request, "run_sync")))

    async def train_stop(self, request: Request) -> Response:
        return JSONResponse(self.backend.train_tasks.stop())

    async def scoring_status(self, request: Request) -> Response:
        return JSONResponse(self.backend.scoring_tasks.status(**_status_flags(request)))

    async def score(self, request: Request) -> Response:
        method = request.path_params["method"]
        return JSONResponse(self.backend.score(method, await _json_body(request), _flag(request, "run_sync")))

    async def score_all(self, request: Request) -> Response:
        return JSONResponse(self.backend.score_all(await _json_body(request), _flag(request, "run_sync")))

    async def scoring_stop(self, request: Request) -> Response:
        return JSONResponse(self.backend.scoring_tasks.stop())

    async def next_sample(self, request: Request) -> Response:
        params = await _json_body(request)
        user = self._user(request).username
        return JSONResponse(self.backend.next_sample(request.path_params["strategy"], params, user))

    # -- datastore

    async def datastore(self, request: Request) -> Response:
        output = request.query_params.get("output") or "stats"
        store = self.backend.datastore
        shown = {"all": store.to_json, "train": store.datalist}.get(output, store.status)()
        return JSONResponse(shown)

    async def add_image(self, request: Request) -> Response:
        form = await request.form()
        file = _required_upload(form, "file")
        image_id = self.backend.add_image(
            request.query_params.get("image"),
            file.filename,
            file.file,
            str(form.get("params", "{}")),
            self._user(request).username,
        )
        return JSONResponse({"image": image_id})

    async def remove_image(self, request: Request) -> Response:
        self.backend.datastore.remove_image(_query(request, "id"))
        return JSONResponse({})

    async def check_image(self, request: Request) -> Response:
        self.backend.check_image(_query(request, "image"), request.query_params.get("check_sum"))
        return JSONResponse({})

    async def download_image(self, request: Request) -> Response:
        return _file(self.backend.image_file(_query(request, "image")))

    async def image_info(self, request: Request) -> Response:
        return JSONResponse(self.backend.datastore.image_info(_query(request, "image")))

    async def update_image_info(self, request: Request) -> Response:
        form = await request.form()
        user = self._user(request).username
        self.backend.update_image_info(_query(request, "image"), str(form.get("info", "{}")), user)
        return JSONResponse(None)

    async def save_label(self, request: Request) -> Response:
        form = await request.form()
        label = _required_upload(form, "label")
        saved = self.backend.save_label(
            _query(request, "image"),
            request.query_params.get("tag", ""),
            label.filename,
            label.file,
            str(form.get("params", "{}")),
        )
        return JSONResponse(saved)

    async def remove_label(self, request: Request) -> Response:
        self.backend.datastore.remove_label(_query(request, "id"), _query(request, "tag"))
        return JSONResponse({})

    async def check_label(self, request: Request) -> Response:
        self.backend.label_file(_query(request, "image"), _query(request, "tag"))
        return JSONResponse({})

    async def download_label(self, request: Request) -> Response:
        return _file(self.backend.label_file(_query(request, "label"), _query(request, "tag")))

    async def label_info(self, request: Request) -> Response:
        return JSONResponse(self.backend.datastore.label_info(_query(request, "label"), _query(request, "tag")))

    async def update_label_info(self, request: Request) -> Response:
        return await self._update_label_info(request, "info")

    async def update_label_info_legacy(self, request: Request) -> Response:
        return await self._update_label_info(request, "params")

    async def _update_label_info(self, request: Request, field: str) -> Response:
        label, tag = _query(request, "label"), _query(request, "tag")
        form = await request.form()
        self.backend.update_label_info(label, tag, str(form.get(field, "{}")), self._user(request).username)
        return JSONResponse(None)

    async def dataset(self, request: Request) -> Response:
        limit = request.query_params.get("limit_cases")
        archive = self.backend.dataset(int(limit) if limit else None)
        return _file(archive, filename="dataset.zip", cleanup=True)

    # -- logs

    async def logs(self, request: Request) -> Response:
        lines = int(request.query_params.get("lines", 300))
        if lines <= 0:
            return FileResponse(self.backend.log_file, media_type="text/plain")
        with self.backend.log_file.open(encoding="utf-8") as log:
            try:  # the server reads the tail first, whatever it answers
                tail = "".join(deque(log, lines))
            except OverflowError as error:  # lines beyond a C ssize_t
                raise ServerFault(str(error)) from error
        if _flag(request, "html", True) and not _flag(request, "text"):
            return HTMLResponse(_LOG_PAGE)
        return PlainTextResponse(tail)

    async def gpu(self, request: Request) -> Response:
        raise ServerFault("nvidia-smi not found")  # the server runs it; a machine without GPU lacks it

    # -- sessions

    async def session(self, request: Request) -> Response:
        session_id = request.path_params["session_id"]
        session = self.backend.session(session_id, update_ts=_flag(request, "update_ts"))
        if _flag(request, "image"):
            image = Path(session["image"])
            if not image.is_file():  # a session of several files (or an unpacked archive) is a folder
                raise ServerFault(f"File at path {image} is not a file.")  # Starlette's FileResponse
            return _file(image)
        return JSONResponse(session)

    async def create_session(self, request: Request) -> Response:
        form = await request.form()
        files = [(f.filename or uuid.uuid4().hex, f.file) for f in form.getlist("files") if isinstance(f, UploadFile)]
        if not files:
            raise _Missing("files")
        expiry = int(request.query_params.get("expiry", 0))
        return JSONResponse(self.backend.create_session(files, expiry, _flag(request, "uncompress")))

    async def remove_session(self, request: Request) -> Response:
        return JSONResponse(self.backend.remove_session(request.path_params["session_id"]))


def _form_json(form: FormData, name: str) -> dict[str, Any]:
    return json_object(str(form.get(name, "") or "{}"))


def _status_flags(request: Request) -> dict[str, bool]:
    return {"all": _flag(request, "all"), "check_if_running": _flag(request, "check_if_running")}


# The server's log page loads a viewer that fetches `?text=true`; this one links to the same text.
_LOG_PAGE = """<html>
<head><title>MONAI Label logs</title></head>
<body><p><a href="?text=true">Logs as text</a></p></body>
</html>
"""
