"""An emulated MONAI Label 0.8.5 server (like moto for AWS): stateful, held to the schema medannot uses.

    with MonaiLabelEmulator(studies="tests/data/studies") as server:
        client = medannot.monailabel.Client(server.url)
        server.backend.datastore.records   # inspect or arrange state directly
        server.reset()                     # back to the pre-loaded studies

Over HTTP: `POST /_emulator/reset`, `GET /_emulator/state`. As a fixture: `monailabel_emulator` (pytest
plugin). From a shell: `python -m medannot.testing monailabel --port 8000 --studies DIR`.

Background tasks (train, scoring, batch infer) move on a clock: SUBMITTED for `task_seconds[0]`, then RUNNING
for `task_seconds[1]`, then DONE or ERROR, whoever asks and however often (a `ManualClock` drives them in tests).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from medannot.testing._emulator import Clock, CommandLine, Emulator
from medannot.testing._openapi import Contract, SchemaSource
from medannot.testing.monailabel._auth import ALL_ROLES
from medannot.testing.monailabel._datastore import KNOWN_EXTENSIONS
from medannot.testing.monailabel.app import DEFAULT_SCHEMA, create_app
from medannot.testing.monailabel.backend import INFERS, SCORING, STRATEGIES, TRAINERS, MonaiLabelBackend

_APP_LINE = (
    f"app: medannot-tiny; models {', '.join(INFERS)} (infer), {', '.join(TRAINERS)} (train); strategies "
    f"{', '.join(STRATEGIES)}; scoring {', '.join(SCORING)}"
)


def _studies_folder(studies: str | os.PathLike[str] | None) -> Path | None:
    """The folder to pre-load, checked: a ValueError says what is wrong with it."""
    if studies is None:
        return None
    folder = Path(studies)
    if not folder.exists():
        raise ValueError(f"studies folder {str(folder)!r} does not exist")
    if not folder.is_dir():
        raise ValueError(f"studies {str(folder)!r} is not a folder (a folder of .nii.gz / .nii images is expected)")
    return folder


def _images_in(folder: Path) -> list[Path]:
    return [f for f in sorted(folder.iterdir()) if f.is_file() and f.name.endswith(KNOWN_EXTENSIONS)]


class MonaiLabelEmulator(Emulator[MonaiLabelBackend]):
    command_line: ClassVar[CommandLine | None] = CommandLine(
        description=(
            "Serve an emulated MONAI Label 0.8.5 server running the project's test app: infer model and trainer "
            "'threshold' (voxels above the volume mean), strategies 'first' and 'random', scoring 'sum' and "
            "'dice'. Background tasks (train, scoring, batch infer) finish on their own within a second."
        ),
        api_key=(
            "turn auth on (MONAI_LABEL_AUTH_ENABLE): KEY is the password of user 'admin', who gets a token from "
            "POST /auth/token; connect with Client(URL, username='admin', password=KEY). Without it auth is off "
            "and every caller is the admin, as on a default MONAI Label server."
        ),
        studies=(
            "a folder of .nii.gz / .nii images to pre-load into the datastore, as `monailabel start_server "
            "--studies DIR` does (they are copied: the folder is never changed); default: an empty datastore"
        ),
        epilog="Connect with medannot.monailabel.Client(URL) or monailabel.client.MONAILabelClient(URL).",
    )

    def __init__(
        self,
        studies: str | os.PathLike[str] | None = None,
        *,
        auth: bool = False,
        username: str = "admin",
        password: str = "admin",
        roles: Iterable[str] = ALL_ROLES,
        token_ttl: int = 300,
        task_seconds: tuple[float, float] = (0.1, 0.5),
        clock: Clock | None = None,
        schema: SchemaSource = DEFAULT_SCHEMA,
        port: int = 0,
    ) -> None:
        """`studies`: a folder of .nii/.nii.gz files to pre-load. With `auth`, only `username`/`password` get
        a token (POST /auth/token), which carries `roles` and expires after `token_ttl` seconds; without it every
        caller is the server's admin. `task_seconds`: how long a background task stays SUBMITTED, then
        RUNNING; `clock` (default `time.monotonic`) measures it."""
        backend = MonaiLabelBackend(
            _studies_folder(studies),
            auth=auth,
            username=username,
            password=password,
            roles=roles,
            token_ttl=token_ttl,
            task_seconds=task_seconds,
            clock=clock,
        )
        app = create_app(backend, schema)
        #: The schema's validators; `contract.journal` lists every request checked against it.
        self.contract: Contract = app.state.contract
        super().__init__(backend, app, port=port)

    @classmethod
    def from_cli(cls, *, port: int, api_key: str | None, studies: Path | None) -> MonaiLabelEmulator:
        """`--api-key KEY` turns auth on, with KEY as the password of user `admin`. A `studies` folder that is
        missing, not a folder, or holds no image is a ValueError (the command line's one-line error)."""
        folder = _studies_folder(studies)
        if folder is not None and not _images_in(folder):
            extensions = " or ".join(KNOWN_EXTENSIONS)
            raise ValueError(f"studies folder {str(folder)!r} holds no {extensions} image")
        if api_key is not None and not api_key:
            raise ValueError("--api-key is empty (leave it out to serve without auth)")
        if api_key:
            return cls(folder, auth=True, password=api_key, port=port)
        return cls(folder, port=port)

    def banner(self) -> list[str]:
        backend = self.backend
        if backend.auth:
            user = backend.realm.user.username
            password = backend.realm.password
            auth = (
                f"auth: on; user {user!r}, password {password!r} "
                f"(Client(URL, username={user!r}, password=...), or POST /auth/token)"
            )
        else:
            auth = "auth: off (every caller is the admin); --api-key KEY turns it on"
        count = len(backend.datastore.records)
        store = f"datastore: {count} image(s) from {backend.studies}" if backend.studies else "datastore: empty"
        return [auth, _APP_LINE, store]


__all__ = ["MonaiLabelBackend", "MonaiLabelEmulator"]
