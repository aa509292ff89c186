"""Retried uploads resend the whole file, streamed from disk, over a real socket (issue 9, part 2).

`httpx.MockTransport` reads and caches a request body, so a body that does not rewind looks fine there; these
tests use a scripted loopback server instead, and compare what it received on each attempt.
"""

from __future__ import annotations

import hashlib
import json
import os
import tracemalloc
from pathlib import Path

import anyio
import pytest

from medannot.core.retry import RetryPolicy
from medannot.monailabel import AsyncClient, Client
from tests.unit._loopback import LoopbackServer, Reply, multipart_file

FAST = RetryPolicy(initial_delay=0.01, max_delay=0.02)
JSON = {"Content-Type": "application/json"}


def _ok(body: dict[str, object]) -> Reply:
    return Reply(200, json.dumps(body).encode(), JSON)


def _call(kind: str, client: Client, path: Path) -> object:
    if kind == "upload_image":
        return client.upload_image(path, image_id="ct")
    return client.save_label("ct", path, tag="final")


async def _acall(kind: str, client: AsyncClient, path: Path) -> object:
    if kind == "upload_image":
        return await client.upload_image(path, image_id="ct")
    return await client.save_label("ct", path, tag="final")


ANSWER = {"upload_image": {"image": "ct"}, "save_label": {"image": "ct", "label": "ct"}}
PART = {"upload_image": "file", "save_label": "label"}


@pytest.mark.parametrize("status", [503, 502, 429, 408, 520])
@pytest.mark.parametrize("kind", ["upload_image", "save_label"])
@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_retried_upload_sends_the_whole_file_again(tmp_path: Path, kind: str, flavour: str, status: int) -> None:
    data = os.urandom(3 * 1024 * 1024 + 17)  # more than one 1 MiB chunk, not a multiple of it
    path = tmp_path / "ct.nii.gz"
    path.write_bytes(data)
    with LoopbackServer([Reply(status, b"busy"), _ok(ANSWER[kind])]) as server:
        if flavour == "sync":
            with Client(server.url, retry=FAST) as client:
                result = _call(kind, client, path)
        else:

            async def run() -> object:
                async with AsyncClient(server.url, retry=FAST) as client:
                    return await _acall(kind, client, path)

            result = anyio.run(run)
    assert result is not None
    first, second = server.received
    assert first.body == second.body  # byte for byte the same request body, both times
    assert len(first.body) == int(first.headers["content-length"])
    assert multipart_file(second.body, second.headers["content-type"], PART[kind]) == data
    assert second.headers["x-medannot-retry-count"] == "1"


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_retried_upload_streams_from_the_file_with_constant_memory(tmp_path: Path, flavour: str) -> None:
    size = 48 * 1024 * 1024
    path = tmp_path / "big.nii.gz"
    with path.open("wb") as out:  # written in pieces, so the test itself never holds the file
        for _ in range(size // (1024 * 1024)):
            out.write(os.urandom(1024 * 1024))
    with LoopbackServer([Reply(503, b"busy"), _ok(ANSWER["upload_image"])], keep_bodies=False) as server:
        tracemalloc.start()
        try:
            if flavour == "sync":
                with Client(server.url, retry=FAST) as client:
                    client.upload_image(path, image_id="ct")
            else:

                async def run() -> None:
                    async with AsyncClient(server.url, retry=FAST) as client:
                        await client.upload_image(path, image_id="ct")

                anyio.run(run)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    first, second = server.received
    assert first.size == second.size > size
    assert first.sha256 == second.sha256
    assert peak < 8 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB for a {size / 2**20:.0f} MiB file sent twice"


def test_an_upload_without_an_id_is_never_sent_twice(tmp_path: Path) -> None:
    path = tmp_path / "ct.nii.gz"
    path.write_bytes(b"\x1f\x8b" + b"0" * 100)
    with LoopbackServer([Reply(503, b"busy")]) as server, Client(server.url, retry=FAST) as client:
        from medannot.errors import ServerError

        with pytest.raises(ServerError):
            client.upload_image(path)
    assert len(server.received) == 1


def test_an_upload_from_an_open_file_object_resends_from_where_it_started(tmp_path: Path) -> None:
    data = os.urandom(200_000)
    path = tmp_path / "肝臓.nii.gz"
    path.write_bytes(b"HEADER" + data)
    with (
        LoopbackServer([Reply(503, b"busy"), _ok(ANSWER["upload_image"])]) as server,
        Client(server.url, retry=FAST) as client,
        path.open("rb") as stream,
    ):
        stream.seek(6)
        client.upload_image(stream, image_id="ct")
    first, second = server.received
    assert first.body == second.body
    assert multipart_file(second.body, second.headers["content-type"], "file") == data
    assert hashlib.sha256(data).hexdigest()
    # the part's file name keeps its letters (it was `nii.gz` before)
    assert 'filename="肝臓.nii.gz"'.encode() in second.body
