"""The copy round trip against a real MONAI Label 0.8.5 server (tests/fixtures/monailabel_live.py), killed once each
way: local MSD -> server -> local MSD gives the same bytes, voxels and label names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import cli, killed, summary, tree, write_msd

pytestmark = [pytest.mark.live, pytest.mark.timeout(900)]


def test_copy_round_trip_on_the_real_server(monailabel_url: str, state_dir: Path, tmp_path: Path) -> None:
    import nibabel as nib
    import numpy as np

    original = tmp_path / "msd"
    dataset = write_msd(original, 4)
    to_server = ["copy", str(original), "monailabel+" + monailabel_url, "--concurrency", "2", "--json"]
    assert killed(cli(*to_server, failpoint="sent:3"))
    assert summary(cli(*to_server))["counts"]["done"] == 8
    back = tmp_path / "back"
    to_local = ["copy", "monailabel+" + monailabel_url, str(back), "--json"]
    assert killed(cli(*to_local, failpoint="sent:2"))
    result = summary(cli(*to_local))
    assert result["counts"]["failed"] == 0
    copied = tree(back)
    for rel, digest in tree(original).items():  # the server's own studies come back too; ours are byte-exact
        if rel != "dataset.json":
            assert copied[rel] == digest, rel
            a, b = nib.load(str(original / rel)), nib.load(str(back / rel))
            assert np.array_equal(np.asarray(a.dataobj), np.asarray(b.dataobj)) and np.allclose(a.affine, b.affine)
    written = json.loads((back / "dataset.json").read_text())
    assert written["labels"] == dataset["labels"]
    assert [e for e in written["training"] if e["image"].startswith("./imagesTr/case_")] == dataset["training"]
