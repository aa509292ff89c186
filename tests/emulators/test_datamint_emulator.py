"""The Datamint emulator over real sockets with plain httpx: auth on `apikey`, multipart uploads, listings with
filters and pagination (20,000 resources), files and rendered frames of a DICOM and a NIfTI, annotations and
segmentation files, projects and worklists, 404 bodies, the command line.

Each test gets a fresh emulator; afterwards every response it validated must have matched the schema and no
handler may have crashed.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from PIL import Image

from medannot.testing.data import nifti_bytes
from medannot.testing.datamint import PAGE_LIMIT, DatamintEmulator
from medannot.testing.datamint._imaging import probe
from medannot.testing.datamint.samples import dicom_bytes, frames_array, nifti_volume_bytes, png_bytes

KEY = "test-datamint-key"


@pytest.fixture
def emulator() -> Iterator[DatamintEmulator]:
    with DatamintEmulator(api_key=KEY) as emu:
        yield emu
        broken = [c for c in emu.contract.journal if c.response_errors]
        assert not broken, f"responses that break the schema: {broken}"
        assert emu.crashes == []


@pytest.fixture
def client(emulator: DatamintEmulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emulator.url, headers={"apikey": KEY}, timeout=60) as c:
        yield c


def upload(client: httpx.Client, name: str, data: bytes, mimetype: str, **fields: str) -> dict[str, Any]:
    """As the SDKs send it: the file part `resource`, then text fields (metadata typed application/json)."""
    files: list[tuple[str, Any]] = [("resource", (name, data, mimetype))]
    form = {"source": "api", "source_filepath": f"/home/user/{name}", "mimetype": mimetype, **fields}
    for key, value in form.items():
        part_type = "application/json" if key == "metadata" else None
        files.append((key, (None, value.encode(), part_type) if part_type else (None, value.encode())))
    response = client.post("/resources", files=files)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def page_of(client: httpx.Client, **params: Any) -> dict[str, Any]:
    response = client.get("/resources", params={"status": "", **params})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def ids(page: dict[str, Any]) -> list[str]:
    return [r["id"] for r in page["data"][0]["resources"]]


# -- auth


def test_the_key_is_read_from_apikey_or_bearer(emulator: DatamintEmulator) -> None:
    url = emulator.url + "/projects"
    assert httpx.get(url, headers={"apikey": KEY}).status_code == 200
    assert httpx.get(url, headers={"Authorization": f"Bearer {KEY}"}).status_code == 200
    for headers in ({}, {"apikey": "wrong"}, {"Authorization": "Bearer wrong"}, {"Authorization": KEY}):
        refused = httpx.get(url, headers=headers)
        assert refused.status_code == 401
        assert refused.json()["statusCode"] == 401 and "apikey" in refused.json()["message"]
    # the key is checked before the request: an invalid request without a key is a 401, not a 422
    assert httpx.get(url, params={"limit": "many"}).status_code == 401
    assert httpx.get(url, params={"limit": "many"}, headers={"apikey": KEY}).status_code == 422


def test_a_random_key_by_default() -> None:
    with DatamintEmulator() as a, DatamintEmulator() as b:
        assert a.api_key != b.api_key and len(a.api_key) >= 32
        assert httpx.get(a.url + "/users", headers={"apikey": a.api_key}).status_code == 200


# -- uploads, files, frames


def test_multipart_upload_of_a_dicom(client: httpx.Client) -> None:
    data = dicom_bytes(frames=3)
    r = upload(client, "ct.dcm", data, "application/dicom", tags="a, b,a", channel="ch1", metadata='{"k": 1}')
    assert r["storage"] == "DicomResource" and r["mimetype"] == "application/dicom" and r["filename"] == "ct.dcm"
    assert r["status"] == "inbox" and r["published"] is False and r["deleted"] is False
    assert r["tags"] == ["a", "b"] and r["upload_channel"] == "ch1" and r["metadata"] == {"k": 1}
    assert r["modality"] == "CT" and r["frame_count"] == 3 and r["patient_id"] == "P-0001" and r["size"] == len(data)
    assert r["source_filepath"] == "/home/user/ct.dcm" and r["user_info"]["email"]
    uuid.UUID(r["id"])  # ids are UUIDs
    file = client.get(f"/resources/{r['id']}/file", headers={"accept": "application/octet-stream"})
    assert file.status_code == 200 and file.content == data
    assert file.headers["content-type"] == "application/dicom"
    assert 'filename="ct.dcm"' in file.headers["content-disposition"]
    assert client.get(f"/resources/{r['id']}").json() == {**r, "projects": []}


def test_publish_at_upload_and_later(client: httpx.Client) -> None:
    published = upload(client, "a.png", png_bytes(), "image/png", bypass_inbox="true")
    assert published["status"] == "published" and published["published_on"]
    inbox = upload(client, "b.png", png_bytes(), "image/png", bypass_inbox="false")
    assert client.post(f"/resources/{inbox['id']}/publish").json()["status"] == "published"
    again = client.post(f"/resources/{inbox['id']}/publish")
    assert again.status_code == 400 and "Resource must be in inbox status to be approved" in again.text


def test_upload_needs_the_resource_part(client: httpx.Client) -> None:
    response = client.post("/resources", files={"file": ("x.png", png_bytes(), "image/png")})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "resource"]


def test_frames_of_a_dicom(client: httpx.Client) -> None:
    r = upload(client, "ct.dcm", dicom_bytes(frames=3, rows=16, cols=20), "application/dicom")
    frames = []
    for index in range(3):
        response = client.get(f"/resources/{r['id']}/frames/{index}", headers={"accept": "image/png"})
        assert response.status_code == 200 and response.headers["content-type"] == "image/png"
        image = Image.open(io.BytesIO(response.content))
        assert image.size == (20, 16) and image.mode == "L"
        frames.append(np.asarray(image))
    expected = frames_array(3, 16, 20)
    # windowed to each frame's own range: the picture follows the pixel values
    for index, frame in enumerate(frames):
        assert np.corrcoef(frame.ravel(), expected[index].ravel())[0, 1] > 0.99
    beyond = client.get(f"/resources/{r['id']}/frames/3")
    assert beyond.status_code == 400 and "out of range" in beyond.json()["message"]


def test_frames_of_a_nifti(client: httpx.Client) -> None:
    r = upload(client, "vol.nii.gz", nifti_volume_bytes((16, 12, 4)), "application/nifti")
    assert r["storage"] == "NiftiResource" and r["frame_count"] == 4
    response = client.get(f"/resources/{r['id']}/frames/3")
    assert response.status_code == 200
    assert Image.open(io.BytesIO(response.content)).size == (16, 12)  # x across, y down
    assert client.get(f"/resources/{r['id']}/frames/4").status_code == 400


def test_frame_of_an_image_is_the_image(client: httpx.Client) -> None:
    r = upload(client, "img.png", png_bytes(6, 9, 200), "image/png")
    response = client.get(f"/resources/{r['id']}/frames/0")
    assert Image.open(io.BytesIO(response.content)).size == (9, 6)
    assert client.get(f"/resources/{r['id']}/frames/1").status_code == 400


def test_a_large_upload_streams_to_disk(emulator: DatamintEmulator, client: httpx.Client) -> None:
    data = bytes(range(256)) * (12 * 1024 * 4)  # 12 MiB: above the validated size, spooled by the parser
    r = upload(client, "big.bin", data, "application/octet-stream")
    assert r["size"] == len(data) and r["storage"] == "FileResource"
    assert client.get(f"/resources/{r['id']}/file").content == data
    assert len(list((emulator.backend.folder / "resources").iterdir())) == 1


# -- listings


def test_listing_20000_resources_in_pages_of_5000(emulator: DatamintEmulator, client: httpx.Client) -> None:
    path = emulator.backend.folder / "resources" / "shared.png"
    path.write_bytes(png_bytes())
    facts = probe(path, "image/png", "shared.png")
    for index in range(20_000):
        emulator.backend.add_resource(path, filename=f"img-{index:05d}.png", facts=facts)
    started = time.perf_counter()
    seen: list[str] = []
    offset = 0
    while True:
        page = page_of(client, offset=offset, limit=PAGE_LIMIT)
        assert page["totalCount"] == 20_000
        batch = ids(page)
        seen += batch
        offset += len(batch)
        if len(batch) < PAGE_LIMIT:
            break
    elapsed = time.perf_counter() - started
    assert len(seen) == len(set(seen)) == 20_000
    assert elapsed < 60, f"listing took {elapsed:.1f} s"
    too_big = client.get("/resources", params={"limit": PAGE_LIMIT + 1})
    assert too_big.status_code == 422 and too_big.json()["detail"][0]["loc"] == ["query", "limit"]


def test_listing_filters(client: httpx.Client) -> None:
    a = upload(client, "ct.dcm", dicom_bytes(), "application/dicom", tags="x,y", channel="c1")
    b = upload(client, "img.png", png_bytes(), "image/png", tags="y", channel="c2", bypass_inbox="true")
    c = upload(client, "other.png", png_bytes(), "image/png", modality="MG")
    everyone = {a["id"], b["id"], c["id"]}
    assert set(ids(page_of(client))) == everyone and page_of(client)["totalCount"] == 3
    assert ids(page_of(client, status="published")) == [b["id"]]
    assert set(ids(page_of(client, mimetype="image/png"))) == {b["id"], c["id"]}
    assert ids(page_of(client, modality="MG")) == [c["id"]]
    assert ids(page_of(client, channel_name="c1")) == [a["id"]]
    assert ids(page_of(client, filename="other")) == [c["id"]]
    union = json.dumps({"items": ["x", "y"], "filterType": "union"})
    both = json.dumps({"items": ["x", "y"], "filterType": "intersection"})
    assert set(ids(page_of(client, tags=union))) == {a["id"], b["id"]}
    assert ids(page_of(client, tags=both)) == [a["id"]]
    assert ids(page_of(client, order_field="filename", order_by_asc="True")) == [a["id"], b["id"], c["id"]]
    assert ids(page_of(client, order_field="filename", order_by_asc="false")) == [c["id"], b["id"], a["id"]]
    today = time.strftime("%Y-%m-%d", time.gmtime())
    assert set(ids(page_of(client, **{"from": today, "to": today}))) == everyone
    assert ids(page_of(client, **{"from": "2999-01-01"})) == []
    assert client.get("/resources", params={"tags": "not json"}).status_code == 400
    # deleted resources leave the listing (unless asked for) but can still be read
    assert client.delete("/resources", params={"resource_ids": f"{a['id']},{c['id']}"}).status_code == 200
    assert ids(page_of(client)) == [b["id"]]
    assert set(ids(page_of(client, deleted="only"))) == {a["id"], c["id"]}
    assert set(ids(page_of(client, deleted="include"))) == everyone
    assert client.get(f"/resources/{a['id']}").json()["deleted"] is True
    assert client.delete(f"/resources/{a['id']}").status_code == 404


def test_tags_channels_and_not_annotated(client: httpx.Client) -> None:
    a = upload(client, "a.png", png_bytes(), "image/png", channel="ch")
    b = upload(client, "b.png", png_bytes(), "image/png", channel="ch")
    assert client.put(f"/resources/{a['id']}/tags", json={"tags": ["t1", "t2"]}).json()["tags"] == ["t1", "t2"]
    assert client.put("/resources/tags", json={"resource_ids": [a["id"], b["id"]], "tags": ["z"]}).status_code == 200
    assert client.get(f"/resources/{b['id']}").json()["tags"] == ["z"]
    channels = client.get("/resources/channels", params={"offset": 0, "limit": 10}).json()
    assert channels["totalCount"] == "1" and channels["data"][0]["channel_name"] == "ch"
    assert [d["resource_id"] for d in channels["data"][0]["resource_data"]] == [a["id"], b["id"]]
    created = client.post(
        f"/annotations/{a['id']}/annotations",
        json=[{"type": "category", "identifier": "c", "scope": "image", "value": "v"}],
    )
    assert created.status_code == 201
    assert ids(client.get("/resources/not-annotated").json()) == [b["id"]]
    assert client.post("/resources/bulk-publish", json={"resource_ids": [a["id"], b["id"]]}).status_code == 200
    assert {r["status"] for r in client.get("/resources").json()["data"][0]["resources"]} == {"published"}


# -- annotations


def test_annotations_and_their_files(client: httpx.Client) -> None:
    r = upload(client, "ct.dcm", dicom_bytes(), "application/dicom")
    dtos = [
        {"type": "category", "identifier": "finding", "scope": "image", "value": "yes", "imported_from": None},
        {"type": "line", "identifier": "len", "scope": "frame", "frame_index": 0,
         "geometry": {"points": [[1, 2, 0], [10, 12, 0]]}, "source": "imported"},
        {"type": "segmentation", "identifier": "lesion", "scope": "frame", "frame_index": 1},
    ]  # fmt: skip
    created = client.post(f"/annotations/{r['id']}/annotations", json=dtos)
    assert created.status_code == 201
    category, line, segmentation = created.json()
    mask = png_bytes(16, 16, 255)
    attached = client.post(
        f"/annotations/{r['id']}/annotations/{segmentation}/file", files={"file": ("lesion", mask, "image/png")}
    )
    assert attached.status_code == 201
    file = client.get(f"/annotations/{r['id']}/annotations/{segmentation}/file")
    assert file.content == mask and file.headers["content-type"] == "image/png"
    assert client.get(f"/annotations/{r['id']}/annotations/{category}/file").status_code == 404
    got = client.get(f"/annotations/{line}").json()
    assert got["geometry"] == {"points": [[1, 2, 0], [10, 12, 0]]} and got["frame_index"] == 0 and got["type"] == "line"
    searched = client.post("/annotations/search", json={"resource_id": r["id"], "offset": "0", "limit": "5000"})
    assert [a["id"] for a in searched.json()] == [category, line, segmentation]
    paged = client.post("/annotations/search", json={"resource_ids": [r["id"]], "offset": "1", "limit": "1"})
    assert [a["id"] for a in paged.json()] == [line]
    typed = client.post("/annotations/search", json={"annotation_type": "segmentation"}).json()
    assert [a["file"] for a in typed] == ["lesion"]
    listed = client.get("/annotations", params={"resource_id": r["id"], "offset": 0, "limit": 5000}).json()
    assert len(listed["data"]) == 3
    assert client.post("/annotations/search", json={"offset": "many"}).status_code == 422
    assert client.delete(f"/annotations/{category}").status_code == 200
    assert client.post("/annotations/delete-batch", json={"ids": [line, segmentation]}).status_code == 200
    assert client.post("/annotations/search", json={}).json() == []


def test_volume_segmentation(client: httpx.Client) -> None:
    r = upload(client, "vol.nii.gz", nifti_volume_bytes((8, 8, 2)), "application/nifti")
    labels = np.zeros((8, 8, 2), dtype=np.uint8)
    labels[2:4, 2:4, :] = 1
    labels[5:7, 5:7, :] = 2
    volume = nifti_bytes(labels)
    response = client.post(
        f"/annotations/{r['id']}/segmentations/file",
        files=[("file", ("seg.nii.gz", volume, "application/nifti")),
               ("source", (None, b"imported")), ("segmentation_map", (None, b'{"1": "liver", "2": "spleen"}'))],
    )  # fmt: skip
    assert response.status_code == 201, response.text
    liver, spleen = response.json()
    assert client.get(f"/annotations/{liver}").json()["identifier"] == "liver"
    assert client.get(f"/annotations/{r['id']}/annotations/{spleen}/file").content == volume


# -- projects, datasets, worklists, users


def test_projects_datasets_and_worklists(client: httpx.Client) -> None:
    a = upload(client, "a.png", png_bytes(), "image/png")
    b = upload(client, "b.png", png_bytes(), "image/png")
    body = {"name": "P", "description": "d", "is_active_learning": False, "resource_ids": [a["id"]],
            "annotation_set": {"annotators": [], "resource_ids": [a["id"]], "annotations": [], "frame_labels": [],
                               "image_labels": []}, "two_up_display": False, "require_review": False}  # fmt: skip
    created = client.post("/projects", json=body)
    assert created.status_code == 201
    project = created.json()
    assert project["resource_count"] == 1 and project["name"] == "P"
    assert client.post("/projects", json=body).status_code == 409
    assert client.get("/projects").json()["data"] == [project]
    assert client.get("/projects", params={"includeArchived": "true", "offset": 0, "limit": 1}).json()["data"] == [
        project
    ]
    added = client.post(
        f"/projects/{project['id']}/resources", json={"resource_ids_to_add": [b["id"]], "all_files_selected": False}
    )
    assert added.status_code == 201
    assert [x["id"] for x in client.get(f"/projects/{project['id']}/resources").json()] == [a["id"], b["id"]]
    assert client.get(f"/resources/{b['id']}").json()["projects"] == [{"id": project["id"], "name": "P"}]
    in_project = json.dumps({"items": ["P"], "filterType": "intersection"})
    assert set(ids(page_of(client, project=in_project))) == {a["id"], b["id"]}
    dataset = client.get(f"/datasets/{project['dataset_id']}").json()
    assert dataset["total_resource"] == 2
    assert client.get("/datasets", params={"offset": 0, "limit": 5000}).json()["data"] == [dataset]
    worklists = client.get(f"/projects/{project['id']}/worklists").json()
    assert [w["worklist_id"] for w in worklists] == [project["worklist_id"]]
    worklist = client.post(
        "/annotationsets", json={"name": "Imported annotations", "resource_ids": [a["id"]], "project_id": project["id"]}
    ).json()
    assert len(client.get(f"/projects/{project['id']}/worklists").json()) == 2
    patched = client.patch(f"/annotationsets/{worklist['id']}", json={"status": "active", "frame_labels": ["f"]})
    assert patched.json()["status"] == "active" and patched.json()["frame_labels"] == ["f"]
    assert (
        client.post(f"/annotationsets/{worklist['id']}/resources", json={"resource_ids_to_add": [b["id"]]}).status_code
        == 201
    )
    assert client.get(f"/annotationsets/{worklist['id']}").json()["resource_ids"] == [a["id"], b["id"]]
    assert len(client.get("/annotationsets", params={"status": "active"}).json()["data"]) == 1
    assert client.get(f"/projects/{project['id']}/experiments").json() == []
    archive = client.get(f"/projects/{project['id']}/annotated_dataset", params={"include_unannotated": "True"})
    assert archive.status_code == 200 and archive.content[:2] == b"PK"
    assert client.delete(f"/projects/{project['id']}").status_code == 200
    assert client.get(f"/projects/{project['id']}").status_code == 404


def test_users(client: httpx.Client, emulator: DatamintEmulator) -> None:
    assert [u["email"] for u in client.get("/users").json()] == [emulator.user_email]
    new = {"email": "new@example.com", "password": None, "firstname": "N", "lastname": None, "roles": None}
    created = client.post("/users", json=new)
    assert created.status_code == 201 and created.json()["roles"] == ["annotator"]
    assert client.post("/users", json=new).status_code == 409
    assert client.get("/users/new@example.com").json()["firstname"] == "N"


def test_404_bodies_say_not_found(client: httpx.Client) -> None:
    unknown = str(uuid.uuid4())
    for path in (f"/resources/{unknown}", f"/resources/{unknown}/file", f"/resources/{unknown}/frames/0",
                 f"/projects/{unknown}", f"/annotations/{unknown}", f"/annotationsets/{unknown}",
                 f"/datasets/{unknown}", "/users/nobody@example.com", f"/projects/{unknown}/resources"):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 404, path
        body = response.json()
        assert body["statusCode"] == 404 and body["error"] == "Not Found"
        assert " not found" in body["message"] and unknown in body["message"] + unknown, path
    assert client.post(f"/annotations/{unknown}/annotations", json=[]).status_code == 404
    route = client.get("/no/such/route")
    assert route.status_code == 404 and route.json()["message"] == "Cannot GET /no/such/route"


def test_reset_and_state(client: httpx.Client, emulator: DatamintEmulator) -> None:
    upload(client, "a.png", png_bytes(), "image/png")
    assert len(client.get("/_emulator/state").json()["resources"]) == 1
    assert client.post("/_emulator/reset").status_code == 200
    assert page_of(client)["totalCount"] == 0
    assert list((emulator.backend.folder / "resources").iterdir()) == []


def test_files_are_removed_when_it_stops() -> None:
    with DatamintEmulator(api_key=KEY) as emu:
        folder = emu.backend.folder
        with httpx.Client(base_url=emu.url, headers={"apikey": KEY}) as c:
            upload(c, "a.png", png_bytes(), "image/png")
        assert any(folder.rglob("*"))
    assert not folder.exists()


def test_command_line_serves_it(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "medannot.testing", "datamint", "--port", "0", "--api-key", "cli-key"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path) as process:
        try:
            assert process.stdout is not None
            url = process.stdout.readline().strip()
            banner = process.stdout.readline()
            assert url.startswith("http://127.0.0.1:") and "cli-key" in banner
            assert httpx.get(url + "/resources", headers={"apikey": "cli-key"}).json()["totalCount"] == 0
            assert httpx.get(url + "/resources", headers={"apikey": "other"}).status_code == 401
        finally:
            process.terminate()
            process.wait(timeout=30)
    assert process.returncode in (0, 143, -15)
