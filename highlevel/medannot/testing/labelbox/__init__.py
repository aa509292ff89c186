"""An emulated Labelbox workspace (GraphQL + REST), served from schemas/labelbox/schema.graphql.

    with LabelboxEmulator(api_key="key") as lb:
        client = labelbox.Client(api_key="key", endpoint=lb.graphql_url, rest_endpoint=lb.rest_url)
        lb.backend.projects          # inspect or arrange state directly
        lb.operations.documents()    # every GraphQL document received

Over HTTP: `POST /_emulator/reset`, `GET /_emulator/state`, and `POST /_emulator/seed/{label,saved-query}` for
what the SDK cannot create. As a fixture: `labelbox_emulator` (pytest plugin).
"""

from __future__ import annotations

from pathlib import Path

from medannot.testing._emulator import Emulator
from medannot.testing.labelbox.app import OperationLog, create_app
from medannot.testing.labelbox.backend import DEFAULT_API_KEY, LabelboxBackend
from medannot.testing.labelbox.rest import REST_PREFIX


class LabelboxEmulator(Emulator[LabelboxBackend]):
    def __init__(self, api_key: str = DEFAULT_API_KEY, *, job_polls: int = 2, port: int = 0) -> None:
        """`api_key`: the only Bearer key accepted. `job_polls`: status reads an async job takes to finish."""
        backend = LabelboxBackend(api_key, job_polls=job_polls)
        self.operations = OperationLog()
        super().__init__(backend, create_app(backend, self.operations), port=port)

    @classmethod
    def from_cli(cls, *, port: int, api_key: str | None, studies: Path | None) -> LabelboxEmulator:
        """`--api-key KEY` sets the accepted key (default DEFAULT_API_KEY); there is nothing to pre-load."""
        if studies is not None:
            raise ValueError("the Labelbox emulator pre-loads no studies")
        return cls(api_key or DEFAULT_API_KEY, port=port)

    @property
    def api_key(self) -> str:
        return self.backend.api_key

    @property
    def graphql_url(self) -> str:
        return f"{self.url}/graphql"

    @property
    def rest_url(self) -> str:
        return f"{self.url}{REST_PREFIX}"

    def reset(self) -> None:
        """Empty workspace and an empty operations log."""
        super().reset()
        self.operations.clear()


__all__ = ["DEFAULT_API_KEY", "LabelboxBackend", "LabelboxEmulator", "OperationLog"]
