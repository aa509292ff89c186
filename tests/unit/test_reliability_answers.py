"""Malformed inference answers, MIME types from a fixed table, bulk calls that keep going (issue 9, 5/6/8)."""

from __future__ import annotations

import mimetypes
from pathlib import Path

import anyio
import pytest

from medannot.core.bulk import BulkResult, arun_bulk, run_bulk
from medannot.core.mime import content_type
from medannot.core.retry import RetryPolicy
from medannot.errors import BadInput, NotFound, ResponseSchemaError
from medannot.monailabel import AsyncClient, Client
from tests.unit._loopback import LoopbackServer, Reply

B = "XyZbOuNdArY"
LABEL = b"\x1f\x8b" + b"L" * 3000


def _multipart(params: bytes, *, label: bytes = LABEL, close: bool = True, filename: bytes = b"label.nii.gz") -> bytes:
    body = (
        f'--{B}\r\nContent-Disposition: form-data; name="params"\r\nContent-Type: application/json\r\n\r\n'.encode()
        + params
        + f'\r\n--{B}\r\nContent-Disposition: form-data; name="image"; filename="'.encode()
        + filename
        + b'"\r\nContent-Type: application/octet-stream\r\n\r\n'
        + label
        + f"\r\n--{B}--\r\n".encode() * close
    )
    return body


MULTI = {"Content-Type": f"multipart/form-data; boundary={B}"}
MALFORMED = {
    "bad json params": Reply(200, _multipart(b'{"label_names": '), MULTI),
    "bad utf-8 params": Reply(200, _multipart(b'{"a": "\xff\xfe"}'), MULTI),
    "no closing boundary": Reply(200, _multipart(b"{}", close=False), MULTI),
    "broken part headers": Reply(200, f"--{B}\r\nno-colon-here\r\n\r\nx\r\n--{B}--\r\n".encode(), MULTI),
    "multipart without boundary": Reply(200, b"--x\r\n", {"Content-Type": "multipart/form-data"}),
    "bad json answer": Reply(200, b'{"label": ', {"Content-Type": "application/json"}),
    "bad utf-8 json answer": Reply(200, b'{"a": "\xff"}', {"Content-Type": "application/json"}),
    "bad content-encoding": Reply(200, b"zzz", {"Content-Type": "application/json", "Content-Encoding": "gzip"}),
}


@pytest.mark.parametrize("case", list(MALFORMED))
@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_malformed_inference_answer_is_a_schema_error_and_leaves_no_label(
    tmp_path: Path, case: str, flavour: str
) -> None:
    out = tmp_path / "out"
    with LoopbackServer(default=MALFORMED[case]) as server, pytest.raises(ResponseSchemaError):
        if flavour == "sync":
            with Client(server.url, retry=RetryPolicy(max_retries=0)) as client:
                client.infer("seg", "ct", {}, output_dir=out)
        else:

            async def run() -> None:
                async with AsyncClient(server.url, retry=RetryPolicy(max_retries=0)) as client:
                    await client.infer("seg", "ct", {}, output_dir=out)

            anyio.run(run)
    assert list(out.iterdir()) == []


