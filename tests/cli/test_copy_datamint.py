"""`medannot copy monailabel+http://... datamint+http://.../project/<name>`: images become resources of the
project, labels volume segmentations named from the source's label names; killed and rerun, nothing is created
twice and what Datamint serves equals the source (checksums of images and labels, voxels and affine, names)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from medannot.datamint import APIHandler
from medannot.monailabel import Client
from tests.cli.conftest import cli, killed, sha256, summary, write_msd

pytestmark = pytest.mark.timeout(300)

COUNT = 6


def test_monailabel_to_datamint_killed_then_rerun_is_exact(monailabel_emulator: Any, datamint_emulator: Any,
                                                           state_dir: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    import nibabel as nib
    import numpy as np

    msd = tmp_path / "msd"
    write_msd(msd, COUNT)
    summary(cli("copy", str(msd), "monailabel+" + monailabel_emulator.url, "--json"))  # the source datastore
    monkeypatch.setenv("DATAMINT_API_KEY", datamint_emulator.api_key)
    with APIHandler(datamint_emulator.url, datamint_emulator.api_key) as dm:
        dm.create_project("toy", "copied from MONAI Label", [])

    args = ["copy", "monailabel+" + monailabel_emulator.url, "datamint+" + datamint_emulator.url + "/project/toy",
            "--concurrency", "2", "--json"]  # fmt: skip
    for point in ("sent:1", "sending:3", "sent:3"):  # after an image, before a label, ...
        assert killed(cli(*args, failpoint=point))
    result = summary(cli(*args))
    assert result["counts"] == {"planned": 0, "sending": 0, "done": 2 * COUNT, "failed": 0}
    again = summary(cli(*args))
    assert again["sent"] == 0 and again["planned_new"] == 0

    check = tmp_path / "check"
    check.mkdir()
    with APIHandler(datamint_emulator.url, datamint_emulator.api_key) as dm:
        resources = list(dm.get_resources(project_name="toy"))
        assert sorted(r["filename"] for r in resources) == [f"case_{i:03d}.nii.gz" for i in range(COUNT)]
        assert len(list(dm.get_resources())) == COUNT  # nothing uploaded twice, nothing left outside the project
        for resource in resources:
            case = resource["filename"].removesuffix(".nii.gz")
            image = check / f"{case}.nii.gz"
            dm.download_resource_file(resource["id"], str(image), auto_convert=False)
            assert sha256(image) == sha256(msd / "imagesTr" / f"{case}.nii.gz")
            segs = list(dm.get_annotations(resource_id=resource["id"], annotation_type="segmentation"))
            source = nib.load(str(msd / "labelsTr" / f"{case}.nii.gz"))
            present = {int(v) for v in np.unique(np.asarray(source.dataobj))} - {0}
            names = {1: "organ", 2: "lesion"}
            assert sorted(a["identifier"] for a in segs) == sorted(names[v] for v in present)  # one per label, named
            label = check / f"{case}.label.nii.gz"
            dm.annotations.download_file(segs[0]["id"], label)
            assert sha256(label) == sha256(msd / "labelsTr" / f"{case}.nii.gz")
            copied = nib.load(str(label))
            assert np.array_equal(np.asarray(copied.dataobj), np.asarray(source.dataobj))
            assert np.allclose(copied.affine, source.affine)
    verified = summary(cli(*args, "--verify"))
    assert verified["verified"] == 2 * COUNT and verified["mismatched"] == 0


def test_datamint_needs_an_existing_project(monailabel_emulator: Any, datamint_emulator: Any, state_dir: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("DATAMINT_API_KEY", datamint_emulator.api_key)
    with Client(monailabel_emulator.url):
        pass
    result = cli("copy", "monailabel+" + monailabel_emulator.url, "datamint+" + datamint_emulator.url + "/project/nope",
                 "--json")  # fmt: skip
    assert result.returncode == 6, result.stderr
