"""A real PHAS 0.99.7 server (histology annotation) in .cache/phas-venv, started on free loopback ports.

The recipe and its pitfalls are in the shared notes (phas-server.md); what we found beyond them is in
docs/phas-server.md. The wheel lacks the two SQL files `flask init-db` needs: they are copied into the venv
from the shared folder (`../shared/phas-sql`, env MEDANNOT_PHAS_SQL), never into this repository.

The data set (slides, database, users, keys, samples) is built once per slide size under
.cache/phas-data/ by `_phas_setup` (run with the server venv's python); every start copies only the small
instance folder (database + sample patches) into the caller's workdir, so tests may change it freely.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tools.servers._process import ServerProcess, free_port, http_ok
from tools.servers._venv import CACHE, REPO, ensure_venv, venv_python

PHAS_VERSION = "0.99.7"
STEPS: list[list[str]] = [
    [f"phas=={PHAS_VERSION}", "openslide-bin", "werkzeug<3.1", "tifffile", "numpy", "httpx"],
]
SQL_FILES = ("schema.sql", "schema_views.sql")
SETUP = Path(__file__).with_name("_phas_setup.py")
NUMPROC = 2  # slide-server workers (default 8 is too many for a test machine)
SMALL, BENCH = 2048, 8192  # level-0 sizes: tests / benchmarks


class PhasUnavailable(RuntimeError):
    """The PHAS server cannot be provisioned here (e.g. the shared SQL files are absent); tests skip on it."""


def sql_dir() -> Path:
    return Path(os.environ.get("MEDANNOT_PHAS_SQL", REPO.parent / "shared" / "phas-sql"))


def _site_packages(venv: Path) -> Path:
    found = sorted(venv.glob("lib/python3*/site-packages"))
    if not found:
        raise PhasUnavailable(f"no site-packages in {venv}")
    return found[0]


def provision() -> Path:
    """Create the server venv (idempotent) and put the SQL files into its `phas/sql/`; returns the venv."""
    src = sql_dir()
    missing = [name for name in SQL_FILES if not (src / name).is_file()]
    if missing:
        raise PhasUnavailable(
            f"PHAS SQL files {', '.join(missing)} not found in {src} (set MEDANNOT_PHAS_SQL to the folder "
            "holding schema.sql and schema_views.sql; the PyPI wheel does not ship them)"
        )
    venv = ensure_venv("phas-venv", STEPS)
    dest = _site_packages(venv) / "phas" / "sql"
    dest.mkdir(exist_ok=True)
    for name in SQL_FILES:
        data = (src / name).read_bytes()
        if not (dest / name).is_file() or (dest / name).read_bytes() != data:
            (dest / name).write_bytes(data)
    return venv


def _data_key(size: int) -> str:
    h = hashlib.sha256(f"{PHAS_VERSION}:{size}".encode())
    h.update(SETUP.read_bytes())
    for name in SQL_FILES:
        h.update((sql_dir() / name).read_bytes())
    return f"{size}-{h.hexdigest()[:12]}"


def provision_data(size: int = SMALL, extra_slides: int = 0) -> Path:
    """Build (once) the slides + instance for `size`; a lock keeps parallel sessions from building twice.

    `extra_slides` > 0: a derived data set (also cached) whose project holds that many more slides.
    """
    if extra_slides > 0:
        return _provision_extra_slides(provision_data(size), extra_slides)
    venv = provision()
    root = CACHE / "phas-data"
    root.mkdir(parents=True, exist_ok=True)
    datadir = root / _data_key(size)
    with (root / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (datadir / "manifest.json").is_file():
            return datadir
        shutil.rmtree(datadir, ignore_errors=True)  # a half-built folder from an interrupted run
        datadir.mkdir()
        print(f"[provision phas] building data set {datadir.name}", file=sys.stderr, flush=True)
        proc = subprocess.run(
            [str(venv_python(venv)), "-m", "tools.servers._phas_setup", str(datadir), "--size", str(size)],
            cwd=REPO,
            env={**os.environ, "FLASK_APP": "phas"},
            capture_output=True,
            text=True,
        )
        (datadir / "setup.log").write_text(proc.stdout + proc.stderr)
        if proc.returncode != 0 or not (datadir / "manifest.json").is_file():
            raise RuntimeError(f"PHAS data set-up failed (log {datadir / 'setup.log'}):\n{proc.stderr[-3000:]}")
    return datadir


EXTRA_SLIDES_LAYOUT = 1  # bump when _insert_extra_slides changes: the cached derived data sets are rebuilt


def _provision_extra_slides(base: Path, count: int) -> Path:
    """A copy of `base`'s instance whose project has `count` more slides, for manifest benchmarks.

    The extra slides are database rows only (no image files: the slide manifest reads only the database), made
    as PHAS's `db_create_slide` makes them; PHAS's own `flask rebuild-task-slide-index` then adds them to
    every task. The slides, users and keys of `base` are unchanged.
    """
    datadir = base.parent / f"{base.name}-extra{count}-v{EXTRA_SLIDES_LAYOUT}"
    with (base.parent / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (datadir / "manifest.json").is_file():
            return datadir
        shutil.rmtree(datadir, ignore_errors=True)
        print(f"[provision phas] building data set {datadir.name}", file=sys.stderr, flush=True)
        manifest = json.loads((base / "manifest.json").read_text())
        instance = datadir / "instance"
        shutil.copytree(base / "instance", instance, ignore=shutil.ignore_patterns("oslserver"))
        _insert_extra_slides(instance / "phas.sqlite", manifest["project"], count)
        proc = subprocess.run(
            [str(provision() / "bin" / "flask"), "rebuild-task-slide-index", manifest["project"]],
            cwd=datadir,
            env={**os.environ, "FLASK_APP": "phas", "FLASK_INSTANCE_PATH": str(instance)},
            capture_output=True,
            text=True,
        )
        (datadir / "setup.log").write_text(proc.stdout + proc.stderr)
        if proc.returncode != 0:
            raise RuntimeError(f"PHAS slide index rebuild failed (log {datadir / 'setup.log'}):\n{proc.stderr[-3000:]}")
        (datadir / "manifest.json").write_text(json.dumps({**manifest, "extra_slides": count}, indent=1))
    return datadir


def _insert_extra_slides(database: Path, project: str, count: int) -> None:
    """Slides X01_B1_HE_0000 ...: 10 specimens, 4 blocks each, stains HE/NISSL alternating, tags like the real
    slides'. Same rows as `phas.project_cli.db_create_slide` writes."""
    with contextlib.closing(sqlite3.connect(database)) as db, db:
        for i in range(count):
            specimen, block, stain = f"X{i % 10 + 1:02d}", f"B{i // 10 % 4 + 1}", ("HE", "NISSL")[i % 2]
            db.execute("INSERT OR IGNORE INTO specimen(private_name, project) VALUES (?, ?)", (specimen, project))
            db.execute(
                "INSERT OR IGNORE INTO block(specimen, block_name) "
                "SELECT id, ? FROM specimen WHERE private_name=? AND project=?",
                (block, specimen, project),
            )
            (block_id,) = db.execute(
                "SELECT b.id FROM block b JOIN specimen s ON b.specimen = s.id "
                "WHERE s.private_name=? AND s.project=? AND b.block_name=?",
                (specimen, project, block),
            ).fetchone()
            slide_id = db.execute(
                "INSERT INTO slide(block_id, section, slide, stain, slide_name, slide_ext) VALUES (?,?,?,?,?,?)",
                (block_id, i // 40 + 1, 1, stain, f"{specimen}_{block}_{stain}_{i:04d}", "tif"),
            ).lastrowid
            for tag in ("extra", ("qc-pass", "qc-fail")[i % 3 == 0]):
                db.execute("INSERT INTO slide_tags(slide, tag, external) VALUES (?, ?, 1)", (slide_id, tag))


@dataclass(frozen=True)
class PhasServer:
    """A running server and the ids of what it holds (ids as created by a fresh set-up)."""

    url: str
    project: str
    tasks: dict[str, int]  # "annot" | "dltrain" | "sampling" -> task id
    slides: dict[str, int]  # slide name -> slide id
    labelset: str
    labelset_id: int
    labels: dict[str, int]  # label name -> label id
    samples: list[int]  # training sample ids (in the dltrain task)
    keys: dict[str, str]  # username ("admin", "reader", "outsider") -> API key
    key_files: dict[str, Path]  # username -> JSON file {"api_key": ...}, the official client's format
    slide_size: int
    venv: Path
    instance: Path
    logs: dict[str, Path] = field(default_factory=dict)
    extra_slides: int = 0  # slides beyond `slides` (database rows only), see provision_data

    @property
    def python(self) -> Path:
        """The server venv's python: it also holds the official client `phas.client.api`."""
        return venv_python(self.venv)


def _instance_dir(workdir: Path) -> tuple[Path, str | None]:
    """Unix socket paths must stay under ~100 bytes; fall back to a short temporary folder."""
    instance = workdir / "instance"
    if len(str(instance / "oslserver" / "oslserver_00.sock")) < 100:
        return instance, None
    tmp = tempfile.mkdtemp(prefix="phas-")
    return Path(tmp) / "instance", tmp


@contextlib.contextmanager
def running_server(
    workdir: Path, *, slide_size: int = SMALL, extra_slides: int = 0, timeout: float = 60.0
) -> Iterator[PhasServer]:
    """Start slide server + flask on free loopback ports with a fresh copy of the provisioned instance."""
    datadir = provision_data(slide_size, extra_slides)
    venv = provision()
    manifest = json.loads((datadir / "manifest.json").read_text())
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    instance, tmp = _instance_dir(workdir)
    shutil.rmtree(instance, ignore_errors=True)
    shutil.copytree(datadir / "instance", instance, ignore=shutil.ignore_patterns("oslserver", "config.py"))
    port = free_port()
    (instance / "config.py").write_text(
        "SECRET_KEY = 'medannot-phas-test-instance'\n"
        f"HISTOANNOT_PUBLIC_URL = '127.0.0.1:{port}'\n"  # host:port; only used in reset links
        f"SLIDE_SERVER_NUMPROC = {NUMPROC}\n"
    )
    key_files = {}
    for user, key in manifest["keys"].items():
        key_files[user] = workdir / f"{user}_api_key.json"
        key_files[user].write_text(json.dumps({"api_key": key}))
    env = {"FLASK_APP": "phas", "FLASK_INSTANCE_PATH": str(instance), "PYTHONUNBUFFERED": "1"}
    flask = str(venv / "bin" / "flask")
    socks = [instance / "oslserver" / f"oslserver_{i:02d}.sock" for i in range(NUMPROC)]
    url = f"http://127.0.0.1:{port}"
    logs = {"slide_server": workdir / "phas-slide-server.log", "flask": workdir / "phas-flask.log"}
    try:
        with (
            ServerProcess(
                [flask, "slide-server-run"],
                log_path=logs["slide_server"],
                env=env,
                cwd=workdir,
                ready=lambda: all(s.exists() for s in socks),
                timeout=timeout,
            ),
            ServerProcess(
                [flask, "run", "--host", "127.0.0.1", "--port", str(port), "--no-reload"],
                log_path=logs["flask"],
                env=env,
                cwd=workdir,
                ready=http_ok(f"{url}/auth/api/anonymize"),
                timeout=timeout,
            ),
        ):
            yield PhasServer(
                url=url,
                project=manifest["project"],
                tasks=manifest["tasks"],
                slides=manifest["slides"],
                labelset=manifest["labelset"],
                labelset_id=manifest["labelset_id"],
                labels=manifest["labels"],
                samples=manifest["samples"],
                keys=manifest["keys"],
                key_files=key_files,
                slide_size=slide_size,
                venv=venv,
                instance=instance,
                logs=logs,
                extra_slides=manifest.get("extra_slides", 0),
            )
    finally:
        for s in socks:  # the slide server leaves its sockets behind when killed
            s.unlink(missing_ok=True)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["provision", "serve"])
    parser.add_argument("--size", type=int, default=SMALL, help=f"level-0 slide size (benchmarks: {BENCH})")
    parser.add_argument("--workdir", type=Path, help="instance/log folder for serve (default: a temp dir)")
    parser.add_argument("--extra-slides", type=int, default=0, help="more slides in the project (manifest only)")
    args = parser.parse_args()
    t0 = time.monotonic()
    if args.command == "provision":
        datadir = provision_data(args.size, args.extra_slides)
        print(f"venv {provision()}\ndata {datadir}\n({time.monotonic() - t0:.1f} s)")
        return
    _stop_on_signals()
    with contextlib.ExitStack() as stack:
        workdir = args.workdir or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="phas-serve-")))
        server = stack.enter_context(running_server(workdir, slide_size=args.size, extra_slides=args.extra_slides))
        print(
            f"PHAS at {server.url} (started in {time.monotonic() - t0:.1f} s); project {server.project!r}, "
            f"tasks {server.tasks}, slides {server.slides}"
        )
        for user, path in server.key_files.items():
            print(f"  {user}: PHAS_AUTH_KEY={path}")
        print("Ctrl-C (or SIGTERM) to stop.", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop_on_signals() -> None:
    """Background shells start us with SIGINT ignored, and SIGTERM would skip the clean-up."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _interrupt)


if __name__ == "__main__":
    main()
