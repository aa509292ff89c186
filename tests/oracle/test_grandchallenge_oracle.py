"""Oracle for schemas/grandchallenge/openapi.yaml and the Grand Challenge emulator: the official client, gcapi,
drives the emulator over HTTPS from its own virtual environment (tests/oracle/gcapi_venvs.py), and every request
it sends must validate against the schema (the emulator checks requests and its own responses; its journal must
hold no error of either kind, and every API request must have been checked).

- gcapi 0.13.4 (tests/oracle/gcapi_seed_scenario.py): the seed's `upload_cases` to an archive, a display set and
  an archive item, and `run_external_job` (image and value inputs, and a failing algorithm), each followed to
  a terminal state on the emulator's clock (short configured durations).
- gcapi 0.16.1 (tests/oracle/gcapi_scenario.py): `start_algorithm_job`, `add_case_to_archive`,
  `add_case_to_reader_study`, `update_archive_item`, `update_display_set`, `images.download`,
  `download_socket_value`, including one two-part (> 32 MiB) upload; then gcapi's generic namespaces (listings,
  details, answers, ground truth, list-parts, abort).

Together they use every operation of the schema but the PUTs. Cold (venvs built under .cache/) about 25 s; warm
about 10 s.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from medannot.testing.data import nifti_bytes, synthetic_volume
from medannot.testing.grandchallenge import GrandChallengeEmulator
from tests.oracle.gcapi_venvs import provision, provision_seed
from tools.servers._venv import venv_python

pytestmark = pytest.mark.oracle

HERE = Path(__file__).parent
TOKEN = "oracle-token"
#: Outside the API (not in the schema, not validated): presigned storage URLs and the media redirects.
BESIDE_THE_API = re.compile(r"^/(storage|media)/")


@dataclass
class Run:
    returncode: int
    report: dict[str, Any]
    stderr: str
    requests: list[tuple[str, str, int]]  # what the emulator answered: method, path, status
    checked: list[tuple[str, str]]  # what it validated against the schema
    invalid: list[str]  # journal entries with request or response errors
    operations: set[tuple[str, str]]  # the schema operations the client used (method, path template)
    crashes: list[str]


def loopback_env(**extra: str) -> dict[str, str]:
    """httpx honours proxy variables: keep every call on 127.0.0.1; no token from the environment."""
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
    env.update(NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost", PYTHONDONTWRITEBYTECODE="1")
    for name in ("GRAND_CHALLENGE_AUTHORIZATION", "SSL_CERT_FILE", "SSL_CERT_DIR"):
        env.pop(name, None)
    env.update(extra)
    return env


def write_images(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"oracle-{n}.nii.gz"
        path.write_bytes(nifti_bytes(synthetic_volume((8, 8, 4), 40 + n)))
        paths.append(path)
    return paths


def template(emulator: GrandChallengeEmulator, method: str, path: str) -> str | None:
    """The schema's path template for a request path; literal segments win (`archives/items/` over `archives/{pk}/`)."""
    matches = [
        p
        for m, p in emulator.contract.operations
        if m == method and re.fullmatch(re.sub(r"\\\{[^/]+\\\}", "[^/]+", re.escape(p)), path)
    ]
    return min(matches, key=lambda p: (p.count("{"), p), default=None)


