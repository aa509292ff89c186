"""The official client's side of `benchmarks.cli`: what a user writes without `medannot`, a loop over
`MONAILabelClient.upload_image`, one file after the other, image id = file name without its extension (the id
`medannot monailabel upload` gives). Runs with the MONAI Label venv's python; standard library only besides the
client. Prints one JSON line: the seconds of the loop (the process's wall time is measured by the caller).

    python cli_worker.py --url URL FOLDER...
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

# A script's folder leads sys.path, and here it holds `monailabel.py`, which would shadow the real package.
HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]


def files(folders: list[Path]) -> list[Path]:
    """The files under the folders, sorted by name (the order `medannot` plans them in)."""
    found = [Path(entry.path) for folder in folders for entry in os.scandir(folder) if entry.is_file()]
    return sorted(found, key=lambda path: path.name)


def image_id(path: Path) -> str:
    name = path.name
    for ext in (".nii.gz", ".nii", ".nrrd", ".dcm"):
        if name.endswith(ext):
            return name[: -len(ext)]
    return path.stem


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True)
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args(argv)

    from monailabel.client import MONAILabelClient  # type: ignore[import-not-found]

    client = MONAILabelClient(args.url)
    paths = files(args.folders)
    start = time.perf_counter()
    for path in paths:
        client.upload_image(str(path), image_id=image_id(path))
    print(json.dumps({"files": len(paths), "seconds": time.perf_counter() - start}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
