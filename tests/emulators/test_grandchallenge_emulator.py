"""The Grand Challenge emulator over real sockets (HTTPS with its own CA) and plain httpx: auth, DRF pagination and
errors, the S3-style multipart upload through presigned URLs, imports and jobs on the clock, fault hooks.

Each test gets a fresh emulator; after each test, every request it validated must have matched the schema (the
journal holds no response errors) and no handler may have crashed unless the test asked for it.
"""

from __future__ import annotations

import hashlib
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from medannot.testing.data import nifti_bytes, synthetic_volume
from medannot.testing.grandchallenge import ALGORITHMS, ARCHIVES, READER_STUDIES, GrandChallengeEmulator, ManualClock

TOKEN = "emulator-token"
PART = 64 * 1024  # the tests' smallest part (S3's 5 MiB minimum is lowered for speed)
NULLS = {k: None for k in ("value", "file", "image", "upload_session", "user_upload", "user_uploads", "image_name")}


@pytest.fixture
def gc() -> Iterator[GrandChallengeEmulator]:
    with GrandChallengeEmulator(TOKEN, min_part_size=PART, import_seconds=0.1, job_step_seconds=0.02) as emulator:
        yield emulator
        broken = [c for c in emulator.contract.journal if c.response_errors]
        assert not broken, broken


@pytest.fixture
def client(gc: GrandChallengeEmulator) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"BEARER {TOKEN}", "Accept": "application/json"}  # what gcapi sends
    with httpx.Client(base_url=gc.url, headers=headers, verify=trust(gc), timeout=30) as c:
        yield c


def trust(gc: GrandChallengeEmulator) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=gc.ca_path)


def upload(
    client: httpx.Client, gc: GrandChallengeEmulator, name: str, data: bytes, part: int = PART
) -> dict[str, Any]:
    """The gcapi protocol: create, presign, PUT each part (no token), complete; returns the completed upload."""
    created = client.post("uploads/", json={"filename": name})
    assert created.status_code == 201, created.text
    up = created.json()
    base = f"uploads/{up['pk']}/{up['s3_upload_id']}/"
    chunks = [data[i : i + part] for i in range(0, len(data), part)] or [b""]
    numbers = list(range(1, len(chunks) + 1))
    urls = client.patch(base + "generate-presigned-urls/", json={"part_numbers": numbers}).json()["presigned_urls"]
    parts = []
    with httpx.Client(verify=trust(gc)) as storage:  # presigned URLs carry no token
        for n, chunk in zip(numbers, chunks, strict=True):
            put = storage.put(urls[str(n)], content=chunk)
            assert put.status_code == 200, put.text
            assert put.headers["ETag"] == f'"{hashlib.md5(chunk, usedforsecurity=False).hexdigest()}"'
            parts.append({"ETag": put.headers["ETag"], "PartNumber": n})
    done = client.patch(base + "complete-multipart-upload/", json={"parts": parts})
    assert done.status_code == 200, done.text
    return done.json()


def nifti(seed: int = 0) -> bytes:
    return nifti_bytes(synthetic_volume((16, 16, 8), seed))


def wait_for(client: httpx.Client, url: str, done: set[str], timeout: float = 10) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        body = client.get(url).json()
        if body["status"] in done or time.monotonic() > deadline:
            return body
        time.sleep(0.05)


def test_version_check_needs_no_token_and_json_is_exactly_application_json(gc: GrandChallengeEmulator) -> None:
    answer = httpx.get(gc.url + "gcapi/", verify=trust(gc))
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"  # gcapi compares the header for equality
    assert answer.json() == {"latest_version": "0.16.1", "lowest_supported_version": "0.13.0"}
    assert gc.url.startswith("https://127.0.0.1:") and gc.url.endswith("/api/v1/")


def test_plain_http_and_unknown_ca_are_refused(gc: GrandChallengeEmulator) -> None:
    with pytest.raises(httpx.ConnectError):
        httpx.get(gc.url + "gcapi/")  # the system store does not know the emulator's CA
    with pytest.raises(httpx.HTTPError):
        httpx.get(gc.url.replace("https://", "http://") + "gcapi/")


