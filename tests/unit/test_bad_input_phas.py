"""Bad input to every public PHAS method: a `BadInput` naming the parameter, raised before any request.

Table-driven over both twins: each case is (name, call, parameter); the call gets the sync objects (`Client`,
`AnnotationTask(...)`, ...) or the async ones (awaited through a blocking portal), opened once per module on a
`PhasEmulator`. Requests are counted with the emulator's request log (`emulator.requests`): a case passes only
when the call raised `BadInput` naming its parameter and the server saw nothing.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from medannot.errors import BadInput
from medannot.phas import (
    AnnotationTask,
    AsyncAnnotationTask,
    AsyncClient,
    AsyncDLTrainingTask,
    AsyncLabelset,
    AsyncSamplingROIPatchExtractor,
    AsyncSamplingROITask,
    AsyncSlide,
    Client,
    DLTrainingTask,
    Labelset,
    SamplingROIPatchExtractor,
    SamplingROITask,
    Slide,
    Task,
)
from medannot.testing.phas import PhasEmulator
from tests.blocking import construct, portal, wrap

NAN, INF = math.nan, math.inf
POLY = {"type": "polygon", "data": [[100, 100], [400, 100], [400, 400]]}
GOOD_DOC = [["Layer", {"children": []}]]


@dataclass
class World:
    emulator: PhasEmulator
    twin: str
    client: Any
    annot: Any
    sampling: Any
    dltrain: Any
    slide: Any
    extractor: Any
    labelset: Any
    classes: dict[str, Any]
    tmp: Path
    existing: Path
    portal: Any = None

    def make(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """`Task(client, 1)` / `await AsyncTask.open(client, 1)` and the like, for constructor cases."""
        cls = self.classes[name]
        if self.portal is None:
            return cls(*args, **kwargs)
        args = tuple(getattr(a, "wrapped", a) for a in args)
        if hasattr(cls, "open"):
            return wrap(self.portal.call(lambda: cls.open(*args, **kwargs)), self.portal)
        return construct(cls, self.portal, *args, **kwargs)


SYNC = {"Client": Client, "Task": Task, "AnnotationTask": AnnotationTask, "SamplingROITask": SamplingROITask,
        "DLTrainingTask": DLTrainingTask, "Slide": Slide, "Labelset": Labelset,
        "SamplingROIPatchExtractor": SamplingROIPatchExtractor}  # fmt: skip
ASYNC = {"Client": AsyncClient, "Task": AsyncAnnotationTask, "AnnotationTask": AsyncAnnotationTask,
         "SamplingROITask": AsyncSamplingROITask, "DLTrainingTask": AsyncDLTrainingTask, "Slide": AsyncSlide,
         "Labelset": AsyncLabelset, "SamplingROIPatchExtractor": AsyncSamplingROIPatchExtractor}  # fmt: skip


@pytest.fixture(scope="module")
def emulator() -> Iterator[PhasEmulator]:
    with PhasEmulator() as running:
        yield running


@pytest.fixture(scope="module", params=["sync", "async"])
def world(
    request: pytest.FixtureRequest, emulator: PhasEmulator, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    tmp = tmp_path_factory.mktemp(f"bad-input-{request.param}")
    existing = tmp / "exists.bin"
    existing.write_bytes(b"keep me")
    tasks, slide_id = emulator.tasks, emulator.slides["S2_B1_HE_01"]
    if request.param == "sync":
        client = Client(emulator.url, emulator.api_key)
        annot = AnnotationTask(client, tasks["annot"])
        slide = Slide.open(annot, slide_id)
        world = World(emulator, "sync", client, annot, SamplingROITask(client, tasks["sampling"]),
                      DLTrainingTask(client, tasks["dltrain"]), slide, SamplingROIPatchExtractor(slide, POLY),
                      Labelset(client, emulator.project, emulator.labelset_id), SYNC, tmp, existing)  # fmt: skip
        with client:
            yield world
        return
    with portal() as running:
        client = construct(AsyncClient, running, emulator.url, emulator.api_key)
        raw = client.wrapped

        def opened(cls: Any, *args: Any) -> Any:
            return wrap(running.call(lambda: cls.open(*args)), running)

        annot = opened(AsyncAnnotationTask, raw, tasks["annot"])
        slide = opened(AsyncSlide, annot.wrapped, slide_id)
        world = World(emulator, "async", client, annot, opened(AsyncSamplingROITask, raw, tasks["sampling"]),
                      opened(AsyncDLTrainingTask, raw, tasks["dltrain"]), slide,
                      construct(AsyncSamplingROIPatchExtractor, running, slide.wrapped, POLY),
                      construct(AsyncLabelset, running, raw, emulator.project, emulator.labelset_id), ASYNC, tmp,
                      existing, running)  # fmt: skip
        try:
            yield world
        finally:
            client.close()


Case = tuple[str, Callable[[World], Any], str]


def _text_file(w: World) -> Any:
    path = w.tmp / "records.json"
    path.write_text("[]")
    return path.open("r")


CASES: list[Case] = [
    # --- Client construction and verbs
    ("client url int", lambda w: w.make("Client", 8888, w.emulator.api_key), "url"),
    ("client url no scheme", lambda w: w.make("Client", "127.0.0.1:1", w.emulator.api_key), "url"),
    ("client key int", lambda w: w.make("Client", w.emulator.url, 12345), "api_key"),
    ("client key bytes", lambda w: w.make("Client", w.emulator.url, b"key"), "api_key"),
    ("client key file missing", lambda w: w.make("Client", w.emulator.url, "/no/such/key.json"), "API key file"),
    ("client key with newline inside", lambda w: w.make("Client", w.emulator.url, "ab\ncd"), "API key"),
    ("task_listing int", lambda w: w.client.task_listing(1), "project"),
    ("task_listing empty", lambda w: w.client.task_listing(""), "project"),
    ("task_listing slash", lambda w: w.client.task_listing("a/b"), "project"),
    ("task_listing dotdot", lambda w: w.client.task_listing(".."), "project"),
    ("task_listing NUL", lambda w: w.client.task_listing("syn\x00th"), "project"),
    ("task_listing 10k chars", lambda w: w.client.task_listing("x" * 10_000), "project"),
    ("private_access None", lambda w: w.client.get_project_private_access(None), "project"),
    ("private_access traversal", lambda w: w.client.get_project_private_access("../x"), "project"),
    ("set_anonymize str", lambda w: w.client.set_anonymize("false"), "value"),
    ("set_anonymize 2", lambda w: w.client.set_anonymize(2), "value"),
    # --- Task (constructor/open) and its verbs
    ("task id str", lambda w: w.make("Task", w.client, "1"), "task_id"),
    ("task id float", lambda w: w.make("Task", w.client, 1.0), "task_id"),
    ("task id bool", lambda w: w.make("Task", w.client, True), "task_id"),
    ("task id negative", lambda w: w.make("Task", w.client, -1), "task_id"),
    ("task id beyond int64", lambda w: w.make("Task", w.client, 2**64), "task_id"),
    ("task client str", lambda w: w.make("Task", "http://x", 1), "client"),
    ("manifest specimen list", lambda w: w.annot.slide_manifest(specimen=["S1"]), "specimen"),
    ("manifest stain int", lambda w: w.annot.slide_manifest(stain=3), "stain"),
    ("manifest block control", lambda w: w.annot.slide_manifest(block="B\x001"), "block"),
    ("manifest section negative", lambda w: w.annot.slide_manifest(section=-1), "section"),
    ("manifest slide float", lambda w: w.annot.slide_manifest(slide=1.5), "slide"),
    ("manifest min_paths str", lambda w: w.annot.slide_manifest(min_paths="1"), "min_paths"),
    ("manifest min_markers negative", lambda w: w.annot.slide_manifest(min_markers=-2), "min_markers"),
    ("manifest min_sroi float", lambda w: w.annot.slide_manifest(min_sroi=NAN), "min_sroi"),
    ("manifest tags_any int", lambda w: w.annot.slide_manifest(tags_any=5), "tags_any"),
    ("manifest tags_all with int", lambda w: w.annot.slide_manifest(tags_all=["he", 3]), "tags_all"),
    ("manifest tags_none empty tag", lambda w: w.annot.slide_manifest(tags_none=[""]), "tags_none"),
    # --- AnnotationTask
    ("get_annot_json slide str", lambda w: w.annot.get_slide_annot_json("1"), "slide_id"),
    ("get_annot_json slide float", lambda w: w.annot.get_slide_annot_json(1.0), "slide_id"),
    ("timestamp slide negative", lambda w: w.annot.get_slide_annot_timestamp(-5), "slide_id"),
    ("set_annot slide bool", lambda w: w.annot.set_slide_annot_json(False, GOOD_DOC), "slide_id"),
    ("set_annot dict doc", lambda w: w.annot.set_slide_annot_json(1, {"children": []}), "data"),
    ("set_annot empty doc", lambda w: w.annot.set_slide_annot_json(1, []), "data"),
    (
        "set_annot bare segment",
        lambda w: w.annot.set_slide_annot_json(1, [["Layer", {"children": [["Path", {"segments": [[1, 2]]}]]}]]),
        "data",
    ),
    ("set_annot NaN", lambda w: w.annot.set_slide_annot_json(1, [["Layer", {"x": NAN}]]), "data"),
    ("set_annot not serialisable", lambda w: w.annot.set_slide_annot_json(1, [["Layer", {"x": object()}]]), "data"),
    ("svg slide str", lambda w: w.annot.get_slide_annot_svg("2"), "slide_id"),
    ("svg downsample negative", lambda w: w.annot.get_slide_annot_svg(1, downsample=-1), "downsample"),
    ("svg stroke float", lambda w: w.annot.get_slide_annot_svg(1, stroke_width=1.5), "stroke_width"),
    ("svg strip bool", lambda w: w.annot.get_slide_annot_svg(1, strip_width=True), "strip_width"),
    ("svg font_size int", lambda w: w.annot.get_slide_annot_svg(1, font_size=12), "font_size"),
    ("svg font_color control", lambda w: w.annot.get_slide_annot_svg(1, font_color="red\r\n"), "font_color"),
    ("svg filename missing dir", lambda w: w.annot.get_slide_annot_svg(1, filename=w.tmp / "no" / "a.svg"), "filename"),
    ("svg filename int", lambda w: w.annot.get_slide_annot_svg(1, filename=5), "filename"),
    ("svg existing file", lambda w: w.annot.get_slide_annot_svg(1, filename=w.existing), "exists"),
    (
        "svg overwrite str",
        lambda w: w.annot.get_slide_annot_svg(1, filename=w.tmp / "s.svg", overwrite="yes"),
        "overwrite",
    ),
    ("export missing dir", lambda w: w.annot.export_task_annots(w.tmp / "no" / "x.json"), "filename"),
    ("export existing file", lambda w: w.annot.export_task_annots(w.existing), "exists"),
    ("export concurrency 0", lambda w: w.annot.export_task_annots(w.tmp / "e.json", concurrency=0), "concurrency"),
    ("export progress str", lambda w: w.annot.export_task_annots(w.tmp / "e.json", progress="no"), "progress"),
    ("import missing file", lambda w: w.annot.import_task_annots(w.tmp / "missing.json"), "filename"),
    ("import text-mode file", lambda w: w.annot.import_task_annots(_text_file(w)), "filename"),
    ("import not json", lambda w: w.annot.import_task_annots(io.BytesIO(b"{nope")), "filename"),
    (
        "import bad document",
        lambda w: w.annot.import_task_annots(io.BytesIO(b'[{"slide_id": 1, "annot": []}]')),
        "filename",
    ),
    ("import match bad", lambda w: w.annot.import_task_annots(io.BytesIO(b"[]"), match="slide"), "match"),
    ("import concurrency str", lambda w: w.annot.import_task_annots(io.BytesIO(b"[]"), concurrency="2"), "concurrency"),
    ("export_all dest int", lambda w: w.annot.export_all(42), "dest_dir"),
    ("export_all dest is a file", lambda w: w.annot.export_all(w.existing), "dest_dir"),
    ("export_all overwrite int", lambda w: w.annot.export_all(w.tmp / "all", overwrite=5), "overwrite"),
    # --- SamplingROITask
    ("rois slide str", lambda w: w.sampling.slide_sampling_rois("1"), "slide_id"),
    ("create_roi label str", lambda w: w.sampling.create_sampling_roi(1, "1", POLY), "label_id"),
    ("create_roi slide negative", lambda w: w.sampling.create_sampling_roi(-1, 1, POLY), "slide_id"),
    (
        "create_roi geometry NaN",
        lambda w: w.sampling.create_sampling_roi(1, 1, {"type": "polygon", "data": [[NAN, 1], [2, 3]]}),
        "geom_data",
    ),
    (
        "create_roi geometry type",
        lambda w: w.sampling.create_sampling_roi(1, 1, {"type": "circle", "data": []}),
        "geom_data",
    ),
    ("delete_rois slide float", lambda w: w.sampling.delete_sampling_rois_on_slide(2.0), "slide_id"),
    ("roi nifti max_dim 0", lambda w: w.sampling.slide_sampling_roi_nifti_image(1, max_dim=0), "max_dim"),
    ("roi nifti slide str", lambda w: w.sampling.slide_sampling_roi_nifti_image("1"), "slide_id"),
    (
        "roi nifti missing dir",
        lambda w: w.sampling.slide_sampling_roi_nifti_image(1, w.tmp / "no" / "r.nii.gz"),
        "filename",
    ),
    ("roi nifti existing", lambda w: w.sampling.slide_sampling_roi_nifti_image(1, w.existing), "exists"),
    # --- DLTrainingTask
    ("samples slide str", lambda w: w.dltrain.slide_training_samples("1"), "slide_id"),
    ("sample image id float", lambda w: w.dltrain.get_sample_image(1.0), "sample_id"),
    ("sample image id negative", lambda w: w.dltrain.get_sample_image(-1), "sample_id"),
    # --- Slide
    ("slide id str", lambda w: w.make("Slide", w.annot, "1"), "slide_id"),
    ("slide id negative", lambda w: w.make("Slide", w.annot, -1), "slide_id"),
    ("slide task wrong", lambda w: w.make("Slide", w.client, 1), "task"),
    ("patch centre NaN", lambda w: w.slide.get_patch((NAN, 100), 0, (64, 64)), "center"),
    ("patch centre inf", lambda w: w.slide.get_patch((100, INF), 0, (64, 64)), "center"),
    ("patch centre str", lambda w: w.slide.get_patch("100,100", 0, (64, 64)), "center"),
    ("patch centre three", lambda w: w.slide.get_patch((1, 2, 3), 0, (64, 64)), "center"),
    ("patch size zero", lambda w: w.slide.get_patch((500, 500), 0, (0, 64)), "size"),
    ("patch size negative", lambda w: w.slide.get_patch((500, 500), 0, (64, -1)), "size"),
    ("patch size NaN", lambda w: w.slide.get_patch((500, 500), 0, (NAN, 64)), "size"),
    ("patch level beyond", lambda w: w.slide.get_patch((500, 500), 99, (64, 64)), "level"),
    ("patch level negative", lambda w: w.slide.get_patch((500, 500), -1, (64, 64)), "level"),
    ("patch level float", lambda w: w.slide.get_patch((500, 500), 0.0, (64, 64)), "level"),
    ("patch tile_size negative", lambda w: w.slide.get_patch((500, 500), 0, (64, 64), tile_size=-512), "tile_size"),
    ("patch tile_size float", lambda w: w.slide.get_patch((500, 500), 0, (64, 64), tile_size=512.0), "tile_size"),
    ("patch max_workers 0", lambda w: w.slide.get_patch((500, 500), 0, (64, 64), max_workers=0), "max_workers"),
    ("patch off the slide", lambda w: w.slide.get_patch((10**7, 10**7), 0, (64, 64)), "patch"),
    ("region location float", lambda w: w.slide.read_region((1.5, 0), 0, (8, 8)), "location"),
    ("region size zero", lambda w: w.slide.read_region((0, 0), 0, (8, 0)), "size"),
    ("region level beyond", lambda w: w.slide.read_region((0, 0), 7, (8, 8)), "level"),
    ("thumbnail max_dim str", lambda w: w.slide.thumbnail_nifti_image(max_dim="100"), "max_dim"),
    ("thumbnail missing dir", lambda w: w.slide.thumbnail_nifti_image(w.tmp / "no" / "t.nii.gz"), "filename"),
    ("thumbnail existing", lambda w: w.slide.thumbnail_nifti_image(w.existing), "exists"),
    ("thumbnail filename NUL", lambda w: w.slide.thumbnail_nifti_image(str(w.tmp / "a\x00b")), "filename"),
    # --- Labelset
    ("labelset id str", lambda w: w.make("Labelset", w.client, w.emulator.project, "1"), "labelset_id"),
    ("labelset project int", lambda w: w.make("Labelset", w.client, 7, 1), "project"),
    ("labelset client wrong", lambda w: w.make("Labelset", None, w.emulator.project, 1), "client"),
    # --- SamplingROIPatchExtractor
    ("extractor slide wrong", lambda w: w.make("SamplingROIPatchExtractor", w.annot, POLY), "slide"),
    ("extractor tile_size 0", lambda w: w.make("SamplingROIPatchExtractor", w.slide, POLY, tile_size=0), "tile_size"),
    ("extractor padding negative", lambda w: w.make("SamplingROIPatchExtractor", w.slide, POLY, padding=-1), "padding"),
    (
        "extractor sub_tiles float",
        lambda w: w.make("SamplingROIPatchExtractor", w.slide, POLY, sub_tiles_per_tile=2.5),
        "sub_tiles_per_tile",
    ),
    (
        "extractor geometry inf",
        lambda w: w.make("SamplingROIPatchExtractor", w.slide, {"type": "polygon", "data": [[0, 0], [INF, 1]]}),
        "geom",
    ),
    ("extractor tile_index float", lambda w: w.extractor.get_tile_patch_and_mask((0.5, 0)), "tile_index"),
    ("extractor tile_index str", lambda w: w.extractor.get_tile_patch_and_mask("00"), "tile_index"),
    ("extractor origin index NaN", lambda w: w.extractor.tile_patch_origin((NAN, 0)), "tile_index"),
    ("extractor translate dx NaN", lambda w: w.extractor.translate_geom(POLY, NAN, 0), "dx"),
    ("extractor translate dy str", lambda w: w.extractor.translate_geom(POLY, 0, "1"), "dy"),
    ("extractor prefetch 0", lambda w: _first(w.extractor.iter_patches(prefetch=0)), "prefetch"),
]


def _first(iterator: Any) -> Any:
    return next(iter(iterator))


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 55
    assert len({name for name, _, _ in CASES}) == len(CASES)


@pytest.mark.parametrize(("name", "call", "parameter"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_named_and_nothing_is_sent(
    world: World, name: str, call: Callable[[World], Any], parameter: str
) -> None:
    before = len(world.emulator.requests)
    with pytest.raises(BadInput) as caught:
        call(world)
    assert parameter in str(caught.value), f"{name}: {caught.value}"
    assert world.emulator.requests[before:] == [], f"{name}: sent {world.emulator.requests[before:]}"
    assert world.existing.read_bytes() == b"keep me"
    assert world.emulator.api_key not in str(caught.value)
