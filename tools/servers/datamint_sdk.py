"""The official Datamint SDK, both generations, each in its own venv under .cache/: the oracles for our authored
schema (there is no Datamint server to run; the SDKs are pointed at the emulator, see tests/oracle/).

- `.cache/datamint-2.6-venv`: datamint 2.6.0, the last release whose `datamint.APIHandler` (the seed's class)
  imports.
- `.cache/datamint-2.45-venv`: datamint 2.45.0, today's `datamint.Api`.

Their declared dependencies weigh about 7 GB (torch with CUDA, lightning, mlflow, albumentations, opencv, av, ...),
so each venv gets the SDK `--no-deps` plus only what its imports and the oracle scenario need, also `--no-deps`
(versions are left to pip, as for the other oracles, except where an import breaks otherwise). 2.6.0 needs about 30
light packages. 2.45.0's `datamint.api.client` imports its MLflow flavour (torch, lightning, torchmetrics, mlflow-
skinny and its imports) at module level: torch is the CPU build that pip finds on these machines (as in the MONAI
Label venv), about 0.8 GB installed instead of the CUDA build.

    python -m tools.servers.datamint_sdk provision [2.6|2.45]     # prints each venv's python
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools.servers._venv import ensure_venv, venv_python

APIHANDLER_VERSION = "2.6.0"
API_VERSION = "2.45.0"

# `import datamint.apihandler.api_handler` (2.6.0) and what its calls use at run time (puremagic: medimgkit's sniffing).
_LIGHT: list[str] = [
    "lazy-loader", "pydicom<4", "requests", "urllib3", "certifi", "idna", "charset-normalizer", "aiohttp",
    "multidict", "attrs", "yarl", "propcache", "typing-extensions", "aiohappyeyeballs", "aiosignal", "frozenlist",
    "medimgkit", "numpy", "pillow", "Deprecated", "wrapt", "nibabel", "packaging", "opencv-python-headless",
    "pyyaml", "platformdirs", "nest-asyncio", "tqdm", "humanize", "puremagic",
]  # fmt: skip

# `from datamint import Api` (2.45.0): httpx and pydantic, rich for its logging, and the MLflow flavour's imports.
_API_EXTRA: list[str] = [
    "httpx", "httpcore", "h11", "anyio", "sniffio", "pydantic", "pydantic-core", "annotated-types",
    "typing-inspection", "rich", "pygments", "markdown-it-py", "mdurl", "cachetools",
    "torch==2.13.0", "lightning", "lightning-utilities", "torchmetrics", "sympy", "mpmath", "fsspec",
    "mlflow-skinny==3.8.1", "protobuf", "opentelemetry-api", "opentelemetry-sdk", "opentelemetry-semantic-conventions",
    "opentelemetry-proto", "importlib-metadata", "lazy-importer", "zipp", "databricks-sdk", "click", "sqlparse",
    "cloudpickle", "pandas", "python-dateutil", "six", "pytz", "tzdata",
]  # fmt: skip

VENVS: dict[str, tuple[str, list[list[str]]]] = {
    "2.6": ("datamint-2.6-venv", [["--no-deps", f"datamint=={APIHANDLER_VERSION}", *_LIGHT]]),
    "2.45": ("datamint-2.45-venv", [["--no-deps", f"datamint=={API_VERSION}", *_LIGHT, *_API_EXTRA]]),
}


def provision(generation: str) -> Path:
    """The venv of one SDK generation ("2.6": APIHandler, "2.45": Api), created once and reused."""
    name, steps = VENVS[generation]
    return ensure_venv(name, steps)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["provision"])
    parser.add_argument(
        "generations", nargs="*", metavar="GENERATION", help=f"any of {', '.join(VENVS)} (default: both)"
    )
    args = parser.parse_args()
    unknown = sorted(set(args.generations) - set(VENVS))
    if unknown:
        parser.error(f"unknown generation(s): {', '.join(unknown)}")
    for generation in args.generations or list(VENVS):
        print(venv_python(provision(generation)), file=sys.stdout)
