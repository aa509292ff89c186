"""One scenario suite for `medannot.phas`, parametrised over backends and over both twins.

Every scenario drives the sync classes (`Client`, `Task(client, id)`, ...) and the async ones (`AsyncClient`,
`await AsyncTask.open(client, id)`, ...) through a blocking portal (`tests/blocking.py`), using the verbs both
share; the sync-only shapes (`client.anonymize`, `task.labelset`, lazy `slide.fullpath`...) have their own tests.
It runs against the emulator (`medannot.testing.phas`) and a real PHAS 0.99.7 server (the `phas_server`
fixture); the same assertions passing on both is the emulator's fidelity proof. A backend is shared by a
whole module, so every test that changes annotations or sampling ROIs restores what it found.

Pixels of the synthetic slides: at level 0, pixel (x, y) = (x & 255, y & 255, ((x >> 8) * 7 + (y >> 8) * 13) & 255)
with alpha 255; level k holds every (4**k)-th level-0 pixel. S2_B1_HE_01 is uncompressed, so patches are exact.
"""

from __future__ import annotations

import functools
import gzip
import json
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest

import medannot.phas
from medannot.core.images import to_nifti
from medannot.errors import AuthError, BadInput, NotFound, PermissionDenied
from medannot.phas import (
    AnnotationTask,
    Client,
    DLTrainingTask,
    SamplingROITask,
    Slide,
    SlideManifestRow,
    Task,
    as_geometry,
    as_records,
)
from tests import blocking
from tests.contract.backends import backends

RAW, JPEG, NISSL = "S2_B1_HE_01", "S1_B1_HE_01", "S1_B1_NISSL_02"
SEGMENTS = [[[100, 100], [0, 0], [0, 0]], [[900, 150], [-5, 2], [5, -2]], [[500, 800], [0, 0], [0, 0]]]
PATH = ["Path", {"applyMatrix": True, "segments": SEGMENTS, "closed": True, "strokeColor": [1, 0, 0]}]
MARKER = ["PointText", {"applyMatrix": False, "matrix": [1, 0, 0, 1, 400, 400], "content": "gm", "fontSize": 2000}]
LAYER_DOC = [["Layer", {"applyMatrix": True, "children": [PATH, MARKER]}]]
BARE_SEGMENT_DOC = [["Layer", {"children": [["Path", {"segments": [[100, 200]]}]]}]]  # PHAS would corrupt it
EMPTY_DOC: list[Any] = [["Layer", {"applyMatrix": True}]]


@dataclass(frozen=True)
class PhasBackend:
    """What a scenario needs to know about the data a backend serves."""

    url: str
    project: str
    tasks: Mapping[str, int]  # "annot" | "dltrain" | "sampling" -> id
    slides: Mapping[str, int]  # slide name -> id
    slide_size: int
    labelset_id: int
    labels: Mapping[str, int]
    samples: Sequence[int]
    key_files: Mapping[str, Path]  # "admin" | "reader" | "outsider" -> official JSON key file
    keys: Mapping[str, str]


@pytest.fixture(scope="module", params=backends("phas"))
def backend(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PhasBackend]:
    if request.param == "real":
        server = request.getfixturevalue("phas_server")
        yield PhasBackend(
            url=server.url,
            project=server.project,
            tasks=server.tasks,
            slides=server.slides,
            slide_size=server.slide_size,
            labelset_id=server.labelset_id,
            labels=server.labels,
            samples=server.samples,
            key_files=server.key_files,
            keys=server.keys,
        )
        return
    from medannot.testing.phas import PhasEmulator

    keys_dir = tmp_path_factory.mktemp("phas-keys")
    with PhasEmulator() as emulator:
        key_files = {}
        for user, key in emulator.keys.items():  # the official key-file format
            key_files[user] = keys_dir / f"{user}.json"
            key_files[user].write_text(json.dumps({"api_key": key}))
        yield PhasBackend(
            url=emulator.url,
            project=emulator.project,
            tasks=emulator.tasks,
            slides=emulator.slides,
            slide_size=emulator.slide_size,
            labelset_id=emulator.labelset_id,
            labels=emulator.labels,
            samples=emulator.samples,
            key_files=key_files,
            keys=emulator.keys,
        )


def unwrapped(value: Any) -> Any:
    """The object itself: the async one behind a blocking wrapper."""
    return getattr(value, "wrapped", value)


class Twin:
    """The classes of one twin called with the sync shapes: `twin.Task(client, id)` is `Task(client, id)` or
    `await AsyncTask.open(client, id)`, run through the portal and wrapped so it has the sync object's shape."""

    OPENED = ("Task", "AnnotationTask", "DLTrainingTask", "SamplingROITask", "Slide")
    BUILT = ("Client", "Labelset", "SamplingROIPatchExtractor")

    def __init__(self, name: str, portal: Any = None) -> None:
        self.name, self.portal = name, portal

    def __repr__(self) -> str:
        return self.name

    def __getattr__(self, cls_name: str) -> Any:
        if cls_name not in self.OPENED + self.BUILT:
            raise AttributeError(cls_name)
        if self.portal is None:
            return getattr(medannot.phas, cls_name)
        cls = getattr(medannot.phas, f"Async{cls_name}")

        def make(*args: Any, **kwargs: Any) -> Any:
            args = tuple(unwrapped(a) for a in args)
            if cls_name in self.OPENED:
                return blocking.wrap(self.portal.call(functools.partial(cls.open, *args, **kwargs)), self.portal)
            return blocking.construct(cls, self.portal, *args, **kwargs)

        return make


