"""An emulated Datamint service (medical-image annotation; like moto for AWS), held to schemas/datamint.

It starts with an empty account whose one user (`emulator@datamint.example`, admin) owns the API key:

    with DatamintEmulator(api_key="secret") as dm:
        httpx.get(f"{dm.url}/resources", headers={"apikey": "secret"})
        dm.backend.resources          # inspect or arrange state directly (add_resources_from_bytes, add_experiment)
        dm.contract.journal           # every request checked against the schema
        dm.reset()                    # back to the empty account (the key stays valid)

The official SDKs connect with `datamint.Api(server_url=dm.url, api_key=KEY)` (2.x) or
`datamint.APIHandler(root_url=dm.url, api_key=KEY)` (<= 2.6). Over HTTP: `POST /_emulator/reset`,
`GET /_emulator/state`. As a fixture: `datamint_emulator` (pytest plugin). From a shell:
`python -m medannot.testing datamint --port 8888 [--api-key KEY]`.
"""

from __future__ import annotations

from medannot.testing import require_extra

require_extra("starlette", "uvicorn", "openapi_core", "jsonschema_rs", "numpy", "pydicom", "nibabel")

import secrets  # noqa: E402  (after the check: a missing extra is reported with its pip line)
from pathlib import Path  # noqa: E402
from typing import ClassVar  # noqa: E402

from medannot.testing._emulator import CommandLine, Emulator  # noqa: E402
from medannot.testing._openapi import Contract, SchemaSource  # noqa: E402
from medannot.testing.datamint.app import DEFAULT_SCHEMA, PAGE_LIMIT, create_app  # noqa: E402
from medannot.testing.datamint.backend import CUSTOMER_ID, USER_EMAIL, DatamintBackend  # noqa: E402


class DatamintEmulator(Emulator[DatamintBackend]):
    """An emulated Datamint service with an empty account; `api_key` is the key it accepts."""

    command_line: ClassVar[CommandLine | None] = CommandLine(
        description=(
            "Serve an emulated Datamint service (an empty account): resources with files and rendered frames, "
            "annotations and segmentations, projects, datasets, annotation worklists and users, at the server root."
        ),
        api_key=(
            "the API key clients send in the `apikey` header (or as `Authorization: Bearer KEY`), what "
            "DATAMINT_API_KEY holds for the hosted service; default: a random one. Printed at start."
        ),
        epilog=(
            "Connect with medannot.datamint.Client(api_key=KEY, server_url=URL), or the official "
            "datamint.Api(server_url=URL, api_key=KEY) / datamint.APIHandler(root_url=URL, api_key=KEY) "
            "(or set DATAMINT_API_URL=URL and DATAMINT_API_KEY=KEY)."
        ),
    )

    def __init__(self, api_key: str | None = None, *, schema: SchemaSource = DEFAULT_SCHEMA, port: int = 0) -> None:
        """`api_key`: the key the emulator accepts (default: a random one, as the service generates)."""
        backend = DatamintBackend(api_key or secrets.token_hex(16))
        app = create_app(backend, schema)
        #: The schema's validators; `contract.journal` lists every request checked against it.
        self.contract: Contract = app.state.contract
        super().__init__(backend, app, port=port)

    @classmethod
    def from_cli(cls, *, port: int, api_key: str | None, studies: Path | None) -> DatamintEmulator:
        """`--api-key KEY`: the accepted key (default: a random one, printed at start)."""
        if studies is not None:
            raise ValueError("the Datamint emulator starts with an empty account; it pre-loads no studies")
        if api_key is not None and (not api_key or any(c.isspace() for c in api_key)):
            raise ValueError("--api-key must be a non-empty key without spaces (leave it out for a random one)")
        return cls(api_key, port=port)

    def banner(self) -> list[str]:
        return [f"accepted API key (header apikey): {self.api_key}", f"account user: {self.user_email}"]

    @property
    def api_key(self) -> str:
        return self.backend.api_key

    @property
    def user_email(self) -> str:
        """The account's user, the key's owner (`created_by` of everything created through the API)."""
        return USER_EMAIL

    @property
    def customer_id(self) -> str:
        return CUSTOMER_ID


__all__ = ["PAGE_LIMIT", "DatamintBackend", "DatamintEmulator"]
