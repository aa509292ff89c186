"""Helpers for the command-line tests: run `medannot` as a subprocess (optionally killed at a failpoint), read a
manifest, build local data sets."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv("MEDANNOT_STATE_DIR", str(folder))
    monkeypatch.setenv("MEDANNOT_CONFIG", str(tmp_path / "no-config.toml"))
    return folder


def cli(*args: str, failpoint: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`python -m medannot ARGS` with the test's environment; `failpoint` ("sent:3") SIGKILLs it there."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("MEDANNOT_FAILPOINT", None)
    if failpoint:
        env["MEDANNOT_FAILPOINT"] = failpoint
    return subprocess.run([sys.executable, "-m", "medannot", *args], capture_output=True, text=True, env=env,
                          timeout=timeout, cwd=ROOT)  # fmt: skip


def killed(result: subprocess.CompletedProcess[str]) -> bool:
    return result.returncode == -signal.SIGKILL


def kill_when(args: list[str], manifest_glob: Path, done_at_least: int, timeout: float = 60) -> int:
    """Start the command, SIGKILL it as soon as its manifest counts `done_at_least` done items (a kill at a
    moment the test does not choose: mid-item, mid-commit, ...). Returns how many were done when it was killed
    (-1 when the command finished first)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("MEDANNOT_FAILPOINT", None)
    proc = subprocess.Popen([sys.executable, "-m", "medannot", *args], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                return -1
            done = _done(manifest_glob)
            if done >= done_at_least:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                return done
            time.sleep(0.002)
        raise AssertionError("the command neither finished nor reached the kill point")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _done(folder: Path) -> int:
    for path in folder.glob("transfers/*.sqlite"):
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.1)
            n = db.execute("SELECT COUNT(*) FROM items WHERE state = 'done'").fetchone()[0]
            db.close()
            return int(n)
        except sqlite3.Error:
            return 0
    return 0


def manifest_rows(state: Path) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for path in sorted(state.glob("transfers/*.sqlite")):
        db = sqlite3.connect(path)
        db.row_factory = sqlite3.Row
        rows += [dict(r) for r in db.execute("SELECT * FROM items ORDER BY key")]
        db.close()
    return rows


def sha256(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def tree(folder: Path) -> dict[str, str]:
    """Relative path -> checksum of every file under `folder` (hidden and temporary files included)."""
    return {p.relative_to(folder).as_posix(): sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def write_files(folder: Path, count: int, size: int) -> dict[str, str]:
    """`count` NIfTI-named files of random bytes (MONAI Label stores any bytes): name -> checksum."""
    import random

    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(count * 7919 + size)
    out = {}
    for i in range(count):
        path = folder / f"img_{i:03d}.nii.gz"
        path.write_bytes(rng.randbytes(size))
        out[path.name] = sha256(path)
    return out


def write_msd(folder: Path, count: int) -> dict[str, object]:
    """An MSD data set (dataset.json, imagesTr, labelsTr) of small NIfTI volumes with 3-class labels."""
    import nibabel as nib
    import numpy as np

    (folder / "imagesTr").mkdir(parents=True, exist_ok=True)
    (folder / "labelsTr").mkdir(exist_ok=True)
    rng = np.random.default_rng(count)
    affine = np.diag([0.8, 0.7, 2.5, 1.0])
    affine[:3, 3] = [-12.0, 4.5, 30.0]
    training = []
    for i in range(count):
        image = rng.normal(size=(16, 12, 6)).astype(np.float32)
        label = ((image > 0.3).astype(np.uint8) + (image > 1.2).astype(np.uint8)).astype(np.uint8)
        nib.save(nib.Nifti1Image(image, affine), folder / "imagesTr" / f"case_{i:03d}.nii.gz")
        nib.save(nib.Nifti1Image(label, affine), folder / "labelsTr" / f"case_{i:03d}.nii.gz")
        training.append({"image": f"./imagesTr/case_{i:03d}.nii.gz", "label": f"./labelsTr/case_{i:03d}.nii.gz"})
    dataset = {"name": "toy", "labels": {"0": "background", "1": "organ", "2": "lesion"}, "numTraining": count,
               "training": training}  # fmt: skip
    (folder / "dataset.json").write_text(json.dumps(dataset))
    return dataset


def summary(result: subprocess.CompletedProcess[str]) -> dict[str, object]:
    assert result.returncode == 0, result.stderr + result.stdout
    data: dict[str, object] = json.loads(result.stdout)
    return data


def puts(emulator: object, path: str) -> list[str]:
    """The PUT requests the emulator served on `path`, in order (its contract journal)."""
    journal = emulator.contract.journal  # type: ignore[attr-defined]
    return [c.path for c in journal if c.method == "PUT" and c.path == path]


def iter_done(rows: list[dict[str, object]]) -> Iterator[dict[str, object]]:
    return (r for r in rows if r["state"] == "done")
