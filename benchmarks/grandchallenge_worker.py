"""One Grand Challenge measurement in a fresh process; prints one JSON line on stdout.

Run as a script by `benchmarks.grandchallenge`: with the project's python for `medannot` and `raw` (httpx), and
with gcapi 0.16.1's venv python for `gcapi` (importable only there; it pins httpx ~=0.23). Standard library only
at module level, so both interpreters can load it.

    python grandchallenge_worker.py import --impl gcapi
    python grandchallenge_worker.py upload --impl medannot --url URL --token T --ca CA FILE
    python grandchallenge_worker.py case   --impl raw      --url URL --token T --ca CA --archive SLUG FILE...
    python grandchallenge_worker.py list   --impl gcapi    --url URL --token T --ca CA --expect 5000

`upload` also serves the fault and resume measurements: an upload that fails prints its outcome (`"error"`)
and still exits 0 when `--outcome` is given; `--resume-dir` is where medannot keeps the upload's state file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from _memory import peak_rss_mib, rss_baseline_mib  # a sibling module: workers run by path

# A script's folder leads sys.path; keep the benchmark modules beside this one from shadowing anything.
HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]

MIB = 1024 * 1024
PART = 32 * MIB  # gcapi's chunk, medannot's default part: the same parts on the wire
CHUNK = MIB  # raw httpx reads a part from disk this much at a time
IMAGE_SOCKET = "generic-medical-image"
LIST_PAGE = 1000  # the server's largest page (medannot's and raw's); gcapi's iterate_all asks for 100


# --- memory ------------------------------------------------------------------------------------------------
# --- clients -----------------------------------------------------------------------------------------------
def gcapi_client(args: argparse.Namespace) -> Any:
    import warnings

    from gcapi import Client  # type: ignore[import-not-found]

    warnings.simplefilter("ignore", UserWarning)  # "a newer gcapi is available": not what is measured
    return Client(token=args.token, base_url=args.url, verify=args.ca, timeout=120.0)


def medannot_client(args: argparse.Namespace) -> Any:
    from medannot.grandchallenge import Client

    options: dict[str, Any] = {"resume_dir": args.resume_dir} if args.resume_dir else {"resumable": False}
    return Client(token=args.token, base_url=args.url, verify=args.ca, timeout=120.0, **options)


class Raw:
    """The floor: the same requests with a bare `httpx.Client` (keep-alive, parts streamed from disk one at a
    time, no retries, no checks beyond the status)."""

    def __init__(self, args: argparse.Namespace) -> None:
        import httpx

        self.api = args.url
        self.http = httpx.Client(
            verify=args.ca,
            timeout=120.0,
            headers={"Accept": "application/json"},
            limits=httpx.Limits(max_connections=20),
        )
        self.auth = {"Authorization": f"Bearer {args.token}"}

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        url = path if path.startswith("https://") else self.api + path
        response = self.http.request(method, url, headers=self.auth, **kwargs)
        response.raise_for_status()
        return response.json()

    def upload(self, path: Path, name: str | None = None) -> dict[str, Any]:
        size = path.stat().st_size
        created = self.call("POST", "uploads/", json={"filename": name or path.name})
        action = f"uploads/{created['pk']}/{created['s3_upload_id']}/"
        numbers = list(range(1, -(-size // PART) + 1))
        urls = self.call("PATCH", action + "generate-presigned-urls/", json={"part_numbers": numbers})
        parts = []
        with path.open("rb") as file:
            for number in numbers:
                length = min(PART, size - (number - 1) * PART)

                def body(n: int = length) -> Iterator[bytes]:
                    while n > 0:
                        chunk = file.read(min(CHUNK, n))
                        n -= len(chunk)
                        yield chunk

                response = self.http.put(
                    urls["presigned_urls"][str(number)], content=body(), headers={"Content-Length": str(length)}
                )
                response.raise_for_status()
                parts.append({"ETag": response.headers["ETag"], "PartNumber": number})
        return self.call("PATCH", action + "complete-multipart-upload/", json={"parts": parts})  # type: ignore[no-any-return]

    def case(self, archive: str, files: list[Path]) -> str:
        archive_url = self.call("GET", "archives/", params={"slug": archive})["results"][0]["api_url"]
        self.call("GET", "components/interfaces/", params={"slug": IMAGE_SOCKET})
        item = self.call("POST", "archives/items/", json={"archive": archive_url, "values": []})
        with ThreadPoolExecutor(10) as pool:  # gcapi's and medannot's default: ten files at a time
            uploads = list(pool.map(self.upload, files))
        value = {"interface": IMAGE_SOCKET, "user_uploads": [u["api_url"] for u in uploads]}
        self.call("PATCH", f"archives/items/{item['pk']}/", json={"values": [value]})
        return str(item["pk"])

    def list_images(self) -> int:
        count = 0
        url: str | None = f"cases/images/?limit={LIST_PAGE}"
        while url:
            page = self.call("GET", url)
            count += len(page["results"])
            url = page["next"]
        return count


# --- operations --------------------------------------------------------------------------------------------
def measure_import(impl: str) -> dict[str, Any]:
    """`ms`: the package (`import medannot.grandchallenge`, `import gcapi`, `import httpx`); `client_ms`: up to
    and including its `Client` class (medannot loads the client lazily, on first use)."""
    start = time.perf_counter()
    if impl == "gcapi":
        import gcapi

        module = time.perf_counter()
        gcapi.Client  # noqa: B018
    elif impl == "medannot":
        import medannot.grandchallenge

        module = time.perf_counter()
        medannot.grandchallenge.Client  # noqa: B018
    else:
        import httpx

        module = time.perf_counter()
        httpx.Client  # noqa: B018
    end = time.perf_counter()
    return {"ms": (module - start) * 1000, "client_ms": (end - start) * 1000}


def uploader(args: argparse.Namespace) -> tuple[Callable[[], object], Callable[[Path], object]]:
    """(warm-up call, upload of one file) for `impl`; the warm-up opens the first connection."""
    if args.impl == "gcapi":
        gc = gcapi_client(args)

        def gcapi_upload(path: Path) -> object:
            with path.open("rb") as file:
                return gc.uploads.upload_fileobj(fileobj=file, filename=path.name)

        return lambda: gc.uploads.page(limit=1), gcapi_upload
    if args.impl == "medannot":
        ma = medannot_client(args)
        return lambda: ma.uploads.page(limit=1), lambda path: ma.uploads.upload_file(path)
    raw = Raw(args)
    return lambda: raw.call("GET", "uploads/?limit=1"), raw.upload


def upload(args: argparse.Namespace) -> dict[str, Any]:
    warm_up, send = uploader(args)
    warm_up()
    before = rss_baseline_mib()  # imports and the client are in the baseline, the upload is not
    start, cpu = time.perf_counter(), time.process_time()
    result: dict[str, Any] = {}
    try:
        send(args.files[0])
        result["outcome"] = "completed"
    except Exception as exc:  # the fault run reports how a client fails
        if not args.outcome:
            raise
        result["outcome"] = "failed"
        result["error"] = f"{type(exc).__module__}.{type(exc).__name__}: {str(exc)[:200]}"
    result["seconds"] = time.perf_counter() - start
    result["cpu_seconds"] = time.process_time() - cpu  # the client's own work (all threads), beside the wall time
    result["rss_growth_mib"] = max(0.0, peak_rss_mib() - before)
    return result


def case(args: argparse.Namespace) -> dict[str, Any]:
    """One archive item whose image is all the files (a DICOM series): uploads, then the item; no waiting for
    the server's import (gcapi has no wait)."""
    files: list[Path] = args.files
    if args.impl == "gcapi":
        from gcapi import SocketValueSpec

        gc = gcapi_client(args)
        gc.archives.page(limit=1)

        def run() -> str:
            spec = SocketValueSpec(socket_slug=IMAGE_SOCKET, files=files)
            return str(gc.add_case_to_archive(archive_slug=args.archive, values=[spec]).pk)
    elif args.impl == "medannot":
        from medannot.grandchallenge import SocketValueSpec as Spec

        ma = medannot_client(args)
        ma.archives.page(limit=1)

        def run() -> str:
            spec = Spec(socket_slug=IMAGE_SOCKET, files=files)
            return str(ma.add_case_to_archive(archive_slug=args.archive, values=[spec]).pk)
    else:
        raw = Raw(args)
        raw.call("GET", "archives/?limit=1")

        def run() -> str:
            return raw.case(args.archive, files)

    before = rss_baseline_mib()
    start, cpu = time.perf_counter(), time.process_time()
    pk = run()
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "rss_growth_mib": max(0.0, peak_rss_mib() - before),
        "pk": pk,
    }


