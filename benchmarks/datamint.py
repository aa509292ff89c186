"""Datamint: medannot beside the official SDK (datamint 2.6.0's `APIHandler`, the seed's class) and raw httpx,
against one emulator.

There is no Datamint server to run, so every client talks to the medannot emulator over HTTP on loopback (in
this process; it keeps uploads in a temporary folder on disk, Starlette spools multipart files to disk, so a
1 GiB upload never sits in its memory). Every measurement runs in a fresh child process (`datamint_worker.py`);
the SDK runs from its own venv (tools/servers/datamint_sdk.py): 2.6.0 for every verb (it has them all), 2.45.0's
`datamint.Api` for import time only. Repeats are interleaved across clients and medians are reported.

    .venv/bin/python -m benchmarks --platform datamint [--quick]
    .venv/bin/python -m benchmarks.datamint [--quick] [--only upload]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks._common import (
    MIB,
    Report,
    fmt,
    machine_info,
    markdown_table,
    ratio,
    run_child,
    summarize,
    write_report,
)
from medannot.testing.datamint import DatamintEmulator
from medannot.testing.datamint._imaging import FileFacts
from medannot.testing.datamint.samples import dicom_bytes
from tools.servers._venv import venv_python
from tools.servers.datamint_sdk import API_VERSION, APIHANDLER_VERSION, provision

WORKER = Path(__file__).resolve().parent / "datamint_worker.py"
KEY = "bench-datamint-key"
NIFTI_HEADER = 352  # NIfTI-1 single file: 348-byte header + 4 bytes of (no) extension, then the voxels


@dataclass(frozen=True)
class Sizes:
    big_mib: int = 1024
    dicoms: int = 200
    dicom_side: int = 256  # rows = columns, 16-bit: 128 KiB of pixels per file
    list_resources: int = 20_000
    repeats: int = 5
    import_repeats: int = 3


FULL = Sizes()
QUICK = Sizes(big_mib=64, dicoms=40, list_resources=6000, repeats=1, import_repeats=1)

SDK, SDK_BULK, SDK245, MEDANNOT, RAW = "sdk", "sdk_bulk", "sdk245", "medannot", "raw"


def log(message: str) -> None:
    print(f"[datamint] {message}", file=sys.stderr, flush=True)


@contextmanager
def loopback_env(home: Path) -> Iterator[None]:
    """The children inherit os.environ: keep them on 127.0.0.1 (no proxies), and keep a developer's Datamint
    key (`DATAMINT_API_KEY`, ~/.config/datamintapi) out of them; the SDK's config goes to a temporary HOME."""
    saved = dict(os.environ)
    for key in list(os.environ):
        if key.lower() in ("http_proxy", "https_proxy", "all_proxy", "datamint_api_key", "datamint_api_url"):
            del os.environ[key]
    os.environ.update(NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost", HOME=str(home))
    os.environ.update(XDG_CONFIG_HOME=str(home / ".config"), MPLCONFIGDIR=str(home / ".mpl"))
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def write_nifti(path: Path, size: int, chunk: int = 8 * MIB) -> Path:
    """An uncompressed NIfTI-1 volume of `size` bytes of int16 voxels (random, so nothing compresses), written
    chunk by chunk and flushed to disk."""
    import nibabel as nib
    import numpy as np

    voxels = (size - NIFTI_HEADER) // 2
    side = 512
    header = nib.Nifti1Header()  # type: ignore[no-untyped-call]
    header.set_data_dtype(np.int16)  # type: ignore[no-untyped-call]
    header.set_data_shape((side, side, voxels // (side * side)))  # type: ignore[no-untyped-call]
    header["vox_offset"] = NIFTI_HEADER
    data_bytes = 2 * side * side * (voxels // (side * side))
    with path.open("wb") as file:
        file.write(header.binaryblock + b"\0" * (NIFTI_HEADER - len(header.binaryblock)))
        remaining = data_bytes
        while remaining > 0:
            n = min(chunk, remaining)
            file.write(os.urandom(n))
            remaining -= n
        file.flush()
        os.fsync(file.fileno())
    return path


def _status_mib(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(field)


def server_rss_reset() -> float | None:
    """Reset this process's (the emulator's) peak-RSS mark; None where Linux's clear_refs is not there."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return _status_mib("VmRSS")
    except OSError:
        return None


def server_rss_growth(before: float | None) -> float | None:
    return None if before is None else max(0.0, _status_mib("VmHWM") - before)


class Bench:
    def __init__(self, emulator: DatamintEmulator, pythons: dict[str, Path], sizes: Sizes, tmp: Path) -> None:
        self.dm, self.sizes, self.root = emulator, sizes, tmp
        self.tmp = str(tmp)
        self.pythons = {SDK: str(pythons["2.6"]), SDK_BULK: str(pythons["2.6"]), SDK245: str(pythons["2.45"])}
        self.pythons.update({MEDANNOT: sys.executable, RAW: sys.executable})

    def argv(self, impl: str, op: str, *args: str) -> list[str]:
        server = ["--url", self.dm.url, "--key", KEY] if op != "import" else []
        return [self.pythons[impl], str(WORKER), op, "--impl", impl, *server, *args]

    def child(self, argv: list[str], timeout: float = 900.0) -> dict[str, Any]:
        return run_child(argv, timeout, scrub={self.tmp: "$TMP"})

    def forget(self) -> None:
        """Back to the empty account (stored files deleted), the journal emptied; the disk quiet again."""
        self.dm.reset()
        self.dm.contract.journal.clear()
        os.sync()  # write-back of one run must not slow the next

    def repeated(
        self,
        name: str,
        impls: list[str],
        argv: Callable[[str], list[str]],
        repeats: int,
        *,
        after: Callable[[dict[str, Any]], None] | None = None,
        shown: str = "seconds",
    ) -> dict[str, list[dict[str, Any]]]:
        runs: dict[str, list[dict[str, Any]]] = {impl: [] for impl in impls}
        for rep in range(repeats):
            for impl in impls:
                if any("error" in r for r in runs[impl]):
                    continue  # a client that failed once is not run again
                before = server_rss_reset()
                result = self.child(argv(impl))
                if "error" not in result:
                    result["server_rss_growth_mib"] = server_rss_growth(before)
                    result.pop("ids", None)  # not worth keeping in the results
                if after is not None:
                    after(result)
                runs[impl].append(result)
                text = result.get("error") or ", ".join(
                    f"{k} {result[k]:.3f}" for k in (shown, "rss_growth_mib", "server_rss_growth_mib")
                    if isinstance(result.get(k), float)
                )  # fmt: skip
                log(f"{name} {impl} run {rep + 1}/{repeats}: {text}")
        return runs

    @staticmethod
    def summary(runs: dict[str, list[dict[str, Any]]], keys: tuple[str, ...]) -> dict[str, Any]:
        return {
            impl: {key: summarize(r, key) for key in keys if any(key in x for x in r) or any("error" in x for x in r)}
            for impl, r in runs.items()
        }

    # --- the measurements ------------------------------------------------------------------------------------
    def import_time(self) -> dict[str, Any]:
        runs = self.repeated(
            "import", [RAW, SDK, SDK245, MEDANNOT], lambda impl: self.argv(impl, "import"), self.sizes.import_repeats,
            shown="ms",
        )  # fmt: skip
        return self.summary(runs, ("ms", "client_ms"))

    def big(self) -> dict[str, Any]:
        s = self.sizes
        path = write_nifti(self.root / "big.nii", s.big_mib * MIB)
        warm = write_nifti(self.root / "warm.nii", 16 * MIB)  # each client's first upload, untimed (`--warmup`)
        try:
            self.child(self.argv(MEDANNOT, "upload", str(warm)))  # the server's first upload is not timed
            self.forget()
            runs = self.repeated(
                f"one {s.big_mib} MiB NIfTI upload",
                [RAW, SDK, MEDANNOT],
                lambda impl: self.argv(impl, "upload", "--warmup", str(warm), str(path)),
                s.repeats,
                after=lambda result: self.forget(),
            )
        finally:
            path.unlink()
            warm.unlink()
        keys = ("seconds", "cpu_seconds", "rss_growth_mib", "server_rss_growth_mib", "warmup_seconds")
        return self.summary(runs, keys)

    def dicom_files(self) -> list[Path]:
        s = self.sizes
        folder = self.root / "dicoms"
        if not folder.is_dir():
            folder.mkdir()
            for i in range(s.dicoms):  # each its own study and series: nothing to assemble, one resource each
                data = dicom_bytes(frames=1, rows=s.dicom_side, cols=s.dicom_side, patient_id=f"P-{i:04d}", seed=i)
                (folder / f"ct-{i:03d}.dcm").write_bytes(data)
        return sorted(folder.iterdir())

    def bulk_upload(self) -> dict[str, Any]:
        s = self.sizes
        files = [str(p) for p in self.dicom_files()]
        warmup = self.root / "warmup.dcm"  # a patient of its own: never grouped with the timed files
        side = s.dicom_side
        warmup.write_bytes(dicom_bytes(frames=1, rows=side, cols=side, patient_id="P-WARM", seed=s.dicoms))
        runs = self.repeated(
            f"{s.dicoms} DICOM uploads",
            [RAW, SDK, MEDANNOT],
            lambda impl: self.argv(impl, "upload", "--warmup", str(warmup), *files),
            s.repeats,
            after=lambda result: self.forget(),
        )
        return self.summary(runs, ("seconds", "cpu_seconds", "rss_growth_mib", "warmup_seconds"))

    def bulk_download(self) -> dict[str, Any]:
        s = self.sizes
        files = self.dicom_files()
        self.forget()
        seeded = self.dm.backend.add_resources_from_bytes((p.name, p.read_bytes(), "application/dicom") for p in files)
        ids = [r.id for r in seeded]
        out = self.root / "downloads"

        def argv(impl: str) -> list[str]:
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir()
            return self.argv(impl, "download", "--out", str(out), *ids)

        def check(result: dict[str, Any]) -> None:
            expected = sum(p.stat().st_size for p in files)
            if "error" not in result and result.get("bytes") != expected:
                result["error"] = f"saved {result.get('bytes')} bytes, expected {expected}"
            shutil.rmtree(out, ignore_errors=True)
            os.sync()

        runs = self.repeated(
            f"{s.dicoms} DICOM downloads", [RAW, SDK, SDK_BULK, MEDANNOT], argv, s.repeats, after=check
        )
        self.forget()
        return self.summary(runs, ("seconds", "cpu_seconds", "rss_growth_mib"))

    def listing(self) -> dict[str, Any]:
        """Resources seeded straight into the emulator's backend (what is timed is the listing only): one
        small DICOM file shared by all of them."""
        s = self.sizes
        self.forget()
        backend = self.dm.backend
        stored = backend.folder / "resources" / "shared.dcm"
        stored.write_bytes(dicom_bytes(frames=1))
        facts = FileFacts("DicomResource", "application/dicom", frames=1, modality="CT")
        for i in range(s.list_resources):
            backend.add_resource(stored, filename=f"ct-{i:05d}.dcm", facts=facts, tags=["bench"])
        count = str(s.list_resources)
        results = {}
        contract = self.dm.contract
        for variant in ("as_served", "unvalidated"):
            if variant == "unvalidated":
                # The emulator holds every answer to the schema (validators compiled once: about 35 ms per page
                # of 5,000 resources, server time no real server spends). The second series switches that off
                # (an instance attribute over the method; removed afterwards).
                contract._response_errors = lambda *args, **kwargs: []  # type: ignore[method-assign]
            try:
                runs = self.repeated(
                    f"list {count} resources ({variant.replace('_', ' ')})",
                    [RAW, SDK, MEDANNOT],
                    lambda impl: self.argv(impl, "list", "--expect", count),
                    s.repeats,
                )
            finally:
                contract.__dict__.pop("_response_errors", None)
                contract.journal.clear()
            results[variant] = self.summary(runs, ("seconds", "cpu_seconds", "rss_growth_mib", "listed"))
            results[variant]["complete"] = {
                impl: [r.get("complete") for r in impl_runs if "error" not in r] for impl, impl_runs in runs.items()
            }
        self.forget()
        return results


# --- the report ------------------------------------------------------------------------------------------------
def _median(results: dict[str, Any], impl: str, key: str = "seconds") -> float | None:
    entry = results.get(impl, {}).get(key)
    value = entry.get("median") if isinstance(entry, dict) else None
    return float(value) if value is not None else None


def ratios(r: dict[str, Any]) -> dict[str, float | None]:
    def pair(bench: dict[str, Any], a: str, b: str, key: str = "seconds") -> float | None:
        return ratio(_median(bench, a, key), _median(bench, b, key))

    return {
        "import_medannot_over_sdk": pair(r["import"], MEDANNOT, SDK, "ms"),
        "import_client_medannot_over_sdk": pair(r["import"], MEDANNOT, SDK, "client_ms"),
        "import_client_medannot_over_sdk245": pair(r["import"], MEDANNOT, SDK245, "client_ms"),
        "big_medannot_over_sdk": pair(r["big"], MEDANNOT, SDK),
        "big_medannot_over_raw": pair(r["big"], MEDANNOT, RAW),
        "upload_medannot_over_sdk": pair(r["upload"], MEDANNOT, SDK),
        "upload_medannot_over_raw": pair(r["upload"], MEDANNOT, RAW),
        "download_medannot_over_sdk": pair(r["download"], MEDANNOT, SDK),
        "download_medannot_over_sdk_bulk": pair(r["download"], MEDANNOT, SDK_BULK),
        "download_medannot_over_raw": pair(r["download"], MEDANNOT, RAW),
        **{f"list_{v}_medannot_over_sdk": pair(r["list"][v], MEDANNOT, SDK) for v in ("as_served", "unvalidated")},
        **{f"list_{v}_medannot_over_raw": pair(r["list"][v], MEDANNOT, RAW) for v in ("as_served", "unvalidated")},
    }


def goals(data: dict[str, Any]) -> dict[str, bool | None]:
    r, q = data["results"], data["ratios"]

    def at_most(value: float | None, limit: float) -> bool | None:
        return None if value is None else value <= limit

    def complete(variant: str) -> bool | None:
        seen = r["list"][variant]["complete"][MEDANNOT]
        return None if not seen else all(seen)

    bounded = 64.0  # MiB: "bounded memory" for the bulk transfers, the big upload's own bound
    return {
        "big_rss_growth_le_64_mib": at_most(_median(r["big"], MEDANNOT, "rss_growth_mib"), 64),
        "big_time_le_sdk": at_most(q["big_medannot_over_sdk"], 1.0),
        "upload_time_le_sdk": at_most(q["upload_medannot_over_sdk"], 1.0),
        "upload_rss_growth_bounded": at_most(_median(r["upload"], MEDANNOT, "rss_growth_mib"), bounded),
        "download_time_le_sdk": at_most(q["download_medannot_over_sdk"], 1.0),
        "download_rss_growth_bounded": at_most(_median(r["download"], MEDANNOT, "rss_growth_mib"), bounded),
        **{f"list_{v}_complete": complete(v) for v in ("as_served", "unvalidated")},
        **{
            f"list_{v}_time_le_sdk": at_most(q[f"list_{v}_medannot_over_sdk"], 1.0)
            for v in ("as_served", "unvalidated")
        },
        # "about 7 s": today's SDK, `from datamint import Api` (2.45; it loads torch, lightning and mlflow)
        "import_le_0_05x_sdk_api": at_most(q["import_client_medannot_over_sdk245"], 0.05),
    }


def _goal(met: bool | None) -> str:
    return "n/a" if met is None else ("met" if met else "**missed**")


def _cell(results: dict[str, Any], impl: str, key: str = "seconds", digits: int = 2, suffix: str = "") -> str:
    entry = results.get(impl, {}).get(key)
    if not isinstance(entry, dict):
        return "-"
    if entry.get("median") is None:
        errors: list[str] = entry.get("errors", ["?"])
        return "failed: " + errors[0][:80]  # every error is in the JSON
    return fmt(entry["median"], digits, suffix)


def markdown(data: dict[str, Any]) -> str:
    r, q, s, g, m = data["results"], data["ratios"], data["sizes"], data["goals"], data["machine"]

    def x(value: float | None) -> str:
        return fmt(value, 2, "x")

    big = f"{s['big_mib']} MiB" if s["big_mib"] < 1024 else f"{s['big_mib'] // 1024} GiB"
    n, listed = s["dicoms"], s["list_resources"]

    def listed_cell(variant: str, impl: str) -> str:
        counts = r["list"][variant][impl].get("listed", {}).get("runs", [])
        time = _cell(r["list"][variant], impl, digits=2)
        return f"{time} ({', '.join(sorted({f'{c:,.0f}' for c in counts})) or '?'} listed)"

    rows = [
        [
            f"one {big} NIfTI upload, s",
            _cell(r["big"], RAW),
            _cell(r["big"], SDK),
            _cell(r["big"], MEDANNOT),
            f"medannot/SDK {x(q['big_medannot_over_sdk'])}, medannot/raw {x(q['big_medannot_over_raw'])}",
            f"<= SDK: {_goal(g['big_time_le_sdk'])}",
        ],
        [
            f"one {big} NIfTI upload, client peak RSS growth, MiB",
            _cell(r["big"], RAW, "rss_growth_mib", 0),
            _cell(r["big"], SDK, "rss_growth_mib", 0),
            _cell(r["big"], MEDANNOT, "rss_growth_mib", 0),
            "",
            f"medannot <= 64 MiB: {_goal(g['big_rss_growth_le_64_mib'])}",
        ],
        [
            f"{n} DICOM uploads ({s['dicom_side']}x{s['dicom_side']}, 16-bit), s",
            _cell(r["upload"], RAW),
            _cell(r["upload"], SDK),
            _cell(r["upload"], MEDANNOT),
            f"medannot/SDK {x(q['upload_medannot_over_sdk'])}, medannot/raw {x(q['upload_medannot_over_raw'])}",
            f"<= SDK: {_goal(g['upload_time_le_sdk'])}",
        ],
        [
            "first upload of the process, s: one DICOM (before the DICOM uploads); one 16 MiB NIfTI (before the "
            f"{big} upload)",
            f"{_cell(r['upload'], RAW, 'warmup_seconds')}; {_cell(r['big'], RAW, 'warmup_seconds')}",
            f"{_cell(r['upload'], SDK, 'warmup_seconds')}; {_cell(r['big'], SDK, 'warmup_seconds')}",
            f"{_cell(r['upload'], MEDANNOT, 'warmup_seconds')}; {_cell(r['big'], MEDANNOT, 'warmup_seconds')}",
            "medannot loads its answer models (and pydicom, for DICOM) on first use; the SDK when it is imported",
            "",
        ],
        [
            f"{n} DICOM uploads, client peak RSS growth, MiB",
            _cell(r["upload"], RAW, "rss_growth_mib", 0),
            _cell(r["upload"], SDK, "rss_growth_mib", 0),
            _cell(r["upload"], MEDANNOT, "rss_growth_mib", 0),
            "",
            f"medannot <= 64 MiB: {_goal(g['upload_rss_growth_bounded'])}",
        ],
        [
            f"{n} DICOM downloads to files (`download_resource_file`, one by one), s",
            _cell(r["download"], RAW),
            f"{_cell(r['download'], SDK)}; {_cell(r['download'], SDK_BULK)} with `download_multiple_resources`",
            _cell(r["download"], MEDANNOT),
            f"medannot/SDK {x(q['download_medannot_over_sdk'])} "
            f"({x(q['download_medannot_over_sdk_bulk'])} of the bulk verb), "
            f"medannot/raw {x(q['download_medannot_over_raw'])}",
            f"<= SDK: {_goal(g['download_time_le_sdk'])}",
        ],
        [
            f"{n} DICOM downloads, client peak RSS growth, MiB",
            _cell(r["download"], RAW, "rss_growth_mib", 0),
            f"{_cell(r['download'], SDK, 'rss_growth_mib', 0)}; {_cell(r['download'], SDK_BULK, 'rss_growth_mib', 0)}",
            _cell(r["download"], MEDANNOT, "rss_growth_mib", 0),
            "",
            f"medannot <= 64 MiB: {_goal(g['download_rss_growth_bounded'])}",
        ],
        *[
            [
                f"list {listed:,} resources (`get_resources()`), s ({label})",
                listed_cell(v, RAW),
                listed_cell(v, SDK),
                listed_cell(v, MEDANNOT),
                f"medannot/SDK {x(q[f'list_{v}_medannot_over_sdk'])}, "
                f"medannot/raw {x(q[f'list_{v}_medannot_over_raw'])}",
                f"complete: {_goal(g[f'list_{v}_complete'])}; <= SDK: {_goal(g[f'list_{v}_time_le_sdk'])}",
            ]
            for v, label in (("as_served", "emulator as served"), ("unvalidated", "emulator's response validation off"))
        ],
        [
            "import time, ms (package; with its client class)",
            _cell(r["import"], RAW, "ms", 0),
            f"{_cell(r['import'], SDK, 'ms', 0)}; {_cell(r['import'], SDK, 'client_ms', 0)} "
            f"(2.45, `from datamint import Api`: {_cell(r['import'], SDK245, 'client_ms', 0)})",
            f"{_cell(r['import'], MEDANNOT, 'ms', 0)}; {_cell(r['import'], MEDANNOT, 'client_ms', 0)}",
            f"with the client class: medannot/SDK 2.45 {x(q['import_client_medannot_over_sdk245'])}, "
            f"medannot/SDK 2.6 {x(q['import_client_medannot_over_sdk'])}",
            f"<= 0.05x SDK 2.45 (about 7 s): {_goal(g['import_le_0_05x_sdk_api'])}",
        ],
    ]
    header = ["Benchmark", "raw httpx", f"SDK {APIHANDLER_VERSION} (`APIHandler`)", "medannot (`APIHandler`)", "ratios",
              "goal"]  # fmt: skip
    server = data["server_rss_growth_mib_big"]
    title = "Datamint" + (" (quick smoke run)" if data["quick"] else "")
    return "\n".join(
        [
            f"## {title}",
            "",
            f"medannot Datamint emulator (HTTP on loopback, uploads stored on disk); medians of {s['repeats']} runs "
            f"(import: {s['import_repeats']}), each in a fresh process; {m['cores']} cores, Python {m['python']}, "
            f"medannot {m['medannot']}, {m['date']}. Produced by `make bench`.",
            "",
            markdown_table(header, rows),
            "",
            "Each client uploads with its defaults: the SDK 20 files at a time (aiohttp, a new connection per "
            "file, each DICOM read and re-serialised by pydicom in memory), medannot 8 at a time streamed from "
            "disk, raw httpx one at a time; before each timed upload every client uploads one other file of the "
            "kind, untimed (its time is a row of its own), so that what a process loads on its first call is "
            "outside the timed figure for every client alike. Downloads: the seed's `download_resource_file(id, "
            "save_path, auto_convert=False)` in a loop (the SDK reads each body into memory, medannot streams it "
            "to a temporary file and renames it); the SDK's `download_multiple_resources` (20 at a time, not a "
            "seed verb) is shown beside it. Listings ask for pages of 5,000; the SDK ends at the first page "
            "shorter than that, medannot at the server's `totalCount` or an empty page. The emulator's own peak "
            "RSS "
            f"growth during the {big} upload (median over clients): {fmt(server, 0)} MiB.",
        ]
    )


def run(quick: bool = False, only: list[str] | None = None) -> Report:
    sizes = QUICK if quick else FULL
    pythons = {generation: venv_python(provision(generation)) for generation in ("2.6", "2.45")}
    with tempfile.TemporaryDirectory(prefix="medannot-bench-") as tmp:
        root = Path(tmp)
        (root / "home").mkdir()
        with loopback_env(root / "home"), DatamintEmulator(api_key=KEY) as emulator:
            log(f"emulator at {emulator.url}; datamint {APIHANDLER_VERSION} and {API_VERSION} from their venvs")
            bench = Bench(emulator, pythons, sizes, root)
            steps: dict[str, Callable[[], dict[str, Any]]] = {
                "import": bench.import_time,
                "list": bench.listing,
                "upload": bench.bulk_upload,
                "download": bench.bulk_download,
                "big": bench.big,
            }
            results = {name: step() for name, step in steps.items() if only is None or name in only}
    if only is not None:  # a partial run for working on one measurement: the raw results, no report
        return Report("datamint", {"partial": True, "results": results}, json.dumps(results, indent=1))
    server_growth = [
        v
        for impl in (RAW, SDK, MEDANNOT)
        for v in results["big"][impl].get("server_rss_growth_mib", {}).get("runs", [])
    ]
    data: dict[str, Any] = {
        "platform": "datamint",
        "server": "medannot Datamint emulator (in-process, HTTP on loopback, uploads on disk)",
        "clients": {
            "official": f"datamint.APIHandler {APIHANDLER_VERSION}",
            "official_import_also": f"datamint.Api {API_VERSION}",
            "raw": "httpx.Client",
        },
        "quick": quick,
        "sizes": asdict(sizes),
        "machine": machine_info(),
        "results": results,
        "server_rss_growth_mib_big": statistics.median(server_growth) if server_growth else None,
    }
    data["ratios"] = {k: None if v is None else round(v, 4) for k, v in ratios(results).items()}
    data["goals"] = goals(data)
    return Report("datamint", data, markdown(data))


if __name__ == "__main__":
    from benchmarks.__main__ import compile_bytecode

    parser = argparse.ArgumentParser(prog="python -m benchmarks.datamint", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes for a fast smoke run")
    parser.add_argument("--only", action="append", help="run only this measurement (no files written)")
    args = parser.parse_args()
    compile_bytecode()
    report = run(args.quick, args.only)
    if args.only:
        print(report.markdown)
        sys.exit(0)
    paths = write_report(report, suffix="-quick" if report.data["quick"] else "")
    print(report.markdown)
    print("written: " + ", ".join(str(p) for p in paths))