def drive(python: Path, scenario: str, args: list[str], *, ca_in_environment: bool = False) -> Run:
    """Run a scenario against a fresh emulator (imports and job stages take tenths of seconds on its clock).

    `ca_in_environment`: also trust the emulator's CA through SSL_CERT_FILE (for what ignores `verify=`)."""
    with GrandChallengeEmulator(TOKEN, import_seconds=0.1, job_step_seconds=0.02) as gc:
        env = loopback_env(**({"SSL_CERT_FILE": str(gc.ca_path)} if ca_in_environment else {}))
        done = subprocess.run(
            [str(python), str(HERE / scenario), "--url", gc.url, "--token", TOKEN, "--ca", str(gc.ca_path), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        journal = list(gc.contract.journal)
        requests = list(gc.requests)
        operations = {(c.method, t) for c in journal if (t := template(gc, c.method, c.path))}
        crashes = [f"{c.method} {c.path}: {c}" for c in gc.crashes]
    lines = done.stdout.strip().splitlines()
    report = json.loads(lines[-1]) if lines else {"passed": [], "failed": ["no report"], "methods": []}
    return Run(
        returncode=done.returncode,
        report=report,
        stderr=done.stderr,
        requests=requests,
        checked=[(c.method, c.path) for c in journal],
        invalid=[
            f"{c.method} {c.path}: {c.request_errors} {c.response_errors}"
            for c in journal
            if c.request_errors or c.response_errors
        ],
        operations=operations,
        crashes=crashes,
    )


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    python = venv_python(provision_seed())
    images = write_images(tmp_path_factory.mktemp("gcapi-0.13"), 3)
    # 0.13.4's version check opens its own httpx.Client without `verify`: it trusts the CA through SSL_CERT_FILE.
    args = [a for p in images for a in ("--image", str(p))]
    return drive(python, "gcapi_seed_scenario.py", args, ca_in_environment=True)


@pytest.fixture(scope="module")
def current_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    python = venv_python(provision())
    work = tmp_path_factory.mktemp("gcapi-0.16")
    images = write_images(work / "in", 2)
    args = [a for p in images for a in ("--image", str(p))] + ["--workdir", str(work)]
    return drive(python, "gcapi_scenario.py", args)  # `verify=` alone must do


def assert_every_request_validated(run: Run) -> None:
    assert run.requests, "gcapi sent nothing"
    assert run.invalid == [], "\n".join(run.invalid)
    unchecked = Counter((m, p) for m, p, _ in run.requests) - Counter(run.checked)
    outside = sorted((m, p) for m, p in unchecked if not BESIDE_THE_API.match(p))
    assert outside == [], f"API requests the schema did not check (not routed, or refused before validation): {outside}"
    assert run.crashes == []


def test_gcapi_013_upload_cases_and_run_external_job(seed_run: Run) -> None:
    assert seed_run.report["failed"] == [], "\n".join(seed_run.report["failed"]) + seed_run.stderr[-3000:]
    assert seed_run.returncode == 0, seed_run.stderr[-3000:]
    assert set(seed_run.report["methods"]) == {
        "upload_cases(archive)",
        "upload_cases(display_set)",
        "upload_cases(archive_item)",
        "run_external_job(image)",
        "run_external_job(values)",
    }


def test_gcapi_013_requests_validate_against_the_schema(seed_run: Run) -> None:
    assert_every_request_validated(seed_run)
    assert {
        ("GET", "/api/v1/gcapi/"),
        ("POST", "/api/v1/uploads/"),
        ("PATCH", "/api/v1/uploads/{pk}/{s3_upload_id}/generate-presigned-urls/"),
        ("PATCH", "/api/v1/uploads/{pk}/{s3_upload_id}/complete-multipart-upload/"),
        ("POST", "/api/v1/cases/upload-sessions/"),
        ("GET", "/api/v1/cases/upload-sessions/{pk}/"),
        ("GET", "/api/v1/archives/items/"),
        ("POST", "/api/v1/algorithms/jobs/"),
        ("GET", "/api/v1/algorithms/jobs/{pk}/"),
    } <= seed_run.operations


def test_gcapi_016_verbs(current_run: Run) -> None:
    assert current_run.report["failed"] == [], "\n".join(current_run.report["failed"]) + current_run.stderr[-3000:]
    assert current_run.returncode == 0, current_run.stderr[-3000:]
    assert set(current_run.report["methods"]) == {
        "start_algorithm_job",
        "add_case_to_archive",
        "add_case_to_reader_study",
        "update_archive_item",
        "update_display_set",
        "images.download",
        "download_socket_value",
        "namespaces",
    }


def test_gcapi_016_requests_validate_against_the_schema(current_run: Run) -> None:
    assert_every_request_validated(current_run)
    assert {
        ("GET", "/api/v1/gcapi/"),
        ("POST", "/api/v1/uploads/"),
        ("PATCH", "/api/v1/uploads/{pk}/{s3_upload_id}/generate-presigned-urls/"),
        ("PATCH", "/api/v1/uploads/{pk}/{s3_upload_id}/complete-multipart-upload/"),
        ("POST", "/api/v1/algorithms/jobs/"),
        ("POST", "/api/v1/archives/items/"),
        ("PATCH", "/api/v1/archives/items/{pk}/"),
        ("POST", "/api/v1/reader-studies/display-sets/"),
        ("PATCH", "/api/v1/reader-studies/display-sets/{pk}/"),
        ("GET", "/api/v1/cases/images/{pk}/"),
        ("POST", "/api/v1/reader-studies/answers/"),
        ("PATCH", "/api/v1/reader-studies/answers/{pk}/"),
        ("GET", "/api/v1/reader-studies/{pk}/ground-truth/{case_pk}/"),
        ("GET", "/api/v1/uploads/{pk}/{s3_upload_id}/list-parts/"),
        ("PATCH", "/api/v1/uploads/{pk}/{s3_upload_id}/abort-multipart-upload/"),
    } <= current_run.operations
    storage_puts = [p for m, p, s in current_run.requests if m == "PUT" and p.startswith("/storage/")]
    assert len(storage_puts) > len({p for p in storage_puts}), "the > 32 MiB file went up in more than one part"


def test_gcapi_proves_every_operation_of_the_schema(seed_run: Run, current_run: Run) -> None:
    """The schema holds nothing gcapi does not use, but the PUTs (gcapi's `update`, which none of its verbs call)."""
    with GrandChallengeEmulator(TOKEN) as gc:
        described = set(gc.contract.operations)
    unproven = described - seed_run.operations - current_run.operations
    assert sorted(op for op in unproven if op[0] != "PUT") == []
