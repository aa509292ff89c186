"""One Datamint measurement in a fresh process; prints one JSON line on stdout.

Run as a script by `benchmarks.datamint`: with the project's python for `medannot` and `raw` (httpx), with the
datamint 2.6.0 venv's python for `sdk` (the seed's `APIHandler`) and `sdk_bulk` (its `download_multiple_resources`),
and with the 2.45.0 venv's python for `sdk245` (today's `datamint.Api`, import time only). Standard library only
at module level, so every interpreter can load it.

    python datamint_worker.py import   --impl sdk
    python datamint_worker.py upload   --impl medannot --url URL --key KEY FILE...
    python datamint_worker.py download --impl raw      --url URL --key KEY --out DIR ID...
    python datamint_worker.py list     --impl sdk      --url URL --key KEY --expect 20000
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _memory import peak_rss_mib, rss_baseline_mib  # a sibling module: workers run by path

# A script's folder leads sys.path, and here it holds `datamint.py`, which would shadow the SDK's package.
HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]

PAGE = 5000  # the service's largest page: what both the SDK and medannot ask for
CHUNK = 1024 * 1024


# --- memory ------------------------------------------------------------------------------------------------
# --- clients -----------------------------------------------------------------------------------------------
def sdk_handler(args: argparse.Namespace) -> Any:
    """datamint 2.6.0's APIHandler; its constructor checks the connection (GET /projects): the warm-up."""
    import logging
    import warnings

    warnings.simplefilter("ignore")  # "APIHandler is deprecated": not what is measured
    logging.disable(logging.INFO)  # one log line per uploaded file otherwise
    from datamint.apihandler.api_handler import APIHandler  # type: ignore[import-not-found]

    return APIHandler(root_url=args.url, api_key=args.key)


def medannot_handler(args: argparse.Namespace) -> Any:
    from medannot.datamint import APIHandler

    api = APIHandler(root_url=args.url, api_key=args.key)
    api.check_connection()  # the same warm-up request as the SDK's constructor
    return api


class Raw:
    """The floor: the same requests with a bare `httpx.Client` (keep-alive, files streamed from disk, one at a
    time, no retries, no checks beyond the status)."""

    def __init__(self, args: argparse.Namespace) -> None:
        import httpx

        self.http = httpx.Client(base_url=args.url, headers={"apikey": args.key}, timeout=900.0)
        self.http.get("/projects", params={"offset": 0, "limit": 1}).raise_for_status()

    def upload(self, paths: list[Path], mimetype: str) -> list[str]:
        ids = []
        for path in paths:
            with path.open("rb") as file:  # httpx streams an open file in 64 KiB reads
                response = self.http.post(
                    "/resources",
                    data={"source": "api", "mimetype": mimetype, "bypass_inbox": "false"},
                    files={"resource": (path.name, file, mimetype)},
                )
            response.raise_for_status()
            ids.append(response.json()["id"])
        return ids

    def download(self, ids: list[str], out: Path) -> None:
        for rid in ids:
            with self.http.stream("GET", f"/resources/{rid}/file") as response:
                response.raise_for_status()
                with (out / rid).open("wb") as file:
                    for chunk in response.iter_bytes(CHUNK):
                        file.write(chunk)

    def count(self) -> int:
        listed, offset = 0, 0
        while True:
            response = self.http.get("/resources", params={"status": "", "offset": offset, "limit": PAGE})
            response.raise_for_status()
            body = response.json()
            page = body["data"][0]["resources"]
            listed += len(page)
            offset += len(page)
            if not page or offset >= body["totalCount"]:
                return listed


def mimetype_of(path: Path) -> str:
    return "application/dicom" if path.suffix == ".dcm" else "application/nifti"


# --- operations --------------------------------------------------------------------------------------------
def measure_import(impl: str) -> dict[str, Any]:
    """`ms`: the package; `client_ms`: up to and including its client class (medannot loads it lazily)."""
    start = time.perf_counter()
    if impl == "sdk":  # 2.6.0: `datamint.APIHandler` is this module's (the package import is the same cost)
        import datamint.apihandler.api_handler as module  # type: ignore[import-not-found]

        package = time.perf_counter()
        module.APIHandler  # noqa: B018
    elif impl == "sdk245":
        import datamint

        package = time.perf_counter()
        datamint.Api  # noqa: B018
    elif impl == "medannot":
        import medannot.datamint

        package = time.perf_counter()
        medannot.datamint.APIHandler  # noqa: B018
    else:
        import httpx

        package = time.perf_counter()
        httpx.Client  # noqa: B018
    end = time.perf_counter()
    return {"ms": (package - start) * 1000, "client_ms": (end - start) * 1000}


