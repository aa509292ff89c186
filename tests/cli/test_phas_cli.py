"""`medannot phas download|upload|export` on an annotation task, against the PHAS emulator and (marked live) a real
PHAS 0.99.7 server: annotations come down as `<slide id>.json` byte-equal to what the server serves, go up never
twice (an annotation already equal on the server is not sent), a file naming no slide of the task fails alone, and
SIGKILLs at the engine's failpoints are followed by an exact rerun.

The real server is shared by the whole test session (annotations cannot be deleted through the API): these tests
work in their own annotation task, `cli-annot` (the contract tests need slides of `annot` that were never
annotated), and each test arranges the annotations it relies on and puts back what it found (an empty layer where
there was none)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from medannot.phas import AnnotationTask, Client
from tests.cli.conftest import cli, killed, manifest_rows, sha256, summary, tree
from tests.contract.backends import backends

pytestmark = pytest.mark.timeout(600)

EMPTY_DOC: list[Any] = [["Layer", {"applyMatrix": True}]]


def document(n: int) -> list[Any]:
    """A paper.js document PHAS stores unchanged (a closed path and a marker), different for each `n`."""
    segments = [[[100 + n, 100], [0, 0], [0, 0]], [[900, 150 + n], [-5, 2], [5, -2]], [[500, 800 + n], [0, 0], [0, 0]]]
    path = ["Path", {"applyMatrix": True, "segments": segments, "closed": True, "strokeColor": [1, 0, 0]}]
    marker = ["PointText", {"applyMatrix": False, "matrix": [1, 0, 0, 1, 400, 400 + n], "content": f"m{n}",
                            "fontSize": 2000}]  # fmt: skip
    return [["Layer", {"applyMatrix": True, "children": [path, marker]}]]


@dataclass(frozen=True)
class Phas:
    url: str
    task: int  # the annotation task
    other_task: int  # a task of another mode (dltrain)
    slides: list[int]
    key_file: Path  # admin
    reader_key_file: Path  # read-only on the project
    emulator: Any  # None on the real server

    def task_url(self, task: int | None = None) -> str:
        return f"{self.url}/task/{task or self.task}"

    def annot(self, client: Client) -> AnnotationTask:
        return AnnotationTask(client, self.task)

    def docs(self) -> dict[int, Any]:
        with Client(self.url, self.key_file) as client:
            task = self.annot(client)
            return {slide: task.get_slide_annot_json(slide) for slide in self.slides}

    def put(self, docs: dict[int, Any]) -> None:
        with Client(self.url, self.key_file) as client:
            task = self.annot(client)
            for slide, doc in docs.items():
                task.set_slide_annot_json(slide, doc)

    def sets(self) -> dict[int, int]:
        """slide id -> annotations the emulator stored (its contract journal)."""
        out: dict[int, int] = {}
        for call in self.emulator.contract.journal:
            if call.method == "POST" and call.path.endswith("/annot/set"):
                slide = int(call.path.split("/")[-3])
                out[slide] = out.get(slide, 0) + 1
        return out


def _key_file(folder: Path, name: str, key: str) -> Path:
    path = folder / f"{name}.json"
    path.write_text(json.dumps({"api_key": key}))
    path.chmod(0o600)
    return path


@pytest.fixture(params=backends("phas"))
def phas(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Phas]:
    if request.param == "real":
        server = request.getfixturevalue("phas_server")
        backend = Phas(server.url, server.tasks["cli-annot"], server.tasks["dltrain"], sorted(server.slides.values()),
                       server.key_files["admin"], server.key_files["reader"], None)  # fmt: skip
        before = backend.docs()
        yield backend
        now = backend.docs()
        backend.put({s: doc if doc is not None else EMPTY_DOC for s, doc in before.items() if now[s] != doc})
        return
    with _emulated(tmp_path) as backend:
        yield backend


@pytest.fixture
def emulated_phas(tmp_path: Path) -> Iterator[Phas]:
    """The emulator only: for a state a real server's shared task cannot be put back into (a slide that never had
    an annotation: PHAS can replace an annotation, not delete it)."""
    with _emulated(tmp_path) as backend:
        yield backend


@contextlib.contextmanager
def _emulated(tmp_path: Path) -> Iterator[Phas]:
    from medannot.testing.phas import PhasEmulator

    with PhasEmulator() as emulator:
        tasks = emulator.tasks
        yield Phas(emulator.url, tasks["cli-annot"], tasks["dltrain"], sorted(emulator.slides.values()),
                   _key_file(tmp_path, "admin", emulator.keys["admin"]),
                   _key_file(tmp_path, "reader", emulator.keys["reader"]), emulator)  # fmt: skip


def _run(phas: Phas, verb: str, *args: str, key_file: Path | None = None, failpoint: str | None = None) -> Any:
    return cli("phas", verb, "--url", phas.task_url(), "--api-key-file", str(key_file or phas.key_file), *args,
               "--json", failpoint=failpoint)  # fmt: skip


def _served(phas: Phas) -> dict[str, bytes]:
    """file name -> the bytes `download` must write: the server's documents, compact JSON."""
    return {f"{s}.json": json.dumps(doc).encode() for s, doc in phas.docs().items() if doc is not None}


