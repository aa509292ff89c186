"""Drive an official Datamint SDK through upload, list, get, download, annotations, projects, users, datasets
and worklists against a server.

Runs inside the SDK's own virtual environment (tools/servers/datamint_sdk.py), never imports medannot:

    .cache/datamint-2.6-venv/bin/python tests/oracle/datamint_sdk_scenario.py 2.6 URL KEY WORKDIR
    .cache/datamint-2.45-venv/bin/python tests/oracle/datamint_sdk_scenario.py 2.45 URL KEY WORKDIR

2.6 is the seed's `datamint.APIHandler`; 2.45 today's `datamint.Api`. WORKDIR holds the inputs the test wrote
(ct.dcm, img.png, img2.png, vol.nii.gz, mask.png, seg.nii.gz) and receives downloads. Prints one JSON report
(passed, failed, methods) as its last line and exits 1 if a check failed.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import traceback
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


class Checks:
    def __init__(self) -> None:
        self.passed: list[str] = []
        self.failed: list[str] = []
        self.methods: set[str] = set()

    def that(self, condition: object, what: str) -> None:
        (self.passed if condition else self.failed).append(what)

    def step(self, method: str, call: Callable[[], Any]) -> Any:
        """Run one SDK call; a crash is a failure named after the method (the scenario goes on)."""
        self.methods.add(method)
        try:
            return call()
        except Exception as error:
            self.failed.append(f"{method}: {type(error).__name__}: {error}")
            traceback.print_exc(file=sys.stderr)
            return None

    def raises(self, names: tuple[str, ...], call: Callable[[], Any], what: str) -> None:
        try:
            call()
        except Exception as error:
            kind = type(error).__name__
            self.that(kind in names, f"{what} raises {names} (got {kind}: {error})")
        else:
            self.failed.append(f"{what}: did not raise {names}")


def stay_on_loopback() -> None:
    """Fail loudly if the SDK looks up any host but the emulator's (a default URL we did not override)."""
    resolve = socket.getaddrinfo

    def loopback_only(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise OSError(f"the scenario must stay on 127.0.0.1, but {host!r} was looked up")
        return resolve(host, *args, **kwargs)

    socket.getaddrinfo = loopback_only


def apihandler(check: Checks, url: str, key: str, work: Path) -> None:
    """datamint 2.6.0: the seed's APIHandler verbs."""
    from datamint.apihandler.api_handler import APIHandler
    from PIL import Image

    api = APIHandler(root_url=url, api_key=key)  # check_connection: GET /projects
    dcm, png, nii = (str(work / n) for n in ("ct.dcm", "img.png", "vol.nii.gz"))

    ids = check.step("upload_resources", lambda: api.upload_resources([dcm, png], tags=["a"], channel="ch1"))
    dcm_id, png_id = ids if isinstance(ids, list) and len(ids) == 2 else (None, None)
    check.that(isinstance(dcm_id, str) and isinstance(png_id, str), "upload_resources returns two ids")
    nii_id = check.step("upload_resources", lambda: api.upload_resources(nii, publish=True, modality="CT"))
    check.that(isinstance(nii_id, str), "upload_resources of one path returns one id")

    inbox = check.step("get_resources", lambda: list(api.get_resources(status="inbox")))
    check.that(inbox is not None and {r["id"] for r in inbox} == {dcm_id, png_id}, "get_resources(status=inbox)")
    tagged = check.step("get_resources", lambda: list(api.get_resources(tags=["a"], channel="ch1")))
    check.that(tagged is not None and len(tagged) == 2, "get_resources(tags, channel)")
    ordered = check.step(
        "get_resources",
        lambda: list(api.get_resources(order_field="filename", order_ascending=True, mimetype="image/png")),
    )
    check.that(ordered is not None and [r["id"] for r in ordered] == [png_id], "get_resources(mimetype, order)")
    one = check.step("get_resources_by_ids", lambda: api.get_resources_by_ids(dcm_id))
    check.that(one is not None and one["filename"] == "ct.dcm" and one["modality"] == "CT", "get_resources_by_ids")

    raw = check.step("download_resource_file", lambda: api.download_resource_file(dcm_id, auto_convert=False))
    check.that(raw == Path(dcm).read_bytes(), "download_resource_file(auto_convert=False) gives the bytes")
    dataset = check.step("download_resource_file", lambda: api.download_resource_file(dcm_id, auto_convert=True))
    check.that(type(dataset).__name__ == "FileDataset", "download_resource_file(auto_convert=True) gives pydicom")
    saved = work / "saved"
    check.step(
        "download_resource_file", lambda: api.download_resource_file(png_id, save_path=str(saved), auto_convert=False)
    )
    check.that(saved.read_bytes() == Path(png).read_bytes(), "download_resource_file(save_path)")
    frame = check.step("download_resource_frame", lambda: api.download_resource_frame(dcm_id, 2))
    check.that(isinstance(frame, Image.Image) and frame.size == (16, 16), "download_resource_frame of a DICOM")
    slice_ = check.step("download_resource_frame", lambda: api.download_resource_frame(nii_id, 1))
    check.that(isinstance(slice_, Image.Image), "download_resource_frame of a NIfTI")

    check.step("publish_resources", lambda: api.publish_resources(png_id))
    check.step("publish_resources", lambda: api.publish_resources(png_id))  # not in the inbox: skipped with a warning
    again = check.step("get_resources_by_ids", lambda: api.get_resources_by_ids([png_id]))
    check.that(again is not None and again[0]["status"] == "published", "publish_resources publishes")

    project = check.step("create_project", lambda: api.create_project("P1", "oracle project", [dcm_id]))
    project_id = project["id"] if isinstance(project, dict) else None
    projects = check.step("get_projects", api.get_projects)
    check.that(projects is not None and [p["name"] for p in projects] == ["P1"], "get_projects")
    by_name = check.step("get_project_by_name", lambda: api.get_project_by_name("P1"))
    check.that(by_name is not None and by_name.get("id") == project_id, "get_project_by_name")
    by_id = check.step("get_project_by_id", lambda: api.get_project_by_id(project_id))
    check.that(by_id is not None and by_id["resource_count"] == 1, "get_project_by_id")
    to_project = check.step("upload_resources", lambda: api.upload_resources(str(work / "img2.png"), publish_to="P1"))
    check.that(isinstance(to_project, str), "upload_resources(publish_to=project)")
    in_project = check.step("get_resources", lambda: list(api.get_resources(project_name="P1")))
    check.that(
        in_project is not None and {r["id"] for r in in_project} == {dcm_id, to_project}, "get_resources(project)"
    )

    check.step("add_image_category_annotation", lambda: api.add_image_category_annotation(png_id, "finding", "yes"))
    check.step(
        "add_image_category_annotation",
        lambda: api.add_image_category_annotation(dcm_id, "finding", "no", project="P1"),
    )
    check.step("add_frame_category_annotation", lambda: api.add_frame_category_annotation(dcm_id, (0, 2), "cls", "a"))
    check.step("add_annotations", lambda: api.add_annotations(dcm_id, "note", frame_index=1, value="x"))
    check.step(
        "add_line_annotation",
        lambda: api.add_line_annotation([1, 2], (10, 12), resource_id=dcm_id, identifier="len", frame_index=0),
    )
    masks = check.step(
        "upload_segmentations", lambda: api.upload_segmentations(png_id, str(work / "mask.png"), name="lesion")
    )
    check.that(isinstance(masks, list) and len(masks) == 1, "upload_segmentations of a PNG mask")
    volume = check.step(
        "upload_segmentations", lambda: api.upload_segmentations(nii_id, str(work / "seg.nii.gz"), name={1: "liver"})
    )
    check.that(isinstance(volume, list) and len(volume) == 1, "upload_segmentations of a NIfTI volume")
    on_png = check.step("get_annotations", lambda: list(api.get_annotations(resource_id=png_id)))
    check.that(on_png is not None and {a["identifier"] for a in on_png} == {"finding", "lesion"}, "get_annotations")
    lines = check.step("get_annotations", lambda: list(api.get_annotations(annotation_type="line")))
    check.that(lines is not None and len(lines) == 1, "get_annotations(annotation_type)")
    if masks:
        mask = check.step("download_segmentation_file", lambda: api.download_segmentation_file(masks[0], None))
        check.that(isinstance(mask, bytes) and mask.startswith(b"\x89PNG"), "segmentation file comes back")

    worklists = check.step("get_annotation_worklist", lambda: list(api.get_annotation_worklist()))
    check.that(worklists is not None and len(worklists) == 1, "get_annotation_worklist")
    worklist_id = by_id["worklist_id"] if by_id else None
    check.step("update_annotation_worklist", lambda: api.update_annotation_worklist(worklist_id, status="active"))
    worklist = check.step("get_annotation_worklist_by_id", lambda: api.get_annotation_worklist_by_id(worklist_id))
    check.that(worklist is not None and worklist["status"] == "active", "update_annotation_worklist")
    active = check.step("get_annotation_worklist", lambda: list(api.get_annotation_worklist(status="active")))
    check.that(active is not None and len(active) == 1, "get_annotation_worklist(status)")

    users = check.step("get_users", api.get_users)
    check.that(users is not None and len(users) == 1, "get_users")
    created = check.step(
        "create_user", lambda: api.create_user("new@example.com", firstname="New", roles=["annotator"])
    )
    check.that(created is not None and created["email"] == "new@example.com", "create_user")
    datasets = check.step("get_datasets", api.get_datasets)
    check.that(datasets is not None and len(datasets) == 1, "get_datasets")
    channels = check.step("get_channels", lambda: list(api.get_channels()))
    check.that(channels is not None and [c["channel_name"] for c in channels] == ["ch1"], "get_channels")
    experiment = check.step("get_experiment_by_name", lambda: api.get_experiment_by_name("exp", by_id))
    check.that(experiment is None, "get_experiment_by_name of a project without experiments")

    archive = work / "project.zip"
    check.step("download_project", lambda: api.download_project(project_id, str(archive), include_unannotated=True))
    check.that(archive.exists() and zipfile.is_zipfile(archive), "download_project writes a ZIP")

    check.step("delete_resources", lambda: api.delete_resources([nii_id]))
    check.raises(("ResourceNotFoundError",), lambda: api.get_resources_by_ids(str(uuid.uuid4())), "unknown resource")
    # SDK fault: its aiohttp path checks `requests.HTTPError`, so a 404 there escapes as aiohttp's own error
    check.raises(("ClientResponseError",), lambda: api.delete_resources(str(uuid.uuid4())), "delete unknown resource")
    check.step("delete_project", lambda: api.delete_project(project_id))
    check.raises(("ResourceNotFoundError",), lambda: api.delete_project(project_id), "delete a deleted project")
    check.raises(
        ("DatamintException",), lambda: APIHandler(root_url=url, api_key="wrong-key"), "a wrong key is refused"
    )


def api_client(check: Checks, url: str, key: str, work: Path) -> None:
    """datamint 2.45.0: today's Api namespaces."""
    from datamint import Api
    from datamint.exceptions import ItemNotFoundError
    from PIL import Image

    api = Api(server_url=url, api_key=key)
    dcm, png, png2, nii = (str(work / n) for n in ("ct.dcm", "img.png", "img2.png", "vol.nii.gz"))

    dcm_id = check.step(
        "resources.upload_resource", lambda: api.resources.upload_resource(dcm, tags=["a"], channel="ch1")
    )
    png_id = check.step(
        "resources.upload_resource",
        lambda: api.resources.upload_resource(png, tags=["a", "b"], channel="ch1", metadata={"source": "oracle"}),
    )
    nii_id = check.step("resources.upload_resources", lambda: api.resources.upload_resources([nii], publish=True))
    nii_id = nii_id[0] if isinstance(nii_id, list) else nii_id
    check.that(all(isinstance(i, str) for i in (dcm_id, png_id, nii_id)), "uploads return ids")

    everything = check.step("resources.get_list", lambda: api.resources.get_list())
    check.that(everything is not None and len(everything) == 3, "resources.get_list")
    inbox = check.step("resources.get_list", lambda: api.resources.get_list(status="inbox", tags=["b"], channel="ch1"))
    check.that(inbox is not None and [r.id for r in inbox] == [png_id], "resources.get_list(filters)")
    resource = check.step("resources.get_by_id", lambda: api.resources.get_by_id(png_id))
    check.that(resource is not None and resource.metadata == {"source": "oracle"}, "resources.get_by_id")
    raw = check.step(
        "resources.download_resource_file", lambda: api.resources.download_resource_file(dcm_id, auto_convert=False)
    )
    check.that(raw == Path(dcm).read_bytes(), "resources.download_resource_file gives the bytes")
    # SDK fault: it sniffs the type from the bytes (medimgkit with puremagic, which does not know DICOM) and falls
    # back to the declared mimetype only when given a Resource, so a DICOM fetched by id comes back as bytes
    by_id = check.step("resources.download_resource_file", lambda: api.resources.download_resource_file(dcm_id))
    check.that(isinstance(by_id, bytes), "resources.download_resource_file(id) cannot sniff a DICOM (SDK fault)")
    dicom = check.step("resources.get_by_id", lambda: api.resources.get_by_id(dcm_id))
    converted = check.step("resources.download_resource_file", lambda: api.resources.download_resource_file(dicom))
    check.that(
        type(converted).__name__ == "FileDataset",
        f"resources.download_resource_file(resource) gives pydicom (got {type(converted).__name__})",
    )
    frame = check.step("resources.download_resource_frame", lambda: api.resources.download_resource_frame(dcm_id, 1))
    check.that(isinstance(frame, Image.Image), "resources.download_resource_frame of a DICOM")
    slice_ = check.step("resources.download_resource_frame", lambda: api.resources.download_resource_frame(nii_id, 0))
    check.that(isinstance(slice_, Image.Image), "resources.download_resource_frame of a NIfTI")
    check.step("resources.publish_resources", lambda: api.resources.publish_resources(png_id))
    check.step("resources.add_tags", lambda: api.resources.add_tags(dcm_id, ["c"]))
    check.step("resources.set_tags", lambda: api.resources.set_tags([dcm_id, png_id], ["z"]))
    tagged = check.step("resources.get_list", lambda: api.resources.get_list(tags=["z"]))
    check.that(tagged is not None and len(tagged) == 2, "resources.set_tags")
    # SDK fault: without extra query parameters both pass `params=None` to the pager, which iterates it
    check.raises(("TypeError",), lambda: api.resources.list_channels(limit=10), "resources.list_channels() (SDK bug)")
    check.raises(("TypeError",), lambda: api.resources.get_not_annotated(), "resources.get_not_annotated() (SDK bug)")
    # ... so give them one (the pager overwrites `offset` anyway)
    channels = check.step("resources.list_channels", lambda: api.resources.list_channels(limit=10, offset=0))
    check.that(channels is not None and len(channels) == 1, "resources.list_channels")
    bare = check.step("resources.get_not_annotated", lambda: api.resources.get_not_annotated(limit=10, offset=0))
    check.that(bare is not None and len(bare) == 3, "resources.get_not_annotated")

    project = check.step("projects.create", lambda: api.projects.create("P2", "oracle", resource_ids=[dcm_id]))
    check.that(project is not None and project.name == "P2", "projects.create")
    check.that(project is not None and project.resource_count == 1, "projects.create has the resource")
    found = check.step("projects.get_by_name", lambda: api.projects.get_by_name("P2"))
    check.that(found is not None and found.id == project.id, "projects.get_by_name")
    check.step("projects.get_all", lambda: api.projects.get_all())
    to_project = check.step("resources.upload_resource", lambda: api.resources.upload_resource(png2, publish_to="P2"))
    members = check.step("projects.get_project_resources", lambda: api.projects.get_project_resources(project))
    check.that(
        members is not None and {r.id for r in members} == {dcm_id, to_project}, "projects.get_project_resources"
    )
    check.step("projects.add_resources", lambda: api.projects.add_resources([png_id], project))
    in_project = check.step("resources.get_list", lambda: api.resources.get_list(project_name="P2"))
    check.that(in_project is not None and len(in_project) == 3, "resources.get_list(project_name)")
    worklists = check.step("projects.get_worklists", lambda: api.projects.get_worklists(project))
    check.that(worklists is not None and len(worklists) == 1, "projects.get_worklists")

    check.step(
        "annotations.add_category_annotation",
        lambda: api.annotations.add_category_annotation(png_id, "finding", "yes"),
    )
    check.step(
        "annotations.add_line_annotation",
        lambda: api.annotations.add_line_annotation((1, 2), (10, 12), resource=dcm_id, identifier="len", frame_index=0),
    )
    masks = check.step(
        "annotations.upload_segmentations",
        lambda: api.annotations.upload_segmentations(png_id, str(work / "mask.png"), name="lesion"),
    )
    volume = check.step(
        "annotations.upload_volume_segmentation",
        lambda: api.annotations.upload_volume_segmentation(nii_id, str(work / "seg.nii.gz"), name={1: "liver"}),
    )
    check.that(isinstance(volume, list) and len(volume) == 1, "annotations.upload_volume_segmentation")
    on_png = check.step("annotations.get_list", lambda: api.annotations.get_list(resource=png_id))
    check.that(on_png is not None and {a.identifier for a in on_png} == {"finding", "lesion"}, "annotations.get_list")
    if masks:
        first = masks[0] if isinstance(masks, list) else masks
        mask = check.step("annotations.download_file", lambda: api.annotations.download_file(first))
        check.that(isinstance(mask, bytes) and mask.startswith(b"\x89PNG"), "annotations.download_file")
        check.step("annotations.get_by_id", lambda: api.annotations.get_by_id(first))
        check.step("annotations.delete", lambda: api.annotations.delete(first))
    lines = check.step("annotations.get_list", lambda: api.annotations.get_list(annotation_type="line"))
    if lines:
        check.step("annotations.delete_batch", lambda: api.annotations.delete_batch([a.id for a in lines]))

    users = check.step("users.get_all", lambda: api.users.get_all())
    check.that(users is not None and len(users) == 1, "users.get_all")
    me = check.step("users.get_by_email", lambda: api.users.get_by_email(users[0].email))
    check.that(me is not None, "users.get_by_email")
    datasets = check.step("datasets.get_all", lambda: api._datasetsinfo.get_all())
    check.that(datasets is not None and len(datasets) == 1, "datasets.get_all")
    worklist_id = check.step(
        "annotationsets.create",
        lambda: api.annotationsets.create("W1", [png_id], description="oracle", return_entity=False),
    )
    check.step(
        "annotationsets.update_resources",
        lambda: api.annotationsets.update_resources(worklist_id, resource_ids_to_add=[dcm_id]),
    )
    worklist = check.step("annotationsets.get_by_id", lambda: api.annotationsets.get_by_id(worklist_id))
    check.that(worklist is not None and worklist.name == "W1", "annotationsets.get_by_id")
    check.that(worklist is not None and sorted(worklist.resource_ids) == sorted([png_id, dcm_id]), "update_resources")
    dataset = check.step("datasets.get_by_id", lambda: api._datasetsinfo.get_by_id(project.dataset_id))
    check.that(dataset is not None and dataset.total_resource == 3, "datasets.get_by_id")

    check.step("resources.delete", lambda: api.resources.delete(nii_id))
    check.step("resources.bulk_delete", lambda: api.resources.bulk_delete([to_project]))
    check.raises(("ItemNotFoundError",), lambda: api.resources.get_by_id(str(uuid.uuid4())), "unknown resource")
    check.that(issubclass(ItemNotFoundError, Exception), "ItemNotFoundError importable")
    check.step("projects.delete", lambda: api.projects.delete(project))
    check.raises(("ItemNotFoundError",), lambda: api.projects.get_by_id(project.id), "deleted project")


def main(argv: list[str]) -> int:
    generation, url, key, workdir = argv[:4]
    os.environ.update(DATAMINT_API_URL=url, DATAMINT_API_KEY=key)
    stay_on_loopback()
    check = Checks()
    try:
        (apihandler if generation == "2.6" else api_client)(check, url, key, Path(workdir))
    except Exception as error:
        check.failed.append(f"scenario aborted: {type(error).__name__}: {error}")
        traceback.print_exc(file=sys.stderr)
    report = {"passed": check.passed, "failed": check.failed, "methods": sorted(check.methods)}
    print(json.dumps(report))
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
