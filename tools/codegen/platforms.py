"""Every generator input in one table: which schema, which patch, which generator, which config."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = REPO / "schemas"
GENERATED = REPO / "generated" / "medannot_api"


@dataclass(frozen=True)
class RestPlatform:
    """An OpenAPI schema, a JSON Patch (RFC 6902, YAML, a reason per operation) and an openapi-python-client config."""

    name: str
    schema: str  # file name inside schemas/<name>/, kept exactly as the server gives it (or as authored)
    patch: str | None = "patch.yaml"
    config: str = "codegen.yaml"

    @property
    def folder(self) -> Path:
        return SCHEMAS / self.name


@dataclass(frozen=True)
class GraphqlPlatform:
    """An authored SDL, the operations medannot sends (`operations/*.graphql`) and an ariadne-codegen config."""

    name: str
    schema: str = "schema.graphql"
    config: str = "ariadne.toml"

    @property
    def folder(self) -> Path:
        return SCHEMAS / self.name


PLATFORMS: dict[str, RestPlatform | GraphqlPlatform] = {
    "monailabel": RestPlatform("monailabel", "openapi.json"),
    "phas": RestPlatform("phas", "openapi.yaml", patch=None),  # authored: corrected in place, proven by the oracle
    "labelbox": GraphqlPlatform("labelbox"),
}
