"""Labelbox <-> a local folder of PNG images and masks: images become data rows (external id = file name, never
twice) and come back byte-exact; masks are refused with the reason (Labelbox's API as medannot speaks it, and its
emulator, take no label import) and listed in the summary, never dropped silently. Both legs killed and rerun."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from medannot.labelbox import Client
from tests.cli.conftest import cli, killed, sha256

pytestmark = pytest.mark.timeout(300)

COUNT = 5


def _png_folder(folder: Path) -> None:
    import numpy as np
    from PIL import Image

    (folder / "imagesTr").mkdir(parents=True)
    (folder / "labelsTr").mkdir()
    rng = np.random.default_rng(5)
    training = []
    for i in range(COUNT):
        image = rng.integers(0, 255, size=(24, 32), dtype=np.uint8)
        Image.fromarray(image).save(folder / "imagesTr" / f"case_{i}.png")
        Image.fromarray(((image > 128) + (image > 220)).astype(np.uint8)).save(folder / "labelsTr" / f"case_{i}.png")
        training.append({"image": f"./imagesTr/case_{i}.png", "label": f"./labelsTr/case_{i}.png"})
    (folder / "dataset.json").write_text(json.dumps({"labels": {"0": "background", "1": "tissue", "2": "core"},
                                                     "training": training}))  # fmt: skip


def _json(result: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_folder_to_labelbox_and_back_killed_then_rerun(labelbox_emulator: Any, state_dir: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    lb = labelbox_emulator
    monkeypatch.setenv("LABELBOX_API_KEY", lb.api_key)
    source = tmp_path / "src"
    _png_folder(source)
    with Client(lb.api_key, lb.graphql_url) as client:
        dataset = client.create_dataset(name="copied")
    base = lb.graphql_url.removesuffix("/graphql")
    where = f"labelbox+{base}/dataset/{dataset.id}"

    up = ["copy", str(source), where, "--concurrency", "2", "--json"]
    for point in ("sent:1", "sending:2", "sent:2"):
        assert killed(cli(*up, failpoint=point))
    result = cli(*up)
    assert result.returncode == 3, result.stderr  # partial: the masks could not go
    summary = _json(result)
    assert summary["counts"] == {"planned": 0, "sending": 0, "done": COUNT, "failed": COUNT}
    assert all("no label import" in f["error"] and f["item"].endswith("/label:final") for f in summary["failures"])
    assert any("no label import" in note for note in summary["notes"])
    with Client(lb.api_key, lb.graphql_url) as client:
        rows = list(client.get_data_rows(dataset.id))
    assert sorted(r.external_id for r in rows) == [f"case_{i}.png" for i in range(COUNT)]  # each once

    back = tmp_path / "back"
    down = ["copy", where, str(back), "--concurrency", "2", "--json"]
    for point in ("sent:2", "sending:3"):
        assert killed(cli(*down, failpoint=point))
    result = cli(*down)
    assert result.returncode == 0, result.stderr + result.stdout
    assert _json(result)["counts"]["done"] == COUNT
    got = sorted(p.name for p in (back / "imagesTr").iterdir())
    assert got == [f"case_{i}.png" for i in range(COUNT)]  # no partial or temporary file
    for name in got:
        assert sha256(back / "imagesTr" / name) == sha256(source / "imagesTr" / name)
    dataset_json = json.loads((back / "dataset.json").read_text())
    assert dataset_json["test"] == [f"./imagesTr/case_{i}.png" for i in range(COUNT)]
