"""Drive the official Labelbox SDK (labelbox.Client, 7.x) through its public methods against a server.

Runs inside the SDK's own virtual environment (tools/servers/labelbox_sdk.py), never imports medannot:

    .cache/labelbox-venv/bin/python tests/oracle/labelbox_sdk_scenario.py --url http://127.0.0.1:PORT --api-key KEY

The server must be the medannot Labelbox emulator: labels and saved slices, which the SDK cannot create,
are seeded through its /_emulator routes. Prints a JSON report and exits 1 if any check failed.
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests
from labelbox import Classification, Client, MediaType, Option, Tool
from labelbox.orm.model import Entity
from labelbox.schema.identifiables import GlobalKeys, UniqueIds
from lbox.exceptions import AuthenticationError, ResourceNotFoundError

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64  # enough for a content type and a size


class Checks:
    def __init__(self) -> None:
        self.passed: list[str] = []
        self.failed: list[str] = []
        self.methods: set[str] = set()

    def that(self, condition: object, what: str) -> None:
        (self.passed if condition else self.failed).append(what)

    def raises(self, error: type[BaseException], call: Callable[[], Any], what: str) -> None:
        try:
            call()
        except error:
            self.passed.append(what)
        except Exception as other:
            self.failed.append(f"{what}: raised {type(other).__name__}: {other}")
        else:
            self.failed.append(f"{what}: did not raise {error.__name__}")

    def step(self, method: str) -> None:
        self.methods.add(method)


def stay_on_loopback() -> None:
    """Fail loudly if the SDK tries any host but the emulator's (a default URL we did not override)."""
    resolve = socket.getaddrinfo

    def loopback_only(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise OSError(f"the scenario must stay on 127.0.0.1, but {host!r} was looked up")
        return resolve(host, *args, **kwargs)

    socket.getaddrinfo = loopback_only


def seed(url: str, kind: str, body: dict[str, Any]) -> str:
    response = requests.post(f"{url}/_emulator/seed/{kind}", json=body, timeout=10)
    response.raise_for_status()
    return str(response.json()["id"])


def run(check: Checks, url: str, api_key: str, workdir: Path) -> None:
    client = Client(api_key=api_key, endpoint=f"{url}/graphql", rest_endpoint=f"{url}/api/v1", app_url=url)

    # ---- identity
    check.step("get_user")
    me = client.get_user()
    check.that(me.email, "get_user returns the key's user")
    check.step("get_organization")
    check.that(client.get_organization().name, "get_organization has a name")
    check.step("get_roles")
    roles = client.get_roles()
    check.that({"LABELER", "ADMIN"} <= set(roles), f"get_roles lists LABELER and ADMIN: {sorted(roles)}")
    check.step("get_users")
    check.that(
        [u.uid for u in client.get_users(where=Entity.User.email == me.email)] == [me.uid], "get_users filters on email"
    )
    check.raises(
        AuthenticationError,
        lambda: Client(api_key="wrong", endpoint=f"{url}/graphql").get_user(),
        "a wrong API key raises AuthenticationError",
    )

    # ---- datasets, uploads and data rows
    check.step("create_dataset")
    dataset = client.create_dataset(name="oracle-dataset", description="made by the SDK oracle")
    check.step("get_dataset")
    check.that(client.get_dataset(dataset.uid).name == "oracle-dataset", "get_dataset round-trips the name")
    check.step("get_datasets")
    found = list(client.get_datasets(where=Entity.Dataset.name == "oracle-dataset"))
    check.that([d.uid for d in found] == [dataset.uid], "get_datasets filters on name")
    check.raises(ResourceNotFoundError, lambda: client.get_dataset("cl-missing"), "get_dataset of a missing id")

    images = [workdir / f"scan-{i}.png" for i in range(2)]
    for image in images:
        image.write_bytes(PNG)
    task = dataset.create_data_rows([str(p) for p in images])  # uploads each file, then a manifest
    task.wait_till_done()
    check.that(task.status == "COMPLETE" and not task.errors, f"create_data_rows from files: {task.status}")
    created = task.result or []
    check.that(len(created) == 2, f"two data rows created from files: {created}")
    uploaded_url = client.upload_data(PNG, filename="third.png", content_type="image/png")
    check.that(requests.get(uploaded_url, timeout=10).content == PNG, "upload_data serves the bytes back")
    row = dataset.create_data_row(row_data=uploaded_url, external_id="third", global_key="gk-third")
    check.that(row.global_key == "gk-third", "create_data_row keeps the global key")
    check.that(len(list(dataset.data_rows())) == 3, "dataset.data_rows pages through 3 rows")

    first_id, second_id = created[0]["id"], created[1]["id"]
    check.step("get_data_row")
    check.that(client.get_data_row(first_id).row_data.startswith(url), "get_data_row has the uploaded URL")
    check.step("assign_global_keys_to_data_rows")
    assigned = client.assign_global_keys_to_data_rows(
        [
            {"data_row_id": first_id, "global_key": "gk-first"},
            {"data_row_id": second_id, "global_key": "gk-third"},  # taken by the third row
        ]
    )
    check.that(
        assigned["status"] == "PARTIAL SUCCESS" and len(assigned["errors"]) == 1,
        f"assign_global_keys_to_data_rows partly succeeds: {assigned}",
    )
    check.step("get_data_row_ids_for_global_keys")
    ids = client.get_data_row_ids_for_global_keys(["gk-first", "gk-nope"])
    check.that(
        ids["results"] == [first_id, ""] and ids["status"] == "PARTIAL SUCCESS",
        f"get_data_row_ids_for_global_keys: {ids}",
    )
    check.step("get_data_row_by_global_key")
    check.that(client.get_data_row_by_global_key("gk-first").uid == first_id, "get_data_row_by_global_key")
    check.step("get_data_row_ids_for_external_ids")
    by_external = client.get_data_row_ids_for_external_ids(["third", "nothing"])
    check.that(dict(by_external) == {"third": [row.uid]}, f"get_data_row_ids_for_external_ids: {by_external}")
    check.step("clear_global_keys")
    cleared = client.clear_global_keys(["gk-first", "gk-unknown"])
    check.that(
        cleared["results"] == ["gk-first"] and cleared["status"] == "PARTIAL SUCCESS", f"clear_global_keys: {cleared}"
    )
    check.step("get_data_row_metadata_ontology")
    check.that(
        "split" in client.get_data_row_metadata_ontology().reserved_by_name,
        "get_data_row_metadata_ontology has the reserved `split` field",
    )

    # ---- projects
    check.step("create_project")
    project = client.create_project(name="oracle-project", media_type=MediaType.Image, description="oracle")
    check.step("get_project")
    check.that(client.get_project(project.uid).media_type == MediaType.Image, "get_project keeps the media type")
    check.raises(ResourceNotFoundError, lambda: client.get_project("cl-missing"), "get_project of a missing id")
    check.step("get_projects")
    check.that(
        [p.uid for p in client.get_projects(where=Entity.Project.name == "oracle-project")] == [project.uid],
        "get_projects filters on name",
    )
    check.step("create_model_evaluation_project")
    chat = client.create_model_evaluation_project(name="oracle-chat-eval")
    check.that(chat.media_type == MediaType.Conversational, "create_model_evaluation_project is conversational")
    check.step("create_offline_model_evaluation_project")
    offline = client.create_offline_model_evaluation_project(name="oracle-offline-eval")
    check.that(offline.uid != chat.uid, "create_offline_model_evaluation_project")

    # ---- feature schemas and ontologies
    check.step("create_feature_schema")
    lesion = client.create_feature_schema(Tool(tool=Tool.Type.BBOX, name="lesion", color="#ff0000").asdict())
    check.step("get_feature_schema")
    check.that(client.get_feature_schema(lesion.uid).name == "lesion", "get_feature_schema")
    check.step("get_feature_schemas")
    check.that([f.uid for f in client.get_feature_schemas("LES")] == [lesion.uid], "get_feature_schemas name_contains")
    check.step("upsert_feature_schema")
    organ = client.upsert_feature_schema(Tool(tool=Tool.Type.POLYGON, name="organ", color="#00ff00").asdict())
    renamed = client.upsert_feature_schema({**organ.normalized, "color": "#0000ff"})
    check.that(renamed.uid == organ.uid and renamed.normalized["color"] == "#0000ff", "upsert_feature_schema updates")
    check.step("update_feature_schema_title")
    retitled = client.update_feature_schema_title(organ.uid, "organ-2")
    check.that(retitled.name == "organ-2", "update_feature_schema_title")
    check.step("create_ontology")
    quality = Classification(
        class_type=Classification.Type.RADIO, name="quality", options=[Option(value="good"), Option(value="poor")]
    )
    ontology = client.create_ontology(
        "oracle-ontology",
        {"tools": [Tool(tool=Tool.Type.POLYGON, name="tumour").asdict()], "classifications": [quality.asdict()]},
        media_type=MediaType.Image,
    )
    check.that(len(ontology.tools()) == 1 and len(ontology.classifications()) == 1, "create_ontology normalizes")
    check.step("create_ontology_from_feature_schemas")
    reused = client.create_ontology_from_feature_schemas("oracle-reuse", [lesion.uid], media_type=MediaType.Image)
    check.that(reused.tools()[0].feature_schema_id == lesion.uid, "create_ontology_from_feature_schemas reuses ids")
    check.step("get_ontology")
    check.that(client.get_ontology(ontology.uid).name == "oracle-ontology", "get_ontology")
    check.step("get_ontologies")
    check.that({o.uid for o in client.get_ontologies("oracle")} == {ontology.uid, reused.uid}, "get_ontologies")
    check.step("insert_feature_schema_into_ontology")
    client.insert_feature_schema_into_ontology(organ.uid, ontology.uid, 0)
    check.that(
        client.get_ontology(ontology.uid).tools()[0].feature_schema_id == organ.uid,
        "insert_feature_schema_into_ontology puts it first",
    )
    check.step("get_unused_feature_schemas")
    unused = client.get_unused_feature_schemas()
    check.that(lesion.uid not in unused and organ.uid not in unused, f"get_unused_feature_schemas: {unused}")

    # ---- batches, labels, export, label feedback
    project.create_batch("oracle-batch", data_rows=[first_id, second_id])
    tumour_id = ontology.tools()[0].feature_schema_id
    label = {"project_id": project.uid, "data_row_id": first_id, "feature_schema_ids": [tumour_id]}
    label_id = seed(url, "label", label)
    export = project.export(task_name="oracle-export")
    export.wait_till_done()
    exported = [json.loads(out.json) if isinstance(out.json, str) else out.json for out in export.get_buffered_stream()]
    check.that(
        len(exported) == 2 and export.has_result() and not export.has_errors(),
        f"project.export streams one line per data row: {len(exported)}",
    )
    check.step("get_task_by_id")
    check.that(client.get_task_by_id(export.uid).status == "COMPLETE", "get_task_by_id finds the export task")
    check.raises(ResourceNotFoundError, lambda: client.get_task_by_id("cl-missing"), "get_task_by_id missing")
    check.step("upsert_label_feedback")
    scores = client.upsert_label_feedback(label_id, "tight box", {"iou": 0.9})
    check.that([(s.name, s.score) for s in scores] == [("iou", 0.9)], f"upsert_label_feedback: {scores}")

    check.step("is_feature_schema_archived")
    check.that(client.is_feature_schema_archived(ontology.uid, tumour_id) is False, "not archived before removal")
    check.step("delete_feature_schema_from_ontology")
    removed = client.delete_feature_schema_from_ontology(ontology.uid, tumour_id)  # labelled: archived
    check.that(removed.archived and not removed.deleted, "a labelled root node is archived")
    check.that(client.is_feature_schema_archived(ontology.uid, tumour_id), "is_feature_schema_archived after removal")
    check.step("unarchive_feature_schema_node")
    client.unarchive_feature_schema_node(ontology.uid, tumour_id)
    check.that(not client.is_feature_schema_archived(ontology.uid, tumour_id), "unarchive_feature_schema_node")
    removed = client.delete_feature_schema_from_ontology(ontology.uid, organ.uid)
    check.that(removed.deleted and not removed.archived, "an unlabelled root node is deleted")

    check.step("get_unused_ontologies")
    unused_ontologies = client.get_unused_ontologies()
    check.that(
        reused.uid in unused_ontologies and ontology.uid not in unused_ontologies,
        f"get_unused_ontologies: {unused_ontologies}",
    )
    check.step("delete_unused_ontology")
    client.delete_unused_ontology(reused.uid)
    check.that(reused.uid not in client.get_unused_ontologies(), "delete_unused_ontology")
    check.step("delete_unused_feature_schema")
    client.delete_unused_feature_schema(organ.uid)
    check.that(organ.uid not in client.get_unused_feature_schemas(), "delete_unused_feature_schema")

    # ---- models
    check.step("create_model")
    model = client.create_model("oracle-model", ontology.uid)
    check.step("get_model")
    check.that(client.get_model(model.uid).ontology_id == ontology.uid, "get_model")
    check.step("get_models")
    check.that(
        [m.uid for m in client.get_models(where=Entity.Model.name == "oracle-model")] == [model.uid],
        "get_models filters on name",
    )
    run_ = model.create_model_run("oracle-run", config={"epochs": 3})
    check.step("get_model_run")
    check.that(client.get_model_run(run_.uid).training_metadata == {"epochs": 3}, "get_model_run")
    check.step("create_model_config")
    config = client.create_model_config("oracle-config", model.uid, {"temperature": 0.2})
    check.that(config.inference_params == {"temperature": 0.2}, "create_model_config")
    check.step("delete_model_config")
    check.that(client.delete_model_config(config.uid) is True, "delete_model_config")
    check.raises(ResourceNotFoundError, lambda: client.delete_model_config("cl-missing"), "delete a missing config")

    # ---- embeddings and slices
    check.step("create_embedding")
    embedding = client.create_embedding("oracle-embedding", 8)
    check.step("get_embeddings")
    check.that([e.id for e in client.get_embeddings()] == [embedding.id], "get_embeddings")
    check.step("get_embedding_by_id")
    check.that(client.get_embedding_by_id(embedding.id).dims == 8, "get_embedding_by_id")
    check.step("get_embedding_by_name")
    check.that(client.get_embedding_by_name("oracle-embedding").id == embedding.id, "get_embedding_by_name")
    client.delete_embedding(embedding.id)
    check.that(client.get_embeddings() == [], "delete_embedding")
    slice_id = seed(url, "saved-query", {"name": "oracle-slice", "filter": [{"type": "data_row_id"}]})
    check.step("get_catalog_slice")
    check.that(client.get_catalog_slice(slice_id).name == "oracle-slice", "get_catalog_slice by id")
    check.that(client.get_catalog_slice(slice_name="oracle-slice").uid == slice_id, "get_catalog_slice by name")
    check.raises(ResourceNotFoundError, lambda: client.get_catalog_slice("cl-missing"), "get_catalog_slice missing")
    check.step("get_model_slice")
    check.that(client.get_model_slice(slice_id).uid == slice_id, "get_model_slice")

    # ---- raw execute, static helpers
    check.step("execute")
    check.that(client.execute("query RawPyApi { organization { id } }")["organization"]["id"], "execute")
    check.step("build_catalog_query")
    check.that(
        Client.build_catalog_query(GlobalKeys(["a"]))["type"] == "global_key"
        and Client.build_catalog_query(UniqueIds(["b"]))["type"] == "data_row_id",
        "build_catalog_query",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="emulator base URL")
    parser.add_argument("--api-key", required=True)
    args = parser.parse_args()
    stay_on_loopback()
    check = Checks()
    with tempfile.TemporaryDirectory() as tmp:
        try:
            run(check, args.url.rstrip("/"), args.api_key, Path(tmp))
        except Exception:
            check.failed.append(traceback.format_exc())
    print(json.dumps({"passed": check.passed, "failed": check.failed, "methods": sorted(check.methods)}))
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
