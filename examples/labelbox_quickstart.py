"""Labelbox quickstart: a dataset from local scans, an ontology, a project, global keys and a label export.

    python examples/labelbox_quickstart.py                      # against the embedded emulator (no account)
    LABELBOX_API_KEY=... LABELBOX_ENDPOINT=https://api.labelbox.com/graphql python examples/labelbox_quickstart.py

On a real workspace it creates (and leaves) a dataset, an ontology and a project named `medannot-quickstart-*`.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from medannot.labelbox import Client, MediaType

PNG = b"\x89PNG\r\n\x1a\n" + bytes(56)  # stand-ins for exported slices


@contextmanager
def workspace() -> Iterator[Client]:
    """The account in the environment if there is one, else an emulated workspace on a loopback port."""
    endpoint = os.environ.get("LABELBOX_ENDPOINT")
    if os.environ.get("LABELBOX_API_KEY") and endpoint:
        with Client(endpoint=endpoint) as client:
            yield client
        return
    from medannot.testing.labelbox import LabelboxEmulator

    with (
        LabelboxEmulator(api_key="quickstart-key") as emulator,
        Client("quickstart-key", emulator.graphql_url) as client,
    ):
        print(f"(no LABELBOX_API_KEY/LABELBOX_ENDPOINT: using the emulator at {emulator.url})")
        yield client


def main() -> None:
    tag = f"medannot-quickstart-{uuid.uuid4().hex[:6]}"
    with tempfile.TemporaryDirectory() as tmp, workspace() as lb:
        work = Path(tmp)
        print("signed in as", lb.get_user().email, "in", lb.get_organization().name)

        scans = []
        for i in range(6):
            scan = work / f"ct-slice-{i:02d}.png"
            scan.write_bytes(PNG)
            scans.append(scan)
        dataset = lb.create_dataset(name=tag, description="quickstart scans")
        imported = lb.create_data_rows_from_files(dataset.id, scans, concurrency=4)
        print(f"dataset {dataset.id}: {len(imported.created)} rows created, {len(imported.failed)} refused")

        lesion = lb.create_feature_schema({"tool": "rectangle", "name": f"{tag}-lesion", "color": "#ff0000"})
        quality = {"type": "radio", "name": "quality", "options": [{"value": "good"}, {"value": "poor"}]}
        ontology = lb.create_ontology(
            tag, {"tools": [lesion.normalized], "classifications": [quality]}, media_type=MediaType.IMAGE
        )
        print(
            f"ontology {ontology.id}: {ontology.object_schema_count} tool(s), "
            f"{ontology.classification_schema_count} classification(s)"
        )

        project = lb.create_project(tag, MediaType.IMAGE, description="quickstart")
        rows = lb.get_data_rows(dataset.id, page_size=4).to_list()  # two pages
        batch = lb.create_batch(project.id, f"{tag}-batch", [row.id for row in rows])
        print(f"project {project.id}: batch of {batch.size} rows")

        keys = [{"data_row_id": row.id, "global_key": f"{tag}-{row.external_id}"} for row in rows]
        assigned = lb.assign_global_keys_to_data_rows(keys)
        print(f"global keys: {assigned.status}, {len(assigned.results)} assigned")
        print("first row by global key:", lb.get_data_row_by_global_key(assigned.results[0].global_key).row_data)

        exported = lb.export_project_labels(project.id, work)
        print(f"export: {exported.name}, {len(exported.read_text().splitlines())} line(s)")
        print("projects named like this one:", [p.name for p in lb.get_projects(where={"name": tag})])


if __name__ == "__main__":
    main()
