"""Build the PHAS test data set: synthetic slides, database, users, API keys, training samples.

Runs with the PHAS server venv's python (`python -m tools.servers._phas_setup DATADIR --size N`), in one
process so the heavy PHAS imports are paid once: the flask CLI commands go through `app.test_cli_runner()`,
passwords and keys through `app.test_client()`. Tasks are added with `phas.project_cli.add_task` because
`flask tasks-add` is broken in 0.99.7. Writes DATADIR/manifest.json last (the caller's "done" stamp).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np
import tifffile

PROJECT = "synth"
LABELSET = "synth_labels"
LABELS = [
    {"name": "gray matter", "color": "#ff0000", "description": "Cortical gray matter"},
    {"name": "white matter", "color": "#00ff00", "description": "Subcortical white matter"},
    {"name": "background", "color": "#0000ff", "description": "Glass, no tissue"},
]
# name -> (compression, tile size, sidecar fields)
SLIDES: dict[str, tuple[str | None, int, dict[str, Any]]] = {
    "S1_B1_HE_01": (
        "jpeg",
        512,
        {
            "specimen": "S1",
            "block": "B1",
            "stain": "HE",
            "section": 1,
            "slide_number": 1,
            "tags": ["qc-pass", "he"],
        },
    ),
    "S1_B1_NISSL_02": (
        "jpeg",
        256,
        {
            "specimen": "S1",
            "block": "B1",
            "stain": "NISSL",
            "section": 2,
            "slide_number": 1,
            "tags": ["qc-pass"],
        },
    ),
    "S2_B1_HE_01": (
        None,
        512,
        {
            "specimen": "S2",
            "block": "B1",
            "stain": "HE",
            "section": 1,
            "slide_number": 1,
            "tags": ["qc-fail", "he"],
        },
    ),
}
TASKS = [
    {"name": "annot", "desc": "Free-form annotation", "mode": "annot", "restrict-access": False},
    {
        "name": "dltrain",
        "desc": "Classifier training samples",
        "mode": "dltrain",
        "restrict-access": False,
        "dltrain": {"labelset": LABELSET, "display-patch-size": 256},
    },
    {
        "name": "sampling",
        "desc": "Sampling ROI placement",
        "mode": "sampling",
        "restrict-access": False,
        "sampling": {"labelset": LABELSET},
    },
    # The command-line tests' own annotation task: they annotate every slide, and PHAS cannot take an annotation
    # back, so they keep out of `annot`, where the contract tests need slides that were never annotated.
    {"name": "cli-annot", "desc": "Annotation by the command-line tests", "mode": "annot", "restrict-access": False},
]
# username -> access level on the project and all its tasks (None: no access at all)
USERS: dict[str, str | None] = {"admin": "A11", "reader": "R01", "outsider": None}
MICRONS_PER_PIXEL = 0.5


def pattern(size: int, step: int) -> np.ndarray:
    """Level pixel (i, j) = level-0 pixel (i*step, j*step) of R=x&255, G=y&255, B=((x>>8)*7+(y>>8)*13)&255."""
    coords = np.arange(0, size, step, dtype=np.int64)
    x, y = coords[None, :], coords[:, None]
    img = np.empty((coords.size, coords.size, 3), dtype=np.uint8)
    img[..., 0] = x & 255
    img[..., 1] = y & 255
    img[..., 2] = ((x >> 8) * 7 + (y >> 8) * 13) & 255
    return img


def write_slide(path: Path, size: int, compression: str | None, tile: int) -> None:
    """Generic tiled TIFF, one tiled page per level (downsamples 1, 4, 16); OpenSlide: generic-tiff."""
    px_per_cm = 1e4 / MICRONS_PER_PIXEL
    with tifffile.TiffWriter(path) as tw:
        for k, step in enumerate((1, 4, 16)):
            # One tile size for every level, edge tiles padded: OpenSlide reads a level whose tiles are smaller
            # than the first level's with the first level's byte count, and fails ("Invalid tile byte count").
            tw.write(
                pattern(size, step),
                photometric="rgb",
                tile=(tile, tile),
                compression=compression,
                compressionargs={"level": 90} if compression == "jpeg" else None,
                subfiletype=0 if k == 0 else 1,
                resolution=(px_per_cm / step, px_per_cm / step),
                resolutionunit="CENTIMETER",
            )


def write_slides(base: Path, size: int) -> None:
    for name, (compression, tile, meta) in SLIDES.items():
        raw = base / meta["specimen"] / "histo_raw"
        raw.mkdir(parents=True, exist_ok=True)
        write_slide(raw / f"{name}.tif", size, compression, tile)
        (raw / f"{name}.json").write_text(json.dumps(meta))
        # Needed by /dzi/<p>/<id>/header and the .nii.gz routes (dimensions in px, spacing in mm).
        proc = base / meta["specimen"] / "histo_proc" / name / "preproc"
        proc.mkdir(parents=True, exist_ok=True)
        spacing = MICRONS_PER_PIXEL / 1000
        (proc / f"{name}_metadata.json").write_text(
            json.dumps({"dimensions": [size, size], "spacing": [spacing, spacing]})
        )


def write_config(instance: Path, public_url: str) -> None:
    instance.mkdir(parents=True, exist_ok=True)
    (instance / "config.py").write_text(
        "# Test instance written by medannot's tools.servers.phas\n"
        "SECRET_KEY = 'medannot-phas-test-instance'\n"
        f"HISTOANNOT_PUBLIC_URL = {public_url!r}\n"
        "SLIDE_SERVER_NUMPROC = 2\n"
    )


def build(datadir: Path, size: int) -> dict[str, Any]:
    instance, base, desc = datadir / "instance", datadir / "data" / PROJECT, datadir / "descriptors"
    write_config(instance, "127.0.0.1:0")
    os.environ["FLASK_INSTANCE_PATH"] = str(instance)
    os.environ["FLASK_APP"] = "phas"
    write_slides(base, size)
    desc.mkdir(parents=True, exist_ok=True)
    (desc / "project.json").write_text(
        json.dumps(
            {
                "disp_name": "Synthetic slides",
                "desc": "Generated test slides with a predictable pixel pattern",
                "base_url": str(base),
                "manifest_mode": "individual_json",
                "raw_slide_ext": ["tif", "tiff"],
            }
        )
    )
    (desc / "labelset.json").write_text(json.dumps(LABELS))

    from phas import create_app
    from phas.db import get_db
    from phas.project_cli import add_task

    app = create_app()
    runner = app.test_cli_runner()

    def cli(*args: str) -> str:
        result = runner.invoke(args=list(args))
        if result.exit_code != 0 or result.exception is not None:
            raise RuntimeError(f"flask {' '.join(args)} failed: {result.output}\n{result.exception!r}")
        return str(result.output)

    cli("init-db", "--confirm")
    cli("project-add", PROJECT, str(desc / "project.json"))
    cli("labelset-add", PROJECT, LABELSET, str(desc / "labelset.json"), "-d", "Synthetic tissue classes")
    cli("refresh-slides", PROJECT)
    with app.app_context():
        task_ids = {t["name"]: int(add_task(PROJECT, t)) for t in TASKS}

    keys: dict[str, str] = {}
    for user, level in USERS.items():
        out = cli("users-add", user, "-e", f"{user}@example.org")
        reset_key = out.strip().rsplit("/", 1)[-1]
        if user == "admin":
            cli("users-set-site-admin", user)
        if level is not None:
            cli("users-set-access-level", "-P", PROJECT, level, user)
        client = app.test_client()  # a fresh cookie jar per user
        r = client.post(f"/auth/pwreset/{reset_key}", data={"password": f"{user}-password"})
        if r.status_code != 302:
            raise RuntimeError(f"password reset for {user}: HTTP {r.status_code}")
        r = client.get("/auth/api/generate_key")
        keys[user] = json.loads(r.get_data(as_text=True))["api_key"]

    with app.app_context():
        db = get_db()
        slides = {r["slide_name"]: int(r["id"]) for r in db.execute("SELECT id, slide_name FROM slide")}
        labels = {r["name"]: int(r["id"]) for r in db.execute("SELECT id, name FROM label")}
        labelset_id = int(db.execute("SELECT id FROM labelset WHERE name=?", (LABELSET,)).fetchone()["id"])

    import_samples(cli, instance, desc, task_ids["dltrain"], size)
    with app.app_context():
        samples = [int(r["id"]) for r in get_db().execute("SELECT id FROM training_sample ORDER BY id")]

    return {
        "project": PROJECT,
        "size": size,
        "tasks": task_ids,
        "slides": slides,
        "labelset": LABELSET,
        "labelset_id": labelset_id,
        "labels": labels,
        "samples": samples,
        "keys": keys,
    }


def import_samples(cli: Any, instance: Path, desc: Path, task_id: int, size: int) -> None:
    """Training samples: their patch PNGs are rendered by the slide server, so it runs meanwhile."""
    from tools.servers._process import ServerProcess

    rows = [
        ("S1_B1_HE_01", "gray matter", 0.25, 0.25),
        ("S1_B1_HE_01", "white matter", 0.6, 0.3),
        ("S2_B1_HE_01", "gray matter", 0.4, 0.6),
        ("S2_B1_HE_01", "background", 0.1, 0.8),
    ]
    side = size // 16
    with (desc / "samples.csv").open("w", newline="") as f:
        w = csv.writer(f)
        # creator/editor columns are required by samples-import-csv (KeyError otherwise)
        w.writerow(["slide_name", "label_name", "x", "y", "w", "h", "creator", "editor"])
        for slide, label, fx, fy in rows:
            w.writerow([slide, label, int(fx * size), int(fy * size), side, side, "admin", "admin"])
    socks = [instance / "oslserver" / f"oslserver_{i:02d}.sock" for i in range(2)]
    flask = Path(sys.executable).parent / "flask"
    with ServerProcess(
        [str(flask), "slide-server-run"],
        log_path=instance.parent / "setup-slide-server.log",
        ready=lambda: all(s.exists() for s in socks),
        timeout=60,
    ):
        cli("samples-import-csv", str(task_id), str(desc / "samples.csv"))
    for s in socks:
        s.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("datadir", type=Path)
    parser.add_argument("--size", type=int, default=2048)
    args = parser.parse_args()
    manifest = build(args.datadir.resolve(), args.size)
    (args.datadir / "manifest.json").write_text(json.dumps(manifest, indent=1))


if __name__ == "__main__":
    main()
