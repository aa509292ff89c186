"""Issue 10, items 4 and 6, over real sockets against the emulators: destinations that name a directory, files
created with the process umask, one message style for errors with a server answer, no HTTP code on local checks,
hints for the common mistakes (no scheme, the wrong server), and a plain progress line without rich."""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import medannot.labelbox as labelbox
import medannot.monailabel as monailabel
import medannot.phas as phas
from medannot.core.bulk import LineProgress, run_bulk
from medannot.errors import APIError, AuthError, BadInput, NotFound
from medannot.testing.data import write_nifti_volumes
from medannot.testing.labelbox import LabelboxEmulator
from medannot.testing.monailabel import MonaiLabelEmulator
from medannot.testing.phas import PhasEmulator
from tests.unit._loopback import LoopbackServer, Reply

# `<server's reason> (<METHOD> <redacted URL> -> <status>)`, then maybe `; <hint>`
STYLE = re.compile(
    r"^(?P<reason>.+) \((?P<method>GET|POST|PUT|DELETE) http://127\.0\.0\.1:\d+/\S* -> (?P<status>\d{3})\)"
)


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture(scope="module")
def ml_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MonaiLabelEmulator]:
    studies = tmp_path_factory.mktemp("studies")
    write_nifti_volumes(studies, 2, shape=(8, 8, 4), seed=5)
    with MonaiLabelEmulator(studies) as emulator:
        yield emulator


@pytest.fixture
def ml(ml_server: MonaiLabelEmulator, tmp_path: Path) -> Iterator[monailabel.Client]:
    with monailabel.Client(ml_server.url, tmpdir=tmp_path / "tmp") as client:
        yield client


@pytest.fixture(scope="module")
def lb_server() -> Iterator[LabelboxEmulator]:
    with LabelboxEmulator(api_key="lb-key-0123") as emulator:
        yield emulator


@pytest.fixture
def lb(lb_server: LabelboxEmulator) -> Iterator[labelbox.Client]:
    with labelbox.Client(api_key="lb-key-0123", endpoint=lb_server.graphql_url, rest_endpoint=lb_server.rest_url) as c:
        yield c


# --- item 4: destinations and permissions ---------------------------------------------------------------


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_monailabel_label_into_a_directory_path_with_the_umask(
    ml: monailabel.Client, tmp_path: Path, mask: int
) -> None:
    image = "volume-000"
    label = tmp_path / "seg.nii.gz"
    write_nifti_volumes(tmp_path / "made", 1, shape=(8, 8, 4), seed=9)[0].rename(label)
    ml.save_label(image, label, "final")
    with umask(mask):
        saved = ml.download_label(image, "final", str(tmp_path / "labels") + "/")  # the README's "labels/"
        (tmp_path / "images").mkdir()
        image_file = ml.download_image(image, tmp_path / "images")  # an existing directory, no separator
    assert saved.parent == tmp_path / "labels" and saved.is_file() and saved.name.endswith(".nii.gz")
    assert saved.read_bytes() == label.read_bytes()
    assert image_file.parent == tmp_path / "images" and image_file.name == f"{image}.nii.gz"
    for path in (saved, image_file):
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask, oct(path.stat().st_mode)
    assert [p.name for p in (tmp_path / "labels").iterdir()] == [saved.name]  # no temporary file left


def test_a_separator_on_an_existing_file_is_bad_input_before_sending(ml: monailabel.Client, tmp_path: Path) -> None:
    (tmp_path / "labels").write_bytes(b"mine")
    with pytest.raises(BadInput, match="cannot create directory"):
        ml.download_label("volume-000", "final", str(tmp_path / "labels") + os.sep)
    assert (tmp_path / "labels").read_bytes() == b"mine"


