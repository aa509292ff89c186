"""Grand Challenge scenarios on the emulator (HTTPS with its own CA), run through both twins: `Client`, and
`AsyncClient` through a blocking portal. Uploads are made of small parts (the emulator lowers S3's 5 MiB
minimum), so resumed uploads and injected part failures are cheap to show.

After each test every request the emulator validated must have matched the schema.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from medannot.errors import BadInput, FileExists, NotFound, PermissionDenied, ResponseSchemaError, ServerError
from medannot.grandchallenge import (
    AsyncClient,
    Client,
    ImportFailed,
    JobFailed,
    MultipleObjectsReturned,
    ObjectNotFound,
    SocketValueSpec,
)
from medannot.testing.data import nifti_bytes, synthetic_volume
from medannot.testing.grandchallenge import ALGORITHMS, ARCHIVES, READER_STUDIES, GrandChallengeEmulator
from tests import blocking

TOKEN = "contract-token"
PART = 64 * 1024


@pytest.fixture
def gc() -> Iterator[GrandChallengeEmulator]:
    with GrandChallengeEmulator(TOKEN, min_part_size=PART, import_seconds=0.1, job_step_seconds=0.02) as emulator:
        yield emulator
        broken = [c for c in emulator.contract.journal if c.response_errors]
        assert not broken, broken


def make(kind: str, gc: GrandChallengeEmulator, tmp_path: Path, portal: Any = None, **options: Any) -> Any:
    args: dict[str, Any] = {
        "token": f"Bearer {TOKEN}",
        "base_url": gc.url,
        "verify": str(gc.ca_path),
        "part_size": PART,
        "resume_dir": tmp_path / "resume",
        **options,
    }
    if kind == "sync":
        return Client(**args)
    return blocking.construct(AsyncClient, portal, **args)


@pytest.fixture(params=["sync", "async"])
def twin(request: pytest.FixtureRequest) -> Iterator[tuple[str, Any]]:
    if request.param == "sync":
        yield "sync", None
        return
    with blocking.portal() as portal:
        yield "async", portal


@pytest.fixture
def c(twin: tuple[str, Any], gc: GrandChallengeEmulator, tmp_path: Path) -> Iterator[Client]:
    with make(twin[0], gc, tmp_path, twin[1]) as client:
        yield client


def nifti(path: Path, seed: int = 0) -> Path:
    path.write_bytes(nifti_bytes(synthetic_volume((16, 16, 8), seed)))
    return path


def blob(path: Path, size: int, seed: int = 1) -> Path:
    chunk = hashlib.sha256(str(seed).encode()).digest() * 2048  # 64 KiB of varied bytes
    path.write_bytes((chunk * (size // len(chunk) + 1))[:size])
    return path


# --- construction, auth, namespaces -----------------------------------------------------------------------


def test_token_from_the_environment_and_url_rules(gc: GrandChallengeEmulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAND_CHALLENGE_AUTHORIZATION", f"  Token   {TOKEN}\n")
    with Client(base_url=gc.url, verify=str(gc.ca_path)) as client:
        assert client.algorithms.detail(slug="corads-ai").slug == "corads-ai"
    monkeypatch.delenv("GRAND_CHALLENGE_AUTHORIZATION")
    with pytest.raises(Exception, match="GRAND_CHALLENGE_AUTHORIZATION"):
        Client(base_url=gc.url)
    with pytest.raises(BadInput, match="https"):
        Client(token="x", base_url="http://grand-challenge.example/api/v1/")
    with pytest.raises(BadInput, match="/api/v1/"):
        Client(token="x", base_url="https://grand-challenge.example/")
    with pytest.raises(BadInput, match="Bearer"):
        Client(token="Bearer a b")
    Client(token="x", base_url="http://127.0.0.1:9/api/v1").close()  # plain http on loopback only


def test_wrong_token_is_an_auth_error(gc: GrandChallengeEmulator) -> None:
    from medannot.errors import AuthError

    with Client(token="nope", base_url=gc.url, verify=str(gc.ca_path)) as client, pytest.raises(AuthError):
        client.algorithms.page()


def test_namespaces_page_iterate_detail(c: Client) -> None:
    page = c.interfaces.page(limit=4)
    assert len(page) == 4 and page.total_count == 9 and page.offset == 0
    every = list(c.interfaces.iterate_all())
    assert len(every) == 9 and len({s.slug for s in every}) == 9
    corads = c.algorithms.detail(slug="corads-ai")
    assert corads["slug"] == corads.slug == "corads-ai" and str(corads.pk) == ALGORITHMS["corads-ai"]
    assert c.algorithms.detail(pk=corads["pk"]).slug == "corads-ai"  # the seed's `detail(job["pk"])` form
    assert c.algorithms.detail(api_url=corads.api_url).pk == corads.pk
    with pytest.raises(ObjectNotFound):
        c.algorithms.detail(slug="nope")
    with pytest.raises(NotFound):  # ObjectNotFound is a medannot NotFound
        c.algorithms.detail(pk="00000000-0000-4000-8000-000000000000")
    with pytest.raises(MultipleObjectsReturned):
        c.algorithms.detail(title__icontains="")  # an unknown filter: every algorithm matches
    with pytest.raises(BadInput, match="exactly one"):
        c.algorithms.detail()
    with pytest.raises(BadInput, match="host"):
        c.algorithms.detail(api_url="https://example.org/api/v1/algorithms/x/")
    studies = list(c.reader_studies.iterate_all())
    assert {s.slug for s in studies} == set(READER_STUDIES)
    assert c.archives.detail(pk=ARCHIVES["radboudcovid"]).title
    questions = list(c.reader_studies.questions.iterate_all(params={"reader_study": READER_STUDIES["reader-study"]}))
    assert len(questions) == 3
    assert len(list(c.display_sets.iterate_all(params={"reader_study": READER_STUDIES["reader-study"]}))) == 2
    assert list(c.answers.mine.iterate_all()) == []
    assert dict(json.loads(json.dumps(dict(corads))))["slug"] == "corads-ai"  # reads like gcapi's dicts


def test_iterate_all_follows_next_without_an_extra_request(c: Client, gc: GrandChallengeEmulator) -> None:
    before = len(gc.contract.journal)
    assert len(list(c.interfaces.iterate_all())) == 9
    assert len(gc.contract.journal) - before == 1  # one page of up to 1000: no request for an empty page


# --- the seed's verbs ----------------------------------------------------------------------------------------


def test_seed_flow_run_external_job_and_wait(c: Client, tmp_path: Path) -> None:
    alg = c.get_algorithm(algorithm="corads-ai")
    assert [i["slug"] for i in alg["inputs"]] == ["generic-medical-image"]
    assert alg["inputs"][0]["super_kind"] == "Image"
    files = [nifti(tmp_path / "ct.nii.gz", 1)]
    job = c.run_external_job(algorithm="corads-ai", inputs={"generic-medical-image": files})
    assert job["status"] in ("Validating inputs", "Queued")
    job = c.algorithm_jobs.detail(job["pk"])
    done = c.algorithm_jobs.wait(job, timeout=30)
    assert done.status == done["status"] == "Succeeded"
    outputs = {o.interface.slug: o for o in done.outputs}
    assert outputs["covid-19-probability"].value == 0.5
    again = c.run_external_job(algorithm="corads-ai", inputs={"generic-medical-image": done.inputs[0].image})
    assert c.wait(again, timeout=30).status == "Succeeded"  # an existing image, by its API URL


def test_seed_flow_value_inputs(c: Client) -> None:
    job = c.run_external_job(algorithm="some-algorithm", inputs={"lung-volume": 1.234, "nodules": {"points": []}})
    assert c.algorithm_jobs.wait(job, timeout=30).status == "Succeeded"


def test_seed_flow_upload_cases_and_refresh_by_url(c: Client, tmp_path: Path) -> None:
    files = [nifti(tmp_path / "a.nii.gz", 2)]
    session = c.upload_cases(files=files, archive="radboudcovid")
    assert session["status"] in ("Queued", "Started")
    session = c.__call__(url=session["api_url"])  # `c(url=...)`; spelled out for the async twin's test wrapper
    assert type(session).__name__ == "RawImageUploadSession" and session["status"]
    done = c.raw_image_upload_sessions.wait(session, timeout=30)
    assert done.status == "Succeeded" and len(done.image_set) == 1
    with pytest.raises(BadInput, match="exactly one"):
        c.upload_cases(files=files)
    with pytest.raises(BadInput, match="interface"):
        c.upload_cases(files=files, archive_item="00000000-0000-4000-8000-000000000000")
    with pytest.raises(BadInput, match="host"):
        c.__call__(url="https://example.org/api/v1/cases/upload-sessions/x/")


def test_upload_cases_to_a_reader_study_makes_a_display_set(c: Client, tmp_path: Path) -> None:
    study = READER_STUDIES["reader-study"]
    before = c.display_sets.page(params={"reader_study": study}).total_count
    session = c.upload_cases(files=[nifti(tmp_path / "rs.nii.gz", 3)], reader_study="reader-study")
    assert c.raw_image_upload_sessions.wait(session, timeout=30).status == "Succeeded"
    assert c.display_sets.page(params={"reader_study": study}).total_count == before + 1


def test_a_failed_import_says_why_per_file(c: Client, tmp_path: Path) -> None:
    junk = blob(tmp_path / "notes.bin", 1000)
    session = c.upload_cases(files=[junk], archive="radboudcovid")
    with pytest.raises(ImportFailed) as failed:
        c.raw_image_upload_sessions.wait(session, timeout=30)
    assert failed.value.status == "Failed" and failed.value.messages
    assert any("notes.bin" in m for m in failed.value.messages)


# --- gcapi 0.16's verbs --------------------------------------------------------------------------------------


def test_start_algorithm_job_with_specs(c: Client, tmp_path: Path) -> None:
    job = c.start_algorithm_job(
        algorithm_slug="corads-ai",
        inputs=[SocketValueSpec(socket_slug="generic-medical-image", files=[nifti(tmp_path / "x.nii.gz", 4)])],
    )
    assert c.algorithm_jobs.wait(job, timeout=30).status == "Succeeded"
    failing = c.start_algorithm_job(algorithm_slug="always-fails", inputs=[SocketValueSpec("lung-volume", value=1.0)])
    with pytest.raises(JobFailed) as failed:
        c.algorithm_jobs.wait(failing, timeout=30)
    assert failed.value.status == "Failed"


def test_validation_before_anything_is_sent(c: Client, gc: GrandChallengeEmulator, tmp_path: Path) -> None:
    image = nifti(tmp_path / "v.nii.gz", 6)
    with pytest.raises(ObjectNotFound, match="corads-ai"):
        c.start_algorithm_job(algorithm_slug="corads_ai", inputs=[])  # close match named
    with pytest.raises(ObjectNotFound, match="radboudcovid"):
        c.add_case_to_archive(archive_slug="radboudcovi", values=[])
    uploads_before = len(gc.backend.uploads)
    with pytest.raises(BadInput, match="interface 1: generic-medical-image"):
        c.start_algorithm_job(algorithm_slug="corads-ai", inputs={"lung-volume": 1.0})
    with pytest.raises(BadInput, match="takes the files of an image"):
        c.start_algorithm_job(algorithm_slug="corads-ai", inputs=[SocketValueSpec("generic-medical-image", value=3)])
    with pytest.raises(BadInput, match="JSON value"):
        c.start_algorithm_job(
            algorithm_slug="some-algorithm",
            inputs=[SocketValueSpec("lung-volume", file=image), SocketValueSpec("nodules", value={})],
        )
    with pytest.raises(BadInput, match="not of type 'number'"):
        c.start_algorithm_job(algorithm_slug="some-algorithm", inputs={"lung-volume": "many", "nodules": {}})
    with pytest.raises(BadInput, match="exactly one of"):
        c.start_algorithm_job(algorithm_slug="corads-ai", inputs=[SocketValueSpec("generic-medical-image")])
    from medannot.grandchallenge import SocketNotFound

    with pytest.raises(SocketNotFound, match="lung-volume"):
        c.add_case_to_archive(archive_slug="radboudcovid", values={"lung-volum": 1.0})
    assert len(gc.backend.uploads) == uploads_before  # nothing was uploaded


def test_add_case_to_archive_update_and_wait(c: Client, tmp_path: Path) -> None:
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.4 contract")
    item = c.add_case_to_archive(
        archive_slug="empty-archive",
        values=[
            SocketValueSpec("generic-medical-image", files=[nifti(tmp_path / "s.nii.gz", 7)]),
            SocketValueSpec("pdf-report", file=report),
            SocketValueSpec("lung-volume", value=3.5),
        ],
    )
    landed = c.archive_items.wait(item, timeout=30)
    assert {v.interface.slug for v in landed.values} == {"generic-medical-image", "pdf-report", "lung-volume"}
    updated = c.update_archive_item(archive_item_pk=item.pk, values={"lung-volume": 4.5})
    assert {v.interface for v in updated.values} >= {"lung-volume"}
    again = c.archive_items.detail(pk=item.pk)
    assert {v.interface.slug: v.value for v in again.values}["lung-volume"] == 4.5
    out = tmp_path / "out"
    values = {v.interface.slug: v for v in again.values}
    pdf = c.download_socket_value(values["pdf-report"], output_directory=out)
    assert isinstance(pdf, Path) and pdf.read_bytes() == b"%PDF-1.4 contract"
    number = c.download_socket_value(values["lung-volume"], output_directory=out)
    assert isinstance(number, Path) and json.loads(number.read_text()) == 4.5
    images = c.download_socket_value(values["generic-medical-image"], output_directory=out)
    assert isinstance(images, list) and images[0].read_bytes() == (tmp_path / "s.nii.gz").read_bytes()
    with pytest.raises(FileExists):
        c.download_socket_value(values["pdf-report"], output_directory=out)


def test_add_case_to_reader_study_and_update_display_set(c: Client, tmp_path: Path) -> None:
    ds = c.add_case_to_reader_study(
        reader_study_slug="reader-study",
        values=[SocketValueSpec("generic-medical-image", files=[nifti(tmp_path / "d.nii.gz", 8)])],
        title="case 1",
    )
    landed = c.display_sets.wait(ds, timeout=30)
    assert [v.interface.slug for v in landed.values] == ["generic-medical-image"]
    updated = c.update_display_set(display_set_pk=ds.pk, values={"lung-volume": 2.0}, title="renamed")
    assert updated.title == "renamed"


def test_images_download_streams_atomically(c: Client, tmp_path: Path) -> None:
    image = next(iter(c.images.iterate_all()))
    paths = c.images.download(pk=image.pk, output_directory=tmp_path / "img")
    assert len(paths) == len(image.files) and all(p.stat().st_size > 0 for p in paths)
    assert paths[0].name.startswith(str(image.pk))
    named = c.images.download(url=image.api_url, output_directory=tmp_path / "img", filename="scan")
    assert named[0].name.startswith("scan.")
    with pytest.raises(FileExists):
        c.images.download(pk=image.pk, output_directory=tmp_path / "img")
    old = c.images.download(pk=image.pk, filename=tmp_path / "v013" / "case")  # gcapi 0.13's form
    assert old[0].parent == tmp_path / "v013" and old[0].name.startswith("case.")
    assert not [p for p in (tmp_path / "img").iterdir() if p.name.startswith(".")]  # no temporary files left


# --- uploads that survive ------------------------------------------------------------------------------------


def test_multipart_upload_streams_parts_and_checks_etags(c: Client, gc: GrandChallengeEmulator, tmp_path: Path) -> None:
    data = blob(tmp_path / "big.bin", 5 * PART + 123)
    seen: list[tuple[int, int]] = []
    upload = c.uploads.upload_file(data, progress=lambda done, total: seen.append((done, total)))
    assert upload.status == "Completed"
    assert gc.backend.uploads[str(upload.pk)].path.read_bytes() == data.read_bytes()  # type: ignore[union-attr]
    assert seen[-1] == (data.stat().st_size, data.stat().st_size) and len(seen) == 6
    assert not list((tmp_path / "resume").glob("*.json"))  # the state file goes once the upload completes
    several = c.uploads.upload_files([blob(tmp_path / f"{i}.dcm", PART + i, i) for i in range(4)])
    assert [u.filename for u in several] == [f"{i}.dcm" for i in range(4)]
    with open(data, "rb") as stream:
        from_object = c.uploads.upload_fileobj(fileobj=stream, filename="stream.bin")
    assert gc.backend.uploads[str(from_object.pk)].path.read_bytes() == data.read_bytes()  # type: ignore[union-attr]


def test_part_failures_and_a_dropped_connection_are_retried(
    c: Client, gc: GrandChallengeEmulator, tmp_path: Path
) -> None:
    data = blob(tmp_path / "flaky.bin", 4 * PART)
    gc.inject("500", method="PUT", path="/storage/", times=3)
    gc.inject("drop", method="PUT", path="/storage/", times=1)
    gc.inject("503", method="PUT", path="/storage/", times=2, retry_after=0)
    upload = c.uploads.upload_file(data)
    assert upload.status == "Completed"
    assert gc.backend.uploads[str(upload.pk)].path.read_bytes() == data.read_bytes()  # type: ignore[union-attr]


def test_an_expired_presigned_url_is_renewed(c: Client, gc: GrandChallengeEmulator, tmp_path: Path) -> None:
    data = blob(tmp_path / "slow.bin", 2 * PART)
    original = gc.backend.sign

    calls = {"n": 0}

    def stale_once(method: str, path: str, query: str) -> str:
        calls["n"] += 1
        return "stale" if calls["n"] == 1 else original(method, path, query)

    gc.backend.sign = stale_once  # type: ignore[method-assign]  # the first URL handed out is refused by storage
    try:
        upload = c.uploads.upload_file(data)
    finally:
        gc.backend.sign = original  # type: ignore[method-assign]
    assert upload.status == "Completed"


def test_upload_limit_is_permission_denied_and_aborts(c: Client, gc: GrandChallengeEmulator, tmp_path: Path) -> None:
    data = blob(tmp_path / "limit.bin", 2 * PART)
    gc.inject("upload-limit")
    with pytest.raises(PermissionDenied, match="Upload limit reached"):
        c.uploads.upload_file(data)
    statuses = [u.status for u in gc.backend.uploads.values()]
    assert statuses == ["Aborted"]  # never retried: one upload, aborted
    assert not list((tmp_path / "resume").glob("*.json"))


def test_a_final_part_failure_aborts(twin: tuple[str, Any], gc: GrandChallengeEmulator, tmp_path: Path) -> None:
    data = blob(tmp_path / "doomed.bin", 2 * PART)
    gc.inject("500", method="PUT", path="/storage/", times=100)
    with make(twin[0], gc, tmp_path, twin[1], part_retries=1) as client, pytest.raises(ServerError):
        client.uploads.upload_file(data)
    assert [u.status for u in gc.backend.uploads.values()] == ["Aborted"]


class Killed(Exception):
    """What a killed process looks like to the upload: it stops, and nothing aborts it."""


def settled_parts(gc: GrandChallengeEmulator, pk: str) -> int:
    """The parts the server holds once the killed upload's last request has landed: a part whose body was all
    sent when the client stopped is still stored by the server a moment later."""
    count, stable_since = -1, time.monotonic()
    deadline = stable_since + 5
    while time.monotonic() < deadline:
        now = len(gc.backend.uploads[pk].parts)
        if now != count:
            count, stable_since = now, time.monotonic()
        elif time.monotonic() - stable_since > 0.3:
            break
        time.sleep(0.02)
    return count


def test_resume_after_a_kill_sends_only_the_missing_parts(
    twin: tuple[str, Any], gc: GrandChallengeEmulator, tmp_path: Path
) -> None:
    size = 10 * PART + 77
    data = blob(tmp_path / "resume-me.bin", size)

    def kill_at_half(done: int, total: int) -> None:
        if done >= total // 2:
            raise Killed

    with make(twin[0], gc, tmp_path, twin[1], part_concurrency=2) as first, pytest.raises(Killed):
        first.uploads.upload_file(data, progress=kill_at_half)
    (state,) = (tmp_path / "resume").glob("*.json")
    pk = json.loads(state.read_text())["pk"]
    held = settled_parts(gc, pk)
    assert gc.backend.uploads[pk].status == "Initialized" and 5 <= held < 11
    seen: list[int] = []
    with make(twin[0], gc, tmp_path, twin[1], part_concurrency=2) as second:  # a new process, same file
        upload = second.uploads.upload_file(data, progress=lambda done, total: seen.append(done))
    assert str(upload.pk) == pk and upload.status == "Completed"
    resumed = seen[0]
    assert resumed == held * PART  # the server's parts were checked against the file and kept
    assert size - resumed <= (11 - held) * PART  # only the missing parts were sent again
    assert gc.backend.uploads[pk].path.read_bytes() == data.read_bytes()  # type: ignore[union-attr]
    assert not list((tmp_path / "resume").glob("*.json"))


def test_a_changed_file_does_not_resume_into_the_old_upload(
    twin: tuple[str, Any], gc: GrandChallengeEmulator, tmp_path: Path
) -> None:
    data = blob(tmp_path / "changes.bin", 4 * PART)

    def kill(done: int, total: int) -> None:
        raise Killed

    with make(twin[0], gc, tmp_path, twin[1], part_concurrency=1) as first, pytest.raises(Killed):
        first.uploads.upload_file(data, progress=kill)
    blob(data, 4 * PART + 1, seed=9)  # a new size (and mtime): another state key
    with make(twin[0], gc, tmp_path, twin[1]) as second:
        upload = second.uploads.upload_file(data)
    assert gc.backend.uploads[str(upload.pk)].path.read_bytes() == data.read_bytes()  # type: ignore[union-attr]
    assert len(gc.backend.uploads) == 2


def test_a_redirect_off_the_server_is_not_followed(c: Client, gc: GrandChallengeEmulator) -> None:
    image = next(iter(c.images.iterate_all()))
    assert image.files
    with pytest.raises(ResponseSchemaError):
        c._download("https://example.org/elsewhere.mha", Path("unused"), overwrite=False)  # type: ignore[attr-defined]
