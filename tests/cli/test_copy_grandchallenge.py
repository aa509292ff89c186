"""`medannot copy grandchallenge+https://.../archive/<slug> monailabel+http://...`: each archive item's image
(MHA, as Grand Challenge stores it) becomes a NIfTI image of the datastore, its segmentation socket's image the
label; killed and rerun, the datastore holds each case once, voxels and geometry equal to the archive's, and the
sockets MONAI Label has no place for are listed in the summary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from medannot.grandchallenge import Client as GCClient
from medannot.monailabel import Client
from tests.cli.conftest import cli, killed, summary

pytestmark = pytest.mark.timeout(300)

COUNT = 4
SEGMENTATION = "lesion-segmentation"


def _mha(path: Path, array: np.ndarray, origin: tuple[float, ...], spacing: tuple[float, ...]) -> Path:
    import SimpleITK as sitk

    image = sitk.GetImageFromArray(array)  # (z, y, x)
    image.SetOrigin(origin)
    image.SetSpacing(spacing)
    sitk.WriteImage(image, str(path), True)
    return path


def _seed(gc: Any, tmp_path: Path) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """COUNT archive items in `empty-archive`: an MHA image, an MHA segmentation (on a socket of kind
    Segmentation the test adds to the emulator) and a value socket; title -> (image, label, expected affine)."""
    from medannot.testing.grandchallenge._records import Socket

    gc.backend.sockets[SEGMENTATION] = Socket(99, SEGMENTATION, "Lesion Segmentation", "Segmentation", "Image",
                                              f"images/{SEGMENTATION}")  # fmt: skip
    rng = np.random.default_rng(3)
    origin, spacing = (-12.0, 4.5, 30.0), (0.8, 0.7, 2.5)
    affine = np.diag([-spacing[0], -spacing[1], spacing[2], 1.0])  # ITK's LPS as NIfTI's RAS
    affine[:3, 3] = [-origin[0], -origin[1], origin[2]]
    expected = {}
    with GCClient(gc.token, base_url=gc.url, verify=str(gc.ca_path)) as client:
        for i in range(COUNT):
            image = rng.normal(size=(3, 6, 8)).astype(np.float32)
            label = (image > 0.3).astype(np.uint8) + (image > 1.2).astype(np.uint8)
            values = {
                "generic-medical-image": [_mha(tmp_path / f"img{i}.mha", image, origin, spacing)],
                SEGMENTATION: [_mha(tmp_path / f"seg{i}.mha", label, origin, spacing)],
                "lung-volume": 1.5 + i,
            }
            item = client.add_case_to_archive(archive_slug="empty-archive", values=values, title=f"case {i}")
            client.archive_items.wait(item)
            expected[str(item.pk)] = (image.transpose(2, 1, 0), label.transpose(2, 1, 0), affine)
    return expected


def test_archive_to_monailabel_killed_then_rerun_is_exact(grandchallenge_emulator: Any, monailabel_emulator: Any,
                                                          state_dir: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    import nibabel as nib

    gc = grandchallenge_emulator
    expected = _seed(gc, tmp_path)
    monkeypatch.setenv("GRAND_CHALLENGE_AUTHORIZATION", gc.token)
    src = "grandchallenge+" + gc.origin.rstrip("/") + "/archive/empty-archive"
    args = ["copy", src, "monailabel+" + monailabel_emulator.url, "--src-ca-bundle", str(gc.ca_path),
            "--concurrency", "2", "--json"]  # fmt: skip
    for point in ("sent:1", "sending:2", "sent:2"):
        assert killed(cli(*args, failpoint=point))
    result = summary(cli(*args))
    assert result["counts"] == {"planned": 0, "sending": 0, "done": 2 * COUNT, "failed": 0}
    assert any(f"lung-volume (Value, Float): {COUNT}" in note for note in result["notes"]), result["notes"]
    assert summary(cli(*args))["sent"] == 0

    check = tmp_path / "check"
    check.mkdir()
    with Client(monailabel_emulator.url) as ml:
        images = ml.list_images()
        assert sorted(i.id for i in images) == sorted(expected)  # each case once
        for image in images:
            assert image.label_tags == ["final"]
            want_image, want_label, affine = expected[image.id]
            got = nib.load(str(ml.download_image(image.id, check / f"{image.id}.nii.gz", overwrite=True)))
            assert np.array_equal(np.asarray(got.dataobj), want_image)
            assert np.allclose(got.affine, affine)
            seg = nib.load(str(ml.download_label(image.id, "final", check / f"{image.id}.seg.nii.gz",
                                                 overwrite=True)))  # fmt: skip
            assert np.array_equal(np.asarray(seg.dataobj), want_label)
            assert np.asarray(seg.dataobj).dtype == np.uint8
            assert np.allclose(seg.affine, affine)
