"""`python -m tools.codegen diff`: real pairs of schemas, regenerated, their generated clients compared.

- the checked-in MONAI Label schema (as pulled from a real 0.8.5 server) against a copy with a field removed, a
  query parameter made required and an enum value dropped;
- the Labelbox SDL against one with a field removed that medannot's operations select;
and the pieces: type narrowing/widening, renames, and each generated package's `SCHEMA` record.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from importlib import resources
from pathlib import Path

import pytest

from tools.codegen import schemadiff, surface
from tools.codegen.platforms import PLATFORMS

REPO = Path(__file__).resolve().parents[2]
MONAILABEL_SCHEMA = REPO / "schemas" / "monailabel" / "openapi.json"
LABELBOX_SDL = REPO / "schemas" / "labelbox" / "schema.graphql"


@pytest.fixture(scope="module")
def monailabel_changed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    schema = json.loads(MONAILABEL_SCHEMA.read_text(encoding="utf-8"))
    token = schema["components"]["schemas"]["Token"]
    del token["properties"]["token_type"]
    token["required"].remove("token_type")
    (output,) = schema["paths"]["/datastore/"]["get"]["parameters"]
    output["required"] = True
    schema["components"]["schemas"]["BatchInferImageType"]["enum"].remove("unlabeled")
    path = tmp_path_factory.mktemp("monailabel") / "openapi.json"
    path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def monailabel_report(monailabel_changed: Path) -> schemadiff.Report:
    return schemadiff.diff("monailabel", monailabel_changed)


def test_monailabel_removed_field_required_parameter_and_enum_value_break(monailabel_report: schemadiff.Report) -> None:
    breaking = {c.line() for c in monailabel_report.breaking}
    assert breaking == {
        "model Token: field `token_type` (JSON `token_type`) removed",
        "operation api_datastore_datastore_get: parameter `output` is now required",
        "enum BatchInferImageType: value 'unlabeled' removed",
    }
    assert monailabel_report.changes == monailabel_report.breaking  # nothing else moved


def test_the_command_prints_the_report_and_exits_1(
    monailabel_changed: Path,
    monailabel_report: schemadiff.Report,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(schemadiff, "diff", lambda *args, **kwargs: monailabel_report)  # generated once, above
    status = schemadiff.main(["--platform", "monailabel", "--against", str(monailabel_changed)])
    out = capsys.readouterr().out
    assert status == 1
    assert "Breaking changes (3):" in out
    assert "=> 3 breaking; 0 addition(s)" in out


def test_the_reverse_adds_and_a_new_required_field_breaks(monailabel_changed: Path) -> None:
    """Both sides generated from files (`--base`): from the changed copy back to the original."""
    reverse = schemadiff.diff("monailabel", MONAILABEL_SCHEMA, base=monailabel_changed)
    assert {(c.severity, c.line()) for c in reverse.changes} == {
        (
            "breaking",
            "model Token: new required field `token_type: str` (JSON `token_type`): answers without it no longer"
            " parse, and building the model needs it",
        ),
        ("addition", "operation api_datastore_datastore_get: parameter `output` is now optional"),
        ("addition", "enum BatchInferImageType: new value 'unlabeled'"),
    }


def test_markdown_drafts_a_changelog_entry(monailabel_report: schemadiff.Report) -> None:
    entry = monailabel_report.markdown("MONAI Label")
    assert entry.startswith("### MONAI Label (`medannot_api.monailabel`)")
    assert "#### Removed / changed incompatibly (breaking)" in entry
    assert "- model Token: field `token_type` (JSON `token_type`) removed" in entry


@pytest.fixture(scope="module")
def labelbox_report(tmp_path_factory: pytest.TempPathFactory) -> schemadiff.Report:
    sdl = LABELBOX_SDL.read_text(encoding="utf-8")
    start = sdl.index("type Project {")
    field = sdl.index("  description: String\n", start)
    path = tmp_path_factory.mktemp("labelbox") / "schema.graphql"
    path.write_text(sdl[:field] + sdl[field + len("  description: String\n") :], encoding="utf-8")
    return schemadiff.diff("labelbox", path)


def test_labelbox_removed_field_breaks_the_operations_that_select_it(labelbox_report: schemadiff.Report) -> None:
    lines = {c.line() for c in labelbox_report.breaking}
    assert "SDL (FIELD_REMOVED): Project.description was removed." in lines  # graphql-core's find_breaking_changes
    for operation, method in [("GetProject", "get_project"), ("GetProjects", "get_projects")]:
        assert any(line.startswith(f"operation document {operation}: no longer validates") for line in lines)
        assert f"operation {method}: removed (query {operation})" in lines
    assert "model ProjectFields: removed" in lines
    assert all(c.severity == "breaking" for c in labelbox_report.changes)


def test_labelbox_dangerous_changes_come_from_graphql_core() -> None:
    old = LABELBOX_SDL.read_text(encoding="utf-8")
    new = old.replace("enum JobStatus {", "enum JobStatus {\n  PAUSED", 1)
    changes = schemadiff.graphql_schema_changes(old, new)
    assert [(c.severity, c.line()) for c in changes] == [
        ("dangerous", "SDL (VALUE_ADDED_TO_ENUM): PAUSED was added to enum type JobStatus.")
    ]


def test_an_unknown_file_cannot_be_generated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "openapi.json"
    broken.write_text('{"openapi": "3.1.0", "info": {"title": "x", "version": "1"}, "paths": {}}', encoding="utf-8")
    assert schemadiff.main(["--platform", "monailabel", "--against", str(broken)]) == 2
    assert "cannot generate a client" in capsys.readouterr().err


# ---- the comparison rules, on small surfaces


def _types(*names: str) -> frozenset[str]:
    return frozenset(names)


def test_narrowed_widened_and_renamed() -> None:
    old = surface.Surface(
        operations={
            "get_x": surface.Operation("GET /x", {"q": surface.Param(_types("str", "int"), False)}, _types("X")),
            "old_name": surface.Operation("GET /y", {}, _types("Y")),
        },
        models={
            "X": {
                "a": surface.ModelField(_types("str", "None"), False, "a"),
                "b": surface.ModelField(_types("int"), True, "b"),
                "c": surface.ModelField(_types("str"), True, "c"),
            }
        },
    )
    new = surface.Surface(
        operations={
            "get_x": surface.Operation("GET /x", {"q": surface.Param(_types("str"), False)}, _types("X", "None")),
            "new_name": surface.Operation("GET /y", {}, _types("Y")),
        },
        models={
            "X": {
                "a": surface.ModelField(_types("str", "None", "int"), False, "a"),
                "b": surface.ModelField(_types("int"), True, "b"),
                "c2": surface.ModelField(_types("str"), True, "cee"),
            }
        },
    )
    lines = {(c.severity, c.line()) for c in surface.compare(old, new)}
    assert lines == {
        ("breaking", "operation old_name: renamed to `new_name` (GET /y)"),
        ("breaking", "operation get_x: parameter `q` type narrowed: int | str -> str (lost int)"),
        ("dangerous", "operation get_x: result type widened: X -> X | None (new None)"),
        ("dangerous", "model X: field `a` type widened: str | None -> int | str | None (new int)"),
        ("breaking", "model X: field `c` renamed to `c2` (JSON `c` -> `cee`)"),
    }


def test_annotations_are_compared_as_sets_of_members() -> None:
    import ast

    spelled = ["Optional[Union[str, 'Foo']]", "Foo | str | None", "Union[None, str, Foo]"]
    assert len({surface.members(ast.parse(s, mode="eval").body) for s in spelled}) == 1
    literal = surface.members(ast.parse("Literal['a', 'b'] | Unset", mode="eval").body)
    assert literal == {"Literal['a']", "Literal['b']"}


# ---- SCHEMA: what each generated package was generated from


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_each_generated_package_records_its_schema(platform: str) -> None:
    package = importlib.import_module(f"medannot_api.{platform}")
    schema = package.SCHEMA
    assert schema.platform == platform
    assert "SCHEMA" in package.__all__
    shipped = resources.files(package).joinpath(schema.file).read_bytes()
    assert schema.sha256 == hashlib.sha256(shipped).hexdigest()
    assert schema.version and schema.source
    assert schemadiff.shipped_matches(platform)  # generated from the checked-in schema as it is


def test_the_pulled_monailabel_schema_records_the_server_release() -> None:
    from medannot_api.monailabel import SCHEMA
    from tools.servers.monailabel import MONAILABEL_VERSION

    assert SCHEMA.version == MONAILABEL_VERSION
    assert "real MONAI Label" in SCHEMA.source