@pytest.mark.parametrize(
    ("header", "status", "detail"),
    [
        (None, 401, "Authentication credentials were not provided."),
        ("Bearer wrong", 401, "Invalid token."),
        ("Basic abc", 401, "Invalid token header. No credentials provided."),
        (f"Token {TOKEN}", 200, None),
        (f"bearer {TOKEN}", 200, None),
    ],
)
def test_token_auth(gc: GrandChallengeEmulator, header: str | None, status: int, detail: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    answer = httpx.get(gc.url + "algorithms/", headers=headers, verify=trust(gc))
    assert answer.status_code == status
    if detail:
        assert answer.json() == {"detail": detail}
        assert answer.headers["WWW-Authenticate"] == "Bearer"


def test_seed_data_by_slug(client: httpx.Client) -> None:
    algorithms = client.get("algorithms/", params={"slug": "corads-ai"}).json()
    assert algorithms["count"] == 1
    corads = algorithms["results"][0]
    assert corads["pk"] == ALGORITHMS["corads-ai"]
    assert [s["slug"] for s in corads["interfaces"][0]["inputs"]] == ["generic-medical-image"]
    assert corads["interfaces"][0]["inputs"][0]["super_kind"] == "Image"
    assert client.get(corads["api_url"]).json()["slug"] == "corads-ai"
    kinds = {s["slug"]: s["super_kind"] for s in client.get("components/interfaces/").json()["results"]}
    assert {"Image", "File", "Value"} <= set(kinds.values())
    assert (
        client.get("archives/", params={"slug": "radboudcovid"}).json()["results"][0]["pk"] == ARCHIVES["radboudcovid"]
    )
    study = client.get("reader-studies/", params={"slug": "reader-study"}).json()["results"][0]
    assert study["pk"] == READER_STUDY_PK and len(study["questions"]) == 3
    sets = client.get("reader-studies/display-sets/", params={"reader_study": study["pk"]}).json()
    assert sets["count"] == 2 and all(v["image"] for d in sets["results"] for v in d["values"])


READER_STUDY_PK = READER_STUDIES["reader-study"]


def test_pagination_follows_next_and_clamps_the_limit(client: httpx.Client) -> None:
    first = client.get("components/interfaces/", params={"limit": 4})
    page = first.json()
    seen = [s["slug"] for s in page["results"]]
    assert page["previous"] is None and page["next"].startswith("https://127.0.0.1:")
    pages = 1
    while page["next"]:
        page = client.get(page["next"]).json()
        seen += [s["slug"] for s in page["results"]]
        pages += 1
    assert len(seen) == len(set(seen)) == page["count"] == 9
    assert pages == 3 and page["previous"] is not None
    past_the_end = client.get("components/interfaces/", params={"offset": 100}).json()
    assert past_the_end["results"] == [] and past_the_end["count"] == 9  # how gcapi's iterate_all stops
    assert len(client.get("components/interfaces/", params={"limit": 5000}).json()["results"]) == 9
    assert client.get("components/interfaces/", params={"limit": 0}).json()["next"] is None  # 0 -> default 100


def test_drf_error_bodies(client: httpx.Client) -> None:
    missing = client.get("algorithms/00000000-0000-4000-8000-000000000000/")
    assert missing.status_code == 404 and missing.json() == {"detail": "No Algorithm matches the given query."}
    assert client.get("algorithms/not-a-uuid/").json() == {"detail": "Not found."}
    method = client.delete("algorithms/jobs/")
    assert method.status_code == 405 and method.json() == {"detail": 'Method "DELETE" not allowed.'}
    invalid = client.post("uploads/", json={})
    assert invalid.status_code == 400 and invalid.json() == {"filename": ["This field is required."]}
    path = client.post("uploads/", json={"filename": "../etc/passwd"})
    assert path.json() == {"filename": ["../etc/passwd is not a valid filename"]}
    unparsable = client.post("uploads/", content=b"{nope", headers={"Content-Type": "application/json"})
    assert unparsable.status_code == 400 and unparsable.json()["detail"].startswith("JSON parse error")
    corads = client.get("algorithms/", params={"slug": "corads-ai"}).json()["results"][0]
    wrong_inputs = client.post(
        "algorithms/jobs/", json={"algorithm": corads["api_url"], "inputs": [{"interface": "lung-volume", **NULLS}]}
    )
    assert wrong_inputs.status_code == 400
    assert wrong_inputs.json() == {"inputs": [{"non_field_errors": ["value is required for interface kind Float"]}]}
    no_match = client.post(
        "algorithms/jobs/",
        json={"algorithm": corads["api_url"], "inputs": [{"interface": "lung-volume", **NULLS, "value": 1.5}]},
    )
    assert no_match.json()["non_field_errors"][0].startswith(
        "The set of inputs provided does not match any of the algorithm's interfaces."
    )
    bad_link = client.post("algorithms/jobs/", json={"algorithm": "https://example.org/x/", "inputs": []})
    assert bad_link.json() == {"algorithm": ["Invalid hyperlink - No URL match."]}


def test_multipart_upload_through_presigned_urls(client: httpx.Client, gc: GrandChallengeEmulator) -> None:
    data = bytes(range(256)) * 1100  # 281,600 bytes: four full parts and a short one
    done = upload(client, gc, "blob.bin", data)
    assert done["status"] == "Completed"
    assert done["key"].endswith(done["pk"])
    stored = gc.backend.uploads[done["pk"]]
    assert stored.path is not None and stored.path.read_bytes() == data
    listed = client.get("uploads/").json()
    assert [u["pk"] for u in listed["results"]] == [done["pk"]]


def test_list_parts_resumes_and_storage_checks_signatures(client: httpx.Client, gc: GrandChallengeEmulator) -> None:
    up = client.post("uploads/", json={"filename": "big.bin"}).json()
    base = f"uploads/{up['pk']}/{up['s3_upload_id']}/"
    urls = client.patch(base + "generate-presigned-urls/", json={"part_numbers": [1, 2, 3]}).json()["presigned_urls"]
    storage = httpx.Client(verify=trust(gc))
    first = storage.put(urls["1"], content=b"a" * PART)
    listed = client.get(base + "list-parts/").json()["parts"]
    assert [(p["PartNumber"], p["ETag"], p["Size"]) for p in listed] == [(1, first.headers["ETag"], PART)]
    tampered = storage.put(urls["2"].replace("partNumber=2", "partNumber=9"), content=b"b")
    assert tampered.status_code == 403 and b"SignatureDoesNotMatch" in tampered.content
    gc.clock.advance(3601)  # presigned URLs live an hour
    expired = storage.put(urls["2"], content=b"b" * PART)
    assert expired.status_code == 403 and b"Request has expired" in expired.content
    fresh = client.patch(base + "generate-presigned-urls/", json={"part_numbers": [2]}).json()["presigned_urls"]
    second = storage.put(fresh["2"], content=b"b" * 10)
    parts = [{"ETag": first.headers["ETag"], "PartNumber": 1}, {"ETag": second.headers["ETag"], "PartNumber": 2}]
    assert client.patch(base + "complete-multipart-upload/", json={"parts": parts}).json()["status"] == "Completed"
    assert gc.backend.uploads[up["pk"]].path.read_bytes() == b"a" * PART + b"b" * 10  # type: ignore[union-attr]
    wrong_id = client.get(f"uploads/{up['pk']}/not-the-id/list-parts/")
    assert wrong_id.status_code == 404 and wrong_id.json() == {"detail": "Not found."}
    storage.close()


def test_a_small_part_or_a_wrong_etag_fails_completion_like_s3(
    client: httpx.Client, gc: GrandChallengeEmulator
) -> None:
    up = client.post("uploads/", json={"filename": "x.bin"}).json()
    base = f"uploads/{up['pk']}/{up['s3_upload_id']}/"
    urls = client.patch(base + "generate-presigned-urls/", json={"part_numbers": [1, 2]}).json()["presigned_urls"]
    etags = [httpx.put(urls[str(n)], content=b"x" * 10, verify=trust(gc)).headers["ETag"] for n in (1, 2)]
    wrong = client.patch(base + "complete-multipart-upload/", json={"parts": [{"ETag": '"0"', "PartNumber": 1}]})
    assert wrong.status_code == 500 and "Server Error (500)" in wrong.text
    small = [{"ETag": etags[0], "PartNumber": 1}, {"ETag": etags[1], "PartNumber": 2}]
    assert client.patch(base + "complete-multipart-upload/", json={"parts": small}).status_code == 500
    assert len(gc.crashes) == 2  # what the real server's uncaught S3 errors become
    gc.crashes.clear()
    aborted = client.patch(base + "abort-multipart-upload/")
    assert aborted.json()["status"] == "Aborted"


def test_algorithm_job_reaches_a_terminal_state_on_the_clock(client: httpx.Client, gc: GrandChallengeEmulator) -> None:
    image_upload = upload(client, gc, "ct.nii.gz", nifti(1))
    corads = client.get("algorithms/", params={"slug": "corads-ai"}).json()["results"][0]
    inputs = [{"interface": "generic-medical-image", **NULLS, "user_uploads": [image_upload["api_url"]]}]
    created = client.post("algorithms/jobs/", json={"algorithm": corads["api_url"], "inputs": inputs})
    assert created.status_code == 201, created.text
    assert created.json()["status"] == "Validating inputs"
    job_url = f"algorithms/jobs/{created.json()['pk']}/"
    job = wait_for(client, job_url, {"Succeeded", "Failed"})
    assert job["status"] == "Succeeded"
    outputs = {o["interface"]["slug"]: o for o in job["outputs"]}
    assert outputs["covid-19-probability"]["value"] == 0.5
    overlay = client.get(outputs["generic-overlay"]["image"]).json()
    assert overlay["shape"] == [4, 8, 8]
    source = client.get(job["inputs"][0]["image"]).json()
    assert source["name"] == "ct.nii.gz" and source["shape"] == [8, 16, 16]
    download = client.get(source["files"][0]["file"], follow_redirects=True)
    assert download.status_code == 200 and download.headers["content-type"] == "application/octet-stream"
    assert download.content == nifti(1)
    assert "/storage/" in str(download.url) and len(download.history) == 1  # a redirect to presigned storage
    by_algorithm = client.get("algorithms/jobs/", params={"algorithm_image__algorithm": corads["pk"]}).json()
    assert [j["pk"] for j in by_algorithm["results"]] == [job["pk"]]


def test_job_stages_follow_a_manual_clock() -> None:
    clock = ManualClock()
    with GrandChallengeEmulator(TOKEN, clock=clock, job_step_seconds=1.0) as gc:
        headers = {"Authorization": f"Bearer {TOKEN}"}
        with httpx.Client(base_url=gc.url, headers=headers, verify=trust(gc)) as client:
            lung = client.get(f"algorithms/{ALGORITHMS['some-algorithm']}/").json()
            inputs = [
                {"interface": "lung-volume", **NULLS, "value": 1.234},
                {"interface": "nodules", **NULLS, "value": {"points": []}},
            ]
            job = client.post("algorithms/jobs/", json={"algorithm": lung["api_url"], "inputs": inputs}).json()
            url = f"algorithms/jobs/{job['pk']}/"
            assert job["status"] == "Queued"  # value inputs need no import
            for _ in range(5):
                assert client.get(url).json()["status"] == "Queued"  # polling alone changes nothing
            clock.advance(2.5)
            assert client.get(url).json()["status"] == "Provisioned"
            clock.advance(100)  # however late the next poll, the job is finished
            done = client.get(url).json()
            assert done["status"] == "Succeeded" and done["exec_duration"] == "P0DT00H00M01.000000S"
            outputs = {o["interface"]["slug"]: o for o in done["outputs"]}
            assert outputs["results"]["value"] is not None
            report = client.get(outputs["metrics-json-file"]["file"], follow_redirects=True)
            assert report.json()["score"] == 0.5


def test_failing_algorithm_and_failed_import(client: httpx.Client, gc: GrandChallengeEmulator) -> None:
    fails = client.get(f"algorithms/{ALGORITHMS['always-fails']}/").json()
    inputs = [{"interface": "lung-volume", **NULLS, "value": 2.0}]
    job = client.post("algorithms/jobs/", json={"algorithm": fails["api_url"], "inputs": inputs}).json()
    assert wait_for(client, f"algorithms/jobs/{job['pk']}/", {"Succeeded", "Failed"})["status"] == "Failed"
    notes = upload(client, gc, "notes.txt", b"not an image")
    archive = client.get(f"archives/{ARCHIVES['radboudcovid']}/").json()
    session = client.post("cases/upload-sessions/", json={"uploads": [notes["api_url"]], "archive": "radboudcovid"})
    assert session.status_code == 201, session.text
    result = wait_for(client, session.json()["api_url"], {"Succeeded", "Failed"})
    assert result["status"] == "Failed" and "notes.txt" in result["error_message"]
    assert archive["title"] == "Radboud COVID"


def test_seed_upload_cases_to_an_archive(client: httpx.Client, gc: GrandChallengeEmulator) -> None:
    """gcapi 0.13's upload_cases: uploads, then a raw image upload session targeting the archive."""
    before = client.get("archives/items/", params={"archive": ARCHIVES["radboudcovid"]}).json()["count"]
    files = [upload(client, gc, f"case-{n}.nii.gz", nifti(n)) for n in range(2)]
    session = client.post(
        "cases/upload-sessions/", json={"uploads": [f["api_url"] for f in files], "archive": "radboudcovid"}
    ).json()
    assert session["status"] == "Queued" and session["image_set"] == []
    done = wait_for(client, session["api_url"], {"Succeeded", "Failed"})  # `c(url=session["api_url"])`
    assert done["status"] == "Succeeded" and len(done["image_set"]) == 2
    after = client.get("archives/items/", params={"archive": ARCHIVES["radboudcovid"]}).json()["count"]
    assert after == before + 2
    both = client.post(
        "cases/upload-sessions/",
        json={"uploads": [files[0]["api_url"]], "archive": "radboudcovid", "display_set": str(READER_STUDY_PK)},
    )
    assert both.status_code == 400


def test_archive_item_and_display_set_values(client: httpx.Client, gc: GrandChallengeEmulator) -> None:
    """gcapi 0.16's add_case_to_archive / add_case_to_reader_study: create, then PATCH values."""
    archive = client.get(f"archives/{ARCHIVES['empty-archive']}/").json()
    item = client.post("archives/items/", json={"archive": archive["api_url"]})
    assert item.status_code == 201 and item.json()["values"] == []
    refused = client.post("archives/items/", json={"archive": archive["api_url"], "values": [{"interface": "x"}]})
    assert refused.json() == {"non_field_errors": ["Values can only be added via update"]}
    image = upload(client, gc, "scan.nii.gz", nifti(3))
    report = upload(client, gc, "report.pdf", b"%PDF-1.4 test")
    values = [
        {"interface": "generic-medical-image", **NULLS, "user_uploads": [image["api_url"]]},
        {"interface": "pdf-report", **NULLS, "user_upload": report["api_url"]},
        {"interface": "lung-volume", **NULLS, "value": 3.5},
    ]
    patched = client.patch(f"archives/items/{item.json()['pk']}/", json={"values": values})
    assert patched.status_code == 200, patched.text
    assert [v["interface"] for v in patched.json()["values"]] == ["lung-volume"]  # uploads land in the background
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        current = client.get(f"archives/items/{item.json()['pk']}/").json()
        if len(current["values"]) == 3:
            break
        time.sleep(0.05)
    slugs = {v["interface"]["slug"]: v for v in current["values"]}
    assert set(slugs) == {"generic-medical-image", "pdf-report", "lung-volume"}
    assert client.get(slugs["pdf-report"]["file"], follow_redirects=True).content == b"%PDF-1.4 test"
    display_set = client.post("reader-studies/display-sets/", json={"reader_study": "reader-study"})
    assert display_set.status_code == 201 and display_set.json()["reader_study"] == "reader-study"
    bad = client.post("reader-studies/display-sets/", json={"reader_study": "nope"})
    assert bad.json() == {"reader_study": ["Object with slug=nope does not exist."]}
    ds_url = f"reader-studies/display-sets/{display_set.json()['pk']}/"
    existing = {"interface": "generic-medical-image", **NULLS, "image": slugs["generic-medical-image"]["image"]}
    assert client.patch(ds_url, json={"values": [existing]}).json()["values"][0]["image"] == existing["image"]
    wrong_kind = client.patch(ds_url, json={"values": [{"interface": "lung-volume", **NULLS, "value": "many"}]})
    assert wrong_kind.json() == {
        "values": [{"value": ["JSON does not fulfill schema: \"many\" is not of type 'number'"]}]
    }


def test_answers_and_ground_truth(client: httpx.Client) -> None:
    questions = client.get("reader-studies/questions/", params={"reader_study": READER_STUDY_PK}).json()["results"]
    display_set = client.get("reader-studies/display-sets/", params={"reader_study": READER_STUDY_PK}).json()
    first = display_set["results"][0]["api_url"]
    answer = client.post(
        "reader-studies/answers/", json={"answer": True, "display_set": first, "question": questions[0]["api_url"]}
    )
    assert answer.status_code == 201, answer.text
    again = client.post(
        "reader-studies/answers/", json={"answer": False, "display_set": first, "question": questions[0]["api_url"]}
    )
    assert again.status_code == 400
    wrong = client.post(
        "reader-studies/answers/", json={"answer": "yes", "display_set": first, "question": questions[2]["api_url"]}
    )
    assert wrong.status_code == 400
    mine = client.get("reader-studies/answers/mine/").json()
    assert [a["pk"] for a in mine["results"]] == [answer.json()["pk"]]
    changed = client.patch(f"reader-studies/answers/{answer.json()['pk']}/", json={"answer": False})
    assert changed.json()["answer"] is False
    teaching = READER_STUDIES["teaching-study"]
    case = client.get("reader-studies/display-sets/", params={"reader_study": teaching}).json()["results"][0]
    truth = client.get(f"reader-studies/{teaching}/ground-truth/{case['pk']}/").json()
    assert [t["answer"] for t in truth.values()] == [2]
    assert client.get(f"reader-studies/{READER_STUDY_PK}/ground-truth/{case['pk']}/").status_code == 404


def test_fault_hooks(client: httpx.Client, gc: GrandChallengeEmulator) -> None:
    gc.inject("429", path="/algorithms/", retry_after=7)
    throttled = client.get("algorithms/")
    assert throttled.status_code == 429 and throttled.headers["Retry-After"] == "7"
    assert throttled.json() == {"detail": "Request was throttled. Expected available in 7 seconds."}
    assert client.get("algorithms/").status_code == 200  # once
    gc.inject("503", method="GET", times=2)
    assert [client.get("archives/").status_code for _ in range(3)] == [503, 503, 200]
    gc.inject("500", path="/archives/")
    server_error = client.get("archives/")
    assert server_error.status_code == 500 and server_error.headers["content-type"].startswith("text/html")
    gc.inject("too-many-uploads")
    too_many = client.post("uploads/", json={"filename": "a.bin"})
    assert too_many.json() == {"non_field_errors": ["You have created too many uploads. Please try again later."]}
    up = client.post("uploads/", json={"filename": "a.bin"}).json()
    gc.inject("upload-limit")
    limited = client.patch(
        f"uploads/{up['pk']}/{up['s3_upload_id']}/generate-presigned-urls/", json={"part_numbers": [1]}
    )
    assert limited.status_code == 403 and limited.json() == {"detail": "Upload limit reached"}
    gc.inject("drop", method="PUT", path="/storage/")
    urls = client.patch(f"uploads/{up['pk']}/{up['s3_upload_id']}/generate-presigned-urls/", json={"part_numbers": [1]})
    with pytest.raises(httpx.TransportError):
        httpx.put(urls.json()["presigned_urls"]["1"], content=b"x" * PART, verify=trust(gc))
    retried = httpx.put(urls.json()["presigned_urls"]["1"], content=b"x" * PART, verify=trust(gc))
    assert retried.status_code == 200 and retried.headers["ETag"]


def test_too_many_uploads_from_the_real_limit() -> None:
    with GrandChallengeEmulator(TOKEN, max_uploads=1) as gc:
        headers = {"Authorization": f"Bearer {TOKEN}"}
        with httpx.Client(base_url=gc.url, headers=headers, verify=trust(gc)) as client:
            codes = [client.post("uploads/", json={"filename": "a"}).status_code for _ in range(3)]
    assert codes == [201, 201, 400]  # the server counts existing uploads with `> limit`


def test_reset_and_state(client: httpx.Client, gc: GrandChallengeEmulator) -> None:
    client.post("uploads/", json={"filename": "a.bin"})
    assert len(client.get(gc.origin + "/_emulator/state").json()["uploads"]) == 1
    client.post(gc.origin + "/_emulator/reset")
    assert client.get("uploads/").json()["count"] == 0
    assert client.get("algorithms/").json()["count"] == 3


def test_command_line_writes_the_ca_and_prints_the_api_url(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "medannot.testing.grandchallenge", "--api-key", TOKEN, "--cert-dir", str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("https://127.0.0.1:") and url.endswith("/api/v1/")
        answer = httpx.get(
            url + "algorithms/",
            headers={"Authorization": f"Bearer {TOKEN}"},
            verify=ssl.create_default_context(cafile=tmp_path / "ca.pem"),
        )
        assert answer.status_code == 200
    finally:
        process.terminate()
        assert process.wait(timeout=20) in (0, 143, -15)
