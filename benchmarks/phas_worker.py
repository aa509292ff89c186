"""One PHAS measurement in a fresh process; prints one JSON line on stdout (last line: the official client
prints too).

Run as a script by `benchmarks.phas`: with the project's python for `raw` and `medannot`, and with the PHAS
venv's python for `official` (its client is importable only there). Standard library only at module level,
so both interpreters can load it. Logging in, finding the task and reading the slide header happen before
the clock starts; the measured call comes after.

    python phas_worker.py patch     --impl raw --threads 8 --url URL --key-file F --task 1 --slide 2 \
                                    --center 4096,4096 --level 0 --size 4096,4096 --tile 512 [--save A.npy]
    python phas_worker.py manifest  --impl medannot --url URL --key-file F --task 1 --calls 5
    python phas_worker.py construct --impl official --url URL --key-file F --calls 10
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from io import BytesIO, StringIO
from pathlib import Path
from typing import Any

# A script's folder leads sys.path, and here it holds `phas.py`, which would shadow the real package.
HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]

Tile = tuple[int, int, int, int, int, int]  # (x, y) in the patch, level-0 centre (cx, cy), size (w, h)


def timed(call: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = call()
    return time.perf_counter() - start, value


def pairs(text: str) -> tuple[int, int]:
    first, second = text.split(",")
    return int(first), int(second)


# --- raw httpx -------------------------------------------------------------------------------------
def raw_session(url: str, key: str, connections: int = 8) -> Any:
    """An httpx client holding the session cookie of POST /auth/api/login."""
    import httpx

    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    http = httpx.Client(base_url=url, timeout=httpx.Timeout(120.0, connect=10.0), limits=limits)
    http.post("/auth/api/login", data={"api_key": key}).raise_for_status()
    return http


def official_tiles(center: tuple[int, int], size: tuple[int, int], downsample: float, tile: int) -> list[Tile]:
    """The split of the official `Slide.get_patch`; its URLs carry the centres truncated to integers."""
    tiles = []
    for x in range(0, size[0], tile):
        w = min(size[0] - x, tile)
        cx = center[0] + downsample * (x - 0.5 * (size[0] - w))
        for y in range(0, size[1], tile):
            h = min(size[1] - y, tile)
            cy = center[1] + downsample * (y - 0.5 * (size[1] - h))
            tiles.append((x, y, int(cx), int(cy), w, h))
    return tiles


def raw_patch(http: Any, args: argparse.Namespace) -> Callable[[], object]:
    """GET the official client's tile URLs from `args.threads` threads, decode there, paste in order."""
    from concurrent.futures import ThreadPoolExecutor

    from PIL import Image

    project = http.get(f"/api/task/{args.task}/info").json()["project"]
    header = http.get(f"/dzi/download/{project}/slide_{args.slide}_raw_header.json").json()
    tiles = official_tiles(args.center, args.size, float(header["level_downsamples"][args.level]), args.tile)
    prefix = f"/dzi/patch/{project}/{args.slide}/raw/{args.level}"

    def fetch(tile: Tile) -> Any:
        _, _, cx, cy, w, h = tile
        response = http.get(f"{prefix}/{cx}_{cy}_{w}_{h}.png")
        response.raise_for_status()
        image = Image.open(BytesIO(response.content))
        image.load()
        return image

    def run() -> object:
        with ThreadPoolExecutor(max_workers=args.threads) as pool:
            images = list(pool.map(fetch, tiles))
        patch = Image.new(images[0].mode, args.size)
        for (x, y, *_), image in zip(tiles, images, strict=True):
            patch.paste(image, (x, y))
        return patch

    return run


# --- the three operations --------------------------------------------------------------------------
def patch(args: argparse.Namespace, key: str) -> dict[str, Any]:
    run: Callable[[], object]
    if args.impl == "raw":
        run = raw_patch(raw_session(args.url, key, args.threads), args)
    elif args.impl == "official":
        from phas.client.api import Client, Slide, Task  # type: ignore[import-not-found]

        slide = Slide(Task(Client(args.url, str(args.key_file)), args.task), args.slide)
        slide.level_downsamples  # noqa: B018  (the header request, before the clock)
        run = lambda: slide.get_patch(args.center, args.level, args.size, tile_size=args.tile)  # noqa: E731
    else:
        from medannot.phas import Client as MClient
        from medannot.phas import Slide as MSlide
        from medannot.phas import Task as MTask

        mslide = MSlide(MTask(MClient(args.url, api_key=key), args.task), args.slide)
        mslide.level_downsamples, mslide.dimensions  # noqa: B018
        run = lambda: mslide.get_patch(args.center, args.level, args.size, tile_size=args.tile)  # noqa: E731
    seconds, image = timed(run)
    result: dict[str, Any] = {"seconds": seconds, "mode": image.mode, "size": list(image.size)}  # type: ignore[attr-defined]
    if args.save:
        import numpy as np

        np.save(args.save, np.asarray(image))
    return result


def manifest(args: argparse.Namespace, key: str) -> dict[str, Any]:
    call: Callable[[], object]
    count: Callable[[Any], int]
    if args.impl == "raw":
        http = raw_session(args.url, key)

        def raw_call() -> object:
            response = http.get(f"/api/task/{args.task}/slide_detailed_manifest.csv")
            response.raise_for_status()
            return list(csv.DictReader(StringIO(response.text))) if args.parse_csv else response.text

        call, count = raw_call, lambda got: len(got) if args.parse_csv else len(got.splitlines()) - 1
    elif args.impl == "official":
        from phas.client.api import Client, Task

        task = Task(Client(args.url, str(args.key_file)), args.task)
        call, count = task.slide_manifest, lambda table: len(table["id"])  # a dict of columns
    else:
        from medannot.phas import Client as MClient
        from medannot.phas import Task as MTask

        mtask = MTask(MClient(args.url, api_key=key), args.task)
        call, count = mtask.slide_manifest, lambda rows: len(rows)
    rows = count(call())  # warm-up: lazy imports, first connection
    ms = [timed(call)[0] * 1000 for _ in range(args.calls)]
    return {"ms": statistics.median(ms), "calls_ms": ms, "rows": rows}


