"""The MONAI Label emulator over raw HTTP: every route's answers, faults and validation, as the real server gives them
(docs/monailabel-server.md).

A request the real server crashes on (plain-text 500) also closes the connection, so such requests go through a
one-off connection (`crash`), never through the shared client.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from email.parser import BytesParser
from email.policy import HTTP
from pathlib import Path
from typing import Any

import httpx
import nibabel as nib
import numpy as np
import pytest
from starlette.routing import Route

from medannot.testing._emulator import ManualClock
from medannot.testing._openapi import Contract
from medannot.testing.data import write_nifti_volumes
from medannot.testing.monailabel import MonaiLabelEmulator
from medannot.testing.monailabel._auth import USER
from medannot.testing.monailabel.app import DEFAULT_SCHEMA, create_app
from medannot.testing.monailabel.backend import MonaiLabelBackend

IDS = ["volume-000", "volume-001", "volume-002"]
QUEUED, RUNNING = 1.0, 5.0  # seconds a background task stays SUBMITTED, then RUNNING (on the test's clock)


@pytest.fixture
def studies(tmp_path: Path) -> Path:
    write_nifti_volumes(tmp_path / "studies", len(IDS), shape=(8, 8, 4), seed=3)
    return tmp_path / "studies"


@pytest.fixture
def clock() -> ManualClock:
    """The emulator's clock: background tasks move only when a test advances it."""
    return ManualClock()


@pytest.fixture
def emulator(studies: Path, clock: ManualClock) -> Iterator[MonaiLabelEmulator]:
    with MonaiLabelEmulator(studies, task_seconds=(QUEUED, RUNNING), clock=clock) as running:
        yield running


@pytest.fixture
def http(emulator: MonaiLabelEmulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emulator.url, timeout=30) as client:
        yield client


def crash(emulator: MonaiLabelEmulator, method: str, path: str, **kwargs: Any) -> None:
    """The request must crash the server: 500, plain text, like an uncaught exception in FastAPI."""
    response = httpx.request(method, emulator.url + path, timeout=30, **kwargs)
    body = "" if method == "HEAD" else "Internal Server Error"
    assert (response.status_code, response.text) == (500, body), response.text
    assert response.headers["content-type"].startswith("text/plain")


def expected_label(volume: Path) -> np.ndarray[Any, Any]:
    image: Any = nib.load(volume)
    data = np.asanyarray(image.dataobj, dtype=np.float64)
    label: np.ndarray[Any, Any] = (data > data.mean()).astype(np.uint8)
    return label


def nifti(data: bytes) -> np.ndarray[Any, Any]:
    image: Any = nib.Nifti1Image.from_bytes(gzip.decompress(data))
    voxels: np.ndarray[Any, Any] = np.asanyarray(image.dataobj)
    return voxels


def multipart(response: httpx.Response) -> dict[str, tuple[str | None, bytes]]:
    """Parts of a multipart answer by name: (file name, bytes)."""
    head = f"Content-Type: {response.headers['content-type']}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + response.content)
    parts = {}
    for part in message.iter_parts():
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        parts[str(part.get_param("name", header="content-disposition"))] = (part.get_filename(), payload)
    return parts


# -- plumbing


def test_every_schema_operation_is_served() -> None:
    backend = MonaiLabelBackend(auth=True)
    try:
        app = create_app(backend)
        served = {(m, r.path) for r in app.routes if isinstance(r, Route) for m in r.methods or ()}
    finally:
        backend.close()
    assert Contract(DEFAULT_SCHEMA).operations <= served


