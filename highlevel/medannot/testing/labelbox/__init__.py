"""An emulated Labelbox workspace (GraphQL + REST), served from schemas/labelbox/schema.graphql.

    with LabelboxEmulator(api_key="key") as lb:
        client = labelbox.Client(api_key="key", endpoint=lb.graphql_url, rest_endpoint=lb.rest_url)
        lb.backend.projects          # inspect or arrange state directly
        lb.operations.documents()    # every GraphQL document received

Over HTTP: `POST /_emulator/reset`, `GET /_emulator/state`, and `POST /_emulator/seed/{label,saved-query}` for
what the SDK cannot create. As a fixture: `labelbox_emulator` (pytest plugin). From a shell:
`python -m medannot.testing labelbox --port 8000 [--api-key KEY]`.

Asynchronous jobs (data row imports, exports, global key jobs) are IN_PROGRESS for `job_seconds` after they
start, then COMPLETE, whoever reads their status and however often (a `ManualClock` drives them in tests).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from medannot.testing._emulator import Clock, CommandLine, Emulator
from medannot.testing.labelbox.app import OperationLog, create_app
from medannot.testing.labelbox.backend import DEFAULT_API_KEY, LabelboxBackend
from medannot.testing.labelbox.rest import REST_PREFIX


class LabelboxEmulator(Emulator[LabelboxBackend]):
    """An emulated Labelbox workspace, empty at start: `graphql_url` for the GraphQL API, `rest_url` for REST."""

    command_line: ClassVar[CommandLine | None] = CommandLine(
        description=(
            "Serve an emulated Labelbox workspace (empty): GraphQL at /graphql, REST under /api/v1. Asynchronous "
            "jobs (data row imports, exports, global keys) finish on their own 0.2 s after they start."
        ),
        api_key=(
            "the one API key the emulator accepts, as `Authorization: Bearer KEY` (what LABELBOX_API_KEY holds "
            f"for the hosted service); default: {DEFAULT_API_KEY}. Printed at start."
        ),
        epilog=(
            "Connect with medannot.labelbox.Client(api_key=KEY, endpoint=URL + '/graphql'), or the official "
            "labelbox.Client(api_key=KEY, endpoint=URL + '/graphql', rest_endpoint=URL + '/api/v1')."
        ),
    )

    def __init__(
        self,
        api_key: str = DEFAULT_API_KEY,
        *,
        job_seconds: float = 0.2,
        clock: Clock | None = None,
        port: int = 0,
    ) -> None:
        """`api_key`: the only Bearer key accepted. `job_seconds`: how long an asynchronous job stays IN_PROGRESS;
        `clock` (default `time.monotonic`) measures it."""
        backend = LabelboxBackend(api_key, job_seconds=job_seconds, clock=clock)
        #: Every GraphQL document and REST route the emulator received.
        self.operations: OperationLog = OperationLog()
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
