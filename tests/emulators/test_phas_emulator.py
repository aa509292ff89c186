"""The PHAS emulator over raw HTTP: every route's answers, rights and faults, as the real PHAS 0.99.7 server gives
them (docs/phas-server.md), and the pixel pattern of its synthetic slides.

Each test gets a fresh emulator (`phas_emulator`, the pytest plugin's fixture) holding the harness's data set; after
each test, every response it validated must have matched the schema.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import json
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import httpx
import nibabel as nib
import numpy as np
import numpy.typing as npt
import pytest
from PIL import Image

from medannot.testing.phas import PhasEmulator

SIZE = 2048  # level-0 side of the emulator's slides (the harness's test size)
ANNOTATION = [
    [
        "Layer",
        {
            "applyMatrix": True,
            "children": [
                ["Path", {"applyMatrix": True, "segments": [[[10, 20], [0, 0], [5, 5]], [[100, 200], [1, 1], [0, 0]]]}],
                ["PointText", {"applyMatrix": False, "matrix": [1, 0, 0, 1, 50, 60], "content": "CA1"}],
            ],
        },
    ]
]


@pytest.fixture
def phas(phas_emulator: PhasEmulator) -> Iterator[PhasEmulator]:
    yield phas_emulator
    broken = [c for c in phas_emulator.contract.journal if c.response_errors]
    assert not broken, f"responses that break the schema: {broken}"


@contextlib.contextmanager
def session(phas: PhasEmulator, user: str | None) -> Iterator[httpx.Client]:
    """A client holding `user`'s session (None: no session)."""
    with httpx.Client(base_url=phas.url, timeout=30, follow_redirects=False) as client:
        if user is not None:
            response = client.post("/auth/api/login", data={"api_key": phas.keys[user]})
            assert response.status_code == 200, response.text
        yield client


@pytest.fixture
def admin(phas: PhasEmulator) -> Iterator[httpx.Client]:
    with session(phas, "admin") as client:
        yield client


@pytest.fixture
def reader(phas: PhasEmulator) -> Iterator[httpx.Client]:
    with session(phas, "reader") as client:
        yield client


@pytest.fixture
def outsider(phas: PhasEmulator) -> Iterator[httpx.Client]:
    with session(phas, "outsider") as client:
        yield client


@pytest.fixture
def anonymous(phas: PhasEmulator) -> Iterator[httpx.Client]:
    with session(phas, None) as client:
        yield client


def served_json(response: httpx.Response) -> Any:
    """JSON the server writes with json.dumps: served as text/html."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    return json.loads(response.text)


def pattern(x: npt.NDArray[np.int64], y: npt.NDArray[np.int64]) -> npt.NDArray[np.uint8]:
    """The harness's level-0 pixel: R = x & 255, G = y & 255, B = ((x >> 8) * 7 + (y >> 8) * 13) & 255."""
    x, y = np.broadcast_arrays(x, y)
    return np.stack([x & 255, y & 255, ((x >> 8) * 7 + (y >> 8) * 13) & 255], axis=-1).astype(np.uint8)


def expected_patch(level: int, left: int, top: int, w: int, h: int) -> npt.NDArray[np.uint8]:
    """Level pixel (i, j) is level-0 pixel (i * ds, j * ds); `left`, `top` in level-0 pixels (multiples of ds)."""
    ds = 4**level
    xs = left + ds * np.arange(w, dtype=np.int64)
    ys = top + ds * np.arange(h, dtype=np.int64)
    rgb = pattern(xs[None, :], ys[:, None])
    return np.concatenate([rgb, np.full((h, w, 1), 255, dtype=np.uint8)], axis=-1)


def png(response: httpx.Response) -> npt.NDArray[np.uint8]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.mode == "RGBA"
    return np.asarray(image)


def nifti(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/octet-stream"
    return nib.Nifti1Image.from_bytes(gzip.decompress(response.content))


def manifest(client: httpx.Client, task: int, **params: Any) -> list[dict[str, str]]:
    response = client.get(f"/api/task/{task}/slide_detailed_manifest.csv", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.text)))


# -- authentication and sessions


def test_login_sets_a_session_cookie(phas: PhasEmulator, anonymous: httpx.Client) -> None:
    response = anonymous.post("/auth/api/login", data={"api_key": phas.api_key})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"status": "ok"}
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("session=") and cookie.endswith("; HttpOnly; Path=/")


@pytest.mark.parametrize("user", ["admin", "reader", "outsider"])
def test_every_user_has_a_working_key(phas: PhasEmulator, user: str) -> None:
    with session(phas, user) as client:
        assert client.get("/api/projects").status_code == 200


