"""Every usage example of the Labelbox seed (the official `labelbox.Client` documentation), run against the
Labelbox emulator with only the import and the constructor changed:

    from labelbox import Client, ...            ->  from medannot.labelbox import Client, ...
    Client("<APIKEY>")                          ->  Client("<APIKEY>", "<emulator>/graphql")

Placeholders of the documentation (`"<dataset_id>"`, `"cleabc1my012ioqvu5anyaabc"`, `project_name`) are filled
with values that exist in the emulator; that is data, not a change of code. Each test's docstring quotes its
example. The examples that need a change are marked `CHANGED` and the change is one line of
docs/migrating-from-labelbox.md; `EXAMPLES` counts both kinds (the counts are asserted at the end).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest

from medannot.labelbox import (
    AuthenticationError,
    Classification,
    Client,
    Dataset,
    MediaType,
    Model,
    OntologyBuilder,
    Project,
    ResourceNotFoundError,
    Tool,
    User,
)
from medannot.testing.labelbox import LabelboxEmulator

UNCHANGED: list[str] = []
CHANGED: list[str] = []


def example(name: str, *, changed: bool = False) -> None:
    (CHANGED if changed else UNCHANGED).append(name)


@pytest.fixture
def client(labelbox_emulator: LabelboxEmulator) -> Iterator[Client]:
    # The one changed line of every example: the constructor names the emulator's endpoint.
    with Client(labelbox_emulator.api_key, labelbox_emulator.graphql_url) as lb:
        yield lb


@pytest.fixture
def rows(client: Client, labelbox_emulator: LabelboxEmulator) -> list[str]:
    """Two data rows in a dataset (arranged on the emulator's backend: the SDK makes them with Dataset methods)."""
    dataset = client.create_dataset(name="rows")
    backend = labelbox_emulator.backend
    return [
        backend.put_data_row({"row_data": f"https://example.org/{i}.png", "dataset_id": dataset.id}, None).id
        for i in range(2)
    ]


# ---- Client


def test_constructor(labelbox_emulator: LabelboxEmulator) -> None:
    """>>> logging.basicConfig(level = logging.INFO) >>> client = Client("<APIKEY>")"""
    logging.basicConfig(level=logging.INFO)
    client = Client(labelbox_emulator.api_key, labelbox_emulator.graphql_url)
    client.get_organization()
    client.close()
    # the SDK's other constructor arguments are accepted, in its order
    Client(labelbox_emulator.api_key, labelbox_emulator.graphql_url, True, "https://app.labelbox.com").close()
    with pytest.raises(AuthenticationError):
        Client("wrong", labelbox_emulator.graphql_url, enable_experimental=True).get_organization()
    example("Client(<APIKEY>)")


# ---- global keys


def test_assign_global_keys_to_data_rows(client: Client, rows: list[str]) -> None:
    """>>> global_key_data_row_inputs = [ {"data_row_id": "cl7asgri20yvo075b4vtfedjb", "global_key": "key1"},
    {"data_row_id": "cl7asgri10yvg075b4pz176ht", "global_key": "key2"}, ] >>> job_result =
    client.assign_global_keys_to_data_rows(global_key_data_row_inputs) >>> print(job_result['status'])
    >>> print(job_result['results']) >>> print(job_result['errors'])"""
    global_key_data_row_inputs = [
        {"data_row_id": rows[0], "global_key": "key1"},
        {"data_row_id": rows[1], "global_key": "key2"},
    ]
    job_result = client.assign_global_keys_to_data_rows(global_key_data_row_inputs)
    print(job_result["status"])
    print(job_result["results"])
    print(job_result["errors"])
    assert job_result["status"] == "SUCCESS"
    assert {r["global_key"] for r in job_result["results"]} == {"key1", "key2"}
    assert set(job_result["results"][0]) == {"data_row_id", "global_key", "sanitized"}
    json.dumps(dict(job_result))
    example("assign_global_keys_to_data_rows")


def test_clear_global_keys(client: Client, rows: list[str]) -> None:
    """>>> job_result = client.clear_global_keys(["key1","key2","notfoundkey"]) >>> print(job_result['status'])
    >>> print(job_result['results']) >>> print(job_result['errors'])"""
    client.assign_global_keys_to_data_rows(
        [{"data_row_id": rows[0], "global_key": "key1"}, {"data_row_id": rows[1], "global_key": "key2"}]
    )
    job_result = client.clear_global_keys(["key1", "key2", "notfoundkey"])
    print(job_result["status"])
    print(job_result["results"])
    print(job_result["errors"])
    assert job_result["status"] == "PARTIAL SUCCESS"
    assert sorted(job_result["results"]) == ["key1", "key2"]
    assert job_result["errors"][0]["global_key"] == "notfoundkey"
    assert job_result["errors"][0]["error"] == "Failed to find data row matching provided global key"
    example("clear_global_keys")


def test_get_data_row_ids_for_global_keys(client: Client, rows: list[str]) -> None:
    """>>> job_result = client.get_data_row_ids_for_global_keys(["key1","key2"]) >>> print(job_result['status'])
    >>> print(job_result['results']) >>> print(job_result['errors'])"""
    client.assign_global_keys_to_data_rows([{"data_row_id": rows[0], "global_key": "key1"}])
    job_result = client.get_data_row_ids_for_global_keys(["key1", "key2"])
    print(job_result["status"])
    print(job_result["results"])
    print(job_result["errors"])
    assert job_result["status"] == "PARTIAL SUCCESS"
    assert job_result["results"][0] == rows[0]
    assert job_result["errors"][0]["global_key"] == "key2"
    example("get_data_row_ids_for_global_keys")


# ---- datasets


def test_create_dataset(client: Client) -> None:
    """Create a dataset >>> dataset = client.create_dataset(name="<dataset_name>")"""
    dataset = client.create_dataset(name="<dataset_name>")
    assert dataset.name == dataset["name"] == "<dataset_name>"
    assert dataset.uid == dataset.id
    json.dumps(dict(dataset))
    example("create_dataset(name)")


def test_create_dataset_with_description(client: Client) -> None:
    """Create a dataset with description >>> dataset = client.create_dataset(name="<dataset_name>",
    description="<dataset_description>")"""
    dataset = client.create_dataset(name="<dataset_name>", description="<dataset_description>")
    assert dataset["description"] == "<dataset_description>"
    example("create_dataset(name, description)")


def test_get_dataset(client: Client) -> None:
    """>>> dataset = client.get_dataset("<dataset_id>")"""
    dataset_id = client.create_dataset(name="d").uid
    dataset = client.get_dataset(dataset_id)
    assert dataset.uid == dataset_id
    with pytest.raises(ResourceNotFoundError):
        client.get_dataset("cl0000000000000000000000x")
    example("get_dataset")


def test_get_datasets(client: Client) -> None:
    """>>> datasets = client.get_datasets(where=(Dataset.name == "<dataset_name>") & (Dataset.description ==
    "<dataset_description>"))"""
    wanted = client.create_dataset(name="<dataset_name>", description="<dataset_description>")
    client.create_dataset(name="<dataset_name>", description="other")
    datasets = client.get_datasets(
        where=(Dataset.name == "<dataset_name>") & (Dataset.description == "<dataset_description>")
    )
    assert [d.uid for d in datasets] == [wanted.uid]
    example("get_datasets(where=...)")


# ---- feature schemas


def test_create_feature_schema_from_dict(client: Client) -> None:
    """>>> normalized = {'tool': 'polygon', 'name': 'cat', 'color': 'black'} >>> feature_schema =
    client.create_feature_schema(normalized)"""
    normalized = {"tool": "polygon", "name": "cat", "color": "black"}
    feature_schema = client.create_feature_schema(normalized)
    assert feature_schema["name"] == "cat"
    example("create_feature_schema(dict)")


def test_create_feature_schema_from_tool(client: Client) -> None:
    """>>> normalized = Tool(tool=Tool.Type.BBOX, name="cat", color = 'black').asdict() >>> feature_schema =
    client.create_feature_schema(normalized)"""
    normalized = Tool(tool=Tool.Type.BBOX, name="cat", color="black").asdict()
    feature_schema = client.create_feature_schema(normalized)
    assert feature_schema.normalized["tool"] == "rectangle"
    example("create_feature_schema(Tool)")


def test_create_feature_schema_with_subclasses(client: Client) -> None:
    """>>> normalized = Tool( tool=Tool.Type.SEGMENTATION, name="cat", classifications=[ Classification(
    class_type=Classification.Type.TEXT, name="name" ) ] ) >>> feature_schema =
    client.create_feature_schema(normalized)"""
    normalized = Tool(
        tool=Tool.Type.SEGMENTATION,
        name="cat",
        classifications=[Classification(class_type=Classification.Type.TEXT, name="name")],
    )
    # The seed passes the Tool itself (the SDK would fail on it: it wants the dict); medannot takes either.
    feature_schema = client.create_feature_schema(normalized)
    assert feature_schema.normalized["classifications"][0]["name"] == "name"
    example("create_feature_schema(Tool with classifications)")


def test_upsert_feature_schema_insert(client: Client) -> None:
    """Insert a new feature schema >>> tool = Tool(name="tool", tool=Tool.Type.BOUNDING_BOX, color="#FF0000")
    >>> client.upsert_feature_schema(tool.asdict())"""
    tool = Tool(name="tool", tool=Tool.Type.BOUNDING_BOX, color="#FF0000")
    created = client.upsert_feature_schema(tool.asdict())
    assert created["name"] == "tool"
    example("upsert_feature_schema (insert)")


def test_upsert_feature_schema_update(client: Client) -> None:
    """Update an existing feature schema >>> tool = Tool(feature_schema_id="cleabc1my012ioqvu5anyaabc",
    name="tool", tool=Tool.Type.BOUNDING_BOX, color="#FF0000") >>> client.upsert_feature_schema(tool.asdict())"""
    existing = client.upsert_feature_schema(Tool(name="tool", tool=Tool.Type.BOUNDING_BOX).asdict()).uid
    tool = Tool(feature_schema_id=existing, name="tool", tool=Tool.Type.BOUNDING_BOX, color="#FF0000")
    updated = client.upsert_feature_schema(tool.asdict())
    assert updated.uid == existing
    example("upsert_feature_schema (update)")


def test_update_feature_schema_title(client: Client) -> None:
    """>>> client.update_feature_schema_title("cleabc1my012ioqvu5anyaabc", "New Title")"""
    feature_schema_id = client.create_feature_schema({"tool": "polygon", "name": "cat"}).uid
    client.update_feature_schema_title(feature_schema_id, "New Title")
    assert client.get_feature_schema(feature_schema_id).name == "New Title"
    example("update_feature_schema_title")


def test_delete_unused_feature_schema(client: Client) -> None:
    """>>> client.delete_unused_feature_schema("cleabc1my012ioqvu5anyaabc")"""
    feature_schema_id = client.create_feature_schema({"tool": "polygon", "name": "cat"}).uid
    client.delete_unused_feature_schema(feature_schema_id)
    example("delete_unused_feature_schema")


def test_get_unused_feature_schemas(client: Client) -> None:
    """>>> client.get_unused_feature_schemas() ... >>> client.get_unused_feature_schemas("cleabc1my012ioqvu5anyaabc")"""
    first = client.create_feature_schema({"tool": "polygon", "name": "a"}).uid
    second = client.create_feature_schema({"tool": "polygon", "name": "b"}).uid
    assert {first, second} <= set(client.get_unused_feature_schemas())
    example("get_unused_feature_schemas()")
    assert first not in client.get_unused_feature_schemas(first)
    example("get_unused_feature_schemas(after)")


# ---- ontologies


def test_create_ontology_from_dict(client: Client) -> None:
    """>>> normalized = {"tools" : [{'tool': 'polygon', 'name': 'cat', 'color': 'black'}], "classifications" : []}
    >>> ontology = client.create_ontology("ontology-name", normalized)"""
    normalized = {"tools": [{"tool": "polygon", "name": "cat", "color": "black"}], "classifications": []}
    ontology = client.create_ontology("ontology-name", normalized)
    assert ontology["name"] == "ontology-name"
    example("create_ontology(dict)")


def test_create_ontology_with_builder(client: Client) -> None:
    """>>> normalized = OntologyBuilder(tools=[Tool(tool=Tool.Type.BBOX, name="cat", color = 'black')]).asdict()
    >>> ontology = client.create_ontology("ontology-name", normalized)"""
    normalized = OntologyBuilder(tools=[Tool(tool=Tool.Type.BBOX, name="cat", color="black")]).asdict()
    ontology = client.create_ontology("ontology-name", normalized)
    assert ontology.normalized["tools"][0]["tool"] == "rectangle"
    example("create_ontology(OntologyBuilder)")


def _ontology_with_tool(client: Client) -> tuple[str, str]:
    ontology = client.create_ontology("o", {"tools": [{"tool": "polygon", "name": "cat"}], "classifications": []})
    return ontology.uid, ontology.normalized["tools"][0]["featureSchemaId"]


def test_delete_feature_schema_from_ontology(client: Client) -> None:
    """>>> client.delete_feature_schema_from_ontology(<ontology_id>, <feature_schema_id>)"""
    ontology_id, feature_schema_id = _ontology_with_tool(client)
    result = client.delete_feature_schema_from_ontology(ontology_id, feature_schema_id)
    assert result.deleted and not result["archived"]
    example("delete_feature_schema_from_ontology")


def test_insert_feature_schema_into_ontology(client: Client) -> None:
    """>>> client.insert_feature_schema_into_ontology("cleabc1my012ioqvu5anyaabc", "clefdvwl7abcgefgu3lyvcde", 2)"""
    ontology = client.create_ontology(
        "o", {"tools": [{"tool": "polygon", "name": n} for n in ("a", "b", "c")], "classifications": []}
    )
    feature_schema_id = client.create_feature_schema({"tool": "point", "name": "d"}).uid
    client.insert_feature_schema_into_ontology(feature_schema_id, ontology.uid, 2)
    tools = client.get_ontology(ontology.uid).normalized["tools"]
    assert tools[2]["featureSchemaId"] == feature_schema_id
    example("insert_feature_schema_into_ontology")


def test_delete_unused_ontology(client: Client) -> None:
    """>>> client.delete_unused_ontology("cleabc1my012ioqvu5anyaabc")"""
    ontology_id, _ = _ontology_with_tool(client)
    client.delete_unused_ontology(ontology_id)
    example("delete_unused_ontology")


def test_get_unused_ontologies(client: Client) -> None:
    """>>> client.get_unused_ontologies() ... >>> client.get_unused_ontologies("cleabc1my012ioqvu5anyaabc")"""
    first, _ = _ontology_with_tool(client)
    second, _ = _ontology_with_tool(client)
    assert {first, second} <= set(client.get_unused_ontologies())
    example("get_unused_ontologies()")
    assert first not in client.get_unused_ontologies(first)
    example("get_unused_ontologies(after)")


# ---- projects


def test_create_project(client: Client) -> None:
    """>>> project = client.create_project( name="<project_name>", description="<project_description>",
    media_type=MediaType.Image, )"""
    project = client.create_project(
        name="<project_name>",
        description="<project_description>",
        media_type=MediaType.Image,
    )
    assert project["allowedMediaType"] == "IMAGE"
    assert project.allowed_media_type is MediaType.IMAGE is MediaType.Image
    example("create_project")


def test_get_project(client: Client) -> None:
    """>>> project = client.get_project("<project_id>")"""
    project_id = client.create_project(name="p", media_type=MediaType.Image).uid
    project = client.get_project(project_id)
    assert project.uid == project_id
    example("get_project")


def test_get_projects(client: Client) -> None:
    """>>> projects = client.get_projects(where=(Project.name == "<project_name>") & (Project.description ==
    "<project_description>"))"""
    wanted = client.create_project(name="<project_name>", description="<project_description>", media_type="IMAGE")
    client.create_project(name="<project_name>", media_type=MediaType.Image)
    projects = client.get_projects(
        where=(Project.name == "<project_name>") & (Project.description == "<project_description>")
    )
    assert [p.uid for p in projects] == [wanted.uid]
    example("get_projects(where=...)")


def test_create_model_evaluation_project_malformed_example(client: Client) -> None:
    """>>> client.create_model_evaluation_project(name=project_name, media_type=dataset_name="new data set")"""
    project_name = "chat eval"
    # CHANGED: the seed's line is not Python (`media_type=dataset_name=...`); `media_type=` dropped.
    project = client.create_model_evaluation_project(name=project_name, dataset_name="new data set")
    assert len(client.get_projects(where=Project.name == project_name).to_list()) == 1
    assert project.editor_task_type is not None
    example("create_model_evaluation_project(dataset_name) [seed typo]", changed=True)


def test_create_model_evaluation_project(client: Client) -> None:
    """>>> client.create_model_evaluation_project(name=project_name, dataset_name="new data set", data_row_count=10)
    >>> client.create_model_evaluation_project(name=project_name, dataset_id="clr00u8j0j0j0")
    >>> client.create_model_evaluation_project(name=project_name, dataset_id="clr00u8j0j0j0", data_row_count=10)
    >>> client.create_model_evaluation_project(name=project_name)"""
    project_name = "chat eval"
    client.create_model_evaluation_project(name=project_name, dataset_name="new data set", data_row_count=10)
    example("create_model_evaluation_project(dataset_name, data_row_count)")
    dataset_id = client.create_dataset(name="existing").uid
    client.create_model_evaluation_project(name=project_name, dataset_id=dataset_id)
    example("create_model_evaluation_project(dataset_id)")
    client.create_model_evaluation_project(name=project_name, dataset_id=dataset_id, data_row_count=10)
    example("create_model_evaluation_project(dataset_id, data_row_count)")
    client.create_model_evaluation_project(name=project_name)
    example("create_model_evaluation_project()")
    assert client.get_dataset(dataset_id).row_count == 110


def test_create_prompt_response_generation_project(client: Client) -> None:
    """>>> client.create_prompt_response_generation_project(name=project_name, dataset_name="new data set",
    media_type=MediaType.LLMPromptResponseCreation) >>> client.create_prompt_response_generation_project(
    name=project_name, dataset_name="new data set", data_row_count=10, media_type=MediaType.LLMPromptCreation)
    >>> client.create_prompt_response_generation_project(name=project_name, dataset_id="clr00u8j0j0j0",
    media_type=MediaType.LLMPromptCreation) >>> client.create_prompt_response_generation_project(
    name=project_name, dataset_id="clr00u8j0j0j0", data_row_count=10, media_type=MediaType.LLMPromptResponseCreation)"""
    project_name = "prompts"
    first = client.create_prompt_response_generation_project(
        name=project_name, dataset_name="new data set", media_type=MediaType.LLMPromptResponseCreation
    )
    assert first["allowedMediaType"] == "LLM_PROMPT_RESPONSE_CREATION"
    example("create_prompt_response_generation_project(dataset_name)")
    client.create_prompt_response_generation_project(
        name=project_name, dataset_name="new data set", data_row_count=10, media_type=MediaType.LLMPromptCreation
    )
    example("create_prompt_response_generation_project(dataset_name, data_row_count)")
    dataset_id = client.create_dataset(name="existing").uid
    client.create_prompt_response_generation_project(
        name=project_name, dataset_id=dataset_id, media_type=MediaType.LLMPromptCreation
    )
    example("create_prompt_response_generation_project(dataset_id)")
    client.create_prompt_response_generation_project(
        name=project_name, dataset_id=dataset_id, data_row_count=10, media_type=MediaType.LLMPromptResponseCreation
    )
    example("create_prompt_response_generation_project(dataset_id, data_row_count)")
    assert client.get_dataset(dataset_id).row_count == 110


# ---- models


def test_create_model(client: Client) -> None:
    """>>> model = client.create_model(<model_name>, <ontology_id>)"""
    ontology_id, _ = _ontology_with_tool(client)
    model = client.create_model("<model_name>", ontology_id)
    assert model["name"] == "<model_name>"
    example("create_model")


def test_get_model(client: Client) -> None:
    """>>> model = client.get_model("<model_id>")"""
    ontology_id, _ = _ontology_with_tool(client)
    model_id = client.create_model("m", ontology_id).uid
    model = client.get_model(model_id)
    assert model.uid == model_id
    example("get_model")


def test_get_model_run(client: Client) -> None:
    """>>> model_run = client.get_model_run("<model_run_id>")"""
    ontology_id, _ = _ontology_with_tool(client)
    model_run_id = client.create_model_run(client.create_model("m", ontology_id).uid, "run").uid
    model_run = client.get_model_run(model_run_id)
    assert model_run["name"] == "run"
    example("get_model_run")


def test_get_models(client: Client) -> None:
    """>>> models = client.get_models(where=(Model.name == "<model_name>"))"""
    ontology_id, _ = _ontology_with_tool(client)
    wanted = client.create_model("<model_name>", ontology_id)
    client.create_model("other", ontology_id)
    models = client.get_models(where=(Model.name == "<model_name>"))
    assert len(models) == 1 and models[0].uid == wanted.uid
    example("get_models(where=...)")


# ---- organization and users


def test_get_organization(client: Client) -> None:
    """>>> organization = client.get_organization()"""
    organization = client.get_organization()
    assert organization["id"] == organization.uid
    example("get_organization")


def test_get_users(client: Client, labelbox_emulator: LabelboxEmulator) -> None:
    """>>> users = client.get_users(where=User.email == "<user_email>")"""
    email = labelbox_emulator.backend.user.email
    users = client.get_users(where=User.email == email)
    assert [u["email"] for u in users] == [email]
    example("get_users(where=...)")


# ---- what medannot does not offer (each one line of the migration guide)


def test_labeling_service_dashboards_are_not_offered(client: Client) -> None:
    """>>> workspace_filter = WorkspaceFilter(...) >>> labeling_service_dashboard = [ ld for ld in
    project.client.get_labeling_service_dashboards(search_query=[workspace_filter])]
    ... >>> labeling_service_dashboard = [ld for ld in
    project.client.get_labeling_service_dashboards(search_query=[workforce_requested_filter_before])]"""
    seven_days_ago = (datetime.now() - timedelta(days=7)).strftime("%Y-%m-%d")
    assert seven_days_ago
    assert not hasattr(client, "get_labeling_service_dashboards")
    example("get_labeling_service_dashboards(WorkspaceFilter)", changed=True)
    example("get_labeling_service_dashboards(WorkforceRequestedDateFilter)", changed=True)


def test_send_to_annotate_from_catalog_is_not_offered(client: Client, rows: list[str]) -> None:
    """>>> task = client.send_to_annotate_from_catalog( destination_project_id=DESTINATION_PROJECT_ID,
    task_queue_id=TASK_QUEUE_ID, batch_name="batch_name", data_rows=UniqueIds([DATA_ROW_ID]), params={...})
    >>> task.wait_till_done()"""
    assert not hasattr(client, "send_to_annotate_from_catalog")
    # The guide's replacement: queue the rows in the project as a batch.
    project = client.create_project(name="p", media_type=MediaType.Image)
    batch = client.create_batch(project.uid, "batch_name", rows)
    assert batch["size"] == 2
    example("send_to_annotate_from_catalog", changed=True)


# ---- the counts (run last: pytest runs a module's tests in order)


EXAMPLES = 45  # every `>>>` example of the seed's Client section


def test_counts() -> None:
    if len(UNCHANGED) + len(CHANGED) < EXAMPLES and not CHANGED:
        pytest.skip("counts need the whole module run")
    print(f"Labelbox seed examples: {len(UNCHANGED)} unchanged, {len(CHANGED)} with a documented change")
    assert len(UNCHANGED) + len(CHANGED) == EXAMPLES, (UNCHANGED, CHANGED)
    assert len(CHANGED) == 4


def _unused(*_: Any) -> None:  # keeps the imports of the seed's names used by the examples above
    _ = (Dataset, Model, Project, User)
