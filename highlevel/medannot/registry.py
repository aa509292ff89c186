"""The one list of platforms: codegen, the emulator command line, the pytest plugin, the contract tests and the
benchmarks all read it, so adding a platform is one entry here (plus its packages).

Standard library only: the pytest plugin (loaded by every project that installs medannot) and the code
generator import it before anything else exists.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Literal


@dataclass(frozen=True)
class OfficialClient:
    """The platform's own Python client, which medannot mirrors and is measured against."""

    pip: str  # distribution name, as `pip install` takes it
    module: str  # the module that holds the client class


@dataclass(frozen=True)
class Platform:
    """Everything the tooling needs to know about one platform.

    Package, schema and fixture names follow from `name` by convention (codegen writes
    generated/medannot_api/<name>/ from schemas/<name>/), so they are properties rather than fields that
    could disagree with the tree.
    """

    name: str  # "monailabel": the subpackage name everywhere
    title: str  # "MONAI Label": how people write it (README table, messages)
    env_vars: tuple[str, ...]  # the official client's credential/URL variables, which medannot reads too
    schema_kind: Literal["openapi", "graphql"]
    schema_file: str  # inside schema_dir, kept exactly as the server gives it (or as authored)
    config_file: str  # openapi-python-client YAML or ariadne-codegen TOML, inside schema_dir
    emulator: str  # "module:Class"; the class has `from_cli(*, port, api_key, studies)`
    fixture_doc: str  # docstring of the pytest plugin's fixture (shown by `pytest --fixtures`)
    real_server: bool  # a real server can be provisioned under .cache/ (tools/servers, tests/fixtures)
    benchmarks: str | None  # module with `run(quick: bool) -> Report`, or None
    official_client: OfficialClient
    patch_file: str | None = None  # JSON Patch (YAML, a reason per operation) applied before generating

    @property
    def facade(self) -> str:
        """The hand-written client package, e.g. "medannot.monailabel"."""
        return f"medannot.{self.name}"

    @property
    def generated(self) -> str:
        """The generated low-level client package, e.g. "medannot_api.monailabel"."""
        return f"medannot_api.{self.name}"

    @property
    def schema_dir(self) -> str:
        """The checked-in API contract, relative to the repository root, e.g. "schemas/monailabel"."""
        return f"schemas/{self.name}"

    @property
    def fixture(self) -> str:
        """Name of the pytest plugin's fixture serving a fresh emulator, e.g. "monailabel_emulator"."""
        return f"{self.name}_emulator"

    def emulator_class(self) -> Any:
        """Import and return the emulator class (this needs the `testing` extra)."""
        module, _, cls = self.emulator.partition(":")
        return getattr(importlib.import_module(module), cls)


PLATFORMS: dict[str, Platform] = {
    p.name: p
    for p in [
        Platform(
            name="monailabel",
            title="MONAI Label",
            env_vars=(),  # MONAILabelClient takes everything as arguments
            schema_kind="openapi",
            schema_file="openapi.json",
            patch_file="patch.yaml",
            config_file="codegen.yaml",
            emulator="medannot.testing.monailabel:MonaiLabelEmulator",
            fixture_doc="A running MONAI Label emulator (auth off, empty datastore); `.url` is its base URL.",
            real_server=True,
            benchmarks="benchmarks.monailabel",
            official_client=OfficialClient(pip="monailabel", module="monailabel.client"),
        ),
        Platform(
            name="phas",
            title="PHAS",
            env_vars=("PHAS_AUTH_KEY",),
            schema_kind="openapi",
            schema_file="openapi.yaml",  # authored: corrected in place, proven by the oracle, so no patch
            config_file="codegen.yaml",
            emulator="medannot.testing.phas:PhasEmulator",
            fixture_doc=(
                "A running PHAS emulator with the harness's data set; `.url`, `.keys`, `.tasks`, `.slides` for a "
                "client."
            ),
            real_server=True,
            benchmarks="benchmarks.phas",
            official_client=OfficialClient(pip="phas", module="phas.client.api"),
        ),
        Platform(
            name="labelbox",
            title="Labelbox",
            env_vars=("LABELBOX_API_KEY",),
            schema_kind="graphql",
            schema_file="schema.graphql",  # authored SDL; the operations medannot sends are in operations/
            config_file="ariadne.toml",
            emulator="medannot.testing.labelbox:LabelboxEmulator",
            fixture_doc=(
                "A running Labelbox emulator (empty workspace); `.graphql_url`, `.rest_url`, `.api_key` for a client."
            ),
            real_server=False,  # a hosted service only
            benchmarks="benchmarks.labelbox",
            official_client=OfficialClient(pip="labelbox", module="labelbox"),
        ),
        Platform(
            name="grandchallenge",
            title="Grand Challenge",
            env_vars=("GRAND_CHALLENGE_AUTHORIZATION",),
            schema_kind="openapi",
            schema_file="openapi.yaml",  # authored (the server commits none); `make schemas-pull` fetches the live one
            config_file="codegen.yaml",
            emulator="medannot.testing.grandchallenge:GrandChallengeEmulator",
            fixture_doc=(
                "A running Grand Challenge emulator over HTTPS (its own CA) with a small data set; `.url` is the API "
                "base URL (`https://127.0.0.1:N/api/v1/`), `.ca_path` the CA bundle, `.token` the API token."
            ),
            real_server=False,  # a hosted service only
            benchmarks="benchmarks.grandchallenge",
            official_client=OfficialClient(pip="gcapi", module="gcapi"),
        ),
        Platform(
            name="datamint",
            title="Datamint",
            env_vars=("DATAMINT_API_KEY", "DATAMINT_API_URL"),
            schema_kind="openapi",
            schema_file="openapi.yaml",  # authored (the service publishes none), proven by both SDK generations
            config_file="codegen.yaml",
            emulator="medannot.testing.datamint:DatamintEmulator",
            fixture_doc=(
                "A running Datamint emulator (empty account); `.url` is the server root, `.api_key` the key it "
                "accepts in the `apikey` header."
            ),
            real_server=False,  # a hosted service only
            benchmarks="benchmarks.datamint",
            official_client=OfficialClient(pip="datamint", module="datamint"),
        ),
    ]
}


def get(name: str) -> Platform:
    """The platform called `name`; a LookupError naming the known ones otherwise."""
    try:
        return PLATFORMS[name]
    except KeyError:
        raise LookupError(f"unknown platform {name!r}; known: {', '.join(PLATFORMS)}") from None