def test_bad_key_is_401_json(anonymous: httpx.Client) -> None:
    response = anonymous.post("/auth/api/login", data={"api_key": "not-a-key"})
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"status": "failed", "error": "Invalid API key"}
    assert "set-cookie" not in response.headers


def test_expired_key_and_disabled_user_are_401(phas: PhasEmulator, anonymous: httpx.Client) -> None:
    key = phas.backend.api_keys[phas.keys["reader"]]
    phas.backend.api_keys[key.key] = type(key)(key.key, key.user_id, time.time() - 1)
    response = anonymous.post("/auth/api/login", data={"api_key": phas.keys["reader"]})
    assert (response.status_code, response.json()["error"]) == (401, "API key has expired")
    phas.backend.users[phas.backend.api_keys[phas.keys["outsider"]].user_id].disabled = True
    response = anonymous.post("/auth/api/login", data={"api_key": phas.keys["outsider"]})
    assert (response.status_code, response.json()["error"]) == (401, "User account is disabled")


def test_forged_cookie_is_no_session(phas: PhasEmulator) -> None:
    with httpx.Client(base_url=phas.url, cookies={"session": "e30.forged"}) as client:
        assert client.get("/api/projects").status_code == 302


PROTECTED = [
    "/api/projects",
    "/api/project/synth/tasks",
    "/api/task/1/info",
    "/api/task/1/slide_detailed_manifest.csv",
    "/api/task/1/slide/2/info",
    "/api/task/1/slide/2/tags",
    "/task/1/slide/raw/raw/2/annot/get",
    "/api/task/1/slide/2/annot/timestamp",
    "/dltrain/api/synth/labelset/1/labels",
    "/task/2/slide/2/dltrain/samples",
    "/task/3/slide/raw/raw/2/sampling_roi/get",
    "/task/3/slide/2/dltrain/sampling_roi/delete_all",
    "/task/3/slide/2/sampling_roi/make_image_100.nii.gz",
    "/dzi/synth/2/header",
    "/dzi/synth/2/filepath",
    "/dzi/download/synth/slide_2_raw_header.json",
    "/dzi/patch/synth/2/raw/0/100_100_8_8.png",
    "/dzi/download/task/1/slide_2_raw_100.nii.gz",
    "/api/task/9999/info",  # even unknown ids: the session is checked first
]


@pytest.mark.parametrize("path", PROTECTED)
def test_no_session_is_redirected_to_login(anonymous: httpx.Client, path: str) -> None:
    response = anonymous.get(path)
    assert response.status_code == 302
    assert response.headers["location"] == "/auth/login"
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["vary"] == "Cookie"
    assert "Redirecting..." in response.text
    assert "set-cookie" not in response.headers


def test_no_session_on_posts_is_redirected(anonymous: httpx.Client) -> None:
    assert anonymous.post("/task/1/slide/raw/raw/2/annot/set", json=ANNOTATION).status_code == 302
    assert anonymous.post("/api/task/1/slide_2_annot.svg").status_code == 302


def test_login_page_fails_as_on_the_wheel_without_templates(anonymous: httpx.Client) -> None:
    """Clients that follow the 302 (requests does) get a 500, as from the real 0.99.7 wheel."""
    response = anonymous.get("/auth/login")
    assert response.status_code == 500
    assert "Internal Server Error" in response.text


def test_anonymize_setting_lives_in_the_session(anonymous: httpx.Client, admin: httpx.Client) -> None:
    assert anonymous.get("/auth/api/anonymize").json() == {"anonymize": False}
    response = anonymous.post("/auth/api/set_anonymize/1")
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"anonymize": True}
    assert "session=" in response.headers["set-cookie"]  # a session holding only the flag
    assert anonymous.get("/auth/api/anonymize").json() == {"anonymize": True}
    assert anonymous.get("/api/projects").status_code == 302  # still not signed in
    assert admin.get("/auth/api/anonymize").json() == {"anonymize": False}


def test_private_access(admin: httpx.Client, reader: httpx.Client, anonymous: httpx.Client) -> None:
    assert admin.get("/auth/api/project/synth/private_access").json() == {"private_access": True}
    assert reader.get("/auth/api/project/synth/private_access").json() == {"private_access": False}
    assert anonymous.get("/auth/api/project/synth/private_access").json() == {"private_access": False}
    assert admin.get("/auth/api/project/nope/private_access").json() == {"private_access": False}


# -- projects and tasks


def test_project_listing_depends_on_rights(admin: httpx.Client, reader: httpx.Client, outsider: httpx.Client) -> None:
    expected = {
        "id": "synth",
        "admin": 1,
        "disp_name": "Synthetic slides",
        "desc": "Generated test slides with a predictable pixel pattern",
        "nslides": 3,
        "nblocks": 2,
        "nspecimens": 2,
    }
    assert served_json(admin.get("/api/projects")) == [expected]
    assert served_json(reader.get("/api/projects")) == [expected | {"admin": 0}]
    assert served_json(outsider.get("/api/projects")) == []


