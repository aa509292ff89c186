"""Labelbox: medannot beside the official SDK (labelbox 7.x) and raw httpx, against one emulator.

There is no Labelbox server to run, so both clients talk to the in-process emulator (loopback). Every
measurement runs in a fresh child process (`labelbox_worker.py`); the SDK runs from its own venv. Repeats are
interleaved across clients and the median is reported.

    .venv/bin/python -m benchmarks --platform labelbox [--quick]
    .venv/bin/python -m benchmarks.labelbox [--quick]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks._common import Report, fmt, machine_info, markdown_table, ratio, run_child, summarize, write_report
from medannot.testing.labelbox import LabelboxEmulator
from tools.servers._venv import venv_python
from tools.servers.labelbox_sdk import LABELBOX_VERSION, provision

WORKER = Path(__file__).resolve().parent / "labelbox_worker.py"
API_KEY = "bench-key"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(1016)  # 1 KiB "image"


@dataclass(frozen=True)
class Sizes:
    list_rows: int = 5000
    create_files: int = 500
    repeats: int = 3
    import_repeats: int = 5
    concurrent_calls: int = 200


FULL = Sizes()
QUICK = Sizes(list_rows=1000, create_files=100, repeats=1, import_repeats=3)


def log(message: str) -> None:
    print(f"[labelbox] {message}", file=sys.stderr, flush=True)


@contextmanager
def loopback_only() -> Iterator[None]:
    """The SDK uses requests, which honours proxy variables: keep the children on 127.0.0.1."""
    saved = dict(os.environ)
    for key in list(os.environ):
        if key.lower() in ("http_proxy", "https_proxy", "all_proxy", "labelbox_api_key"):
            del os.environ[key]
    os.environ.update(NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


class Bench:
    def __init__(self, emulator: LabelboxEmulator, official_python: Path, sizes: Sizes, tmp: Path) -> None:
        self.emulator = emulator
        self.sizes = sizes
        self.tmp = str(tmp)
        official = str(official_python)
        self.pythons = {"official": official, "official_fastpoll": official, "medannot": sys.executable}
        self.pythons["raw"] = self.pythons["medannot_async"] = sys.executable

    def argv(self, impl: str, op: str, *args: str) -> list[str]:
        server = ["--url", self.emulator.url, "--api-key", API_KEY] if op != "import" else []
        return [self.pythons[impl], str(WORKER), op, "--impl", impl, *server, *args]

    def repeated(self, name: str, impls: list[str], argv: Callable[[str], list[str]], repeats: int) -> dict[str, Any]:
        runs: dict[str, list[dict[str, Any]]] = {impl: [] for impl in impls}
        for rep in range(repeats):
            for impl in impls:
                if any("error" in r for r in runs[impl]):
                    continue  # a client that failed once is not run again
                result = run_child(argv(impl), 900.0, scrub={self.tmp: "$TMP"})
                runs[impl].append(result)
                shown = result.get("error") or f"{result['seconds']:.3f} s"
                log(f"{name} {impl} run {rep + 1}/{repeats}: {shown}")
        return {
            impl: {key: summarize(r, key) for key in ("seconds", "peak_rss_mib") if any(key in x for x in r)}
            for impl, r in runs.items()
        }

    def import_time(self) -> dict[str, Any]:
        return self.repeated(
            "import", ["official", "medannot"], lambda impl: self.argv(impl, "import"), self.sizes.import_repeats
        )

    def listing(self) -> dict[str, Any]:
        """Data rows seeded straight into the emulator's backend (what is timed is the listing only)."""
        backend = self.emulator.backend
        dataset = backend.create_dataset({"name": "bench-listing"})
        for i in range(self.sizes.list_rows):
            backend.put_data_row(
                {"row_data": f"https://example.org/{i}.png", "external_id": f"row-{i}", "dataset_id": dataset.id},
                None,
            )
        count = str(self.sizes.list_rows)
        return self.repeated(
            f"list {count} rows",
            ["raw", "official", "medannot"],
            lambda impl: self.argv(impl, "list", "--dataset", dataset.id, "--expect", count),
            self.sizes.repeats,
        )

    def concurrent(self) -> dict[str, Any]:
        """200 one-page listings at once: `Client` on 16 threads beside `AsyncClient` as tasks."""
        backend = self.emulator.backend
        dataset = backend.create_dataset({"name": "bench-concurrent"})
        for i in range(10):
            backend.put_data_row(
                {"row_data": f"https://example.org/{i}.png", "external_id": f"c-{i}", "dataset_id": dataset.id}, None
            )
        calls = str(self.sizes.concurrent_calls)
        return self.repeated(
            f"{calls} concurrent listings",
            ["medannot", "medannot_async"],
            lambda impl: self.argv(impl, "concurrent", "--dataset", dataset.id, "--expect", calls),
            self.sizes.repeats,
        )

    def create(self) -> dict[str, Any]:
        folder = Path(self.tmp) / "files"
        folder.mkdir()
        files = []
        for i in range(self.sizes.create_files):
            path = folder / f"scan-{i:04d}.png"
            path.write_bytes(PNG)
            files.append(str(path))
        return self.repeated(
            f"create {len(files)} rows",
            ["official", "official_fastpoll", "medannot"],
            lambda impl: self.argv(impl, "create", "--concurrency", "4", *files),
            self.sizes.repeats,
        )


