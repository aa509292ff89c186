"""Every exception leaving a public method is a `MedannotError`: each public MONAI Label method, sync and async,
against a loopback server that answers 500, garbage, an HTML page, drops the connection, or is not there."""

from __future__ import annotations

import inspect
import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import anyio
import pytest

from medannot.errors import MedannotError
from medannot.monailabel import AsyncClient, Client

FAULTS = ["500", "garbage-json", "html-200", "reset", "refused"]


def _handler(fault: str) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            if length:
                self.rfile.read(length)
            if fault == "reset":
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                self.connection.close()
                return
            status, ctype, body = {
                "500": (500, "text/plain", b"Internal Server Error"),
                "garbage-json": (200, "application/json", b"{not json"),
                "html-200": (200, "text/html", b"<html><title>Login</title></html>"),
            }[fault]
            self.send_response(status)
            self.send_header("content-type", ctype)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _answer

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture(params=FAULTS)
def faulty_url(request: pytest.FixtureRequest) -> Iterator[str]:
    if request.param == "refused":
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        yield f"http://127.0.0.1:{port}"
        return
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(request.param))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def calls(tmp: Path) -> dict[str, Callable[[Any], Any]]:
    """One plausible call per public method (arguments valid, so only the server's answer can fail it)."""
    image = tmp / "ct.nii.gz"
    image.write_bytes(b"\x1f\x8b" + b"0" * 100)
    return {
        "info": lambda c: c.info(),
        "server_version": lambda c: c.server_version(),
        "datastore": lambda c: c.datastore(),
        "datastore_status": lambda c: c.datastore_status(),
        "list_images": lambda c: c.list_images(),
        "image_exists": lambda c: c.image_exists("a"),
        "upload_image": lambda c: c.upload_image(image, "a"),
        "upload_images": lambda c: c.upload_images([image], progress=False),
        "delete_image": lambda c: c.delete_image("a"),
        "save_label": lambda c: c.save_label("a", image),
        "delete_label": lambda c: c.delete_label("a", "final"),
        "download_label": lambda c: c.download_label("a", "final", tmp),
        "download_image": lambda c: c.download_image("a", tmp),
        "infer": lambda c: c.infer("m", "a", {}, output_dir=tmp),
        "wsi_infer": lambda c: c.wsi_infer("m", "a"),
        "create_session": lambda c: c.create_session(image),
        "get_session": lambda c: c.get_session("s"),
        "remove_session": lambda c: c.remove_session("s"),
        "next_sample": lambda c: c.next_sample("random"),
        "train_start": lambda c: c.train_start("m"),
        "train_status": lambda c: c.train_status(),
        "train_stop": lambda c: c.train_stop(),
        "batch_infer": lambda c: c.batch_infer("m"),
        "batch_infer_status": lambda c: c.batch_infer_status(),
        "batch_infer_stop": lambda c: c.batch_infer_stop(),
        "auth_enabled": lambda c: c.auth_enabled(),
        "auth_token": lambda c: c.auth_token("u", "p"),
        "auth_valid_token": lambda c: c.auth_valid_token(),
        "set_server_url": lambda c: c.set_server_url(""),
    }


def test_every_public_method_is_listed(tmp_path: Path) -> None:
    public = {name for name, _ in inspect.getmembers(Client, inspect.isfunction) if not name.startswith("_")}
    untested = public - set(calls(tmp_path)) - {"close", "with_options", "get_server_url", "update_auth"}
    assert not untested


def test_sync_methods_raise_only_medannot_errors(faulty_url: str, tmp_path: Path) -> None:
    with Client(faulty_url, tmpdir=tmp_path, timeout=5) as base:
        ml = base.with_options(max_retries=0)
        for name, call in calls(tmp_path).items():
            try:
                call(ml)
            except MedannotError:
                pass
            except Exception as exc:  # pragma: no cover - the failure message names the culprit
                pytest.fail(f"Client.{name} raised {type(exc).__name__}: {exc}")


def test_async_methods_raise_only_medannot_errors(faulty_url: str, tmp_path: Path) -> None:
    async def run() -> None:
        async with AsyncClient(faulty_url, tmpdir=tmp_path, timeout=5) as base:
            ml = base.with_options(max_retries=0)
            for name, call in calls(tmp_path).items():
                try:
                    await call(ml)
                except MedannotError:
                    pass
                except Exception as exc:  # pragma: no cover
                    pytest.fail(f"AsyncClient.{name} raised {type(exc).__name__}: {exc}")

    anyio.run(run)