# --- download --------------------------------------------------------------------------------------
def test_download_killed_then_rerun_is_exact(phas: Phas, state_dir: Path, tmp_path: Path) -> None:
    first, second = phas.slides[:2]
    phas.put({first: document(1), second: document(2)})
    expected = _served(phas)
    dest = tmp_path / "annots"
    args = [str(dest), "--concurrency", "2"]
    for point in ("sent:1", "sending:2", "sent:3"):
        assert killed(_run(phas, "download", *args, failpoint=point))
    result = summary(_run(phas, "download", *args))
    assert result["counts"] == {"planned": 0, "sending": 0, "done": len(phas.slides), "failed": 0}
    assert tree(dest).keys() == expected.keys()  # one file per annotated slide, no partial or temporary file
    for name, data in expected.items():
        assert (dest / name).read_bytes() == data
    rows = {Path(str(r["dest"])).name: r for r in manifest_rows(state_dir)}
    for name in expected:
        assert rows[name]["checksum"] == sha256(dest / name)  # checksummed in the manifest
    for name in rows.keys() - expected.keys():  # slides without an annotation: done, no file
        assert json.loads(str(rows[name]["extra"]))["absent"] is True
    again = summary(_run(phas, "download", *args))
    assert again["sent"] == 0 and again["planned_new"] == 0


def test_verify_fetches_what_changed_on_the_server(phas: Phas, state_dir: Path, tmp_path: Path) -> None:
    first, second = phas.slides[:2]
    phas.put({first: document(3), second: document(4)})
    dest = tmp_path / "annots"
    summary(_run(phas, "download", str(dest)))
    phas.put({first: document(5)})  # edited on the server after the download
    dry = _run(phas, "download", str(dest), "--verify", "--dry-run")
    assert dry.returncode == 11, dry.stderr + dry.stdout
    assert json.loads((dest / f"{first}.json").read_bytes()) == document(3)  # nothing repaired
    fixed = summary(_run(phas, "download", str(dest), "--verify"))
    assert fixed["verified"] == len(phas.slides) and fixed["mismatched"] == 1 and fixed["sent"] == 1
    assert tree(dest).keys() == _served(phas).keys()
    for name, data in _served(phas).items():
        assert (dest / name).read_bytes() == data


def test_a_slide_annotated_after_the_download_is_fetched_by_verify(emulated_phas: Phas, state_dir: Path,
                                                                    tmp_path: Path) -> None:  # fmt: skip
    phas = emulated_phas
    phas.put({phas.slides[0]: document(6)})
    dest = tmp_path / "annots"
    assert summary(_run(phas, "download", str(dest)))["counts"]["done"] == 3
    assert sorted(tree(dest)) == [f"{phas.slides[0]}.json"]
    phas.put({phas.slides[2]: document(7)})
    assert summary(_run(phas, "download", str(dest)))["sent"] == 0  # done is done: a rerun fetches nothing
    fixed = summary(_run(phas, "download", str(dest), "--verify"))
    assert fixed["mismatched"] == 1 and any("annotated on the server since" in n for n in fixed["notes"])
    assert json.loads((dest / f"{phas.slides[2]}.json").read_bytes()) == document(7)


def test_shards_split_the_download(phas: Phas, state_dir: Path, tmp_path: Path) -> None:
    phas.put({slide: document(10 + i) for i, slide in enumerate(phas.slides)})
    dest = tmp_path / "annots"
    done = [summary(_run(phas, "download", str(dest), "--shard", f"{i}/2"))["counts"]["done"] for i in (1, 2)]
    assert sum(done) == len(phas.slides)
    assert {name: (dest / name).read_bytes() for name in tree(dest)} == _served(phas)