@pytest.fixture(params=["sync", "async"])
def twin(request: pytest.FixtureRequest) -> Iterator[Twin]:
    if request.param == "sync":
        yield Twin("sync")
        return
    with blocking.portal() as portal:
        yield Twin("async", portal)


def connect(twin: Twin, backend: PhasBackend, user: str) -> Iterator[Client]:
    with twin.Client(backend.url, backend.key_files[user]) as client:
        yield client


@pytest.fixture
def admin(twin: Twin, backend: PhasBackend) -> Iterator[Client]:
    yield from connect(twin, backend, "admin")


@pytest.fixture
def reader(twin: Twin, backend: PhasBackend) -> Iterator[Client]:
    yield from connect(twin, backend, "reader")


@pytest.fixture
def outsider(twin: Twin, backend: PhasBackend) -> Iterator[Client]:
    yield from connect(twin, backend, "outsider")


@pytest.fixture
def annot(twin: Twin, admin: Client, backend: PhasBackend) -> AnnotationTask:
    task: AnnotationTask = twin.AnnotationTask(admin, backend.tasks["annot"])
    return task


@pytest.fixture
def raw_slide(twin: Twin, annot: AnnotationTask, backend: PhasBackend) -> Slide:
    slide: Slide = twin.Slide(annot, backend.slides[RAW])
    return slide


@pytest.fixture
def sampling(twin: Twin, admin: Client, backend: PhasBackend) -> Iterator[SamplingROITask]:
    task = twin.SamplingROITask(admin, backend.tasks["sampling"])
    slide_id = backend.slides[RAW]
    task.delete_sampling_rois_on_slide(slide_id)
    yield task
    task.delete_sampling_rois_on_slide(slide_id)


@pytest.fixture
def restore_annotations(annot: AnnotationTask) -> Iterator[None]:
    """Annotations cannot be deleted through the API: put back what changed (an empty layer where there was
    none), so slides no test touches stay unannotated."""
    before = {row.id: annot.get_slide_annot_json(row.id) for row in annot.slide_manifest()}
    yield
    for slide_id, doc in before.items():
        if annot.get_slide_annot_json(slide_id) != doc:
            annot.set_slide_annot_json(slide_id, doc if doc is not None else EMPTY_DOC)


class RequestCounter:
    """Counts requests sent on a client's connection pools (by the facade, its generated clients and its auth
    flow alike), and the most that were in flight at once (until the answer's headers)."""

    def __init__(self, client: Client) -> None:
        self.sent = self.in_flight = self.max_in_flight = 0
        self._lock = threading.Lock()
        pools = unwrapped(client)._session.transport._pools
        sync_pool, async_pool = pools.sync, pools.async_
        counter = self

        class Counted(httpx.BaseTransport, httpx.AsyncBaseTransport):
            def __init__(self, inner: Any) -> None:
                self.inner = inner

            def handle_request(self, request: httpx.Request) -> httpx.Response:
                counter._started()
                try:
                    return self.inner.handle_request(request)  # type: ignore[no-any-return]
                finally:
                    counter._finished()

            async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
                counter._started()
                try:
                    return await self.inner.handle_async_request(request)  # type: ignore[no-any-return]
                finally:
                    counter._finished()

        pools.sync = lambda url: Counted(sync_pool(url))
        pools.async_ = lambda url: Counted(async_pool(url))

    def _started(self) -> None:
        with self._lock:
            self.sent += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _finished(self) -> None:
        with self._lock:
            self.in_flight -= 1


def pattern(x0: int, y0: int, width: int, height: int, downsample: int = 1) -> np.ndarray:
    """The synthetic slide's RGBA pixels of a region whose level-0 top-left is (x0, y0)."""
    xs = x0 + np.arange(width) * downsample
    ys = y0 + np.arange(height) * downsample
    x, y = np.meshgrid(xs, ys)
    blue = ((x >> 8) * 7 + (y >> 8) * 13) & 255
    return np.stack([x & 255, y & 255, blue, np.full_like(x, 255)], axis=-1).astype(np.uint8)


# --- client, key, session ---------------------------------------------------------------------------
def test_key_from_file_string_or_environment(twin: Twin, backend: PhasBackend, monkeypatch: pytest.MonkeyPatch) -> None:
    Client = twin.Client
    monkeypatch.delenv("PHAS_AUTH_KEY", raising=False)
    with pytest.raises(AuthError, match="PHAS_AUTH_KEY"):
        Client(backend.url)
    for value in (str(backend.key_files["admin"]), backend.key_files["admin"], backend.keys["admin"]):
        with Client(backend.url, value) as client:
            assert [p.id for p in client.project_listing()] == [backend.project]
    monkeypatch.setenv("PHAS_AUTH_KEY", str(backend.key_files["reader"]))
    with Client(backend.url) as client:
        assert client.get_project_private_access(backend.project) is False  # it is the reader
    monkeypatch.setenv("PHAS_AUTH_KEY", backend.keys["admin"])
    with Client(backend.url) as client:
        assert client.get_project_private_access(backend.project) is True
        assert backend.keys["admin"] not in repr(client) + repr(client.api) + repr(client._session.http.auth)


