"""SIGKILL at several points of an upload, a download and a copy, then the same command again: the destination
equals the source exactly (counts, checksums; voxels and geometry of labels for the MONAI Label copy), nothing is
stored twice, no partial file is left, and a rerun sends only what was missing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medannot.monailabel import Client
from tests.cli.conftest import (
    cli,
    kill_when,
    killed,
    manifest_rows,
    puts,
    sha256,
    summary,
    tree,
    write_files,
    write_msd,
)

pytestmark = pytest.mark.timeout(600)

COUNT = 24


def _server_checksums(url: str, into: Path) -> dict[str, str]:
    """image id -> checksum of what the server serves (downloaded with the plain client)."""
    out = {}
    into.mkdir(parents=True, exist_ok=True)
    with Client(url) as ml:
        for image in ml.list_images():
            path = ml.download_image(image.id, into / f"{image.id}{image.ext}", overwrite=True)
            out[image.id] = sha256(Path(path))
    return out


@pytest.mark.parametrize("failpoints", [["sent:1", "sending:5", "sent:9"], ["sending:1", "sent:13"]])
def test_upload_killed_then_rerun_is_exact(monailabel_emulator, state_dir: Path, tmp_path: Path,
                                           failpoints: list[str]) -> None:  # fmt: skip
    url = monailabel_emulator.url
    source = write_files(tmp_path / "src", COUNT, 40_000)
    args = ["monailabel", "upload", "--url", url, str(tmp_path / "src"), "--concurrency", "2", "--json"]
    for point in failpoints:
        assert killed(cli(*args, failpoint=point))
    result = summary(cli(*args))
    assert result["counts"] == {"planned": 0, "sending": 0, "done": COUNT, "failed": 0}
    served = _server_checksums(url, tmp_path / "check")
    assert served == {name.removesuffix(".nii.gz"): digest for name, digest in source.items()}
    # stable ids: never two images for one file; at most the items in flight at each kill were sent again
    assert len(puts(monailabel_emulator, "/datastore/image")) <= COUNT + 2 * len(failpoints)
    again = summary(cli(*args))  # a rerun of a finished transfer sends nothing
    assert again["sent"] == 0 and again["planned_new"] == 0


def test_an_image_sent_but_not_recorded_is_found_by_its_mark(monailabel_emulator, state_dir: Path,
                                                              tmp_path: Path) -> None:  # fmt: skip
    """Killed once the server had answered the first upload, before the manifest said so: the rerun finds that
    image by the checksum medannot stored in its info, and sends only the others."""
    source = write_files(tmp_path / "src", COUNT, 40_000)
    args = ["monailabel", "upload", "--url", monailabel_emulator.url, str(tmp_path / "src"), "--concurrency", "1",
            "--json"]  # fmt: skip
    assert killed(cli(*args, failpoint="sent:1"))
    result = summary(cli(*args))
    assert (result["found_existing"], result["sent"]) == (1, COUNT - 1)
    assert len(puts(monailabel_emulator, "/datastore/image")) == len(source)


def test_upload_killed_at_an_unchosen_moment(monailabel_emulator, state_dir: Path, tmp_path: Path) -> None:
    url = monailabel_emulator.url
    source = write_files(tmp_path / "src", 12, 1_500_000)
    args = ["monailabel", "upload", "--url", url, str(tmp_path / "src"), "--concurrency", "3", "--json"]
    for at in (2, 6):
        kill_when(args, state_dir, at)
    result = summary(cli(*args))
    assert result["counts"]["done"] == 12
    assert _server_checksums(url, tmp_path / "check") == {k.removesuffix(".nii.gz"): v for k, v in source.items()}


def test_download_killed_then_rerun_is_exact(monailabel_emulator, state_dir: Path, tmp_path: Path) -> None:
    url = monailabel_emulator.url
    write_files(tmp_path / "src", COUNT, 30_000)
    with Client(url) as ml:
        for path in sorted((tmp_path / "src").iterdir()):
            ml.upload_image(str(path), image_id=path.name.removesuffix(".nii.gz"))
        ml.save_label("img_003", str(tmp_path / "src" / "img_004.nii.gz"), tag="final")
    dest = tmp_path / "dest"
    args = ["monailabel", "download", "--url", url, str(dest), "--concurrency", "2", "--json"]
    for point in ("sent:2", "sending:4", "sent:11"):
        assert killed(cli(*args, failpoint=point))
    kill_when(args, state_dir, COUNT - 3)
    result = summary(cli(*args))
    assert result["counts"]["done"] == COUNT + 1
    expected = {name: sha256(tmp_path / "src" / name) for name in sorted(p.name for p in (tmp_path / "src").iterdir())}
    expected["labels/final/img_003.nii.gz"] = sha256(tmp_path / "src" / "img_004.nii.gz")
    assert tree(dest) == expected  # every file, no partial or temporary file left


def test_verify_finds_and_repairs_a_changed_file(monailabel_emulator, state_dir: Path, tmp_path: Path) -> None:
    url = monailabel_emulator.url
    write_files(tmp_path / "src", 4, 5_000)
    with Client(url) as ml:
        for path in sorted((tmp_path / "src").iterdir()):
            ml.upload_image(str(path), image_id=path.name.removesuffix(".nii.gz"))
    dest = tmp_path / "dest"
    args = ["monailabel", "download", "--url", url, str(dest), "--json"]
    summary(cli(*args))
    (dest / "img_002.nii.gz").write_bytes(b"changed")
    dry = cli(*args, "--verify", "--dry-run")
    assert dry.returncode == 11, dry.stderr
    assert (dest / "img_002.nii.gz").read_bytes() == b"changed"  # a dry run repairs nothing
    fixed = summary(cli(*args, "--verify"))
    assert fixed["verified"] == 4 and fixed["mismatched"] == 1 and fixed["sent"] == 1
    assert sha256(dest / "img_002.nii.gz") == sha256(tmp_path / "src" / "img_002.nii.gz")


def test_shards_split_one_transfer(monailabel_emulator, state_dir: Path, tmp_path: Path) -> None:
    url = monailabel_emulator.url
    write_files(tmp_path / "src", 10, 2_000)
    results = [summary(cli("monailabel", "upload", "--url", url, str(tmp_path / "src"), "--shard", f"{i}/2", "--json"))
               for i in (1, 2)]  # fmt: skip
    assert sum(r["counts"]["done"] for r in results) == 10
    assert all(0 < r["counts"]["done"] < 10 for r in results)
    with Client(url) as ml:
        assert len(ml.list_images()) == 10


def test_dry_run_sends_nothing_and_keeps_no_state(monailabel_emulator, state_dir: Path, tmp_path: Path) -> None:
    write_files(tmp_path / "src", 3, 1_000)
    result = summary(cli("monailabel", "upload", "--url", monailabel_emulator.url, str(tmp_path / "src"), "--dry-run",
                         "--json"))  # fmt: skip
    assert result["would_send"] == 3 and result["sent"] == 0
    assert not list(state_dir.glob("transfers/*.sqlite"))
    with Client(monailabel_emulator.url) as ml:
        assert ml.list_images() == []


def _voxels(path: Path) -> tuple[object, object]:
    import nibabel as nib
    import numpy as np

    image = nib.load(str(path))
    return np.asarray(image.dataobj), image.affine


def test_copy_round_trip_killed_both_ways(monailabel_emulator, state_dir: Path, tmp_path: Path) -> None:
    """local MSD -> MONAI Label -> local MSD, each leg killed several times: the same files, voxels, geometry
    and label names come back."""
    import numpy as np

    url = "monailabel+" + monailabel_emulator.url
    original = tmp_path / "msd"
    dataset = write_msd(original, 8)
    to_server = ["copy", str(original), url, "--concurrency", "2", "--json"]
    for point in ("sent:1", "sending:3", "sent:4", "sent:2"):  # between an image and its label, mid-case, ...
        assert killed(cli(*to_server, failpoint=point))
    first = summary(cli(*to_server))
    assert first["counts"]["done"] == 16
    with Client(monailabel_emulator.url) as ml:
        images = ml.list_images()
    assert [i.id for i in images] == [f"case_{i:03d}" for i in range(8)]
    assert all(i.label_tags == ["final"] for i in images)

    back = tmp_path / "back"
    to_local = ["copy", url, str(back), "--concurrency", "2", "--json"]
    for point in ("sent:3", "sending:4", "sent:2"):
        assert killed(cli(*to_local, failpoint=point))
    second = summary(cli(*to_local))
    assert second["counts"]["done"] == 16
    assert tree(back).keys() == tree(original).keys()
    for rel, digest in tree(original).items():
        if rel == "dataset.json":
            continue
        assert tree(back)[rel] == digest, rel  # byte-exact files
        a, b = _voxels(original / rel), _voxels(back / rel)
        assert np.array_equal(a[0], b[0]) and np.allclose(a[1], b[1])  # voxels and affine
    copied = json.loads((back / "dataset.json").read_text())
    assert copied["labels"] == dataset["labels"]  # label names kept through the label's info
    assert copied["training"] == dataset["training"] and copied["numTraining"] == 8
    assert all(r["state"] == "done" for r in manifest_rows(state_dir))
    assert not list(state_dir.glob("transfers/*.staging/*"))


def test_export_is_copy_to_a_folder(monailabel_emulator, state_dir: Path, tmp_path: Path) -> None:
    write_msd(tmp_path / "msd", 2)
    summary(cli("copy", str(tmp_path / "msd"), "monailabel+" + monailabel_emulator.url, "--json"))
    result = summary(cli("monailabel", "export", "--url", monailabel_emulator.url, str(tmp_path / "out"), "--json"))
    assert result["counts"]["done"] == 4
    assert (tmp_path / "out" / "labelsTr" / "case_001.nii.gz").is_file()
