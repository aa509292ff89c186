"""The platform registry is the one list of platforms: everything it names exists, and every other list agrees."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

import pytest

from medannot import registry
from medannot.registry import PLATFORMS, Platform
from tools.codegen import platforms as codegen

REPO = Path(__file__).resolve().parents[2]
ENTRIES = pytest.mark.parametrize("platform", PLATFORMS.values(), ids=lambda p: p.name)


@ENTRIES
def test_every_entry_imports(platform: Platform) -> None:
    importlib.import_module(platform.facade)
    importlib.import_module(platform.generated)
    assert callable(platform.emulator_class().from_cli)


def readme_platform_table() -> list[list[str]]:
    """Rows (cells stripped) of the first table under README.md's first heading, header excluded."""
    lines = (REPO / "README.md").read_text(encoding="utf-8").split("\n## ", 1)[0].splitlines()
    table = [line for line in lines if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in table[2:]]


def test_readme_table_lists_the_platforms_with_a_client() -> None:
    shipped = [p.title for p in PLATFORMS.values() if importlib.util.find_spec(p.facade) is not None]
    rows = readme_platform_table()
    listed = [row[0] for row in rows if row[1] != "planned"]
    planned = {title for row in rows if row[1] == "planned" for title in row[0].split(", ")}
    assert listed == shipped
    assert not planned & set(shipped)


def test_codegen_generates_every_platform_with_a_schema() -> None:
    with_schema = [p for p in PLATFORMS.values() if (REPO / p.schema_dir).is_dir()]
    assert list(codegen.PLATFORMS) == [p.name for p in with_schema]
    for p in with_schema:
        expected = codegen.GraphqlPlatform if p.schema_kind == "graphql" else codegen.RestPlatform
        assert isinstance(codegen.PLATFORMS[p.name], expected)


@ENTRIES
def test_the_pytest_plugin_serves_each_emulator(platform: Platform, request: pytest.FixtureRequest) -> None:
    assert isinstance(request.getfixturevalue(platform.fixture), platform.emulator_class())


def test_an_unknown_name_lists_the_known_ones() -> None:
    assert registry.get("phas") is PLATFORMS["phas"]
    with pytest.raises(LookupError, match="unknown platform 'nope'; known: monailabel, phas, labelbox"):
        registry.get("nope")
