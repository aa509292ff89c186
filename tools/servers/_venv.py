"""Idempotent virtual environments under .cache/, shared by every real server and official client."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("MEDANNOT_CACHE", REPO / ".cache"))


def venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def ensure_venv(name: str, steps: list[list[str]]) -> Path:
    """Create `.cache/<name>` and run each pip argument list once; a stamp of the steps makes it reusable.

    The stamp is written only after every step succeeded, so an interrupted install is redone.
    """
    venv = CACHE / name
    stamp = venv / ".medannot-provisioned"
    digest = hashlib.sha256(repr(steps).encode()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return venv
    CACHE.mkdir(parents=True, exist_ok=True)
    if not venv_python(venv).exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    for args in steps:
        print(f"[provision {name}] pip install {' '.join(args)}", file=sys.stderr, flush=True)
        subprocess.run(
            [str(venv_python(venv)), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *args],
            check=True,
        )
    stamp.write_text(digest)
    return venv
