"""`medannot.phas.Client`: a PHAS server session with the official client's verbs, typed.

Unlike the official client, constructing one sends nothing and builds no Flask app: the API key is read (and
checked for shape) at once, the login happens on the first call, and the session is re-established once if
the server forgets it.
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING

import httpx

from medannot.core.auth import LoginSessionAuth
from medannot.core.client import ClientLifecycle
from medannot.core.config import ClientOptions, as_timeout
from medannot.core.redact import Secret
from medannot.core.response import unwrap
from medannot.core.retry import IDEMPOTENT_EXTENSION, RetryPolicy
from medannot.core.transport import Session
from medannot.errors import BadInput
from medannot.phas._auth import is_login_redirect
from medannot.phas._ids import require_id, require_project, unknown_is_not_found
from medannot.phas._keys import read_api_key

# The generated operations and models are imported inside the methods that call them: importing any of them
# builds every generated model class, which a program pays for on its first call, not on import.
if TYPE_CHECKING:
    from medannot_api.phas.client import AuthenticatedClient
    from medannot_api.phas.models import Project, TaskInfo, TaskSummary


class Client(ClientLifecycle):
    """A PHAS server. `api_key` is the key or the path of the official JSON key file; default: $PHAS_AUTH_KEY.

    >>> with Client("http://127.0.0.1:8888", "~/phas_api_key.json") as phas:
    ...     phas.project_listing()
    """

    def __init__(
        self,
        url: str,
        api_key: str | os.PathLike[str] | None = None,
        verify: bool | str = True,
        *,
        timeout: float | httpx.Timeout | None = None,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if not isinstance(url, str) or not url.strip():
            raise BadInput("url is empty")
        base_url = url.strip().rstrip("/")
        if httpx.URL(base_url).scheme not in ("http", "https"):
            raise BadInput("url must include the scheme, e.g. http://127.0.0.1:8888")
        key = read_api_key(api_key)
        self._options = ClientOptions(
            base_url=base_url,
            timeout=as_timeout(timeout),
            retry=retry or RetryPolicy(),
            verify=verify,
            transport=transport,
        )
        self._anonymize: bool | None = None  # what the caller asked for; restored after a re-login
        auth = LoginSessionAuth(
            lambda: self._login_request(key), session_lost=is_login_redirect, after_login=self._restore_settings
        )
        self._session = Session(self._options, auth=auth)

    @functools.cached_property
    def api(self) -> AuthenticatedClient:
        """The generated low-level client on the same session (login, retries and typed errors included).

        Built on first use: constructing a client sends nothing, so it needs none of the generated code."""
        from medannot_api.phas.client import AuthenticatedClient

        return self._session.bind(AuthenticatedClient(base_url=self._options.base_url, token=""))

    def _login_request(self, key: Secret) -> httpx.Request:
        from medannot_api.phas.api.auth import login_with_api_key as login_op
        from medannot_api.phas.models import ApiKeyLoginForm

        kwargs = login_op._get_kwargs(body=ApiKeyLoginForm(api_key=key.value))
        # logging in twice is harmless, so a dropped login may be retried
        return self._session.http.build_request(**kwargs, extensions={IDEMPOTENT_EXTENSION: True})

    def _restore_settings(self) -> httpx.Request | None:
        if not self._anonymize:
            return None  # a fresh session is not anonymized
        from medannot_api.phas.api.auth import set_anonymize_setting as set_anonymize_op

        return self._session.http.build_request(**set_anonymize_op._get_kwargs(anon=1))

    # --- lifecycle ----------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return self._options.base_url

    # --- listings and settings ----------------------------------------------------------------
    def project_listing(self) -> list[Project]:
        """The projects the user can access (empty when none)."""
        from medannot_api.phas.api.projects import list_projects as projects_op

        projects: list[Project] = unwrap(list, lambda: projects_op.sync_detailed(client=self.api))
        return projects

    def task_listing(self, project: str) -> list[TaskSummary]:
        """The tasks of `project` the user can access."""
        from medannot_api.phas.api.projects import list_project_tasks as tasks_op

        require_project(project)
        with unknown_is_not_found(f"project {project!r}", lambda: self._project_visible(project)):
            tasks: list[TaskSummary] = unwrap(list, lambda: tasks_op.sync_detailed(project, client=self.api))
        return tasks

    @property
    def anonymize(self) -> bool:
        """Whether this session hides private specimen names (it does anyway where the user lacks PHI rights)."""
        from medannot_api.phas.api.auth import get_anonymize_setting as get_anonymize_op
        from medannot_api.phas.models import AnonymizeSetting

        return bool(unwrap(AnonymizeSetting, lambda: get_anonymize_op.sync_detailed(client=self.api)).anonymize)

    @anonymize.setter
    def anonymize(self, value: bool) -> None:
        from medannot_api.phas.api.auth import set_anonymize_setting as set_anonymize_op
        from medannot_api.phas.models import AnonymizeSetting

        wanted = bool(value)
        setting = unwrap(AnonymizeSetting, lambda: set_anonymize_op.sync_detailed(int(wanted), client=self.api))
        self._anonymize = bool(setting.anonymize)

    def get_project_private_access(self, project: str) -> bool:
        """Whether the user may see private (PHI) data of `project` (False for an unknown project too)."""
        from medannot_api.phas.api.auth import get_project_private_access as private_access_op
        from medannot_api.phas.models import PrivateAccess

        require_project(project)
        access = unwrap(PrivateAccess, lambda: private_access_op.sync_detailed(project, client=self.api))
        return bool(access.private_access)

    # --- used by Task, Slide and Labelset -------------------------------------------------------
    def _task_info(self, task_id: int) -> TaskInfo:
        from medannot_api.phas.api.projects import get_task_info as task_info_op
        from medannot_api.phas.models import TaskInfo

        require_id(task_id, "task_id")
        with unknown_is_not_found(f"task {task_id}", lambda: self._task_visible(task_id)):
            return unwrap(TaskInfo, lambda: task_info_op.sync_detailed(task_id, client=self.api))

    def _project_visible(self, project: str) -> bool:
        return any(p.id == project for p in self.project_listing())

    def _task_visible(self, task_id: int) -> bool:
        return any(t.id == task_id for p in self.project_listing() for t in self.task_listing(p.id))
