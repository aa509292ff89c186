"""Every usage example of the PHAS seed (the official `phas.client.api` documentation, "Usage Examples"), run
against the PHAS emulator with only the import changed:

    from phas.client.api import Client, Task, AnnotationTask, DLTrainingTask, SamplingROITask, Slide
        ->  from medannot.phas import Client, Task, AnnotationTask, DLTrainingTask, SamplingROITask, Slide

The constructor keeps its arguments (`url, api_key=None, verify=True`; the key file's path, else
$PHAS_AUTH_KEY). Placeholders (the server URL, the key file's path, project `my_project`, task ids 5, 3, 7, 8,
slide 42) are filled with values the emulator serves; file names stay as written, in a temporary working
directory. That is data, not a change of code. Each test's docstring quotes its example; `EXAMPLES` counts the
example statements of the seed (asserted at the end; a change would be one line of docs/migrating-from-phas.md).

pandas: the seed reads listings with `pd.DataFrame(rows).set_index('id')`. pandas is not in medannot's dev
extra, so when it is not installed `data_frame` does the same without it: each row read as a Mapping
(`dict(row)`, what pandas does with a list of Mappings), indexed by `id`, and a KeyError when there is no `id`
column, as `set_index('id')` raises. With pandas installed the examples run through pandas itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from medannot.phas import AnnotationTask, Client, DLTrainingTask, SamplingROITask, Slide, Task
from medannot.phas.exceptions import HTTPError, RequestException
from medannot.testing.phas import PhasEmulator

try:  # the seed's `import pandas as pd`, when pandas is there
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]
except ImportError:  # pragma: no cover - depends on the environment
    pd = None

UNCHANGED: list[str] = []
CHANGED: list[str] = []

# a paper.js document as PHAS stores it: one layer with one closed path
ANNOTATION: list[Any] = [
    [
        "Layer",
        {
            "applyMatrix": True,
            "children": [
                [
                    "Path",
                    {
                        "applyMatrix": True,
                        "segments": [
                            [[100, 100], [0, 0], [0, 0]],
                            [[900, 150], [0, 0], [0, 0]],
                            [[500, 800], [0, 0], [0, 0]],
                        ],
                        "closed": True,
                        "strokeColor": [1, 0, 0],
                    },
                ]
            ],
        },
    ]
]


def example(name: str, *, changed: bool = False) -> None:
    (CHANGED if changed else UNCHANGED).append(name)


def data_frame(data: Iterable[Mapping[str, Any]]) -> dict[Any, dict[str, Any]]:
    """`pd.DataFrame(data).set_index('id')`, read back as {id: {column: value}}."""
    if pd is not None:
        frame: dict[Any, dict[str, Any]] = pd.DataFrame(data).set_index("id").to_dict("index")
        return frame
    rows = [dict(row) for row in data]  # pandas takes a list of Mappings row by row, as dicts
    if "id" not in {key for row in rows for key in row}:
        raise KeyError("None of ['id'] are in the columns")  # what set_index('id') raises
    return {row["id"]: {k: v for k, v in row.items() if k != "id"} for row in rows}


@pytest.fixture
def key_file(phas_emulator: PhasEmulator, tmp_path: Path) -> str:
    """The API key as the web interface saves it: a JSON file (here in a temporary directory)."""
    path = tmp_path / "private" / "myserver_api_key.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"api_key": phas_emulator.api_key}))
    return str(path)


@pytest.fixture
def client(
    phas_emulator: PhasEmulator, key_file: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Client]:
    monkeypatch.chdir(tmp_path)  # the examples' relative file names land in the test's temporary directory
    with Client(phas_emulator.url, key_file) as client:
        yield client


@pytest.fixture
def slide_id(phas_emulator: PhasEmulator) -> int:
    """The seed's slide 42: a slide with training samples (the DL examples read them)."""
    return phas_emulator.backend.samples[phas_emulator.samples[0]].slide


# ---- connecting