def _median(results: dict[str, Any], impl: str) -> float | None:
    value = results.get(impl, {}).get("seconds", {}).get("median")
    return float(value) if value is not None else None


def markdown(data: dict[str, Any]) -> str:
    rows = []
    for key, label in (("import", "import time"), ("list", "list data rows"), ("create", "create data rows")):
        results = data["results"][key]
        official, medannot, raw = (_median(results, i) for i in ("official", "medannot", "raw"))
        fast = _median(results, "official_fastpoll")
        rows.append(
            [
                label + data["labels"][key],
                fmt(raw, 3, " s") if key == "list" else "-",
                fmt(official, 3, " s") + (f" ({fmt(fast, 3, ' s')} polling every 50 ms)" if fast else ""),
                fmt(medannot, 3, " s"),
                fmt(ratio(official, medannot), 2, "x") + (f" ({fmt(ratio(fast, medannot), 2, 'x')})" if fast else ""),
            ]
        )
    header = ["benchmark", "raw httpx", "official SDK", "medannot", "official / medannot"]
    concurrent = data["results"]["concurrent"]
    sync, asynchronous = _median(concurrent, "medannot"), _median(concurrent, "medannot_async")
    rows.append(
        [
            "concurrent listings" + data["labels"]["concurrent"],
            "-",
            "-",
            f"{fmt(sync, 3, ' s')} (Client, 16 threads), {fmt(asynchronous, 3, ' s')} (AsyncClient)",
            f"sync / async {fmt(ratio(sync, asynchronous), 2, 'x')}",
        ]
    )
    table = markdown_table(header, rows)
    return "\n".join(
        [
            f"## Labelbox (emulator, loopback; labelbox=={LABELBOX_VERSION})",
            "",
            table,
            "",
            "Medians of fresh child processes. The SDK waits for an import task with `Task.wait_till_done()`,"
            " which sleeps 2 s between status reads; medannot polls from 50 ms with back-off (the emulator"
            " finishes a task 50 ms after it starts, by the first status read); the figure in brackets bypasses"
            " that 2 s minimum."
            " medannot uploads 4 files at a time, the SDK 20. Peak RSS per client is in the JSON.",
        ]
    )


def run(quick: bool = False) -> Report:
    sizes = QUICK if quick else FULL
    official_python = venv_python(provision())
    with (
        tempfile.TemporaryDirectory(prefix="medannot-bench-") as tmp,
        loopback_only(),
        LabelboxEmulator(api_key=API_KEY, job_seconds=0.05) as emulator,
    ):
        bench = Bench(emulator, official_python, sizes, Path(tmp))
        results = {
            "import": bench.import_time(),
            "list": bench.listing(),
            "concurrent": bench.concurrent(),
            "create": bench.create(),
        }
    data: dict[str, Any] = {
        "platform": "labelbox",
        "server": "medannot Labelbox emulator (in-process, loopback)",
        "clients": {"official": f"labelbox.Client {LABELBOX_VERSION}", "raw": "httpx.Client"},
        "quick": quick,
        "sizes": asdict(sizes),
        "machine": machine_info(),
        "labels": {
            "import": f" (median of {sizes.import_repeats})",
            "list": f" ({sizes.list_rows}, pages of 500)",
            "create": f" ({sizes.create_files} files of 1 KiB)",
            "concurrent": f" ({sizes.concurrent_calls} one-page listings at once)",
        },
        "results": results,
    }
    data["ratios"] = {
        key: ratio(_median(results[key], "official"), _median(results[key], "medannot"))
        for key in results
        if key != "concurrent"
    }
    data["ratios"]["concurrent_sync_over_async"] = ratio(
        _median(results["concurrent"], "medannot"), _median(results["concurrent"], "medannot_async")
    )
    return Report("labelbox", data, markdown(data))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m benchmarks.labelbox", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes for a fast smoke run")
    report = run(parser.parse_args().quick)
    paths = write_report(report, suffix="-quick" if report.data["quick"] else "")
    print(report.markdown)
    print("written: " + ", ".join(str(p) for p in paths))
