"""PHAS: medannot beside the official `phas.client.api` and raw httpx, against one real 0.99.7 server.

Every measurement runs in a fresh child process (`phas_worker.py`); the official client runs from the server
venv. Repeats are interleaved across clients (so server drift hits all of them alike) and the median is
reported. Patches are compared pixel by pixel with the official client's image (numpy arrays).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks._common import Report, fmt, machine_info, markdown_table, ratio, run_child, summarize
from tools.servers.phas import BENCH, PHAS_VERSION, SMALL, PhasServer, running_server

WORKER = Path(__file__).resolve().parent / "phas_worker.py"
SLIDES = {"jpeg": "S1_B1_HE_01", "uncompressed": "S2_B1_HE_01"}  # JPEG q90 / uncompressed, 512-px TIFF tiles


@dataclass(frozen=True)
class Sizes:
    slide_size: int = BENCH  # level-0 side of the data set's slides
    center: int = 4096  # patch centre (x = y), level-0 pixels
    region: int = 4096  # patch side at `level`
    level: int = 0
    tile: int = 512
    raw_threads: tuple[int, ...] = (1, 2, 4, 8)
    repeats: int = 3  # child processes per variant (medians of these)
    extra_slides: int = 1000  # manifest benchmark: slides added to the project
    manifest_calls: int = 5  # timed calls per child (after one warm-up call)
    construct_calls: int = 10
    concurrent_tiles: int = 200  # single-tile get_patch calls at once: Client on threads vs AsyncClient


FULL = Sizes()
QUICK = Sizes(slide_size=SMALL, center=1024, region=2048)


@dataclass(frozen=True)
class Variant:
    key: str  # key in the results
    label: str  # column / row label
    impl: str  # worker --impl
    threads: int = 8  # raw only
    args: tuple[str, ...] = ()  # more worker arguments


OFFICIAL = Variant("official", "official", "official")
MEDANNOT = Variant("medannot", "medannot", "medannot")
RAW = Variant("raw", "raw httpx", "raw")
RAW_CSV = Variant("raw_csv", "raw httpx + csv", "raw", args=("--parse-csv",))
MEDANNOT_ASYNC = Variant("medannot_async", "medannot AsyncClient", "medannot_async")


def raw_threads(n: int) -> Variant:
    return Variant(f"raw_{n}", f"raw httpx {n} thr", "raw", n)


def log(message: str) -> None:
    print(f"[phas] {message}", file=sys.stderr, flush=True)


class Bench:
    def __init__(self, server: PhasServer, sizes: Sizes, tmp: Path) -> None:
        self.server = server
        self.sizes = sizes
        self.tmp = tmp  # saved patches live here; kept out of the results
        self.pythons = {"official": str(server.python)}
        self.pythons.update(dict.fromkeys(("raw", "medannot", "medannot_async"), sys.executable))
        self.task = server.tasks["annot"]

    def worker(self, variant: Variant, op: str, *args: str) -> list[str]:
        python = self.pythons[variant.impl]
        common = ["--impl", variant.impl, "--url", self.server.url, "--key-file", str(self.server.key_files["admin"])]
        task = ["--task", str(self.task), "--threads", str(variant.threads)]
        return [python, str(WORKER), op, *common, *task, *variant.args, *args]

    def repeated(
        self,
        name: str,
        variants: list[Variant],
        argv: Callable[[Variant, int], list[str]],
        done: Callable[[Variant, int, dict[str, Any]], None] = lambda v, rep, r: None,
        timeout: float = 300.0,
    ) -> dict[str, list[dict[str, Any]]]:
        """Run each variant `repeats` times, interleaved; a variant that failed is not retried.

        An untimed warm-up run of the last variant comes first (the server opens the slide, fills caches).
        `done` sees every successful result (the pixel check).
        """
        run_child(argv(variants[-1], -1), timeout)
        runs: dict[str, list[dict[str, Any]]] = {v.key: [] for v in variants}
        for rep in range(self.sizes.repeats):
            for variant in variants:
                if any("error" in r for r in runs[variant.key]):
                    continue
                result = run_child(argv(variant, rep), timeout, scrub={str(self.tmp): "$TMP"})
                runs[variant.key].append(result)
                if "error" not in result:
                    done(variant, rep, result)
                log(f"{name} {variant.label} run {rep + 1}/{self.sizes.repeats}: {_shown(result)}")
        return runs

    # --- 1. get_patch ---------------------------------------------------------------------------
    def patch(self, kind: str) -> dict[str, Any]:
        s = self.sizes
        slide_id = self.server.slides[SLIDES[kind]]
        variants = [OFFICIAL, MEDANNOT, *(raw_threads(n) for n in s.raw_threads)]
        check = PixelCheck(s)

        def argv(variant: Variant, rep: int) -> list[str]:
            region = f"{s.region},{s.region}"
            args = ["--slide", str(slide_id), "--center", f"{s.center},{s.center}", "--size", region,
                    "--level", str(s.level), "--tile", str(s.tile)]  # fmt: skip
            if rep >= 0:
                args += ["--save", str(self.tmp / f"{kind}-{variant.key}-{rep}.npy")]
            return self.worker(variant, "patch", *args)

        def done(variant: Variant, rep: int, result: dict[str, Any]) -> None:
            check.add(variant.key, self.tmp / f"{kind}-{variant.key}-{rep}.npy")

        runs = self.repeated(f"get_patch {kind}", variants, argv, done)
        return {
            "slide": SLIDES[kind],
            "slide_id": slide_id,
            "tiles": len(range(0, s.region, s.tile)) ** 2,
            "seconds": {key: summarize(r, "seconds") for key, r in runs.items()},
            "pixels_vs_official": check.results,
            "official_vs_pattern": check.pattern,
        }

    # --- 2. slide manifest ----------------------------------------------------------------------
    def manifest(self) -> dict[str, Any]:
        calls = str(self.sizes.manifest_calls)
        runs = self.repeated(
            "slide_manifest",
            [OFFICIAL, MEDANNOT, RAW, RAW_CSV],
            lambda v, rep: self.worker(v, "manifest", "--calls", calls),
        )
        return {
            key: {"ms": summarize(r, "ms"), "rows": sorted({run["rows"] for run in r if "rows" in run})}
            for key, r in runs.items()
        }

    # --- 3. concurrent tiles --------------------------------------------------------------------
    def tiles(self) -> dict[str, Any]:
        s = self.sizes
        args = ["--slide", str(self.server.slides[SLIDES["jpeg"]]), "--calls", str(s.concurrent_tiles),
                "--center", f"{s.center},{s.center}", "--level", str(s.level), "--tile", str(s.tile)]  # fmt: skip
        runs = self.repeated(
            "concurrent tiles", [MEDANNOT, MEDANNOT_ASYNC], lambda v, rep: self.worker(v, "tiles", *args)
        )
        return {key: {"seconds": summarize(r, "seconds")} for key, r in runs.items()}

    # --- 4. client construction -----------------------------------------------------------------
    def construct(self) -> dict[str, Any]:
        calls = str(self.sizes.construct_calls)
        runs = self.repeated(
            "construct", [OFFICIAL, MEDANNOT, RAW], lambda v, rep: self.worker(v, "construct", "--calls", calls)
        )
        metrics = ("ctor_ms", "ctor_first_call_ms", "cold_ctor_ms", "cold_ctor_first_call_ms")
        return {key: {metric: summarize(r, metric) for metric in metrics} for key, r in runs.items()}


def _shown(result: dict[str, Any]) -> str:
    if "error" in result:
        return str(result["error"])
    if "seconds" in result:
        return f"{result['seconds']:.3f} s"
    if "ms" in result:
        return f"{result['ms']:.2f} ms"
    return f"{result['ctor_ms']:.2f} ms, with first call {result['ctor_first_call_ms']:.2f} ms"


class PixelCheck:
    """Compares every saved patch with the official client's first one (then deletes it); also compares that
    reference with the synthetic pattern the slides were written with (level 0 only)."""

    def __init__(self, sizes: Sizes) -> None:
        self.sizes = sizes
        self.reference: np.ndarray | None = None
        self.results: dict[str, dict[str, Any]] = {}
        self.pattern: dict[str, Any] | None = None

    def add(self, key: str, path: Path) -> None:
        image = np.load(path)
        path.unlink()
        if self.reference is None:
            if key != "official":
                return  # the official client runs first in each round; without its image there is nothing to compare
            self.reference = image
            self.pattern = self.against_pattern(image)
            return  # the reference itself; the official client's later runs are compared with it
        entry = self.results.setdefault(key, {"compared": 0, "equal": 0, "max_abs_diff": 0})
        entry["compared"] += 1
        if image.shape == self.reference.shape:
            equal = bool(np.array_equal(image, self.reference))
            diff = int(np.abs(image.astype(np.int16) - self.reference.astype(np.int16)).max())
        else:
            equal, diff = False, 255
            entry["shape"] = list(image.shape)
        entry["equal"] += equal
        entry["max_abs_diff"] = max(entry["max_abs_diff"], diff)

    def against_pattern(self, image: np.ndarray) -> dict[str, Any] | None:
        s = self.sizes
        if s.level != 0 or image.ndim != 3:
            return None
        coords = np.arange(s.center - s.region // 2, s.center + s.region - s.region // 2, dtype=np.int64)
        x, y = coords[None, :], coords[:, None]
        expected = np.stack(
            np.broadcast_arrays(x & 255, y & 255, ((x >> 8) * 7 + (y >> 8) * 13) & 255), axis=-1
        ).astype(np.int16)
        diff = np.abs(image[..., :3].astype(np.int16) - expected)
        alpha_opaque = bool(image.shape[2] < 4 or (image[..., 3] == 255).all())
        return {
            "max_abs_diff": int(diff.max()),
            "mean_abs_diff": round(float(diff.mean()), 4),
            "alpha_255": alpha_opaque,
        }


def run(quick: bool = False) -> Report:
    sizes = QUICK if quick else FULL
    with tempfile.TemporaryDirectory(prefix="medannot-bench-") as tmp:
        root = Path(tmp)
        log(f"starting PHAS {PHAS_VERSION} ({sizes.slide_size}² slides, +{sizes.extra_slides} manifest-only slides)")
        with running_server(root / "server", slide_size=sizes.slide_size, extra_slides=sizes.extra_slides) as server:
            bench = Bench(server, sizes, root)
            results = {
                "patch": {kind: bench.patch(kind) for kind in SLIDES},
                "manifest": bench.manifest(),
                "construct": bench.construct(),
                "tiles": bench.tiles(),
            }
    data = {
        "platform": "phas",
        "server": f"PHAS {PHAS_VERSION} (local, loopback; flask dev server + 2 slide-server workers)",
        "clients": {
            "official": f"phas.client.api {PHAS_VERSION} (requests, one connection per call, tiles one by one)",
            "medannot": "medannot.phas (default max_workers for get_patch)",
            "raw": "httpx.Client + ThreadPoolExecutor, PIL decode in the threads, paste in order",
        },
        "quick": quick,
        "machine": machine_info(),
        "sizes": asdict(sizes),
        "results": results,
        "ratios": {k: None if v is None else round(v, 4) for k, v in ratios(results, sizes).items()},
    }
    return Report("phas", data, render(data))


def _median(entry: dict[str, Any]) -> float | None:
    value: float | None = entry["median"]
    return value


def best_raw(patch: dict[str, Any], sizes: Sizes) -> tuple[str | None, float | None]:
    timed = [(f"raw_{n}", _median(patch["seconds"][f"raw_{n}"])) for n in sizes.raw_threads]
    found = [(key, value) for key, value in timed if value is not None]
    return min(found, key=lambda kv: kv[1]) if found else (None, None)


def ratios(results: dict[str, Any], sizes: Sizes) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for kind, patch in results["patch"].items():
        seconds = {key: _median(entry) for key, entry in patch["seconds"].items()}
        _, raw = best_raw(patch, sizes)
        out[f"patch_{kind}_official_over_medannot"] = ratio(seconds["official"], seconds["medannot"])
        out[f"patch_{kind}_medannot_over_best_raw"] = ratio(seconds["medannot"], raw)
        out[f"patch_{kind}_official_over_best_raw"] = ratio(seconds["official"], raw)
    manifest = {key: _median(entry["ms"]) for key, entry in results["manifest"].items()}
    out["manifest_official_over_medannot"] = ratio(manifest["official"], manifest["medannot"])
    out["manifest_medannot_over_raw"] = ratio(manifest["medannot"], manifest["raw"])
    for metric in ("ctor_ms", "ctor_first_call_ms", "cold_ctor_ms", "cold_ctor_first_call_ms"):
        values = {key: _median(entry[metric]) for key, entry in results["construct"].items()}
        out[f"{metric}_official_over_medannot"] = ratio(values["official"], values["medannot"])
        out[f"{metric}_medannot_over_raw"] = ratio(values["medannot"], values["raw"])
    tiles = {key: _median(entry["seconds"]) for key, entry in results["tiles"].items()}
    out["tiles_sync_over_async"] = ratio(tiles["medannot"], tiles["medannot_async"])
    return out


def _cell(entry: dict[str, Any], digits: int = 2) -> str:
    if entry["median"] is None:
        errors: list[str] = entry.get("errors", ["?"])
        return "failed: " + errors[0][:80]  # every error is in the JSON
    return fmt(entry["median"], digits)


def _pixels(patch: dict[str, Any], key: str) -> str:
    entry = patch["pixels_vs_official"].get(key)
    if entry is None:
        return "n/a"
    if entry["equal"] == entry["compared"]:
        return f"equal ({entry['equal']}/{entry['compared']})"
    return f"**differs** ({entry['equal']}/{entry['compared']} equal, max diff {entry['max_abs_diff']})"


def render(data: dict[str, Any]) -> str:
    r, q, s, m = data["results"], data["ratios"], data["sizes"], data["machine"]
    sizes = Sizes(**{**s, "raw_threads": tuple(s["raw_threads"])})

    def x(value: float | None) -> str:
        return fmt(value, 2, "x")

    def goal(value: float | None, ok: Callable[[float], bool]) -> str:
        return "n/a" if value is None else ("met" if ok(value) else "**missed**")

    threads = [f"raw {n} thr" for n in sizes.raw_threads]
    patch_rows, pixel_rows = [], []
    for kind, p in r["patch"].items():
        raw_key, _ = best_raw(p, sizes)
        om, mr = q[f"patch_{kind}_official_over_medannot"], q[f"patch_{kind}_medannot_over_best_raw"]
        patch_rows.append([
            f"{kind} ({p['slide']})", _cell(p["seconds"]["official"]), _cell(p["seconds"]["medannot"]),
            *(_cell(p["seconds"][f"raw_{n}"]) for n in sizes.raw_threads),
            f"{x(om)} ({goal(om, lambda v: v >= 1.8)})",
            f"{x(mr)} vs {raw_key or 'n/a'} ({goal(mr, lambda v: v <= 1.1)})",
        ])  # fmt: skip
        pattern = p["official_vs_pattern"]
        vs_pattern = "n/a" if pattern is None else (
            f"max abs diff {pattern['max_abs_diff']}, mean {pattern['mean_abs_diff']:.2f}"
            + ("" if pattern["alpha_255"] else ", alpha not all 255")
        )  # fmt: skip
        pixel_rows.append([
            f"{kind}", _pixels(p, "medannot"), *(_pixels(p, f"raw_{n}") for n in sizes.raw_threads),
            _pixels(p, "official"), vs_pattern,
        ])  # fmt: skip
    region, tiles = f"{s['region']}x{s['region']}", r["patch"]["jpeg"]["tiles"]
    patch_table = markdown_table(
        ["slide", "official s", "medannot s", *(t + " s" for t in threads), "official/medannot (goal >= 1.8x)",
         "medannot/best raw (goal <= 1.1x)"],
        patch_rows,
    )  # fmt: skip
    pixel_table = markdown_table(
        ["slide", "medannot", *threads, "official (other runs)", "official image vs synthetic pattern"], pixel_rows
    )
    man = r["manifest"]
    rows = man["medannot"]["rows"] or man["raw"]["rows"]
    manifest_table = markdown_table(
        ["", "official", "medannot", "raw httpx (GET only)", "raw httpx + csv.DictReader", "official/medannot",
         "medannot/raw (GET only)"],
        [["slide_manifest(), ms",
          *(_cell(man[k]["ms"]) for k in ("official", "medannot", "raw", "raw_csv")),
          x(q["manifest_official_over_medannot"]), x(q["manifest_medannot_over_raw"])]],
    )  # fmt: skip
    con = r["construct"]
    construct_table = markdown_table(
        ["", "official", "medannot", "raw httpx", "official/medannot", "medannot/raw"],
        [
            [label, *(_cell(con[k][metric]) for k in ("official", "medannot", "raw")),
             x(q[f"{metric}_official_over_medannot"]), x(q[f"{metric}_medannot_over_raw"])]
            for label, metric in (("client constructed, ms", "ctor_ms"),
                                  ("constructed + first call (project_listing), ms", "ctor_first_call_ms"),
                                  ("first one in the process: constructed, ms", "cold_ctor_ms"),
                                  ("first one in the process: constructed + first call, ms",
                                   "cold_ctor_first_call_ms"))
        ],
    )  # fmt: skip
    title = "PHAS" + (" (quick smoke run)" if data["quick"] else "")
    return "\n".join([
        f"## {title}",
        "",
        f"{data['server']}; {s['slide_size']}² slides; medians of {s['repeats']} runs, each in a fresh process; "
        f"{m['cores']} cores (shared by client and server), Python {m['python']}, medannot {m['medannot']}, "
        f"{m['date']}. Produced by `make bench`.",
        "",
        f"### get_patch: {region} region at level {s['level']}, centre ({s['center']}, {s['center']}), "
        f"tile_size={s['tile']} ({tiles} tiles)",
        "",
        "Seconds for the call alone (client logged in, slide header read before). medannot uses its default "
        "max_workers; raw httpx GETs the official client's tile URLs with the session cookie.",
        "",
        patch_table,
        "",
        "Pixels: every run's image (numpy array) against the official client's first image.",
        "",
        pixel_table,
        "",
        f"### Slide manifest of a task with {rows[0] if rows else '?'} slides "
        f"({s['extra_slides']} database-only slides added), median of {s['manifest_calls']} calls per process",
        "",
        manifest_table,
        "",
        f"### Constructing a client, median of {s['construct_calls']} per process (after one untimed of each; "
        "that first one is in the last two rows)",
        "",
        "The official `Client(url, key_file)` builds PHAS's Flask app locally and logs in; medannot's `Client(url, "
        "key)` sends nothing (it logs in on the first call); raw httpx: `httpx.Client` (one shared SSL context), "
        "first call = POST /auth/api/login + GET /api/projects.",
        "",
        construct_table,
        "",
        f"### {s['concurrent_tiles']} single-tile `get_patch` calls at once ({s['tile']}² tiles)",
        "",
        markdown_table(
            ["", "Client (16 threads)", "AsyncClient (tasks)", "sync/async"],
            [["seconds", _cell(r["tiles"]["medannot"]["seconds"]), _cell(r["tiles"]["medannot_async"]["seconds"]),
              x(q["tiles_sync_over_async"])]],
        ),
    ])  # fmt: skip
