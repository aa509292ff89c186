"""An emulated MONAI Label 0.8.5 server (like moto for AWS): stateful, held to the schema medannot uses.

    with MonaiLabelEmulator(studies="tests/data/studies") as server:
        client = medannot.monailabel.Client(server.url)
        server.backend.datastore.records   # inspect or arrange state directly
        server.reset()                     # back to the pre-loaded studies

Over HTTP: `POST /_emulator/reset`, `GET /_emulator/state`. As a fixture: `monailabel_emulator` (pytest
plugin). From a shell: `python -m medannot.testing monailabel --port 8000 --studies DIR`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from medannot.testing._emulator import Emulator
from medannot.testing._openapi import Contract, SchemaSource
from medannot.testing.monailabel._auth import ALL_ROLES
from medannot.testing.monailabel.app import DEFAULT_SCHEMA, create_app
from medannot.testing.monailabel.backend import MonaiLabelBackend


class MonaiLabelEmulator(Emulator[MonaiLabelBackend]):
    def __init__(
        self,
        studies: str | os.PathLike[str] | None = None,
        *,
        auth: bool = False,
        username: str = "admin",
        password: str = "admin",
        roles: Iterable[str] = ALL_ROLES,
        token_ttl: int = 300,
        schema: SchemaSource = DEFAULT_SCHEMA,
        port: int = 0,
    ) -> None:
        """`studies`: a folder of .nii/.nii.gz files to pre-load. With `auth`, only `username`/`password` get
        a token (POST /auth/token), which carries `roles` and expires after `token_ttl` seconds; without it every
        caller is the server's admin."""
        backend = MonaiLabelBackend(
            studies, auth=auth, username=username, password=password, roles=roles, token_ttl=token_ttl
        )
        app = create_app(backend, schema)
        #: The schema's validators; `contract.journal` lists every request checked against it.
        self.contract: Contract = app.state.contract
        super().__init__(backend, app, port=port)

    @classmethod
    def from_cli(cls, *, port: int, api_key: str | None, studies: Path | None) -> MonaiLabelEmulator:
        """`--api-key KEY` turns auth on, with KEY as the password of user `admin`."""
        if api_key:
            return cls(studies, auth=True, password=api_key, port=port)
        return cls(studies, port=port)


__all__ = ["MonaiLabelBackend", "MonaiLabelEmulator"]
