"""Answers checked (issue 9, items 4 and 6) for PHAS: typed answers held to the schema's types field by field,
tiles to their size and mode, stored annotations to the layer shape, and binary downloads to what the real
server sends; a wrong answer is a `ResponseSchemaError` naming what is wrong, and no file is written for it."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import anyio
import pytest
from PIL import Image

from medannot.core.retry import RetryPolicy
from medannot.errors import FileExists, ResponseSchemaError
from medannot.phas import AnnotationTask, AsyncAnnotationTask, AsyncClient, Client, SamplingROITask, Slide
from medannot.testing.phas import PhasEmulator
from tests.unit._loopback import LoopbackServer, Received, Reply

KEY = "11111111-2222-4333-8444-555555555555"
JSON = {"Content-Type": "application/json"}
HTML = {"Content-Type": "text/html; charset=utf-8"}
GZ = b"\x1f\x8b" + b"N" * 500


@pytest.fixture(scope="module")
def loaded() -> dict[str, Any]:
    """Details of real objects (from the emulator), to build objects on a scripted server without requests."""
    with PhasEmulator() as emulator, Client(emulator.url, emulator.api_key) as client:
        annot = AnnotationTask(client, emulator.tasks["annot"])
        sampling = SamplingROITask(client, emulator.tasks["sampling"])
        slide = Slide.open(annot, emulator.slides["S2_B1_HE_01"])
        return {"annot": annot.detail, "sampling": sampling.detail, "slide": slide.detail,
                "header": slide._header, "openslide": slide._openslide_header, "slide_id": slide.slide_id}  # fmt: skip


def _png(size: tuple[int, int], mode: str = "RGBA") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, "PNG")
    return out.getvalue()


class Fake:
    """A scripted PHAS: login succeeds; `routes` maps a path fragment to the reply for matching requests."""

    def __init__(self, routes: dict[str, Reply]) -> None:
        self.routes = routes

    def __call__(self, got: Received) -> Reply:
        if got.path.startswith("/auth/api/login"):
            return Reply(200, b'{"status": "ok"}', {**JSON, "Set-Cookie": "session=abc; Path=/"})
        for fragment, reply in self.routes.items():
            if fragment in got.path:
                return reply
        return Reply(404, b"no route", HTML)


@pytest.fixture
def serve() -> Iterator[Callable[[dict[str, Reply]], Client]]:
    stack: list[Any] = []

    def start(routes: dict[str, Reply]) -> Client:
        server = LoopbackServer(Fake(routes)).__enter__()
        client = Client(server.url, KEY, retry=RetryPolicy(max_retries=0))
        stack.extend([server, client])
        return client

    yield start
    for item in reversed(stack):
        item.__exit__(None, None, None) if isinstance(item, LoopbackServer) else item.close()


# --- typed answers, field by field ------------------------------------------------------------------------
def test_success_maybe_is_not_true(serve: Any, loaded: dict[str, Any]) -> None:
    client = serve({"/annot/set": Reply(200, b'{"success": "maybe"}', HTML)})
    task = AnnotationTask(client, 1, loaded["annot"])
    with pytest.raises(ResponseSchemaError, match=r"Success\.success: expected a boolean, got a string"):
        task.set_slide_annot_json(1, [["Layer", {}]])


def test_a_true_success_stays_true(serve: Any, loaded: dict[str, Any]) -> None:
    client = serve({"/annot/set": Reply(200, b'{"success": true}', HTML)})
    assert AnnotationTask(client, 1, loaded["annot"]).set_slide_annot_json(1, [["Layer", {}]]) is True


PROJECT = {"id": "p", "admin": 1, "disp_name": "P", "desc": "", "nslides": 1, "nblocks": 1, "nspecimens": 1}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ([{**PROJECT, "id": 5}], r"list\[0\]\.id: expected a string, got an integer"),
        ([PROJECT, {**PROJECT, "nslides": "3"}], r"list\[1\]\.nslides: expected an integer, got a string"),
        ([{**PROJECT, "admin": True}], r"list\[0\]\.admin: expected an integer, got a boolean"),
    ],
)
def test_wrong_shapes_in_a_listing_name_the_field(serve: Any, body: Any, field: str) -> None:
    client = serve({"/api/projects": Reply(200, json.dumps(body).encode(), HTML)})
    with pytest.raises(ResponseSchemaError, match=field):
        client.project_listing()


def test_a_listing_that_is_not_a_list_of_objects(serve: Any) -> None:
    client = serve({"/api/projects": Reply(200, b"[1, 2]", HTML)})
    with pytest.raises(ResponseSchemaError):
        client.project_listing()


def test_anonymize_must_be_a_bool(serve: Any) -> None:
    client = serve({"/auth/api/anonymize": Reply(200, b'{"anonymize": "no"}', JSON)})
    with pytest.raises(ResponseSchemaError, match=r"AnonymizeSetting\.anonymize"):
        client.get_anonymize()


def test_a_timestamp_must_be_a_number(serve: Any, loaded: dict[str, Any]) -> None:
    client = serve({"/annot/timestamp": Reply(200, b'{"timestamp": "yesterday"}', HTML)})
    with pytest.raises(ResponseSchemaError, match=r"AnnotationTimestamp\.timestamp"):
        AnnotationTask(client, 1, loaded["annot"]).get_slide_annot_timestamp(1)


def test_a_manifest_row_is_checked_too(serve: Any, loaded: dict[str, Any]) -> None:
    head = "id,block_id,section,slide,stain,slide_name,slide_ext,project,specimen,block_name,specimen_private,"
    head += "specimen_public,task_id,specimen_display\n"
    client = serve({"manifest.csv": Reply(200, (head + "x,1,1,1,HE,a,tif,p,1,B,s,s,1,s\n").encode(), HTML)})
    with pytest.raises(ResponseSchemaError):
        AnnotationTask(client, 1, loaded["annot"]).slide_manifest()


# --- stored annotations -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "message"),
    [(b'[["Layer", {}], 5]', r"item \[1\]"), (b'{"children": []}', "not a list of layers"),
     (b'[["Layer", {"children": {}}]]', "children"), (b'[["Layer"]]', r"item \[0\]")],
)  # fmt: skip
def test_a_stored_annotation_must_be_layers(serve: Any, loaded: dict[str, Any], body: bytes, message: str) -> None:
    client = serve({"/annot/get": Reply(200, body, HTML)})
    with pytest.raises(ResponseSchemaError, match=message):
        AnnotationTask(client, 1, loaded["annot"]).get_slide_annot_json(1)


# --- tiles ------------------------------------------------------------------------------------------------
def _slide(client: Client, loaded: dict[str, Any]) -> Slide:
    task = AnnotationTask(client, loaded["annot"].id, loaded["annot"])
    return Slide(task, loaded["slide_id"], loaded["slide"], loaded["header"], loaded["openslide"])


@pytest.mark.parametrize(
    ("png", "message"), [(_png((1, 1)), "1x1 pixels, not the 512x512"), (_png((512, 512), "L"), "mode 'L'")]
)
def test_tiles_are_checked_for_size_and_mode(serve: Any, loaded: dict[str, Any], png: bytes, message: str) -> None:
    client = serve({"/dzi/patch/": Reply(200, png, {"Content-Type": "image/png"})})
    with pytest.raises(ResponseSchemaError, match=message):
        _slide(client, loaded).get_patch((1024, 1024), 0, (1024, 1024), tile_size=512)


def test_a_tile_that_is_not_an_image(serve: Any, loaded: dict[str, Any]) -> None:
    client = serve({"/dzi/patch/": Reply(200, b"<html>login</html>", {"Content-Type": "image/png"})})
    with pytest.raises(ResponseSchemaError, match="not a readable image"):
        _slide(client, loaded).get_patch((1024, 1024), 0, (64, 64))


def test_right_tiles_make_the_patch(serve: Any, loaded: dict[str, Any]) -> None:
    client = serve({"/dzi/patch/": Reply(200, _png((512, 512)), {"Content-Type": "image/png"})})
    patch = _slide(client, loaded).get_patch((1024, 1024), 0, (1024, 1024), tile_size=512)
    assert patch.size == (1024, 1024) and patch.mode == "RGBA"


# --- downloads --------------------------------------------------------------------------------------------
OCTET = {"Content-Type": "application/octet-stream"}
BAD_FILES = {
    "html login page": Reply(200, b"<html><form>login</form></html>", HTML),
    "json answer": Reply(200, b'{"error": "no"}', JSON),
    "text/plain": Reply(200, b"oops", {"Content-Type": "text/plain"}),
    "empty 200": Reply(200, b"", OCTET),
    "204": Reply(204, b"", OCTET),
    "302 to login": Reply(302, b"Redirecting", {**HTML, "Location": "/auth/login"}),
    "short body": Reply(200, GZ, OCTET, content_length=len(GZ) + 10, cut_after=len(GZ)),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
@pytest.mark.parametrize("target", ["file", "bytes"])
def test_only_a_real_nifti_is_saved(serve: Any, loaded: dict[str, Any], tmp_path: Path, case: str, target: str) -> None:
    client = serve({"make_image_": BAD_FILES[case], "/api/task/": Reply(200, b"[]", HTML)})
    task = SamplingROITask(client, loaded["sampling"].id, loaded["sampling"])
    with pytest.raises(Exception) as caught:
        task.slide_sampling_roi_nifti_image(1, tmp_path / "rois.nii.gz" if target == "file" else None)
    from medannot.errors import MedannotError

    assert isinstance(caught.value, MedannotError), repr(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_real_file_is_saved_and_never_replaced_silently(serve: Any, loaded: dict[str, Any], tmp_path: Path) -> None:
    client = serve({"make_image_": Reply(200, GZ, OCTET), "/thumbnail": Reply(200, GZ, OCTET)})
    task = SamplingROITask(client, loaded["sampling"].id, loaded["sampling"])
    target = tmp_path / "rois.nii.gz"
    assert task.slide_sampling_roi_nifti_image(1) == GZ
    assert task.slide_sampling_roi_nifti_image(1, target) == target and target.read_bytes() == GZ
    target.write_bytes(b"mine")
    with pytest.raises(FileExists):
        task.slide_sampling_roi_nifti_image(1, target)
    assert target.read_bytes() == b"mine"
    assert task.slide_sampling_roi_nifti_image(1, target, overwrite=True) == target and target.read_bytes() == GZ


def test_a_gzip_encoded_nifti_is_kept_as_served(serve: Any, loaded: dict[str, Any]) -> None:
    import gzip

    wire = gzip.compress(GZ)
    client = serve({"make_image_": Reply(200, wire, {**OCTET, "Content-Encoding": "gzip"})})
    task = SamplingROITask(client, loaded["sampling"].id, loaded["sampling"])
    assert task.slide_sampling_roi_nifti_image(1) == wire


SVG = {"Content-Type": "image/svg+xml; charset=utf-8", "Content-Disposition": "attachment; filename=slide_1_annot.svg"}


def test_svg_must_be_svg(serve: Any, loaded: dict[str, Any], tmp_path: Path) -> None:
    client = serve({"_annot.svg": Reply(200, b"<html>login</html>", HTML)})
    task = AnnotationTask(client, 1, loaded["annot"])
    with pytest.raises(ResponseSchemaError):
        task.get_slide_annot_svg(1, filename=tmp_path)
    with pytest.raises(ResponseSchemaError):
        task.get_slide_annot_svg(1)
    assert list(tmp_path.iterdir()) == []


def test_svg_saved_into_a_directory_and_not_twice(serve: Any, loaded: dict[str, Any], tmp_path: Path) -> None:
    client = serve({"_annot.svg": Reply(200, b"<svg/>", SVG)})
    task = AnnotationTask(client, 1, loaded["annot"])
    saved = task.get_slide_annot_svg(1, filename=tmp_path)
    assert saved == tmp_path / "slide_1_annot.svg" and saved.read_bytes() == b"<svg/>"
    with pytest.raises(FileExists):
        task.get_slide_annot_svg(1, filename=tmp_path)
    assert task.get_slide_annot_svg(1, filename=tmp_path, overwrite=True) == saved


def test_async_twin_checks_answers_too(loaded: dict[str, Any]) -> None:
    fake = Fake({"/annot/set": Reply(200, b'{"success": 1}', HTML)})

    async def run() -> None:
        with LoopbackServer(fake) as server:
            async with AsyncClient(server.url, KEY, retry=RetryPolicy(max_retries=0)) as client:
                task = AsyncAnnotationTask(client, 1, loaded["annot"])
                with pytest.raises(ResponseSchemaError, match=r"Success\.success: expected a boolean, got an integer"):
                    await task.set_slide_annot_json(1, [["Layer", {}]])

    anyio.run(run)
