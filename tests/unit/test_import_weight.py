"""The clients and the pytest plugin stay light: importing one never pulls in the emulators' server stack or the
imaging extra (pytest loads the plugin in every project that has medannot installed)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from medannot.registry import PLATFORMS

# (rich is left out: httpx itself imports it for its command line when it is installed.)
HEAVY = ["starlette", "uvicorn", "openapi_core", "ariadne", "graphql", "numpy", "nibabel", "pydicom"]


@pytest.mark.parametrize("module", [*(p.facade for p in PLATFORMS.values()), "medannot.testing.pytest_plugin"])
def test_client_import_does_not_load_server_or_imaging_packages(module: str) -> None:
    code = f"import sys, json, {module}; print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert loaded == []
