"""Bad input to `medannot.monailabel.Client` / `AsyncClient` (issue 9, item 7): every row is a `BadInput` that
names the parameter, raised before any request (a loopback server counts what reaches it: nothing may).

Rows are (call, the parameter the message must name). `f` holds the files: a good image, an empty one, a
directory, a missing path, a text-mode and a closed file object.
"""

from __future__ import annotations

import inspect
import io
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
import pytest

from medannot.errors import BadInput
from medannot.monailabel import AsyncClient, Client
from tests.unit._loopback import LoopbackServer

NAN, INF = math.nan, math.inf
SECRET = "S3cr3t-pa55"


@dataclass
class Files:
    image: Path
    empty: Path
    folder: Path
    missing: Path
    text: io.StringIO
    closed: io.BytesIO
    tmp: Path


Call = Callable[[Any, Files], Any]
ROWS: list[tuple[str, Call, str]] = [
    # ids the server cannot store, or that are no id at all
    ("image_exists None", lambda c, f: c.image_exists(None), "image_id"),
    ("image_exists int", lambda c, f: c.image_exists(5), "image_id"),
    ("image_exists empty", lambda c, f: c.image_exists(""), "image_id"),
    ("image_exists blank", lambda c, f: c.image_exists(" \t "), "image_id"),
    ("image_exists slash", lambda c, f: c.image_exists("a/b"), "image_id"),
    ("image_exists backslash", lambda c, f: c.image_exists("a\\b"), "image_id"),
    ("image_exists dotdot", lambda c, f: c.image_exists(".."), "image_id"),
    ("image_exists dotdot segment", lambda c, f: c.image_exists("../etc"), "image_id"),
    ("image_exists NUL", lambda c, f: c.image_exists("a\x00b"), "image_id"),
    ("image_exists newline", lambda c, f: c.image_exists("a\nb"), "image_id"),
    ("image_exists DEL", lambda c, f: c.image_exists("a\x7fb"), "image_id"),
    ("image_exists 10000 chars", lambda c, f: c.image_exists("x" * 10_000), "image_id"),
    ("image_exists 256 bytes", lambda c, f: c.image_exists("é" * 128), "image_id"),
    ("image_exists surrogate", lambda c, f: c.image_exists("a\ud800"), "image_id"),
    ("delete_image traversal", lambda c, f: c.delete_image("../x"), "image_id"),
    ("delete_image bytes", lambda c, f: c.delete_image(b"ct"), "image_id"),
    # upload_image
    ("upload_image missing file", lambda c, f: c.upload_image(f.missing, "ct"), "image_in"),
    ("upload_image empty file", lambda c, f: c.upload_image(f.empty, "ct"), "image_in"),
    ("upload_image directory", lambda c, f: c.upload_image(f.folder, "ct"), "image_in"),
    ("upload_image text file object", lambda c, f: c.upload_image(f.text, "ct"), "image_in"),
    ("upload_image closed file object", lambda c, f: c.upload_image(f.closed, "ct"), "image_in"),
    ("upload_image None", lambda c, f: c.upload_image(None, "ct"), "image_in"),
    ("upload_image bytes", lambda c, f: c.upload_image(b"\x1f\x8b data", "ct"), "image_in"),
    ("upload_image empty path", lambda c, f: c.upload_image("", "ct"), "image_in"),
    ("upload_image empty BytesIO", lambda c, f: c.upload_image(io.BytesIO(b""), "ct"), "image_in"),
    ("upload_image id empty", lambda c, f: c.upload_image(f.image, ""), "image_id"),
    ("upload_image id traversal", lambda c, f: c.upload_image(f.image, "a/../b"), "image_id"),
    ("upload_image id newline", lambda c, f: c.upload_image(f.image, "ct\n"), "image_id"),
    ("upload_image id int", lambda c, f: c.upload_image(f.image, 7), "image_id"),
    ("upload_image params str", lambda c, f: c.upload_image(f.image, "ct", "notadict"), "params"),
    ("upload_image params list", lambda c, f: c.upload_image(f.image, "ct", [("a", 1)]), "params"),
    ("upload_image params NaN", lambda c, f: c.upload_image(f.image, "ct", {"a": NAN}), "params"),
    ("upload_image params inf nested", lambda c, f: c.upload_image(f.image, "ct", {"a": [1, INF]}), "params"),
    ("upload_image params object", lambda c, f: c.upload_image(f.image, "ct", {"a": object()}), "params"),
    ("upload_image params set", lambda c, f: c.upload_image(f.image, "ct", {"a": {1, 2}}), "params"),
    ("upload_image params int key", lambda c, f: c.upload_image(f.image, "ct", {1: "x"}), "params"),
    ("upload_image progress str", lambda c, f: c.upload_image(f.image, "ct", progress="yes"), "progress"),
    # upload_images
    ("upload_images bare str", lambda c, f: c.upload_images("a/path"), "images"),
    ("upload_images bare Path", lambda c, f: c.upload_images(f.image), "images"),
    ("upload_images file object", lambda c, f: c.upload_images(io.BytesIO(b"x")), "images"),
    ("upload_images None", lambda c, f: c.upload_images(None), "images"),
    ("upload_images one empty", lambda c, f: c.upload_images([f.image, f.empty]), "images[1]"),
    ("upload_images one missing", lambda c, f: c.upload_images([f.missing]), "images[0]"),
    ("upload_images ids count", lambda c, f: c.upload_images([f.image], image_ids=["a", "b"]), "image_ids"),
    ("upload_images ids bare str", lambda c, f: c.upload_images([f.image], image_ids="a"), "image_ids"),
    ("upload_images id empty", lambda c, f: c.upload_images([f.image], image_ids=[""]), "image_ids[0]"),
    ("upload_images id slash", lambda c, f: c.upload_images([f.image], image_ids=["a/b"]), "image_ids[0]"),
    ("upload_images concurrency 0", lambda c, f: c.upload_images([f.image], concurrency=0), "concurrency"),
    ("upload_images concurrency bool", lambda c, f: c.upload_images([f.image], concurrency=True), "concurrency"),
    ("upload_images concurrency float", lambda c, f: c.upload_images([f.image], concurrency=2.0), "concurrency"),
    ("upload_images params str", lambda c, f: c.upload_images([f.image], "x"), "params"),
    ("upload_images params NaN", lambda c, f: c.upload_images([f.image], {"a": NAN}), "params"),
    ("upload_images fail_fast str", lambda c, f: c.upload_images([f.image], fail_fast="no"), "fail_fast"),
    ("upload_images progress str", lambda c, f: c.upload_images([f.image], progress="no"), "progress"),
    # labels
    ("save_label image_id empty", lambda c, f: c.save_label("", f.image), "image_id"),
    ("save_label image_id None", lambda c, f: c.save_label(None, f.image), "image_id"),
    ("save_label tag None", lambda c, f: c.save_label("ct", f.image, tag=None), "tag"),
    ("save_label tag slash", lambda c, f: c.save_label("ct", f.image, tag="a/b"), "tag"),
    ("save_label tag blank", lambda c, f: c.save_label("ct", f.image, tag="  "), "tag"),
    ("save_label tag dotdot", lambda c, f: c.save_label("ct", f.image, tag=".."), "tag"),
    ("save_label empty file", lambda c, f: c.save_label("ct", f.empty), "label_in"),
    ("save_label missing file", lambda c, f: c.save_label("ct", f.missing), "label_in"),
    ("save_label directory", lambda c, f: c.save_label("ct", f.folder), "label_in"),
    ("save_label params NaN", lambda c, f: c.save_label("ct", f.image, params={"x": NAN}), "params"),
    ("save_label params str", lambda c, f: c.save_label("ct", f.image, params="x"), "params"),
    ("delete_label tag empty", lambda c, f: c.delete_label("ct", ""), "tag"),
    ("delete_label label_id None", lambda c, f: c.delete_label(None, "final"), "label_id"),
    ("download_label dest parent missing", lambda c, f: c.download_label("ct", "final", "/no/such/dir/x"), "dest"),
    ("download_label tag None", lambda c, f: c.download_label("ct", None, f.tmp), "tag"),
    ("download_label id NUL", lambda c, f: c.download_label("c\x00t", "final", f.tmp), "label_id"),
    ("download_image dest parent missing", lambda c, f: c.download_image("ct", f.tmp / "no" / "x.nii.gz"), "dest"),
    ("download_image id slash", lambda c, f: c.download_image("a/b", f.tmp), "image_id"),
    ("download_image dest int", lambda c, f: c.download_image("ct", 5), "dest"),
    ("download_image dest NUL", lambda c, f: c.download_image("ct", "x\x00y"), "dest"),
    ("download_image overwrite str", lambda c, f: c.download_image("ct", f.tmp, overwrite="yes"), "overwrite"),
    # inference
    ("infer image_id empty", lambda c, f: c.infer("seg", "", {}), "image_id"),
    ("infer image_id None", lambda c, f: c.infer("seg", None, {}), "image_id"),
    ("infer image_id slash", lambda c, f: c.infer("seg", "a/b", {}, file=f.image), "image_id"),
    ("infer model slash", lambda c, f: c.infer("seg/x", "ct", {}), "model"),
    ("infer model empty", lambda c, f: c.infer("", "ct", {}), "model"),
    ("infer params str", lambda c, f: c.infer("seg", "ct", "notadict"), "params"),
    ("infer params NaN", lambda c, f: c.infer("seg", "ct", {"threshold": NAN}), "params"),
    ("infer params -inf", lambda c, f: c.infer("seg", "ct", {"points": [[0, -INF]]}), "params"),
    ("infer label_in empty", lambda c, f: c.infer("seg", "ct", {}, label_in=f.empty), "label_in"),
    ("infer file missing", lambda c, f: c.infer("seg", "", {}, file=f.missing), "file"),
    ("infer file text", lambda c, f: c.infer("seg", "", {}, file=f.text), "file"),
    ("infer timeout negative", lambda c, f: c.infer("seg", "ct", {}, timeout=-1), "timeout"),
    ("infer timeout NaN", lambda c, f: c.infer("seg", "ct", {}, timeout=NAN), "timeout"),
    ("infer timeout bool", lambda c, f: c.infer("seg", "ct", {}, timeout=True), "timeout"),
    ("infer timeout str", lambda c, f: c.infer("seg", "ct", {}, timeout="60"), "timeout"),
    ("infer session_id empty", lambda c, f: c.infer("seg", "ct", {}, session_id=""), "session_id"),
    ("infer output_dir int", lambda c, f: c.infer("seg", "ct", {}, output_dir=5), "output_dir"),
    ("infer overwrite str", lambda c, f: c.infer("seg", "ct", {}, overwrite="no"), "overwrite"),
    ("wsi_infer output", lambda c, f: c.wsi_infer("seg", "ct", output="png"), "output"),
    ("wsi_infer body str", lambda c, f: c.wsi_infer("seg", "ct", body="x"), "body"),
    ("wsi_infer body NaN", lambda c, f: c.wsi_infer("seg", "ct", body={"location": [NAN, 0]}), "body"),
    ("wsi_infer body params str", lambda c, f: c.wsi_infer("seg", "ct", body={"params": "x"}), "body['params']"),
    ("wsi_infer image_id empty", lambda c, f: c.wsi_infer("seg", ""), "image_id"),
    ("wsi_infer model None", lambda c, f: c.wsi_infer(None, "ct"), "model"),
    ("wsi_infer timeout inf", lambda c, f: c.wsi_infer("seg", "ct", timeout=INF), "timeout"),
    # sessions
    ("create_session empty file", lambda c, f: c.create_session(f.empty), "image_in"),
    ("create_session params str", lambda c, f: c.create_session(f.image, "x"), "params"),
    ("create_session expiry negative", lambda c, f: c.create_session(f.image, {"expiry": -1}), "expiry"),
    ("create_session expiry NaN", lambda c, f: c.create_session(f.image, {"expiry": NAN}), "expiry"),
    ("create_session uncompress str", lambda c, f: c.create_session(f.image, {"uncompress": "yes"}), "uncompress"),
    ("get_session empty", lambda c, f: c.get_session(""), "session_id"),
    ("get_session None", lambda c, f: c.get_session(None), "session_id"),
    ("remove_session slash", lambda c, f: c.remove_session("a/b"), "session_id"),
    # active learning, training, batch runs
    ("next_sample strategy empty", lambda c, f: c.next_sample(""), "strategy"),
    ("next_sample strategy slash", lambda c, f: c.next_sample("a/b"), "strategy"),
    ("next_sample params NaN", lambda c, f: c.next_sample("random", {"x": NAN}), "params"),
    ("next_sample params str", lambda c, f: c.next_sample("random", "x"), "params"),
    ("train_start model None", lambda c, f: c.train_start(None), "model"),
    ("train_start model blank", lambda c, f: c.train_start("  "), "model"),
    ("train_start model slash", lambda c, f: c.train_start("a/b"), "model"),
    ("train_start params inf", lambda c, f: c.train_start("seg", {"epochs": INF}), "params"),
    ("train_start params unserialisable", lambda c, f: c.train_start("seg", {"cb": print}), "params"),
    ("train_status flag str", lambda c, f: c.train_status("yes"), "check_if_running"),
    ("batch_infer images", lambda c, f: c.batch_infer("seg", images="some"), "images"),
    ("batch_infer images None", lambda c, f: c.batch_infer("seg", images=None), "images"),
    ("batch_infer params NaN", lambda c, f: c.batch_infer("seg", params={"x": NAN}), "params"),
    ("batch_infer run_sync str", lambda c, f: c.batch_infer("seg", run_sync="yes"), "run_sync"),
    ("batch_infer timeout negative", lambda c, f: c.batch_infer("seg", run_sync=True, timeout=-5), "timeout"),
    ("batch_infer model empty", lambda c, f: c.batch_infer(""), "model"),
    ("batch_infer_status flag 2", lambda c, f: c.batch_infer_status(2), "check_if_running"),
    # auth, server URL
    ("auth_token username empty", lambda c, f: c.auth_token("", SECRET), "username"),
    ("auth_token username int", lambda c, f: c.auth_token(5, SECRET), "username"),
    ("auth_token password None", lambda c, f: c.auth_token("u", None), "password"),
    ("auth_token password newline", lambda c, f: c.auth_token("u", SECRET[:4] + "\n" + SECRET[4:]), "password"),
    ("update_auth int", lambda c, f: c.update_auth(5), "token"),
    ("update_auth dict without token", lambda c, f: c.update_auth({"nope": SECRET}), "token"),
    ("update_auth newline", lambda c, f: c.update_auth(SECRET[:4] + "\n" + SECRET[4:]), "token"),
    ("set_server_url None", lambda c, f: c.set_server_url(None), "server_url"),
    ("set_server_url blank", lambda c, f: c.set_server_url("   "), "server_url"),
    ("set_server_url scheme", lambda c, f: c.set_server_url(f"ftp://u:{SECRET}@host"), "server_url"),
]

