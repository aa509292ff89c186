"""`medannot`, the command line: resumable, exact bulk transfers for every platform of `medannot.registry`.

    medannot <platform> ls|upload|download|export|<verbs> --url URL ...
    medannot copy SRC DST

Documented in docs/cli.md. This module imports nothing: `main()` loads typer and the commands only when they are
needed, so `medannot --help` starts fast.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """The console script's entry point; returns the exit code (docs/cli.md has the table)."""
    from medannot.cli._app import main as run

    return run(sys.argv[1:] if argv is None else argv)


__all__ = ["main"]
