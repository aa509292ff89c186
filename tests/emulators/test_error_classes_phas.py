"""Every exception leaving a public PHAS method is a `MedannotError`: each public method and request-sending
property of `medannot.phas` (client, tasks of every mode, slides, labelsets, the patch extractor), sync and
async, behind a loopback proxy that answers 500, garbage, an HTML page, JSON of the wrong shape, an empty or a
truncated body, drops the connection, redirects to the login page, or is not there at all.

The objects are built from details loaded from a working emulator (`PhasEmulator`), then driven through the
proxy in front of that emulator: the proxy lets the login through (so each fault reaches the method's own
requests, not only the login), and the first `passes` requests of each call, then answers with the fault (so
it also reaches the later steps: the tiles after the first, the stores after the manifest of an import...).
"""

from __future__ import annotations

import inspect
import json
import socket
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import anyio
import httpx
import pytest

import medannot.phas as phas
from medannot.errors import MedannotError
from medannot.testing.phas import PhasEmulator

FAULTS = [
    "500",
    "garbage-json",
    "html-200",
    "json-object",
    "json-list",
    "empty-200",
    "truncated",
    "login-redirect",
    "reset",
    "refused",
]
_TRUNCATED = b'[{"id": 1, '
PASSES = [0, 1, 2]  # requests of each call (after the login) answered by the emulator before the fault

LOGIN = "/auth/api/login"
GEOMETRY = {"type": "polygon", "data": [[300, 300], [700, 320], [650, 700], [320, 650]]}
DOC = [["Layer", {"applyMatrix": True, "children": [["Path", {"segments": [[[10, 20], [0, 0], [5, 5]]]}]]}]]
_BODIES = {
    "500": (500, "text/plain", b"Internal Server Error"),
    "garbage-json": (200, "application/json", b"{not json"),
    "html-200": (200, "text/html", b"<html><title>Login</title></html>"),
    "json-object": (200, "application/json", b'{"unexpected": [1, 2]}'),
    "json-list": (200, "application/json", b'[{"unexpected": 1}, 2, null]'),
    "empty-200": (200, "application/json", b""),
}


