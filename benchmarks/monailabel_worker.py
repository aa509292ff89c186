"""One MONAI Label measurement in a fresh process; prints one JSON line on stdout.

Run as a script by `benchmarks.monailabel`: with the project's python for `raw` and `medannot`, and with the
MONAI Label venv's python for `official` (its client is importable only there). Standard library only at
module level, so both interpreters can load it.

    python monailabel_worker.py info   --impl raw --url URL --calls 500 --warmup 20
    python monailabel_worker.py upload --impl medannot --url URL --id-prefix P --concurrency 4 FILE...
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _memory import peak_rss_mib, rss_baseline_mib  # a sibling module: workers run by path

Call = Callable[[], object]
Upload = Callable[[list[Path], list[str]], object]


# A script's folder leads sys.path, and here it holds `monailabel.py`, which would shadow the real package.
HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]


def driver(impl: str, url: str, concurrency: int) -> tuple[Call, Upload]:
    """(info, upload) bound to one client of `impl`; upload sends the files one by one unless medannot c > 1."""
    if impl == "raw":
        import httpx

        client = httpx.Client(base_url=url, timeout=httpx.Timeout(60.0, connect=10.0))  # keep-alive

        def raw_info() -> object:
            response = client.get("/info/")
            response.raise_for_status()
            return response.json()

        def raw_upload(paths: list[Path], ids: list[str]) -> object:
            for path, image_id in zip(paths, ids, strict=True):
                with path.open("rb") as file:  # httpx streams an open file in 64 KiB reads
                    response = client.put(
                        "/datastore/image", params={"image": image_id}, data={"params": "{}"}, files={"file": file}
                    )
                response.raise_for_status()
            return None

        return raw_info, raw_upload
    if impl == "official":
        from monailabel.client import MONAILabelClient  # type: ignore[import-not-found]

        official = MONAILabelClient(url)

        def official_upload(paths: list[Path], ids: list[str]) -> object:
            for path, image_id in zip(paths, ids, strict=True):
                official.upload_image(str(path), image_id=image_id)
            return None

        return official.info, official_upload
    from medannot.monailabel import Client

    medannot = Client(url)

    def medannot_upload(paths: list[Path], ids: list[str]) -> object:
        return medannot.upload_images(paths, image_ids=ids, concurrency=concurrency, progress=False)

    return medannot.info, medannot_upload


CONCURRENT_THREADS = 16  # the sync twin's pool for `concurrent`: what a sync program would use


async def async_op(args: argparse.Namespace, result: dict[str, Any]) -> float:
    """`info`, `concurrent` and `upload` for the async twins (raw httpx.AsyncClient, medannot AsyncClient);
    returns the RSS baseline taken after set-up."""
    import anyio

    if args.impl == "raw_async":
        import httpx

        http = httpx.AsyncClient(base_url=args.url, timeout=httpx.Timeout(60.0, connect=10.0))

        async def call() -> object:
            response = await http.get("/info/")
            response.raise_for_status()
            return response.json()
    else:
        from medannot.monailabel import AsyncClient

        ml = AsyncClient(args.url)
        call = ml.info
    for _ in range(args.warmup):
        await call()
    before = rss_baseline_mib()
    start = time.perf_counter()
    if args.op == "info":
        for _ in range(args.calls):
            await call()
        result["ms_per_call"] = (time.perf_counter() - start) * 1000 / args.calls
    elif args.op == "concurrent":
        async with anyio.create_task_group() as group:
            for _ in range(args.calls):
                group.start_soon(call)
    else:
        ids = [f"{args.id_prefix}-{i:03d}" for i in range(len(args.files))]
        start = time.perf_counter()
        await ml.upload_images(args.files, image_ids=ids, concurrency=args.concurrency, progress=False)
        result["ids"] = ids
    result["seconds"] = time.perf_counter() - start
    return before


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("op", choices=["import", "info", "concurrent", "upload"])
    parser.add_argument("--impl", choices=["raw", "official", "medannot", "raw_async", "medannot_async"], required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--calls", type=int, default=500)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--id-prefix", default="bench")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_intermixed_args(argv)  # FILE... may follow the options

    result: dict[str, Any] = {"impl": args.impl, "op": args.op}
    if args.impl.endswith("_async") and args.op != "import":
        import anyio

        before = anyio.run(async_op, args, result)
        seconds = result["seconds"]
    elif args.op == "import":  # the client's module, in a fresh interpreter
        before = rss_baseline_mib()
        start = time.perf_counter()
        if args.impl == "official":
            from monailabel.client import MONAILabelClient  # noqa: F401
        elif args.impl == "medannot":
            from medannot.monailabel import Client  # noqa: F401
        else:
            import httpx  # noqa: F401
        seconds = time.perf_counter() - start
        result["ms"] = seconds * 1000
    elif args.op == "info":
        call, _ = driver(args.impl, args.url, args.concurrency)
        for _ in range(args.warmup):
            call()
        before = rss_baseline_mib()
        start = time.perf_counter()
        for _ in range(args.calls):
            call()
        seconds = time.perf_counter() - start
        result["ms_per_call"] = seconds * 1000 / args.calls
    elif args.op == "concurrent":  # `calls` at once: a thread pool is what a sync program has
        from concurrent.futures import ThreadPoolExecutor

        call, _ = driver(args.impl, args.url, args.concurrency)
        for _ in range(args.warmup):
            call()
        before = rss_baseline_mib()
        start = time.perf_counter()
        with ThreadPoolExecutor(CONCURRENT_THREADS) as pool:
            list(pool.map(lambda _: call(), range(args.calls)))
        seconds = time.perf_counter() - start
    else:
        warm_up, upload = driver(args.impl, args.url, args.concurrency)
        warm_up()  # one info(): lazy imports done, first connection open
        ids = [f"{args.id_prefix}-{i:03d}" for i in range(len(args.files))]
        before = rss_baseline_mib()  # imports and client set up are in the baseline, the upload is not
        start = time.perf_counter()
        upload(args.files, ids)
        seconds = time.perf_counter() - start
        result["ids"] = ids
    result["seconds"] = seconds
    result["rss_growth_mib"] = max(0.0, peak_rss_mib() - before)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
