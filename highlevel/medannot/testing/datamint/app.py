"""The HTTP face of the emulated Datamint service: the routes both SDK generations call, in its response shapes.

Order of checks, as on the service: routing (JSON 404/405), the API key (`apikey` header, or `Authorization:
Bearer`; 401), the schema check (422, the emulator's own), then the handler. Errors are JSON
`{"statusCode", "message", "error"}`; a 404 says "... not found". Uploaded files are copied to the backend's folder
in a worker thread, so a large upload never blocks other requests.
"""

from __future__ import annotations

import hmac
import json
import os
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route

from medannot.testing._emulator import CrashLog, control_routes
from medannot.testing._fastapi import Handler
from medannot.testing._openapi import Contract, SchemaSource
from medannot.testing.datamint.backend import DatamintBackend, Resource, ResourceFilter, Upload
from medannot.testing.datamint.errors import BadRequest, DatamintError, Unauthorized

# The schema shipped with the generated client: the emulator is held to what the client was built from.
DEFAULT_SCHEMA = Path(str(resources.files("medannot_api.datamint").joinpath("openapi.json")))
PAGE_LIMIT = 5000
_MAX_FIELD = 16 * 1024 * 1024  # metadata and segmentation maps are JSON text fields


def create_app(backend: DatamintBackend, schema: SchemaSource = DEFAULT_SCHEMA) -> Starlette:
    api = _Api(backend)
    contract = Contract(schema)

    def op(method: str, path: str, handler: Handler) -> BaseRoute:
        served = path.replace("{frame_index}", "{frame_index:int}")
        validated = _reading_body(contract.body_kind(method, path), contract.validating(method, path, handler))
        return Route(served, api.authenticated(validated), methods=[method])

    routes = [
        # static segments before the {id} routes they would otherwise match
        op("GET", "/resources/channels", api.channels),
        op("GET", "/resources/not-annotated", api.not_annotated),
        op("POST", "/resources/bulk-publish", api.bulk_publish),
        op("PUT", "/resources/tags", api.bulk_tags),
        op("POST", "/resources", api.upload),
        op("GET", "/resources", api.list_resources),
        op("DELETE", "/resources", api.delete_resources),
        op("GET", "/resources/{resource_id}", api.get_resource),
        op("DELETE", "/resources/{resource_id}", api.delete_resource),
        op("GET", "/resources/{resource_id}/file", api.resource_file),
        op("GET", "/resources/{resource_id}/frames/{frame_index}", api.frame),
        op("POST", "/resources/{resource_id}/publish", api.publish),
        op("PUT", "/resources/{resource_id}/tags", api.tags),
        op("GET", "/annotations", api.list_annotations),
        op("POST", "/annotations/search", api.search_annotations),
        op("POST", "/annotations/delete-batch", api.delete_annotations),
        op("GET", "/annotations/{annotation_id}", api.get_annotation),
        op("DELETE", "/annotations/{annotation_id}", api.delete_annotation),
        op("POST", "/annotations/{resource_id}/annotations", api.create_annotations),
        op("POST", "/annotations/{resource_id}/annotations/{annotation_id}/file", api.upload_annotation_file),
        op("GET", "/annotations/{resource_id}/annotations/{annotation_id}/file", api.annotation_file),
        op("POST", "/annotations/{resource_id}/segmentations/file", api.upload_volume_segmentation),
        op("GET", "/projects", api.list_projects),
        op("POST", "/projects", api.create_project),
        op("GET", "/projects/{project_id}", api.get_project),
        op("DELETE", "/projects/{project_id}", api.delete_project),
        op("GET", "/projects/{project_id}/resources", api.project_resources),
        op("POST", "/projects/{project_id}/resources", api.add_project_resources),
        op("GET", "/projects/{project_id}/worklists", api.project_worklists),
        op("GET", "/projects/{project_id}/experiments", api.project_experiments),
        op("GET", "/projects/{project_id}/annotated_dataset", api.download_project),
        op("GET", "/users", api.list_users),
        op("POST", "/users", api.create_user),
        op("GET", "/users/{email}", api.get_user),
        op("GET", "/datasets", api.list_datasets),
        op("GET", "/datasets/{dataset_id}", api.get_dataset),
        op("POST", "/datasets/{dataset_id}/resources", api.update_dataset_resources),
        op("GET", "/annotationsets", api.list_worklists),
        op("POST", "/annotationsets", api.create_worklist),
        op("GET", "/annotationsets/{worklist_id}", api.get_worklist),
        op("PATCH", "/annotationsets/{worklist_id}", api.update_worklist),
        op("POST", "/annotationsets/{worklist_id}/resources", api.update_worklist_resources),
        *control_routes(backend),
    ]
    crashes = CrashLog()
    app = Starlette(
        routes=routes,
        exception_handlers={
            HTTPException: _http_exception,
            DatamintError: _datamint_error,
            Exception: crashes.handler(_server_fault),
        },
    )
    app.state.contract = contract  # its journal is what oracle tests read
    app.state.crashes = crashes
    return app