def test_task_listing_and_info(phas: PhasEmulator, admin: httpx.Client, reader: httpx.Client) -> None:
    tasks = served_json(admin.get("/api/project/synth/tasks"))
    assert [(t["id"], t["name"], t["mode"], t["admin"]) for t in tasks] == [
        (1, "annot", "annot", 1),
        (2, "dltrain", "dltrain", 1),
        (3, "sampling", "sampling", 1),
        (4, "cli-annot", "annot", 1),
    ]
    assert list(tasks[0]) == ["id", "name", "desc", "mode", "admin", "nspecimens", "nblocks", "nslides"]
    assert [t["admin"] for t in served_json(reader.get("/api/project/synth/tasks"))] == [0, 0, 0, 0]
    assert served_json(admin.get(f"/api/task/{phas.tasks['dltrain']}/info")) == {
        "id": 2,
        "project": "synth",
        "name": "dltrain",
        "restrict_access": 0,
        "anonymize": 0,
        "desc": "Classifier training samples",
        "mode": "dltrain",
    }


def test_unknown_ids_are_403_like_missing_rights(admin: httpx.Client) -> None:
    cases = {
        "/api/task/9999/info": "Insufficient privileges on task 9999",
        "/api/task/1/slide/9999/info": "Insufficient privileges on slide 9999",
        "/api/project/nope/tasks": "Insufficient privileges on project {project}",  # sic, as the server says
        "/dzi/synth/9999/header": "Insufficient privileges on slide 9999",
        "/api/task/1/slide/9999/tags": "Insufficient privileges on slide 9999 in task 1",
    }
    for path, reason in cases.items():
        response = admin.get(path)
        assert response.status_code == 403, path
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert f"<p>{reason}</p>" in response.text


def test_unknown_ids_that_answer_anyway(admin: httpx.Client) -> None:
    assert served_json(admin.get("/dltrain/api/synth/labelset/99/labels")) == []
    assert served_json(admin.get("/task/2/slide/99/dltrain/samples")) == []
    for path in [
        "/api/task/99/labelset",
        "/dltrain/api/sample/99/image.png",
        "/task/3/slide/raw/raw/99/sampling_roi/get",
    ]:
        assert admin.get(path).status_code == 500, path
    assert admin.get("/dzi/nope/2/header").status_code == 500  # unknown project, known slide


def test_outsider_gets_403_on_everything_scoped(outsider: httpx.Client) -> None:
    for path in ["/api/project/synth/tasks", "/api/task/1/info", "/dltrain/api/synth/labelset/1/labels"]:
        assert outsider.get(path).status_code == 403, path
    assert outsider.get("/dzi/patch/synth/1/raw/0/100_100_4_4.png").status_code == 403


# -- slides: manifest, details, tags


def test_manifest_columns_order_and_counts(phas: PhasEmulator, admin: httpx.Client) -> None:
    base = ["id", "block_id", "section", "slide", "stain", "slide_name", "slide_ext", "project", "specimen"]
    base += ["block_name", "specimen_private", "specimen_public", "task_id", "specimen_display"]
    response = admin.get("/api/task/1/slide_detailed_manifest.csv")
    assert response.text.splitlines()[0].split(",") == [*base, "n_paths", "n_markers", "n_annot"]
    assert response.text.splitlines()[1] == "2,2,1,1,HE,S1_B1_HE_01,tif,synth,2,B1,S1,Anon 0002,1,S1,0,0,0"
    assert [r["slide_name"] for r in manifest(admin, 1)] == ["S1_B1_HE_01", "S1_B1_NISSL_02", "S2_B1_HE_01"]
    dltrain = manifest(admin, phas.tasks["dltrain"])
    assert [(r["id"], r["n_samples"]) for r in dltrain] == [("2", "2"), ("3", "0"), ("1", "2")]
    assert "n_sampling_rois" in manifest(admin, phas.tasks["sampling"])[0]