def test_constructing_a_client_sends_nothing_and_a_bad_key_fails_on_first_call(
    twin: Twin, backend: PhasBackend
) -> None:
    Client = twin.Client
    bad = "00000000-0000-4000-8000-000000000000"
    client = Client(backend.url, bad)  # the official client would log in here
    with client, pytest.raises(AuthError, match="Invalid API key") as caught:
        client.project_listing()
    assert bad not in str(caught.value)
    with pytest.raises(BadInput, match="does not exist"):
        Client(backend.url, "/no/such/key.json")


def test_a_lost_session_is_renewed_and_keeps_anonymized_mode(admin: Client, annot: AnnotationTask) -> None:
    admin.set_anonymize(True)
    for cookie in admin._session.http.auth._cookies.jar:  # type: ignore[union-attr]
        cookie.value = "forgotten-by-the-server"  # as after a server restart with a new secret
    counter = RequestCounter(admin)
    assert {row.slide_name for row in annot.slide_manifest()} == {None}  # still anonymized after re-login
    assert counter.sent == 4  # the refused call (302), login, anonymize again, the call again
    admin.set_anonymize(False)


def test_project_and_task_listing(admin: Client, backend: PhasBackend) -> None:
    [project] = admin.project_listing()
    assert (project.id, project.admin, project.nslides) == (backend.project, 1, len(backend.slides))
    tasks = {t.name: t for t in admin.task_listing(backend.project)}
    assert {name: t.id for name, t in tasks.items()} == dict(backend.tasks)
    assert {name: t.mode for name, t in tasks.items()} == {
        "annot": "annot",
        "dltrain": "dltrain",
        "sampling": "sampling",
        "cli-annot": "annot",
    }
    assert as_records(tasks.values())[0]["nslides"] == len(backend.slides)


def test_private_access(admin: Client, reader: Client, backend: PhasBackend) -> None:
    assert admin.get_project_private_access(backend.project) is True
    assert reader.get_project_private_access(backend.project) is False
    assert admin.get_project_private_access("no-such-project") is False
    with pytest.raises(BadInput):
        admin.get_project_private_access("")


def test_anonymize_hides_private_names(twin: Twin, admin: Client, backend: PhasBackend) -> None:
    task = twin.Task(admin, backend.tasks["annot"])
    assert admin.get_anonymize() is False
    assert {row.slide_name for row in task.slide_manifest()} == set(backend.slides)
    assert admin.set_anonymize(True) is True
    try:
        assert admin.get_anonymize() is True
        rows = task.slide_manifest()
        assert {(row.slide_name, row.specimen_private) for row in rows} == {(None, None)}
        assert twin.Slide(task, backend.slides[RAW]).specimen_private is None
    finally:
        admin.set_anonymize(False)
    assert twin.Slide(task, backend.slides[RAW]).specimen_private == "S2"


# --- tasks, manifests, labelsets -------------------------------------------------------------------
def test_task_detail_and_mode_checks(twin: Twin, admin: Client, backend: PhasBackend) -> None:
    Task, AnnotationTask, DLTrainingTask, SamplingROITask = (
        twin.Task, twin.AnnotationTask, twin.DLTrainingTask, twin.SamplingROITask
    )  # fmt: skip
    task = Task(admin, backend.tasks["dltrain"])
    assert (task.task_id, task.project, task.mode, task.detail.name) == (
        backend.tasks["dltrain"], backend.project, "dltrain", "dltrain"
    )  # fmt: skip
    assert DLTrainingTask(admin, backend.tasks["dltrain"]).mode == "dltrain"
    for cls, other in ((AnnotationTask, "dltrain"), (DLTrainingTask, "sampling"), (SamplingROITask, "annot")):
        with pytest.raises(ValueError, match=f"cannot be used for task of mode {other}"):
            cls(admin, backend.tasks[other])
    with pytest.raises(BadInput):
        Task(admin, -1)


def test_slide_manifest_rows_and_filters(twin: Twin, admin: Client, backend: PhasBackend) -> None:
    task = twin.Task(admin, backend.tasks["dltrain"])
    rows = task.slide_manifest()
    assert all(isinstance(row, SlideManifestRow) for row in rows)
    assert {row.slide_name: row.id for row in rows} == dict(backend.slides)
    by_name = {row.slide_name: row for row in rows}
    raw = by_name[RAW]
    assert (raw.stain, raw.block_name, raw.section, raw.slide, raw.specimen_private) == ("HE", "B1", 1, 1, "S2")
    assert sum(row.n_samples for row in rows) == len(backend.samples)

    def names(**filters: Any) -> set[str | None]:
        return {row.slide_name for row in task.slide_manifest(**filters)}

    assert names(stain="NISSL") == {NISSL}
    assert names(specimen="S1") == {JPEG, NISSL}
    assert names(specimen="S%", block="B1", section=2) == {NISSL}
    assert names(section="1", slide=1) == {RAW, JPEG}
    assert names(tags_any=["qc-fail", "nope"]) == {RAW}
    assert names(tags_all=["he", "qc-pass"]) == {JPEG}
    assert names(tags_none="he") == {NISSL}
    assert names(stain="HE", tags_any=["qc-pass"]) == {JPEG}
    frame = as_records(rows)
    assert {"id", "slide_name", "n_samples"} <= set(frame[0])