def list_images(args: argparse.Namespace) -> dict[str, Any]:
    if args.impl == "gcapi":
        gc = gcapi_client(args)
        gc.images.page(limit=1)
        count: Callable[[], int] = lambda: sum(1 for _ in gc.images.iterate_all())  # noqa: E731
    elif args.impl == "medannot":
        ma = medannot_client(args)
        ma.images.page(limit=1)
        count = lambda: sum(1 for _ in ma.images.iterate_all())  # noqa: E731
    else:
        raw = Raw(args)
        raw.call("GET", "cases/images/?limit=1")
        count = raw.list_images
    before = rss_baseline_mib()
    start, cpu = time.perf_counter(), time.process_time()
    listed = count()
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    if listed != args.expect:
        raise RuntimeError(f"listed {listed} images, expected {args.expect}")
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "images": listed,
        "rss_growth_mib": max(0.0, peak_rss_mib() - before),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("op", choices=["import", "upload", "case", "list"])
    parser.add_argument("--impl", choices=["gcapi", "medannot", "raw"], required=True)
    parser.add_argument("--url")
    parser.add_argument("--token")
    parser.add_argument("--ca")
    parser.add_argument("--archive", default="empty-archive")
    parser.add_argument("--expect", type=int, default=0)
    parser.add_argument("--resume-dir")
    parser.add_argument("--outcome", action="store_true", help="report a failed upload instead of exiting 1")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_intermixed_args(argv)
    if args.op == "import":
        result = measure_import(args.impl)
    elif args.op == "upload":
        result = upload(args)
    elif args.op == "case":
        result = case(args)
    else:
        result = list_images(args)
    print(json.dumps({"impl": args.impl, "op": args.op, "pid": os.getpid(), **result}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
