"""The official Labelbox SDK (7.x), provisioned in .cache/labelbox-venv: the oracle for our authored SDL.

There is no Labelbox server to run; the SDK is pointed at the emulator instead (tests/oracle/).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools.servers._venv import ensure_venv, venv_python

LABELBOX_VERSION = "7.17.0"

STEPS: list[list[str]] = [[f"labelbox=={LABELBOX_VERSION}"]]


def provision() -> Path:
    return ensure_venv("labelbox-venv", STEPS)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["provision"])
    parser.parse_args()
    print(venv_python(provision()), file=sys.stdout)
