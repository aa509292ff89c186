"""The emulator faults schemathesis found (issue 9), pinned one by one: each answer is the real server's."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from medannot.testing.monailabel import MonaiLabelEmulator


@pytest.fixture
def emulator() -> Iterator[MonaiLabelEmulator]:
    with MonaiLabelEmulator() as running:
        yield running


def _plain_500(response: httpx.Response) -> None:
    assert (response.status_code, response.text) == (500, "Internal Server Error")


def test_json_body_that_is_not_text_is_fastapis_400(emulator: MonaiLabelEmulator) -> None:
    headers = {"content-type": "application/json"}
    response = httpx.post(f"{emulator.url}/train/threshold", content=b"#i\xbb", headers=headers)
    assert (response.status_code, response.json()) == (400, {"detail": "There was an error parsing the body"})
    response = httpx.post(f"{emulator.url}/train/threshold", content=b"{x", headers=headers)
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "json_invalid"
    assert emulator.crashes == []


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (b"--B\r\nFalse--B--\r\n", "Invalid multipart data."),
        (b"--B\r\n\r\nxx\r\n--B--\r\n", 'The Content-Disposition header field "name" must be provided.'),
    ],
)
def test_malformed_multipart_is_starlettes_400(emulator: MonaiLabelEmulator, body: bytes, detail: str) -> None:
    headers = {"content-type": "multipart/form-data; boundary=B"}
    for path in ("/datastore/image?image=x", "/model/threshold"):
        response = httpx.put(emulator.url + path, content=body, headers=headers)
        assert (response.status_code, response.json()) == (400, {"detail": detail}), path
    assert emulator.crashes == []


def test_huge_log_line_count_crashes_as_the_server_does(emulator: MonaiLabelEmulator) -> None:
    _plain_500(httpx.get(f"{emulator.url}/logs/?lines={2**70}"))
    assert [type(c.error).__name__ for c in emulator.crashes] == ["ServerFault"]


def test_image_of_a_session_of_several_files_crashes_as_the_server_does(emulator: MonaiLabelEmulator) -> None:
    files = [("files", ("a.nii.gz", b"a")), ("files", ("b.nii.gz", b"b"))]
    session = httpx.put(f"{emulator.url}/session/", files=files).json()["session_id"]
    _plain_500(httpx.get(f"{emulator.url}/session/{session}?image=true"))
    assert [type(c.error).__name__ for c in emulator.crashes] == ["ServerFault"]


def test_image_id_with_nul_crashes_as_the_server_does(emulator: MonaiLabelEmulator) -> None:
    _plain_500(httpx.put(f"{emulator.url}/datastore/image?image=a%00b", files={"file": ("x.nii.gz", b"x")}))
    assert [type(c.error).__name__ for c in emulator.crashes] == ["ServerFault"]


def test_hidden_delete_route_without_id_is_422(emulator: MonaiLabelEmulator) -> None:
    response = httpx.delete(f"{emulator.url}/datastore/")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "id"]


def test_file_served_as_its_guessed_type(emulator: MonaiLabelEmulator) -> None:
    """GET /datastore/image answers what mimetypes guesses from the stored name, as the server's FileResponse
    does; the emulator's contract no longer turns that into a 500 (the schema patch says octet-stream only)."""
    httpx.put(f"{emulator.url}/datastore/image?image=g", files={"file": ("x.gif", b"GIF89a")}).raise_for_status()
    response = httpx.get(f"{emulator.url}/datastore/image?image=g")
    assert (response.status_code, response.headers["content-type"], response.content) == (200, "image/gif", b"GIF89a")