def test_request_outside_the_schema_gets_fastapi_422(http: httpx.Client) -> None:
    missing = http.get("/datastore/image")
    assert missing.status_code == 422
    assert missing.json() == {
        "detail": [{"type": "missing", "loc": ["query", "image"], "msg": "Field required", "input": None}]
    }
    bad_enum = http.post("/infer/threshold", params={"image": IDS[0], "output": "bogus"})
    assert bad_enum.status_code == 422
    [item] = bad_enum.json()["detail"]
    assert (item["type"], item["loc"], item["input"]) == ("enum", ["query", "output"], "bogus")
    assert item["msg"] == "Input should be 'image', 'json', 'all' or 'dicom_seg'"  # pydantic's words
    no_file = http.put("/datastore/image", files={"other": ("a.nii.gz", b"x")})
    assert no_file.status_code == 422
    assert no_file.json()["detail"][0]["loc"] == ["body", "file"]
    not_int = http.put("/session/", params={"expiry": "soon"}, files={"files": ("a.nii.gz", b"x")})
    assert not_int.status_code == 422
    assert not_int.json()["detail"][0]["loc"] == ["query", "expiry"]


def test_a_response_outside_the_schema_is_a_500_naming_the_broken_contract(studies: Path) -> None:
    schema = json.loads(DEFAULT_SCHEMA.read_text())
    schema["paths"]["/info/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] = {"type": "array"}
    with MonaiLabelEmulator(studies, schema=schema) as emulator:
        response = httpx.get(emulator.url + "/info/")
    assert response.status_code == 500
    assert "emulator broke its contract (GET /info/)" in response.json()["detail"]


def test_empty_query_values_are_checked_like_fastapi_does(http: httpx.Client, studies: Path) -> None:
    volume = (studies / f"{IDS[0]}.nii.gz").read_bytes()
    # `?image=` is how the official client asks for infer on an uploaded file: "" is a valid string.
    upload = {"file": ("v.nii.gz", volume)}
    assert http.post("/infer/threshold?image=&output=json", files=upload).status_code == 200
    assert http.post("/infer/threshold?image=&output=", files=upload).status_code == 422  # not an enum value


def test_uploads_above_the_validation_limit_stream_to_the_handler(http: httpx.Client) -> None:
    big = bytes(range(256)) * 8192  # 2 MiB: parameters are validated, the body only by the handler
    assert http.put("/datastore/image", params={"image": "big"}, files={"file": ("b.nii.gz", big)}).status_code == 200
    assert http.get("/datastore/image", params={"image": "big"}).content == big
    no_file = http.put("/datastore/image", files={"other": ("b.nii.gz", big)})
    assert no_file.json()["detail"] == [
        {"type": "missing", "loc": ["body", "file"], "msg": "Field required", "input": None}
    ]


def test_the_raw_schema_serves_hidden_routes_unvalidated(studies: Path) -> None:
    raw = Path(__file__).resolve().parents[2] / "schemas" / "monailabel" / "openapi.json"
    with MonaiLabelEmulator(studies, schema=raw) as emulator, httpx.Client(base_url=emulator.url) as http:
        legacy = http.put("/datastore/", params={"image": "old"}, files={"file": ("x.nii.gz", b"x")})
        assert legacy.json() == {"image": "old"}
        assert http.get("/datastore/image").status_code == 422


def test_routing_answers_like_fastapi(http: httpx.Client) -> None:
    assert http.get("/nowhere").json() == {"detail": "Not Found"}
    assert http.get("/info").status_code == 307  # redirect to the trailing slash
    not_allowed = http.head("/info/")  # FastAPI does not answer HEAD on a GET route
    assert (not_allowed.status_code, not_allowed.headers["allow"]) == (405, "GET")
    assert http.get("/auth/").status_code == 404  # the auth routes exist only with auth enabled


def test_a_crash_closes_the_connection_without_warning(emulator: MonaiLabelEmulator) -> None:
    host, port = httpx.URL(emulator.url).host, httpx.URL(emulator.url).port
    assert port is not None
    with socket.create_connection((host, port), timeout=10) as raw:
        raw.sendall(b"GET /logs/gpu HTTP/1.1\r\nHost: emulator\r\n\r\n")
        received = b""
        while chunk := raw.recv(65536):  # ends only when the server closes the connection
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 500") and body == b"Internal Server Error"
    assert b"connection: close" not in head.lower()


def test_control_endpoints_reset_and_show_state(http: httpx.Client) -> None:
    http.put("/datastore/image", params={"image": "extra"}, files={"file": ("x.nii.gz", b"data")})
    assert "extra" in http.get("/_emulator/state").json()["datastore"]["objects"]
    assert http.post("/_emulator/reset").json() == {}
    assert sorted(http.get("/_emulator/state").json()["datastore"]["objects"]) == IDS


def test_pytest_plugin_fixture(monailabel_emulator: MonaiLabelEmulator) -> None:
    assert httpx.get(monailabel_emulator.url + "/datastore/").json() == {
        "total": 0,
        "completed": 0,
        "label_tags": {},
    }


def test_command_line_serves_until_stopped(studies: Path) -> None:
    command = [sys.executable, "-m", "medannot.testing", "monailabel", "--port", "0", "--studies", str(studies)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as server:
        try:
            assert server.stdout is not None
            url = server.stdout.readline().strip()
            assert url.startswith("http://127.0.0.1:")
            assert httpx.get(url + "/datastore/", timeout=30).json()["total"] == len(IDS)
        finally:
            server.terminate()


# -- auth


@pytest.fixture
def secured(studies: Path) -> Iterator[MonaiLabelEmulator]:
    with MonaiLabelEmulator(studies, auth=True, username="ann", password="s3cret") as running:
        yield running


def token(emulator: MonaiLabelEmulator, username: str = "ann", password: str = "s3cret") -> str:
    response = httpx.post(emulator.url + "/auth/token", data={"username": username, "password": password})
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer" and set(body) == {"access_token", "token_type"}
    return str(body["access_token"])


def test_auth_settings_and_token(secured: MonaiLabelEmulator) -> None:
    settings = httpx.get(secured.url + "/auth/").json()
    assert settings["enabled"] is True and settings["client_id"] == "monailabel-app"
    bearer = {"Authorization": f"Bearer {token(secured)}"}
    valid = httpx.get(secured.url + "/auth/token/valid", headers=bearer).json()
    assert valid["username"] == "ann" and USER in valid["roles"]
    assert httpx.get(secured.url + "/info/", headers=bearer).status_code == 200


def test_auth_refuses_missing_bad_and_wrong_credentials(secured: MonaiLabelEmulator) -> None:
    none = httpx.get(secured.url + "/info/")
    assert (none.status_code, none.json(), none.headers["www-authenticate"]) == (
        401,
        {"detail": "Not authenticated"},
        "Bearer",
    )
    forged = httpx.get(secured.url + "/info/", headers={"Authorization": "Bearer a.b.c"})
    assert (forged.status_code, forged.json()) == (401, {"detail": "Could not validate credentials"})
    # Auth comes before validation, as FastAPI resolves the RBAC dependency first.
    assert httpx.get(secured.url + "/datastore/image").status_code == 401
    crash(secured, "POST", "/auth/token", data={"username": "ann", "password": "wrong"})
    assert httpx.post(secured.url + "/auth/token", data={"username": "ann"}).status_code == 422


def test_auth_enforces_roles(studies: Path) -> None:
    with MonaiLabelEmulator(studies, auth=True, roles=[USER]) as emulator:
        bearer = {"Authorization": f"Bearer {token(emulator, 'admin', 'admin')}"}
        assert httpx.get(emulator.url + "/datastore/", headers=bearer).status_code == 200
        refused = httpx.delete(emulator.url + "/datastore/image", params={"id": IDS[0]}, headers=bearer)
        assert refused.status_code == 403
        assert refused.json() == {"detail": 'Role "monailabel-admin" is required to perform this action'}


def test_expired_token_is_refused() -> None:
    backend = MonaiLabelBackend(auth=True, token_ttl=-1)
    try:
        stale = backend.token("admin", "admin")["access_token"]
        assert backend.realm.verify(stale) is None
    finally:
        backend.close()


# -- info and datastore


def test_info_describes_the_test_app(http: httpx.Client) -> None:
    info = http.get("/info/").json()
    assert info["name"] == "medannot-tiny" and info["labels"] == ["foreground"]
    assert set(info["models"]) == {"threshold"} and set(info["trainers"]) == {"threshold"}
    assert set(info["strategies"]) == {"first", "random"} and set(info["scoring"]) == {"sum", "dice"}
    assert info["datastore"] == {"total": 3, "completed": 0, "label_tags": {}}


def test_upload_with_and_without_an_id(http: httpx.Client, studies: Path) -> None:
    volume = (studies / "volume-000.nii.gz").read_bytes()
    named = http.put("/datastore/image", params={"image": "chosen"}, files={"file": ("x.nii.gz", volume)})
    assert named.json() == {"image": "chosen"}
    unnamed = http.put("/datastore/image", files={"file": ("case.7.nii.gz", volume)}, data={"params": '{"a": 1}'})
    assert unnamed.json() == {"image": "case"}  # the name minus every suffix
    info = http.get("/datastore/image/info", params={"image": "case"}).json()
    assert info["a"] == 1 and info["user"] == "admin" and info["name"] == "case.nii.gz"
    assert Path(info["path"]).name == "case.nii.gz"
    legacy = http.put("/datastore/", params={"image": "old-style"}, files={"file": ("x.nii.gz", volume)})
    assert legacy.json() == {"image": "old-style"}  # the official client's route


def test_listing_outputs(http: httpx.Client, studies: Path) -> None:
    http.put("/datastore/label", params={"image": IDS[0]}, files={"label": ("l.nii.gz", b"label")})
    assert http.get("/datastore/").json() == {"total": 3, "completed": 1, "label_tags": {"final": 1}}
    everything = http.get("/datastore/", params={"output": "all"}).json()
    assert everything["objects"][IDS[0]]["labels"]["final"]["ext"] == ".nii.gz"
    [pair] = http.get("/datastore/", params={"output": "train"}).json()
    assert Path(pair["image"]).name == f"{IDS[0]}.nii.gz" and Path(pair["label"]).parent.name == "final"


def test_download_image_and_check_existence(http: httpx.Client, emulator: MonaiLabelEmulator, studies: Path) -> None:
    image = http.get("/datastore/image", params={"image": IDS[1]})
    assert image.content == (studies / f"{IDS[1]}.nii.gz").read_bytes()
    assert image.headers["content-type"] == "application/octet-stream"
    assert image.headers["content-disposition"] == f'attachment; filename="{IDS[1]}.nii.gz"'
    assert http.get("/datastore/image", params={"image": "nope"}).json() == {"detail": "Image NOT Found"}
    assert http.head("/datastore/image", params={"image": IDS[1]}).status_code == 200
    assert http.head("/datastore/image", params={"image": "nope"}).status_code == 404
    # The server's checksum comparison can never succeed: any check_sum answers 404.
    digest = hashlib.sha256(image.content).hexdigest()
    for check_sum in (digest, f"SHA256:{digest}"):
        assert http.head("/datastore/image", params={"image": IDS[1], "check_sum": check_sum}).status_code == 404
    crash(emulator, "HEAD", "/datastore/image", params={"image": IDS[1], "check_sum": "foo:bar"})


def test_image_info_update_and_removal(http: httpx.Client, emulator: MonaiLabelEmulator) -> None:
    assert http.get("/datastore/image/info", params={"image": "nope"}).json() == {}
    updated = http.put("/datastore/image/info", params={"image": IDS[0]}, data={"info": '{"k": "v"}'})
    assert (updated.status_code, updated.json()) == (200, None)
    assert http.get("/datastore/image/info", params={"image": IDS[0]}).json()["k"] == "v"
    crash(emulator, "PUT", "/datastore/image/info", params={"image": "nope"}, data={"info": "{}"})
    assert http.delete("/datastore/image", params={"id": IDS[0]}).json() == {}
    assert http.get("/datastore/").json()["total"] == 2
    crash(emulator, "DELETE", "/datastore/image", params={"id": IDS[0]})


def test_labels_save_info_download_remove(http: httpx.Client, emulator: MonaiLabelEmulator) -> None:
    saved = http.put(
        "/datastore/label",
        params={"image": IDS[0], "tag": "reviewed"},
        files={"label": ("mask.nii.gz", b"mask")},
        data={"params": '{"who": "me"}'},
    )
    assert saved.json() == {"image": IDS[0], "label": IDS[0]}
    info = http.get("/datastore/label/info", params={"label": IDS[0], "tag": "reviewed"}).json()
    assert info["who"] == "me" and info["name"] == f"{IDS[0]}.nii.gz"
    download = http.get("/datastore/label", params={"label": IDS[0], "tag": "reviewed"})
    assert download.content == b"mask"
    assert download.headers["content-disposition"] == f'attachment; filename="{IDS[0]}.nii.gz"'
    assert http.head("/datastore/label", params={"image": IDS[0], "tag": "reviewed"}).status_code == 200
    assert http.head("/datastore/label", params={"label": IDS[0], "tag": "reviewed"}).status_code == 422
    info_update = http.put("/datastore/label/info", params={"label": IDS[0], "tag": "reviewed"}, data={"info": "{}"})
    assert info_update.json() is None
    assert http.delete("/datastore/label", params={"id": IDS[0], "tag": "reviewed"}).json() == {}
    assert http.delete("/datastore/label", params={"id": "nope", "tag": "x"}).json() == {}  # idempotent
    assert http.get("/datastore/label", params={"label": IDS[0], "tag": "reviewed"}).status_code == 404
    crash(emulator, "PUT", "/datastore/label", params={"image": "nope"}, files={"label": ("l.nii.gz", b"x")})


def test_dataset_archive_needs_a_final_label(emulator: MonaiLabelEmulator) -> None:
    crash(emulator, "GET", "/datastore/dataset")


def test_dataset_archive(http: httpx.Client) -> None:
    http.put("/datastore/label", params={"image": IDS[2]}, files={"label": ("l.nii.gz", b"final mask")})
    archive = http.get("/datastore/dataset")
    assert archive.headers["content-disposition"] == 'attachment; filename="dataset.zip"'
    with zipfile.ZipFile(io.BytesIO(archive.content)) as zipped:
        names = set(zipped.namelist())
        assert names == {f"image/{IDS[2]}.nii.gz", f"label/{IDS[2]}.nii.gz", "metadata.json"}
        assert zipped.read(f"label/{IDS[2]}.nii.gz") == b"final mask"


# -- infer


def test_infer_outputs(http: httpx.Client, studies: Path) -> None:
    expected = expected_label(studies / f"{IDS[0]}.nii.gz")
    params = http.post("/infer/threshold", params={"image": IDS[0], "output": "json"}).json()
    assert params["foreground"] == int(expected.sum())
    image = http.post("/infer/threshold", params={"image": IDS[0], "output": "image"})
    assert image.headers["content-disposition"].startswith('attachment; filename="threshold-')
    assert np.array_equal(nifti(image.content), expected)
    parts = multipart(http.post("/infer/threshold", params={"image": IDS[0]}))
    assert list(parts) == ["params", "image"]
    assert json.loads(parts["params"][1]) == params
    assert np.array_equal(nifti(parts["image"][1]), expected)
    assert http.get("/datastore/").json()["label_tags"] == {}  # not saved unless asked


def test_infer_saves_the_label_when_asked(http: httpx.Client) -> None:
    form = {"params": (None, '{"save_label": true}')}  # multipart, as the schema requires
    http.post("/infer/threshold", params={"image": IDS[1], "output": "json"}, files=form)
    info = http.get("/datastore/label/info", params={"label": IDS[1], "tag": "original"}).json()
    assert info["model"] == "threshold" and "foreground" in info["params"]


def test_infer_on_an_uploaded_file(http: httpx.Client, studies: Path) -> None:
    volume = studies / f"{IDS[2]}.nii.gz"
    response = http.post(
        "/infer/threshold", params={"output": "json"}, files={"file": ("upload.nii.gz", volume.read_bytes())}
    )
    assert response.json()["foreground"] == int(expected_label(volume).sum())


def test_infer_faults(http: httpx.Client, emulator: MonaiLabelEmulator) -> None:
    nothing = http.post("/infer/threshold")
    assert (nothing.status_code, nothing.json()) == (
        500,
        {"detail": "Neither Image nor File not Session ID input is provided"},
    )
    dicom = http.post("/infer/threshold", params={"image": IDS[0], "output": "dicom_seg"})
    assert dicom.json() == {"detail": "DICOM SEG format is not supported in a non-DICOM datastore"}
    crash(emulator, "POST", "/infer/unknown", params={"image": IDS[0]})
    crash(emulator, "POST", "/infer/threshold", params={"image": "nope"})
    crash(emulator, "POST", "/infer/threshold", params={"image": IDS[0]}, files={"params": (None, "not json")})
    assert http.post("/infer/threshold", data={"params": "{}"}).status_code == 422  # urlencoded, not multipart


def test_wsi_infer_on_a_plain_image(http: httpx.Client) -> None:
    as_json = http.post("/infer/wsi_v2/threshold", params={"image": IDS[0], "output": "json"})
    assert "foreground" in as_json.json()
    legacy = http.post("/infer/wsi/threshold", params={"image": IDS[0], "output": "json"}, json={"level": 0})
    assert legacy.json() == as_json.json()


def test_wsi_infer_answers_the_label_file(http: httpx.Client) -> None:
    as_file = http.post("/infer/wsi_v2/threshold", params={"image": IDS[0]})
    assert as_file.headers["content-type"] == "application/octet-stream"


# -- sessions


def test_session_lifecycle(http: httpx.Client, studies: Path) -> None:
    volume = studies / f"{IDS[0]}.nii.gz"
    created = http.put("/session/", params={"expiry": 600}, files={"files": ("scan.nii.gz", volume.read_bytes())})
    session_id = created.json()["session_id"]
    info = created.json()["session_info"]
    assert info["expiry"] == 600 and Path(info["image"]).name == "scan.nii.gz"
    assert http.get(f"/session/{session_id}").json()["name"] == session_id
    inferred = http.post("/infer/threshold", params={"session_id": session_id, "output": "json"})
    assert inferred.json()["foreground"] == int(expected_label(volume).sum())
    assert http.delete(f"/session/{session_id}").json()["name"] == session_id
    assert http.get(f"/session/{session_id}").json() == {"detail": f"Session ({session_id}) Not Found"}
    assert http.delete(f"/session/{session_id}").json() == {"detail": "Session Not Found"}


def test_session_image_download(http: httpx.Client, studies: Path) -> None:
    volume = (studies / f"{IDS[0]}.nii.gz").read_bytes()
    session_id = http.put("/session/", files={"files": ("scan.nii.gz", volume)}).json()["session_id"]
    assert http.get(f"/session/{session_id}", params={"image": True}).content == volume


def test_session_expiry_and_several_files(http: httpx.Client, emulator: MonaiLabelEmulator) -> None:
    files = [("files", ("a.nii.gz", b"a")), ("files", ("b.nii.gz", b"b"))]
    created = http.put("/session/", params={"expiry": 99999}, files=files).json()
    assert created["session_info"]["expiry"] == 3600  # capped by the server's maximum
    assert Path(created["session_info"]["image"]).is_dir()
    emulator.backend.sessions.sessions[created["session_id"]].last_access_ts -= 3601
    assert http.get(f"/session/{created['session_id']}").status_code == 404


# -- active learning


def test_next_sample_strategies(http: httpx.Client, emulator: MonaiLabelEmulator) -> None:
    first = http.post("/activelearning/first").json()
    assert first["id"] == IDS[0] and Path(first["path"]).name == f"{IDS[0]}.nii.gz"
    http.put("/datastore/label", params={"image": IDS[0]}, files={"label": ("l.nii.gz", b"x")})
    assert http.post("/activelearning/first", json={"client_id": "me"}).json()["id"] == IDS[1]
    marks = http.get("/datastore/image/info", params={"image": IDS[1]}).json()["strategy"]
    assert marks["first"]["client_id"] == "me"
    picked = http.post("/activelearning/random").json()
    assert picked["id"] in IDS[1:] and "weight" in picked
    for image_id in IDS[1:]:
        http.put("/datastore/label", params={"image": image_id}, files={"label": ("l.nii.gz", b"x")})
    assert http.post("/activelearning/first").json() == {}
    crash(emulator, "POST", "/activelearning/unknown")


# -- background tasks


def test_train_task_moves_on_the_clock_not_on_polls(http: httpx.Client, clock: ManualClock) -> None:
    assert http.get("/train/").json() == {"detail": "No Train Tasks Found"}
    submitted = http.post("/train/threshold", json={"sleep": 0}).json()
    assert submitted["status"] == "SUBMITTED"
    assert submitted["request"] == {"model": "threshold", "sleep": 0, "gpus": "all"}
    for _ in range(5):  # reading the status does not move it
        assert http.get("/train/").json()["status"] == "SUBMITTED"
    busy = http.post("/train/threshold", params={"run_sync": True})
    assert (busy.status_code, busy.json()) == (429, {"detail": "++++++++++ Train Task is Already Running"})
    clock.advance(QUEUED)
    running = http.get("/train/").json()
    assert running["status"] == "RUNNING" and len(running["details"]) == 1 and "end_ts" not in running
    assert http.get("/train/", params={"check_if_running": True}).json()["id"] == submitted["id"]
    clock.advance(RUNNING - 0.01)
    assert http.get("/train/").json()["status"] == "RUNNING"
    clock.advance(0.01)
    done = http.get("/train/").json()
    assert done["status"] == "DONE" and json.loads(done["details"][-1].split("Result: ")[1])["images"] == 3
    assert http.get("/train/", params={"check_if_running": True}).status_code == 404
    assert len(http.get("/train/", params={"all": True}).json()) == 1
    assert http.delete("/train/").json() is None
    again = http.post("/train/threshold")  # the runner is free: no 429
    assert again.json()["status"] == "SUBMITTED"


def test_a_task_finishes_without_anyone_asking(http: httpx.Client, clock: ManualClock) -> None:
    http.post("/train/threshold")
    clock.advance(QUEUED + RUNNING)  # no status read in between
    assert http.post("/train/threshold").status_code == 200  # the first one is done: the runner is free
    first, second = http.get("/train/", params={"all": True}).json()
    assert (first["status"], second["status"]) == ("DONE", "SUBMITTED")


def test_queued_tasks_run_one_after_the_other(http: httpx.Client, clock: ManualClock) -> None:
    http.post("/train/threshold")
    http.post("/train/threshold", params={"enqueue": True})
    clock.advance(QUEUED + RUNNING / 2)
    assert [t["status"] for t in http.get("/train/", params={"all": True}).json()] == ["RUNNING", "SUBMITTED"]
    clock.advance(RUNNING)  # the first is done, the second has run half its time
    assert [t["status"] for t in http.get("/train/", params={"all": True}).json()] == ["DONE", "RUNNING"]
    clock.advance(RUNNING)
    assert [t["status"] for t in http.get("/train/", params={"all": True}).json()] == ["DONE", "DONE"]


def test_real_time_defaults_finish_within_a_second(studies: Path) -> None:
    with MonaiLabelEmulator(studies) as emulator, httpx.Client(base_url=emulator.url, timeout=30) as http:
        assert http.post("/train/threshold").json()["status"] == "SUBMITTED"
        time.sleep(0.8)
        assert http.get("/train/").json()["status"] == "DONE"
        assert http.post("/train/threshold").status_code == 200


def test_train_stop_sync_unknown_and_legacy(http: httpx.Client, clock: ManualClock) -> None:
    http.post("/train/threshold")
    stopped = http.delete("/train/").json()
    assert stopped["status"] == "STOPPED" and "end_ts" in stopped
    http.post("/train/unknown")
    clock.advance(QUEUED)
    assert http.get("/train/").json()["status"] == "RUNNING"
    clock.advance(RUNNING)
    failed = http.get("/train/").json()
    assert failed["status"] == "ERROR" and "no model 'unknown' available" in failed["details"][-1]
    legacy = http.post("/train/").json()
    assert legacy["threshold"]["result"]["status"] == "SUBMITTED"


def test_train_run_sync_answers_the_result(http: httpx.Client) -> None:
    result = http.post("/train/threshold", params={"run_sync": True}, json={"sleep": 2}).json()
    assert result == {"model": "threshold", "slept": 2.0, "images": 3, "labeled": 0}


def test_scoring(http: httpx.Client, clock: ManualClock) -> None:
    label = http.post("/infer/threshold", params={"image": IDS[0], "output": "image"}).content
    http.put("/datastore/label", params={"image": IDS[0]}, files={"label": ("l.nii.gz", label)})
    http.put("/datastore/label", params={"image": IDS[0], "tag": "original"}, files={"label": ("l.nii.gz", label)})
    assert http.post("/scoring/dice", params={"run_sync": True}).json() == {IDS[0]: 1.0}
    sums = http.post("/scoring/sum", params={"run_sync": True}).json()
    assert sums[IDS[0]]["sum"] > 0
    assert http.post("/scoring/sum").json()["status"] == "SUBMITTED"
    assert http.delete("/scoring/").json()["status"] == "STOPPED"
    assert http.get("/scoring/").json()["status"] == "STOPPED"
    http.post("/scoring/sum")
    clock.advance(QUEUED + RUNNING)
    assert http.get("/scoring/").json()["status"] == "DONE"


def test_batch_infer(http: httpx.Client, emulator: MonaiLabelEmulator, clock: ManualClock) -> None:
    crash(emulator, "POST", "/batch/infer/threshold", params={"run_sync": True})  # multi_gpu without a GPU
    result = http.post("/batch/infer/threshold", params={"run_sync": True}, json={"multi_gpu": False}).json()
    assert set(result) == set(IDS) and result[IDS[0]]["tag"] == "original"
    assert http.get("/datastore/").json()["label_tags"] == {"original": 3}
    assert http.post("/batch/infer/threshold", params={"images": "unlabeled"}).json()["status"] == "SUBMITTED"
    clock.advance(QUEUED + RUNNING)
    failed = http.get("/batch/infer").json()
    assert failed["status"] == "ERROR" and "modulo by zero" in failed["details"][-1]
    assert http.post("/batch/infer/threshold", params={"images": "some"}).status_code == 422


# -- the rest


def test_models_have_no_file(http: httpx.Client) -> None:
    assert http.get("/model/threshold").json() == {"detail": "Model File NOT Found for threshold"}
    assert http.get("/model/info/threshold").status_code == 404
    assert http.delete("/model/threshold").status_code == 404
    upload = http.put("/model/threshold", files={"file": ("m.pt", b"weights")})
    assert (upload.status_code, upload.json()) == (500, {"detail": "Model File Name NOT configured for threshold"})


def test_gpu_logs_crash_without_a_gpu(emulator: MonaiLabelEmulator) -> None:
    crash(emulator, "GET", "/logs/gpu")


def test_logs(http: httpx.Client) -> None:
    text = http.get("/logs/", params={"text": True, "lines": 1})
    assert text.headers["content-type"].startswith("text/plain") and text.text.count("\n") == 1
    assert http.get("/logs/").headers["content-type"].startswith("text/html")