def construct(args: argparse.Namespace, key: str) -> dict[str, Any]:
    """Medians over `calls` of: constructing a client (`ctor`), and constructing it + project_listing()."""
    make: Callable[[], Any]
    first: Callable[[Any], object]
    close: Callable[[Any], object]
    if args.impl == "raw":
        import httpx

        context = httpx.create_ssl_context()  # once: building one costs ~15 ms (medannot caches it too)

        def raw_make() -> Any:
            return httpx.Client(base_url=args.url, timeout=60.0, verify=context)

        def raw_first(http: Any) -> object:  # what a client does on its first call: log in, then ask
            http.post("/auth/api/login", data={"api_key": key}).raise_for_status()
            response = http.get("/api/projects")
            response.raise_for_status()
            return response.json()

        make, first, close = raw_make, raw_first, lambda http: http.close()
    elif args.impl == "official":
        from phas.client.api import Client

        make, first, close = lambda: Client(args.url, str(args.key_file)), lambda c: c.project_listing(), id
    else:
        from medannot.phas import Client as MClient

        make, first, close = lambda: MClient(args.url, api_key=key), lambda c: c.project_listing(), lambda c: c.close()

    def ctor() -> float:
        seconds, client = timed(make)
        close(client)
        return seconds

    def ctor_first() -> float:
        start = time.perf_counter()
        client = make()
        first(client)
        seconds = time.perf_counter() - start
        close(client)
        return seconds

    cold, cold_first = ctor(), ctor_first()  # the first of each in the process: lazy imports, first connection
    ctors = [ctor() for _ in range(args.calls)]
    firsts = [ctor_first() for _ in range(args.calls)]
    return {
        "cold_ctor_ms": cold * 1000,
        "cold_ctor_first_call_ms": cold_first * 1000,
        "ctor_ms": statistics.median(ctors) * 1000,
        "ctor_first_call_ms": statistics.median(firsts) * 1000,
        "ctor_runs_ms": [s * 1000 for s in ctors],
        "ctor_first_call_runs_ms": [s * 1000 for s in firsts],
    }


CONCURRENT_THREADS = 16  # what a sync program would use for `tiles`


def tiles(args: argparse.Namespace, key: str) -> dict[str, Any]:
    """`calls` single-tile patches at once: `Slide` on a thread pool beside `AsyncSlide` as tasks."""
    tile = (args.tile, args.tile)
    centres = [(args.center[0] + (i % 8) * args.tile, args.center[1] + (i // 8 % 8) * args.tile) for i in range(64)]
    if args.impl == "medannot_async":
        import anyio

        from medannot.phas import AsyncClient, AsyncSlide, AsyncTask

        async def run() -> float:
            async with AsyncClient(args.url, api_key=key) as phas:
                slide = await AsyncSlide.open(await AsyncTask.open(phas, args.task), args.slide)
                await slide.get_patch(centres[0], args.level, tile, tile_size=args.tile)  # log in, warm up
                start = time.perf_counter()
                async with anyio.create_task_group() as group:
                    for i in range(args.calls):
                        group.start_soon(slide.get_patch, centres[i % len(centres)], args.level, tile, args.tile)
                return time.perf_counter() - start

        return {"seconds": anyio.run(run)}
    from concurrent.futures import ThreadPoolExecutor

    from medannot.phas import Client, Slide, Task

    with Client(args.url, api_key=key) as client:
        sync_slide = Slide(Task(client, args.task), args.slide)
        sync_slide.get_patch(centres[0], args.level, tile, tile_size=args.tile)
        start = time.perf_counter()
        with ThreadPoolExecutor(CONCURRENT_THREADS) as pool:
            list(
                pool.map(
                    lambda i: sync_slide.get_patch(centres[i % 64], args.level, tile, args.tile), range(args.calls)
                )
            )
        return {"seconds": time.perf_counter() - start}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("op", choices=["patch", "manifest", "construct", "tiles"])
    parser.add_argument("--impl", choices=["raw", "official", "medannot", "medannot_async"], required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--key-file", type=Path, required=True, help='JSON {"api_key": ...}')
    parser.add_argument("--task", type=int, default=1)
    parser.add_argument("--slide", type=int, default=1)
    parser.add_argument("--center", type=pairs, default=(4096, 4096))
    parser.add_argument("--level", type=int, default=0)
    parser.add_argument("--size", type=pairs, default=(4096, 4096))
    parser.add_argument("--tile", type=int, default=512)
    parser.add_argument("--threads", type=int, default=8, help="raw only")
    parser.add_argument("--calls", type=int, default=5)
    parser.add_argument("--parse-csv", action="store_true", help="raw manifest: also read the CSV into rows")
    parser.add_argument("--save", type=Path, help="patch: write the image as a numpy array (.npy)")
    args = parser.parse_args(argv)
    key = json.loads(args.key_file.read_text())["api_key"]
    ops = {"patch": patch, "manifest": manifest, "construct": construct, "tiles": tiles}
    with tempfile.TemporaryDirectory(prefix="phas-client-") as instance:
        # The official Client() builds PHAS's Flask app; keep it away from the server's instance folder.
        os.environ["FLASK_INSTANCE_PATH"] = instance
        result = {"impl": args.impl, "op": args.op, **ops[args.op](args, key)}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