def timed(run: Callable[[], Any]) -> tuple[dict[str, Any], Any]:
    before = rss_baseline_mib()  # imports and the client are in the baseline, the measured call is not
    start, cpu = time.perf_counter(), time.process_time()
    value = run()
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "rss_growth_mib": max(0.0, peak_rss_mib() - before),
    }, value


def upload(args: argparse.Namespace) -> dict[str, Any]:
    """Every file as its own resource (the DICOMs are of different series, so nothing is assembled). With
    `--warmup FILE`, that file is uploaded first, untimed, by the same verb: what the first call of a process
    loads (medannot imports pydicom on first use, the SDK when it is imported) is then outside the figure for
    every client alike; that call's own time is kept as `warmup_seconds`."""
    files: list[Path] = args.files
    send: Callable[[list[Path]], Any]
    if args.impl == "sdk":
        api = sdk_handler(args)
        send = lambda paths: api.upload_resources(_target(paths))  # noqa: E731
    elif args.impl == "medannot":
        api = medannot_handler(args)
        send = lambda paths: api.upload_resources(_target(paths), progress_bar=False)  # noqa: E731
    else:
        raw = Raw(args)
        send = lambda paths: raw.upload(paths, mimetype_of(paths[0]))  # noqa: E731
    warmup = None
    if args.warmup is not None:
        start = time.perf_counter()
        send([args.warmup])
        warmup = time.perf_counter() - start
    result, value = timed(lambda: send(files))
    result["warmup_seconds"] = warmup
    ids = [value] if isinstance(value, str) else list(value)
    if len(ids) != len(files) or not all(isinstance(i, str) for i in ids):
        raise RuntimeError(f"expected {len(files)} resource ids, got {str(ids)[:200]}")
    result["ids"] = ids
    return result


def _target(paths: list[Path]) -> Any:
    """What the seed's `upload_resources` takes: one path, or a list of them."""
    return str(paths[0]) if len(paths) == 1 else [str(p) for p in paths]


def download(args: argparse.Namespace) -> dict[str, Any]:
    """Each resource's file saved to OUT/<id> (no decoding: auto_convert=False)."""
    ids: list[str] = [str(i) for i in args.files]
    out: Path = args.out
    if args.impl in ("sdk", "sdk_bulk"):
        api = sdk_handler(args)
        if args.impl == "sdk":

            def run() -> None:
                for rid in ids:
                    api.download_resource_file(rid, save_path=str(out / rid), auto_convert=False)
        else:

            def run() -> None:
                api.download_multiple_resources(ids, save_path=[str(out / rid) for rid in ids])
    elif args.impl == "medannot":
        api = medannot_handler(args)

        def run() -> None:
            for rid in ids:
                api.download_resource_file(rid, save_path=out / rid, auto_convert=False)
    else:
        raw = Raw(args)

        def run() -> None:
            raw.download(ids, out)

    result, _ = timed(run)
    sizes = [(out / rid).stat().st_size for rid in ids]
    result["bytes"] = sum(sizes)
    return result


def list_resources(args: argparse.Namespace) -> dict[str, Any]:
    """Every resource, counted as it is iterated (`get_resources()` without filters)."""
    if args.impl == "sdk":
        api = sdk_handler(args)
        run: Callable[[], int] = lambda: sum(1 for _ in api.get_resources())  # noqa: E731
    elif args.impl == "medannot":
        api = medannot_handler(args)
        run = lambda: sum(1 for _ in api.get_resources())  # noqa: E731
    else:
        raw = Raw(args)
        run = raw.count
    result, listed = timed(run)
    result["listed"] = listed
    result["complete"] = listed == args.expect
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("op", choices=["import", "upload", "download", "list"])
    parser.add_argument("--impl", choices=["sdk", "sdk_bulk", "sdk245", "medannot", "raw"], required=True)
    parser.add_argument("--url")
    parser.add_argument("--key")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--expect", type=int, default=0)
    parser.add_argument("--warmup", type=Path)  # uploaded first, untimed (see `upload`)
    parser.add_argument("files", nargs="*", type=Path)  # files to upload, or resource ids to download
    args = parser.parse_intermixed_args(argv)
    if args.op == "import":
        result = measure_import(args.impl)
    elif args.op == "upload":
        result = upload(args)
    elif args.op == "download":
        result = download(args)
    else:
        result = list_resources(args)
    print(json.dumps({"impl": args.impl, "op": args.op, "pid": os.getpid(), **result}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