def test_slide_manifest_refuses_bad_filters_before_sending(twin: Twin, admin: Client, backend: PhasBackend) -> None:
    task = twin.Task(admin, backend.tasks["annot"])
    counter = RequestCounter(admin)
    for bad in ({"min_paths": "2"}, {"min_sroi": -1}, {"min_markers": 1.5}, {"tags_any": [1]}, {"stain": 3.0}):
        with pytest.raises(BadInput):
            task.slide_manifest(**bad)
    assert counter.sent == 0


def test_labelsets(twin: Twin, admin: Client, backend: PhasBackend) -> None:
    Task, Labelset = twin.Task, twin.Labelset
    assert Task(admin, backend.tasks["annot"]).get_labelset() is None
    task = Task(admin, backend.tasks["dltrain"])
    labelset = task.get_labelset()
    assert labelset is not None and labelset.labelset_id == backend.labelset_id
    counter = RequestCounter(admin)
    assert unwrapped(task.get_labelset()) is unwrapped(labelset) and counter.sent == 0  # looked up once per Task
    labels = labelset.label_listing()
    assert {label.name: label.id for label in labels} == dict(backend.labels)
    assert all(label.color.startswith("#") for label in labels)
    assert Labelset(admin, backend.project, backend.labelset_id).label_listing() == labels
    assert twin.SamplingROITask(admin, backend.tasks["sampling"]).get_labelset() is not None


# --- errors: unknown ids, rights --------------------------------------------------------------------
def test_unknown_ids_are_not_found(twin: Twin, admin: Client, backend: PhasBackend) -> None:
    Task, Labelset, AnnotationTask, Slide = twin.Task, twin.Labelset, twin.AnnotationTask, twin.Slide
    DLTrainingTask, SamplingROITask = twin.DLTrainingTask, twin.SamplingROITask
    unknown = 9999
    with pytest.raises(NotFound, match="task 9999"):
        Task(admin, unknown)
    with pytest.raises(NotFound, match="no-such-project"):
        admin.task_listing("no-such-project")
    with pytest.raises(NotFound):
        Labelset(admin, "no-such-project", 1).label_listing()
    annot = AnnotationTask(admin, backend.tasks["annot"])
    with pytest.raises(NotFound, match="slide 9999"):
        Slide(annot, unknown)
    with pytest.raises(NotFound):
        annot.get_slide_annot_json(unknown)
    with pytest.raises(NotFound):
        annot.set_slide_annot_json(unknown, LAYER_DOC)
    with pytest.raises(NotFound):
        DLTrainingTask(admin, backend.tasks["dltrain"]).slide_training_samples(unknown)
    sampling = SamplingROITask(admin, backend.tasks["sampling"])
    with pytest.raises(NotFound):
        sampling.slide_sampling_rois(unknown)  # the server fails with 500 here
    with pytest.raises(NotFound):
        sampling.slide_sampling_roi_nifti_image(unknown)


def test_reader_may_read_but_not_write(twin: Twin, reader: Client, backend: PhasBackend) -> None:
    annot = twin.AnnotationTask(reader, backend.tasks["annot"])
    slide_id = backend.slides[RAW]
    assert {row.slide_name for row in annot.slide_manifest()} == {None}  # no private-data rights
    annot.get_slide_annot_json(slide_id)
    with pytest.raises(PermissionDenied, match="Insufficient privileges on task"):
        annot.set_slide_annot_json(slide_id, LAYER_DOC)
    slide = twin.Slide(annot, slide_id)
    assert slide.specimen_private is None and slide.specimen_public == "Anon 0001"
    assert slide.get_patch((128, 128), 0, (16, 16)).size == (16, 16)
    with pytest.raises(PermissionDenied, match="slide"):
        slide.get_fullpath()
    with pytest.raises(PermissionDenied):
        slide.get_tags()
    sampling = twin.SamplingROITask(reader, backend.tasks["sampling"])
    assert sampling.slide_sampling_rois(slide_id) == []
    with pytest.raises(PermissionDenied):
        sampling.create_sampling_roi(
            slide_id, backend.labels["gray matter"], {"type": "polygon", "data": [[0, 0], [9, 9], [0, 9]]}
        )
    with pytest.raises(PermissionDenied):
        sampling.delete_sampling_rois_on_slide(slide_id)


def test_outsider_sees_nothing(twin: Twin, outsider: Client, backend: PhasBackend) -> None:
    assert outsider.project_listing() == []
    assert outsider.get_project_private_access(backend.project) is False
    # PHAS answers 403 alike for unknown ids and for ids the user has no access to; to the outsider the
    # project and its tasks are invisible, so they are NotFound, with a message that says both are possible
    with pytest.raises(NotFound, match="not visible to you"):
        outsider.task_listing(backend.project)
    with pytest.raises(NotFound, match="not visible to you") as caught:
        twin.Task(outsider, backend.tasks["annot"])
    assert caught.value.status_code == 403
    with pytest.raises(NotFound):
        twin.Labelset(outsider, backend.project, backend.labelset_id).label_listing()


