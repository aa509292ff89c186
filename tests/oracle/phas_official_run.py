"""Drive the official PHAS client (`phas.client.api`) against a real server and record every HTTP exchange.

Not a test module: it runs with the PHAS server venv's python (the official client lives there), e.g.
`python tests/oracle/phas_official_run.py CONTEXT.json OUT.json`, where CONTEXT.json holds the server url,
the ids and the key files (see tests/oracle/test_phas_schema.py). Recording wraps
`requests.adapters.HTTPAdapter.send`, so each hop of a redirect is its own exchange, exactly as sent.
OUT.json: {"exchanges": [...], "steps": [{"step", "outcome", "error"}]}.
"""

from __future__ import annotations

import base64
import functools
import json
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter

EXCHANGES: list[dict[str, Any]] = []
STEPS: list[dict[str, Any]] = []
_current = ["setup"]
_original_send = HTTPAdapter.send


def _b64(data: bytes | str | None) -> str | None:
    if data is None:
        return None
    return base64.b64encode(data.encode() if isinstance(data, str) else data).decode()


def _recording_send(self: HTTPAdapter, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
    response = _original_send(self, request, **kwargs)
    body = request.body if not hasattr(request.body, "read") else None
    EXCHANGES.append(
        {
            "step": _current[0],
            "method": request.method,
            "url": request.url,
            "request_headers": {k: v for k, v in request.headers.items() if k.lower() != "cookie"},
            "has_session_cookie": "session=" in request.headers.get("Cookie", ""),
            "request_body": _b64(body),
            "status": response.status_code,
            "response_headers": dict(response.headers),
            "response_body": _b64(response.content),
        }
    )
    return response


def step(name: str, fn: Callable[[], Any]) -> Any:
    """Run one client call; record whether it returned or which exception it raised."""
    _current[0] = name
    try:
        value = fn()
    except Exception as exc:
        status = getattr(getattr(exc, "response", None), "status_code", None)
        STEPS.append({"step": name, "outcome": type(exc).__name__, "status": status, "error": str(exc)[:300]})
        if not isinstance(exc, (requests.HTTPError, ValueError)):
            traceback.print_exc()
        return None
    STEPS.append({"step": name, "outcome": "ok", "status": None, "summary": repr(value)[:200]})
    return value


def main() -> None:
    ctx = json.loads(Path(sys.argv[1]).read_text())
    out = Path(sys.argv[2])
    # Client() runs phas.create_app() locally: keep it away from the server's instance folder.
    os.environ["FLASK_INSTANCE_PATH"] = tempfile.mkdtemp(prefix="phas-client-")
    setattr(HTTPAdapter, "send", _recording_send)  # noqa: B010 - a patch, not an attribute
    try:
        run(ctx)
    finally:
        out.write_text(json.dumps({"exchanges": EXCHANGES, "steps": STEPS}))


def run(ctx: dict[str, Any]) -> None:
    from phas.client import api
    from phas.dzi import dzi_download_nii_gz

    url, keys, tasks, slides = ctx["url"], ctx["key_files"], ctx["tasks"], ctx["slides"]
    project = ctx["project"]
    s_jpeg, s_raw = slides["S1_B1_HE_01"], slides["S2_B1_HE_01"]
    work = Path(tempfile.mkdtemp(prefix="phas-oracle-"))

    # --- connection and listings (admin: A11 + site admin)
    c = step("Client(key file)", lambda: api.Client(url, keys["admin"]))
    os.environ["PHAS_AUTH_KEY"] = keys["admin"]
    step("Client(PHAS_AUTH_KEY)", lambda: api.Client(url))
    step("Client.project_listing", c.project_listing)
    step("Client.task_listing", lambda: c.task_listing(project))
    step("Client.anonymize get", lambda: c.anonymize)
    step("Client.anonymize = True", lambda: setattr(c, "anonymize", True))
    step("Task.slide_manifest anonymized", lambda: api.Task(c, tasks["annot"]).slide_manifest())
    step("Client.anonymize = False", lambda: setattr(c, "anonymize", False))
    step("Client.get_project_private_access", lambda: c.get_project_private_access(project))

    # --- tasks, manifests with every filter, labelsets
    t = step("Task()", lambda: api.Task(c, tasks["annot"]))
    step("Task.slide_manifest", t.slide_manifest)
    for kw in (
        {"specimen": "S1"},
        {"block": "B1"},
        {"section": 1},
        {"slide": 1},
        {"stain": "HE"},
        {"min_paths": 0},
        {"min_markers": 0},
        {"tags_any": ["qc-pass", "he"]},
        {"tags_all": ["he"]},
        {"tags_none": ["qc-fail"]},
    ):
        step(f"Task.slide_manifest {sorted(kw)}", functools.partial(t.slide_manifest, **kw))
    step("Task.labelset (annot: none)", lambda: t.labelset)
    dl = step("DLTrainingTask()", lambda: api.DLTrainingTask(c, tasks["dltrain"]))
    step("DLTrainingTask.slide_manifest", dl.slide_manifest)
    lset = step("Task.labelset", lambda: dl.labelset)
    step("Labelset.label_listing", lset.label_listing)
    step(
        "Labelset(project, id).label_listing",
        lambda: api.Labelset(c, project, ctx["labelset_id"]).label_listing(),
    )

    # --- annotations
    at = step("AnnotationTask()", lambda: api.AnnotationTask(c, tasks["annot"]))
    step("AnnotationTask.get_slide_annot_json (none)", lambda: at.get_slide_annot_json(s_raw))
    step("AnnotationTask.get_slide_annot_timestamp (none)", lambda: at.get_slide_annot_timestamp(s_raw))
    # paper.js project.exportJSON(): a list of layers; path segments are [point, handleIn, handleOut]
    corners = [(100, 100), (900, 120), (850, 800), (120, 760)]
    annot = [
        [
            "Layer",
            {
                "applyMatrix": True,
                "children": [
                    [
                        "Path",
                        {
                            "applyMatrix": True,
                            "segments": [[[x, y], [0, 0], [0, 0]] for x, y in corners],
                            "closed": True,
                            "strokeColor": [1, 0, 0],
                        },
                    ],
                    [
                        "PointText",
                        {
                            "applyMatrix": False,
                            "matrix": [1, 0, 0, 1, 500, 500],
                            "content": "gm",
                            "fillColor": [0, 0, 0],
                            "fontSize": 40,
                        },
                    ],
                ],
            },
        ]
    ]
    step("AnnotationTask.set_slide_annot_json", lambda: at.set_slide_annot_json(s_jpeg, annot))
    step("AnnotationTask.get_slide_annot_json", lambda: at.get_slide_annot_json(s_jpeg))
    step("AnnotationTask.get_slide_annot_timestamp", lambda: at.get_slide_annot_timestamp(s_jpeg))
    step(
        "AnnotationTask.get_slide_annot_svg downsample",
        lambda: at.get_slide_annot_svg(s_jpeg, downsample=500),
    )
    step(
        "AnnotationTask.get_slide_annot_svg fullres",
        lambda: at.get_slide_annot_svg(s_jpeg, filename=str(work / "a.svg")),
    )
    step("Task.slide_manifest min_paths=1", lambda: at.slide_manifest(min_paths=1))
    step("AnnotationTask.export_task_annots", lambda: at.export_task_annots(str(work / "annots.json")))
    step("AnnotationTask.import_task_annots", lambda: at.import_task_annots(str(work / "annots.json")))
    step("AnnotationTask() on dltrain task (ValueError)", lambda: api.AnnotationTask(c, tasks["dltrain"]))

    # --- training samples
    samples = step("DLTrainingTask.slide_training_samples", lambda: dl.slide_training_samples(s_jpeg))
    step(
        "DLTrainingTask.get_sample_image",
        lambda: dl.get_sample_image(samples[0]["id"] if samples else ctx["samples"][0]).size,
    )

    # --- sampling ROIs
    st = step("SamplingROITask()", lambda: api.SamplingROITask(c, tasks["sampling"]))
    label = ctx["labels"]["gray matter"]
    poly = {"type": "polygon", "data": [[200, 200], [700, 240], [640, 700], [240, 660]]}
    trap = {"type": "trapezoid", "data": [[1000, 1000, 60], [1500, 1300, 120]]}
    step("SamplingROITask.create_sampling_roi polygon", lambda: st.create_sampling_roi(s_raw, label, poly))
    step(
        "SamplingROITask.create_sampling_roi trapezoid",
        lambda: st.create_sampling_roi(s_raw, ctx["labels"]["white matter"], trap),
    )
    step("SamplingROITask.slide_sampling_rois", lambda: st.slide_sampling_rois(s_raw))
    step("SamplingROITask.slide_manifest min_sroi", lambda: st.slide_manifest(min_sroi=1))
    step("SamplingROITask.labelset", lambda: st.labelset)
    step(
        "SamplingROITask.slide_sampling_roi_nifti_image",
        lambda: len(st.slide_sampling_roi_nifti_image(s_raw, max_dim=500)),
    )
    step(
        "SamplingROITask.slide_sampling_roi_nifti_image(filename)",
        lambda: st.slide_sampling_roi_nifti_image(s_raw, filename=str(work / "roi.nii.gz")),
    )

    # --- slides
    sl = step("Slide()", lambda: api.Slide(t, s_jpeg))
    for prop in (
        "dimensions",
        "spacing",
        "level_dimensions",
        "level_downsamples",
        "properties",
        "fullpath",
        "tags",
        "stain",
        "block_name",
        "specimen_private",
        "specimen_public",
        "section",
        "slide_number",
    ):
        step(f"Slide.{prop}", functools.partial(getattr, sl, prop))
    step("Slide.get_patch tiled", lambda: sl.get_patch((1024, 1024), 0, (512, 384), tile_size=256).size)
    step("Slide.get_patch level 1", lambda: sl.get_patch((1024, 1024), 1, (256, 256), tile_size=256).size)
    step("Slide.get_patch single request", lambda: sl.get_patch((700, 700), 0, (300, 200), tile_size=0).size)
    step("Slide.thumbnail_nifti_image (client bug: BuildError)", lambda: sl.thumbnail_nifti_image(max_dim=300))
    step(
        "client._get dzi_download_nii_gz (working route)",
        lambda: len(
            c._get(
                "dzi",
                dzi_download_nii_gz,
                task_id=tasks["annot"],
                slide_id=s_jpeg,
                resource="raw",
                downsample=300,
            ).content
        ),
    )
    sr = step("Slide() raw", lambda: api.Slide(st, s_raw))
    step("SamplingROIPatchExtractor", lambda: _extract(api, sr, poly))
    step("SamplingROITask.delete_sampling_rois_on_slide", lambda: st.delete_sampling_rois_on_slide(s_raw))
    step("SamplingROITask.slide_sampling_rois (empty)", lambda: st.slide_sampling_rois(s_raw))

    # --- not found: unknown task / slide / sample / labelset ids
    step("Task(unknown id)", lambda: api.Task(c, 9999))
    step("Slide(unknown id)", lambda: api.Slide(t, 9999))
    step("Slide.dimensions unknown slide", lambda: _slide_stub(api, t, 9999).dimensions)
    step("AnnotationTask.get_slide_annot_json unknown slide", lambda: at.get_slide_annot_json(9999))
    step("Labelset.label_listing unknown", lambda: api.Labelset(c, project, 9999).label_listing())
    step("Client.task_listing unknown project", lambda: c.task_listing("no_such_project"))

    # --- reader (R01: read, no PHI, API)
    r = step("Client(reader)", lambda: api.Client(url, keys["reader"]))
    step("reader project_listing", r.project_listing)
    step("reader get_project_private_access", lambda: r.get_project_private_access(project))
    rt = step("reader AnnotationTask()", lambda: api.AnnotationTask(r, tasks["annot"]))
    step("reader slide_manifest (anonymized)", rt.slide_manifest)
    step("reader get_slide_annot_json", lambda: rt.get_slide_annot_json(s_jpeg))
    step("reader set_slide_annot_json (403)", lambda: rt.set_slide_annot_json(s_jpeg, annot))
    rs = step("reader Slide()", lambda: api.Slide(rt, s_jpeg))
    step("reader Slide.specimen_public", lambda: rs.specimen_public)
    step("reader Slide.fullpath (403)", lambda: rs.fullpath)
    step("reader Slide.tags (403)", lambda: rs.tags)
    step("reader Slide.get_patch", lambda: rs.get_patch((512, 512), 0, (128, 128), tile_size=0).size)
    rst = step("reader SamplingROITask()", lambda: api.SamplingROITask(r, tasks["sampling"]))
    step("reader create_sampling_roi (403)", lambda: rst.create_sampling_roi(s_raw, label, poly))
    step("reader delete_sampling_rois_on_slide (403)", lambda: rst.delete_sampling_rois_on_slide(s_raw))

    # --- outsider (no access)
    o = step("Client(outsider)", lambda: api.Client(url, keys["outsider"]))
    step("outsider project_listing (empty)", o.project_listing)
    step("outsider task_listing (403)", lambda: o.task_listing(project))
    step("outsider Task() (403)", lambda: api.Task(o, tasks["annot"]))
    step(
        "outsider Labelset.label_listing (403)",
        lambda: api.Labelset(o, project, ctx["labelset_id"]).label_listing(),
    )
    step(
        "outsider Slide.get_patch (403)",
        lambda: _slide_stub(api, api.Task(c, tasks["annot"]), s_jpeg, client=o).get_patch(
            (512, 512), 0, (64, 64), tile_size=0
        ),
    )
    step(
        "outsider get_sample_image (no auth on this route)",
        lambda: api.DLTrainingTask.get_sample_image(_task_stub(o), ctx["samples"][0]).size,
    )
    step("outsider labelset of task (no auth on this route)", lambda: _task_stub(o, tasks["dltrain"]).labelset)

    # --- no session at all: 302 to /auth/login, which 500s (the wheel lacks templates)
    n = api.Client.__new__(api.Client)
    n.flask, n.verify, n.jar = c.flask, True, requests.cookies.RequestsCookieJar()
    step("no session project_listing (302 -> /auth/login)", n.project_listing)
    step("no session Task() (302 -> /auth/login)", lambda: api.Task(n, tasks["annot"]))
    step("no session anonymize (no login needed)", lambda: n.anonymize)

    # --- bad key
    bad = work / "bad_key.json"
    bad.write_text(json.dumps({"api_key": "00000000-0000-0000-0000-000000000000"}))
    step("Client(bad key) (401)", lambda: api.Client(url, str(bad)))


def _extract(api: Any, slide: Any, geom: dict[str, Any]) -> Any:
    ex = api.SamplingROIPatchExtractor(slide, geom, tile_size=256, padding=16)
    tiles, _ = ex.tiles()
    img, mask = ex.get_tile_patch_and_mask(tiles[0])
    return len(tiles), img.size, mask.size, ex.tile_patch_origin(tiles[0]).tolist()


def _task_stub(client: Any, task_id: int | None = None) -> Any:
    """A Task-like object without the /info call, to reach routes a user may not list."""
    from phas.client import api

    t = api.Task.__new__(api.Task)
    t.client, t.task_id, t._labelset, t.project = client, task_id, None, "synth"
    return t


def _slide_stub(api: Any, task: Any, slide_id: int, client: Any = None) -> Any:
    s = api.Slide.__new__(api.Slide)
    s.task, s.task_id, s.project, s.client, s.slide_id = (
        task,
        task.task_id,
        task.project,
        client or task.client,
        slide_id,
    )
    s._header = s._osl_header = s._fullpath = s._tags = None
    return s


if __name__ == "__main__":
    main()
