"""Helpers shared by the platform benchmarks: child processes, medians, test files, result files."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from medannot.registry import PLATFORMS

RESULTS = Path(__file__).resolve().parent / "results"
#: Platform name -> its benchmark module (`run(quick: bool) -> Report`), in the registry's order.
BENCHMARKED = {p.name: p.benchmarks for p in PLATFORMS.values() if p.benchmarks}
#: Benchmarks that are not a platform's (name -> module, same `run(quick) -> Report`), run after the platforms'.
EXTRA = {"cli": "benchmarks.cli"}
#: Everything `python -m benchmarks` runs, in order.
ALL = {**BENCHMARKED, **EXTRA}
MIB = 1024 * 1024


@dataclass
class Report:
    """What one platform's benchmark returns: JSON-able data and a markdown section."""

    platform: str
    data: dict[str, Any]
    markdown: str


def machine_info() -> dict[str, Any]:
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.machine()}",
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "medannot": version("medannot"),
        "httpx": version("httpx"),
    }


def base_install_python() -> str:
    """The python of `.cache/medannot-base-venv`: medannot's required dependencies only (what `pip install medannot`
    brings, no extras), medannot itself installed editable from this checkout. Import times are measured there:
    in the dev venv, click and rich (the command line's extra) make `import httpx` also import httpx's own command
    line, about 40 ms that a user of the library without the extra never pays."""
    import tomllib

    from tools.servers._venv import REPO, ensure_venv, venv_python

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    venv = ensure_venv("medannot-base-venv", [list(project["dependencies"]), ["--no-deps", "-e", str(REPO)]])
    return str(venv_python(venv))


def run_child(argv: Sequence[str], timeout: float, scrub: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Run a worker that prints one JSON line; failures come back as {"error": ...} instead of raising.

    `scrub` replaces text in error messages (e.g. temporary paths, kept out of the results).
    """
    try:
        proc = subprocess.run(list(argv), capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s (killed)"}
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or [""])[-1][:300]
        reason = "killed by signal " + str(-proc.returncode) if proc.returncode < 0 else f"exit {proc.returncode}"
        error = f"{reason}: {tail}".rstrip(": ")
        for old, new in (scrub or {}).items():
            error = error.replace(old, new)
        return {"error": error}
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def summarize(runs: list[dict[str, Any]], key: str) -> dict[str, Any]:
    """Median of `key` over the runs that succeeded, with every run's value and the errors."""
    values = [round(run[key], 4) for run in runs if "error" not in run]
    errors = [run["error"] for run in runs if "error" in run]
    summary: dict[str, Any] = {"median": statistics.median(values) if values else None, "runs": values}
    if errors:
        summary["errors"] = errors
    return summary


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    return numerator / denominator if numerator is not None and denominator else None


def write_random_file(path: Path, size: int, chunk: int = 8 * MIB) -> Path:
    """Incompressible bytes written chunk by chunk (never the whole file in memory), flushed to disk so that
    write-back does not compete with the first measured run."""
    with path.open("wb") as file:
        remaining = size
        while remaining > 0:
            n = min(chunk, remaining)
            file.write(os.urandom(n))
            remaining -= n
        file.flush()
        os.fsync(file.fileno())
    return path


def fmt(value: float | None, digits: int = 2, suffix: str = "") -> str:
    return "n/a" if value is None else f"{value:.{digits}f}{suffix}"


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def write_report(report: Report, suffix: str = "") -> tuple[Path, Path]:
    """Write results/<platform><suffix>.json and .md; return both paths."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    json_path = RESULTS / f"{report.platform}{suffix}.json"
    md_path = RESULTS / f"{report.platform}{suffix}.md"
    json_path.write_text(json.dumps(report.data, indent=2) + "\n", encoding="utf-8")
    md_path.write_text(report.markdown + "\n", encoding="utf-8")
    return json_path, md_path


README = Path(__file__).resolve().parents[1] / "README.md"
README_START, README_END = "<!-- benchmarks:start -->", "<!-- benchmarks:end -->"


def update_readme() -> None:
    """Put the latest full results of every benchmark (platforms, then the extra ones) between the README's
    benchmark markers."""
    paths = [RESULTS / f"{name}.md" for name in ALL if (RESULTS / f"{name}.md").is_file()]
    tables = [  # headings one level down, under the README's own "## Benchmarks"
        "\n".join(
            "#" + line if line.startswith("#") else line for line in path.read_text(encoding="utf-8").splitlines()
        )
        for path in paths
    ]
    text = README.read_text(encoding="utf-8")
    head, _, rest = text.partition(README_START)
    _, found, tail = rest.partition(README_END)
    if not found:
        raise SystemExit(f"README.md has no {README_START} ... {README_END} section")
    body = "\n\n".join(table.strip() for table in tables)
    README.write_text(f"{head}{README_START}\n{body}\n{README_END}{tail}", encoding="utf-8")
