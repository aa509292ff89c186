"""One Labelbox measurement in a fresh process; prints one JSON line on stdout.

Run as a script by `benchmarks.labelbox`: with the project's python for `raw` and `medannot`, and with the SDK
venv's python for `official` (labelbox is importable only there). Standard library only at module level, so
both interpreters can load it.

    python labelbox_worker.py import --impl medannot
    python labelbox_worker.py list   --impl official --url URL --api-key KEY --dataset ID --expect 5000
    python labelbox_worker.py create --impl medannot --url URL --api-key KEY --concurrency 4 FILE...
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

# A script's folder leads sys.path, and here it holds `labelbox.py`, which would shadow the real package.
HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]

PAGE_SIZE = 500  # the SDK's fixed page size for Dataset.data_rows(); the others use the same
LIST_QUERY = """query DatasetDataRows($id: ID!, $from: ID, $first: Int) {
  datasetDataRows(id: $id, from: $from, first: $first) {
    nodes { id rowData externalId globalKey mediaAttributes customMetadata { schemaId value } createdAt updatedAt }
    pageInfo { hasNextPage startCursor }
  }
}"""


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def measure_import(impl: str) -> dict[str, Any]:
    start = time.perf_counter()
    if impl == "official":
        import labelbox  # noqa: F401
    else:
        import medannot.labelbox  # noqa: F401
    return {"seconds": time.perf_counter() - start}


def graphql_url(url: str) -> str:
    return f"{url}/graphql"


def list_rows(impl: str, url: str, api_key: str, dataset_id: str) -> int:
    if impl == "official":
        from labelbox import Client as Official

        official = Official(api_key=api_key, endpoint=graphql_url(url), rest_endpoint=f"{url}/api/v1", app_url=url)
        return sum(1 for _ in official.get_dataset(dataset_id).data_rows())
    if impl == "medannot":
        from medannot.labelbox import Client

        with Client(api_key, graphql_url(url)) as client:
            return sum(1 for _ in client.get_data_rows(dataset_id, page_size=PAGE_SIZE))
    import httpx

    count, cursor = 0, None
    with httpx.Client(headers={"Authorization": f"Bearer {api_key}"}, timeout=60.0) as http:
        while True:
            variables = {"id": dataset_id, "from": cursor, "first": PAGE_SIZE}
            response = http.post(graphql_url(url), json={"query": LIST_QUERY, "variables": variables})
            response.raise_for_status()
            page = response.json()["data"]["datasetDataRows"]
            count += len(page["nodes"])
            if not page["pageInfo"]["hasNextPage"]:
                return count
            cursor = page["pageInfo"]["startCursor"]


CONCURRENT_THREADS = 16  # what a sync program would use for `concurrent`


def concurrent_listings(impl: str, url: str, api_key: str, dataset_id: str, calls: int) -> int:
    """`calls` one-page listings at once: the sync client on a thread pool, the async one as tasks."""
    if impl == "medannot_async":
        import anyio

        from medannot.labelbox import AsyncClient

        async def run() -> int:
            counts: list[int] = []
            async with AsyncClient(api_key, graphql_url(url)) as client:

                async def one() -> None:
                    counts.append(len(await client.get_data_rows(dataset_id, page_size=10).first(10)))

                async with anyio.create_task_group() as group:
                    for _ in range(calls):
                        group.start_soon(one)
            return sum(counts)

        return anyio.run(run)
    from concurrent.futures import ThreadPoolExecutor

    from medannot.labelbox import Client

    with Client(api_key, graphql_url(url)) as client, ThreadPoolExecutor(CONCURRENT_THREADS) as pool:
        listing = lambda _: len(client.get_data_rows(dataset_id, page_size=10).first(10))  # noqa: E731
        return sum(pool.map(listing, range(calls)))


def create_rows(impl: str, url: str, api_key: str, files: list[str], concurrency: int) -> tuple[float, int]:
    """(seconds, rows created): a fresh dataset is made first, outside the timed part.

    `official_fastpoll` is the SDK with its 2 s minimum status interval bypassed (refresh every 50 ms), to
    separate the cost of its uploads and requests from that of its waiting."""
    if impl.startswith("official"):
        from labelbox import Client as Official

        official = Official(api_key=api_key, endpoint=graphql_url(url), rest_endpoint=f"{url}/api/v1", app_url=url)
        dataset = official.create_dataset(name="bench-official")
        start = time.perf_counter()
        task = dataset.create_data_rows(files)
        if impl == "official":
            task.wait_till_done()
        while task.status == "IN_PROGRESS":
            time.sleep(0.05)
            task.refresh()
        seconds = time.perf_counter() - start
        if task.status != "COMPLETE" or task.errors:
            raise RuntimeError(f"official import ended {task.status}: {task.errors}")
        return seconds, len(task.result or [])
    from medannot.labelbox import Client

    with Client(api_key, graphql_url(url)) as client:
        dataset = client.create_dataset(name="bench-medannot")
        start = time.perf_counter()
        result = client.create_data_rows_from_files(dataset.id, files, concurrency=concurrency, progress=False)
        seconds = time.perf_counter() - start
    if result.failed:
        raise RuntimeError(f"medannot import refused {len(result.failed)} rows")
    return seconds, len(result.created)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("op", choices=["import", "list", "concurrent", "create"])
    impls = ["official", "official_fastpoll", "medannot", "medannot_async", "raw"]
    parser.add_argument("--impl", choices=impls, required=True)
    parser.add_argument("--url")
    parser.add_argument("--api-key")
    parser.add_argument("--dataset")
    parser.add_argument("--expect", type=int)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("files", nargs="*")
    args = parser.parse_intermixed_args()  # the files follow the options
    if args.op == "import":
        print(json.dumps(measure_import(args.impl)))
        return 0
    if args.op == "concurrent":
        start = time.perf_counter()
        rows = concurrent_listings(args.impl, args.url, args.api_key, args.dataset, args.expect)
        print(json.dumps({"seconds": time.perf_counter() - start, "rows": rows, "peak_rss_mib": peak_rss_mib()}))
        return 0
    if args.op == "list":
        start = time.perf_counter()
        count = list_rows(args.impl, args.url, args.api_key, args.dataset)
        seconds = time.perf_counter() - start
        if count != args.expect:
            raise RuntimeError(f"listed {count} rows, expected {args.expect}")
        print(json.dumps({"seconds": seconds, "rows": count, "peak_rss_mib": peak_rss_mib()}))
        return 0
    seconds, created = create_rows(args.impl, args.url, args.api_key, args.files, args.concurrency)
    if created != len(args.files):
        raise RuntimeError(f"created {created} rows from {len(args.files)} files")
    print(json.dumps({"seconds": seconds, "rows": created, "peak_rss_mib": peak_rss_mib()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