def _reading_body(kind: str | None, endpoint: Handler, *, buffer_up_to: int = 1024 * 1024) -> Handler:
    """The service's body parser runs before validation: a JSON body that is not JSON text, or a multipart body
    that cannot be parsed, is a 400 in its words. Small bodies are read into memory first (validation reads them
    too); large ones stream to the handler."""
    if kind is None:
        return endpoint

    async def read(request: Request) -> Response:
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) <= buffer_up_to:
            body = await request.body()
            if kind == "json" and body:
                try:
                    json.loads(body)
                except ValueError as error:  # UnicodeDecodeError too
                    return _error(400, f"The body is not JSON: {error}")
        if kind == "form":
            try:
                await request.form(max_part_size=_MAX_FIELD)
            except HTTPException as error:  # Starlette's MultiPartException
                return _error(400, str(error.detail))
            except Exception as error:
                return _error(400, f"The multipart body cannot be parsed: {error}")
        return await endpoint(request)

    return read


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse(DatamintError(status, message).body(), status_code=status)


async def _http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code in (404, 405):  # routing: the service's framework words it "Cannot GET /path"
        return _error(exc.status_code, f"Cannot {request.method} {request.url.path}")
    return _error(exc.status_code, str(exc.detail))


async def _datamint_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DatamintError)
    return JSONResponse(exc.body(), status_code=exc.status_code)


def _server_fault(request: Request, exc: Exception) -> Response:
    return _error(500, "Internal server error")


def _page(items: list[Any], request: Request) -> list[Any]:
    """`offset`/`limit` of the query (validated by the schema: limit 1..5000); no limit: everything."""
    query = request.query_params
    offset = int(query.get("offset") or 0)
    limit = query.get("limit")
    return items[offset : offset + int(limit)] if limit else items[offset:]


def _json_filter(request: Request, name: str, default_kind: str) -> tuple[list[str], str] | None:
    raw = request.query_params.get(name)
    if not raw:
        return None
    try:
        value = json.loads(raw)
        items = [str(i) for i in value["items"]]
        kind = str(value.get("filterType") or default_kind)
    except (ValueError, KeyError, TypeError):
        raise BadRequest(
            f'{name} must be JSON text: {{"items": [...], "filterType": "union" | "intersection"}}'
        ) from None
    if kind not in ("union", "intersection"):
        raise BadRequest(f"{name}.filterType must be 'union' or 'intersection'")
    return items, kind


def _bool(value: str | None) -> bool | None:
    return None if value in (None, "") else str(value).lower() in ("true", "1", "yes")


