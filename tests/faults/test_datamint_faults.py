"""Datamint under faults: the standard faults x the public operations x both twins (`APIHandler`, the seed's verbs
on top of `Client`, and `AsyncAPIHandler` on top of `AsyncClient`), through a `FaultProxy` in front of a
`DatamintEmulator` (plain http).

Each case starts from the same account: a 3-frame DICOM and four PNGs (resources), and a project over the DICOM.
The listing is read 2 at a time (`page_size`), so it takes three pages; its faults hit the second. Uploads and
file downloads wait up to an hour for an answer (`LONG_TIMEOUT`): the proxy gives a stalled answer up after
0.6 s with a reset, so a stall there is a dropped answer.

Each cell: success or a `MedannotError`; no POST that creates something (a resource, an annotation, a project)
reaches the proxy twice; the download directory holds only the complete, byte-exact file; the server holds each
uploaded file byte-exact at most once, no more annotations or projects than asked, no segmentation annotation
without its mask, and its handlers never crashed; a success is the right answer (ids that exist, every resource
of the listing once, the frame's pixels); `check_connection()` works afterwards.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from anyio.from_thread import BlockingPortal
from PIL import Image

from medannot.core.retry import RetryPolicy
from medannot.datamint import APIHandler, AsyncAPIHandler
from medannot.testing.datamint import DatamintEmulator
from medannot.testing.datamint.samples import dicom_bytes, png_bytes
from tests.blocking import construct, portal
from tests.faults.matrix import Matrix, Operation, run_cell
from tests.faults.proxy import FAULTS, FaultProxy, Match, RequestRecord

pytestmark = [pytest.mark.faults, pytest.mark.timeout(60)]

PLATFORM = "datamint"
TWINS = ("sync", "async")
KEY = "datamint-faults-key"
CLIENT_TIMEOUT = 0.3  # a stalled answer is given up after this (a request takes a few ms here)
STALL_LIMIT = 0.6  # the proxy's own bound on a stall: uploads and file downloads wait much longer by design
FAST_RETRY = RetryPolicy(initial_delay=0.001, max_delay=0.005)  # the default number of retries, barely a wait
PAGE = 2  # the listing's page size: 5 resources take 3 pages
PROJECT = "Study A"
NEW_PROJECT = "Study B"
DICOM = dicom_bytes(frames=3, seed=3)
PNGS = [png_bytes(8, 8, value) for value in (10, 20, 30, 40)]
UPLOAD_DICOM = dicom_bytes(frames=2, rows=12, cols=12, patient_id="P-0002", seed=5)
UPLOAD_PNG = png_bytes(6, 6, 99)


def is_creation(record: RequestRecord) -> bool:
    """Requests that create something each time they reach the server (never to be sent twice): a resource, an
    annotation, a project. (Attaching a mask to an annotation, publishing, tags, deletes are not: sending them
    again leaves the same state.)"""
    if record.method != "POST":
        return False
    path = record.path
    return path in ("/resources", "/projects") or (path.startswith("/annotations/") and path.endswith("/annotations"))


@dataclass
class World:
    emulator: DatamintEmulator
    proxy: FaultProxy
    portal: BlockingPortal
    folder: Path
    dicom_file: Path  # to upload
    png_file: Path
    mask_file: Path  # a segmentation mask (PNG): one label, value 1
    frame: np.ndarray  # frame 1 of DICOM as the server renders it
    ct: str = ""
    pngs: list[str] = field(default_factory=list)
    project: str = ""
    crashes: int = 0
    clean: bool = False  # the server holds the account as arranged (only reads since)

    @property
    def backend(self) -> Any:
        return self.emulator.backend

    @property
    def seeded(self) -> list[str]:
        return [self.ct, *self.pngs]

    def arrange(self, *, read_only: bool = False) -> None:
        """Back to the account of every case (new ids each time); no fault armed, nothing counted. Before an
        operation that only reads, a server that only served reads since is kept."""
        self.proxy.clear()
        assert self.proxy.wait_idle(), "a request of the previous case is still being served"
        if not (read_only and self.clean):
            b = self.backend
            b.reset()
            files = [("ct.dcm", DICOM, "application/dicom")]
            files += [(f"p{i}.png", data, "image/png") for i, data in enumerate(PNGS)]
            added = b.add_resources_from_bytes(files)
            self.ct, self.pngs = added[0].id, [r.id for r in added[1:]]
            self.project = b.create_project({"name": PROJECT, "description": "", "resource_ids": [self.ct]}).id
        self.clean = read_only
        self.crashes = len(self.emulator.crashes)
        self.proxy.reset_counts()

    def live(self) -> list[Any]:
        return [r for r in self.backend.resources.values() if not r.deleted]

    def new_crashes(self) -> list[str]:
        return [f"the emulator crashed: {c}" for c in self.emulator.crashes[self.crashes :]]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("datamint-faults")
    dicom_file, png_file, mask_file = folder / "upload.dcm", folder / "upload.png", folder / "mask.png"
    dicom_file.write_bytes(UPLOAD_DICOM)
    png_file.write_bytes(UPLOAD_PNG)
    mask = np.zeros((16, 16), dtype=np.uint8)
    mask[4:9, 5:11] = 1
    Image.fromarray(mask).save(mask_file, format="PNG")
    assert len({len(UPLOAD_DICOM), len(UPLOAD_PNG)}) == 2  # a resend is told by its body length
    with (
        DatamintEmulator(api_key=KEY) as emulator,
        FaultProxy(emulator.url, stall_limit=STALL_LIMIT) as proxy,
        portal() as running,
    ):
        (ct,) = emulator.backend.add_resources_from_bytes([("ct.dcm", DICOM, "application/dicom")])
        frame = np.asarray(Image.open(io.BytesIO(emulator.backend.frame_png(ct.id, 1))))
        yield World(emulator, proxy, running, folder, dicom_file, png_file, mask_file, frame)


def make_client(world: World, twin: str) -> Any:
    options: dict[str, Any] = {"timeout": CLIENT_TIMEOUT, "retry": FAST_RETRY}
    if twin == "sync":
        return APIHandler(world.proxy.url, KEY, **options)
    return construct(AsyncAPIHandler, world.portal, world.proxy.url, KEY, **options)


def operations(world: World, dest: Path) -> dict[str, Operation]:
    b, ct, pngs = world.backend, world.ct, world.pngs
    saved = dest / "ct.dcm"

    def expect(problem: str, ok: Callable[[Any], bool]) -> Callable[[object], str | None]:
        return lambda value: None if ok(value) else problem

    def checks(*more: Callable[[], list[str]]) -> Callable[[], list[str]]:
        return lambda: world.new_crashes() + [p for check in more for p in check()]

    def uploads() -> list[str]:
        """Every resource beyond the seeded ones is an uploaded file, byte-exact, and none twice."""
        problems: list[str] = []
        kept = [r.path.read_bytes() for r in world.live() if r.id not in world.seeded]
        for data in kept:
            if data not in (UPLOAD_DICOM, UPLOAD_PNG):
                problems.append(f"a resource of {len(data)} bytes is not an uploaded file")
        for data in (UPLOAD_DICOM, UPLOAD_PNG):
            if kept.count(data) > 1:
                problems.append(f"the file of {len(data)} bytes is stored {kept.count(data)} times")
        return problems

    def uploaded(value: Any) -> str | None:
        ids = list(value)
        if len(ids) != 2 or not all(isinstance(i, str) for i in ids):
            return f"not two ids: {ids!r}"
        stored = [b.resources[i].path.read_bytes() if i in b.resources else b"" for i in ids]
        return None if stored == [UPLOAD_DICOM, UPLOAD_PNG] else "the ids are not the uploaded files, in order"

    def annotations(kind: str, at_most: int) -> Callable[[], list[str]]:
        def check() -> list[str]:
            found = [a for a in b.annotations.values() if a.data["type"] == kind]
            problems = [f"{len(found)} {kind} annotations, expected at most {at_most}"] if len(found) > at_most else []
            if kind == "segmentation":
                problems += [f"segmentation {a.id} has no mask" for a in found if a.file_path is None]
            return problems

        return check

    def is_mask(aid: str) -> bool:
        annotation = b.annotations.get(aid)
        if annotation is None or annotation.file_path is None:
            return False
        stored = np.asarray(Image.open(annotation.file_path))
        expected = np.asarray(Image.open(world.mask_file)) > 0
        return bool(np.array_equal(stored > 0, expected))

    def categories(value: Any) -> str | None:
        ids = list(value)
        found = [b.annotations.get(i) for i in ids]
        ok = len(ids) == 1 and found[0] is not None and found[0].data["value"] == "nodule"
        return None if ok else f"ids {ids!r} are not the new category"

    def every_resource(value: Any) -> str | None:
        got = [r.id for r in value]
        return None if sorted(got) == sorted(world.seeded) else f"{len(got)} resources, not each of the 5 once"

    def created_project(value: Any) -> str | None:
        project = b.projects.get(value.id)
        if project is None or project.name != NEW_PROJECT or value.name != NEW_PROJECT:
            return "not the new project"
        return None if b.datasets[project.dataset_id].resource_ids == [ct] else "the project is not over ct.dcm"

    def projects_named(name: str) -> list[str]:
        n = sum(p.name == name for p in b.projects.values())
        return [f"{n} projects named {name!r}"] if n > 1 else []

    def the_frame(value: Any) -> str | None:
        ok = isinstance(value, Image.Image) and np.array_equal(np.asarray(value), world.frame)
        return None if ok else "not frame 1's pixels"

    def the_file(value: Any) -> str | None:
        if not saved.is_file() or saved.read_bytes() != DICOM:
            return "the saved file is not the resource's"
        return None if getattr(value, "PatientID", None) == "P-0001" else "not the DICOM dataset"

    def published() -> list[str]:
        status = b.resources[pngs[0]].status
        return [] if status in ("inbox", "published") else [f"status {status!r}"]

    def deleted_together() -> list[str]:
        gone = [b.resources[i].deleted for i in pngs[2:]]
        problems = [] if len(set(gone)) == 1 else ["one of the batch was deleted, not the other"]
        return problems + [f"{i} deleted" for i in world.seeded[:3] if b.resources[i].deleted]

    def tags() -> list[str]:
        found = b.resources[pngs[1]].tags
        return [] if found in ([], ["reviewed", "fault"]) else [f"tags {found!r}"]

    ops = [
        Operation(  # two files at once: a DICOM and a PNG, each a multipart POST that creates a resource
            "upload_resources",
            lambda c: c.upload_resources([world.dicom_file, world.png_file]),
            Match("POST", "/resources"),
            once=is_creation,
            server_check=checks(uploads),
            verify=uploaded,
        ),
        Operation(  # the second of three pages
            "resources.iter_list",
            lambda c: c.resources.iter_list(page_size=PAGE).to_list(),
            Match("GET", "/resources", query=f"offset={PAGE}&"),
            verify=every_resource,
        ),
        Operation(
            "get_resources_by_ids",
            lambda c: c.get_resources_by_ids([ct, *pngs[:2]]),
            Match("GET", f"/resources/{pngs[0]}"),
            verify=expect("not the resources asked, in order", lambda rs: [r.id for r in rs] == [ct, *pngs[:2]]),
        ),
        Operation(
            "download_resource_file",
            lambda c: c.download_resource_file(ct, save_path=saved),
            Match("GET", f"/resources/{ct}/file"),
            outputs=lambda: [DICOM],
            server_check=checks(),
            verify=the_file,
        ),
        Operation(
            "download_resource_frame",
            lambda c: c.download_resource_frame(ct, 1),
            Match("GET", f"/resources/{ct}/frames/1"),
            server_check=checks(),
            verify=the_frame,
        ),
        Operation(
            "add_image_category_annotation",
            lambda c: c.add_image_category_annotation(ct, "finding", "nodule"),
            Match("POST", f"/annotations/{ct}/annotations"),
            once=is_creation,
            server_check=checks(annotations("category", 1)),
            verify=categories,
        ),
        Operation(  # the mask's upload, after the annotation was created
            "upload_segmentations",
            lambda c: c.upload_segmentations(ct, world.mask_file, name="lesion", frame_index=1),
            Match("POST", f"/annotations/{ct}/annotations/*"),
            once=is_creation,
            server_check=checks(annotations("segmentation", 1)),
            verify=expect("not the new segmentation with its mask", lambda ids: len(ids) == 1 and is_mask(ids[0])),
        ),
        Operation(
            "publish_resources",
            lambda c: c.publish_resources([pngs[0]]),
            Match("POST", f"/resources/{pngs[0]}/publish"),
            server_check=checks(published),
            verify=expect("not published", lambda _: b.resources[pngs[0]].status == "published"),
        ),
        Operation(
            "delete_resources",
            lambda c: c.delete_resources(pngs[2:]),
            Match("DELETE", "/resources"),
            server_check=checks(deleted_together),
            verify=expect("not deleted", lambda _: all(b.resources[i].deleted for i in pngs[2:])),
        ),
        Operation(
            "get_projects",
            lambda c: c.get_projects(),
            Match("GET", "/projects"),
            verify=expect("not the one project", lambda ps: [(p.id, p.name) for p in ps] == [(world.project, PROJECT)]),
        ),
        Operation(
            "create_project",
            lambda c: c.create_project(NEW_PROJECT, "made under faults", [ct]),
            Match("POST", "/projects"),
            once=is_creation,
            server_check=checks(lambda: projects_named(NEW_PROJECT)),
            verify=created_project,
        ),
        Operation(
            "resources.set_tags",
            lambda c: c.resources.set_tags(pngs[1], ["reviewed", "fault"]),
            Match("PUT", f"/resources/{pngs[1]}/tags"),
            server_check=checks(tags),
            verify=expect("tags not set", lambda _: b.resources[pngs[1]].tags == ["reviewed", "fault"]),
        ),
    ]
    return {op.name: op for op in ops}


READ_ONLY = {
    "resources.iter_list",
    "get_resources_by_ids",
    "download_resource_file",
    "download_resource_frame",
    "get_projects",
}
OPERATIONS = [
    "upload_resources",
    "resources.iter_list",
    "get_resources_by_ids",
    "download_resource_file",
    "download_resource_frame",
    "add_image_category_annotation",
    "upload_segmentations",
    "publish_resources",
    "delete_resources",
    "get_projects",
    "create_project",
    "resources.set_tags",
]


def test_every_operation_is_in_the_matrix(world: World, tmp_path: Path) -> None:
    world.arrange()
    assert sorted(operations(world, tmp_path)) == sorted(OPERATIONS)
    assert set(OPERATIONS) > READ_ONLY


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("twin", TWINS)
def test_cell(world: World, fault_matrix: Matrix, tmp_path: Path, twin: str, operation: str, fault: str) -> None:
    dest = tmp_path / "dest"
    dest.mkdir()
    world.arrange(read_only=operation in READ_ONLY)
    client = make_client(world, twin)
    try:
        result = run_cell(
            platform=PLATFORM,
            twin=twin,
            operation=operations(world, dest)[operation],
            fault=FAULTS[fault],
            proxy=world.proxy,
            client=client,
            watched=[dest],
            next_call=lambda c: c.check_connection(),
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
        dest = tmp_path / name
        dest.mkdir()
        op = operations(world, dest)[name]
        with make_client(world, "sync") as client:
            value = op.call(client)
        assert any(r.forwarded and op.target(r.method, r.path, r.body_head, r.query) for r in world.proxy.records), name
        assert op.verify is None or op.verify(value) is None, name
        assert op.server_check is None or op.server_check() == [], name
        assert not world.proxy.resends(is_creation), name