def test_manifest_filters(admin: httpx.Client) -> None:
    def names(**params: Any) -> list[str]:
        return [r["slide_name"] for r in manifest(admin, 1, **params)]

    assert names(stain="NISSL") == ["S1_B1_NISSL_02"]
    assert names(specimen="s1%") == ["S1_B1_HE_01", "S1_B1_NISSL_02"]  # LIKE, case-insensitive
    assert names(block="B_") == ["S1_B1_HE_01", "S1_B1_NISSL_02", "S2_B1_HE_01"]
    assert names(section="2") == ["S1_B1_NISSL_02"]
    assert names(tags_any=["he"]) == ["S1_B1_HE_01", "S2_B1_HE_01"]
    assert names(tags_all=["he", "qc-pass"]) == ["S1_B1_HE_01"]
    assert names(tags_none=["qc-fail"]) == ["S1_B1_HE_01", "S1_B1_NISSL_02"]
    assert names(stain="HE", tags_any=["qc-fail"]) == ["S2_B1_HE_01"]
    assert names(min_paths=1) == []
    admin.post("/task/1/slide/raw/raw/3/annot/set", json=ANNOTATION)
    assert names(min_paths=1, min_markers=1) == ["S1_B1_NISSL_02"]
    assert admin.get("/api/task/2/slide_detailed_manifest.csv", params={"min_paths": 1}).status_code == 500


def test_manifest_is_anonymized_for_readers_and_on_request(admin: httpx.Client, reader: httpx.Client) -> None:
    rows = manifest(reader, 1)
    assert [(r["slide_name"], r["specimen_private"], r["specimen_display"]) for r in rows] == [
        ("", "", "Anon 0001"),
        ("", "", "Anon 0002"),
        ("", "", "Anon 0002"),
    ]
    assert manifest(reader, 1, specimen="S%") == []  # LIKE on a NULL private name
    admin.post("/auth/api/set_anonymize/1")
    assert [r["specimen_display"] for r in manifest(admin, 1)] == ["Anon 0001", "Anon 0002", "Anon 0002"]


def test_slide_info(admin: httpx.Client, reader: httpx.Client) -> None:
    info = served_json(admin.get("/api/task/1/slide/2/info"))
    assert info == {
        "specimen": 2,
        "block_name": "B1",
        "specimen_private": "S1",
        "specimen_public": "Anon 0002",
        "specimen_display": "S1",
        "section": 1,
        "slide": 1,
        "stain": "HE",
    }
    hidden = served_json(reader.get("/api/task/1/slide/2/info"))
    assert hidden == info | {"specimen_private": None, "specimen_display": "Anon 0002"}


def test_slide_tags_need_admin_and_phi(admin: httpx.Client, reader: httpx.Client) -> None:
    assert served_json(admin.get("/api/task/1/slide/2/tags")) == ["he", "qc-pass"]
    response = reader.get("/api/task/1/slide/2/tags")
    assert response.status_code == 403
    assert "Insufficient privileges on slide 2 in task 1" in response.text


# -- annotations


def test_annotation_round_trip(phas: PhasEmulator, admin: httpx.Client) -> None:
    get = "/task/1/slide/raw/raw/2/annot/get"
    empty = admin.get(get)
    assert (empty.status_code, empty.text, empty.headers["content-type"]) == (200, "", "text/html; charset=utf-8")
    assert served_json(admin.get("/api/task/1/slide/2/annot/timestamp")) == {"timestamp": None}
    before = time.time()
    assert served_json(admin.post("/task/1/slide/raw/raw/2/annot/set", json=ANNOTATION)) == {"success": True}
    stored = served_json(admin.get(get))
    assert stored == json.loads(json.dumps(ANNOTATION))  # equal values...
    assert stored[0][1]["children"][0][1]["segments"][0][0] == [10.0, 20.0]  # ...as floats, like numpy gives
    assert isinstance(stored[0][1]["children"][0][1]["segments"][0][0][0], float)
    timestamp = served_json(admin.get("/api/task/1/slide/2/annot/timestamp"))["timestamp"]
    assert isinstance(timestamp, float) and before <= timestamp <= time.time()
    assert admin.get("/task/1/slide/raw/raw/3/annot/get").text == ""  # other slides untouched


def test_annotation_in_x16_coordinates(admin: httpx.Client) -> None:
    admin.post("/task/1/slide/raw/raw/2/annot/set", json=ANNOTATION)
    small = served_json(admin.get("/task/1/slide/raw/x16/2/annot/get"))
    path, text = small[0][1]["children"]
    assert path[1]["segments"][0] == [[0.625, 1.25], [0.0, 0.0], [0.3125, 0.3125]]
    assert text[1]["matrix"] == [1, 0, 0, 1, 3.125, 3.75]
    admin.post("/task/1/slide/raw/x16/2/annot/set", json=small)
    assert served_json(admin.get("/task/1/slide/raw/raw/2/annot/get"))[0][1]["children"][0][1]["segments"][1][0] == [
        100.0,
        200.0,
    ]


def test_annotation_rights(reader: httpx.Client, admin: httpx.Client) -> None:
    response = reader.post("/task/1/slide/raw/raw/2/annot/set", json=ANNOTATION)
    assert response.status_code == 403
    assert "Insufficient privileges on task 1" in response.text
    admin.post("/task/1/slide/raw/raw/2/annot/set", json=ANNOTATION)
    assert served_json(reader.get("/task/1/slide/raw/raw/2/annot/get")) == served_json(
        admin.get("/task/1/slide/raw/raw/2/annot/get")
    )


