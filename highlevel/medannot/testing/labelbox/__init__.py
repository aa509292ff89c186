"""A stateful Labelbox emulator (GraphQL + REST) served from schemas/labelbox/schema.graphql.

>>> with LabelboxEmulator(api_key="key") as lb:
...     client = labelbox.Client(api_key="key", endpoint=lb.graphql_url, rest_endpoint=lb.rest_url)
"""

from __future__ import annotations

from types import TracebackType

from .._server import ThreadedServer
from .app import OperationLog, create_app
from .backend import DEFAULT_API_KEY, LabelboxBackend
from .rest import REST_PREFIX

__all__ = ["DEFAULT_API_KEY", "LabelboxBackend", "LabelboxEmulator", "OperationLog"]


class LabelboxEmulator:
    """One backend and its app on a loopback port; a context manager, or `serve_forever()` for the CLI."""

    def __init__(self, api_key: str = DEFAULT_API_KEY, *, port: int = 0, job_polls: int = 2) -> None:
        self.backend = LabelboxBackend(api_key, job_polls=job_polls)
        self.operations = OperationLog()
        self.app = create_app(self.backend, self.operations)
        self._server = ThreadedServer(self.app, port=port)

    @property
    def url(self) -> str:
        return self._server.url

    @property
    def graphql_url(self) -> str:
        return f"{self.url}/graphql"

    @property
    def rest_url(self) -> str:
        return f"{self.url}{REST_PREFIX}"

    @property
    def api_key(self) -> str:
        return self.backend.api_key

    def reset(self) -> None:
        self.backend.reset()
        self.operations.clear()

    def start(self) -> LabelboxEmulator:
        self._server.start()
        return self

    def stop(self) -> None:
        self._server.stop()
        self.backend.close()

    def serve_forever(self) -> None:
        try:
            self._server.serve_forever()
        finally:
            self.backend.close()

    def __enter__(self) -> LabelboxEmulator:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
