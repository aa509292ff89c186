"""An emulated PHAS 0.99.7 server (histology annotation; like moto for AWS), held to schemas/phas.

It starts with the real-server harness's data set (project `synth`, three tasks, three synthetic slides,
users admin/reader/outsider with API keys, four training samples), with the same ids:

    with PhasEmulator() as phas:
        httpx.post(f"{phas.url}/auth/api/login", data={"api_key": phas.api_key})
        phas.tasks["annot"], phas.slides["S1_B1_HE_01"], phas.keys["reader"]
        phas.backend.annotations     # inspect or arrange state directly
        phas.reset()                 # back to the data set (API keys stay valid)

Over HTTP: `POST /_emulator/reset`, `GET /_emulator/state`. As a fixture: `phas_emulator` (pytest plugin).
From a shell: `python -m medannot.testing phas --port 8888 [--api-key KEY]` (KEY is the admin's key; every
user's key is printed at start).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from medannot.testing._emulator import CommandLine, Emulator
from medannot.testing._openapi import Contract, SchemaSource
from medannot.testing.phas import _dataset
from medannot.testing.phas.app import DEFAULT_SCHEMA, create_app
from medannot.testing.phas.backend import PhasBackend


class PhasEmulator(Emulator[PhasBackend]):
    command_line: ClassVar[CommandLine | None] = CommandLine(
        description=(
            "Serve an emulated PHAS 0.99.7 server (histology annotation) with the test data set: project "
            "'synth', tasks annot=1, dltrain=2, sampling=3, cli-annot=4, slides 1-3 (2048 x 2048 synthetic images, "
            "stains HE and NISSL), labelset synth_labels, users admin, reader and outsider."
        ),
        api_key=(
            "the API key of user 'admin' (site admin, full rights on project synth), as PHAS's 'generate API key' "
            "page gives it; clients log in with POST /auth/api/login. Default: a random UUID. Every user's key "
            "is printed at start."
        ),
        epilog=(
            'Connect with medannot.phas.Client(URL, KEY) (or a key file holding {"api_key": KEY}), or the official '
            "phas.client.api.Client(URL, KEY_FILE)."
        ),
    )

    def __init__(
        self,
        api_key: str | None = None,
        *,
        api_keys: dict[str, str] | None = None,
        slide_size: int = 2048,
        schema: SchemaSource = DEFAULT_SCHEMA,
        port: int = 0,
    ) -> None:
        """`api_key`: the admin's key (default: a random UUID, as PHAS generates). `api_keys`: keys of other
        users by name ("reader", "outsider"). `slide_size`: level-0 side of the synthetic slides."""
        keys = {**(api_keys or {}), **({"admin": api_key} if api_key else {})}
        backend = PhasBackend(api_keys=keys, slide_size=slide_size)
        app = create_app(backend, schema)
        #: The schema's validators; `contract.journal` lists every request checked against it.
        self.contract: Contract = app.state.contract
        super().__init__(backend, app, port=port)

    @classmethod
    def from_cli(cls, *, port: int, api_key: str | None, studies: Path | None) -> PhasEmulator:
        """`--api-key KEY`: the admin's API key (default: a random one, printed at start)."""
        if studies is not None:
            raise ValueError("the PHAS emulator serves its built-in synthetic slides; it pre-loads no studies")
        if api_key is not None and (not api_key or any(c.isspace() for c in api_key)):
            raise ValueError("--api-key must be a non-empty key without spaces (leave it out for a random one)")
        return cls(api_key, port=port)

    def banner(self) -> list[str]:
        keys = self.keys
        tasks = ", ".join(f"{name}={task_id}" for name, task_id in self.tasks.items())
        return [
            f"admin API key: {keys['admin']}",
            f"other users' keys: reader (read-only) {keys['reader']}, outsider (no rights) {keys['outsider']}",
            f"project {self.project}: tasks {tasks}; slides 1-{len(self.slides)}, {self.slide_size} px square",
        ]

    @property
    def api_key(self) -> str:
        """The admin's key (site admin, A11 on the project: admin, private data, API)."""
        return self.backend.keys["admin"]

    @property
    def keys(self) -> dict[str, str]:
        """username ("admin", "reader", "outsider") -> API key."""
        return dict(self.backend.keys)

    @property
    def project(self) -> str:
        return _dataset.PROJECT

    @property
    def tasks(self) -> dict[str, int]:
        """Task name ("annot", "dltrain", "sampling") -> id."""
        return {t.name: t.id for t in self.backend.tasks.values()}

    @property
    def slides(self) -> dict[str, int]:
        """Slide name -> id."""
        return {s.name: s.id for s in self.backend.slides.values()}

    @property
    def labelset(self) -> str:
        return _dataset.LABELSET

    @property
    def labelset_id(self) -> int:
        return next(ls.id for ls in self.backend.labelsets.values() if ls.name == _dataset.LABELSET)

    @property
    def labels(self) -> dict[str, int]:
        """Label name -> id."""
        return {label.name: label.id for label in self.backend.labels.values()}

    @property
    def samples(self) -> list[int]:
        """Training sample ids (in the dltrain task)."""
        return sorted(self.backend.samples)

    @property
    def slide_size(self) -> int:
        return self.backend.slide_size


__all__ = ["PhasBackend", "PhasEmulator"]
