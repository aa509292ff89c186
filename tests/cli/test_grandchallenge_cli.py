"""`medannot grandchallenge upload|download|export` against the Grand Challenge emulator (HTTPS with its own CA,
`--ca-bundle`): each file is one archive item, a DICOM folder one item (one image of many files); killed with
SIGKILL at `sending` and `sent` and rerun, the archive holds every case exactly once (no duplicate, no gap); the
download gives back the uploaded bytes under DEST/<item pk>/images/<socket>/; --verify, --dry-run and the upload
limit's 403."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from medannot.cli._platforms.grandchallenge import is_dicom_series
from medannot.grandchallenge import Client as GCClient
from tests.cli.conftest import cli, killed, manifest_rows, sha256, summary, tree

pytestmark = pytest.mark.timeout(300)

ARCHIVE = "empty-archive"
SOCKET_DIR = "images/generic-medical-image"


@pytest.fixture
def gc(grandchallenge_emulator: Any, state_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("GRAND_CHALLENGE_AUTHORIZATION", grandchallenge_emulator.token)
    return grandchallenge_emulator


def _common(gc: Any) -> list[str]:
    return ["--url", gc.origin.rstrip("/") + f"/archive/{ARCHIVE}", "--ca-bundle", str(gc.ca_path)]


def _mha(folder: Path, count: int, seed: int = 0) -> dict[str, str]:
    """`count` small MHA volumes (written by SimpleITK): file name -> checksum."""
    import SimpleITK as sitk

    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    out = {}
    for i in range(count):
        image = sitk.GetImageFromArray(rng.normal(size=(3, 5, 7)).astype(np.float32))
        image.SetSpacing((0.8, 0.7, 2.5))
        path = folder / f"img_{seed}_{i:03d}.mha"
        sitk.WriteImage(image, str(path), True)
        out[path.name] = sha256(path)
    return out


def _dicom(folder: Path, count: int) -> dict[str, str]:
    """A DICOM-like series: `count` files with the DICOM preamble, named `.dcm` (the emulator's importer takes
    the `.dcm` files of one upload as one image)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(count)
    out = {}
    for i in range(count):
        path = folder / f"IM{i:04d}.dcm"
        path.write_bytes(b"\0" * 128 + b"DICM" + rng.bytes(2_000))
        out[path.name] = sha256(path)
    return out


def _items(gc: Any) -> list[Any]:
    """The archive's items, as the plain facade reads them."""
    with GCClient(gc.token, base_url=gc.url, verify=str(gc.ca_path)) as client:
        archive = client.archives.detail(slug=ARCHIVE)
        return list(client.archive_items.iterate_all(params={"archive": str(archive.pk)}))


def _titles_with_images(gc: Any) -> list[str]:
    """Every item's title, once per item (duplicates would show), each required to hold its image."""
    items = _items(gc)
    for item in items:
        assert any(v.interface.slug == "generic-medical-image" and v.image for v in item.values), item.title
    return sorted(str(item.title) for item in items)


def _by_title(gc: Any) -> dict[str, str]:
    return {str(item.title): str(item.pk) for item in _items(gc)}


def _posts(gc: Any, path: str) -> list[str]:
    """The POST requests the emulator served on the API path `path`, in order (its contract journal)."""
    return [c.path for c in gc.contract.journal if c.method == "POST" and c.path.endswith("/api/v1" + path)]