# --- upload ----------------------------------------------------------------------------------------
def test_upload_killed_then_rerun_sends_each_annotation_once(phas: Phas, state_dir: Path, tmp_path: Path) -> None:
    first, second, third = phas.slides[:3]
    phas.put({first: document(20), second: document(21), third: document(22)})  # to be replaced
    src = tmp_path / "up"
    src.mkdir()
    (src / f"{first}.json").write_text(json.dumps(document(30)))
    (src / f"slide_{second}_S1_B1_HE_01.json").write_text(json.dumps(document(31)))  # AnnotationTask.export_all's
    (src / "987654.json").write_text(json.dumps(document(33)))  # no such slide in the task
    (src / "notes.json").write_text("{}")  # not named by a slide id
    (src / "bad").mkdir()
    (src / "bad" / f"{third}.json").write_text(json.dumps({"not": "a document"}))  # PHAS could not store it
    before = phas.sets() if phas.emulator is not None else {}

    dry = summary(_run(phas, "upload", str(src), "--dry-run"))
    assert dry["would_send"] == 5 and dry["sent"] == 0
    assert not list(state_dir.glob("transfers/*.sqlite"))
    args = [str(src), "--concurrency", "1"]
    for point in ("sent:1", "sending:1", "sent:1"):
        assert killed(_run(phas, "upload", *args, failpoint=point))
    result = _run(phas, "upload", *args)
    assert result.returncode == 3, result.stderr + result.stdout  # partial: the three bad files
    outcome = json.loads(result.stdout)
    assert outcome["counts"] == {"planned": 0, "sending": 0, "done": 2, "failed": 3}
    errors = {f["item"]: f["error"] for f in outcome["failures"]}
    assert errors["987654"] == f"NotFound: 987654.json: slide 987654 is not in task {phas.task}"
    assert errors["notes.json"].startswith("BadInput: notes.json: not named by a slide id")
    assert errors[str(third)].startswith(f"BadInput: {third}.json: a paper.js document")  # refused before sending
    assert {s: d for s, d in phas.docs().items() if s in (first, second, third)} == {
        first: document(30), second: document(31), third: document(22)}  # fmt: skip
    if phas.emulator is not None:
        sent = {s: n - before.get(s, 0) for s, n in phas.sets().items() if n != before.get(s, 0)}
        assert sent == {first: 1, second: 1}  # each once, through three kills
    again = _run(phas, "upload", *args)
    assert json.loads(again.stdout)["sent"] == 0


def test_download_then_upload_back_sends_nothing(phas: Phas, state_dir: Path, tmp_path: Path) -> None:
    phas.put({slide: document(40 + i) for i, slide in enumerate(phas.slides[:2])})
    dest = tmp_path / "annots"
    summary(_run(phas, "download", str(dest)))
    before = phas.sets() if phas.emulator is not None else {}
    result = summary(_run(phas, "upload", str(dest)))
    assert result["sent"] == 0 and result["found_existing"] == len(tree(dest)) >= 2
    if phas.emulator is not None:
        assert phas.sets() == before


def test_verify_resends_an_annotation_changed_on_the_server(phas: Phas, state_dir: Path, tmp_path: Path) -> None:
    slide = phas.slides[0]
    src = tmp_path / "up"
    src.mkdir()
    (src / f"{slide}.json").write_text(json.dumps(document(50)))
    summary(_run(phas, "upload", str(src)))
    phas.put({slide: document(51)})  # someone edits it in the viewer
    fixed = summary(_run(phas, "upload", str(src), "--verify"))
    assert fixed["mismatched"] == 1 and fixed["sent"] == 1
    assert phas.docs()[slide] == document(50)


def test_a_read_only_user_fails_per_item(phas: Phas, state_dir: Path, tmp_path: Path) -> None:
    src = tmp_path / "up"
    src.mkdir()
    for i, slide in enumerate(phas.slides[:2]):
        (src / f"{slide}.json").write_text(json.dumps(document(60 + i)))
    result = _run(phas, "upload", str(src), key_file=phas.reader_key_file)
    assert result.returncode == 3, result.stderr + result.stdout
    assert all(f["error"].startswith("PermissionDenied") for f in json.loads(result.stdout)["failures"])


# --- export, errors --------------------------------------------------------------------------------
def test_export_writes_the_official_task_file(phas: Phas, state_dir: Path, tmp_path: Path) -> None:
    phas.put({phas.slides[0]: document(70)})
    dry = cli("phas", "export", "--url", phas.task_url(), "--api-key-file", str(phas.key_file), str(tmp_path / "x"),
              "--dry-run", "--json")  # fmt: skip
    assert dry.returncode == 0 and not (tmp_path / "x").exists()
    result = cli("phas", "export", "--url", phas.task_url(), "--api-key-file", str(phas.key_file),
                 str(tmp_path / "out"), "--json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    written = Path(json.loads(result.stdout)["written"])
    assert written == tmp_path / "out" / f"task_{phas.task}_annots.json"
    records = json.loads(written.read_text())
    annotated = {s: d for s, d in phas.docs().items() if d is not None}
    assert {r["slide_id"]: r["annot"] for r in records} == annotated
    assert json.loads(result.stdout)["annotations"] == len(annotated)


def test_a_task_of_another_mode_is_refused(phas: Phas, state_dir: Path, tmp_path: Path) -> None:
    result = cli("phas", "download", "--url", phas.task_url(phas.other_task), "--api-key-file", str(phas.key_file),
                 str(tmp_path / "d"))  # fmt: skip
    assert result.returncode == 4, result.stderr
    assert "cannot be used for task of mode dltrain" in result.stderr
    project = cli("phas", "download", "--url", f"{phas.url}/project/x", "--api-key-file", str(phas.key_file),
                  str(tmp_path / "d"))  # fmt: skip
    assert project.returncode == 4 and "/task/<name>" in project.stderr
