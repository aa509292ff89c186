"""Every generator input, read from the platform registry: which schema, which patch, which generator, which config."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from medannot import registry

REPO = Path(__file__).resolve().parents[2]
GENERATED = REPO / "generated" / "medannot_api"


@dataclass(frozen=True)
class RestPlatform:
    """An OpenAPI schema, a JSON Patch (RFC 6902, YAML, a reason per operation) and an openapi-python-client config."""

    name: str
    folder: Path
    schema: str
    patch: str | None
    config: str


@dataclass(frozen=True)
class GraphqlPlatform:
    """An authored SDL, the operations medannot sends (`operations/*.graphql`) and an ariadne-codegen config."""

    name: str
    folder: Path
    schema: str
    config: str


def generator_input(platform: registry.Platform) -> RestPlatform | GraphqlPlatform:
    """What the REST or GraphQL generator takes for one registry entry."""
    folder = REPO / platform.schema_dir
    if platform.schema_kind == "graphql":
        return GraphqlPlatform(platform.name, folder, platform.schema_file, platform.config_file)
    return RestPlatform(platform.name, folder, platform.schema_file, platform.patch_file, platform.config_file)


# A registry entry joins codegen once its schema is checked in (a platform may be registered before that).
PLATFORMS: dict[str, RestPlatform | GraphqlPlatform] = {
    name: generator_input(platform)
    for name, platform in registry.PLATFORMS.items()
    if (REPO / platform.schema_dir).is_dir()
}
