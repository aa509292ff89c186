"""Proof of schemas/labelbox/schema.graphql: the official SDK (labelbox==7.17.0, in .cache/labelbox-venv) runs
tests/oracle/labelbox_sdk_scenario.py against the emulator; every GraphQL document it sends must validate
against the SDL, every root field of the SDL must be used by one, and the SDK must get sensible results.

The documents are kept in fixtures/labelbox_sdk_operations.json (canonically printed, de-duplicated, sorted),
so a change of SDK or scenario shows up in review. Regenerate it with:

    .venv/bin/python -m tests.oracle.test_labelbox_sdk
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from graphql import GraphQLSchema, build_schema, parse, print_ast, validate
from graphql.language import FieldNode, OperationDefinitionNode

from medannot.testing.labelbox import LabelboxEmulator
from tools.servers._venv import venv_python
from tools.servers.labelbox_sdk import LABELBOX_VERSION, provision

pytestmark = pytest.mark.oracle

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schemas" / "labelbox" / "schema.graphql"
SCENARIO = Path(__file__).with_name("labelbox_sdk_scenario.py")
FIXTURE = Path(__file__).parent / "fixtures" / "labelbox_sdk_operations.json"
API_KEY = "oracle-key"

# Seed methods of labelbox.Client the scenario must exercise (the rest are hosted-only; see the report).
COVERED = {
    "assign_global_keys_to_data_rows",
    "build_catalog_query",
    "clear_global_keys",
    "create_dataset",
    "create_embedding",
    "create_feature_schema",
    "create_model",
    "create_model_config",
    "create_model_evaluation_project",
    "create_offline_model_evaluation_project",
    "create_ontology",
    "create_ontology_from_feature_schemas",
    "create_project",
    "delete_feature_schema_from_ontology",
    "delete_model_config",
    "delete_unused_feature_schema",
    "delete_unused_ontology",
    "execute",
    "get_catalog_slice",
    "get_data_row",
    "get_data_row_by_global_key",
    "get_data_row_ids_for_external_ids",
    "get_data_row_ids_for_global_keys",
    "get_data_row_metadata_ontology",
    "get_dataset",
    "get_datasets",
    "get_embedding_by_id",
    "get_embedding_by_name",
    "get_embeddings",
    "get_feature_schema",
    "get_feature_schemas",
    "get_model",
    "get_model_run",
    "get_model_slice",
    "get_models",
    "get_ontologies",
    "get_ontology",
    "get_organization",
    "get_project",
    "get_projects",
    "get_roles",
    "get_task_by_id",
    "get_unused_feature_schemas",
    "get_unused_ontologies",
    "get_user",
    "get_users",
    "insert_feature_schema_into_ontology",
    "is_feature_schema_archived",
    "unarchive_feature_schema_node",
    "update_feature_schema_title",
    "upsert_feature_schema",
    "upsert_label_feedback",
}


@dataclass
class Capture:
    returncode: int
    report: dict[str, Any]
    stderr: str
    operations: dict[str, Any]


def loopback_env() -> dict[str, str]:
    """The SDK uses requests, which honours proxy variables: keep every call on 127.0.0.1."""
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
    env.update(NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
    env.pop("LABELBOX_API_KEY", None)
    return env


def summarize(entries: list[dict[str, Any]]) -> dict[str, Any]:
    documents = {print_ast(parse(e["document"])) for e in entries if e["kind"] == "graphql"}
    return {
        "sdk": f"labelbox=={LABELBOX_VERSION}",
        "scenario": SCENARIO.name,
        "graphql": sorted(documents),
        "rest": sorted({e["route"] for e in entries if e["kind"] == "rest"}),
    }


def capture() -> Capture:
    python = venv_python(provision())
    with LabelboxEmulator(api_key=API_KEY) as emulator:
        done = subprocess.run(
            [str(python), str(SCENARIO), "--url", emulator.url, "--api-key", API_KEY],
            env=loopback_env(),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        operations = summarize(emulator.operations.entries())
    lines = done.stdout.strip().splitlines()
    report = json.loads(lines[-1]) if lines else {"passed": [], "failed": ["no report"], "methods": []}
    return Capture(done.returncode, report, done.stderr, operations)


def root_fields(schema: GraphQLSchema) -> set[str]:
    return {f"{kind.name}.{name}" for kind in (schema.query_type, schema.mutation_type) if kind for name in kind.fields}


def used_root_fields(schema: GraphQLSchema, documents: list[str]) -> set[str]:
    used = set()
    for document in documents:
        for definition in parse(document).definitions:
            if isinstance(definition, OperationDefinitionNode):
                root = schema.mutation_type if definition.operation.value == "mutation" else schema.query_type
                assert root is not None
                used |= {
                    f"{root.name}.{s.name.value}"
                    for s in definition.selection_set.selections
                    if isinstance(s, FieldNode)
                }
    return used


@pytest.fixture(scope="module")
def schema() -> GraphQLSchema:
    return build_schema(SCHEMA_PATH.read_text())


@pytest.fixture(scope="module")
def run() -> Capture:
    return capture()


def test_fixture_documents_validate(schema: GraphQLSchema) -> None:
    """Fast and offline: the recorded documents still validate after an SDL edit."""
    documents = json.loads(FIXTURE.read_text())["graphql"]
    problems = {doc: [e.message for e in validate(schema, parse(doc))] for doc in documents}
    assert not {doc: p for doc, p in problems.items() if p}


def test_every_root_field_is_used_by_the_sdk(schema: GraphQLSchema) -> None:
    """The SDL holds nothing the SDK does not prove."""
    documents = json.loads(FIXTURE.read_text())["graphql"]
    assert root_fields(schema) - used_root_fields(schema, documents) == set()


def test_scenario_passes(run: Capture) -> None:
    assert run.report["failed"] == [], run.stderr[-4000:]
    assert run.returncode == 0
    assert set(run.report["methods"]) == COVERED


def test_every_captured_document_validates(run: Capture, schema: GraphQLSchema) -> None:
    assert run.operations["graphql"], "the emulator recorded no GraphQL document"
    for document in run.operations["graphql"]:
        assert validate(schema, parse(document)) == [], document


def test_fixture_is_current(run: Capture) -> None:
    recorded = json.loads(FIXTURE.read_text())
    assert recorded == run.operations, "the SDK now sends other operations: regenerate the fixture (see module doc)"


if __name__ == "__main__":
    result = capture()
    if result.report["failed"]:
        raise SystemExit(f"scenario failed: {result.report['failed']}\n{result.stderr[-4000:]}")
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(json.dumps(result.operations, indent=2) + "\n")
    print(f"{FIXTURE}: {len(result.operations['graphql'])} documents, {len(result.operations['rest'])} REST routes")
