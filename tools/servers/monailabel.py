"""A real MONAI Label 0.8.5 server: provisioned in .cache/monailabel-venv, started on a free loopback port.

Facts behind the recipe are in the project notes (monailabel-server.md): the CPU torch build that pip
finds here, `--no-deps` for monailabel and pydicom-seg, and pins that keep its imports working.
Server behaviour measured with this harness is in docs/monailabel-server.md.

    python -m tools.servers.monailabel provision
    python -m tools.servers.monailabel pull-schema      # writes schemas/monailabel/openapi.json
    python -m tools.servers.monailabel serve --studies DIR [--port N] [--auth]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import signal
import socket
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tools.servers._process import ServerProcess, free_port, http_ok
from tools.servers._venv import REPO, ensure_venv, venv_python

MONAILABEL_VERSION = "0.8.5"
APP_DIR = Path(__file__).resolve().parent / "monailabel_app"
SCHEMA_PATH = REPO / "schemas" / "monailabel" / "openapi.json"

STEPS: list[list[str]] = [
    ["torch==2.13.0"],
    ["--no-deps", f"monailabel=={MONAILABEL_VERSION}", "pydicom-seg", "itk-core", "itk-io"],
    [
        # fastapi/pydantic/starlette shape the OpenAPI document: pinned so schema pulls are reproducible.
        "monai>=1.4",
        "nibabel",
        "pillow",
        "psutil",
        "scikit-image",
        "tqdm",
        "uvicorn",
        "pydantic==2.14.4",
        "starlette==1.10.0",
        "pydantic-settings",
        "python-dotenv",
        "fastapi==0.165.0",
        "python-multipart",
        "httpx",
        "schedule",
        "dicomweb-client<0.60",
        "timeloop",
        "expiringdict",
        "expiring_dict",
        "cachetools",
        "watchdog",
        "pydicom<3",
        "pynetdicom<3",
        "pynrrd",
        "girder-client",
        "einops",
        "pyyaml",
        "filelock",
        "passlib",
        "pyjwt",
        "bcrypt",
        "shapely",
        "requests",
        "requests-toolbelt",
        "urllib3",
        "scikit-learn",
        "scipy",
        "google-auth",
        "SimpleITK",
        "jsonschema",
        "numpy<2.3",
    ],
]


def provision() -> Path:
    return ensure_venv("monailabel-venv", STEPS)


@dataclass
class MonaiLabelServer:
    url: str
    studies: Path
    workdir: Path
    auth: bool
    process: ServerProcess


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@contextmanager
def running_server(
    studies: Path,
    workdir: Path,
    *,
    auth: bool = False,
    port: int | None = None,
    realm_uri: str | None = None,
) -> Iterator[MonaiLabelServer]:
    """Start the tiny app on `studies`; every file the server writes goes under `workdir`.

    With `auth`, the server asks `realm_uri` (a Keycloak realm) for its public key and token endpoint;
    by default that is a closed loopback port, so nothing leaves the machine.
    """
    python = venv_python(provision())
    studies, workdir = studies.resolve(), workdir.resolve()  # the server runs in workdir: no relative paths
    workdir.mkdir(parents=True, exist_ok=True)
    studies.mkdir(parents=True, exist_ok=True)
    # The server creates model/, lib/, logs/, bin/ inside --app: run a copy, never the checked-in folder.
    app = workdir / "app"
    shutil.copytree(APP_DIR, app, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    if _port_in_use(port):  # else the readiness probe would be answered by whoever holds the port
        raise RuntimeError(f"port {port} is already in use")
    env = {
        "MONAI_LABEL_SESSION_PATH": str(workdir / "sessions"),
        # Background tasks (train, scoring, batch infer) are child pythons that import main.py from here.
        "PYTHONPATH": str(app),
        # Scoring after start, train and next_sample would race the tests' own scoring/train calls.
        "MONAI_LABEL_AUTO_UPDATE_SCORING": "false",
        "MONAI_LABEL_AUTH_ENABLE": "true" if auth else "false",
        "MONAI_LABEL_AUTH_REALM_URI": realm_uri or f"http://127.0.0.1:{free_port()}/realms/monailabel",
    }
    argv = [
        str(python),
        "-m",
        "monailabel.main",
        "start_server",
        "--app",
        str(app),
        "--studies",
        str(studies),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    # /info/ needs a valid token when auth is on; /auth/ never does (and exists only then).
    probe = http_ok(f"{url}/auth/" if auth else f"{url}/info/")
    # cwd: the server's settings read `.env` from the working directory; keep the repo's out of it.
    with ServerProcess(argv, log_path=workdir / "server.log", ready=probe, env=env, cwd=workdir) as process:
        yield MonaiLabelServer(url=url, studies=studies, workdir=workdir, auth=auth, process=process)


def fetch_openapi() -> dict[str, Any]:
    """The OpenAPI document of a running server with auth enabled (so /auth/* routes are included)."""
    with tempfile.TemporaryDirectory(prefix="medannot-ml-schema-") as tmp:
        root = Path(tmp)
        with running_server(root / "studies", root / "work", auth=True) as server:
            response = httpx.get(f"{server.url}/openapi.json", timeout=30.0)
            response.raise_for_status()
            doc: dict[str, Any] = response.json()  # dict keeps the server's key order
            return doc


def render_schema(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def pull_schema(target: Path = SCHEMA_PATH) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_schema(fetch_openapi()), encoding="utf-8")
    return target


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _serve(studies: Path, port: int | None, auth: bool) -> None:
    # SIGTERM (and SIGINT, which shells ignore for background jobs) must still stop the server's group.
    signal.signal(signal.SIGTERM, _interrupt)
    with (
        tempfile.TemporaryDirectory(prefix="medannot-ml-serve-") as tmp,
        running_server(studies, Path(tmp), auth=auth, port=port) as server,
        contextlib.suppress(KeyboardInterrupt),
    ):
        log = server.process.log_path
        print(f"MONAI Label {MONAILABEL_VERSION} at {server.url} (log: {log}); Ctrl-C stops", flush=True)
        server.process.proc.wait()  # type: ignore[union-attr]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.servers.monailabel",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("provision", help="create .cache/monailabel-venv if needed; print its python")
    pull = sub.add_parser("pull-schema", help="write the OpenAPI document of a real server (auth on)")
    pull.add_argument("--output", type=Path, default=SCHEMA_PATH)
    serve = sub.add_parser("serve", help="run the tiny app on a studies folder until Ctrl-C")
    serve.add_argument("--studies", type=Path, required=True)
    serve.add_argument("--port", type=int, default=None)
    serve.add_argument("--auth", action="store_true", help="enable auth (realm: a closed loopback port)")
    args = parser.parse_args(argv)
    if args.command == "provision":
        print(venv_python(provision()))
    elif args.command == "pull-schema":
        print(pull_schema(args.output))
    else:
        _serve(args.studies.resolve(), args.port, args.auth)
    return 0


if __name__ == "__main__":
    sys.exit(main())
