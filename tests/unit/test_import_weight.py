"""The clients stay light: importing one never pulls in the emulators' server stack or the imaging extra."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# (rich is left out: httpx itself imports it for its command line when it is installed.)
HEAVY = ["starlette", "uvicorn", "openapi_core", "ariadne", "graphql", "numpy", "nibabel", "pydicom"]


@pytest.mark.parametrize("module", ["medannot.monailabel", "medannot.phas", "medannot.labelbox"])
def test_client_import_does_not_load_server_or_imaging_packages(module: str) -> None:
    code = f"import sys, json, {module}; print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert loaded == []