def test_constructor(phas_emulator: PhasEmulator, key_file: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """client = Client('https://phas.myserver.org:8888', '/home/user/private/myserver_api_key.json')"""
    client = Client(phas_emulator.url, key_file)
    assert client.project_listing()
    client.close()
    example("Client(url, api_key_file)")
    # "... or set the PHAS_AUTH_KEY environment variable"; `verify` is the third argument
    monkeypatch.setenv("PHAS_AUTH_KEY", key_file)
    with Client(phas_emulator.url, None, True) as from_env:
        assert from_env.project_listing()


# ---- browsing projects and tasks


def test_project_listing(client: Client, phas_emulator: PhasEmulator) -> None:
    """# List all accessible projects
    pd.DataFrame(client.project_listing()).set_index('id')"""
    projects = data_frame(client.project_listing())
    assert phas_emulator.project in projects
    assert projects[phas_emulator.project]["disp_name"]
    assert json.dumps([dict(p) for p in client.project_listing()])
    example("pd.DataFrame(client.project_listing()).set_index('id')")


def test_task_listing(client: Client, phas_emulator: PhasEmulator) -> None:
    """# List tasks within a project
    pd.DataFrame(client.task_listing('my_project')).set_index('id')"""
    my_project = phas_emulator.project
    tasks = data_frame(client.task_listing(my_project))
    assert {tasks[task_id]["mode"] for task_id in phas_emulator.tasks.values()} == {"annot", "dltrain", "sampling"}
    example("pd.DataFrame(client.task_listing('my_project')).set_index('id')")


def test_anonymize(client: Client, phas_emulator: PhasEmulator) -> None:
    """# Control anonymization of private specimen names
    client.anonymize = True"""
    client.anonymize = True
    assert client.anonymize is True
    rows = Task(client, phas_emulator.tasks["annot"]).slide_manifest()
    assert all(row["specimen_private"] is None for row in rows)
    example("client.anonymize = True")


# ---- tasks and slides


def nissl(client: Client, task_id: int) -> str:
    """The seed's stain 'Nissl' as the emulator's data spells it (the filter is compared as the server stores it)."""
    stains = {str(row["stain"]) for row in Task(client, task_id).slide_manifest()}
    return "Nissl" if "Nissl" in stains else next(s for s in stains if s.lower() == "nissl")


def test_task_and_slide_manifest(client: Client, phas_emulator: PhasEmulator) -> None:
    """# List all slides in task 5, filtered to a specific stain
    task = Task(client, 5)
    pd.DataFrame(task.slide_manifest(stain='Nissl')).set_index('id')"""
    stain = nissl(client, phas_emulator.tasks["annot"])
    task = Task(client, phas_emulator.tasks["annot"])
    example("task = Task(client, 5)")
    slides = data_frame(task.slide_manifest(stain=stain))
    assert slides and {row["stain"] for row in slides.values()} == {stain}
    example("pd.DataFrame(task.slide_manifest(stain='Nissl')).set_index('id')")


def test_an_empty_slide_manifest_is_an_empty_list(client: Client, phas_emulator: PhasEmulator) -> None:
    """pd.DataFrame(task.slide_manifest(stain=<a stain no slide has>)): the official client's frame keeps the
    CSV's columns; medannot's listing is [] (a documented change: pass `columns=` to pandas)"""
    task = Task(client, phas_emulator.tasks["annot"])
    assert task.slide_manifest(stain="no-such-stain") == []


def test_slide(client: Client, phas_emulator: PhasEmulator, slide_id: int) -> None:
    """# Access a slide and read its properties
    from phas.client.api import Slide
    slide = Slide(task, slide_id=42)
    print(slide.specimen_public, slide.block_name, slide.section)
    print(slide.dimensions) # full-resolution pixel dimensions
    print(slide.spacing) # pixel spacing in mm"""
    task = Task(client, phas_emulator.tasks["annot"])
    slide = Slide(task, slide_id=slide_id)
    example("slide = Slide(task, slide_id=42)")
    print(slide.specimen_public, slide.block_name, slide.section)
    assert slide.specimen_public and slide.block_name and isinstance(slide.section, int)
    example("print(slide.specimen_public, slide.block_name, slide.section)")
    print(slide.dimensions)  # full-resolution pixel dimensions
    width, height = slide.dimensions
    assert width > 0 and height > 0
    example("print(slide.dimensions)")
    print(slide.spacing)  # pixel spacing in mm
    assert all(s > 0 for s in slide.spacing)
    example("print(slide.spacing)")


def test_get_patch(client: Client, phas_emulator: PhasEmulator, slide_id: int) -> None:
    """# Download a region of interest as a PIL image
    patch = slide.get_patch(center=(10000, 8000), level=2, size=(512, 512))"""
    slide = Slide(Task(client, phas_emulator.tasks["annot"]), slide_id=slide_id)
    width, height = slide.dimensions
    # the seed's centre, where the emulator's slides are that large (else their middle: data, not code)
    center = (10000, 8000) if width > 10000 and height > 8000 else (width // 2, height // 2)
    patch = slide.get_patch(center=center, level=2, size=(512, 512))
    assert patch.size == (512, 512)
    example("slide.get_patch(center=(10000, 8000), level=2, size=(512, 512))")


def test_thumbnail_nifti_image(client: Client, phas_emulator: PhasEmulator, slide_id: int) -> None:
    """# Download a thumbnail as a NIfTI image
    slide.thumbnail_nifti_image(filename='thumb.nii.gz', max_dim=1000)"""
    slide = Slide(Task(client, phas_emulator.tasks["annot"]), slide_id=slide_id)
    slide.thumbnail_nifti_image(filename="thumb.nii.gz", max_dim=1000)
    assert Path("thumb.nii.gz").read_bytes()[:2] == b"\x1f\x8b"  # gzip
    example("slide.thumbnail_nifti_image(filename='thumb.nii.gz', max_dim=1000)")


# ---- annotations


def test_annotations(client: Client, phas_emulator: PhasEmulator, slide_id: int) -> None:
    """annot_task = AnnotationTask(client, task_id=3)
    # Get the annotation for a slide as a paper.js JSON dict
    data = annot_task.get_slide_annot_json(slide_id=42)
    # Export the annotation as an SVG file
    annot_task.get_slide_annot_svg(slide_id=42, filename='annot.svg')
    # Export / import all annotations in the task to a JSON file
    annot_task.export_task_annots('all_annots.json')
    annot_task.import_task_annots('all_annots.json')"""
    annot_task = AnnotationTask(client, task_id=phas_emulator.tasks["annot"])
    example("annot_task = AnnotationTask(client, task_id=3)")
    assert annot_task.set_slide_annot_json(slide_id, ANNOTATION)  # the slide's annotation, made as a user would

    data = annot_task.get_slide_annot_json(slide_id=slide_id)
    assert data is not None and json.loads(json.dumps(data))[0][0] == "Layer"
    example("data = annot_task.get_slide_annot_json(slide_id=42)")

    annot_task.get_slide_annot_svg(slide_id=slide_id, filename="annot.svg")
    assert b"<svg" in Path("annot.svg").read_bytes()
    example("annot_task.get_slide_annot_svg(slide_id=42, filename='annot.svg')")

    assert annot_task.export_task_annots("all_annots.json") == 1
    records = json.loads(Path("all_annots.json").read_text())
    assert [(r["slide_id"], bool(r["slide_name"])) for r in records] == [(slide_id, True)]
    example("annot_task.export_task_annots('all_annots.json')")

    assert annot_task.import_task_annots("all_annots.json") == 1
    example("annot_task.import_task_annots('all_annots.json')")


# ---- deep learning training samples


def test_training_samples(client: Client, phas_emulator: PhasEmulator, slide_id: int) -> None:
    """dl_task = DLTrainingTask(client, task_id=7)
    # List all training samples on a slide
    samples = dl_task.slide_training_samples(slide_id=42)
    # Download the patch image for a sample
    img = dl_task.get_sample_image(sample_id=samples[0]['id']) # PIL Image"""
    dl_task = DLTrainingTask(client, task_id=phas_emulator.tasks["dltrain"])
    example("dl_task = DLTrainingTask(client, task_id=7)")
    samples = dl_task.slide_training_samples(slide_id=slide_id)
    assert samples and samples[0]["slide"] == slide_id
    assert data_frame(samples)  # a list of dicts, as the server sends it
    example("samples = dl_task.slide_training_samples(slide_id=42)")
    img = dl_task.get_sample_image(sample_id=samples[0]["id"])  # PIL Image
    assert img.size[0] > 0 and img.size[1] > 0
    example("img = dl_task.get_sample_image(sample_id=samples[0]['id'])")


# ---- sampling ROIs


def test_sampling_rois(client: Client, phas_emulator: PhasEmulator, slide_id: int) -> None:
    """roi_task = SamplingROITask(client, task_id=8)
    # List slides that have at least two sampling ROIs
    pd.DataFrame(roi_task.slide_manifest(min_sroi=2)).set_index('id')
    # Get all sampling ROIs on a slide
    rois = roi_task.slide_sampling_rois(slide_id=42)
    # Download a NIfTI mask image of the sampling ROIs
    roi_task.slide_sampling_roi_nifti_image(slide_id=42, filename='rois.nii.gz')"""
    roi_task = SamplingROITask(client, task_id=phas_emulator.tasks["sampling"])
    example("roi_task = SamplingROITask(client, task_id=8)")
    # two ROIs on the slide, placed as a user would (create_sampling_roi is the documented call)
    labels = list(phas_emulator.labels.values())
    square = {"type": "polygon", "data": [[100, 100], [600, 100], [600, 600], [100, 600]]}
    stroke = {"type": "trapezoid", "data": [[700, 100, 50], [900, 100, 50]]}
    created = {
        roi_task.create_sampling_roi(slide_id, labels[0], square),
        roi_task.create_sampling_roi(slide_id, labels[1], stroke),
    }

    slides = data_frame(roi_task.slide_manifest(min_sroi=2))
    assert list(slides) == [slide_id] and slides[slide_id]["n_sampling_rois"] == 2
    example("pd.DataFrame(roi_task.slide_manifest(min_sroi=2)).set_index('id')")

    rois = roi_task.slide_sampling_rois(slide_id=slide_id)
    assert {roi["id"] for roi in rois} == created
    assert {json.loads(roi["json"])["type"] for roi in rois} == {"polygon", "trapezoid"}
    example("rois = roi_task.slide_sampling_rois(slide_id=42)")

    roi_task.slide_sampling_roi_nifti_image(slide_id=slide_id, filename="rois.nii.gz")
    assert Path("rois.nii.gz").read_bytes()[:2] == b"\x1f\x8b"
    example("roi_task.slide_sampling_roi_nifti_image(slide_id=42, filename='rois.nii.gz')")


# ---- label sets


def test_labelset(client: Client, phas_emulator: PhasEmulator) -> None:
    """labels = dl_task.labelset.label_listing()
    pd.DataFrame(labels).set_index('id')"""
    dl_task = DLTrainingTask(client, task_id=phas_emulator.tasks["dltrain"])
    assert dl_task.labelset is not None
    labels = dl_task.labelset.label_listing()
    example("labels = dl_task.labelset.label_listing()")
    frame = data_frame(labels)
    assert {row["name"] for row in frame.values()} == set(phas_emulator.labels)
    assert all({"name", "color"} <= set(row) for row in frame.values())
    example("pd.DataFrame(labels).set_index('id')")


# ---- beyond the examples: the API reference's names and the errors official code catches


def test_every_documented_name_exists() -> None:
    from medannot.phas import Labelset, SamplingROIPatchExtractor

    documented: dict[type, list[str]] = {
        Client: ["anonymize", "get_project_private_access", "project_listing", "task_listing"],
        Task: ["labelset", "slide_manifest"],
        AnnotationTask: [
            "export_task_annots", "get_slide_annot_json", "get_slide_annot_svg", "get_slide_annot_timestamp",
            "import_task_annots", "set_slide_annot_json",
        ],
        DLTrainingTask: ["get_sample_image", "slide_training_samples"],
        SamplingROITask: [
            "create_sampling_roi", "delete_sampling_rois_on_slide", "slide_sampling_roi_nifti_image",
            "slide_sampling_rois",
        ],
        Labelset: ["label_listing"],
        Slide: [
            "block_name", "dimensions", "fullpath", "get_patch", "level_dimensions", "level_downsamples",
            "properties", "section", "slide_number", "spacing", "specimen_private", "specimen_public", "stain",
            "tags", "thumbnail_nifti_image",
        ],
        SamplingROIPatchExtractor: [
            "get_tile_patch_and_mask", "subtile_mask_density", "tile_mask_density", "tile_patch_origin", "tiles",
        ],
    }  # fmt: skip
    missing = [
        f"{cls.__name__}.{name}" for cls, names in documented.items() for name in names if not hasattr(cls, name)
    ]
    assert missing == []


def test_errors_official_code_catches(client: Client, phas_emulator: PhasEmulator) -> None:
    """The official client lets requests' HTTPError escape for an error status, and raises ValueError for a task
    of another mode."""
    with pytest.raises(HTTPError) as failed:
        Task(client, 999)
    assert failed.value.status_code == 403  # PHAS's answer for an unknown task, kept (requests' .response.status_code)
    with pytest.raises(RequestException):
        client.task_listing("no-such-project")
    with pytest.raises(ValueError, match="cannot be used for task of mode"):
        AnnotationTask(client, task_id=phas_emulator.tasks["dltrain"])


def test_import_in_an_anonymized_session_says_why(client: Client, phas_emulator: PhasEmulator, slide_id: int) -> None:
    """The seed's order (`client.anonymize = True`, then `import_task_annots`): slide names are hidden, so the
    official client matches no record and imports nothing, silently; medannot says so (migration guide)."""
    annot_task = AnnotationTask(client, task_id=phas_emulator.tasks["annot"])
    annot_task.set_slide_annot_json(slide_id, ANNOTATION)
    annot_task.export_task_annots("all_annots.json")
    client.anonymize = True
    with pytest.raises(ValueError, match="slide names are hidden"):
        annot_task.import_task_annots("all_annots.json")
    assert annot_task.import_task_annots("all_annots.json", match="id") == 1


# ---- the counts (run last: pytest runs a module's tests in order)


EXAMPLES = 26  # every statement of the seed's "Usage Examples" (imports aside)


def test_counts() -> None:
    if len(UNCHANGED) + len(CHANGED) < EXAMPLES:
        pytest.skip("counts need the whole module run")
    print(f"PHAS seed examples: {len(UNCHANGED)} unchanged, {len(CHANGED)} with a documented change")
    assert len(UNCHANGED) + len(CHANGED) == EXAMPLES, (UNCHANGED, CHANGED)
    assert len(CHANGED) == 0
