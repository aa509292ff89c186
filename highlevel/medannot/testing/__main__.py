"""Serve an emulator in the foreground.

    python -m medannot.testing <platform> --port N [--api-key KEY] [--studies DIR]

The platforms and their emulator classes come from `medannot.registry`; each class has
`from_cli(*, port: int, api_key: str | None, studies: Path | None)` returning an `Emulator`.
SIGINT and SIGTERM stop it cleanly: temporary folders (uploaded images...) are removed before it exits
(status 0 after SIGINT, 143 after SIGTERM).
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Sequence
from pathlib import Path

from medannot.registry import PLATFORMS
from medannot.testing._emulator import sigterm_as_exit


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m medannot.testing", description="Serve a platform emulator.")
    parser.add_argument("platform", choices=sorted(PLATFORMS))
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--api-key", help="require this credential (what it means depends on the platform)")
    parser.add_argument("--studies", type=Path, help="a folder of data to pre-load")
    args = parser.parse_args(argv)
    # SIGTERM and SIGINT end the process through Python's exit path, so the emulator's temporary folders go too,
    # also when the signal comes while the emulator is still being built (its finalizers run at exit).
    with sigterm_as_exit(), contextlib.suppress(KeyboardInterrupt):
        emulator_class = PLATFORMS[args.platform].emulator_class()
        emulator = emulator_class.from_cli(port=args.port, api_key=args.api_key, studies=args.studies)
        emulator.serve_forever(on_ready=lambda url: print(url, flush=True))


if __name__ == "__main__":
    main()