def test_annotation_the_server_cannot_read_is_500(admin: httpx.Client) -> None:
    assert admin.post("/task/1/slide/raw/raw/2/annot/set", json={"not": "layers"}).status_code == 500
    single_layer = ["Layer", {"children": []}]  # stored as it is, counted as nothing
    assert admin.post("/task/1/slide/raw/raw/2/annot/set", json=single_layer).status_code == 200
    assert served_json(admin.get("/task/1/slide/raw/raw/2/annot/get")) == single_layer


def svg_of(response: httpx.Response) -> ET.Element:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "image/svg+xml; charset=utf-8"
    return ET.fromstring(response.text)


def test_annotation_svg(admin: httpx.Client) -> None:
    ns = "{http://www.w3.org/2000/svg}"
    empty = svg_of(admin.post("/api/task/1/slide_2_annot.svg"))
    assert (empty.get("width"), empty.get("height"), list(empty)[1:]) == (str(SIZE), str(SIZE), [])
    admin.post("/task/1/slide/raw/raw/2/annot/set", json=ANNOTATION)
    full = admin.post("/api/task/1/slide_2_annot.svg", data={"stroke_width": "10"})
    assert full.headers["content-disposition"] == "attachment; filename=slide_2_annot.svg"
    root = svg_of(full)
    path = root.find(f"{ns}path")
    assert path is not None
    assert path.get("d") == "M10.000000,20.000000c5.000000,5.000000 91.000000,181.000000 90.000000,180.000000"
    assert path.get("stroke-width") == "10"
    text = root.find(f"{ns}text")
    assert text is not None and (text.text, text.get("x"), text.get("y")) == ("CA1", "50.0", "60.0")
    small = admin.post("/api/task/1/slide_2_annot_1000.svg")
    assert small.headers["content-disposition"] == "attachment; filename=slide_2_annot_1000.svg"
    root = svg_of(small)
    assert (root.get("width"), root.get("height")) == ("1000", "1000")
    small_path = root.find(f"{ns}path")
    assert small_path is not None and small_path.get("stroke-width") == "234"  # 480 scaled by 1000/2048
    small_text = root.find(f"{ns}text")
    assert small_text is not None and small_text.get("font-size") == "977px"
    assert svg_of(admin.get("/api/task/1/slide_2_annot_1000.svg")).get("width") == "1000"  # GET works too


def test_svg_bad_form_is_500(admin: httpx.Client) -> None:
    # stroke_width is an integer in the schema: a non-integer is the contract's 422 before the server's 500
    assert admin.post("/api/task/1/slide_2_annot.svg", data={"stroke_width": "wide"}).status_code == 422
    assert admin.get("/api/task/1/slide_2_annot.svg", params={}).status_code == 200


# -- labelsets and training samples


def test_task_labelsets_need_no_session(anonymous: httpx.Client) -> None:
    assert served_json(anonymous.get("/api/task/1/labelset")) == {"name": None, "id": None}
    assert served_json(anonymous.get("/api/task/2/labelset")) == {"name": "synth_labels", "id": 1}
    assert served_json(anonymous.get("/api/task/3/labelset")) == {"name": "synth_labels", "id": 1}


def test_label_listing(admin: httpx.Client) -> None:
    labels = served_json(admin.get("/dltrain/api/synth/labelset/1/labels"))
    assert labels == [
        {"id": 1, "name": "gray matter", "description": "Cortical gray matter", "color": "#ff0000", "n_samples": 2,
         "n_sampling_rois": 0},
        {"id": 2, "name": "white matter", "description": "Subcortical white matter", "color": "#00ff00",
         "n_samples": 1, "n_sampling_rois": 0},
        {"id": 3, "name": "background", "description": "Glass, no tissue", "color": "#0000ff", "n_samples": 1,
         "n_sampling_rois": 0},
    ]  # fmt: skip


def test_training_samples(phas: PhasEmulator, admin: httpx.Client) -> None:
    samples = served_json(admin.get("/task/2/slide/2/dltrain/samples"))
    assert [s["id"] for s in samples] == [2, 1]  # most recently edited first
    assert list(samples[0]) == [
        "id", "x0", "y0", "x1", "y1", "label", "slide", "task", "meta_id", "have_patch", "creator", "editor",
        "t_create", "t_edit", "color",
    ]  # fmt: skip
    first = samples[1]
    assert (first["x0"], first["y0"], first["x1"], first["y1"]) == (512.0, 512.0, 640.0, 640.0)
    assert (first["label"], first["color"], first["have_patch"], first["creator"]) == (1, "#ff0000", 1, 1)
    assert phas.samples == [1, 2, 3, 4]


