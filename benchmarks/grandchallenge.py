"""Grand Challenge: medannot beside gcapi 0.16.1 (the official client) and raw httpx, against one emulator.

There is no Grand Challenge server to run, so every client talks to the medannot emulator over HTTPS on
loopback (its own CA; uploads go to its presigned "S3" URLs, and it keeps parts and uploads in a temporary
folder on disk, not in memory). Every measurement runs in a fresh child process (`grandchallenge_worker.py`);
gcapi runs from its own venv (tests/oracle/gcapi_venvs.py). Repeats are interleaved across clients and medians
are reported. The emulator counts the bytes every storage PUT brings in (an ASGI wrapper in this module), so
"bytes sent again" after a kill is measured on the server's side.

    .venv/bin/python -m benchmarks --platform grandchallenge [--quick]
    .venv/bin/python -m benchmarks.grandchallenge [--quick]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from starlette.requests import ClientDisconnect

from benchmarks._common import (
    MIB,
    Report,
    fmt,
    machine_info,
    markdown_table,
    ratio,
    run_child,
    summarize,
    write_random_file,
    write_report,
)
from medannot.testing.grandchallenge import GrandChallengeEmulator
from medannot.testing.grandchallenge._records import Image, ImageFile
from tests.oracle.gcapi_venvs import GCAPI_VERSION, provision
from tools.servers._venv import venv_python

WORKER = Path(__file__).resolve().parent / "grandchallenge_worker.py"
TOKEN = "bench-token"
PART_MIB = 32  # gcapi's chunk and medannot's default part size


@dataclass(frozen=True)
class Sizes:
    big_mib: int = 2048
    bulk_files: int = 200
    bulk_file_mib: int = 1
    fault_mib: int = 256
    resume_mib: int = 512
    list_images: int = 5000
    repeats: int = 3
    import_repeats: int = 5


FULL = Sizes()
QUICK = Sizes(big_mib=256, bulk_files=40, fault_mib=128, resume_mib=256, list_images=1000, repeats=1, import_repeats=3)

GCAPI, MEDANNOT, RAW = "gcapi", "medannot", "raw"


def log(message: str) -> None:
    print(f"[grandchallenge] {message}", file=sys.stderr, flush=True)


class StorageMeter:
    """ASGI wrapper in front of the emulator: counts the body bytes every storage PUT (a part) brings in, and
    how many part requests are under way, completed, or ended without an answer (dropped, killed client)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.lock = threading.Lock()
        self.received = 0
        self.active = 0
        self.completed = 0
        self.unfinished = 0

    def snapshot(self) -> dict[str, int]:
        with self.lock:
            return {"received": self.received, "active": self.active, "completed": self.completed,
                    "unfinished": self.unfinished}  # fmt: skip

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "PUT" or not scope["path"].startswith("/storage/"):
            await self.app(scope, receive, send)
            return
        status: list[int] = []

        async def counting_receive() -> Any:
            message = await receive()
            if message["type"] == "http.request":
                with self.lock:
                    self.received += len(message.get("body", b""))
            return message

        async def watching_send(message: Any) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
            await send(message)

        with self.lock:
            self.active += 1
        ok = False
        try:
            await self.app(scope, counting_receive, watching_send)
            ok = status == [200]
        except ClientDisconnect:
            pass  # a killed or dropped client: nobody to answer (and no traceback in the log)
        finally:
            with self.lock:
                self.active -= 1
                if ok:
                    self.completed += 1
                else:
                    self.unfinished += 1

    @property
    def state(self) -> Any:  # the emulator reads app.state (crash log)
        return getattr(self.app, "state", None)


