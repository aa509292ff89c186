"""ASGI app of the Labelbox emulator: GraphQL at /graphql (and /_gql, the SDK's experimental path),
the REST routes, uploaded files, and the /_emulator control routes (reset, state, seed)."""

from __future__ import annotations

import json
import threading
from typing import Any

from ariadne.file_uploads import combine_multipart_data
from graphql import ExecutionResult, GraphQLError, GraphQLSchema, execute, parse, validate
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from medannot.testing._emulator import Crash, CrashLog, control_routes

from .backend import LabelboxBackend
from .errors import ApiError, BadRequest
from .files import FILES_PATH
from .resolvers import build_schema
from .rest import bearer, rest_routes


class OperationLog:
    """What the server received, in order: GraphQL documents and REST route templates (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[dict[str, Any]] = []

    def add(self, entry: dict[str, Any]) -> None:
        with self._lock:
            self._entries.append(entry)

    def entries(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._entries)

    def documents(self) -> list[str]:
        return [e["document"] for e in self.entries() if e["kind"] == "graphql"]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def _error_body(message: str, code: str, **extensions: Any) -> dict[str, Any]:
    return {"errors": [{"message": message, "extensions": {"code": code, **extensions}}]}


def _format_error(error: GraphQLError) -> dict[str, Any]:
    formatted: dict[str, Any] = dict(error.formatted)
    original = error.original_error
    if isinstance(original, ApiError):
        formatted.update(message=original.message, extensions=original.extensions())
    elif error.path is None:  # before execution: variables that do not fit their declared types
        formatted["extensions"] = {"code": "BAD_USER_INPUT"}
    else:  # a bug in the emulator, not a client mistake
        formatted["extensions"] = {"code": "INTERNAL_SERVER_ERROR", "exception": {"status": 500}}
    return formatted


class GraphQLEndpoint:
    """POST /graphql: authenticate, parse, validate against the SDL, execute the resolvers, log the document."""

    def __init__(self, schema: GraphQLSchema, backend: LabelboxBackend, log: OperationLog, crashes: CrashLog) -> None:
        self.schema: GraphQLSchema = schema
        self.backend: LabelboxBackend = backend
        self.log: OperationLog = log
        self.crashes: CrashLog = crashes

    async def handle(self, request: Request) -> Response:
        try:
            self.backend.authenticate(bearer(request))
            payload = await self._payload(request)
        except ApiError as error:
            return JSONResponse(_error_body(error.message, error.code), status_code=error.http_status)
        document_text = payload.get("query")
        if not isinstance(document_text, str):
            return JSONResponse(_error_body("Must provide query string.", "BAD_REQUEST"), status_code=400)
        self.log.add(
            {
                "kind": "graphql",
                "path": request.url.path,
                "document": document_text,
                "operation_name": payload.get("operationName"),
            }
        )
        try:
            document = parse(document_text)
        except GraphQLError as error:
            return JSONResponse(_error_body(error.message, "GRAPHQL_PARSE_FAILED"), status_code=400)
        problems = validate(self.schema, document)
        if problems:
            failed = [{**p.formatted, "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"}} for p in problems]
            return JSONResponse({"errors": failed}, status_code=400)
        context = {"backend": self.backend, "base_url": str(request.base_url)}
        result = execute(
            self.schema,
            document,
            variable_values=payload.get("variables"),
            operation_name=payload.get("operationName"),
            context_value=context,
        )
        assert isinstance(result, ExecutionResult)  # every resolver is synchronous
        body: dict[str, Any] = {"data": result.data}
        for failure in result.errors or ():
            raised = failure.original_error
            if isinstance(raised, Exception) and not isinstance(raised, ApiError):
                # a resolver raised: a bug of the emulator, answered as an internal error inside `errors`
                self.crashes.entries.append(Crash(request.method, request.url.path, raised))
        if result.errors:
            body["errors"] = [_format_error(e) for e in result.errors]
        return JSONResponse(body)

    @staticmethod
    async def _payload(request: Request) -> dict[str, Any]:
        """A JSON body, or the GraphQL multipart request spec: `operations`, `map` and the files."""
        if not request.headers.get("content-type", "").startswith("multipart/form-data"):
            try:
                body = json.loads(await request.body())
            except ValueError:
                raise BadRequest("Request body is not valid JSON") from None
            return body if isinstance(body, dict) else {}
        form = await request.form(max_part_size=16 * 1024 * 1024)
        try:
            operations = json.loads(str(form["operations"]))
            files_map = json.loads(str(form.get("map") or "{}"))
        except (KeyError, ValueError):
            raise BadRequest("A multipart request needs JSON `operations` and `map` fields") from None
        files = {key: value for key, value in form.multi_items() if key not in ("operations", "map")}
        combined = combine_multipart_data(operations, files_map, files)
        if not isinstance(combined, dict):
            raise BadRequest("Batched operations are not supported")
        return combined


def create_app(backend: LabelboxBackend, log: OperationLog) -> Starlette:
    schema = build_schema()
    crashes = CrashLog()
    graphql_endpoint = GraphQLEndpoint(schema, backend, log, crashes)

    def record_rest(request: Request, route: str) -> None:
        log.add({"kind": "rest", "path": request.url.path, "route": route})

    async def serve_file(request: Request) -> Response:
        try:
            stored = backend.files.get(request.path_params["key"])
        except ApiError as error:
            return JSONResponse({"message": error.message}, status_code=404)
        return FileResponse(stored.path, media_type=stored.content_type, filename=stored.filename)

    async def seed(request: Request) -> Response:
        """Create what the SDK cannot: labels (made in the web editor) and saved catalog/model slices."""
        body = await request.json()
        try:
            if request.path_params["kind"] == "label":
                made: Any = backend.add_label(body["project_id"], body["data_row_id"], body["feature_schema_ids"])
            elif request.path_params["kind"] == "saved-query":
                made = backend.add_saved_query(body["name"], body.get("filter"), body.get("description"))
            else:
                return JSONResponse({"message": "unknown seed kind"}, status_code=404)
        except (KeyError, ApiError) as error:
            return JSONResponse({"message": str(error)}, status_code=400)
        return JSONResponse({"id": made.id}, status_code=201)

    routes = [
        Route("/graphql", graphql_endpoint.handle, methods=["POST"]),
        Route("/_gql", graphql_endpoint.handle, methods=["POST"]),
        Route(FILES_PATH + "/{key}/{name}", serve_file, methods=["GET"]),
        *control_routes(backend),
        Route("/_emulator/seed/{kind}", seed, methods=["POST"]),
        *rest_routes(backend, record_rest),
    ]
    app = Starlette(routes=routes, exception_handlers={Exception: crashes.handler(_internal_server_error)})
    app.state.crashes = crashes
    return app


def _internal_server_error(request: Request, exc: Exception) -> Response:
    return PlainTextResponse("Internal Server Error", status_code=500)