@pytest.mark.parametrize("mask", [0o022, 0o007])
def test_labelbox_export_into_exports_slash(
    lb: labelbox.Client, tmp_path: Path, mask: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = lb.create_project(f"triage-{mask}", labelbox.MediaType.IMAGE)
    monkeypatch.chdir(tmp_path)  # the README's relative "exports/"
    with umask(mask):
        path = lb.export_project_labels(project.id, "exports/")
    assert (tmp_path / "exports").is_dir()
    assert path.parent == Path("exports") and path.name == f"export-{project.id}.ndjson" and path.is_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask
    with pytest.raises(FileExistsError):  # a second export never replaces the first silently
        lb.export_project_labels(project.id, "exports/")


@pytest.mark.parametrize("dest", ["annots/", "existing"])
def test_phas_task_export_into_a_directory(phas_emulator: PhasEmulator, tmp_path: Path, dest: str) -> None:
    (tmp_path / "existing").mkdir()
    doc = [["Layer", {"children": [["Path", {"segments": [[[1, 2], [0, 0], [0, 0]], [[3, 4], [0, 0], [0, 0]]]}]]}]]
    with phas.Client(phas_emulator.url, phas_emulator.api_key) as client, umask(0o027):
        annot = phas.AnnotationTask(client, phas_emulator.tasks["annot"])
        annot.set_slide_annot_json(annot.slide_manifest()[0].id, doc)
        assert annot.export_task_annots(f"{tmp_path}{os.sep}{dest}", progress=False) >= 1
        files = annot.export_all(tmp_path / "each", progress=False)
    written = tmp_path / dest.rstrip("/") / f"task_{phas_emulator.tasks['annot']}_annots.json"
    assert written.is_file()
    for path in (written, *files.values()):
        assert stat.S_IMODE(path.stat().st_mode) == 0o640


# --- item 6: one message style ---------------------------------------------------------------------------


def test_an_answered_error_reads_reason_request_status(ml: monailabel.Client) -> None:
    ml.info()  # the server is known to be MONAI Label: no hint after this
    with pytest.raises(NotFound) as caught:
        ml.download_label("no-such-label", "final")
    text = str(caught.value)
    found = STYLE.match(text)
    assert found and found["method"] == "GET" and found["status"] == "404", text
    assert text.count("-> 404") == 1 and "is this" not in text  # (the URL's port may hold "404" too)
    assert found["reason"] == caught.value.message


def test_an_html_404_page_says_its_status_once(phas_emulator: PhasEmulator) -> None:
    with phas.Client(phas_emulator.url + "/nope", phas_emulator.api_key) as client, pytest.raises(APIError) as caught:
        client.project_listing()
    text = str(caught.value)
    assert STYLE.match(text), text
    assert "404 Not Found" not in text and "Not Found: Not Found" not in text
    assert text.count("-> 404)") == 1


@pytest.mark.parametrize(
    ("make", "platform"),
    [
        (lambda s: monailabel.Client(s.url).info(), "MONAI Label"),  # a MONAI Label client at a PHAS server
        (lambda s: phas.Client(s.url, "0123456789abcdef").project_listing(), "PHAS"),  # PHAS at a Labelbox server
        (lambda s: labelbox.Client(api_key="k", endpoint=s.url + "/api").execute("{ user { id } }"), "Labelbox"),
    ],
    ids=["monailabel", "phas", "labelbox"],
)
def test_a_first_404_asks_whether_this_is_the_platform(
    make: object, platform: str, phas_emulator: PhasEmulator, lb_server: LabelboxEmulator
) -> None:
    server = phas_emulator if platform == "MONAI Label" else lb_server
    with pytest.raises(APIError) as caught:
        make(server)  # type: ignore[operator]
    text = str(caught.value)
    assert STYLE.match(text), text
    assert f"is this a {platform} server?" in text, text
    assert caught.value.hint and platform in caught.value.hint


def test_a_specific_404_or_one_after_another_answer_gets_no_hint() -> None:
    json = {"Content-Type": "application/json"}
    replies = [
        Reply(404, b'{"detail": "Image volume-9 NOT Found"}', json),  # an API's own words: no hint
        Reply(200, b'{"total": 1, "completed": 0, "label_tags": {}}', json),
        Reply(404, b'{"detail": "Not Found"}', json),  # generic, but the server answered before
    ]
    with LoopbackServer(replies) as server, monailabel.Client(server.url) as client:
        with pytest.raises(NotFound) as first:
            client.download_image("volume-9")
        client.datastore_status()
        with pytest.raises(NotFound) as later:
            client.download_image("volume-9")
    for caught in (first, later):
        assert "is this" not in str(caught.value) and caught.value.hint is None, caught.value
        assert STYLE.match(str(caught.value))


@pytest.mark.parametrize(
    "make",
    [
        lambda url: monailabel.Client(url),
        lambda url: phas.Client(url, "0123456789abcdef"),
        lambda url: labelbox.Client(api_key="k", endpoint=url + "/graphql"),
    ],
    ids=["monailabel", "phas", "labelbox"],
)
def test_a_url_without_scheme_is_one_check_with_a_suggestion(make: object) -> None:
    with LoopbackServer() as server:
        bare = server.url.removeprefix("http://")
        with pytest.raises(BadInput, match=rf"has no scheme; did you mean 'http://{re.escape(bare)}") as caught:
            make(bare)  # type: ignore[operator]
        assert server.received == []
    assert "UnsupportedProtocol" not in str(caught.value)
    with pytest.raises(BadInput) as caught:  # user info is never echoed
        make("alice:S3CRET-pass@" + bare)  # type: ignore[operator]
    assert "S3CRET" not in str(caught.value)


def test_local_checks_carry_no_http_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LABELBOX_API_KEY", raising=False)
    key_file = tmp_path / "key.json"
    key_file.write_text('{"not_api_key": 1}')
    with LoopbackServer() as server:
        for make in (
            lambda: labelbox.Client(endpoint=server.url + "/graphql"),
            lambda: phas.Client(server.url, key_file),
        ):
            with pytest.raises((AuthError, BadInput)) as caught:
                make()
            said = str(caught.value).replace(str(tmp_path), "<tmp>")  # pytest's folder may be `pytest-403`
            assert not re.search(r"\b(401|403)\b", said), caught.value
        assert server.received == []


def test_a_secret_the_server_echoes_is_masked(lb_server: LabelboxEmulator) -> None:
    key = "echoed-key-7f3a9c"
    body = f'{{"message": "key {key} is not valid"}}'.encode()
    with (
        LoopbackServer(default=Reply(401, body, {"Content-Type": "application/json"})) as server,
        labelbox.Client(api_key=key, endpoint=server.url + "/graphql") as lb,
        pytest.raises(AuthError) as caught,
    ):
        lb.execute("query { user { id } }")
    assert key not in str(caught.value) and key not in (caught.value.body_excerpt or "")
    assert STYLE.match(str(caught.value)) and "-> 401)" in str(caught.value)


def test_a_redirect_on_the_same_server_shows_its_path_once() -> None:
    with (
        LoopbackServer(default=Reply(307, b"", {"Location": "/graphql/"})) as server,
        labelbox.Client(api_key="k", endpoint=server.url + "/graphql") as lb,
        pytest.raises(APIError) as caught,
    ):
        lb.execute("query { user { id } }")
    text = str(caught.value)
    assert "redirected to '/graphql/'" in text and text.count(server.url) == 1, text


# --- item 6: progress without rich ------------------------------------------------------------------------


def test_progress_without_rich_is_a_plain_line_on_stderr(
    ml: monailabel.Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "rich.progress", None)  # as if rich were not installed: import fails
    images = write_nifti_volumes(tmp_path / "up", 3, shape=(8, 8, 4), seed=11)
    result = ml.upload_images(images, progress=True)
    assert result.ok
    lines = capsys.readouterr().err.splitlines()
    assert lines and lines[-1] == "uploading images: 3/3 (100%)", lines


def test_line_progress_rewrites_one_line_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Terminal()
    bar = LineProgress(4, "fetching", stream=out, interval=0)
    for _ in range(4):
        bar.advance()
    bar.stop()
    assert out.getvalue().endswith("\rfetching: 4/4 (100%)\n") and out.getvalue().count("\n") == 1


def test_run_bulk_progress_true_without_rich(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "rich.progress", None)
    assert run_bulk(list(range(20)), lambda i: i, concurrency=3, description="working", progress=True) == list(
        range(20)
    )
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "working: 0/20 (0%)" and err[-1] == "working: 20/20 (100%)" and len(err) <= 12, err
