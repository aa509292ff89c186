"""`python -m medannot.testing <platform>` stopped by SIGTERM or SIGINT leaves no temporary folder behind (issue 9).

The server runs as a child process with its own TMPDIR; the MONAI Label emulator gets an uploaded image first, so
its `medannot-monailabel-*` folder holds user data when the signal comes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from medannot.registry import PLATFORMS
from medannot.testing.data import nifti_bytes, synthetic_volume

STARTUP = 60  # seconds for the child to print its URL (PHAS builds its synthetic slides first)


def _serve(platform: str, tmp: Path) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "TMPDIR": str(tmp), "PYTHONUNBUFFERED": "1"}
    child = subprocess.Popen(
        [sys.executable, "-m", "medannot.testing", platform, "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        if line.startswith(("http://", "https://")):
            return child, line.strip()
    child.kill()
    raise AssertionError(f"{platform} emulator did not start: {child.communicate()[1][-2000:]}")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_signal_removes_temporary_folders(platform: str, signum: signal.Signals, tmp_path: Path) -> None:
    child, url = _serve(platform, tmp_path)
    try:
        if platform == "monailabel":
            image = nifti_bytes(synthetic_volume((8, 8, 4)))
            upload = httpx.put(f"{url}/datastore/image?image=case1", files={"file": ("case1.nii.gz", image)})
            assert upload.status_code == 200, upload.text
            assert list(tmp_path.glob("medannot-monailabel-*/studies/case1.nii.gz"))
        child.send_signal(signum)
        _, stderr = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode in (0, 128 + signal.SIGTERM), stderr[-2000:]
    assert "Traceback" not in stderr, stderr[-2000:]
    assert not list(tmp_path.glob("medannot-*")), f"left behind: {sorted(p.name for p in tmp_path.iterdir())}"
