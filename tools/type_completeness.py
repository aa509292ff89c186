"""`python -m tools.type_completeness [--min PERCENT]`: run `pyright --verifytypes medannot --ignoreexternal
--outputjson` and fail when the share of medannot's exported symbols whose type is known is under PERCENT (98).

`--ignoreexternal` leaves out what medannot cannot fix: types that are partly unknown only because a third-party
library (numpy, starlette...) leaves them so. Run from the repository root with the project's virtual
environment first on PATH (`make lint` does), so pyright resolves the installed packages."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path


def pyright_report() -> dict[str, object]:
    """pyright's JSON report, run with this interpreter's environment first on PATH."""
    bindir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bindir + os.pathsep + os.environ.get("PATH", "")}
    pyright = shutil.which("pyright", path=env["PATH"])
    if pyright is None:
        raise SystemExit("pyright is not installed: pip install -e '.[dev]'")
    result = subprocess.run(
        [pyright, "--verifytypes", "medannot", "--ignoreexternal", "--outputjson"],
        capture_output=True,
        text=True,
        env=env,
    )
    try:
        report: dict[str, object] = json.loads(result.stdout)
    except json.JSONDecodeError:
        raise SystemExit(f"pyright gave no JSON report (exit {result.returncode}):\n{result.stderr[-2000:]}") from None
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--min", type=float, default=98.0, help="the lowest acceptable percentage (default 98)")
    parser.add_argument("--show", type=int, default=20, help="list this many incomplete symbols when failing")
    args = parser.parse_args()
    report = pyright_report()
    completeness = report.get("typeCompleteness")
    if not isinstance(completeness, dict) or not completeness.get("exportedSymbolCounts"):
        raise SystemExit(f"pyright found no package to verify: {report.get('generalDiagnostics')}")
    counts = completeness["exportedSymbolCounts"]
    total = sum(counts.values())
    score = 100.0 * float(completeness["completenessScore"])
    print(
        f"medannot type completeness: {score:.1f} % ({counts['withKnownType']} of {total} exported symbols known; "
        f"{counts['withAmbiguousType']} ambiguous, {counts['withUnknownType']} unknown); minimum {args.min:g} %"
    )
    if score >= args.min:
        return 0
    incomplete = [s for s in completeness.get("symbols", []) if s["isExported"] and not s["isTypeKnown"]]
    modules = Counter(s["name"].rpartition(".")[0] for s in incomplete)
    print("incomplete symbols by module:", *(f"{n:4d}  {m}" for m, n in modules.most_common(args.show)), sep="\n")
    return 1


if __name__ == "__main__":
    sys.exit(main())