# Constructor arguments: (keyword arguments, the parameter the message must name).
CONSTRUCTOR: list[tuple[str, dict[str, Any], str]] = [
    ("timeout negative", {"timeout": -1}, "timeout"),
    ("timeout NaN", {"timeout": NAN}, "timeout"),
    ("timeout bool", {"timeout": True}, "timeout"),
    ("tmpdir int", {"tmpdir": 5}, "tmpdir"),
    ("client_id int", {"client_id": 5}, "client_id"),
    ("client_id blank", {"client_id": " "}, "client_id"),
    ("token newline", {"token": SECRET[:4] + "\n" + SECRET[4:]}, "token"),
]


@pytest.fixture(scope="module")
def server() -> Iterator[LoopbackServer]:
    """One loopback server for the module (starting one per case costs half a second); each case checks that
    nothing new reached it."""
    with LoopbackServer() as loopback:
        yield loopback


@pytest.fixture
def files(tmp_path: Path) -> Iterator[Files]:
    image = tmp_path / "ct.nii.gz"
    image.write_bytes(b"\x1f\x8b" + b"0" * 100)
    empty = tmp_path / "empty.nii.gz"
    empty.write_bytes(b"")
    folder = tmp_path / "folder.nii.gz"
    folder.mkdir()
    closed = io.BytesIO(b"data")
    closed.close()
    out = tmp_path / "out"
    out.mkdir()
    yield Files(image, empty, folder, tmp_path / "missing.nii.gz", io.StringIO("text"), closed, out)