def _json(result: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_dicom_series_detection(tmp_path: Path) -> None:
    _dicom(tmp_path / "dcm", 3)
    assert is_dicom_series(tmp_path / "dcm")
    plain = tmp_path / "plain"  # files without extension carrying the DICOM preamble: a series too
    plain.mkdir()
    for i in range(3):
        (plain / f"IM{i}").write_bytes(b"\0" * 128 + b"DICM" + bytes(10))
    assert is_dicom_series(plain)
    (plain / "notes.txt").write_text("x")  # another kind of file: no series
    assert not is_dicom_series(plain)
    _mha(tmp_path / "mha", 1)
    assert not is_dicom_series(tmp_path / "mha")
    nested = tmp_path / "nested"  # a folder of series folders: walked, each series one case
    _dicom(nested / "a", 1)
    assert not is_dicom_series(nested)
    (tmp_path / "empty").mkdir()
    assert not is_dicom_series(tmp_path / "empty")


def test_upload_files_and_a_dicom_folder_then_download_exact(gc: Any, state_dir: Path, tmp_path: Path) -> None:
    src = tmp_path / "src"
    files = _mha(src, 3)
    series = _dicom(src / "series_a", 24)
    args = ["grandchallenge", "upload", *_common(gc), str(src), "--concurrency", "2", "--json"]
    result = summary(cli(*args))
    assert result["counts"] == {"planned": 0, "sending": 0, "done": 4, "failed": 0}
    assert _titles_with_images(gc) == sorted([*files, "series_a"])  # the folder is ONE item
    kinds = {r["key"]: r["kind"] for r in manifest_rows(state_dir)}
    assert kinds["series_a"] == "folder"

    again = summary(cli(*args))  # a rerun of a finished upload sends nothing
    assert again["sent"] == 0 and again["planned_new"] == 0 and again["found_existing"] == 0
    checked = summary(cli(*args, "--verify"))  # every item still in the archive with its image
    assert checked["verified"] == 4 and checked["mismatched"] == 0 and checked["sent"] == 0
    assert len(_items(gc)) == 4

    dest = tmp_path / "dest"
    down = summary(cli("grandchallenge", "download", *_common(gc), str(dest), "--json"))
    assert down["counts"]["done"] == 3 + 24
    pks = _by_title(gc)
    expected = {f"{pks[name]}/{SOCKET_DIR}/{name}": digest for name, digest in files.items()}
    expected |= {f"{pks['series_a']}/{SOCKET_DIR}/{name}": digest for name, digest in series.items()}
    assert tree(dest) == expected  # the uploaded bytes, every file of the series, nothing else


def test_upload_killed_at_sending_and_sent_then_rerun_is_exact(gc: Any, state_dir: Path, tmp_path: Path) -> None:
    src = tmp_path / "src"
    files = _mha(src, 6)
    series = _dicom(src / "series_b", 30)
    args = ["grandchallenge", "upload", *_common(gc), str(src), "--concurrency", "2", "--json"]
    for point in ("sent:1", "sending:2", "sent:2", "sending:1"):
        assert killed(cli(*args, failpoint=point)), point
    result = summary(cli(*args))
    assert result["counts"] == {"planned": 0, "sending": 0, "done": 7, "failed": 0}
    assert _titles_with_images(gc) == sorted([*files, "series_b"])  # each case once: no duplicate, no gap
    assert len(_posts(gc, "/archives/items/")) == 7  # an item a killed run created was filled, never made again
    assert summary(cli(*args))["sent"] == 0

    dest = tmp_path / "dest"
    down = ["grandchallenge", "download", *_common(gc), str(dest), "--concurrency", "2", "--json"]
    for point in ("sent:3", "sending:5", "sent:11"):
        assert killed(cli(*down, failpoint=point)), point
    assert summary(cli(*down))["counts"]["done"] == 6 + 30
    pks = _by_title(gc)
    expected = {f"{pks[name]}/{SOCKET_DIR}/{name}": digest for name, digest in files.items()}
    expected |= {f"{pks['series_b']}/{SOCKET_DIR}/{name}": digest for name, digest in series.items()}
    assert tree(dest) == expected  # no partial or temporary file left


def test_a_case_sent_but_not_recorded_is_found_not_sent_again(gc: Any, state_dir: Path, tmp_path: Path) -> None:
    files = _mha(tmp_path / "src", 3)
    args = ["grandchallenge", "upload", *_common(gc), str(tmp_path / "src"), "--concurrency", "1", "--json"]
    assert killed(cli(*args, failpoint="sent:2"))  # the archive holds 2 cases, the manifest records 1
    assert [r["state"] for r in manifest_rows(state_dir)] == ["done", "sending", "planned"]
    result = summary(cli(*args))
    assert result["found_existing"] == 1 and result["sent"] == 1  # found by its title in the archive
    assert _titles_with_images(gc) == sorted(files)


def test_download_verify_and_dry_run(gc: Any, state_dir: Path, tmp_path: Path) -> None:
    files = _mha(tmp_path / "src", 3)
    plan = summary(cli("grandchallenge", "upload", *_common(gc), str(tmp_path / "src"), "--dry-run", "--json"))
    assert plan["would_send"] == 3 and plan["sent"] == 0
    assert _items(gc) == [] and not list(state_dir.glob("transfers/*.sqlite"))  # nothing sent, no state kept
    summary(cli("grandchallenge", "upload", *_common(gc), str(tmp_path / "src"), "--json"))

    dest = tmp_path / "dest"
    args = ["grandchallenge", "download", *_common(gc), str(dest), "--json"]
    summary(cli(*args))
    name = sorted(files)[1]
    changed = dest / _by_title(gc)[name] / SOCKET_DIR / name
    changed.write_bytes(b"changed")
    dry = cli(*args, "--verify", "--dry-run")
    assert dry.returncode == 11, dry.stderr
    assert changed.read_bytes() == b"changed"  # a dry run repairs nothing
    fixed = summary(cli(*args, "--verify"))
    assert fixed["verified"] == 3 and fixed["mismatched"] == 1 and fixed["sent"] == 1
    assert sha256(changed) == files[name]


def test_upload_limit_fails_that_item_only_then_rerun_fills_it(gc: Any, state_dir: Path, tmp_path: Path) -> None:
    files = _mha(tmp_path / "src", 3)
    gc.inject("upload-limit", path="generate-presigned-urls", times=1)
    args = ["grandchallenge", "upload", *_common(gc), str(tmp_path / "src"), "--concurrency", "1", "--json"]
    first = cli(*args)
    assert first.returncode == 3, first.stderr + first.stdout  # partial: the others were uploaded
    result = _json(first)
    assert result["counts"]["done"] == 2 and result["counts"]["failed"] == 1
    (failure,) = result["failures"]
    assert failure["error"].startswith("PermissionDenied") and "Upload limit reached" in failure["error"]
    requests = [c for c in gc.contract.journal if "generate-presigned-urls" in c.path]
    assert len(requests) == 3  # the 403 was not retried

    again = summary(cli(*args))  # the same command retries the failed item only
    assert again["sent"] == 1 and again["counts"]["done"] == 3
    assert _titles_with_images(gc) == sorted(files)  # the failed case's item was filled, not created twice


def test_export_is_the_msd_copy_and_download_takes_no_tag(gc: Any, state_dir: Path, tmp_path: Path) -> None:
    files = _mha(tmp_path / "src", 2)
    summary(cli("grandchallenge", "upload", *_common(gc), str(tmp_path / "src"), "--json"))
    out = tmp_path / "msd"
    result = summary(cli("grandchallenge", "export", *_common(gc), str(out), "--json"))
    assert result["counts"]["done"] == len(files)
    pks = _by_title(gc)  # one image per item, named by the item's pk, as the archive keeps it (MHA), nothing else
    assert tree(out / "imagesTr") == {f"{pks[name]}.mha": digest for name, digest in files.items()}
    dataset = json.loads((out / "dataset.json").read_text())
    assert len(dataset["test"]) == len(files) and dataset["numTraining"] == 0  # images without labels
    tagged = cli("grandchallenge", "download", *_common(gc), str(tmp_path / "d"), "--tag", "final")
    assert tagged.returncode == 4, tagged.stderr


def test_download_takes_every_socket_value(gc: Any, state_dir: Path, tmp_path: Path) -> None:
    """An item with an image, a JSON value and a file value: each lands at its socket's relative path."""
    files = _mha(tmp_path / "src", 1)
    (name,) = files
    metrics = tmp_path / "metrics.json"
    metrics.write_text(json.dumps({"dice": 0.91}))
    with GCClient(gc.token, base_url=gc.url, verify=str(gc.ca_path)) as client:
        values = {"generic-medical-image": [tmp_path / "src" / name], "lung-volume": 1.5,
                  "metrics-json-file": metrics}  # fmt: skip
        item = client.archive_items.wait(client.add_case_to_archive(archive_slug=ARCHIVE, values=values))
    dest = tmp_path / "dest"
    result = summary(cli("grandchallenge", "download", *_common(gc), str(dest), "--json"))
    assert result["counts"]["done"] == 3
    pk = str(item.pk)
    got = tree(dest)
    assert sorted(got) == [f"{pk}/{SOCKET_DIR}/{name}", f"{pk}/lung-volume.json", f"{pk}/metrics.json"]
    assert got[f"{pk}/{SOCKET_DIR}/{name}"] == files[name] and got[f"{pk}/metrics.json"] == sha256(metrics)
    assert json.loads((dest / pk / "lung-volume.json").read_text()) == 1.5
