"""Drive gcapi 0.13.4 (the seed's verbs: `upload_cases`, `run_external_job`) against an emulated Grand Challenge.

Runs inside gcapi 0.13.4's own virtual environment (tests/oracle/gcapi_venvs.py), never imports medannot:

    .cache/gcapi-0.13-venv/bin/python tests/oracle/gcapi_seed_scenario.py --url URL --token T --ca CA \
        --image A.nii.gz --image B.nii.gz --image C.nii.gz

0.13.4's version check ignores `verify`, so the caller also sets SSL_CERT_FILE=CA. The server must be the
medannot emulator with its built-in data set. Every upload session and job is followed to a terminal state
(the emulator's clock runs them). Prints a JSON report as its last line and exits 1 if any check failed.
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import time
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gcapi import Client

SESSION_DONE = {"Succeeded", "Failed", "Cancelled"}
JOB_DONE = {"Succeeded", "Failed", "Cancelled"}


class Checks:
    def __init__(self) -> None:
        self.passed: list[str] = []
        self.failed: list[str] = []
        self.methods: set[str] = set()

    def that(self, condition: object, what: str) -> None:
        (self.passed if condition else self.failed).append(what)

    def step(self, method: str, run: Callable[[], None]) -> None:
        """One verb's part of the scenario; an exception fails it (with the traceback) and the rest goes on."""
        self.methods.add(method)
        try:
            run()
        except Exception:
            self.failed.append(f"{method}: {traceback.format_exc(limit=6)}")


def stay_on_loopback() -> None:
    """Fail loudly if gcapi looks up any host but the emulator's (a default URL we did not override)."""
    resolve = socket.getaddrinfo

    def loopback_only(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise OSError(f"the scenario must stay on 127.0.0.1, but {host!r} was looked up")
        return resolve(host, *args, **kwargs)

    socket.getaddrinfo = loopback_only  # type: ignore[assignment]


def wait(read: Callable[[], dict[str, Any]], done: set[str], timeout: float = 30.0) -> dict[str, Any]:
    """Poll until the status is terminal (the emulator's clock moves on wall time, in tenths of seconds)."""
    deadline = time.monotonic() + timeout
    while True:
        current = read()
        if current["status"] in done or time.monotonic() > deadline:
            return current
        time.sleep(0.05)


def by_slug(values: list[Any]) -> dict[str, Any]:
    return {v.interface.slug: v for v in values}


def run(check: Checks, client: Client, images: list[Path]) -> None:
    archive = client.archives.detail(slug="radboudcovid")
    before = {item.pk for item in client.archive_items.iterate_all(params={"archive": archive.pk})}

    def to_archive() -> None:
        session = client.upload_cases(files=[str(images[0])], archive="radboudcovid")
        check.that(session.status in ("Queued", "Started", "Succeeded"), "upload_cases(archive) creates a session")
        done = wait(lambda: client(url=session.api_url), SESSION_DONE)
        check.that(done["status"] == "Succeeded", f"archive upload session succeeds (status {done['status']!r})")
        check.that(len(done["image_set"]) == 1, "the archive upload session made one image")
        items = [i for i in client.archive_items.iterate_all(params={"archive": archive.pk}) if i.pk not in before]
        check.that(len(items) == 1, "the archive has one new item")
        if items and done["image_set"]:
            value = by_slug(items[0].values).get("generic-medical-image")
            check.that(value and value.image == done["image_set"][0], "the new item holds the imported image")

    def to_reader_study() -> None:
        study = client.reader_studies.detail(slug="reader-study")
        display_set = client.reader_studies.display_sets.page(params={"reader_study": study.pk})[0]
        session = client.upload_cases(files=[str(images[1])], display_set=display_set.pk, interface="generic-overlay")
        done = wait(lambda: client(url=session.api_url), SESSION_DONE)
        check.that(done["status"] == "Succeeded", f"display-set upload session succeeds ({done['status']!r})")
        updated = client.reader_studies.display_sets.detail(pk=display_set.pk)
        overlay = by_slug(updated.values).get("generic-overlay")
        check.that(overlay and [overlay.image] == done["image_set"], "the display set holds the imported overlay")

    def to_archive_item() -> None:
        item = client.archive_items.page(params={"archive": archive.pk})[0]
        session = client.upload_cases(files=[str(images[2])], archive_item=item.pk, interface="generic-overlay")
        done = wait(lambda: client(url=session.api_url), SESSION_DONE)
        check.that(done["status"] == "Succeeded", f"archive-item upload session succeeds ({done['status']!r})")
        overlay = by_slug(client.archive_items.detail(pk=item.pk).values).get("generic-overlay")
        check.that(overlay and [overlay.image] == done["image_set"], "the archive item holds the imported overlay")

    def image_job() -> None:
        job = client.run_external_job(algorithm="corads-ai", inputs={"generic-medical-image": [images[0]]})
        done = wait(lambda: client(path=f"algorithms/jobs/{job.pk}/"), JOB_DONE)
        check.that(done["status"] == "Succeeded", f"the corads-ai job succeeds ({done['status']!r})")
        outputs = {o["interface"]["slug"]: o for o in done["outputs"]}
        check.that(outputs.get("covid-19-probability", {}).get("value") == 0.5, "the job has its value output")
        check.that(outputs.get("generic-overlay", {}).get("image"), "the job has its image output")
        detail = client.algorithm_jobs.detail(pk=job.pk)
        check.that(detail.status == "Succeeded" and len(detail.inputs) == 1, "algorithm_jobs.detail reads the job")

    def value_job() -> None:
        nodules = {"type": "Multiple points", "points": [{"point": [1, 2, 3]}], "version": {"major": 1, "minor": 0}}
        algorithm = client.algorithms.detail(slug="some-algorithm")
        job = client.run_external_job(algorithm=algorithm, inputs={"lung-volume": 1.5, "nodules": nodules})
        done = wait(lambda: client(path=f"algorithms/jobs/{job.pk}/"), JOB_DONE)
        check.that(done["status"] == "Succeeded", f"the value-only job succeeds ({done['status']!r})")
        outputs = {o["interface"]["slug"]: o for o in done["outputs"]}
        check.that(outputs.get("metrics-json-file", {}).get("file"), "the job has its file output")
        failing = client.run_external_job(algorithm="always-fails", inputs={"lung-volume": 2.0})
        failed = wait(lambda: client(path=f"algorithms/jobs/{failing.pk}/"), JOB_DONE)
        check.that(failed["status"] == "Failed", f"a failing job ends Failed ({failed['status']!r})")

    check.step("upload_cases(archive)", to_archive)
    check.step("upload_cases(display_set)", to_reader_study)
    check.step("upload_cases(archive_item)", to_archive_item)
    check.step("run_external_job(image)", image_job)
    check.step("run_external_job(values)", value_job)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True, help="the API base URL, https://127.0.0.1:N/api/v1/")
    parser.add_argument("--token", required=True)
    parser.add_argument("--ca", required=True, help="the emulator's CA bundle")
    parser.add_argument("--image", action="append", type=Path, required=True)
    args = parser.parse_args()
    stay_on_loopback()
    check = Checks()
    warnings.simplefilter("ignore")  # the version-check and deprecation warnings are expected
    try:
        with Client(token=args.token, base_url=args.url, verify=args.ca, timeout=30.0) as client:
            run(check, client, args.image)
    except Exception:
        check.failed.append(f"client: {traceback.format_exc(limit=6)}")
    print(json.dumps({"passed": check.passed, "failed": check.failed, "methods": sorted(check.methods)}))
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
