"""`python -m benchmarks [--quick] [--platform NAME ...]`: run, write benchmarks/results/, print the tables."""

from __future__ import annotations

import argparse
import importlib
import sys

from benchmarks._common import BENCHMARKED, Report, update_readme, write_report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes for a fast smoke run")
    parser.add_argument("--platform", action="append", choices=sorted(BENCHMARKED), help="default: all")
    args = parser.parse_args(argv)
    for name in args.platform or list(BENCHMARKED):
        report: Report = importlib.import_module(BENCHMARKED[name]).run(args.quick)
        # A quick run never overwrites the full results.
        paths = write_report(report, suffix="-quick" if args.quick else "")
        print(report.markdown + "\n")
        print("written: " + ", ".join(str(p.relative_to(p.parents[2])) for p in paths) + "\n", flush=True)
    if not args.quick:
        update_readme()
    return 0


if __name__ == "__main__":
    sys.exit(main())
