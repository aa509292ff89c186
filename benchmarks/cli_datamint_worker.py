"""The official client's side of `benchmarks.cli` against Datamint: what a user writes without `medannot`, a loop
over datamint 2.6.0's `APIHandler(root_url=URL, api_key=KEY).upload_resources(path)`, one file per call, one after
the other (the SDK sniffs each file's mimetype; a DICOM is read and re-serialised by pydicom, other files are
streamed by aiohttp). Runs with the datamint 2.6.0 venv's python (tools/servers/datamint_sdk.py); standard library
only besides the SDK. The key comes from DATAMINT_API_KEY. Prints one JSON line: the files and the seconds of the
loop (the process's wall time and peak RSS are measured by the caller).

    DATAMINT_API_KEY=KEY python cli_datamint_worker.py --url URL FOLDER...
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
import warnings
from pathlib import Path

# A script's folder leads sys.path, and here it holds `datamint.py`, which would shadow the SDK's package.
HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]


def files(folders: list[Path]) -> list[Path]:
    """The files under the folders, sorted by name (the order `medannot` plans them in)."""
    found = [Path(entry.path) for folder in folders for entry in os.scandir(folder) if entry.is_file()]
    return sorted(found, key=lambda path: path.name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True)
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args(argv)

    warnings.simplefilter("ignore")  # "APIHandler is deprecated": not what is measured
    logging.disable(logging.INFO)  # the SDK's per-file log lines
    from datamint.apihandler.api_handler import APIHandler  # type: ignore[import-not-found]

    api = APIHandler(root_url=args.url, api_key=os.environ["DATAMINT_API_KEY"])  # checks the connection
    paths = files(args.folders)
    start = time.perf_counter()
    ids = [api.upload_resources(str(path)) for path in paths]
    seconds = time.perf_counter() - start
    if not all(isinstance(rid, str) for rid in ids):
        raise RuntimeError(f"expected {len(paths)} resource ids, got {str(ids)[:200]}")
    print(json.dumps({"files": len(paths), "seconds": seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
