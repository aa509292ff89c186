"""What a real MONAI Label 0.8.5 server answers to an unknown model, image or strategy, measured (2026-11-30, the
test app of tools/servers/monailabel_app, 3 synthetic studies), and the same requests against the emulator.

The real server answers all of them with a bare plain-text `500 Internal Server Error` (and closes the
connection); the reason is only in its own log (`MONAILabelException: (<MONAILabelError.INVALID_INPUT: ...>,
"<reason>")`). The emulator answers the same status and body and adds the reason in `X-Emulator-Fault`, an extra
header the real server does not send, so a test against the emulator can say why. A train task of an unknown
model is accepted (200) and ends in ERROR with the reason in its `details`, on both.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from medannot.testing.data import write_nifti_volumes
from medannot.testing.monailabel import MonaiLabelEmulator
from medannot.testing.monailabel.app import FAULT_HEADER
from tests.contract.backends import backends

# (method, path, reason in the real server's log) -> 500 "Internal Server Error", text/plain, on both
CRASHES = [
    ("POST", "/infer/unknown?image=volume-000",
     "Inference Task is not Initialized. There is no model 'unknown' available"),
    ("POST", "/infer/threshold?image=nope", None),  # the real log: nibabel cannot work out the file type of "."
    ("POST", "/activelearning/unknown",
     "ActiveLearning Task is not Initialized. There is no such strategy 'unknown' available"),
    ("POST", "/train/unknown?run_sync=true",
     "Train Task is not Initialized. There is no model 'unknown' available; {'model': 'unknown'}"),
    ("POST", "/scoring/unknown?run_sync=true",
     "Scoring Task is not Initialized. There is no such scoring method 'unknown' available"),
    ("DELETE", "/datastore/image?id=nope", "Image nope not found"),
]  # fmt: skip


@pytest.fixture(params=backends("monailabel"))
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(backend, base URL): the emulator on 3 studies, or the real server of tests/fixtures/monailabel_live."""
    if request.param == "real":
        yield "real", request.getfixturevalue("monailabel_url")
        return
    studies = tmp_path_factory.mktemp("studies")
    write_nifti_volumes(studies, 3, shape=(8, 8, 4))
    with MonaiLabelEmulator(studies) as emulator:
        yield "emulator", emulator.url


@pytest.mark.parametrize(("method", "path", "reason"), CRASHES, ids=[f"{m} {p}" for m, p, _ in CRASHES])
def test_unknown_names_crash_as_on_the_real_server(
    server: tuple[str, str], method: str, path: str, reason: str | None
) -> None:
    backend, url = server
    response = httpx.request(method, url + path, timeout=60)  # its own connection: the server drops it after
    assert (response.status_code, response.text) == (500, "Internal Server Error")
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    if backend == "emulator":
        assert response.headers[FAULT_HEADER] == (reason or "Image nope not found")
    else:
        assert FAULT_HEADER.lower() not in response.headers


def test_a_train_task_of_an_unknown_model_ends_in_error(server: tuple[str, str]) -> None:
    _, url = server
    with httpx.Client(base_url=url, timeout=60) as http:
        accepted = http.post("/train/unknown")
        assert accepted.status_code == 200 and accepted.json()["status"] in ("SUBMITTED", "RUNNING")
        deadline, task = time.monotonic() + 60, accepted.json()
        while task["status"] in ("SUBMITTED", "RUNNING") and time.monotonic() < deadline:
            time.sleep(0.2)
            task = http.get("/train/").json()
        assert task["status"] == "ERROR"
        assert "Train Task is not Initialized. There is no model 'unknown' available" in task["details"][-1]


def test_a_wrong_password_crashes_the_token_route_with_a_reason() -> None:
    """The real server asks its realm, which says 401, and lets the error escape (tests/live/test_monailabel_auth)."""
    with MonaiLabelEmulator(auth=True, password="right") as emulator:
        response = httpx.post(emulator.url + "/auth/token", data={"username": "admin", "password": "wrong"})
    assert (response.status_code, response.text) == (500, "Internal Server Error")
    assert response.headers[FAULT_HEADER].startswith("401 Client Error: Unauthorized")
    assert "wrong" not in response.headers[FAULT_HEADER]


def test_the_reason_is_logged_in_one_line(caplog: pytest.LogCaptureFixture) -> None:
    with MonaiLabelEmulator() as emulator, caplog.at_level("WARNING", logger="medannot.testing"):
        httpx.post(emulator.url + "/activelearning/unknown")
    [record] = [r for r in caplog.records if r.name == "medannot.testing"]
    message: Any = record.getMessage()
    assert message.startswith("POST /activelearning/unknown -> 500 Internal Server Error, as the real server answers")
    assert "no such strategy 'unknown' available" in message and record.exc_info is None