def test_sample_image_is_the_patch_around_the_box(anonymous: httpx.Client) -> None:
    response = anonymous.get("/dltrain/api/sample/1/image.png")  # no session needed
    assert response.headers["content-disposition"] == "inline; filename=sample_00000001.png"
    pixels = png(response)
    # box (512, 512)-(640, 640): centre (576, 576); 256 px wide, left edge 576 - 128
    assert np.array_equal(pixels, expected_patch(0, 448, 448, 256, 256))


# -- sampling ROIs


def test_sampling_roi_lifecycle(admin: httpx.Client) -> None:
    polygon = {"label_id": 1, "geometry": {"type": "polygon", "data": [[100, 100], [300, 120], [200, 400]]}}
    trapezoid = {"label_id": 2, "geometry": {"type": "trapezoid", "data": [[10, 10, 5], [50, 20, 8]]}}
    assert served_json(admin.post("/task/3/slide/raw/raw/2/dltrain/sampling_roi/create", json=polygon)) == {"id": 1}
    assert served_json(admin.post("/task/3/slide/raw/x16/2/dltrain/sampling_roi/create", json=trapezoid)) == {"id": 2}
    rois = served_json(admin.get("/task/3/slide/raw/raw/2/sampling_roi/get"))
    assert [r["id"] for r in rois] == [2, 1]
    assert json.loads(rois[1]["json"]) == {"type": "polygon", "data": [[100.0, 100.0], [300.0, 120.0], [200.0, 400.0]]}
    assert (rois[1]["x0"], rois[1]["y0"], rois[1]["x1"], rois[1]["y1"]) == (100.0, 100.0, 300.0, 400.0)
    assert json.loads(rois[0]["json"]) == {"type": "trapezoid", "data": [[160.0, 160.0, 80.0], [800.0, 320.0, 128.0]]}
    assert rois[0]["x0"] == pytest.approx(140.59714999709337)  # the real server's value for this trapezoid
    assert (rois[0]["creator"], rois[0]["color"], rois[0]["label"]) == (1, "#00ff00", 2)
    small = served_json(admin.get("/task/3/slide/raw/x16/2/sampling_roi/get"))
    assert json.loads(small[1]["json"])["data"] == [[6.25, 6.25], [18.75, 7.5], [12.5, 25.0]]
    labels = served_json(admin.get("/dltrain/api/synth/labelset/1/labels"))
    assert [label["n_sampling_rois"] for label in labels] == [1, 1, 0]
    image = nifti(admin.get("/task/3/slide/2/sampling_roi/make_image_1000.nii.gz"))
    assert image.shape == (1000, 1000, 1, 1)
    assert set(np.unique(np.asarray(image.dataobj))) == {0, 1, 2}
    assert np.allclose(np.diag(image.affine), [-SIZE * 0.0005 / 1000, -SIZE * 0.0005 / 1000, 1, 1])
    deleted = admin.get("/task/3/slide/2/dltrain/sampling_roi/delete_all")  # a GET that deletes
    assert (deleted.status_code, deleted.text) == (200, "success")
    assert served_json(admin.get("/task/3/slide/raw/raw/2/sampling_roi/get")) == []
    again = admin.post("/task/3/slide/raw/raw/2/dltrain/sampling_roi/create", json=polygon)
    assert served_json(again) == {"id": 3}  # AUTOINCREMENT: ids are not reused


def test_sampling_roi_rights_and_faults(reader: httpx.Client, admin: httpx.Client) -> None:
    polygon = {"label_id": 1, "geometry": {"type": "polygon", "data": [[1, 1], [3, 1], [2, 4]]}}
    assert reader.post("/task/3/slide/raw/raw/2/dltrain/sampling_roi/create", json=polygon).status_code == 403
    assert reader.get("/task/3/slide/2/dltrain/sampling_roi/delete_all").status_code == 403
    assert served_json(reader.get("/task/3/slide/raw/raw/2/sampling_roi/get")) == []
    bad = {"label_id": 1, "geometry": {"type": "trapezoid", "data": [[1, 1, 1], [1, 1, 1]]}}
    assert admin.post("/task/3/slide/raw/raw/2/dltrain/sampling_roi/create", json=bad).status_code == 500


# -- slide metadata and pixels


