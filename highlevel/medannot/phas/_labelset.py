"""`Labelset`: the labels of a `dltrain` or `sampling` task's labelset."""

from __future__ import annotations

from typing import TYPE_CHECKING

from medannot.core.response import unwrap
from medannot.phas._ids import require_id, require_project, unknown_is_not_found
from medannot_api.phas.api.labelsets import list_labelset_labels as labels_op
from medannot_api.phas.models import Label

if TYPE_CHECKING:
    from medannot.phas._client import Client


class Labelset:
    def __init__(self, client: Client, project: str, labelset_id: int) -> None:
        self.client = client
        self.project = require_project(project)
        self.labelset_id = require_id(labelset_id, "labelset_id")

    def __repr__(self) -> str:
        return f"Labelset(project={self.project!r}, labelset_id={self.labelset_id})"

    def label_listing(self) -> list[Label]:
        """The labels, by id (empty for a labelset id the project does not have: the server does not tell)."""
        with unknown_is_not_found(f"project {self.project!r}", lambda: self.client._project_visible(self.project)):
            labels: list[Label] = unwrap(
                list, lambda: labels_op.sync_detailed(self.project, self.labelset_id, client=self.client.api)
            )
        return labels