# --- slides ------------------------------------------------------------------------------------------
def test_slide_metadata_is_typed_and_cached(twin: Twin, raw_slide: Slide, admin: Client, backend: PhasBackend) -> None:
    size = backend.slide_size
    counter = RequestCounter(admin)
    assert raw_slide.dimensions == (size, size)
    assert raw_slide.spacing == (0.0005, 0.0005)
    assert raw_slide.level_dimensions == [(size, size), (size // 4, size // 4), (size // 16, size // 16)]
    assert raw_slide.level_downsamples == [1.0, 4.0, 16.0]
    assert raw_slide.properties["openslide.mpp-x"] == "0.5"
    assert raw_slide.get_fullpath().endswith(f"{RAW}.tif")
    assert raw_slide.get_tags() == ["he", "qc-fail"]
    first = counter.sent
    assert (raw_slide.dimensions, raw_slide.level_downsamples, raw_slide.properties) is not None
    # file path and tags; the sync Slide fetches its two headers on first use, AsyncSlide.open did already
    assert counter.sent == first == {"sync": 4, "async": 2}[twin.name]
    assert (raw_slide.stain, raw_slide.block_name, raw_slide.section, raw_slide.slide_number) == ("HE", "B1", 1, 1)
    assert (raw_slide.specimen_private, raw_slide.specimen_public) == ("S2", "Anon 0001")


@pytest.mark.parametrize(
    ("center", "level", "size", "tile_size"),
    [((1024, 1024), 0, (1024, 1024), 256), ((700, 900), 0, (300, 200), 128), ((1024, 1024), 1, (256, 128), 64),
     ((512, 640), 0, (100, 60), 1024), ((300, 300), 0, (64, 48), 0), ((1024, 1024), 2, (64, 64), 32)],
)  # fmt: skip
def test_get_patch_is_pixel_exact(
    raw_slide: Slide, center: tuple[int, int], level: int, size: tuple[int, int], tile_size: int
) -> None:
    patch = raw_slide.get_patch(center, level, size, tile_size=tile_size)
    assert patch.mode == "RGBA" and patch.size == size
    ds = 4**level
    x0, y0 = center[0] - int(size[0] * 0.5 * ds), center[1] - int(size[1] * 0.5 * ds)
    assert np.array_equal(np.asarray(patch), pattern(x0, y0, size[0], size[1], ds))
    single = raw_slide.get_patch(center, level, size, tile_size=0)
    assert np.array_equal(np.asarray(patch), np.asarray(single))


def test_get_patch_fetches_tiles_concurrently(raw_slide: Slide, admin: Client) -> None:
    _ = raw_slide.level_downsamples, raw_slide.dimensions  # metadata is fetched once, before the tiles
    counter = RequestCounter(admin)
    patch = raw_slide.get_patch((1024, 1024), 0, (1024, 1024), tile_size=256, max_workers=8)
    assert counter.sent == 16
    assert counter.max_in_flight > 1
    assert np.array_equal(np.asarray(patch), pattern(512, 512, 1024, 1024))


def test_jpeg_slide_patch_is_close_and_tiling_does_not_change_it(
    twin: Twin, annot: AnnotationTask, backend: PhasBackend
) -> None:
    slide = twin.Slide(annot, backend.slides[JPEG])
    tiled = np.asarray(slide.get_patch((1000, 800), 0, (512, 384), tile_size=128))
    assert np.array_equal(tiled, np.asarray(slide.get_patch((1000, 800), 0, (512, 384), tile_size=0)))
    error = np.abs(tiled.astype(int) - pattern(744, 608, 512, 384).astype(int))
    assert error.mean() < 2  # JPEG q90: small on average, larger at the pattern's 255 -> 0 edges


def test_read_region_returns_an_array(raw_slide: Slide) -> None:
    region = raw_slide.read_region((301, 517), 0, (333, 257), tile_size=100)
    assert region.shape == (257, 333, 4) and region.dtype == np.uint8
    assert np.array_equal(region, pattern(301, 517, 333, 257))
    level1 = raw_slide.read_region((400, 800), 1, (90, 70), tile_size=32)
    assert np.array_equal(level1, pattern(400, 800, 90, 70, 4))


def test_patch_requests_are_checked_before_sending(raw_slide: Slide, admin: Client, backend: PhasBackend) -> None:
    _ = raw_slide.level_downsamples, raw_slide.dimensions
    counter = RequestCounter(admin)
    size = backend.slide_size
    for args in [
        ((size + 600, 100), 0, (100, 100)),  # right of the slide
        ((100, -300), 0, (100, 100)),  # above it
        ((500, 500), -1, (64, 64)),
        ((500, 500), 3, (64, 64)),  # beyond the pyramid
        ((500, 500), 0, (0, 64)),
        ((500, 500), 0, (-5, 64)),
        ((500, 500), 0, (64,)),
        ((100, 100), 0, (1024, 1024)),  # tiles centred left of the slide: the route cannot say it
    ]:
        with pytest.raises(BadInput):
            raw_slide.get_patch(*args, tile_size=256)
    with pytest.raises(BadInput):
        raw_slide.get_patch((500, 500), 0, (64, 64), tile_size=-1)
    assert counter.sent == 0


def test_thumbnail_nifti(raw_slide: Slide, tmp_path: Path) -> None:
    data = raw_slide.thumbnail_nifti_image(max_dim=200)
    image = to_nifti(data)
    assert image.shape[:2] == (200, 200)
    saved = raw_slide.thumbnail_nifti_image(tmp_path / "thumb.nii.gz", max_dim=200)
    assert saved == tmp_path / "thumb.nii.gz" and gzip.decompress(saved.read_bytes()) == gzip.decompress(data)
    with pytest.raises(BadInput):
        raw_slide.thumbnail_nifti_image(tmp_path / "missing" / "t.nii.gz")
    with pytest.raises(BadInput):
        raw_slide.thumbnail_nifti_image(max_dim=0)


# --- annotations -------------------------------------------------------------------------------------
@pytest.mark.usefixtures("restore_annotations")
def test_annotation_round_trip_svg_and_timestamp(annot: AnnotationTask, backend: PhasBackend, tmp_path: Path) -> None:
    slide_id = backend.slides[RAW]
    start = datetime.now(UTC)
    assert annot.set_slide_annot_json(slide_id, LAYER_DOC) is True
    assert annot.get_slide_annot_json(slide_id) == LAYER_DOC
    stamp = annot.get_slide_annot_timestamp(slide_id)
    assert stamp is not None and abs(stamp - start) < timedelta(minutes=1)
    assert slide_id in {row.id for row in annot.slide_manifest(min_paths=1, min_markers=1)}
    assert slide_id not in {row.id for row in annot.slide_manifest(min_paths=2)}
    svg = annot.get_slide_annot_svg(slide_id)
    assert svg.startswith(b"<svg") and b"<path" in svg
    small = annot.get_slide_annot_svg(slide_id, downsample=500, stroke_width=10, font_color="red")
    assert b'width="500"' in small
    saved = annot.get_slide_annot_svg(slide_id, filename=tmp_path)
    assert saved == tmp_path / f"slide_{slide_id}_annot.svg" and saved.read_bytes() == svg


def test_an_unannotated_slide_has_no_annotation(annot: AnnotationTask) -> None:
    unannotated = [row.id for row in annot.slide_manifest() if annot.get_slide_annot_timestamp(row.id) is None]
    if not unannotated:
        pytest.skip("every slide has been annotated in this server session")
    assert [annot.get_slide_annot_json(slide_id) for slide_id in unannotated] == [None] * len(unannotated)
    with pytest.raises(BadInput):
        annot.get_slide_annot_json(-1)


def test_the_generated_client_shares_the_session(admin: Client, backend: PhasBackend) -> None:
    from medannot_api.phas.api.projects import list_projects

    projects = list_projects.sync(client=admin.api)
    assert isinstance(projects, list)
    [project] = projects
    assert project.id == backend.project  # logged in by the same session, no second login needed
    assert admin.url == backend.url


@pytest.mark.parametrize(
    "doc",
    [{"children": []}, [], [["Layer"]], [["Layer", {"children": [["Path", {}]]}]],
     BARE_SEGMENT_DOC,
     [["Layer", {"children": [["PointText", {"content": "x"}]]}]], [["Layer", {"x": float("nan")}]]],
)  # fmt: skip
def test_documents_phas_cannot_store_are_refused(annot: AnnotationTask, backend: PhasBackend, doc: Any) -> None:
    counter = RequestCounter(annot.client)
    with pytest.raises(BadInput):
        annot.set_slide_annot_json(backend.slides[RAW], doc)
    assert counter.sent == 0


@pytest.mark.usefixtures("restore_annotations")
def test_export_import_round_trip(annot: AnnotationTask, backend: PhasBackend, tmp_path: Path) -> None:
    raw_id, jpeg_id = backend.slides[RAW], backend.slides[JPEG]
    other = [["Layer", {"children": [["Path", {"segments": [[[1, 2], [0, 0], [0, 0]], [[3, 4], [0, 0], [0, 0]]]}]]}]]
    annot.set_slide_annot_json(raw_id, LAYER_DOC)
    annot.set_slide_annot_json(jpeg_id, other)
    export = tmp_path / "all.json"
    expected = {row.id: annot.get_slide_annot_json(row.id) for row in annot.slide_manifest()}
    count = annot.export_task_annots(export, progress=False)
    records = json.loads(export.read_text())
    assert count == len(records) == sum(doc is not None for doc in expected.values())
    assert {r["slide_id"]: r["annot"] for r in records}[raw_id] == LAYER_DOC
    assert {r["slide_name"] for r in records} <= set(backend.slides)

    annot.set_slide_annot_json(raw_id, EMPTY_DOC)
    annot.set_slide_annot_json(jpeg_id, EMPTY_DOC)
    assert annot.import_task_annots(export, progress=False) == count
    assert annot.get_slide_annot_json(raw_id) == LAYER_DOC and annot.get_slide_annot_json(jpeg_id) == other

    with export.open("rb") as stream:  # a binary file object works too; by id, unknown ids are skipped
        records.append({"slide_name": "elsewhere", "slide_id": 9999, "annot": other})
        export.write_text(json.dumps(records))
        assert annot.import_task_annots(stream, match="id", progress=False) == count

    files = annot.export_all(tmp_path / "each", progress=False)
    assert set(files) == {slide_id for slide_id, doc in expected.items() if doc is not None}
    assert json.loads(files[raw_id].read_text()) == LAYER_DOC
    assert files[raw_id].name == f"slide_{raw_id}_{RAW}.json"


@pytest.mark.usefixtures("restore_annotations")
def test_import_refuses_bad_files_and_changes_nothing(
    annot: AnnotationTask, backend: PhasBackend, tmp_path: Path
) -> None:
    raw_id = backend.slides[RAW]
    annot.set_slide_annot_json(raw_id, LAYER_DOC)
    good = {"slide_name": RAW, "slide_id": raw_id, "annot": EMPTY_DOC}
    cases = {
        "not_json.json": "[{not json",
        "not_a_list.json": json.dumps({"records": []}),
        "object_doc.json": json.dumps([good, {"slide_name": JPEG, "slide_id": 2, "annot": {"children": []}}]),
        "bare_segment.json": json.dumps([good, {**good, "annot": BARE_SEGMENT_DOC}]),
        "no_slide.json": json.dumps([{"annot": EMPTY_DOC}]),
    }  # fmt: skip
    counter = RequestCounter(annot.client)
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text)
        with pytest.raises(BadInput):
            annot.import_task_annots(path)
    with pytest.raises(BadInput):
        annot.import_task_annots(tmp_path / "missing.json")
    assert counter.sent == 0
    assert annot.get_slide_annot_json(raw_id) == LAYER_DOC


@pytest.mark.usefixtures("restore_annotations")
def test_import_by_name_needs_visible_names(
    admin: Client, annot: AnnotationTask, backend: PhasBackend, tmp_path: Path
) -> None:
    export = tmp_path / "names.json"
    annot.set_slide_annot_json(backend.slides[RAW], LAYER_DOC)
    annot.export_task_annots(export, progress=False)
    admin.set_anonymize(True)
    try:
        with pytest.raises(BadInput, match="slide names are hidden"):
            annot.import_task_annots(export)
        assert annot.import_task_annots(export, match="id", progress=False) >= 1
    finally:
        admin.set_anonymize(False)


# --- training samples --------------------------------------------------------------------------------
def test_training_samples_and_images(twin: Twin, admin: Client, backend: PhasBackend) -> None:
    task = twin.DLTrainingTask(admin, backend.tasks["dltrain"])
    samples = [s for row in task.slide_manifest() for s in task.slide_training_samples(row.id)]
    assert sorted(s.id for s in samples) == sorted(backend.samples)
    sample = samples[0]
    assert sample.label in backend.labels.values() and sample.x1 > sample.x0 and sample.task == task.task_id
    image = task.get_sample_image(sample.id)
    assert (image.mode, image.size) == ("RGBA", (256, 256))
    assert task.slide_training_samples(backend.slides[NISSL]) == []  # a known slide without samples
    with pytest.raises(BadInput):
        task.get_sample_image(-3)


# --- sampling ROIs -----------------------------------------------------------------------------------
POLYGON = {"type": "polygon", "data": [[300.0, 300.0], [900.0, 350.0], [800.0, 1000.0], [350.0, 900.0]]}
TRAPEZOID = {"type": "trapezoid", "data": [[1200.0, 400.0, 100.0], [1600.0, 1500.0, 40.0]]}


def test_sampling_rois_create_list_image_delete(
    sampling: SamplingROITask, backend: PhasBackend, tmp_path: Path
) -> None:
    slide_id = backend.slides[RAW]
    gray, white = backend.labels["gray matter"], backend.labels["white matter"]
    first = sampling.create_sampling_roi(slide_id, gray, POLYGON)
    second = sampling.create_sampling_roi(slide_id, white, as_geometry(TRAPEZOID))
    rois = sampling.slide_sampling_rois(slide_id)
    assert {roi.id: roi.label for roi in rois} == {first: gray, second: white}
    polygon = next(roi for roi in rois if roi.id == first)
    assert as_geometry(polygon) == POLYGON
    assert (polygon.x0, polygon.y0, polygon.x1, polygon.y1) == (300, 300, 900, 1000)
    assert slide_id in {row.id for row in sampling.slide_manifest(min_sroi=2)}
    assert slide_id not in {row.id for row in sampling.slide_manifest(min_sroi=3)}

    data = sampling.slide_sampling_roi_nifti_image(slide_id, max_dim=512)
    saved = sampling.slide_sampling_roi_nifti_image(slide_id, tmp_path / "rois.nii.gz", max_dim=512)
    assert gzip.decompress(saved.read_bytes()) == gzip.decompress(data)  # the gzip header holds a time
    labels = np.asanyarray(to_nifti(data).dataobj)
    assert labels.shape[:2] == (512, 512)
    assert set(np.unique(labels).tolist()) == {0, gray, white}
    assert labels[160, 128].item() == gray  # (640, 512) at level 0, inside the polygon; the array is x-first

    assert sampling.delete_sampling_rois_on_slide(slide_id) is True
    assert sampling.slide_sampling_rois(slide_id) == []


@pytest.mark.parametrize(
    "geom",
    [{"type": "circle", "data": [[0, 0], [1, 1]]}, {"type": "polygon", "data": [[0, 0]]},
     {"type": "polygon", "data": [[0, 0], [1, "2"]]}, {"type": "trapezoid", "data": [[0, 0, 1], [0, 0, 2]]},
     {"type": "trapezoid", "data": [[0, 0, 1], [5, 5, 2], [9, 9, 1]]}, {"data": [[0, 0], [1, 1]]}, [[0, 0], [1, 1]]],
)  # fmt: skip
def test_bad_geometries_are_refused_before_sending(sampling: SamplingROITask, backend: PhasBackend, geom: Any) -> None:
    counter = RequestCounter(sampling.client)
    with pytest.raises(BadInput):
        sampling.create_sampling_roi(backend.slides[RAW], backend.labels["gray matter"], geom)
    assert counter.sent == 0


def test_patch_extractor_tiles_masks_and_pixels(twin: Twin, sampling: SamplingROITask, backend: PhasBackend) -> None:
    slide_id = backend.slides[RAW]
    sampling.create_sampling_roi(slide_id, backend.labels["gray matter"], TRAPEZOID)
    [roi] = sampling.slide_sampling_rois(slide_id)
    slide = twin.Slide(sampling, slide_id)
    extractor = twin.SamplingROIPatchExtractor(slide, roi, tile_size=256, padding=16, sub_tiles_per_tile=8)
    indices, overlap = extractor.tiles()
    assert indices.shape[1] == 2 and len(indices) == len(overlap) > 0
    assert ((overlap > 0) & (overlap <= 1)).all()
    assert extractor.tile_mask_density().shape == tuple(s // 8 for s in extractor.subtile_mask_density().shape)
    assert set(np.unique(extractor.subtile_mask_density()).tolist()) <= {0, 255}

    index = tuple(indices[0].tolist())
    image, mask = extractor.get_tile_patch_and_mask(index)
    assert (image.mode, image.size, mask.mode, mask.size) == ("RGB", (288, 288), "L", (288, 288))
    corner_x, corner_y = extractor.tx + index[0] * 256 - 16, extractor.ty + index[1] * 256 - 16
    assert np.array_equal(np.asarray(image), pattern(corner_x, corner_y, 288, 288)[..., :3])
    mask_pixels = np.asarray(mask)
    assert mask_pixels[:16].max() == 0 and mask_pixels[:, -16:].max() == 0  # padding is never masked
    assert (mask_pixels > 0).mean() * (288 / 256) ** 2 == pytest.approx(overlap[0], abs=0.1)
    assert extractor.tile_patch_origin(index).tolist() == [0.0005 * (corner_x + 0.5), 0.0005 * (corner_y + 0.5)]

    streamed = list(extractor.iter_patches(prefetch=3))
    assert [p.index for p in streamed] == [tuple(i) for i in indices.tolist()]
    assert np.array_equal(np.asarray(streamed[0].image), np.asarray(image))
    assert np.array_equal(np.asarray(streamed[0].mask), mask_pixels)
    assert streamed[0].origin == tuple(extractor.tile_patch_origin(index).tolist())
    assert next(iter(extractor.iter_patches(prefetch=1))).index == streamed[0].index  # stopping early is fine

    moved = extractor.translate_geom(roi, 10, -20)
    assert moved["type"] == "trapezoid"
    assert [round(v, 6) for v in moved["data"][0]] == [1210.0, 380.0, 100.0]


# --- the sync-only shapes of the official client -----------------------------------------------------
def test_sync_properties_fetch_once_or_on_every_read(backend: PhasBackend) -> None:
    """`Client`, `Task` and `Slide` keep the official client's properties (which send requests, so the async
    twins have `get_...` verbs instead)."""
    with Client(backend.url, backend.key_files["admin"]) as admin:
        sync_properties(admin, backend)


def sync_properties(admin: Client, backend: PhasBackend) -> None:
    assert isinstance(admin, Client) and admin.anonymize is False
    admin.anonymize = True
    try:
        assert admin.anonymize is True and admin.get_anonymize() is True
    finally:
        admin.anonymize = False
    task = AnnotationTask(admin, backend.tasks["annot"])
    assert isinstance(task, Task) and task.labelset is None
    dltrain = DLTrainingTask(admin, backend.tasks["dltrain"])
    assert isinstance(dltrain, Task) and dltrain.labelset is dltrain.labelset is not None
    assert isinstance(SamplingROITask(admin, backend.tasks["sampling"]), Task)
    counter = RequestCounter(admin)
    slide = Slide(task, backend.slides[RAW])
    assert counter.sent == 1  # the details only
    assert slide.dimensions == (backend.slide_size,) * 2 and counter.sent == 2  # the header, on first use
    assert slide.level_downsamples == [1.0, 4.0, 16.0] and counter.sent == 3
    assert slide.fullpath.endswith(f"{RAW}.tif") and slide.tags == ["he", "qc-fail"]
    assert (slide.spacing, slide.properties, slide.fullpath, slide.tags) is not None
    assert counter.sent == 5  # file path and tags: once each
    opened = Slide.open(task, backend.slides[RAW])
    assert isinstance(opened, Slide) and counter.sent == 8 and opened.dimensions == slide.dimensions


def test_async_objects_send_nothing_until_opened(backend: PhasBackend) -> None:
    from medannot.phas import AsyncAnnotationTask, AsyncClient, AsyncSlide

    async def scenario() -> None:
        async with AsyncClient(backend.url, backend.key_files["admin"]) as client:
            counter = RequestCounter(client)  # type: ignore[arg-type]
            task = await AsyncAnnotationTask.open(client, backend.tasks["annot"])
            slide = await AsyncSlide.open(task, backend.slides[RAW])
            assert counter.sent == 5  # login, task details, slide details, both headers
            bare = AsyncSlide(task, slide.slide_id, slide.detail)
            with pytest.raises(BadInput, match=r"AsyncSlide\.open"):
                _ = bare.dimensions
            await bare.load_headers()
            assert bare.dimensions == slide.dimensions and counter.sent == 7
            assert [p.id for p in await client.project_listing()] == [backend.project]

    import anyio

    anyio.run(scenario)
