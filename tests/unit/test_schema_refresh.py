"""`make schemas-pull`'s checks, on real inputs where they are cheap: PHAS's routes (the real server's url_map, through
the session's `phas_server` fixture), the Labelbox SDK's recorded documents against our SDL, Grand Challenge's live
schema reduced to medannot's operations (offline: the authored schema stands in for the live one)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from graphql import build_schema

from tools.servers import grandchallenge, labelbox_schema, phas_routes

REPO = Path(__file__).resolve().parents[2]


# ---- PHAS


def test_flask_rules_become_schema_paths() -> None:
    assert (
        phas_routes.flask_path("/api/task/<int:task_id>/slide/<slide_id>/info")
        == "/api/task/{task_id}/slide/{slide_id}/info"
    )
    routes = [
        phas_routes.Route("GET", "/api/task/{task_id}/info", "slide.task_info"),
        phas_routes.Route("POST", "/api/task/{t}/samples", "dltrain.samples"),
    ]
    ops = {("GET", "/api/task/{id}/info"), ("GET", "/api/gone")}
    missing, extra = phas_routes.compare(ops, routes)
    assert missing == ["GET /api/gone"]
    assert extra == ["POST /api/task/{t}/samples  (dltrain.samples)"]


@pytest.mark.live
def test_the_real_phas_server_serves_every_schema_operation(phas_server: object) -> None:
    routes = phas_routes.routes_of(phas_server)  # type: ignore[arg-type]
    status, text = phas_routes.report(routes)
    assert status == 0, text
    assert "schema operations the server does not serve (0)" in text
    assert "GET /api/admin/users" in text  # served, and not in the schema (medannot does not use it)


# ---- Labelbox


def test_every_recorded_sdk_document_validates_against_the_sdl() -> None:
    documents, origin = labelbox_schema.recorded_documents()
    found = labelbox_schema.classify(build_schema(labelbox_schema.SDL.read_text(encoding="utf-8")), documents)
    assert not any(found.values()), found
    assert "labelbox_sdk_operations.json" in origin


def test_unknown_fields_and_operations_are_listed() -> None:
    sdl = labelbox_schema.SDL.read_text(encoding="utf-8")
    start = sdl.index("type Project {")
    field = sdl.index("  description: String\n", start)
    sdl = sdl[:field] + sdl[field + len("  description: String\n") :]
    schema = build_schema(sdl)
    documents = [
        "query { projects { id description } }",
        "query { projectz { id } }",
        'mutation { createDataset(data: {name: "x", colour: 1}) { id } }',
    ]
    found = labelbox_schema.classify(schema, documents)
    assert found["operations"] == {"Query.projectz"}
    assert found["fields"] == {"Project.description"}
    assert found["other"]  # the unknown input field `colour`


def test_without_an_endpoint_the_live_check_is_skipped_with_a_reason(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in (*labelbox_schema.ENDPOINT_VARS, "LABELBOX_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    assert labelbox_schema.main(["--recorded"]) == 0
    out = capsys.readouterr().out
    assert "live introspection skipped (no endpoint given" in out
    assert "every document validates" in out


# ---- Grand Challenge


def test_the_live_schema_is_reduced_to_the_operations_medannot_uses() -> None:
    authored = yaml.safe_load(grandchallenge.AUTHORED.read_text(encoding="utf-8"))
    live = {
        **authored,
        "paths": {
            **authored["paths"],
            "/api/v1/challenges/": {"get": {"operationId": "challenges_list", "responses": {}}},
        },
        "components": {
            **authored["components"],
            "schemas": {**authored["components"]["schemas"], "Challenge": {"type": "object"}},
        },
    }
    reduced = grandchallenge.reduce(live, authored)
    assert grandchallenge.operations(reduced) == grandchallenge.operations(authored)
    assert "Challenge" not in reduced["components"]["schemas"]
    # what the authored schema holds beyond its operations' reach (an unreferenced component) is all that differs
    assert [d for d in grandchallenge.differences(authored, reduced) if not d.startswith("component not in")] == []


def test_without_a_network_the_pull_says_why(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import httpx

    def offline(*args: object, **kwargs: object) -> None:
        raise httpx.ConnectError("Name or service not known")

    monkeypatch.setattr(httpx, "get", offline)
    from tools.servers import schemas

    monkeypatch.setattr(grandchallenge, "LIVE", tmp_path / "live" / "openapi.json")
    assert schemas.main(["grandchallenge"]) == 0
    captured = capsys.readouterr()
    assert "grandchallenge: skipped" in captured.out
    assert "Name or service not known" in captured.err
    assert not (tmp_path / "live").exists()
