"""`client.projects`, `client.users`, `client.annotationsets` (annotation worklists) and datasets."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

# The client module imports this one; named as a module, its `AsyncClient` resolves when hints are read.
import medannot.datamint._async.client as _client
from medannot.core._async.pagination import AsyncPaginator
from medannot.core.config import LONG_TIMEOUT
from medannot.core.downloads import asave_response
from medannot.datamint import models
from medannot.datamint._common import as_ids, parse, parse_list
from medannot.errors import BadInput, NotFound
from medannot.types import JSONObject


class AsyncProjectsAPI:
    """Annotation projects (`/projects`)."""

    def __init__(self, client: _client.AsyncClient) -> None:
        self._c = client

    def iter_list(self, include_archived: bool = True) -> AsyncPaginator[models.Project]:
        """`GET /projects`, page by page to the end."""
        from medannot_api.datamint.models import Project

        return self._c._pages("projects", Project, {"includeArchived": include_archived or None})

    async def get_all(self, limit: int | None = None) -> list[models.Project]:
        """Every project (archived ones too)."""
        pages = self.iter_list()
        return await (pages.to_list() if limit is None else pages.first(limit))

    async def get_list(self, limit: int | None = None) -> list[models.Project]:
        """Every project (`get_all`)."""
        return await self.get_all(limit)

    async def get_by_id(self, entity_id: str) -> models.Project:
        """`GET /projects/{id}`; `NotFound` for an unknown id."""
        from medannot_api.datamint.models import Project

        return await self._c._get_model(Project, f"projects/{self._c._require_id(entity_id, 'project')}")

    async def get_by_name(self, name: str, include_archived: bool = True) -> models.Project | None:
        """The project called `name` (every page is searched), or None."""
        if not isinstance(name, str) or not name:
            raise BadInput("name must be a non-empty string")
        async for project in self.iter_list(include_archived):
            if project.name == name:
                return project
        return None

    async def _resolve(self, project: str | models.Project) -> models.Project:
        """A project given by object, name or id; `NotFound` naming it otherwise."""
        if isinstance(project, Mapping):
            return await self.get_by_id(self._c._require_id(project, "project"))
        if not isinstance(project, str) or not project:
            raise BadInput(f"project must be a project name or id, not {project!r}")
        async for candidate in self.iter_list():
            if candidate.name == project or candidate.id == project:
                return candidate
        raise NotFound(f"project {project!r} not found (no project has that name or id)", status_code=404)

    async def create(
        self,
        name: str,
        description: str,
        resource_ids: Sequence[str] | None = None,
        is_active_learning: bool = False,
        two_up_display: bool = False,
        *,
        require_review: bool = False,
    ) -> models.Project:
        """`POST /projects` over `resource_ids` (its dataset and worklist are created with it); the project."""
        from medannot_api.datamint.models import Project

        if not isinstance(name, str) or not name.strip():
            raise BadInput("name must be a non-empty string")
        ids = as_ids(resource_ids, "resource_ids") if resource_ids else []
        body: JSONObject = {
            "name": name,
            "description": description,
            "is_active_learning": bool(is_active_learning),
            "resource_ids": list(ids),
            "annotation_set": {
                "annotators": [],
                "resource_ids": list(ids),
                "annotations": [],
                "frame_labels": [],
                "image_labels": [],
            },
            "two_up_display": bool(two_up_display),
            "require_review": bool(require_review),
        }
        return parse(Project, await self._c._send("POST", "projects", json_body=body, idempotent=False))

    async def delete(self, entity: str | models.Project) -> None:
        """`DELETE /projects/{id}`; `NotFound` for an unknown id."""
        await self._c._send("DELETE", f"projects/{self._c._require_id(entity, 'project')}", idempotent=True)

    async def add_resources(
        self,
        resources: str | Sequence[str] | models.Resource | Sequence[models.Resource],
        project: str | models.Project,
    ) -> None:
        """Add resources to a project (given by object, name or id): `POST /projects/{id}/resources`."""
        target = await self._resolve(project)
        body = {"resource_ids_to_add": as_ids(resources, "resources"), "all_files_selected": False}
        await self._c._send("POST", f"projects/{target.id}/resources", json_body=body, idempotent=True)

    async def get_project_resources(self, project: str | models.Project) -> list[models.Resource]:
        """`GET /projects/{id}/resources` (a bare list)."""
        from medannot_api.datamint.models import Resource

        pid = self._c._require_id(project, "project")
        return parse_list(Resource, await self._c._get(f"projects/{pid}/resources"))

    async def get_worklists(self, project: str | models.Project) -> list[models.ProjectWorklist]:
        """`GET /projects/{id}/worklists`: `worklist_id`, `worklist_name`, `annotators` of each."""
        from medannot_api.datamint.models import ProjectWorklist

        pid = self._c._require_id(project, "project")
        return parse_list(ProjectWorklist, await self._c._get(f"projects/{pid}/worklists"))

    async def get_experiments(self, project: str | models.Project) -> list[models.Experiment]:
        """`GET /projects/{id}/experiments` (model trainings)."""
        from medannot_api.datamint.models import Experiment

        pid = self._c._require_id(project, "project")
        return parse_list(Experiment, await self._c._get(f"projects/{pid}/experiments"))

    async def download(
        self,
        project: str | models.Project,
        outpath: str | os.PathLike[str],
        all_annotations: bool = False,
        include_unannotated: bool = False,
    ) -> Path:
        """`GET /projects/{id}/annotated_dataset`: the ZIP archive streamed to `outpath` (a temporary file beside
        it, status and length checked, then renamed into place, replacing a file there). The path."""
        pid = self._c._require_id(project, "project")
        params = {"all_annotations": bool(all_annotations), "include_unannotated": include_unannotated or None}
        from medannot.datamint._common import query

        async with self._c._session.stream(
            "GET", f"projects/{pid}/annotated_dataset", params=query(params), timeout=LONG_TIMEOUT
        ) as response:
            return await asave_response(response, outpath, default_name=f"{pid}.zip", overwrite=True)


class AsyncUsersAPI:
    """Users of the account (`/users`; a user's id is their e-mail)."""

    def __init__(self, client: _client.AsyncClient) -> None:
        self._c = client

    def iter_list(self) -> AsyncPaginator[models.User]:
        """`GET /users`, page by page to the end."""
        from medannot_api.datamint.models import User

        return self._c._pages("users", User, shape="list")

    async def get_all(self, limit: int | None = None) -> list[models.User]:
        """Every user."""
        pages = self.iter_list()
        return await (pages.to_list() if limit is None else pages.first(limit))

    async def get_list(self, limit: int | None = None) -> list[models.User]:
        """Every user (`get_all`)."""
        return await self.get_all(limit)

    async def get_by_email(self, email: str) -> models.User:
        """`GET /users/{email}`; `NotFound` for an unknown one."""
        from medannot_api.datamint.models import User

        if not isinstance(email, str) or not email.strip() or "/" in email:
            raise BadInput(f"email must be an e-mail address, not {email!r}")
        return await self._c._get_model(User, f"users/{email.strip()}")

    async def get_by_id(self, entity_id: str) -> models.User:
        """A user by id (their e-mail)."""
        return await self.get_by_email(entity_id)

    async def create(
        self,
        email: str,
        password: str | None = None,
        firstname: str | None = None,
        lastname: str | None = None,
        roles: Sequence[str] | None = None,
    ) -> models.User:
        """`POST /users`; the new user. `Conflict` when the e-mail is taken."""
        from medannot_api.datamint.models import User

        if not isinstance(email, str) or "@" not in email:
            raise BadInput(f"email must be an e-mail address, not {email!r}")
        body = {
            "email": email,
            "password": password,
            "firstname": firstname,
            "lastname": lastname,
            "roles": list(roles) if roles is not None else None,
        }
        return parse(User, await self._c._send("POST", "users", json_body=body, idempotent=False))


class AsyncAnnotationSetsAPI:
    """Annotation worklists (`/annotationsets`)."""

    def __init__(self, client: _client.AsyncClient) -> None:
        self._c = client

    def iter_list(self, status: models.WorklistStatus | None = None) -> AsyncPaginator[models.Worklist]:
        """`GET /annotationsets` (optionally one status), page by page to the end."""
        from medannot_api.datamint.models import Worklist

        return self._c._pages("annotationsets", Worklist, {"status": status})

    async def get_list(
        self, limit: int | None = None, status: models.WorklistStatus | None = None
    ) -> list[models.Worklist]:
        """Every worklist (of one status)."""
        pages = self.iter_list(status)
        return await (pages.to_list() if limit is None else pages.first(limit))

    async def get_by_id(self, entity_id: str) -> models.Worklist:
        """`GET /annotationsets/{id}`; `NotFound` for an unknown id."""
        from medannot_api.datamint.models import Worklist

        return await self._c._get_model(Worklist, f"annotationsets/{self._c._require_id(entity_id, 'worklist')}")

    async def get_by_project(self, project: str | models.Project) -> list[models.ProjectWorklist]:
        """The worklists of a project (`GET /projects/{id}/worklists`)."""
        return await self._c.projects.get_worklists(project)

    async def create(
        self,
        name: str,
        resource_ids: Sequence[str],
        description: str | None = None,
        annotations: Sequence[JSONObject] | None = None,
        annotators: Sequence[str] | None = None,
        frame_labels: Sequence[str] | None = None,
        image_labels: Sequence[str] | None = None,
        segmentation_data: JSONObject | None = None,
        project: str | models.Project | None = None,
    ) -> models.Worklist:
        """`POST /annotationsets`: a worklist over resources; the worklist."""
        from medannot_api.datamint.models import Worklist

        project_id = (await self._c.projects._resolve(project)).id if project is not None else None
        body = {
            "name": name,
            "resource_ids": as_ids(resource_ids, "resource_ids") if resource_ids else [],
            "description": description,
            "annotations": list(annotations) if annotations is not None else None,
            "annotators": list(annotators) if annotators is not None else None,
            "frame_labels": list(frame_labels) if frame_labels is not None else None,
            "image_labels": list(image_labels) if image_labels is not None else None,
            "segmentation_data": segmentation_data,
            "project_id": project_id,
        }
        body = {k: v for k, v in body.items() if v is not None}
        return parse(Worklist, await self._c._send("POST", "annotationsets", json_body=body, idempotent=False))

    async def update(
        self,
        worklist_id: str,
        frame_labels: Sequence[str] | None = None,
        image_labels: Sequence[str] | None = None,
        annotations: Sequence[JSONObject] | None = None,
        status: models.WorklistStatus | None = None,
        name: str | None = None,
    ) -> models.Worklist:
        """`PATCH /annotationsets/{id}` with the fields given; the updated worklist."""
        from medannot_api.datamint.models import Worklist

        wid = self._c._require_id(worklist_id, "worklist_id")
        body = {
            "frame_labels": list(frame_labels) if frame_labels is not None else None,
            "image_labels": list(image_labels) if image_labels is not None else None,
            "annotations": list(annotations) if annotations is not None else None,
            "status": status,
            "name": name,
        }
        body = {k: v for k, v in body.items() if v is not None}
        return parse(Worklist, await self._c._send("PATCH", f"annotationsets/{wid}", json_body=body, idempotent=True))

    async def update_resources(
        self,
        worklist_id: str,
        resource_ids_to_add: Sequence[str] | None = None,
        resource_ids_to_delete: Sequence[str] | None = None,
    ) -> None:
        """`POST /annotationsets/{id}/resources`: add and remove resources."""
        wid = self._c._require_id(worklist_id, "worklist_id")
        body = {
            "resource_ids_to_add": as_ids(resource_ids_to_add, "resource_ids_to_add") if resource_ids_to_add else None,
            "resource_ids_to_delete": as_ids(resource_ids_to_delete, "resource_ids_to_delete")
            if resource_ids_to_delete
            else None,
        }
        body = {k: v for k, v in body.items() if v is not None}
        await self._c._send("POST", f"annotationsets/{wid}/resources", json_body=body, idempotent=True)