def _check(error: BadInput, name: str) -> None:
    message = str(error)
    assert name in message, f"the message does not name {name!r}: {message}"
    assert SECRET not in message and SECRET[4:] not in message


def test_the_table_is_large_and_covers_every_public_method() -> None:
    assert len(ROWS) + len(CONSTRUCTOR) >= 55
    public = {name for name, _ in inspect.getmembers(Client, inspect.isfunction) if not name.startswith("_")}
    covered = {label.split()[0] for label, _, _ in ROWS}
    without_arguments = {
        "info", "datastore", "datastore_status", "list_images", "auth_enabled", "auth_valid_token",
        "train_stop", "batch_infer_stop", "close", "get_server_url", "with_options", "server_version",
    }  # fmt: skip
    assert public - covered - without_arguments == set()


@pytest.mark.parametrize(("label", "call", "name"), ROWS, ids=[row[0] for row in ROWS])
def test_sync_bad_input_is_refused_before_sending(
    label: str, call: Call, name: str, files: Files, server: LoopbackServer
) -> None:
    before = len(server.received)
    with Client(server.url, tmpdir=files.tmp, timeout=5) as client, pytest.raises(BadInput) as caught:
        call(client, files)
    assert len(server.received) == before, f"{label}: a request was sent"
    _check(caught.value, name)


