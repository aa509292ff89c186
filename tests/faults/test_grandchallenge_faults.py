"""Grand Challenge under faults: the standard faults x the public operations x both twins (`Client`,
`AsyncClient`), through a `FaultProxy` in front of a `GrandChallengeEmulator`.

The emulator speaks only https (a trustme CA). The proxy terminates TLS with the emulator's own certificate
(issued by that CA for 127.0.0.1, whatever the port) and re-encrypts to the emulator, as a load balancer does:
the client talks https with `verify=<the CA>` exactly as in production, and every fault of the catalogue still
applies at the HTTP level (a reset is a TCP reset under the TLS session). The proxy forwards the client's Host
header, so the URLs the server writes (next links, presigned part URLs, media redirects to storage) point at the
proxy: parts and file bytes go through it too. The server caps a page at 2 objects (DRF's `max_limit`, lowered
for the run) so that listings take several pages.

Each cell: success or a `MedannotError`; no POST, no `complete-multipart-upload` and no PATCH of an archive item
reaches the proxy twice; the download directory holds only complete, byte-exact files; every completed upload on
the server is a byte-exact copy of the file (a part resent after a reset must not corrupt it), and no multipart
upload is left open unless the client kept its state to resume it (`resume_dir`, by design); at most one object
per create; `reader_studies.page()` works afterwards.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from anyio.from_thread import BlockingPortal

from medannot.core.retry import RetryPolicy
from medannot.errors import MedannotError
from medannot.grandchallenge import AsyncClient, Client
from medannot.testing.grandchallenge import GrandChallengeEmulator
from medannot.testing.grandchallenge import app as gc_app
from medannot.testing.grandchallenge._dataset import LUNG, RADBOUDCOVID
from tests.blocking import construct, portal
from tests.faults.matrix import Matrix, Operation, run_cell
from tests.faults.proxy import FAULTS, FaultProxy, Match, RequestRecord

pytestmark = [pytest.mark.faults, pytest.mark.timeout(60)]

PLATFORM = "grandchallenge"
TWINS = ("sync", "async")
CLIENT_TIMEOUT = 0.3  # a stalled answer is given up after this (a request takes ~10 ms here)
FAST_RETRY = RetryPolicy(initial_delay=0.001, max_delay=0.005)  # the default number of retries, barely a wait
PART = 16 * 1024  # small parts on loopback: the upload below has two
PAGE = 2  # the server's largest page for the run
API = "/api/v1/"
ITEM = "1e0a0000-0000-4000-8000-000000000001"  # radboudcovid's first item
NODULES = {"type": "Multiple points", "points": [{"point": [1.0, 2.0, 3.0]}], "version": {"major": 1, "minor": 0}}
REPORT = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def is_non_idempotent(record: RequestRecord) -> bool:
    """Requests that must reach the server at most once: creates (POST), completing an upload, setting values."""
    if record.method == "POST":
        return True
    if record.method == "PATCH":
        return record.path.endswith("/complete-multipart-upload/") or record.path.startswith(API + "archives/items/")
    return False


@dataclass
class World:
    emulator: GrandChallengeEmulator
    proxy: FaultProxy
    portal: BlockingPortal
    upload: Path  # two parts, different bytes in each
    job: str = ""
    image: str = ""
    image_bytes: bytes = b""
    image_pks: set[str] = field(default_factory=set)
    display_sets: set[str] = field(default_factory=set)
    clean: bool = False  # the server holds the data set as arranged (only reads since)

    @property
    def backend(self) -> Any:
        return self.emulator.backend

    def arrange(self, *, read_only: bool = False) -> None:
        """Back to the data set, plus a PDF report (a File value) on radboudcovid's first item and a job of
        `some-algorithm` started now (it ends on the wall clock a few tens of ms later); no fault armed, nothing
        counted. Before an operation that only reads, a server that only served reads since is kept (a new job
        is started all the same). (A PDF, not a JSON file: a JSON answer in place of a JSON file cannot be told
        from the file, since the API gives no size or checksum of a value's file; in place of a PDF it must be
        refused.)"""
        self.proxy.clear()
        b = self.backend
        with b.lock:
            if not (read_only and self.clean):
                b.reset()
                value = b.new_value("pdf-report")
                b.value_file(value, "report.pdf", REPORT)
                b.archive_items[ITEM].values["pdf-report"] = value.pk
                self.image_pks = set(b.images)
                self.display_sets = set(b.display_sets)
                self.image = sorted(self.image_pks)[0]
                self.image_bytes = b.images[self.image].files[0].path.read_bytes()
            inputs = [{"interface": "lung-volume", "value": 1.5}, {"interface": "nodules", "value": NODULES}]
            self.job = b.create_job(b.users[1], {"algorithm": f"{API}algorithms/{LUNG}/", "inputs": inputs}).pk
        self.clean = read_only
        self.proxy.reset_counts()

    def upload_damage(self, resume_dir: Path) -> list[str]:
        """Completed uploads that are not byte-exact copies of the file; open ones nobody can resume."""
        problems: list[str] = []
        source = self.upload.read_bytes()
        resumable = {json.loads(f.read_text())["pk"] for f in resume_dir.glob("*.json")}
        with self.backend.lock:
            uploads = list(self.backend.uploads.values())
        for upload in uploads:
            if upload.status == "Completed":
                stored = upload.path.read_bytes() if upload.path is not None else b""
                if stored != source:
                    problems.append(f"upload {upload.pk} assembled as {len(stored)} bytes, not the file's")
            elif upload.status == "Initialized" and upload.pk not in resumable:
                problems.append(f"upload {upload.pk} left open ({len(upload.parts)} parts), with no state to resume")
        return problems

    def count(self, table: str) -> int:
        with self.backend.lock:
            return len(getattr(self.backend, table))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("grandchallenge-faults")
    upload = folder / "metrics.json"
    numbers = random.Random(23).choices(range(10**6), k=3500)  # ~24 KiB of JSON: parts of 16 and ~8 KiB
    upload.write_text(json.dumps({"values": numbers}))
    assert PART < upload.stat().st_size < 2 * PART
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(gc_app, "MAX_LIMIT", PAGE)
        with GrandChallengeEmulator(import_seconds=0.02, job_step_seconds=0.01, min_part_size=PART) as emulator:
            tls = (emulator.tls.cert, emulator.tls.key)
            with (
                FaultProxy(emulator.origin, tls=tls, upstream_ca=emulator.ca_path, preserve_host=True) as proxy,
                portal() as running,
            ):
                yield World(emulator, proxy, running, upload)


def make_client(world: World, twin: str, resume_dir: Path) -> Any:
    options: dict[str, Any] = {
        "token": world.emulator.token,
        "base_url": world.proxy.url + API,
        "verify": str(world.emulator.ca_path),
        "timeout": CLIENT_TIMEOUT,
        "retry": FAST_RETRY,
        "part_size": PART,
        "resume_dir": resume_dir,
    }
    if twin == "sync":
        return Client(**options)
    return construct(AsyncClient, world.portal, **options)


def operations(world: World, dest: Path, resume_dir: Path) -> dict[str, Operation]:
    job_path = f"{API}algorithms/jobs/{world.job}/"
    uploads = lambda: world.upload_damage(resume_dir)  # noqa: E731

    def expect(problem: str, ok: Callable[[Any], bool]) -> Callable[[object], str | None]:
        return lambda value: None if ok(value) else problem

    def at_most(table: str, n: int, then: Callable[[], list[str]] = list) -> Callable[[], list[str]]:
        def check() -> list[str]:
            found = world.count(table)
            return ([f"{found} {table}, expected at most {n}"] if found > n else []) + then()

        return check

    def item_value() -> list[str]:
        with world.backend.lock:
            pk = world.backend.archive_items[ITEM].values.get("covid-19-probability")
            value = None if pk is None else world.backend.values[pk].value
        return [] if value in (None, 0.75) else [f"the item's covid-19-probability is {value!r}"]

    def file_value(c: Any) -> object:
        item = c.archive_items.detail(pk=ITEM)
        value = next(v for v in item.values if v.interface.slug == "pdf-report")
        return c.download_socket_value(value, output_directory=dest)

    def same_file(expected: bytes) -> Callable[[object], str | None]:
        def check(result: object) -> str | None:
            paths = result if isinstance(result, list) else [result]
            contents = [Path(p).read_bytes() for p in paths]  # type: ignore[arg-type]
            return None if contents == [expected] else f"{[len(c) for c in contents]} bytes saved, not the file"

        return check

    ops = [
        Operation(
            "get_algorithm",
            lambda c: c.get_algorithm("corads-ai"),
            Match("GET", API + "algorithms/"),
            verify=expect("not corads-ai", lambda a: a["slug"] == "corads-ai"),
        ),
        Operation(
            "algorithm_jobs.detail",
            lambda c: c.algorithm_jobs.detail(pk=world.job),
            Match("GET", job_path),
            verify=expect("another job", lambda j: str(j.pk) == world.job),
        ),
        Operation(
            "algorithm_jobs.wait",
            lambda c: c.algorithm_jobs.wait(world.job, timeout=5),
            Match("GET", job_path),
            verify=expect("the job had not succeeded", lambda j: j.status == "Succeeded"),
        ),
        Operation(
            "start_algorithm_job",
            lambda c: c.start_algorithm_job(
                algorithm_slug="some-algorithm", inputs={"lung-volume": 2.5, "nodules": NODULES}
            ),
            Match("POST", API + "algorithms/jobs/"),
            once=is_non_idempotent,
            server_check=at_most("jobs", 2),
        ),
        Operation(  # the second page: the server's `next` link, followed
            "images.iterate_all",
            lambda c: list(c.images.iterate_all()),
            Match("GET", API + "cases/images/", query=f"offset={PAGE}"),
            verify=expect("not every image once", lambda xs: sorted(str(i.pk) for i in xs) == sorted(world.image_pks)),
        ),
        Operation(  # the first page
            "display_sets.iterate_all",
            lambda c: list(c.display_sets.iterate_all()),
            Match("GET", API + "reader-studies/display-sets/"),
            verify=expect(
                "not every display set once", lambda xs: sorted(str(d.pk) for d in xs) == sorted(world.display_sets)
            ),
        ),
        Operation(  # the file's bytes, from presigned storage after the media redirect
            "images.download",
            lambda c: c.images.download(pk=world.image, output_directory=dest),
            Match("GET", "/storage/media/*"),
            outputs=lambda: [world.image_bytes],
            verify=same_file(world.image_bytes),
        ),
        Operation(  # the media URL (with the token) that redirects to storage
            "download_socket_value",
            file_value,
            Match("GET", "/media/values/*"),
            outputs=lambda: [REPORT],
            verify=same_file(REPORT),
        ),
        Operation(
            "update_archive_item",
            lambda c: c.update_archive_item(archive_item_pk=ITEM, values={"covid-19-probability": 0.75}),
            Match("PATCH", f"{API}archives/items/{ITEM}/"),
            once=is_non_idempotent,
            server_check=item_value,
        ),
        Operation(  # a part PUT to a presigned storage URL
            "add_case_to_archive-part",
            lambda c: c.add_case_to_archive(archive_slug="radboudcovid", values={"metrics-json-file": world.upload}),
            Match("PUT", "/storage/*"),
            once=is_non_idempotent,
            server_check=at_most("archive_items", 3, uploads),
        ),
        Operation(  # S3's CompleteMultipartUpload (never resent)
            "uploads.upload_file-complete",
            lambda c: c.uploads.upload_file(world.upload),
            Match("PATCH", API + "uploads/*", body=b'"parts"'),
            once=is_non_idempotent,
            server_check=uploads,
        ),
    ]
    return {op.name: op for op in ops}


READ_ONLY = {
    "get_algorithm",
    "algorithm_jobs.detail",
    "algorithm_jobs.wait",
    "images.iterate_all",
    "display_sets.iterate_all",
    "images.download",
    "download_socket_value",
}
OPERATIONS = [
    "get_algorithm",
    "algorithm_jobs.detail",
    "algorithm_jobs.wait",
    "start_algorithm_job",
    "images.iterate_all",
    "display_sets.iterate_all",
    "images.download",
    "download_socket_value",
    "update_archive_item",
    "add_case_to_archive-part",
    "uploads.upload_file-complete",
]


def test_every_operation_is_in_the_matrix(world: World, tmp_path: Path) -> None:
    assert sorted(operations(world, tmp_path, tmp_path)) == sorted(OPERATIONS)
    assert set(OPERATIONS) > READ_ONLY
    assert RADBOUDCOVID in world.backend.archives


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("twin", TWINS)
def test_cell(world: World, fault_matrix: Matrix, tmp_path: Path, twin: str, operation: str, fault: str) -> None:
    dest, resume_dir = tmp_path / "dest", tmp_path / "resume"
    dest.mkdir()
    world.arrange(read_only=operation in READ_ONLY)
    client = make_client(world, twin, resume_dir)
    try:
        result = run_cell(
            platform=PLATFORM,
            twin=twin,
            operation=operations(world, dest, resume_dir)[operation],
            fault=FAULTS[fault],
            proxy=world.proxy,
            client=client,
            watched=[dest],
            next_call=lambda c: c.reader_studies.page(limit=1),
        )
    finally:
        client.close()
    fault_matrix.add(result)
    assert result.survived, result.describe()


def test_proxy_passes_requests_through(world: World, tmp_path: Path) -> None:
    """The proxy alone changes nothing: every operation succeeds through it (its answer right, the server's
    state sound), and the requests it aims at reach the server through it."""
    for name in OPERATIONS:
        world.arrange()
        dest, resume_dir = tmp_path / name / "dest", tmp_path / name / "resume"
        dest.mkdir(parents=True)
        op = operations(world, dest, resume_dir)[name]
        with make_client(world, "sync", resume_dir) as client:
            value = op.call(client)
        assert any(r.forwarded and op.target(r.method, r.path, r.body_head, r.query) for r in world.proxy.records), name
        assert op.verify is None or op.verify(value) is None, name
        assert op.server_check is None or op.server_check() == [], name


# ---- an upload that fails for good while the server cannot be told to drop it


@pytest.mark.parametrize("twin", TWINS)
def test_an_upload_whose_abort_fails_stays_resumable(world: World, twin: str, tmp_path: Path) -> None:
    """A part refused for good (a login redirect from a gateway) ends the upload, and the abort that should drop
    its parts fails too (the API answers 503 throughout): the open upload must not be orphaned. The client keeps
    its state, so uploading the same file again continues it (no second upload is created) and completes it."""
    world.arrange()
    resume_dir = tmp_path / "resume"
    client = make_client(world, twin, resume_dir)
    try:
        world.proxy.inject(FAULTS["redirect-302-html"].on(Match("PUT", "/storage/*")))
        world.emulator.inject("503", method="PATCH", path="/abort-multipart-upload/", times=100, retry_after=0)
        with pytest.raises(MedannotError):
            client.uploads.upload_file(world.upload)
        world.proxy.clear()
        world.backend.faults.clear()
        open_uploads = [u.pk for u in world.backend.uploads.values() if u.status == "Initialized"]
        assert len(open_uploads) == 1
        assert world.upload_damage(resume_dir) == []  # its state is kept: resumable, not orphaned
        world.proxy.reset_counts()
        done = client.uploads.upload_file(world.upload)
    finally:
        client.close()
    assert str(done.pk) == open_uploads[0]
    assert world.proxy.received("POST", API + "uploads/") == 0
    assert world.upload_damage(resume_dir) == []
    assert world.backend.uploads[open_uploads[0]].status == "Completed"
    assert not list(resume_dir.glob("*.json"))
