"""`AsyncLabelset` (and its generated twin `Labelset`): the labels of a `dltrain` or `sampling` task's
labelset."""

from __future__ import annotations

from medannot.core._async.response import unwrap
from medannot.errors import BadInput
from medannot.phas._async.access import unknown_is_not_found
from medannot.phas._async.client import AsyncClient
from medannot.phas._ids import require_id, require_project
from medannot_api.phas.api.labelsets import list_labelset_labels as labels_op
from medannot_api.phas.models import Label


class AsyncLabelset:
    """A labelset of `project`; constructing one sends nothing. `BadInput` for a bad client, project or id."""

    def __init__(self, client: AsyncClient, project: str, labelset_id: int) -> None:
        if not isinstance(client, AsyncClient):
            raise BadInput(f"client must be a medannot.phas.AsyncClient, not {type(client).__name__}")
        self.client: AsyncClient = client
        self.project: str = require_project(project)
        self.labelset_id: int = require_id(labelset_id, "labelset_id")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(project={self.project!r}, labelset_id={self.labelset_id})"

    async def label_listing(self) -> list[Label]:
        """The labels, by id (empty for a labelset id the project does not have: the server does not tell).
        GET /api/project/<project>/labelset/<id>/labels; `NotFound` for a project the user cannot list."""
        async with unknown_is_not_found(
            f"project {self.project!r}", lambda: self.client._project_visible(self.project)
        ):
            labels: list[Label] = await unwrap(
                list, labels_op.asyncio_detailed, self.project, self.labelset_id, client=self.client._api
            )
        return labels
