"""`medannot.labelbox.Client`: the official `labelbox.Client`'s verbs, typed, retried where safe, paginated.

GraphQL goes through the generated client (`self.api`) on one shared session; the REST calls the SDK makes
(`/api/v1`: feature schema and ontology maintenance) and streamed uploads/downloads use the same session.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

import httpx

from medannot.core.auth import BearerAuth, credential
from medannot.core.client import ClientLifecycle
from medannot.core.config import ClientOptions, as_timeout
from medannot.core.files import FileInput, open_file_input
from medannot.core.pagination import Paginator, offset_pages
from medannot.core.retry import RetryPolicy
from medannot.core.transport import Session
from medannot.errors import BadInput
from medannot.labelbox._base import DEFAULT_PAGE_SIZE, found, require_id, where_input
from medannot.labelbox.datarows import DataRowsMixin
from medannot.labelbox.ml import MachineLearningMixin
from medannot.labelbox.models import CatalogQuery, GlobalKeys, UniqueIds
from medannot.labelbox.ontologies import OntologiesMixin
from medannot.labelbox.projects import ProjectsMixin

if TYPE_CHECKING:
    from medannot.labelbox.models import Organization, Role, Task, User
    from medannot_api.labelbox.input_types import UserWhereInput

DEFAULT_ENDPOINT = "https://api.labelbox.com/graphql"
GRAPHQL_SUFFIX = "/graphql"
REST_SUFFIX = "/api/v1"


def rest_endpoint_for(endpoint: str) -> str:
    """The REST API beside a GraphQL endpoint (`.../graphql` -> `.../api/v1`), as Labelbox lays them out."""
    base = endpoint.rstrip("/")
    return (base[: -len(GRAPHQL_SUFFIX)] if base.endswith(GRAPHQL_SUFFIX) else base) + REST_SUFFIX


class Client(ClientLifecycle, ProjectsMixin, DataRowsMixin, OntologiesMixin, MachineLearningMixin):
    """A Labelbox workspace. Use as a context manager, or call `close()`.

    >>> with Client() as lb:          # the key comes from LABELBOX_API_KEY
    ...     lb.create_dataset(name="chest-ct")
    """

    def __init__(
        self,
        api_key: str | None = None,
        endpoint: str = DEFAULT_ENDPOINT,
        *,
        rest_endpoint: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if not endpoint or not endpoint.strip():
            raise BadInput("endpoint is empty")
        endpoint = endpoint.strip()
        auth = BearerAuth(credential(api_key, "LABELBOX_API_KEY", what="API key"))
        options = ClientOptions(
            base_url=endpoint, timeout=as_timeout(timeout), retry=retry or RetryPolicy(), transport=transport
        )
        self._bind(Session(options, auth=auth), endpoint, rest_endpoint or rest_endpoint_for(endpoint))

    # ---- lifecycle

    # ---- raw GraphQL

    def execute(
        self,
        query: str,
        params: Mapping[str, Any] | None = None,
        files: Mapping[str, FileInput] | None = None,
    ) -> dict[str, Any]:
        """Run any GraphQL document; returns its `data`. GraphQL errors raise the same typed errors as every
        other call. `files` maps variable names (or dotted paths under the variables) to files, sent by the
        GraphQL multipart request spec with those variables set to null."""
        if not isinstance(query, str) or not query.strip():
            raise BadInput("query must be a non-empty GraphQL document")
        if not files:
            return self._execute_json(query, params)
        variables: dict[str, Any] = dict(params or {})
        with ExitStack() as stack:
            opened = {}
            for path, source in files.items():
                head = path.removeprefix("variables.").split(".", 1)[0]
                variables.setdefault(head, None)
                opened[f"variables.{path.removeprefix('variables.')}"] = stack.enter_context(
                    open_file_input(source, what=f"file for {path}")
                )
            return self._graphql_multipart(query, variables, opened)

    @staticmethod
    def build_catalog_query(data_rows: UniqueIds | GlobalKeys) -> CatalogQuery:
        """The catalog filter selecting these data rows (no request is made)."""
        if isinstance(data_rows, UniqueIds):
            return CatalogQuery("data_row_id", list(data_rows.ids))
        if isinstance(data_rows, GlobalKeys):
            return CatalogQuery("global_key", list(data_rows.ids))
        raise BadInput(f"data_rows must be UniqueIds or GlobalKeys, not {type(data_rows).__name__}")

    # ---- identity

    def get_user(self) -> User:
        """The user the API key belongs to."""
        return found(self._call(lambda: self.api.get_user()).user, "User", "(current)")

    def get_organization(self) -> Organization:
        return found(self._call(lambda: self.api.get_organization()).organization, "Organization", "(current)")

    def get_users(
        self, where: UserWhereInput | Mapping[str, Any] | None = None, *, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Paginator[User]:
        from medannot_api.labelbox.input_types import UserWhereInput

        condition = where_input(UserWhereInput, where)

        def fetch(skip: int, first: int) -> Sequence[User]:
            return self._call(lambda: self.api.get_users(where=condition, skip=skip, first=first)).users

        return offset_pages(fetch, page_size)

    def get_roles(self) -> dict[str, Role]:
        """Roles by the SDK's key: the name upper-cased with underscores ("Team Manager" -> "TEAM_MANAGER")."""
        roles = self._call(lambda: self.api.get_roles()).roles
        return {role.name.upper().replace(" ", "_"): role for role in roles}

    # ---- tasks

    def get_task_by_id(self, task_id: str) -> Task:
        require_id(task_id, "task_id")
        return found(self._call(lambda: self.api.get_task(task_id)).task, "Task", task_id)

    def wait_for_task(self, task_id: str, timeout_seconds: float = 300.0) -> Task:
        """Poll a task until it leaves IN_PROGRESS (the SDK's `Task.wait_till_done`)."""
        return self._wait_for_task(require_id(task_id, "task_id"), timeout_seconds, f"task {task_id}")