def test_a_good_inference_answer_is_saved_and_never_over_another_file(tmp_path: Path) -> None:
    good = Reply(200, _multipart(b'{"label_names": {"liver": 1}}', filename="肝臓.nii.gz".encode()), MULTI)
    with LoopbackServer(default=good) as server, Client(server.url, tmpdir=tmp_path / "tmp") as client:
        result = client.infer("seg", "ct", {}, output_dir=tmp_path / "out")
        assert result.label is not None and result.label.name == "肝臓.nii.gz"
        assert result.label.read_bytes() == LABEL and result.params == {"label_names": {"liver": 1}}
        from medannot.errors import FileExists

        with pytest.raises(FileExists):
            client.infer("seg", "ct", {}, output_dir=tmp_path / "out")
        assert client.infer("seg", "ct", {}, output_dir=tmp_path / "out", overwrite=True).label == result.label
        first, second = client.infer("seg", "ct", {}).label, client.infer("seg", "ct", {}).label  # tmpdir: free names
    assert first != second and first is not None and second is not None
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["肝臓.nii.gz"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ct.nii.gz", "application/gzip"),
        ("ct.NII", "application/octet-stream"),
        ("x.dcm", "application/dicom"),
        ("x.mha", "application/octet-stream"),
        ("x.mhd", "text/plain"),
        ("x.nrrd", "application/octet-stream"),
        ("x.png", "image/png"),
        ("x.JPG", "image/jpeg"),
        ("x.jpeg", "image/jpeg"),
        ("x.bmp", "image/bmp"),
        ("x.tif", "image/tiff"),
        ("x.tiff", "image/tiff"),
        ("slide.svs", "image/tiff"),
        ("slide.ndpi", "image/tiff"),
        ("a.json", "application/json"),
        ("a.gz", "application/gzip"),
        ("a.zip", "application/zip"),
        ("noext", "application/octet-stream"),
        (".png", "application/octet-stream"),
        ("dir.d/file", "application/octet-stream"),
    ],
)
def test_content_types_come_from_the_fixed_table(name: str, expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # a host whose mime.types says otherwise changes nothing
    monkeypatch.setattr(mimetypes, "guess_type", lambda *a, **k: ("image/x-ms-bmp", None))
    assert content_type(name) == expected


def test_uploads_send_the_table_s_content_type(tmp_path: Path) -> None:
    path = tmp_path / "scan.bmp"
    path.write_bytes(b"BM" + b"0" * 100)
    answer = Reply(200, b'{"image": "scan"}', {"Content-Type": "application/json"})
    with LoopbackServer(default=answer) as server, Client(server.url) as client:
        client.upload_image(path, image_id="scan")
    assert b"Content-Type: image/bmp\r\n" in server.received[0].body


def _work(item: int) -> int:
    if item % 3 == 0:
        raise NotFound(f"item {item}")
    return item * 10


def test_bulk_keeps_going_unless_fail_fast() -> None:
    outcome = run_bulk([1, 2, 3, 4, 6], _work, concurrency=2, fail_fast=False)
    assert isinstance(outcome, BulkResult)
    assert list(outcome) == [10, 20, None, 40, None] and len(outcome) == 5 and outcome[1] == 20
    assert outcome.succeeded == [10, 20, 40]
    assert [item for item, _ in outcome.failed] == [3, 6]
    with pytest.raises(NotFound):
        run_bulk([1, 3, 4], _work, fail_fast=True)
    with pytest.raises(BadInput):
        run_bulk([1], _work, fail_fast="yes")  # type: ignore[call-overload]

    async def awork(item: int) -> int:
        return _work(item)

    async def run() -> BulkResult[int, int]:
        return await arun_bulk([1, 3, 4], awork, fail_fast=False)

    assert list(anyio.run(run)) == [10, None, 40]


def test_upload_images_keeps_going_when_one_image_fails(tmp_path: Path) -> None:
    good = tmp_path / "a.nii.gz"
    good.write_bytes(b"\x1f\x8b" + b"0" * 100)

    def reply(got: object) -> Reply:
        if "image=bad" in got.path:  # type: ignore[attr-defined]
            return Reply(404, b'{"detail": "no"}', {"Content-Type": "application/json"})
        return Reply(200, b'{"image": "good"}', {"Content-Type": "application/json"})

    with LoopbackServer(reply) as server, Client(server.url) as client:
        result = client.upload_images([good, good, good], image_ids=["good", "bad", "good2"], progress=False)
        assert [r.image if r else None for r in result] == ["good", None, "good"]
        assert len(result.errors) == 1 and isinstance(result.errors[0][2], NotFound)
        with pytest.raises(NotFound):
            client.upload_images([good, good], image_ids=["bad", "good"], progress=False, fail_fast=True)
