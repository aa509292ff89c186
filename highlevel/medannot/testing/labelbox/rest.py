"""The REST side of the API (`rest_endpoint`, /api/v1): feature schema and ontology maintenance.

labelbox.Client calls these with its GraphQL session (same Bearer key) and reads `message` on failure.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .backend import LabelboxBackend
from .errors import ApiError, BadRequest, json_object

REST_PREFIX = "/api/v1"
Handler = Callable[[Request, LabelboxBackend], Awaitable[Response]]


async def _json_body(request: Request) -> dict[str, Any]:
    body = await request.body()
    return json_object(body, "Request body") if body else {}


async def upsert_feature_schema(request: Request, backend: LabelboxBackend) -> Response:
    body = await _json_body(request)
    normalized = json_object(body.get("normalized") or "{}", "normalized")
    id = request.path_params["id"]
    schema = backend.ontology.upsert_feature_schema(normalized, None if id == "new_feature_schema_id" else id)
    return JSONResponse({"schemaId": schema.id})


async def rename_feature_schema(request: Request, backend: LabelboxBackend) -> Response:
    title = (await _json_body(request)).get("title")
    if not title:
        raise BadRequest("title is required")
    schema = backend.ontology.rename_feature_schema(request.path_params["id"], title)
    return JSONResponse({"schemaId": schema.id})


async def delete_feature_schema(request: Request, backend: LabelboxBackend) -> Response:
    backend.ontology.delete_unused_feature_schema(request.path_params["id"])
    return Response(status_code=204)


async def unused_feature_schemas(request: Request, backend: LabelboxBackend) -> Response:
    return JSONResponse(_after(backend.ontology.unused_feature_schemas(), (await _json_body(request)).get("after")))


async def unused_ontologies(request: Request, backend: LabelboxBackend) -> Response:
    return JSONResponse(_after(backend.ontology.unused_ontologies(), (await _json_body(request)).get("after")))


def _after(ids: list[str], after: str | None, page: int = 100) -> list[str]:
    """The SDK passes the last id it saw as `after` (in a GET body) and reads 100 ids at a time."""
    start = ids.index(after) + 1 if after in ids else 0
    return ids[start : start + page]


async def ontology_nodes(request: Request, backend: LabelboxBackend) -> Response:
    ontology_id = request.path_params["id"]
    return JSONResponse({"id": ontology_id, "featureSchemaNodes": backend.ontology.ontology_feature_nodes(ontology_id)})


async def delete_ontology(request: Request, backend: LabelboxBackend) -> Response:
    backend.ontology.delete_unused_ontology(request.path_params["id"])
    return Response(status_code=204)


async def insert_feature_schema(request: Request, backend: LabelboxBackend) -> Response:
    position = (await _json_body(request)).get("position", 0)
    if not isinstance(position, int):
        raise BadRequest("position must be an integer")
    backend.ontology.insert_feature_schema(request.path_params["id"], request.path_params["fs"], position)
    return JSONResponse({}, status_code=201)


async def remove_feature_schema(request: Request, backend: LabelboxBackend) -> Response:
    archived, deleted = backend.ontology.remove_feature_schema(request.path_params["id"], request.path_params["fs"])
    return JSONResponse({"archived": archived, "deleted": deleted})


async def unarchive_feature_schema(request: Request, backend: LabelboxBackend) -> Response:
    unarchived = backend.ontology.unarchive_feature_schema(request.path_params["id"], request.path_params["fs"])
    return JSONResponse({"unarchived": unarchived})


ROUTES: list[tuple[str, str, Handler]] = [
    ("GET", "/feature-schemas/unused", unused_feature_schemas),
    ("PUT", "/feature-schemas/{id}", upsert_feature_schema),
    ("DELETE", "/feature-schemas/{id}", delete_feature_schema),
    ("PATCH", "/feature-schemas/{id}/definition", rename_feature_schema),
    ("GET", "/ontologies/unused", unused_ontologies),
    ("GET", "/ontologies/{id}", ontology_nodes),
    ("DELETE", "/ontologies/{id}", delete_ontology),
    ("POST", "/ontologies/{id}/feature-schemas/{fs}", insert_feature_schema),
    ("DELETE", "/ontologies/{id}/feature-schemas/{fs}", remove_feature_schema),
    ("PATCH", "/ontologies/{id}/feature-schemas/{fs}/unarchive", unarchive_feature_schema),
]


def rest_routes(backend: LabelboxBackend, record: Callable[[Request, str], None]) -> list[Route]:
    """Starlette routes for ROUTES: each authenticates, logs its route template and maps ApiError to JSON."""

    def endpoint(method: str, path: str, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def run(request: Request) -> Response:
            record(request, f"{method} {REST_PREFIX}{path}")
            try:
                backend.authenticate(bearer(request))
                return await handler(request, backend)
            except ApiError as error:
                return JSONResponse({"message": error.message, "code": error.code}, status_code=error.http_status)

        return run

    return [
        Route(REST_PREFIX + path, endpoint(method, path, handler), methods=[method]) for method, path, handler in ROUTES
    ]


def bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token if scheme.lower() == "bearer" else None