class _InjectedFaults(logging.Filter):
    """uvicorn logs a traceback for every connection the emulator drops on purpose (an injected "drop", a
    killed client): expected here, so kept out of the benchmark's output."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not (isinstance(error, ClientDisconnect) or type(error).__name__ == "_Dropped")


@contextmanager
def quiet_injected_faults() -> Iterator[None]:
    logger, quiet = logging.getLogger("uvicorn.error"), _InjectedFaults()
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


@contextmanager
def loopback_only() -> Iterator[None]:
    """httpx honours proxy variables (gcapi's too): keep the children on 127.0.0.1, and keep the machine's
    Grand Challenge token out of them."""
    saved = dict(os.environ)
    for key in list(os.environ):
        if key.lower() in ("http_proxy", "https_proxy", "all_proxy", "grand_challenge_authorization"):
            del os.environ[key]
    os.environ.update(NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


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
    def __init__(self, emulator: GrandChallengeEmulator, meter: StorageMeter, gcapi_python: Path, sizes: Sizes,
                 tmp: Path) -> None:  # fmt: skip
        self.gc, self.meter, self.sizes, self.root = emulator, meter, sizes, tmp
        self.tmp = str(tmp)
        self.pythons = {GCAPI: str(gcapi_python), MEDANNOT: sys.executable, RAW: sys.executable}
        self.resume_dirs = 0

    def argv(self, impl: str, op: str, *args: str) -> list[str]:
        server = ["--url", self.gc.url, "--token", TOKEN, "--ca", str(self.gc.ca_path)] if op != "import" else []
        return [self.pythons[impl], str(WORKER), op, "--impl", impl, *server, *args]

    def resume_dir(self) -> str:
        self.resume_dirs += 1
        return str(self.root / f"resume-{self.resume_dirs}")

    def child(self, argv: list[str], timeout: float = 900.0) -> dict[str, Any]:
        return run_child(argv, timeout, scrub={self.tmp: "$TMP"})

    def forget_uploads(self) -> None:
        """Drop the emulator's stored uploads (completed, aborted and unfinished), so disk use stays bounded."""
        backend = self.gc.backend
        with backend.lock:
            for upload in backend.uploads.values():
                upload.parts.clear()
                if upload.path is not None:
                    upload.path.unlink(missing_ok=True)
            for folder in ("parts", "staging", "uploads"):
                shutil.rmtree(backend.root / folder, ignore_errors=True)
        os.sync()  # write-back of one run must not slow the next

    def repeated(
        self, name: str, impls: list[str], argv: Callable[[str], list[str]], repeats: int, shown: str = "seconds"
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
                runs[impl].append(result)
                self.forget_uploads()
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
            "import", [RAW, GCAPI, MEDANNOT], lambda impl: self.argv(impl, "import"), self.sizes.import_repeats, "ms"
        )
        return self.summary(runs, ("ms", "client_ms"))

    def big(self) -> dict[str, Any]:
        s = self.sizes
        path = write_random_file(self.root / "big.bin", s.big_mib * MIB)
        try:
            warm = write_random_file(self.root / "warm.bin", 64 * MIB)
            self.child(self.argv(MEDANNOT, "upload", str(warm)))  # the server's first upload is not timed
            self.forget_uploads()
            warm.unlink()
            runs = self.repeated(
                f"one {s.big_mib} MiB upload",
                [RAW, GCAPI, MEDANNOT],
                lambda impl: self.argv(impl, "upload", str(path)),
                s.repeats,
            )
        finally:
            path.unlink()
        return self.summary(runs, ("seconds", "cpu_seconds", "rss_growth_mib", "server_rss_growth_mib"))

    def bulk(self) -> dict[str, Any]:
        s = self.sizes
        folder = self.root / "series"
        folder.mkdir()
        files = [
            str(write_random_file(folder / f"slice-{i:03d}.dcm", s.bulk_file_mib * MIB)) for i in range(s.bulk_files)
        ]
        runs = self.repeated(
            f"{s.bulk_files} x {s.bulk_file_mib} MiB as one image",
            [RAW, GCAPI, MEDANNOT],
            lambda impl: self.argv(impl, "case", "--archive", "empty-archive", *files),
            s.repeats,
        )
        shutil.rmtree(folder)
        return self.summary(runs, ("seconds", "cpu_seconds", "rss_growth_mib"))

    def faults(self) -> dict[str, Any]:
        """Three part PUTs answer 503 (S3's SlowDown, with Retry-After: 1) as the upload starts; once half the
        bytes are in, the next part PUT's connection is dropped (headers, then the socket closes)."""
        s = self.sizes
        size = s.fault_mib * MIB
        path = write_random_file(self.root / "faults.bin", size)
        runs: dict[str, list[dict[str, Any]]] = {GCAPI: [], MEDANNOT: []}
        try:
            for rep in range(s.repeats):
                for impl in (GCAPI, MEDANNOT):
                    result = self._fault_run(impl, path, size)
                    runs[impl].append(result)
                    self.forget_uploads()
                    log(f"faults {impl} run {rep + 1}/{s.repeats}: {result.get('outcome')} {result.get('error', '')}")
        finally:
            path.unlink()
        out: dict[str, Any] = {}
        for impl, r in runs.items():
            ok = [x for x in r if x.get("outcome") == "completed" and x.get("stored_ok")]
            out[impl] = {
                "completed": f"{len(ok)}/{len(r)}",
                "outcomes": [x.get("outcome") for x in r],
                "errors": sorted({x["error"] for x in r if x.get("error")}),
                "seconds": summarize(ok, "seconds") if ok else None,
                "faults_served": [x.get("faults_served") for x in r],
            }
        return out

    def _fault_run(self, impl: str, path: Path, size: int) -> dict[str, Any]:
        gc, meter = self.gc, self.meter
        before_uploads = set(gc.backend.uploads)
        start = meter.snapshot()["received"]
        slow_down = gc.inject("503", method="PUT", path="/storage/", times=3, retry_after=1)
        drop = None
        proc = subprocess.Popen(
            self.argv(impl, "upload", "--outcome", str(path)), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        deadline = time.monotonic() + 600
        while proc.poll() is None and time.monotonic() < deadline:
            if drop is None and meter.snapshot()["received"] - start >= size // 2:
                drop = gc.inject("drop", method="PUT", path="/storage/", times=1)
            time.sleep(0.005)
        if proc.poll() is None:
            proc.kill()
        out, err = proc.communicate()
        with gc.backend.lock:
            served = 3 - slow_down.times + (0 if drop is None else 1 - drop.times)
            gc.backend.faults[:] = [f for f in gc.backend.faults if f not in (slow_down, drop)]
        if proc.returncode != 0:
            tail = (err.strip().splitlines() or [""])[-1][:300].replace(self.tmp, "$TMP")
            return {"outcome": "crashed", "error": tail, "faults_served": served}
        result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
        result["faults_served"] = served
        new = [gc.backend.uploads[pk] for pk in gc.backend.uploads if pk not in before_uploads]
        completed = [u for u in new if u.status == "Completed"]
        result["stored_ok"] = len(completed) == 1 and completed[0].size == size
        result["server_statuses"] = sorted(u.status for u in new)
        return result

    def resume(self) -> dict[str, Any]:
        """Kill (SIGKILL) the uploading process once half the file's bytes reached the server, then upload the
        same file again from a new process; bytes sent again = all part bytes received - the file's size."""
        s = self.sizes
        size = s.resume_mib * MIB
        path = write_random_file(self.root / "resume.bin", size)
        runs: dict[str, list[dict[str, Any]]] = {GCAPI: [], MEDANNOT: []}
        try:
            for rep in range(s.repeats):
                for impl in (GCAPI, MEDANNOT):
                    result = self._resume_run(impl, path, size)
                    runs[impl].append(result)
                    self.forget_uploads()
                    shown = result.get("error") or (
                        f"{result['resent_mib']:.1f} MiB sent again, {result['in_flight']} part(s) in flight"
                    )
                    log(f"resume {impl} run {rep + 1}/{s.repeats}: {shown}")
        finally:
            path.unlink()
        out: dict[str, Any] = {}
        for impl, r in runs.items():
            out[impl] = {
                key: summarize(r, key)
                for key in ("resent_mib", "in_flight", "resent_parts", "held_after_kill", "killed_at_mib", "seconds")
            }
            out[impl]["within_goal"] = [x.get("within_goal") for x in r if "error" not in x]
        return out

    def _resume_run(self, impl: str, path: Path, size: int) -> dict[str, Any]:
        gc, meter = self.gc, self.meter
        resume_dir = self.resume_dir()
        argv = self.argv(impl, "upload", *(["--resume-dir", resume_dir] if impl == MEDANNOT else []), str(path))
        before_uploads = set(gc.backend.uploads)
        first = meter.snapshot()
        errors = self.root / "resume-stderr.txt"
        with errors.open("w") as stderr:
            proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=stderr)
        deadline = time.monotonic() + 600
        killed_at = None
        while proc.poll() is None and time.monotonic() < deadline:
            if meter.snapshot()["received"] - first["received"] >= size // 2:
                os.kill(proc.pid, signal.SIGKILL)
                killed_at = meter.snapshot()
                break
            time.sleep(0.002)
        proc.wait()
        if killed_at is None:
            if proc.returncode == 0:
                return {"error": "the upload ended before half of it was sent"}
            tail = (errors.read_text().strip().splitlines() or [""])[-1][:300].replace(self.tmp, "$TMP")
            return {"error": f"the first upload failed (exit {proc.returncode}): {tail}"}
        for _ in range(1000):  # the server notices the closed connections
            if meter.snapshot()["active"] == 0:
                break
            time.sleep(0.01)
        after_kill = meter.snapshot()
        new = [pk for pk in gc.backend.uploads if pk not in before_uploads]
        held = sum(len(gc.backend.uploads[pk].parts) for pk in new)
        in_flight = after_kill["unfinished"] - first["unfinished"]
        second = self.child(argv)
        if "error" in second:
            return {"error": "the second upload failed: " + second["error"]}
        end = meter.snapshot()
        total = end["received"] - first["received"]
        completed = [u for pk, u in gc.backend.uploads.items() if pk not in before_uploads and u.status == "Completed"]
        if len(completed) != 1 or completed[0].size != size:
            return {"error": "the file did not end up on the server whole"}
        part = PART_MIB * MIB
        resent = total - size
        return {
            "resent_mib": resent / MIB,
            "resent_parts": resent / part,
            "in_flight": in_flight,
            "held_after_kill": held,
            "killed_at_mib": (killed_at["received"] - first["received"]) / MIB,
            "seconds": second["seconds"],
            "same_upload": completed[0].pk in new,
            "within_goal": resent <= max(in_flight, 0) * part,
        }

    def listing(self) -> dict[str, Any]:
        """Images seeded straight into the emulator's backend (what is timed is the listing only)."""
        backend = self.gc.backend
        stored = backend.path("bench", "image.mha")
        stored.write_bytes(b"ObjectType = Image\n")
        with backend.lock:
            backend.images.clear()
            for i in range(self.sizes.list_images):
                pk = f"{i:08d}-0000-4000-8000-000000000000"
                files = [ImageFile(f"{i:08d}-0000-4000-8000-000000000001", "image.mha", stored, "MHD")]
                backend.images[pk] = Image(pk, f"image-{i:05d}.mha", files, [16, 256, 256], (1.0, 0.7, 0.7))
        count = str(self.sizes.list_images)
        results = {}
        contract = self.gc.contract
        for variant in ("as_served", "unvalidated"):
            if variant == "unvalidated":
                # The emulator holds every answer to the schema (validators compiled once, about 20 us per image:
                # server time no real server spends). The second series switches that off.
                contract._response_errors = lambda *args, **kwargs: []  # type: ignore[method-assign]
            try:
                runs = self.repeated(
                    f"list {count} images ({variant.replace('_', ' ')})",
                    [RAW, GCAPI, MEDANNOT],
                    lambda impl: self.argv(impl, "list", "--expect", count),
                    self.sizes.repeats,
                )
            finally:
                contract.__dict__.pop("_response_errors", None)
            results[variant] = self.summary(runs, ("seconds", "cpu_seconds", "rss_growth_mib"))
        with backend.lock:
            backend.images.clear()
        return results


# --- the report ------------------------------------------------------------------------------------------------
def _median(results: dict[str, Any], impl: str, key: str = "seconds") -> float | None:
    entry = results.get(impl, {}).get(key)
    value = entry.get("median") if isinstance(entry, dict) else None
    return float(value) if value is not None else None


def ratios(r: dict[str, Any]) -> dict[str, float | None]:
    return {
        "import_medannot_over_gcapi": ratio(_median(r["import"], MEDANNOT, "ms"), _median(r["import"], GCAPI, "ms")),
        "import_client_medannot_over_gcapi": ratio(
            _median(r["import"], MEDANNOT, "client_ms"), _median(r["import"], GCAPI, "client_ms")
        ),
        "big_medannot_over_gcapi": ratio(_median(r["big"], MEDANNOT), _median(r["big"], GCAPI)),
        "big_medannot_over_raw": ratio(_median(r["big"], MEDANNOT), _median(r["big"], RAW)),
        "bulk_medannot_over_gcapi": ratio(_median(r["bulk"], MEDANNOT), _median(r["bulk"], GCAPI)),
        "bulk_medannot_over_raw": ratio(_median(r["bulk"], MEDANNOT), _median(r["bulk"], RAW)),
        **{
            f"list_{v}_gcapi_over_medannot": ratio(_median(r["list"][v], GCAPI), _median(r["list"][v], MEDANNOT))
            for v in ("as_served", "unvalidated")
        },
        **{
            f"list_{v}_medannot_over_raw": ratio(_median(r["list"][v], MEDANNOT), _median(r["list"][v], RAW))
            for v in ("as_served", "unvalidated")
        },
    }


def goals(data: dict[str, Any]) -> dict[str, bool | None]:
    r, q = data["results"], data["ratios"]

    def at_most(value: float | None, limit: float) -> bool | None:
        return None if value is None else value <= limit

    resume = r["resume"][MEDANNOT]["within_goal"]
    faults = r["faults"]
    return {
        "big_rss_growth_le_64_mib": at_most(_median(r["big"], MEDANNOT, "rss_growth_mib"), 64),
        "big_time_le_gcapi": at_most(q["big_medannot_over_gcapi"], 1.0),
        "bulk_time_le_gcapi": at_most(q["bulk_medannot_over_gcapi"], 1.0),
        "faults_medannot_completes": len(set(faults[MEDANNOT]["completed"].split("/"))) == 1,
        "resume_resent_le_in_flight_parts": bool(resume) and all(resume),
        **{
            f"list_{v}_ge_1_5x_faster_than_gcapi": None if q[f"list_{v}_gcapi_over_medannot"] is None
            else q[f"list_{v}_gcapi_over_medannot"] >= 1.5
            for v in ("as_served", "unvalidated")
        },
        "import_le_gcapi": at_most(q["import_medannot_over_gcapi"], 1.0),
    }  # fmt: skip


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
    f, rs = r["faults"], r["resume"]

    def fault_cell(impl: str) -> str:
        entry = f[impl]
        text = f"completed {entry['completed']}"
        if entry["errors"]:
            text += f" (gave up: {entry['errors'][0].split(':')[0].rsplit('.', 1)[-1]})"
        if entry["seconds"] and entry["seconds"]["median"] is not None:
            text += f", {entry['seconds']['median']:.2f} s"
        return text

    def resume_cell(impl: str) -> str:
        resent, flight = rs[impl]["resent_mib"]["median"], rs[impl]["in_flight"]["median"]
        if resent is None:
            errors: list[str] = rs[impl]["resent_mib"].get("errors", ["?"])
            return "failed: " + errors[0][:80]
        return f"{resent:.0f} MiB ({resent / PART_MIB:.2f} parts; {flight:g} in flight)"

    rows = [
        [
            f"one {big} upload, s",
            _cell(r["big"], RAW),
            _cell(r["big"], GCAPI),
            _cell(r["big"], MEDANNOT),
            f"medannot/gcapi {x(q['big_medannot_over_gcapi'])}, medannot/raw {x(q['big_medannot_over_raw'])}",
            f"<= gcapi: {_goal(g['big_time_le_gcapi'])}",
        ],
        [
            f"one {big} upload, client peak RSS growth, MiB",
            _cell(r["big"], RAW, "rss_growth_mib", 0),
            _cell(r["big"], GCAPI, "rss_growth_mib", 0),
            _cell(r["big"], MEDANNOT, "rss_growth_mib", 0),
            "",
            f"medannot <= 64 MiB: {_goal(g['big_rss_growth_le_64_mib'])}",
        ],
        [
            f"one {big} upload, client CPU s (all threads)",
            _cell(r["big"], RAW, "cpu_seconds"),
            _cell(r["big"], GCAPI, "cpu_seconds"),
            _cell(r["big"], MEDANNOT, "cpu_seconds"),
            "",
            "medannot hashes every part (MD5) to check its ETag",
        ],
        [
            f"{s['bulk_files']} x {s['bulk_file_mib']} MiB DICOM-like files as one image (`add_case_to_archive`), s",
            _cell(r["bulk"], RAW),
            _cell(r["bulk"], GCAPI),
            _cell(r["bulk"], MEDANNOT),
            f"medannot/gcapi {x(q['bulk_medannot_over_gcapi'])}, medannot/raw {x(q['bulk_medannot_over_raw'])}",
            f"<= gcapi: {_goal(g['bulk_time_le_gcapi'])}",
        ],
        [
            f"{s['fault_mib']} MiB upload, 3 part PUTs answered 503 + 1 dropped connection",
            "-",
            fault_cell(GCAPI),
            fault_cell(MEDANNOT),
            "",
            f"medannot completes: {_goal(g['faults_medannot_completes'])}",
        ],
        [
            f"{s['resume_mib']} MiB upload SIGKILLed at 50 %, uploaded again: bytes sent again",
            "-",
            resume_cell(GCAPI) + " (starts over)",
            resume_cell(MEDANNOT),
            "",
            f"<= 1 part per part in flight: {_goal(g['resume_resent_le_in_flight_parts'])}",
        ],
        *[
            [
                f"list {s['list_images']} images, s ({label})",
                _cell(r["list"][v], RAW, digits=3),
                _cell(r["list"][v], GCAPI, digits=3),
                _cell(r["list"][v], MEDANNOT, digits=3),
                f"gcapi/medannot {x(q[f'list_{v}_gcapi_over_medannot'])}, "
                f"medannot/raw {x(q[f'list_{v}_medannot_over_raw'])}",
                f">= 1.5x faster than gcapi: {_goal(g[f'list_{v}_ge_1_5x_faster_than_gcapi'])}",
            ]
            for v, label in (
                ("as_served", "emulator as served"),
                ("unvalidated", "emulator's response validation off"),
            )
        ],
        [
            "import time, ms (package; with its `Client`)",
            f"{_cell(r['import'], RAW, 'ms', 0)}",
            f"{_cell(r['import'], GCAPI, 'ms', 0)}; {_cell(r['import'], GCAPI, 'client_ms', 0)}",
            f"{_cell(r['import'], MEDANNOT, 'ms', 0)}; {_cell(r['import'], MEDANNOT, 'client_ms', 0)}",
            f"medannot/gcapi {x(q['import_medannot_over_gcapi'])}; "
            f"{x(q['import_client_medannot_over_gcapi'])} with `Client`",
            f"<= gcapi: {_goal(g['import_le_gcapi'])}",
        ],
    ]
    header = ["Benchmark", "raw httpx", f"gcapi {GCAPI_VERSION}", "medannot", "ratios", "goal"]
    server = data["server_rss_growth_mib_big"]
    title = "Grand Challenge" + (" (quick smoke run)" if data["quick"] else "")
    return "\n".join(
        [
            f"## {title}",
            "",
            f"medannot Grand Challenge emulator (HTTPS on loopback, uploads stored on disk); medians of "
            f"{s['repeats']} runs (import: {s['import_repeats']}), each in a fresh process; {m['cores']} cores, "
            f"Python {m['python']}, medannot {m['medannot']}, {m['date']}. Produced by `make bench`.",
            "",
            markdown_table(header, rows),
            "",
            f"Parts of {PART_MIB} MiB for all three clients. gcapi sends a file's parts one at a time from a "
            f"{PART_MIB} MiB buffer, ten files at a time; medannot streams 4 parts of a file at a time from disk "
            "(1 MiB reads), ten files at a time; raw httpx streams one part at a time. gcapi lists with pages of "
            "100 and one extra empty page; medannot and raw follow `next` with pages of 1000. The emulator's own "
            f"peak RSS growth during the {big} upload (median over clients): "
            f"{fmt(server, 0)} MiB. Bytes sent again are counted by the emulator: all part bytes it received "
            "(partial ones included) beyond the file's size. The emulator holds every answer to the schema "
            "(validators compiled once: about 20 us per image, server time no real server spends); the second "
            "listing row switches that check off in the benchmark's emulator only. gcapi pays the server's "
            "per-request time 51 times, medannot 5 times; medannot also checks and types every image (about 13 us "
            "each). Uploads are bound by the emulator (one Python thread doing TLS, MD5 and disk writes for all "
            "connections); wall times on this shared machine vary by up to 2x between runs, the client CPU row does "
            "not.",
        ]
    )


def run(quick: bool = False, only: list[str] | None = None) -> Report:
    sizes = QUICK if quick else FULL
    gcapi_python = venv_python(provision())
    with tempfile.TemporaryDirectory(prefix="medannot-bench-") as tmp, loopback_only(), quiet_injected_faults():
        emulator = GrandChallengeEmulator(
            TOKEN,
            cert_dir=Path(tmp) / "tls",
            import_seconds=1e9,  # imports never run: only the clients' part is measured, and no image copies
            max_uploads=10**7,
            upload_limit=1 << 50,
        )
        meter = StorageMeter(emulator.app)
        emulator.app = meter  # type: ignore[assignment]  # what start() serves: the meter, then the app
        with emulator:
            log(f"emulator at {emulator.url}; gcapi {GCAPI_VERSION} from its venv")
            bench = Bench(emulator, meter, gcapi_python, sizes, Path(tmp))
            steps: dict[str, Callable[[], dict[str, Any]]] = {
                "import": bench.import_time,
                "list": bench.listing,
                "bulk": bench.bulk,
                "faults": bench.faults,
                "resume": bench.resume,
                "big": bench.big,
            }
            results = {name: step() for name, step in steps.items() if only is None or name in only}
    if only is not None:  # a partial run for working on one measurement: the raw results, no report
        return Report("grandchallenge", {"partial": True, "results": results}, json.dumps(results, indent=1))
    server_growth = [
        v
        for impl in (RAW, GCAPI, MEDANNOT)
        for v in results["big"][impl].get("server_rss_growth_mib", {}).get("runs", [])
    ]
    data: dict[str, Any] = {
        "platform": "grandchallenge",
        "server": "medannot Grand Challenge emulator (in-process, HTTPS on loopback, uploads on disk)",
        "clients": {"official": f"gcapi.Client {GCAPI_VERSION}", "raw": "httpx.Client"},
        "quick": quick,
        "sizes": asdict(sizes),
        "machine": machine_info(),
        "results": results,
        "server_rss_growth_mib_big": statistics.median(server_growth) if server_growth else None,
    }
    data["ratios"] = {k: None if v is None else round(v, 4) for k, v in ratios(results).items()}
    data["goals"] = goals(data)
    return Report("grandchallenge", data, markdown(data))


if __name__ == "__main__":
    from benchmarks.__main__ import compile_bytecode

    parser = argparse.ArgumentParser(prog="python -m benchmarks.grandchallenge", description=__doc__.splitlines()[0])
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