@pytest.mark.parametrize(("label", "call", "name"), ROWS, ids=[row[0] for row in ROWS])
def test_async_bad_input_is_refused_before_sending(
    label: str, call: Call, name: str, files: Files, server: LoopbackServer
) -> None:
    async def run() -> BadInput:
        async with AsyncClient(server.url, tmpdir=files.tmp, timeout=5) as client:
            with pytest.raises(BadInput) as caught:
                result = call(client, files)
                if inspect.isawaitable(result):
                    await result
            return caught.value

    before = len(server.received)
    error = anyio.run(run)
    assert len(server.received) == before, f"{label}: a request was sent"
    _check(error, name)


@pytest.mark.parametrize(("label", "kwargs", "name"), CONSTRUCTOR, ids=[row[0] for row in CONSTRUCTOR])
@pytest.mark.parametrize("cls", [Client, AsyncClient])
def test_bad_constructor_arguments(
    label: str, kwargs: dict[str, Any], name: str, cls: type[Any], server: LoopbackServer
) -> None:
    before = len(server.received)
    with pytest.raises(BadInput) as caught:
        cls(server.url, **kwargs)
    assert len(server.received) == before
    _check(caught.value, name)


@pytest.mark.parametrize("server_url", [None, "", "   ", 8000, f"ftp://u:{SECRET}@host"])
def test_bad_server_url(server_url: Any) -> None:
    with pytest.raises(BadInput) as caught:
        Client(server_url)
    _check(caught.value, "server_url")


def test_documented_defaults_still_work(files: Files, server: LoopbackServer) -> None:
    """`image_id=None` means "the server names it", `tag=""` the server's `final`, `train_start("")` every
    trainer, and an image from `file=` needs no `image_id`: each sends its request."""
    before = len(server.received)
    with Client(server.url, tmpdir=files.tmp, timeout=5) as client:
        for call in (
            lambda: client.upload_image(files.image),
            lambda: client.save_label("ct", files.image),
            lambda: client.train_start(""),
            lambda: client.infer("seg", "", {}, file=files.image, output_dir=files.tmp),
        ):
            try:
                call()
            except BadInput as exc:  # pragma: no cover - the failure message says which
                pytest.fail(f"refused a documented default: {exc}")
            except Exception:
                pass  # the loopback answers `{}`: whatever follows is not about the arguments
        assert len(server.received) == before + 4
        query = [got.path for got in server.received[before:]]
    assert "tag=" not in query[1] and "image=ct" in query[1]