def test_slide_header_filepath_and_openslide_header(admin: httpx.Client, reader: httpx.Client) -> None:
    header = admin.get("/dzi/synth/2/header")
    assert header.headers["content-type"] == "application/json"
    assert header.json() == {"dimensions": [SIZE, SIZE], "spacing": [0.0005, 0.0005]}
    path = admin.get("/dzi/synth/2/filepath").json()
    assert path["remote"] == path["local"] and path["remote"].endswith("/S1/histo_raw/S1_B1_HE_01.tif")
    assert reader.get("/dzi/synth/2/filepath").status_code == 403
    openslide = served_json(admin.get("/dzi/download/synth/slide_2_raw_header.json"))
    assert openslide["level_dimensions"] == [[SIZE, SIZE], [SIZE // 4, SIZE // 4], [SIZE // 16, SIZE // 16]]
    assert openslide["level_downsamples"] == [1.0, 4.0, 16.0]
    assert openslide["properties"]["openslide.mpp-x"] == "0.5"
    assert admin.post("/dzi/synth/2/header").json()["dimensions"] == [SIZE, SIZE]  # POST works too


@pytest.mark.parametrize(
    ("level", "centre", "size"),
    [(0, (100, 100), (4, 4)), (0, (1000, 700), (64, 32)), (1, (1024, 1024), (512, 512)), (2, (1024, 1024), (64, 64))],
)
def test_patch_pixels_follow_the_pattern(
    admin: httpx.Client, level: int, centre: tuple[int, int], size: tuple[int, int]
) -> None:
    (cx, cy), (w, h) = centre, size
    ds = 4**level
    pixels = png(admin.get(f"/dzi/patch/synth/2/raw/{level}/{cx}_{cy}_{w}_{h}.png"))
    assert np.array_equal(pixels, expected_patch(level, cx - int(w * 0.5 * ds), cy - int(h * 0.5 * ds), w, h))


def test_stitched_tiles_equal_one_patch(admin: httpx.Client, reader: httpx.Client) -> None:
    """What a client's get_patch does with tile_size > 0: tiles stitched back are the region, exactly."""
    tile = 128
    region = np.zeros((512, 512, 4), dtype=np.uint8)
    for row in range(4):
        for col in range(4):
            cx, cy = 256 + col * tile + tile // 2, 256 + row * tile + tile // 2
            patch = png(reader.get(f"/dzi/patch/synth/1/raw/0/{cx}_{cy}_{tile}_{tile}.png"))
            region[row * tile : (row + 1) * tile, col * tile : (col + 1) * tile] = patch
    assert np.array_equal(region, expected_patch(0, 256, 256, 512, 512))
    assert np.array_equal(region, png(admin.get("/dzi/patch/synth/1/raw/0/512_512_512_512.png")))


def test_patch_outside_the_slide_is_transparent(admin: httpx.Client) -> None:
    pixels = png(admin.get(f"/dzi/patch/synth/2/raw/0/{SIZE}_{SIZE}_4_4.png"))
    assert pixels[:2, :2, 3].tolist() == [[255, 255], [255, 255]]
    assert not pixels[2:, :, 3].any() and not pixels[:, 2:, 3].any()


def test_patch_between_stored_pixels_is_interpolated(admin: httpx.Client) -> None:
    """Level 1 read at a level-0 offset that is not a multiple of 4: OpenSlide blends neighbours linearly."""
    pixels = png(admin.get("/dzi/patch/synth/1/raw/1/1001_703_33_17.png"))
    assert pixels[0, 0].tolist() == [167, 157, 47, 255]  # measured on the real server: x 935, y 669


def test_patch_faults(admin: httpx.Client) -> None:
    assert admin.get("/dzi/patch/synth/2/raw/3/100_100_4_4.png").status_code == 500  # no level 3
    assert admin.get("/dzi/patch/nope/2/raw/0/100_100_4_4.png").status_code == 500  # unknown project
    assert admin.post("/dzi/patch/synth/2/raw/0/100_100_4_4.png").status_code == 200


def test_thumbnail_nifti(admin: httpx.Client, reader: httpx.Client) -> None:
    image = nifti(reader.get(f"/dzi/download/task/1/slide_2_raw_{SIZE // 4}.nii.gz"))
    assert image.shape == (SIZE // 4, SIZE // 4, 1)
    voxels = np.asarray(image.dataobj)[:, :, 0]  # x first: NIfTI order
    rgb = np.stack([voxels["R"], voxels["G"], voxels["B"]], axis=-1).transpose(1, 0, 2)
    assert np.array_equal(rgb, expected_patch(1, 0, 0, SIZE // 4, SIZE // 4)[..., :3])  # level 1, exactly
    assert np.allclose(np.diag(image.affine), [-0.002, -0.002, 1, 1])
    assert nifti(admin.get("/dzi/download/task/1/slide_2_raw_100.nii.gz")).shape == (100, 100, 1)


# -- the schema check and the server's routing


def test_schema_violations_get_422(admin: httpx.Client) -> None:
    response = admin.post(
        "/task/3/slide/raw/raw/2/dltrain/sampling_roi/create",
        json={"label_id": 1, "geometry": {"type": "circle", "data": [[1, 1], [2, 2]]}},
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][:2] == ["body", "geometry"]
    assert admin.get("/task/1/slide/raw/x8/2/annot/get").status_code == 422  # resolution is raw | x16
    assert admin.get("/dzi/patch/synth/2/raw/0/100_100_4_4.gif").status_code == 422  # the server says "bad format"
    invalid_json = admin.post(
        "/task/1/slide/raw/raw/2/annot/set", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert invalid_json.status_code == 422
    assert admin.get("/api/task/1/slide_detailed_manifest.csv", params={"min_paths": "many"}).status_code == 422


def test_rights_come_before_the_schema_check(reader: httpx.Client, anonymous: httpx.Client) -> None:
    bad = {"label_id": 1, "geometry": {"type": "circle", "data": []}}
    assert reader.post("/task/3/slide/raw/raw/2/dltrain/sampling_roi/create", json=bad).status_code == 403
    assert anonymous.post("/task/3/slide/raw/raw/2/dltrain/sampling_roi/create", json=bad).status_code == 302


def test_routing_errors_are_werkzeug_pages(admin: httpx.Client) -> None:
    for path in ["/no/such/route", "/api/task/abc/info", "/auth/api/set_anonymize/abc"]:
        response = admin.get(path) if "set_anonymize" not in path else admin.post(path)
        assert response.status_code == 404, path
        assert "<title>404 Not Found</title>" in response.text
    wrong_method = admin.get("/auth/api/set_anonymize/1")
    assert wrong_method.status_code == 405
    assert "<title>405 Method Not Allowed</title>" in wrong_method.text


# -- the emulator itself


def test_reset_restores_the_data_set_and_keeps_keys_and_sessions(phas: PhasEmulator, admin: httpx.Client) -> None:
    admin.post("/task/1/slide/raw/raw/2/annot/set", json=ANNOTATION)
    assert phas.backend.state()["annotations"] == [{"task": 1, "slide": 2}]
    assert admin.post("/_emulator/reset").status_code == 200
    assert phas.backend.state()["annotations"] == []
    assert admin.get("/task/1/slide/raw/raw/2/annot/get").text == ""
    assert admin.get("/_emulator/state").json()["samples"] == [1, 2, 3, 4]
    with session(phas, "reader") as again:
        assert again.get("/api/projects").status_code == 200


def test_ids_match_the_real_server_harness(phas: PhasEmulator) -> None:
    assert phas.project == "synth"
    assert phas.tasks == {"annot": 1, "dltrain": 2, "sampling": 3, "cli-annot": 4}
    assert phas.slides == {"S2_B1_HE_01": 1, "S1_B1_HE_01": 2, "S1_B1_NISSL_02": 3}
    assert (phas.labelset, phas.labelset_id) == ("synth_labels", 1)
    assert phas.labels == {"gray matter": 1, "white matter": 2, "background": 3}
    assert set(phas.keys) == {"admin", "reader", "outsider"} and phas.api_key == phas.keys["admin"]


def test_chosen_keys_and_slide_size() -> None:
    with PhasEmulator("admin-key", api_keys={"reader": "reader-key"}, slide_size=1024) as phas:
        assert phas.keys["admin"] == "admin-key" and phas.keys["reader"] == "reader-key"
        with session(phas, "reader") as reader:
            assert reader.get("/dzi/synth/1/header").json()["dimensions"] == [1024, 1024]


def _serve(*args: str) -> tuple[subprocess.Popen[str], list[str]]:
    """Start `python -m medannot.testing phas ...`; return it and its output up to the URL line."""
    process = subprocess.Popen(
        [sys.executable, "-m", "medannot.testing", "phas", "--port", "0", *args],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    lines = [process.stdout.readline().strip()]
    while not lines[-1].startswith("http://"):
        lines.append(process.stdout.readline().strip())
        assert len(lines) < 5, lines
    return process, lines


@pytest.mark.parametrize("given", [True, False])
def test_command_line_server(given: bool) -> None:
    process, lines = _serve(*(["--api-key", "cli-key"] if given else []))
    try:
        assert process.stdout is not None
        banner = process.stdout.readline().strip()  # the URL first, then the keys
        assert banner.startswith("admin API key: ")
        key = banner.rsplit(" ", 1)[-1]
        assert key == "cli-key" or not given
        assert lines[-1].startswith("http://127.0.0.1:")
        with httpx.Client(base_url=lines[-1], timeout=30) as client:
            assert client.post("/auth/api/login", data={"api_key": key}).json() == {"status": "ok"}
            assert served_json(client.get("/api/projects"))[0]["id"] == "synth"
    finally:
        process.terminate()
        process.wait(timeout=10)
