"""Proof of schemas/datamint/openapi.yaml: both generations of the official SDK drive the emulator, and every
request they send must match an operation of the schema and validate (the emulator's contract journal says so).

- datamint 2.6.0 (`.cache/datamint-2.6-venv`): the seed's `APIHandler`, every verb the scenario can run offline;
- datamint 2.45.0 (`.cache/datamint-2.45-venv`): today's `Api` namespaces.

Both are installed `--no-deps` with the few packages their imports need (tools/servers/datamint_sdk.py); the
scenario (tests/oracle/datamint_sdk_scenario.py) runs in the SDK's venv and never imports medannot.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from medannot.testing._openapi import Checked
from medannot.testing.data import nifti_bytes
from medannot.testing.datamint import DatamintEmulator
from medannot.testing.datamint.samples import dicom_bytes, nifti_volume_bytes, png_bytes
from tools.servers._venv import venv_python
from tools.servers.datamint_sdk import provision

pytestmark = pytest.mark.oracle

SCENARIO = Path(__file__).with_name("datamint_sdk_scenario.py")
API_KEY = "oracle-datamint-key"

# Seed methods of APIHandler the 2.6.0 scenario must run (download_project included; the rest of the seed's verbs
# are absent from 2.6.0: get_resources_by_project and get_resource_annotations were removed before it).
APIHANDLER_METHODS = {
    "add_annotations",
    "add_frame_category_annotation",
    "add_image_category_annotation",
    "add_line_annotation",
    "create_project",
    "create_user",
    "delete_project",
    "delete_resources",
    "download_project",
    "download_resource_file",
    "download_resource_frame",
    "download_segmentation_file",
    "get_annotation_worklist",
    "get_annotation_worklist_by_id",
    "get_annotations",
    "get_channels",
    "get_datasets",
    "get_experiment_by_name",
    "get_project_by_id",
    "get_project_by_name",
    "get_projects",
    "get_resources",
    "get_resources_by_ids",
    "get_users",
    "publish_resources",
    "update_annotation_worklist",
    "upload_resources",
    "upload_segmentations",
}


def write_inputs(work: Path) -> None:
    work.mkdir(parents=True, exist_ok=True)
    (work / "ct.dcm").write_bytes(dicom_bytes(frames=3, rows=16, cols=16))
    (work / "img.png").write_bytes(png_bytes(8, 8, 128))
    (work / "img2.png").write_bytes(png_bytes(8, 8, 64))
    (work / "vol.nii.gz").write_bytes(nifti_volume_bytes((16, 12, 4)))
    mask = np.zeros((8, 8), dtype=np.uint8)
    mask[2:5, 2:6] = 255
    from PIL import Image

    Image.fromarray(mask).save(work / "mask.png")
    labels = np.zeros((16, 12, 4), dtype=np.uint8)
    labels[4:10, 3:8, 1:3] = 1
    (work / "seg.nii.gz").write_bytes(nifti_bytes(labels))


def loopback_env(home: Path) -> dict[str, str]:
    """Keep the SDK on 127.0.0.1 and away from a developer's ~/.config/datamintapi (its key would win)."""
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
    env.update(NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost", HOME=str(home))
    env.update(XDG_CONFIG_HOME=str(home / ".config"), MPLCONFIGDIR=str(home / ".mpl"))
    env.pop("DATAMINT_API_KEY", None)
    env.pop("DATAMINT_API_URL", None)
    return env


def run_sdk(generation: str, emulator: DatamintEmulator, work: Path) -> tuple[dict[str, Any], str]:
    try:
        python = venv_python(provision(generation))
    except subprocess.CalledProcessError as error:
        pytest.skip(f"datamint {generation} cannot be installed here: {error}")
    done = subprocess.run(
        [str(python), str(SCENARIO), generation, emulator.url, API_KEY, str(work)],
        env=loopback_env(work / "home"),
        cwd=work,  # the SDK writes its logs to .log/ in the working directory
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    lines = done.stdout.strip().splitlines()
    report = json.loads(lines[-1]) if lines else {"passed": [], "failed": ["no report"], "methods": []}
    report["returncode"] = done.returncode
    return report, done.stderr


def template_regex(template: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\\{[^/]+\\}", "[^/]+", re.escape(template)))


@dataclass
class Run:
    """What one SDK generation did against a fresh emulator."""

    report: dict[str, Any]
    stderr: str
    requests: list[tuple[str, str, int]]
    journal: list[Checked]
    operations: frozenset[tuple[str, str]]
    crashes: list[Any]

    def operation_of(self, method: str, path: str) -> tuple[str, str] | None:
        """The schema operation a request matched; a static segment beats a path parameter (`/resources/channels`
        is not `/resources/{resource_id}`)."""
        found = [(m, p) for m, p in self.operations if m == method and template_regex(p).fullmatch(path)]
        return min(found, key=lambda op: op[1].count("{"), default=None)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    done = {}
    for generation in ("2.6", "2.45"):
        work = tmp_path_factory.mktemp(f"datamint-{generation}")
        write_inputs(work)
        with DatamintEmulator(api_key=API_KEY) as emulator:
            report, stderr = run_sdk(generation, emulator, work)
            done[generation] = Run(
                report,
                stderr,
                list(emulator.requests),
                list(emulator.contract.journal),
                emulator.contract.operations,
                list(emulator.crashes),
            )
    return done


@pytest.mark.parametrize("generation", ["2.6", "2.45"])
def test_the_sdk_scenario_passes(generation: str, runs: dict[str, Run]) -> None:
    run = runs[generation]
    assert run.report["failed"] == [], run.stderr[-4000:]
    assert run.report["returncode"] == 0, run.stderr[-4000:]
    if generation == "2.6":
        assert set(run.report["methods"]) == APIHANDLER_METHODS


@pytest.mark.parametrize("generation", ["2.6", "2.45"])
def test_every_request_the_sdk_sent_is_valid(generation: str, runs: dict[str, Run]) -> None:
    """Every request matched an operation and validated; the only ones the contract did not check are those the
    key check refused first (a wrong key on purpose, 401), which must still be operations of the schema."""
    run = runs[generation]
    assert run.requests, "the SDK sent nothing"
    checked = {(c.method, c.path) for c in run.journal}
    unchecked = [(m, p, s) for m, p, s in run.requests if (m, p) not in checked]
    assert all(s == 401 and run.operation_of(m, p) for m, p, s in unchecked), unchecked
    assert [c for c in run.journal if c.request_errors or c.response_errors] == []
    assert run.crashes == []


def test_the_sdks_use_every_operation_of_the_schema(runs: dict[str, Run]) -> None:
    """The schema holds nothing the two generations do not prove, but for what the emulator tests cover alone."""
    not_driven = {("POST", "/resources/bulk-publish")}  # both publish one resource at a time
    used = {run.operation_of(c.method, c.path) for run in runs.values() for c in run.journal}
    operations = runs["2.45"].operations
    assert operations - used - not_driven == set()