class _Api:
    """One method per route: read the request, ask the backend, answer in the service's shape."""

    def __init__(self, backend: DatamintBackend) -> None:
        self.backend = backend

    def authenticated(self, handler: Handler) -> Handler:
        expected = self.backend.api_key.encode()

        async def endpoint(request: Request) -> Response:
            offered = [request.headers.get("apikey", "")]
            authorization = request.headers.get("authorization", "")
            if authorization[:7].lower() == "bearer ":
                offered.append(authorization[7:].strip())
            if not any(key and hmac.compare_digest(key.encode(), expected) for key in offered):
                raise Unauthorized()
            return await handler(request)

        return endpoint

    def _resources(self, resources: list[Resource]) -> list[dict[str, Any]]:
        return [self.backend.resource_json(r) for r in resources]

    async def _json(self, request: Request) -> Any:
        try:
            return await request.json()
        except ValueError:
            raise BadRequest("The body is not JSON") from None

    async def _form(self, request: Request) -> FormData:
        return await request.form(max_part_size=_MAX_FIELD)

    # -- resources

    async def upload(self, request: Request) -> Response:
        form = await self._form(request)
        try:
            part = form.get("resource")
            if not isinstance(part, UploadFile):
                raise BadRequest("The file part 'resource' is missing")
            fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
            metadata: dict[str, Any] = {}
            if fields.get("metadata"):
                try:
                    metadata = json.loads(fields["metadata"])
                except ValueError:
                    raise BadRequest("metadata is not JSON") from None
                if not isinstance(metadata, dict):
                    raise BadRequest("metadata must be a JSON object")
            upload = Upload(
                file=part.file,
                filename=os.path.basename(part.filename or "") or "file",
                part_type=part.content_type,
                size=part.size,
                mimetype=fields.get("mimetype"),
                source_filepath=fields.get("source_filepath"),
                channel=fields.get("channel") or None,
                modality=fields.get("modality") or None,
                publish=fields.get("bypass_inbox", "false").lower() == "true",
                tags=[t for t in fields.get("tags", "").split(",") if t.strip()],
                metadata=metadata,
            )
            kept = await run_in_threadpool(self.backend.keep_upload, upload)
        finally:
            await form.close()
        resource = self.backend.register_upload(upload, kept)
        return JSONResponse(self.backend.resource_json(resource), status_code=201)

    async def list_resources(self, request: Request) -> Response:
        q = request.query_params
        order_field = q.get("order_field") or None
        where = ResourceFilter(
            status=q.get("status") or None,
            date_from=q.get("from") or None,
            date_to=q.get("to") or None,
            modality=q.get("modality") or None,
            mimetype=q.get("mimetype") or None,
            channel=q.get("channel_name") or None,
            filename=q.get("filename") or None,
            deleted=q.get("deleted") or "exclude",
            projects=_json_filter(request, "project", "intersection"),
            tags=_json_filter(request, "tags", "union"),
            order_field=order_field,
            ascending=_bool(q.get("order_by_asc")),
        )
        found = self.backend.list_resources(where)
        page = self._resources(_page(found, request))
        return JSONResponse({"data": [{"resources": page}], "totalCount": len(found)})

    async def delete_resources(self, request: Request) -> Response:
        ids = [i.strip() for i in request.query_params.get("resource_ids", "").split(",") if i.strip()]
        if not ids:
            raise BadRequest("resource_ids must name at least one resource")
        self.backend.delete_resources(ids)
        return JSONResponse({"success": True, "deleted": len(ids)})

    async def get_resource(self, request: Request) -> Response:
        return JSONResponse(self.backend.resource_json(self.backend.resource(request.path_params["resource_id"])))

    async def delete_resource(self, request: Request) -> Response:
        self.backend.delete_resources([request.path_params["resource_id"]])
        return JSONResponse({"success": True})

    async def resource_file(self, request: Request) -> Response:
        resource = self.backend.resource(request.path_params["resource_id"])
        return FileResponse(resource.path, media_type=resource.facts.mimetype, filename=resource.filename)

    async def frame(self, request: Request) -> Response:
        p = request.path_params
        self.backend.live_resource(p["resource_id"])
        png = await run_in_threadpool(self.backend.frame_png, p["resource_id"], p["frame_index"])
        return Response(png, media_type="image/png")

    async def publish(self, request: Request) -> Response:
        return JSONResponse(self.backend.resource_json(self.backend.publish(request.path_params["resource_id"])))

    async def bulk_publish(self, request: Request) -> Response:
        ids = list((await self._json(request))["resource_ids"])
        self.backend.publish_many(ids)
        return JSONResponse({"success": True, "published": len(ids)})

    async def tags(self, request: Request) -> Response:
        body = await self._json(request)
        (resource,) = self.backend.set_tags([request.path_params["resource_id"]], list(body["tags"]))
        return JSONResponse(self.backend.resource_json(resource))

    async def bulk_tags(self, request: Request) -> Response:
        body = await self._json(request)
        updated = self.backend.set_tags(list(body["resource_ids"]), list(body["tags"]))
        return JSONResponse({"success": True, "updated": len(updated)})

    async def channels(self, request: Request) -> Response:
        channels = self.backend.channels()
        return JSONResponse({"data": _page(channels, request), "totalCount": str(len(channels))})

    async def not_annotated(self, request: Request) -> Response:
        found = self.backend.not_annotated(request.query_params.get("project_id") or None)
        page = self._resources(_page(found, request))
        return JSONResponse({"data": [{"resources": page}], "totalCount": len(found)})

    # -- annotations

    def _annotations(
        self, where: dict[str, Any], request: Request | None, offset: int = 0, limit: int | None = None
    ) -> list[dict[str, Any]]:
        found = self.backend.search_annotations(where)
        if request is not None:
            found = _page(found, request)
        else:
            found = found[offset : None if limit is None else offset + limit]
        return [self.backend.annotation_json(a) for a in found]

    async def list_annotations(self, request: Request) -> Response:
        where = {k: v for k, v in request.query_params.items() if k not in ("offset", "limit")}
        return JSONResponse({"data": self._annotations(where, request)})

    async def search_annotations(self, request: Request) -> Response:
        body = await self._json(request)
        offset = int(body.pop("offset", 0) or 0)
        limit = body.pop("limit", None)
        items = self._annotations(body, None, offset, None if limit in (None, "") else int(limit))
        return JSONResponse(items)

    async def delete_annotations(self, request: Request) -> Response:
        body = await self._json(request)
        return JSONResponse({"success": True, "deleted": self.backend.delete_annotations(list(body["ids"]))})

    async def get_annotation(self, request: Request) -> Response:
        annotation = self.backend.annotation(request.path_params["annotation_id"])
        return JSONResponse(self.backend.annotation_json(annotation))

    async def delete_annotation(self, request: Request) -> Response:
        self.backend.delete_annotations([request.path_params["annotation_id"]])
        return JSONResponse({"success": True})

    async def create_annotations(self, request: Request) -> Response:
        items = await self._json(request)
        ids = self.backend.create_annotations(request.path_params["resource_id"], list(items))
        return JSONResponse(ids, status_code=201)

    async def _file_part(self, request: Request, name: str) -> tuple[FormData, UploadFile]:
        form = await self._form(request)
        part = form.get(name)
        if not isinstance(part, UploadFile):
            await form.close()
            raise BadRequest(f"The file part '{name}' is missing")
        return form, part

    async def upload_annotation_file(self, request: Request) -> Response:
        p = request.path_params
        self.backend.check_annotation_of(p["resource_id"], p["annotation_id"])
        form, part = await self._file_part(request, "file")
        try:
            path = await run_in_threadpool(self.backend.keep_file, part.file, "mask")
        finally:
            await form.close()
        name = os.path.basename(part.filename or "")
        self.backend.attach_file(p["resource_id"], p["annotation_id"], name, part.content_type, path)
        return JSONResponse({"success": True, "id": p["annotation_id"]}, status_code=201)

    async def annotation_file(self, request: Request) -> Response:
        p = request.path_params
        annotation = self.backend.annotation_file(p["resource_id"], p["annotation_id"])
        assert annotation.file_path is not None
        return FileResponse(annotation.file_path, media_type=annotation.file_type, filename=annotation.file_name)

    async def upload_volume_segmentation(self, request: Request) -> Response:
        resource_id = request.path_params["resource_id"]
        self.backend.live_resource(resource_id)
        form, part = await self._file_part(request, "file")
        try:
            fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
            path = await run_in_threadpool(self.backend.keep_file, part.file, "volume")
        finally:
            await form.close()
        name = os.path.basename(part.filename or "") or "segmentation.nii.gz"
        ids = self.backend.add_volume_segmentation(resource_id, name, path, fields)
        return JSONResponse(ids, status_code=201)

    # -- projects

    async def list_projects(self, request: Request) -> Response:
        include_archived = bool(_bool(request.query_params.get("includeArchived")))
        projects = [p for p in self.backend.projects.values() if include_archived or not p.archived]
        return JSONResponse({"data": [self.backend.project_json(p) for p in _page(projects, request)]})

    async def create_project(self, request: Request) -> Response:
        project = self.backend.create_project(await self._json(request))
        return JSONResponse(self.backend.project_json(project), status_code=201)

    async def get_project(self, request: Request) -> Response:
        return JSONResponse(self.backend.project_json(self.backend.project(request.path_params["project_id"])))

    async def delete_project(self, request: Request) -> Response:
        self.backend.delete_project(request.path_params["project_id"])
        return JSONResponse({"success": True})

    async def project_resources(self, request: Request) -> Response:
        found = [r for r in self.backend.project_resources(request.path_params["project_id"]) if not r.deleted]
        return JSONResponse(self._resources(found))

    async def add_project_resources(self, request: Request) -> Response:
        project = self.backend.project(request.path_params["project_id"])
        body = await self._json(request)
        self.backend.update_dataset(self.backend.dataset(project.dataset_id), body)
        return JSONResponse({"success": True}, status_code=201)

    async def project_worklists(self, request: Request) -> Response:
        return JSONResponse(self.backend.project_worklists(request.path_params["project_id"]))

    async def project_experiments(self, request: Request) -> Response:
        project = self.backend.project(request.path_params["project_id"])
        return JSONResponse(list(self.backend.experiments.get(project.id, [])))

    async def download_project(self, request: Request) -> Response:
        q = request.query_params
        path = await run_in_threadpool(
            self.backend.export_project,
            request.path_params["project_id"],
            bool(_bool(q.get("all_annotations"))),
            bool(_bool(q.get("include_unannotated"))),
        )
        return FileResponse(path, media_type="application/zip", filename=f"{request.path_params['project_id']}.zip")

    # -- users

    async def list_users(self, request: Request) -> Response:
        return JSONResponse([self.backend.user_json(u) for u in _page(list(self.backend.users.values()), request)])

    async def create_user(self, request: Request) -> Response:
        user = self.backend.create_user(await self._json(request))
        return JSONResponse(self.backend.user_json(user), status_code=201)

    async def get_user(self, request: Request) -> Response:
        return JSONResponse(self.backend.user_json(self.backend.user(request.path_params["email"])))

    # -- datasets

    async def list_datasets(self, request: Request) -> Response:
        datasets = list(self.backend.datasets.values())
        page = [self.backend.dataset_json(d) for d in _page(datasets, request)]
        return JSONResponse({"data": page, "totalCount": len(datasets)})

    async def get_dataset(self, request: Request) -> Response:
        return JSONResponse(self.backend.dataset_json(self.backend.dataset(request.path_params["dataset_id"])))

    async def update_dataset_resources(self, request: Request) -> Response:
        dataset = self.backend.dataset(request.path_params["dataset_id"])
        self.backend.update_dataset(dataset, await self._json(request))
        return JSONResponse({"success": True}, status_code=201)

    # -- worklists

    async def list_worklists(self, request: Request) -> Response:
        status = request.query_params.get("status") or None
        worklists = [w for w in self.backend.worklists.values() if status is None or w.status == status]
        page = [self.backend.worklist_json(w) for w in _page(worklists, request)]
        return JSONResponse({"data": page, "totalCount": len(worklists)})

    async def create_worklist(self, request: Request) -> Response:
        worklist = self.backend.create_worklist(await self._json(request))
        return JSONResponse(self.backend.worklist_json(worklist), status_code=201)

    async def get_worklist(self, request: Request) -> Response:
        return JSONResponse(self.backend.worklist_json(self.backend.worklist(request.path_params["worklist_id"])))

    async def update_worklist(self, request: Request) -> Response:
        worklist = self.backend.update_worklist(request.path_params["worklist_id"], await self._json(request))
        return JSONResponse(self.backend.worklist_json(worklist))

    async def update_worklist_resources(self, request: Request) -> Response:
        body = await self._json(request)
        self.backend.update_worklist_resources(request.path_params["worklist_id"], body)
        return JSONResponse({"success": True}, status_code=201)


__all__ = ["DEFAULT_SCHEMA", "PAGE_LIMIT", "create_app"]