class FaultProxy:
    """A loopback proxy in front of `upstream`: while `fault` is None it forwards everything; else it forwards
    the requests `passthrough(path)` accepts (the login) and the next `passes` others, then answers every other
    request with the fault. (The Labelbox test uses it too.)"""

    def __init__(self, upstream: str, passthrough: Callable[[str], bool] = lambda path: path.startswith(LOGIN)) -> None:
        self.fault: str | None = None
        self.passes = 0
        self.bodies = dict(_BODIES)  # fault -> (status, content type, body)
        self._passthrough = passthrough
        self._lock = threading.Lock()
        self._upstream = httpx.Client(base_url=upstream, timeout=30, follow_redirects=False)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._upstream.close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms delayed-ACK stall

            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                fault = proxy.fault
                if fault is not None and not proxy._passthrough(self.path):
                    with proxy._lock:
                        if proxy.passes > 0:
                            proxy.passes -= 1
                            fault = None
                if fault is None or proxy._passthrough(self.path):
                    self._forward(body)
                elif fault == "reset":
                    linger = b"\x01\x00\x00\x00\x00\x00\x00\x00"
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
                    self.close_connection = True
                    self.connection.close()
                elif fault == "truncated":
                    self.send_response(200)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", "1000")
                    self.end_headers()
                    self.wfile.write(_TRUNCATED)
                    self.wfile.flush()
                    self.close_connection = True
                elif fault == "login-redirect":
                    self._send(302, "text/html", b"", location="/auth/login")
                else:
                    self._send(*proxy.bodies[fault])

            def _send(self, status: int, ctype: str, body: bytes, **extra: str) -> None:
                self.send_response(status)
                self.send_header("content-type", ctype)
                self.send_header("content-length", str(len(body)))
                for name, value in extra.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def _forward(self, body: bytes) -> None:
                skip = {"host", "content-length", "connection", "accept-encoding"}
                headers = {k: v for k, v in self.headers.items() if k.lower() not in skip}
                answer = proxy._upstream.request(self.command, self.path, headers=headers, content=body)
                self.send_response(answer.status_code)
                for name, value in answer.headers.multi_items():
                    if name.lower() not in {"content-length", "transfer-encoding", "connection", "content-encoding"}:
                        self.send_header(name, value)
                self.send_header("content-length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_PATCH = _answer

            def log_message(self, *args: Any) -> None:
                pass

        return Handler


@dataclass(frozen=True)
class Loaded:
    """What the objects under test are built from, read from a working emulator."""

    api_key: str
    project: str
    task_ids: dict[str, int]
    details: dict[str, Any]  # task mode -> TaskInfo
    slide_id: int
    slide_detail: Any
    header: Any
    openslide_header: Any
    labelset_id: int
    label_id: int
    sample_id: int


@pytest.fixture(scope="module")
def emulator() -> Iterator[PhasEmulator]:
    with PhasEmulator() as emu:
        yield emu


@pytest.fixture(scope="module")
def loaded(emulator: PhasEmulator) -> Loaded:
    with phas.Client(emulator.url, emulator.api_key, timeout=10) as client:
        tasks = {mode: phas.Task(client, task_id) for mode, task_id in emulator.tasks.items()}
        slide_id = emulator.slides["S2_B1_HE_01"]
        slide = phas.Slide(tasks["annot"], slide_id)
        slide.load_headers()
        dltrain = phas.DLTrainingTask(client, emulator.tasks["dltrain"], tasks["dltrain"].detail)
        samples = [s for sid in emulator.slides.values() for s in dltrain.slide_training_samples(sid)]
        labelset = tasks["sampling"].get_labelset()
        assert labelset is not None and samples
        return Loaded(
            api_key=emulator.api_key,
            project=emulator.project,
            task_ids=dict(emulator.tasks),
            details={mode: task.detail for mode, task in tasks.items()},
            slide_id=slide_id,
            slide_detail=slide.detail,
            header=slide._header,
            openslide_header=slide._openslide_header,
            labelset_id=labelset.labelset_id,
            label_id=labelset.label_listing()[0].id,
            sample_id=samples[0].id,
        )


@pytest.fixture(scope="module")
def proxy(emulator: PhasEmulator) -> Iterator[FaultProxy]:
    server = FaultProxy(emulator.url)
    yield server
    server.close()


# nothing passes through a closed port: "refused" only with no pass-through
CASES = [(f, n) for f in FAULTS for n in PASSES if not (f == "refused" and n)]


@pytest.fixture(params=CASES, ids=[f"{f}-after{n}" for f, n in CASES])
def case(request: pytest.FixtureRequest) -> tuple[str, int]:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def passes(case: tuple[str, int]) -> int:
    return case[1]


@pytest.fixture
def faulty_url(case: tuple[str, int], proxy: FaultProxy) -> Iterator[str]:
    fault = case[0]
    if fault == "refused":
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        yield f"http://127.0.0.1:{port}"
        return
    proxy.fault = fault
    yield proxy.url
    proxy.fault = None


def sync_objects(client: phas.Client, data: Loaded) -> SimpleNamespace:
    """Fresh objects on `client` (nothing cached from an earlier call), built without a request."""
    ids, details = data.task_ids, data.details
    annot = phas.AnnotationTask(client, ids["annot"], details["annot"])
    slide = phas.Slide(annot, data.slide_id, data.slide_detail, data.header, data.openslide_header)
    lazy = phas.Slide(annot, data.slide_id, data.slide_detail)  # headers load on first use
    return SimpleNamespace(
        client=client,
        task=phas.Task(client, ids["sampling"], details["sampling"]),
        annot=annot,
        sampling=phas.SamplingROITask(client, ids["sampling"], details["sampling"]),
        dltrain=phas.DLTrainingTask(client, ids["dltrain"], details["dltrain"]),
        slide=slide,
        lazy_slide=lazy,
        labelset=phas.Labelset(client, data.project, data.labelset_id),
        extractor=phas.SamplingROIPatchExtractor(slide, GEOMETRY, tile_size=256, padding=8),
        lazy_extractor=phas.SamplingROIPatchExtractor(lazy, GEOMETRY, tile_size=256, padding=8),
        open_task=lambda cls, mode: cls(client, ids[mode]),
        open_slide=lambda task: phas.Slide(task, data.slide_id),
        collect=list,
    )


async def _collect(items: AsyncIterator[Any]) -> list[Any]:
    return [item async for item in items]


def async_objects(client: phas.AsyncClient, data: Loaded) -> SimpleNamespace:
    ids, details = data.task_ids, data.details
    annot = phas.AsyncAnnotationTask(client, ids["annot"], details["annot"])
    slide = phas.AsyncSlide(annot, data.slide_id, data.slide_detail, data.header, data.openslide_header)
    lazy = phas.AsyncSlide(annot, data.slide_id, data.slide_detail)
    return SimpleNamespace(
        client=client,
        task=phas.AsyncTask(client, ids["sampling"], details["sampling"]),
        annot=annot,
        sampling=phas.AsyncSamplingROITask(client, ids["sampling"], details["sampling"]),
        dltrain=phas.AsyncDLTrainingTask(client, ids["dltrain"], details["dltrain"]),
        slide=slide,
        lazy_slide=lazy,
        labelset=phas.AsyncLabelset(client, data.project, data.labelset_id),
        extractor=phas.AsyncSamplingROIPatchExtractor(slide, GEOMETRY, tile_size=256, padding=8),
        open_task=lambda cls, mode: cls.open(client, ids[mode]),
        open_slide=lambda task: phas.AsyncSlide.open(task, data.slide_id),
        collect=_collect,
    )


def calls(tmp: Path, data: Loaded, twin: str) -> dict[str, Callable[[Any], Any]]:
    """One plausible call per public method (arguments valid, so only the server's answer can fail it), keyed
    by the sync class's name. `o` is `sync_objects(...)` or `async_objects(...)`."""
    records = tmp / "records.json"
    records.write_text(json.dumps([{"slide_name": "S2_B1_HE_01", "slide_id": data.slide_id, "annot": DOC}]))
    sid = data.slide_id
    prefix = "" if twin == "sync" else "Async"
    task_cls = {m: getattr(phas, prefix + name) for m, name in (("task", "Task"), ("annot", "AnnotationTask"),
                ("sampling", "SamplingROITask"), ("dltrain", "DLTrainingTask"))}  # fmt: skip
    return {
        "Client.project_listing": lambda o: o.client.project_listing(),
        "Client.task_listing": lambda o: o.client.task_listing(data.project),
        "Client.get_anonymize": lambda o: o.client.get_anonymize(),
        "Client.set_anonymize": lambda o: o.client.set_anonymize(True),
        "Client.get_project_private_access": lambda o: o.client.get_project_private_access(data.project),
        "Task.open": lambda o: o.open_task(task_cls["task"], "sampling"),
        "Task.slide_manifest": lambda o: o.task.slide_manifest(stain="HE", min_paths=0, tags_any=["x"]),
        "Task.get_labelset": lambda o: o.task.get_labelset(),
        "AnnotationTask.open": lambda o: o.open_task(task_cls["annot"], "annot"),
        "AnnotationTask.get_slide_annot_json": lambda o: o.annot.get_slide_annot_json(sid),
        "AnnotationTask.set_slide_annot_json": lambda o: o.annot.set_slide_annot_json(sid, DOC),
        "AnnotationTask.get_slide_annot_timestamp": lambda o: o.annot.get_slide_annot_timestamp(sid),
        "AnnotationTask.get_slide_annot_svg": lambda o: o.annot.get_slide_annot_svg(sid, 500),
        "AnnotationTask.get_slide_annot_svg(filename)": lambda o: o.annot.get_slide_annot_svg(sid, filename=tmp),
        "AnnotationTask.export_task_annots": lambda o: o.annot.export_task_annots(tmp / "out.json", progress=False),
        "AnnotationTask.import_task_annots": lambda o: o.annot.import_task_annots(records, progress=False),
        "AnnotationTask.import_task_annots(id)": lambda o: o.annot.import_task_annots(
            records, match="id", progress=False
        ),
        "AnnotationTask.export_all": lambda o: o.annot.export_all(tmp / "all", progress=False),
        "SamplingROITask.open": lambda o: o.open_task(task_cls["sampling"], "sampling"),
        "SamplingROITask.slide_sampling_rois": lambda o: o.sampling.slide_sampling_rois(sid),
        "SamplingROITask.create_sampling_roi": lambda o: o.sampling.create_sampling_roi(sid, data.label_id, GEOMETRY),
        "SamplingROITask.delete_sampling_rois_on_slide": lambda o: o.sampling.delete_sampling_rois_on_slide(sid),
        "SamplingROITask.slide_sampling_roi_nifti_image": lambda o: o.sampling.slide_sampling_roi_nifti_image(sid),
        "SamplingROITask.slide_sampling_roi_nifti_image(filename)": lambda o: o.sampling.slide_sampling_roi_nifti_image(
            sid, tmp / "rois.nii.gz"
        ),
        "DLTrainingTask.open": lambda o: o.open_task(task_cls["dltrain"], "dltrain"),
        "DLTrainingTask.slide_training_samples": lambda o: o.dltrain.slide_training_samples(sid),
        "DLTrainingTask.get_sample_image": lambda o: o.dltrain.get_sample_image(data.sample_id),
        "Slide.open": lambda o: o.open_slide(o.annot),
        "Slide.load_headers": lambda o: o.lazy_slide.load_headers(),
        "Slide.get_fullpath": lambda o: o.slide.get_fullpath(),
        "Slide.get_tags": lambda o: o.slide.get_tags(),
        "Slide.get_patch": lambda o: o.slide.get_patch((1024, 1024), 0, (300, 200), tile_size=256),
        "Slide.get_patch(one request)": lambda o: o.slide.get_patch((1024, 1024), 1, (64, 64), tile_size=0),
        "Slide.read_region": lambda o: o.slide.read_region((0, 0), 0, (300, 300), tile_size=256),
        "Slide.thumbnail_nifti_image": lambda o: o.slide.thumbnail_nifti_image(max_dim=64),
        "Slide.thumbnail_nifti_image(filename)": lambda o: o.slide.thumbnail_nifti_image(tmp, max_dim=64),
        "Labelset.label_listing": lambda o: o.labelset.label_listing(),
        "SamplingROIPatchExtractor.get_tile_patch_and_mask": lambda o: o.extractor.get_tile_patch_and_mask(
            tuple(o.extractor.tiles().indices[0])
        ),
        "SamplingROIPatchExtractor.iter_patches": lambda o: o.collect(o.extractor.iter_patches(prefetch=2)),
    }


def sync_only_calls(data: Loaded) -> dict[str, Callable[[Any], Any]]:
    """The official client's shapes that send requests from a constructor or a property (sync twins only)."""
    return {
        "Client.anonymize": lambda o: o.client.anonymize,
        "Client.anonymize(set)": lambda o: setattr(o.client, "anonymize", True),
        "Task.__init__": lambda o: phas.Task(o.client, data.task_ids["annot"]),
        "AnnotationTask.__init__": lambda o: phas.AnnotationTask(o.client, data.task_ids["annot"]),
        "Task.labelset": lambda o: o.task.labelset,
        "Slide.__init__": lambda o: phas.Slide(o.annot, data.slide_id),
        "Slide.dimensions": lambda o: o.lazy_slide.dimensions,
        "Slide.spacing": lambda o: o.lazy_slide.spacing,
        "Slide.level_dimensions": lambda o: o.lazy_slide.level_dimensions,
        "Slide.level_downsamples": lambda o: o.lazy_slide.level_downsamples,
        "Slide.properties": lambda o: o.lazy_slide.properties,
        "Slide.fullpath": lambda o: o.lazy_slide.fullpath,
        "Slide.tags": lambda o: o.lazy_slide.tags,
        "Slide.get_patch(lazy headers)": lambda o: o.lazy_slide.get_patch((512, 512), 0, (64, 64)),
        "SamplingROIPatchExtractor.tile_patch_origin": lambda o: o.lazy_extractor.tile_patch_origin((0, 0)),
    }


# Public names that send nothing: plain reads of loaded details, local geometry, lifecycle. (`api` is the
# generated low-level client, outside the facade.)
NO_REQUEST = {
    "Client": {"close", "with_options", "api", "url"},
    "Task": {"mode"},
    "Slide": {"block_name", "section", "slide_number", "specimen_private", "specimen_public", "stain"},
    "SamplingROIPatchExtractor": {"subtile_mask_density", "tile_mask_density", "tiles", "translate_geom"},
}
CLASSES = {
    "Client": phas.Client,
    "Task": phas.Task,
    "AnnotationTask": phas.AnnotationTask,
    "SamplingROITask": phas.SamplingROITask,
    "DLTrainingTask": phas.DLTrainingTask,
    "Slide": phas.Slide,
    "Labelset": phas.Labelset,
    "SamplingROIPatchExtractor": phas.SamplingROIPatchExtractor,
}


def _public(cls: type) -> set[str]:
    members = inspect.getmembers(
        cls, lambda m: inspect.isfunction(m) or inspect.ismethod(m) or isinstance(m, (property, cached_property))
    )
    return {name for name, _ in members if not name.startswith("_")}


def test_every_public_method_is_listed(tmp_path: Path) -> None:
    data = Loaded("k", "p", {}, {}, 1, None, None, None, 1, 1, 1)
    listed = {key.split("(")[0] for key in [*calls(tmp_path, data, "sync"), *sync_only_calls(data)]}
    untested = []
    for label, cls in CLASSES.items():
        bases = [name for name, base in CLASSES.items() if issubclass(cls, base)]
        for name in _public(cls):
            if not any(f"{base}.{name}" in listed or name in NO_REQUEST.get(base, set()) for base in bases):
                untested.append(f"{label}.{name}")
    assert not untested
    # the async classes offer the same verbs (less the sync-only properties)
    for label, cls in CLASSES.items():
        twin = getattr(phas, f"Async{label}")
        assert _public(twin) <= _public(cls) | {"open"}, label


def _untyped(name: str, exc: Exception) -> str:
    return f"{name} raised {type(exc).__name__}: {str(exc)[:200]}"


def test_sync_methods_raise_only_medannot_errors(
    faulty_url: str, passes: int, proxy: FaultProxy, loaded: Loaded, tmp_path: Path
) -> None:
    with phas.Client(faulty_url, loaded.api_key, timeout=5) as base:
        client = base.with_options(max_retries=0)
        failures = []
        for name, call in {**calls(tmp_path, loaded, "sync"), **sync_only_calls(loaded)}.items():
            objects = sync_objects(client, loaded)
            proxy.passes = passes
            try:
                call(objects)
            except MedannotError:
                pass
            except Exception as exc:  # pragma: no cover - the failure message names the culprit
                failures.append(_untyped(name, exc))
        assert not failures, "\n".join(failures)


def test_async_methods_raise_only_medannot_errors(
    faulty_url: str, passes: int, proxy: FaultProxy, loaded: Loaded, tmp_path: Path
) -> None:
    failures: list[str] = []

    async def run() -> None:
        async with phas.AsyncClient(faulty_url, loaded.api_key, timeout=5) as base:
            client = base.with_options(max_retries=0)
            for name, call in calls(tmp_path, loaded, "async").items():
                objects = async_objects(client, loaded)
                proxy.passes = passes
                try:
                    await call(objects)
                except MedannotError:
                    pass
                except Exception as exc:  # pragma: no cover
                    failures.append(_untyped(f"Async{name}", exc))

    anyio.run(run)
    assert not failures, "\n".join(failures)


def test_the_proxy_passes_a_working_server_through(proxy: FaultProxy, loaded: Loaded) -> None:
    """Without a fault the same objects work through the proxy: the faults, not the set-up, fail the calls."""
    with phas.Client(proxy.url, loaded.api_key, timeout=10) as client:
        o = sync_objects(client, loaded)
        assert o.client.project_listing()
        assert o.slide.get_patch((1024, 1024), 0, (64, 64)).size == (64, 64)
        assert o.labelset.label_listing()
