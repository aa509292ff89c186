"""The official Grand Challenge client, gcapi, in two virtual environments under .cache/ (the oracle for the
authored schemas/grandchallenge/openapi.yaml and for the emulator):

- gcapi 0.13.4, the last release with the seed's verbs (`upload_cases`, `run_external_job`);
- gcapi 0.16.1, with `start_algorithm_job`, `add_case_to_*`, `update_*`, `images.download`, `download_socket_value`.

Both pin httpx ~=0.23, so neither shares an environment with medannot. Provisioning goes through the shared
`ensure_venv` (a stamp of the install steps makes a warm run reuse the venv without calling pip):

    .venv/bin/python -m tests.oracle.gcapi_venvs provision     # prints the two interpreters
"""

from __future__ import annotations

import sys
from pathlib import Path

from tools.servers._venv import ensure_venv, venv_python

GCAPI_SEED_VERSION = "0.13.4"
GCAPI_VERSION = "0.16.1"

SEED_STEPS: list[list[str]] = [[f"gcapi=={GCAPI_SEED_VERSION}"]]
# 0.16.1 also imports pydantic (its models are pydantic dataclasses) and grand-challenge-dicom-de-identifier
# (DICOM uploads are de-identified first); both are declared dependencies, pip resolves them.
STEPS: list[list[str]] = [[f"gcapi=={GCAPI_VERSION}"]]


def provision_seed() -> Path:
    """`.cache/gcapi-0.13-venv` with gcapi 0.13.4; returns the venv folder."""
    return ensure_venv("gcapi-0.13-venv", SEED_STEPS)


def provision() -> Path:
    """`.cache/gcapi-0.16-venv` with gcapi 0.16.1; returns the venv folder."""
    return ensure_venv("gcapi-0.16-venv", STEPS)


if __name__ == "__main__":
    if sys.argv[1:] != ["provision"]:
        raise SystemExit("usage: python -m tests.oracle.gcapi_venvs provision")
    for venv in (provision_seed(), provision()):
        print(venv_python(venv))
