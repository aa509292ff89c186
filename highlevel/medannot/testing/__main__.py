"""Serve an emulator in the foreground.

    python -m medannot.testing <platform> --port N [--api-key KEY] [--studies DIR]

Each platform is one line of PLATFORMS: "module:Class", where the class has
`from_cli(*, port: int, api_key: str | None, studies: Path | None)` returning an `Emulator`.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PLATFORMS: dict[str, str] = {
    "monailabel": "medannot.testing.monailabel:MonaiLabelEmulator",
    "labelbox": "medannot.testing.labelbox:LabelboxEmulator",
    "phas": "medannot.testing.phas:PhasEmulator",
}


def load(platform: str) -> Any:
    module, _, name = PLATFORMS[platform].partition(":")
    return getattr(importlib.import_module(module), name)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m medannot.testing", description="Serve a platform emulator.")
    parser.add_argument("platform", choices=sorted(PLATFORMS))
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--api-key", help="require this credential (what it means depends on the platform)")
    parser.add_argument("--studies", type=Path, help="a folder of data to pre-load")
    args = parser.parse_args(argv)
    emulator = load(args.platform).from_cli(port=args.port, api_key=args.api_key, studies=args.studies)
    with contextlib.suppress(KeyboardInterrupt):
        emulator.serve_forever(on_ready=lambda url: print(url, flush=True))


if __name__ == "__main__":
    main()
