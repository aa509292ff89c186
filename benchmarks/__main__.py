"""`python -m benchmarks [--quick] [--only NAME ...]`: run, write benchmarks/results/, print the tables.

NAME: a platform of the registry, or an extra benchmark (`cli`: the `medannot` command line)."""

from __future__ import annotations

import argparse
import compileall
import importlib
import os
import sys
from pathlib import Path

from benchmarks._common import ALL, Report, update_readme, write_report


def compile_bytecode() -> None:
    """An installed package has its bytecode compiled at install time; an editable checkout run with
    PYTHONDONTWRITEBYTECODE would recompile medannot at every import, and the import benchmark would time the
    compiler. So the checkout is compiled first and the child processes may write bytecode."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    root = Path(__file__).resolve().parents[1]
    for folder in ("highlevel", "generated"):
        compileall.compile_dir(root / folder, quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes for a fast smoke run")
    parser.add_argument(
        "--only",
        "--platform",
        dest="only",
        action="append",
        choices=sorted(ALL),
        metavar="NAME",
        help=f"run only this benchmark (repeatable; default: all): {', '.join(ALL)}",
    )
    args = parser.parse_args(argv)
    compile_bytecode()
    for name in args.only or list(ALL):
        report: Report = importlib.import_module(ALL[name]).run(args.quick)
        # A quick run never overwrites the full results.
        paths = write_report(report, suffix="-quick" if args.quick else "")
        print(report.markdown + "\n")
        print("written: " + ", ".join(str(p.relative_to(p.parents[2])) for p in paths) + "\n", flush=True)
    if not args.quick:
        update_readme()
    return 0


if __name__ == "__main__":
    sys.exit(main())
