"""The real MONAI Label 0.8.5 server, driven with raw httpx: proves the harness and pins the server
behaviour that the client and the emulator rely on (see docs/monailabel-server.md).

Run: .venv/bin/python -m pytest -p tests.fixtures.monailabel_live tests/live/test_monailabel_server_smoke.py
"""

from __future__ import annotations

import email.parser
import gzip
import hashlib
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import nibabel as nib
import numpy as np
import pytest

from medannot.testing.data import nifti_bytes, write_nifti_volumes
from tools.servers.monailabel import MonaiLabelServer

pytestmark = pytest.mark.live


@pytest.fixture
def client(monailabel_server: MonaiLabelServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=monailabel_server.url, timeout=60.0) as c:
        yield c


def expected_threshold(path: Path) -> tuple[float, np.ndarray]:
    """What the tiny app's `threshold` model computes: label = volume > mean(volume)."""
    data = np.asanyarray(nib.load(path).dataobj, dtype=np.float64)
    return float(data.mean()), (data > data.mean()).astype(np.uint8)


def wait_task(client: httpx.Client, path: str, *, until: set[str], timeout: float = 60.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        response = client.get(path)
        if response.status_code == 200 and response.json()["status"] in until:
            return dict(response.json())
        if time.monotonic() > deadline:
            raise AssertionError(f"{path}: {response.status_code} {response.text[:300]}")
        time.sleep(0.2)


def multipart_parts(response: httpx.Response) -> dict[str, tuple[str | None, bytes]]:
    """name -> (filename, payload) of a multipart/form-data response."""
    head = f"Content-Type: {response.headers['content-type']}\r\n\r\n".encode()
    message = email.parser.BytesParser().parsebytes(head + response.content)
    parts = {}
    for part in message.get_payload():
        parts[part.get_param("name", header="content-disposition")] = (
            part.get_filename(),
            part.get_payload(decode=True),
        )
    return parts


def test_info_lists_the_tiny_app(client: httpx.Client) -> None:
    info = client.get("/info/").raise_for_status().json()
    assert info["name"] == "medannot-tiny"
    assert list(info["models"]) == ["threshold"]
    assert info["models"]["threshold"]["labels"] == {"foreground": 1}
    assert list(info["trainers"]) == ["threshold"]
    assert set(info["strategies"]) == {"first", "random"}
    assert set(info["scoring"]) == {"sum", "dice"}
    assert info["datastore"]["total"] >= 3


def test_upload_then_infer(client: httpx.Client, tmp_path: Path) -> None:
    (volume,) = write_nifti_volumes(tmp_path, 1, seed=7)
    with volume.open("rb") as f:
        response = client.put(
            "/datastore/image",
            params={"image": "smoke-upload"},
            files={"file": ("x.nii.gz", f)},
            data={"params": json.dumps({"k": "v"})},
        )
    assert response.status_code == 200 and response.json() == {"image": "smoke-upload"}
    assert client.head("/datastore/image", params={"image": "smoke-upload"}).status_code == 200
    assert client.get("/datastore/image", params={"image": "smoke-upload"}).content == volume.read_bytes()

    threshold, label = expected_threshold(volume)
    params = {"threshold": threshold, "foreground": int(label.sum())}
    as_json = client.post("/infer/threshold", params={"image": "smoke-upload", "output": "json"})
    assert as_json.headers["content-type"] == "application/json" and as_json.json() == params

    # Default output: multipart/form-data with a JSON part `params` and a file part `image`.
    default = client.post("/infer/threshold", params={"image": "smoke-upload"})
    assert default.headers["content-type"].startswith("multipart/form-data; boundary=")
    parts = multipart_parts(default)
    assert set(parts) == {"params", "image"}
    assert json.loads(parts["params"][1]) == params
    filename, payload = parts["image"]
    assert filename is not None and filename.endswith(".nii.gz")
    result = nib.Nifti1Image.from_bytes(gzip.decompress(payload))
    assert np.array_equal(np.asanyarray(result.dataobj), label)


def test_train_start_status_stop(client: httpx.Client) -> None:
    started = client.post("/train/threshold", json={"sleep": 0.2}).raise_for_status().json()
    assert started["status"] == "SUBMITTED" and started["request"]["model"] == "threshold"
    done = wait_task(client, "/train/", until={"DONE", "ERROR"})
    assert done["status"] == "DONE" and done["id"] == started["id"]
    assert '"slept": 0.2' in done["details"][-1]  # the task's return value only shows up in the log lines

    client.post("/train/threshold", json={"sleep": 60}).raise_for_status()
    running = wait_task(client, "/train/?check_if_running=true", until={"RUNNING"})
    again = client.post("/train/threshold", json={"sleep": 1})
    assert again.status_code == 429 and "Already Running" in again.json()["detail"]
    stopped = client.delete("/train/").raise_for_status().json()
    assert stopped["status"] == "STOPPED" and stopped["id"] == running["id"]
    assert client.get("/train/", params={"check_if_running": True}).status_code == 404


def test_session_then_infer(client: httpx.Client, monailabel_server: MonaiLabelServer) -> None:
    volume = monailabel_server.studies / "volume-000.nii.gz"
    created = client.put("/session/", files={"files": ("s.nii.gz", volume.read_bytes())})
    session = created.raise_for_status().json()["session_id"]
    assert client.get(f"/session/{session}").json()["name"] == session
    threshold, _ = expected_threshold(volume)
    result = client.post("/infer/threshold", params={"session_id": session, "output": "json"}).json()
    assert result["threshold"] == threshold
    assert client.delete(f"/session/{session}").status_code == 200
    assert client.get(f"/session/{session}").status_code == 404


def test_batch_infer_needs_multi_gpu_false_on_cpu(client: httpx.Client) -> None:
    # With the server's default params (multi_gpu true, no GPU) the task dies of a ZeroDivisionError.
    client.post("/batch/infer/threshold", params={"images": "unlabeled"}).raise_for_status()
    assert wait_task(client, "/batch/infer", until={"DONE", "ERROR"})["status"] == "ERROR"
    synced = client.post(
        "/batch/infer/threshold", params={"images": "all", "run_sync": True}, json={"multi_gpu": False}
    )
    assert synced.status_code == 200
    assert all(v["tag"] == "original" for v in synced.json().values())


def test_scoring_sum_of_a_saved_label(client: httpx.Client, monailabel_server: MonaiLabelServer) -> None:
    _, label = expected_threshold(monailabel_server.studies / "volume-001.nii.gz")
    saved = client.put(
        "/datastore/label",
        params={"image": "volume-001", "tag": "final"},
        files={"label": ("l.nii.gz", nifti_bytes(label))},
    )
    assert saved.json() == {"image": "volume-001", "label": "volume-001"}
    scores = client.post("/scoring/sum", params={"run_sync": True}).raise_for_status().json()
    assert scores["volume-001"]["sum"] == int(label.sum())


def test_wsi_v2_without_openslide_runs_the_plain_infer(
    client: httpx.Client, monailabel_server: MonaiLabelServer
) -> None:
    threshold, _ = expected_threshold(monailabel_server.studies / "volume-002.nii.gz")
    result = client.post("/infer/wsi_v2/threshold", params={"image": "volume-002", "output": "json"})
    assert result.json()["threshold"] == threshold
    as_file = client.post("/infer/wsi_v2/threshold", params={"image": "volume-002"})  # output dsa
    assert as_file.headers["content-type"] == "application/octet-stream"


def test_unhandled_errors_are_plain_text(monailabel_url: str) -> None:
    # 500, text/plain "Internal Server Error"; the server then drops the connection without
    # `Connection: close`, so a request sent at once on it is reset (hence a client of its own).
    with httpx.Client(base_url=monailabel_url, timeout=60.0) as c:
        fault = c.post("/activelearning/no-such-strategy")
    assert (fault.status_code, fault.headers["content-type"], fault.text) == (
        500,
        "text/plain; charset=utf-8",
        "Internal Server Error",
    )


def test_head_faults(client: httpx.Client) -> None:
    # HEAD with any check_sum answers 404, even the right one.
    image = client.get("/datastore/image", params={"image": "volume-000"}).content
    digest = hashlib.sha256(image).hexdigest()
    for check_sum in (digest, f"SHA256:{digest}"):
        head = client.head("/datastore/image", params={"image": "volume-000", "check_sum": check_sum})
        assert head.status_code == 404
    # HEAD /datastore/label takes the label id as `image` (GET takes `label`).
    assert client.head("/datastore/label", params={"label": "volume-000", "tag": "final"}).status_code == 422


def test_auth_rejects_every_token(monailabel_auth_server: MonaiLabelServer) -> None:
    from tests.fixtures.monailabel_live import FAKE_REALM_PASSWORD, FAKE_REALM_TOKEN

    with httpx.Client(base_url=monailabel_auth_server.url, timeout=30.0) as c:
        assert c.get("/auth/").json()["enabled"] is True
        token = c.post("/auth/token", data={"username": "u", "password": FAKE_REALM_PASSWORD}).json()
        assert token == {"access_token": FAKE_REALM_TOKEN, "token_type": "Bearer"}  # realm's answer, filtered
        missing = c.get("/info/")
        assert (missing.status_code, missing.json()) == (401, {"detail": "Not authenticated"})
        # 0.8.5 calls jwt.decode without `algorithms`: PyJWT 2 raises DecodeError for any token -> 401.
        bearer = c.get("/info/", headers={"Authorization": f"Bearer {token['access_token']}"})
        assert (bearer.status_code, bearer.json()) == (401, {"detail": "Could not validate credentials"})
        assert bearer.headers["www-authenticate"] == "Bearer"
    with httpx.Client(base_url=monailabel_auth_server.url, timeout=30.0) as c:
        refused = c.post("/auth/token", data={"username": "u", "password": "wrong"})  # realm says 401
        assert (refused.status_code, refused.text) == (500, "Internal Server Error")
