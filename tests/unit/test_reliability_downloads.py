"""Downloads over a real socket (issue 9, part 4): only a file is saved, as served, never over another file,
and the destination is checked before anything is sent; retries of 52x and of bodies cut after the headers."""

from __future__ import annotations

import gzip
import json
import os
import stat
from pathlib import Path

import anyio
import pytest

from medannot.core.retry import RetryPolicy
from medannot.errors import APIError, BadInput, FileExists, MedannotError, ResponseSchemaError
from medannot.monailabel import AsyncClient, Client
from tests.unit._loopback import LoopbackServer, Reply

FAST = RetryPolicy(initial_delay=0.01, max_delay=0.02)
NIFTI = gzip.compress(b"\x5c\x01\x00\x00" + os.urandom(4000))
FILE = {"Content-Type": "application/octet-stream"}


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


ODD = {
    "302": Reply(302, b"<html><body>moved</body></html>", {"Location": "/login", "Content-Type": "text/html"}),
    "204": Reply(204, b"", {}),
    "empty 200": Reply(200, b"", FILE),
    "empty 200 without length": Reply(200, b"", FILE, content_length=-1),
    "html 200": Reply(200, b"<html><title>Sign in</title></html>", {"Content-Type": "text/html; charset=utf-8"}),
    "short": Reply(200, NIFTI, FILE, cut_after=100),
}


@pytest.mark.parametrize("case", list(ODD))
@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_only_a_file_is_saved(tmp_path: Path, case: str, flavour: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with LoopbackServer(default=ODD[case]) as server, pytest.raises(MedannotError) as caught:
        if flavour == "sync":
            with Client(server.url, retry=RetryPolicy(max_retries=0)) as client:
                client.download_image("ct", out)
        else:

            async def run() -> None:
                async with AsyncClient(server.url, retry=RetryPolicy(max_retries=0)) as client:
                    await client.download_image("ct", out)

            anyio.run(run)
    assert isinstance(caught.value, MedannotError)
    if case == "302":  # never followed: an API that redirects is a wrong URL or a lost session
        assert isinstance(caught.value, APIError) and caught.value.status_code == 302, caught.value
    elif case != "short":
        assert isinstance(caught.value, ResponseSchemaError), caught.value
    assert _leftovers(out) == []


def test_a_gzip_encoded_file_is_saved_as_served(tmp_path: Path) -> None:
    served = gzip.compress(NIFTI)  # a .nii.gz sent with Content-Encoding: gzip on top
    headers = {**FILE, "Content-Encoding": "gzip", "Content-Disposition": 'attachment; filename="ct.nii.gz"'}
    with LoopbackServer(default=Reply(200, served, headers)) as server, Client(server.url) as client:
        path = client.download_image("ct", tmp_path)
    assert path.name == "ct.nii.gz"
    assert path.read_bytes() == served  # not decoded: the bytes the server sent, verified against their length


def test_unicode_names_stay_apart_and_nothing_is_replaced(tmp_path: Path) -> None:
    def reply(got: object) -> Reply:
        image = "肝臓" if "%E8%82%9D" in got.path else "脾臓"  # type: ignore[attr-defined]
        quoted = "".join(f"%{b:02X}" for b in f"{image}.nii.gz".encode())
        disposition = f"attachment; filename*=utf-8''{quoted}"
        return Reply(200, NIFTI + image.encode(), {**FILE, "Content-Disposition": disposition})

    with LoopbackServer(reply) as server, Client(server.url) as client:
        liver = client.download_image("肝臓", tmp_path)
        spleen = client.download_image("脾臓", tmp_path)
        assert (liver.name, spleen.name) == ("肝臓.nii.gz", "脾臓.nii.gz")
        with pytest.raises(FileExists) as caught:  # the server names the file: checked before a byte is written
            client.download_image("肝臓", tmp_path)
        assert isinstance(caught.value, BadInput) and isinstance(caught.value, FileExistsError)
        assert liver.read_bytes() == NIFTI + "肝臓".encode()
        again = client.download_image("肝臓", tmp_path, overwrite=True)
        assert again == liver
        # without a destination: tmpdir, under a free name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["肝臓.nii.gz", "脾臓.nii.gz"]


def test_the_default_destination_never_replaces_either(tmp_path: Path) -> None:
    with LoopbackServer(default=Reply(200, NIFTI, FILE)) as server, Client(server.url, tmpdir=tmp_path) as client:
        first = client.download_image("ct")
        second = client.download_image("ct")
    assert (first.name, second.name) == ("ct.nii.gz", "ct-1.nii.gz")


def test_the_destination_is_checked_before_any_request(tmp_path: Path) -> None:
    existing = tmp_path / "have.nii.gz"
    existing.write_bytes(b"mine")
    with LoopbackServer(default=Reply(200, NIFTI, FILE)) as server, Client(server.url) as client:
        with pytest.raises(BadInput, match="does not exist"):
            client.download_label("ct", "final", tmp_path / "no" / "such" / "x.nii.gz")
        with pytest.raises(FileExists):
            client.download_label("ct", "final", existing)
        with pytest.raises(BadInput):
            client.download_image("ct", 42)  # type: ignore[arg-type]
        assert server.received == []
        assert existing.read_bytes() == b"mine"
        # a path ending with a separator is a directory, created when missing
        made = client.download_image("ct", str(tmp_path / "new" / "dir") + os.sep)
        assert made.parent == tmp_path / "new" / "dir"
        assert client.download_image("ct", existing, overwrite=True) == existing
        assert existing.read_bytes() == NIFTI


def test_files_get_the_permissions_open_would_give(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        with LoopbackServer(default=Reply(200, NIFTI, FILE)) as server, Client(server.url) as client:
            path = client.download_image("ct", tmp_path / "ct.nii.gz")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


@pytest.mark.parametrize("status", [502, 503, 504, 520, 521, 522, 523, 524, 525, 526, 527])
def test_cloudflare_and_gateway_statuses_are_retried_for_idempotent_calls(status: int) -> None:
    body = json.dumps({"total": 3, "completed": 1, "label_tags": {}}).encode()
    answer = Reply(200, body, {"Content-Type": "application/json"})
    with LoopbackServer([Reply(status, b"origin down"), answer]) as server, Client(server.url, retry=FAST) as client:
        assert client.datastore_status().total == 3  # type: ignore[attr-defined]
    assert len(server.received) == 2


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_json_answer_cut_after_its_headers_is_retried(flavour: str) -> None:
    body = json.dumps({"total": 3, "completed": 1, "label_tags": {}}).encode()
    cut = Reply(200, body, {"Content-Type": "application/json"}, cut_after=5)
    whole = Reply(200, body, {"Content-Type": "application/json"})
    with LoopbackServer([cut, whole]) as server:
        if flavour == "sync":
            with Client(server.url, retry=FAST) as client:
                status = client.datastore_status()
        else:

            async def run() -> object:
                async with AsyncClient(server.url, retry=FAST) as client:
                    return await client.datastore_status()

            status = anyio.run(run)
    assert status.total == 3  # type: ignore[attr-defined]
    assert len(server.received) == 2


def test_a_bad_content_encoding_on_a_json_answer_is_a_schema_error() -> None:
    bad = Reply(200, b"not gzip at all", {"Content-Type": "application/json", "Content-Encoding": "gzip"})
    with (
        LoopbackServer(default=bad) as server,
        Client(server.url, retry=FAST) as client,
        pytest.raises(ResponseSchemaError, match="Content-Encoding"),
    ):
        client.datastore_status()
    assert len(server.received) == 1  # not a transient fault: not retried
