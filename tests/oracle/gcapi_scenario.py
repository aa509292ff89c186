"""Drive gcapi 0.16.1 (`start_algorithm_job`, `add_case_to_archive`, `add_case_to_reader_study`,
`update_archive_item`, `update_display_set`, `images.download`, `download_socket_value`) against an emulated
Grand Challenge.

Runs inside gcapi 0.16.1's own virtual environment (tests/oracle/gcapi_venvs.py), never imports medannot:

    .cache/gcapi-0.16-venv/bin/python tests/oracle/gcapi_scenario.py --url URL --token T --ca CA \
        --image A.nii.gz --image B.nii.gz --workdir DIR

The server must be the medannot emulator with its built-in data set. Jobs and imports are followed to the end
(the emulator's clock runs them); one file is larger than gcapi's 32 MiB part, so one upload has two parts.
Prints a JSON report as its last line and exits 1 if any check failed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import socket
import sys
import time
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gcapi import Client, SocketValueSpec

JOB_DONE = {"Succeeded", "Failed", "Cancelled"}
LARGE = 32 * 1024 * 1024 + 512 * 1024  # one byte more than a part makes gcapi send two


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


def until(read: Callable[[], Any], ready: Callable[[Any], bool], timeout: float = 30.0) -> Any:
    """Poll until `ready` (the emulator's clock moves on wall time, in tenths of seconds)."""
    deadline = time.monotonic() + timeout
    while True:
        current = read()
        if ready(current) or time.monotonic() > deadline:
            return current
        time.sleep(0.05)


def by_slug(values: list[Any]) -> dict[str, Any]:
    return {v.interface.slug: v for v in values}


def has(*slugs: str) -> Callable[[Any], bool]:
    return lambda obj: set(slugs) <= set(by_slug(obj.values))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(check: Checks, client: Client, images: list[Path], work: Path) -> None:
    large = work / "report.pdf"
    with large.open("wb") as out:
        out.write(b"%PDF-1.4\n")
        out.write(hashlib.shake_256(b"medannot oracle").digest(LARGE - 9))
    state: dict[str, Any] = {}

    def job_with_image() -> None:
        job = client.start_algorithm_job(
            algorithm_slug="corads-ai", inputs=[SocketValueSpec(socket_slug="generic-medical-image", files=images[:1])]
        )
        done = until(lambda: client.algorithm_jobs.detail(pk=job.pk), lambda j: j.status in JOB_DONE)
        check.that(done.status == "Succeeded", f"the corads-ai job succeeds ({done.status!r})")
        outputs = by_slug(done.outputs)
        check.that(outputs.get("covid-19-probability") and outputs["covid-19-probability"].value == 0.5, "value out")
        check.that(outputs.get("generic-overlay") and outputs["generic-overlay"].image, "image output")
        state["job_outputs"] = outputs
        state["job_input_image"] = by_slug(done.inputs)["generic-medical-image"].image

    def job_with_existing_image() -> None:
        job = client.start_algorithm_job(
            algorithm_slug="some-algorithm",
            inputs=[
                SocketValueSpec(socket_slug="generic-medical-image", existing_image_api_url=state["job_input_image"]),
                SocketValueSpec(socket_slug="lung-volume", value=1.5),
            ],
        )
        done = until(lambda: client.algorithm_jobs.detail(pk=job.pk), lambda j: j.status in JOB_DONE)
        check.that(done.status == "Succeeded", f"the second-interface job succeeds ({done.status!r})")
        outputs = by_slug(done.outputs)
        check.that(outputs.get("pdf-report") and outputs["pdf-report"].file, "the job has its file output")
        state["job_outputs"].update(outputs)

    def download_outputs() -> None:
        out = work / "job-outputs"
        outputs = state["job_outputs"]
        for slug in ("covid-19-probability", "generic-overlay", "pdf-report"):
            client.download_socket_value(outputs[slug], output_directory=out)
        check.that(json.loads((out / "probability-covid-19.json").read_text()) == 0.5, "value output downloaded")
        overlay = list((out / "images" / "generic-overlay").iterdir())
        check.that(len(overlay) == 1 and overlay[0].stat().st_size > 0, "image output downloaded")
        check.that((out / "report.pdf").read_bytes().startswith(b"%PDF"), "file output downloaded")

    def add_to_archive() -> None:
        item = client.add_case_to_archive(
            archive_slug="empty-archive",
            values=[
                SocketValueSpec(socket_slug="generic-medical-image", files=images[1:2]),
                SocketValueSpec(socket_slug="lung-volume", value=1.9),
            ],
            title="oracle case",
        )
        ready = until(lambda: client.archive_items.detail(pk=item.pk), has("generic-medical-image", "lung-volume"))
        values = by_slug(ready.values)
        check.that(ready.title == "oracle case", "the archive item has its title")
        check.that(values.get("lung-volume") and values["lung-volume"].value == 1.9, "the item holds the value")
        check.that(values.get("generic-medical-image") and values["generic-medical-image"].image, "and the image")
        state["item"] = ready

    def update_item() -> None:
        pk = state["item"].pk
        client.update_archive_item(
            archive_item_pk=pk,
            values=[
                SocketValueSpec(socket_slug="pdf-report", file=large),
                SocketValueSpec(socket_slug="is-referable", value=True),
            ],
            title="oracle case (updated)",
        )
        ready = until(lambda: client.archive_items.detail(pk=pk), has("pdf-report", "is-referable", "lung-volume"))
        values = by_slug(ready.values)
        check.that(ready.title == "oracle case (updated)", "the update renamed the item")
        check.that(set(values) >= {"generic-medical-image", "lung-volume"}, "a partial update keeps other values")
        check.that(values.get("is-referable") and values["is-referable"].value is True, "the new value is there")
        out = work / "item-values"
        client.download_socket_value(values["pdf-report"], output_directory=out)
        check.that(sha256(out / "report.pdf") == sha256(large), "the two-part upload round-trips byte for byte")

    def add_to_reader_study() -> None:
        display_set = client.add_case_to_reader_study(
            reader_study_slug="reader-study",
            values=[
                SocketValueSpec(socket_slug="generic-medical-image", files=images[:1]),
                SocketValueSpec(
                    socket_slug="lung-volume", existing_socket_value=by_slug(state["item"].values)["lung-volume"]
                ),
            ],
            title="oracle display set",
            order=100,
        )
        ready = until(
            lambda: client.reader_studies.display_sets.detail(pk=display_set.pk),
            has("generic-medical-image", "lung-volume"),
        )
        check.that(ready.title_safe == "oracle display set" and ready.order == 100, "display set title and order")
        check.that(by_slug(ready.values)["lung-volume"].value == 1.9, "a value re-used from another socket value")
        state["display_set"] = ready

    def update_display_set() -> None:
        pk = state["display_set"].pk
        client.update_display_set(
            display_set_pk=pk,
            values=[
                SocketValueSpec(
                    socket_slug="generic-overlay", existing_socket_value=state["job_outputs"]["generic-overlay"]
                ),
                SocketValueSpec(socket_slug="metrics-json-file", value={"dice": 0.9}),
            ],
            title="oracle display set (updated)",
        )
        ready = until(
            lambda: client.reader_studies.display_sets.detail(pk=pk), has("generic-overlay", "metrics-json-file")
        )
        values = by_slug(ready.values)
        check.that(ready.title_safe == "oracle display set (updated)", "the update renamed the display set")
        check.that(values["generic-overlay"].image == state["job_outputs"]["generic-overlay"].image, "an image re-used")
        out = work / "display-set-values"
        client.download_socket_value(values["metrics-json-file"], output_directory=out)
        check.that(json.loads((out / "metrics.json").read_text()) == {"dice": 0.9}, "a JSON value kept as a file")

    def download_images() -> None:
        url = by_slug(state["item"].values)["generic-medical-image"].image
        image = client.images.detail(api_url=url)
        by_pk = client.images.download(pk=image.pk, output_directory=work / "images-by-pk")
        check.that(len(by_pk) == 1 and by_pk[0].read_bytes() == images[1].read_bytes(), "download by pk: same bytes")
        by_url = client.images.download(url=url, output_directory=work / "images-by-url", filename="case")
        check.that([p.name for p in by_url] == ["case.gz"], f"download by url, named: {[p.name for p in by_url]}")

    def namespaces() -> None:
        """gcapi's generic namespaces (page, iterate_all, detail, create, partial_update) on what the verbs left."""
        algorithm = client.algorithms.detail(slug="corads-ai")
        check.that(client.algorithms.detail(pk=algorithm.pk).slug == "corads-ai", "algorithms.detail(pk)")
        algorithm_image = client.algorithm_images.page(params={"algorithm": algorithm.pk})[0]
        check.that(client.algorithm_images.detail(pk=algorithm_image.pk).pk == algorithm_image.pk, "algorithm image")
        jobs = list(client.algorithm_jobs.iterate_all(params={"algorithm_image__algorithm": algorithm.pk}))
        check.that(len(jobs) == 1 and jobs[0].status == "Succeeded", "algorithm_jobs.iterate_all by algorithm")
        archive = client.archives.detail(slug="empty-archive")
        check.that(client.archives.detail(pk=archive.pk).pk == archive.pk, "archives.detail(pk)")
        check.that(len(list(client.images.iterate_all(params={"archive": archive.pk}))) == 1, "images by archive")
        check.that(client.raw_image_upload_sessions.page().total_count >= 1, "raw_image_upload_sessions.page")
        socket_ = client.interfaces.detail(slug="lung-volume")  # its pk is an int; detail(pk=) needs a str
        check.that(client.interfaces.detail(pk=str(socket_.pk)).slug == "lung-volume", "interfaces.detail(pk)")

        study = client.reader_studies.detail(slug="reader-study")
        check.that(client.reader_studies.detail(pk=study.pk).pk == study.pk, "reader_studies.detail(pk)")
        questions = list(client.reader_studies.questions.iterate_all(params={"reader_study": study.pk}))
        question = next(q for q in questions if q.answer_type == "Bool")
        check.that(client.reader_studies.questions.detail(pk=question.pk).pk == question.pk, "questions.detail")
        answer = client.reader_studies.answers.create(
            question=question.pk, display_set=state["display_set"].pk, answer=True, last_edit_duration="PT1S"
        )
        changed = client.reader_studies.answers.partial_update(pk=answer.pk, answer=False)
        check.that(changed.answer is False, "answers.create, then partial_update")
        mine = list(client.reader_studies.answers.mine.iterate_all())
        check.that([a.pk for a in mine] == [answer.pk], "answers.mine lists my answer")
        listed = client.reader_studies.answers.page(params={"question__reader_study": study.pk})
        check.that(answer.pk in [a.pk for a in listed], "answers by reader study")
        check.that(client.reader_studies.answers.detail(pk=answer.pk).answer is False, "answers.detail")
        teaching = client.reader_studies.detail(slug="teaching-study")
        case = client.reader_studies.display_sets.page(params={"reader_study": teaching.pk})[0]
        truth = client.reader_studies.ground_truth(pk=teaching.pk, case_pk=case.pk)
        check.that(truth and all("answer" in t for t in truth.values()), "reader_studies.ground_truth")

        upload = client.uploads.create(filename="abandoned.bin")
        parts = client.uploads.list_parts(pk=upload.pk, s3_upload_id=upload.s3_upload_id)
        check.that(parts.parts == [], "uploads.list_parts of a fresh upload")
        aborted = client.uploads.abort_multipart_upload(pk=upload.pk, s3_upload_id=upload.s3_upload_id)
        check.that(aborted.status == "Aborted", f"uploads.abort_multipart_upload ({aborted.status!r})")
        check.that(client.uploads.detail(pk=upload.pk).status == "Aborted", "uploads.detail")
        check.that(client.uploads.page().total_count >= 1, "uploads.page")

    check.step("start_algorithm_job", job_with_image)
    check.step("start_algorithm_job", job_with_existing_image)
    check.step("download_socket_value", download_outputs)
    check.step("add_case_to_archive", add_to_archive)
    check.step("update_archive_item", update_item)
    check.step("add_case_to_reader_study", add_to_reader_study)
    check.step("update_display_set", update_display_set)
    check.step("images.download", download_images)
    check.step("namespaces", namespaces)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True, help="the API base URL, https://127.0.0.1:N/api/v1/")
    parser.add_argument("--token", required=True)
    parser.add_argument("--ca", required=True, help="the emulator's CA bundle")
    parser.add_argument("--image", action="append", type=Path, required=True)
    parser.add_argument("--workdir", type=Path, required=True)
    args = parser.parse_args()
    stay_on_loopback()
    check = Checks()
    warnings.simplefilter("error", UserWarning)  # the emulator announces 0.16.1 as latest: no upgrade warning
    try:
        with Client(token=args.token, base_url=args.url, verify=args.ca, timeout=30.0) as client:
            run(check, client, args.image, args.workdir)
    except Exception:
        check.failed.append(f"client: {traceback.format_exc(limit=6)}")
    print(json.dumps({"passed": check.passed, "failed": check.failed, "methods": sorted(check.methods)}))
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
