"""Uploads stream and validate first; downloads are atomic and stay inside their directory."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import pytest
from PIL import Image
from python_multipart.multipart import parse_options_header

from medannot.core._sync.session import Session
from medannot.core.config import ClientOptions
from medannot.core.downloads import save_response
from medannot.core.files import open_file_input, safe_filename
from medannot.core.images import to_nifti, to_numpy, to_pil
from medannot.core.multipart import read_multipart
from medannot.core.retry import RetryPolicy
from medannot.core.uploads import FilePart, MultipartBody
from medannot.errors import BadInput, ClientClosed, ResponseSchemaError, TransportError
from medannot.monailabel import Client


def parse_form(body: bytes, content_type: str) -> dict[str, bytes]:
    import email.parser

    message = email.parser.BytesParser().parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    return {
        part.get_param("name", header="content-disposition"): part.get_payload(decode=True)
        for part in message.get_payload()
    }


@pytest.mark.parametrize("size", [0, 10, 1024 * 1024 - 7, 3 * 1024 * 1024 + 5])
def test_multipart_body_is_exact_and_streams_in_bounded_chunks(tmp_path: Path, size: int) -> None:
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    path = tmp_path / "vol.nii.gz"
    path.write_bytes(data)
    seen: list[tuple[int, int]] = []
    with open_file_input(path) as opened:
        body = MultipartBody([("params", '{"a": 1}')], [FilePart("file", opened)], lambda d, t: seen.append((d, t)))
        chunks = list(body)
    raw = b"".join(chunks)
    assert len(raw) == body.length
    assert max(len(c) for c in chunks) <= 2 * 1024 * 1024
    form = parse_form(raw, body.headers["Content-Type"])
    assert form["file"] == data and form["params"] == b'{"a": 1}'
    assert seen[-1] == (body.length, body.length)
    if size < 1024 * 1024 - 512:
        assert len(chunks) == 1  # small files go out in one piece


def test_multipart_body_rewinds_for_a_retry(tmp_path: Path) -> None:
    path = tmp_path / "a.bin"
    path.write_bytes(b"abc" * 1000)
    with open_file_input(path) as opened:
        body = MultipartBody([], [FilePart("file", opened)])
        first = b"".join(body)
        body.rewind()
        assert b"".join(body) == first


def test_missing_or_wrong_file_is_bad_input_before_any_request(tmp_path: Path) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise AssertionError("no request may be sent")

    with Client("http://server.test", transport=httpx.MockTransport(refuse)) as ml:
        with pytest.raises(BadInput, match="does not exist"):
            ml.upload_image(tmp_path / "missing.nii.gz")
        with pytest.raises(BadInput, match="binary file object"):
            ml.upload_image(io.StringIO("text"))  # type: ignore[arg-type]
        with pytest.raises(BadInput, match="image_id"):
            ml.save_label("", tmp_path / "missing.nii.gz")
        with pytest.raises(BadInput):
            ml.upload_images([tmp_path / "missing.nii.gz"])
        with pytest.raises(BadInput, match="JSON"):
            (tmp_path / "x.nii.gz").write_bytes(b"x")
            ml.upload_image(tmp_path / "x.nii.gz", params={"bad": object()})


@pytest.mark.parametrize(
    ("name", "expected"),
    [("../../x.nii.gz", "x.nii.gz"), ("..", "download.bin"), ("a/b\\c.png", "c.png"), ("ok name.nii", "ok_name.nii")],
)
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


def _stream_response(chunks: list[bytes | Exception], headers: dict[str, str]) -> httpx.Response:
    class Stream(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            for chunk in chunks:
                if isinstance(chunk, Exception):
                    raise chunk
                yield chunk

    return httpx.Response(200, headers=headers, stream=Stream(), request=httpx.Request("GET", "http://server.test/f"))


def test_download_uses_a_safe_server_name_inside_the_target(tmp_path: Path) -> None:
    response = _stream_response(
        [b"abc"], {"content-disposition": 'attachment; filename="../../evil.nii.gz"', "content-length": "3"}
    )
    target = save_response(response, tmp_path)
    assert target == tmp_path / "evil.nii.gz" and target.read_bytes() == b"abc"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evil.nii.gz"]


def test_dropped_connection_leaves_no_file(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return _stream_response([b"abc", httpx.ReadError("connection reset")], {"content-length": "100"})

    s = Session(ClientOptions(base_url="http://server.test", transport=httpx.MockTransport(handler)))
    with pytest.raises(TransportError, match="connection reset"), s.stream("GET", "/f") as response:
        save_response(response, tmp_path / "label.nii.gz")
    assert list(tmp_path.iterdir()) == []


def test_short_body_leaves_no_file(tmp_path: Path) -> None:
    response = _stream_response([b"abc"], {"content-length": "100"})
    with pytest.raises(ResponseSchemaError, match="3 of 100"):
        save_response(response, tmp_path / "label.nii.gz")
    assert list(tmp_path.iterdir()) == []


def test_checksum_mismatch_leaves_no_file(tmp_path: Path) -> None:
    response = _stream_response([b"abc"], {})
    with pytest.raises(ResponseSchemaError, match="checksum"):
        save_response(response, tmp_path / "f.bin", sha256="0" * 64)
    assert list(tmp_path.iterdir()) == []


def test_multipart_response_fields_in_memory_files_on_disk(tmp_path: Path) -> None:
    boundary = "b0undary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="params"\r\nContent-Type: application/json\r\n\r\n'
            '{"x": 1}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="image"; filename="../lbl.nii.gz"\r\n\r\n'
        ).encode()
        + b"\x00\x01" * 1000
        + f"\r\n--{boundary}--\r\n".encode()
    )
    response = _stream_response([body[:50], body[50:]], {"content-type": f"multipart/form-data; boundary={boundary}"})
    result = read_multipart(response, tmp_path, "label.nii.gz")
    assert result.fields == {"params": b'{"x": 1}'}
    assert result.files["image"] == tmp_path / "lbl.nii.gz"
    assert result.files["image"].read_bytes() == b"\x00\x01" * 1000
    assert parse_options_header  # the parser the core relies on is importable


def test_truncated_multipart_response_leaves_no_file(tmp_path: Path) -> None:
    body = b'--b\r\nContent-Disposition: form-data; name="image"; filename="l.nii.gz"\r\n\r\npartial'
    response = _stream_response([body], {"content-type": "multipart/form-data; boundary=b"})
    with pytest.raises(ResponseSchemaError):
        read_multipart(response, tmp_path, "label.nii.gz")
    assert list(tmp_path.iterdir()) == []


def test_malformed_json_answer_is_a_schema_error() -> None:
    transport = httpx.MockTransport(lambda r: httpx.Response(200, json={"name": "only a name"}))
    with (
        Client("http://server.test", transport=transport, retry=RetryPolicy(max_retries=0)) as ml,
        pytest.raises(ResponseSchemaError),
    ):
        ml.info()
    transport = httpx.MockTransport(lambda r: httpx.Response(200, text="<html>not json"))
    with Client("http://server.test", transport=transport) as ml, pytest.raises(ResponseSchemaError):
        ml.info()


def test_image_decoding(tmp_path: Path) -> None:
    import nibabel as nib

    buffer = io.BytesIO()
    Image.fromarray(np.arange(12, dtype=np.uint8).reshape(3, 4)).save(buffer, format="PNG")
    assert to_pil(buffer.getvalue()).size == (4, 3)
    assert to_numpy(buffer.getvalue()).tolist()[2] == [8, 9, 10, 11]
    volume = np.arange(24, dtype=np.int16).reshape(2, 3, 4)
    path = tmp_path / "v.nii.gz"
    nib.save(nib.Nifti1Image(volume, np.eye(4)), path)
    assert (to_numpy(path) == volume).all()
    assert (to_numpy(path.read_bytes()) == volume).all()
    with pytest.raises(BadInput):
        to_numpy(tmp_path / "missing.nii.gz")


@pytest.mark.parametrize("kind", ["Nifti1Image", "Nifti2Image"])
@pytest.mark.parametrize("suffix", [".nii", ".nii.gz"])
def test_nifti_1_and_2_decode_from_files_and_bytes(tmp_path: Path, kind: str, suffix: str) -> None:
    import nibabel as nib

    from medannot.datamint._common import decode

    volume = np.arange(24, dtype=np.int16).reshape(2, 3, 4)
    affine = np.diag([0.5, 0.7, 2.0, 1.0])
    path = tmp_path / f"v{suffix}"
    nib.save(getattr(nib, kind)(volume, affine), path)
    data = path.read_bytes()
    for source in (path, data):
        assert (to_numpy(source) == volume).all()
        image = to_nifti(source)
        assert type(image).__name__ == kind and np.allclose(image.affine, affine)
    for source in (path, data):  # what a Datamint download decodes to
        decoded = decode(source)
        assert type(decoded).__name__ == kind and (np.asarray(decoded.dataobj) == volume).all()


def test_bytes_that_are_no_nifti_are_bad_input() -> None:
    with pytest.raises(BadInput, match="no NIfTI-1 or NIfTI-2 header"):
        to_nifti(b"\x00" * 400)


def test_session_closes_only_its_own_client() -> None:
    s = Session(
        ClientOptions(base_url="http://server.test", transport=httpx.MockTransport(lambda r: httpx.Response(200)))
    )
    s.close()
    with pytest.raises(ClientClosed):
        s.request("GET", "/")
