"""`medannot copy datamint+http://.../project/<name> DST` and `medannot datamint export`: one case per resource
(its id the case id), the image as stored, the label made of the resource's segmentations (one file as stored,
or several merged into one volume of values), label names from the annotations; what has no place in a label is
counted in the notes. Round trip: a local MSD folder -> the Datamint emulator -> a folder, killed and rerun."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from medannot.datamint import APIHandler
from tests.cli.conftest import cli, kill_when, killed, manifest_rows, sha256, summary, write_msd

pytestmark = pytest.mark.timeout(300)

COUNT = 5


def _project(emulator: Any, name: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DATAMINT_API_KEY", emulator.api_key)
    with APIHandler(emulator.url, emulator.api_key) as dm:
        dm.create_project(name, "for the copy from Datamint", [])
    return f"{emulator.url}/project/{name}"


def _filenames(emulator: Any, project: str) -> dict[str, str]:
    """resource id -> its file name."""
    with APIHandler(emulator.url, emulator.api_key) as dm:
        return {str(r["id"]): str(r["filename"]) for r in dm.get_resources(project_name=project)}


def _check_folder(back: Path, msd: Path, ids: dict[str, str]) -> None:
    import nibabel as nib
    import numpy as np

    assert len(ids) == COUNT
    for rid, filename in ids.items():
        case = filename.removesuffix(".nii.gz")
        image, label = back / "imagesTr" / f"{rid}.nii.gz", back / "labelsTr" / f"{rid}.nii.gz"
        assert sha256(image) == sha256(msd / "imagesTr" / filename)  # the image as stored
        source = nib.load(str(msd / "labelsTr" / f"{case}.nii.gz"))
        copied = nib.load(str(label))
        assert np.array_equal(np.asarray(copied.dataobj), np.asarray(source.dataobj))  # voxels
        assert np.allclose(copied.affine, source.affine) and np.allclose(nib.load(str(image)).affine, source.affine)
        assert sha256(label) == sha256(msd / "labelsTr" / f"{case}.nii.gz")  # one shared file: bytes as stored
    dataset = json.loads((back / "dataset.json").read_text())
    assert dataset["labels"] == {"0": "background", "1": "organ", "2": "lesion"}
    assert dataset["numTraining"] == COUNT
    assert sorted(e["image"] for e in dataset["training"]) == sorted(f"./imagesTr/{rid}.nii.gz" for rid in ids)
    assert not [p for p in back.rglob(".*") if p.is_file()]  # no partial file left


def test_round_trip_through_datamint_killed_then_rerun_is_exact(datamint_emulator: Any, state_dir: Path,
                                                                 tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    msd, back = tmp_path / "msd", tmp_path / "back"
    write_msd(msd, COUNT)
    project = _project(datamint_emulator, "toy", monkeypatch)
    summary(cli("copy", str(msd), "datamint+" + project, "--json"))

    args = ["copy", "datamint+" + project, str(back), "--concurrency", "2", "--json"]
    for point in ("sent:1", "sending:4", "sent:6"):  # after an image, before a label, after a label
        assert killed(cli(*args, failpoint=point))
    result = summary(cli(*args))
    assert result["counts"] == {"planned": 0, "sending": 0, "done": 2 * COUNT, "failed": 0}
    assert result["notes"] == []  # nothing left behind
    again = summary(cli(*args))
    assert again["sent"] == 0 and again["planned_new"] == 0
    _check_folder(back, msd, _filenames(datamint_emulator, "toy"))
    assert not list(state_dir.glob("transfers/*.staging/*"))
    assert all(r["state"] == "done" for r in manifest_rows(state_dir))
    verified = summary(cli(*args, "--verify"))
    assert verified["verified"] == 2 * COUNT and verified["mismatched"] == 0


def test_export_killed_at_an_unchosen_moment(datamint_emulator: Any, state_dir: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    msd, out = tmp_path / "msd", tmp_path / "export"
    write_msd(msd, COUNT)
    project = _project(datamint_emulator, "toy", monkeypatch)
    summary(cli("copy", str(msd), "datamint+" + project, "--json"))
    for path in state_dir.glob("transfers/*"):  # only the export's manifest from here on (kill_when reads one)
        if path.is_file():
            path.unlink()
    args = ["datamint", "export", "--url", project, str(out), "--concurrency", "1", "--json"]
    assert kill_when(args, state_dir, 3) >= 3  # killed mid-export, not after it
    result = summary(cli(*args))
    assert result["counts"]["done"] == 2 * COUNT and result["counts"]["failed"] == 0
    _check_folder(out, msd, _filenames(datamint_emulator, "toy"))


def _nifti(path: Path, array: Any, affine: Any) -> Path:
    import nibabel as nib

    nib.save(nib.Nifti1Image(array, affine), str(path))
    return path


def test_several_files_merged_and_what_cannot_be_carried_noted(datamint_emulator: Any, state_dir: Path,
                                                                tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    import nibabel as nib
    import numpy as np
    from PIL import Image

    from medannot.testing.datamint.samples import dicom_bytes

    project = _project(datamint_emulator, "mixed", monkeypatch)
    rng = np.random.default_rng(3)
    affine = np.diag([0.9, 0.6, 3.0, 1.0])
    affine[:3, 3] = [5.0, -7.0, 11.0]
    volume = rng.normal(size=(10, 8, 5)).astype(np.float32)
    organ, lesion = (volume > 0.2).astype(np.uint8), (volume > 1.0).astype(np.uint8)  # lesion inside organ
    files = tmp_path / "files"
    files.mkdir()
    ct = _nifti(files / "ct.nii.gz", volume, affine)
    _nifti(files / "organ.nii.gz", organ, affine)
    _nifti(files / "lesion.nii.gz", lesion, affine)
    picture = np.zeros((6, 9), dtype=np.uint8)
    picture[1:4, 2:7] = 200
    (files / "photo.png").write_bytes(_png(picture))
    spot = np.zeros((6, 9), dtype=np.uint8)
    spot[2:3, 3:6] = 255
    (files / "spot.png").write_bytes(_png(spot))
    (files / "scan.dcm").write_bytes(dicom_bytes(frames=1))

    with APIHandler(datamint_emulator.url, datamint_emulator.api_key) as dm:
        rid_ct = str(dm.upload_resources(str(ct), publish_to="mixed"))
        dm.upload_segmentations(rid_ct, str(files / "organ.nii.gz"), name={1: "organ"})
        dm.upload_segmentations(rid_ct, str(files / "lesion.nii.gz"), name={1: "lesion"})
        dm.add_image_category_annotation(rid_ct, "quality", "good")
        dm.annotations.add_box_annotation((1, 1), (3, 3), rid_ct, "nodule", frame_index=2)
        rid_png = str(dm.upload_resources(str(files / "photo.png"), publish_to="mixed"))
        dm.upload_segmentations(rid_png, str(files / "spot.png"), name="spot")
        rid_dcm = str(dm.upload_resources(str(files / "scan.dcm"), publish_to="mixed"))
        dm.upload_segmentations(rid_dcm, str(files / "spot.png"), name="spot", frame_index=0)

    out = tmp_path / "out"
    result = summary(cli("datamint", "export", "--url", project, str(out), "--json"))
    assert result["counts"] == {"planned": 0, "sending": 0, "done": 5, "failed": 0}  # 3 images, 2 labels

    dataset = json.loads((out / "dataset.json").read_text())
    # both volumes say value 1: "lesion" (first in name order) keeps it, "organ" takes the next free one
    assert dataset["labels"] == {"0": "background", "1": "lesion", "2": "organ", "3": "spot"}
    label = nib.load(str(out / "labelsTr" / f"{rid_ct}.nii.gz"))
    expected = np.where(lesion == 1, 1, np.where(organ == 1, 2, 0))  # the later annotation (lesion) wins
    assert np.array_equal(np.asarray(label.dataobj), expected)
    assert np.allclose(label.affine, affine)
    assert sha256(out / "imagesTr" / f"{rid_ct}.nii.gz") == sha256(ct)
    with Image.open(out / "labelsTr" / f"{rid_png}.png") as png:
        assert np.array_equal(np.asarray(png), np.where(spot > 0, 3, 0))
    assert sha256(out / "imagesTr" / f"{rid_png}.png") == sha256(files / "photo.png")
    assert sha256(out / "imagesTr" / f"{rid_dcm}.dcm") == sha256(files / "scan.dcm")
    assert not (out / "labelsTr" / f"{rid_dcm}.dcm").exists()
    assert dataset["test"] == [f"./imagesTr/{rid_dcm}.dcm"]  # the DICOM goes without its label

    notes = "\n".join(result["notes"])  # type: ignore[arg-type]
    assert "category annotations 'quality': 1" in notes
    assert "square annotations 'nodule': 1" in notes
    assert "segmentations of DICOM resources (their placement is not carried): 1" in notes
    assert "label names given another value than on Datamint (values clashed): organ: 1" in notes
    assert "labels where masks overlap (the later annotation wins): 1" in notes
    assert "labels rebuilt from the segmentation files" in notes


def _png(array: Any) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.fromarray(array).save(out, format="PNG")
    return out.getvalue()


def test_datamint_to_monailabel(datamint_emulator: Any, monailabel_emulator: Any, state_dir: Path, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    from medannot.monailabel import Client

    msd = tmp_path / "msd"
    write_msd(msd, 3)
    project = _project(datamint_emulator, "toy", monkeypatch)
    summary(cli("copy", str(msd), "datamint+" + project, "--json"))
    result = summary(cli("copy", "datamint+" + project, "monailabel+" + monailabel_emulator.url, "--json"))
    assert result["counts"]["done"] == 6
    ids = _filenames(datamint_emulator, "toy")
    with Client(monailabel_emulator.url) as ml:
        for rid, filename in ids.items():
            label = ml.download_label(rid, "final", tmp_path / f"{rid}.nii.gz", overwrite=True)
            assert sha256(Path(label)) == sha256(msd / "labelsTr" / filename)
            image = ml.download_image(rid, tmp_path / f"{rid}.image.nii.gz", overwrite=True)
            assert sha256(Path(image)) == sha256(msd / "imagesTr" / filename)


def test_an_unknown_project_is_not_found(datamint_emulator: Any, state_dir: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("DATAMINT_API_KEY", datamint_emulator.api_key)
    result = cli("copy", f"datamint+{datamint_emulator.url}/project/nope", str(tmp_path / "out"), "--json")
    assert result.returncode == 6, result.stderr
