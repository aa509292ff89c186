"""Oracle: the official MONAILabelClient runs the contract scenario against the emulator; every request it
sends must match an operation of the schema and validate (the emulator's contract journal says so)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from medannot.testing.data import write_nifti_volumes
from medannot.testing.monailabel import MonaiLabelEmulator
from tools.servers._venv import venv_python
from tools.servers.monailabel import provision

pytestmark = pytest.mark.oracle

SCENARIO = Path(__file__).with_name("monailabel_official_scenario.py")


def run_official(emulator: MonaiLabelEmulator, tmp_path: Path, *extra: str) -> dict[str, object]:
    python = venv_python(provision())
    a, b = write_nifti_volumes(tmp_path / "in", 2, seed=11)
    (tmp_path / "work").mkdir()
    result = subprocess.run(
        [str(python), str(SCENARIO), emulator.url, str(a), str(b), str(tmp_path / "work"), *extra],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def in_schema(emulator: MonaiLabelEmulator, method: str, path: str) -> bool:
    templates = [re.sub(r"\\{[^/]+\\}", "[^/]+", re.escape(p)) for m, p in emulator.contract.operations if m == method]
    return any(re.fullmatch(t, path) for t in templates)


def assert_every_request_validated(emulator: MonaiLabelEmulator) -> None:
    """Every request was checked against the schema and passed; a request the server did not route (404 for
    /auth/ with auth off, as 0.8.5 does) must still be an operation of the schema."""
    checked = [(c.method, c.path) for c in emulator.contract.journal]
    unchecked = [(m, p, s) for m, p, s in emulator.requests if (m, p) not in checked]
    assert emulator.requests, "the official client sent nothing"
    assert all(s == 404 and in_schema(emulator, m, p) for m, p, s in unchecked), unchecked
    invalid = [c for c in emulator.contract.journal if c.request_errors or c.response_errors]
    assert invalid == []


def test_official_client_scenario_is_valid_against_the_schema(tmp_path: Path) -> None:
    with MonaiLabelEmulator() as emulator:
        out = run_official(emulator, tmp_path)
        assert_every_request_validated(emulator)
    assert out["models"] == ["threshold"] and out["upload"] == "oracle-a" and out["upload_b"] == "oracle-b"
    assert {"oracle-a", "oracle-b"} <= set(out["datastore"])  # type: ignore[arg-type]
    assert out["next_sample"] in ("oracle-a", "oracle-b")
    assert out["save_label"] == "oracle-a" and out["download_label"] and out["session_infer"]
    assert out["train_status"] == "DONE" and out["auth_enabled"] is False


def test_official_client_auth_flow_is_valid_against_the_schema(tmp_path: Path) -> None:
    with MonaiLabelEmulator(auth=True, username="annotator", password="secret") as emulator:
        out = run_official(emulator, tmp_path, "--auth", "annotator", "secret")
        assert_every_request_validated(emulator)
    assert out == {"auth_enabled": True, "auth_valid_token": True, "models": ["threshold"]}
