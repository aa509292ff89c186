"""`medannot.phas.AsyncClient` (and its generated twin `Client`): a PHAS server session with the official
client's verbs, typed.

Unlike the official client, constructing one sends nothing and builds no Flask app: the API key is read (and
checked for shape) at once, the login happens on the first call, and the session is re-established once if
the server forgets it (a 302 to its login page), restoring anonymized mode.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import httpx

from medannot.core._async.client import AsyncBaseClient
from medannot.core._async.response import unwrap, unwrap_as
from medannot.core.auth import LoginSessionAuth
from medannot.core.config import ClientOptions, TimeoutValue, Verify
from medannot.core.redact import Secret
from medannot.core.retry import RetryPolicy
from medannot.core.tables import Listing
from medannot.core.validate import require_bool, require_str
from medannot.phas import models
from medannot.phas._async.access import unknown_is_not_found
from medannot.phas._auth import is_login_redirect
from medannot.phas._ids import require_id, require_project
from medannot.phas._keys import read_api_key
from medannot.phas._shapes import AsyncClientShape

# The generated operations and models are imported inside the methods that call them: importing any of them
# builds every generated model class, which a program pays for on its first call, not on import.
if TYPE_CHECKING:
    from medannot_api.phas.client import AuthenticatedClient
    from medannot_api.phas.models import Project, TaskSummary


class AsyncClient(AsyncBaseClient["AuthenticatedClient"], AsyncClientShape):
    """A PHAS server. `api_key` is the key or the path of the official JSON key file; default: $PHAS_AUTH_KEY.

    >>> async with AsyncClient("http://127.0.0.1:8888", "~/phas_api_key.json") as phas:
    ...     await phas.project_listing()

    Raises `BadInput` for a URL without http(s) scheme and `AuthError` for a missing or malformed key, before
    anything is sent; a key the server refuses is an `AuthError` on the first call. `timeout`: seconds or an
    `httpx.Timeout` per call; `verify`: False, a CA bundle path or an `ssl.SSLContext`; `proxy`: a proxy URL.
    """

    def __init__(
        self,
        url: str,
        api_key: str | os.PathLike[str] | None = None,
        verify: Verify = True,
        *,
        timeout: TimeoutValue = None,
        retry: RetryPolicy | None = None,
        proxy: str | None = None,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
    ) -> None:
        base_url = require_str(url, "url").strip().rstrip("/")
        key = read_api_key(api_key)
        options = ClientOptions.of(
            base_url, timeout=timeout, retry=retry, verify=verify, proxy=proxy, transport=transport, platform="phas"
        )
        self._anonymize: bool | None = None  # what the caller asked for; restored after a re-login
        auth = LoginSessionAuth(
            lambda: self._login_request(key), session_lost=is_login_redirect, after_login=self._restore_settings
        )
        super().__init__(options, auth)

    def _new_api(self) -> AuthenticatedClient:
        from medannot_api.phas.client import AuthenticatedClient

        return self._session.generated(AuthenticatedClient)

    def _login_request(self, key: Secret) -> httpx.Request:
        """POST /auth/api/login, built without I/O (the auth flow sends it)."""
        from medannot_api.phas.api.auth import login_with_api_key as login_op
        from medannot_api.phas.models import ApiKeyLoginForm

        # logging in twice is harmless, so a dropped login may be retried
        return self._session.build(**login_op._get_kwargs(body=ApiKeyLoginForm(api_key=key.value)), idempotent=True)

    def _restore_settings(self) -> httpx.Request | None:
        if not self._anonymize:
            return None  # a fresh session is not anonymized
        from medannot_api.phas.api.auth import set_anonymize_setting as set_anonymize_op

        return self._session.build(**set_anonymize_op._get_kwargs(anon=1), idempotent=True)

    @property
    def url(self) -> str:
        """The server's base URL, as given (without a trailing slash)."""
        return self._session.base_url

    # --- listings and settings ----------------------------------------------------------------
    async def project_listing(self) -> Listing[models.Project]:
        """The projects the user can access (empty when none). GET /api/projects."""
        from medannot_api.phas.api.projects import list_projects as projects_op
        from medannot_api.phas.models import Project

        projects: list[Project] = await unwrap_as(list, list[Project], projects_op.asyncio_detailed, client=self._api)
        return Listing(projects)

    async def task_listing(self, project: str) -> Listing[models.TaskSummary]:
        """The tasks of `project` the user can access. GET /api/project/<project>/tasks.

        Raises `BadInput` for an empty project id, `NotFound` for a project the user cannot list."""
        from medannot_api.phas.api.projects import list_project_tasks as tasks_op
        from medannot_api.phas.models import TaskSummary

        require_project(project)
        async with unknown_is_not_found(f"project {project!r}", lambda: self._project_visible(project)):
            answer = list[TaskSummary]
            tasks: list[TaskSummary] = await unwrap_as(
                list, answer, tasks_op.asyncio_detailed, project, client=self._api
            )
        return Listing(tasks)

    async def get_anonymize(self) -> bool:
        """Whether this session hides private specimen names (it does anyway where the user lacks PHI rights).
        GET /auth/api/anonymize."""
        from medannot_api.phas.api.auth import get_anonymize_setting as get_anonymize_op
        from medannot_api.phas.models import AnonymizeSetting

        setting = await unwrap(AnonymizeSetting, get_anonymize_op.asyncio_detailed, client=self._api)
        return bool(setting.anonymize)

    async def set_anonymize(self, value: bool) -> bool:
        """Hide (True) or show private names in this session, kept across re-logins; returns the server's
        setting. GET /auth/api/set_anonymize/<0|1>."""
        from medannot_api.phas.api.auth import set_anonymize_setting as set_anonymize_op
        from medannot_api.phas.models import AnonymizeSetting

        wanted = require_bool(value, "value")
        setting = await unwrap(AnonymizeSetting, set_anonymize_op.asyncio_detailed, int(wanted), client=self._api)
        self._anonymize = bool(setting.anonymize)
        return self._anonymize

    async def get_project_private_access(self, project: str) -> bool:
        """Whether the user may see private (PHI) data of `project` (False for an unknown project too).
        Raises `BadInput` for an empty project id."""
        from medannot_api.phas.api.auth import get_project_private_access as private_access_op
        from medannot_api.phas.models import PrivateAccess

        require_project(project)
        access = await unwrap(PrivateAccess, private_access_op.asyncio_detailed, project, client=self._api)
        return bool(access.private_access)

    # --- used by the tasks, slides and labelsets ------------------------------------------------
    async def _task_info(self, task_id: int) -> models.TaskInfo:
        """GET /api/task/<id>; `NotFound` for a task the user cannot list."""
        from medannot_api.phas.api.projects import get_task_info as task_info_op
        from medannot_api.phas.models import TaskInfo

        require_id(task_id, "task_id")
        async with unknown_is_not_found(f"task {task_id}", lambda: self._task_visible(task_id)):
            return await unwrap(TaskInfo, task_info_op.asyncio_detailed, task_id, client=self._api)

    async def _project_visible(self, project: str) -> bool:
        return any(p.id == project for p in await self.project_listing())

    async def _task_visible(self, task_id: int) -> bool:
        listings = [await self.task_listing(project.id) for project in await self.project_listing()]
        return any(t.id == task_id for tasks in listings for t in tasks)
