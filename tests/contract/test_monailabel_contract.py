"""One scenario suite, run against the emulator and against a real MONAI Label 0.8.5 server.

The same assertions passing on both backends is the emulator's fidelity proof. Image ids are unique per
test, since the real server is shared by the whole session.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from medannot.errors import BadInput, NotFound, ServerError
from medannot.monailabel import AsyncClient, Client, TaskRecord
from medannot.testing.data import write_nifti_volumes
from tests import blocking
from tests.contract.backends import backends


@pytest.fixture(params=backends("monailabel"))
def backend_url(request: pytest.FixtureRequest) -> Iterator[str]:
    if request.param == "real":
        yield request.getfixturevalue("monailabel_server").url
        return
    from medannot.testing.monailabel import MonaiLabelEmulator

    with MonaiLabelEmulator() as emulator:
        yield emulator.url


@pytest.fixture(params=["sync", "async"])
def ml(request: pytest.FixtureRequest, backend_url: str, tmp_path: Path) -> Iterator[Client]:
    """Every scenario drives both twins: `Client`, and `AsyncClient` through a blocking portal."""
    if request.param == "sync":
        with Client(backend_url, tmpdir=tmp_path) as client:
            yield client
        return
    with blocking.portal() as portal, blocking.construct(AsyncClient, portal, backend_url, tmpdir=tmp_path) as client:
        yield client  # type: ignore[misc]  # the blocking wrapper has the sync client's shape


@pytest.fixture
def volumes(tmp_path: Path) -> list[Path]:
    return write_nifti_volumes(tmp_path / "in", 2, seed=7)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def finished(status: Callable[[], TaskRecord | None], timeout: float = 60.0) -> TaskRecord | None:
    """Poll a background task's status until it leaves SUBMITTED/RUNNING (or the timeout passes)."""
    deadline = time.monotonic() + timeout
    current = status()
    while current is not None and current.status in ("SUBMITTED", "RUNNING") and time.monotonic() < deadline:
        time.sleep(0.2)
        current = status()
    return current


def expected_label(volume: Path) -> np.ndarray:
    import nibabel as nib

    data = np.asanyarray(nib.load(volume).dataobj)
    return (data > data.mean()).astype(np.uint8)


def test_info_describes_the_app(ml: Client) -> None:
    info = ml.info()
    assert "threshold" in info.models.additional_properties
    assert {"first", "random"} <= set(info.strategies.additional_properties)
    assert "threshold" in info.trainers.additional_properties
    assert info.datastore.total >= 0


def test_upload_list_download_delete(ml: Client, volumes: list[Path], tmp_path: Path) -> None:
    image_id = unique("img")
    assert ml.upload_image(volumes[0], image_id=image_id).image == image_id
    assert image_id in {image.id for image in ml.list_images()}
    assert ml.image_exists(image_id)
    downloaded = ml.download_image(image_id, tmp_path)
    assert downloaded.read_bytes() == volumes[0].read_bytes()
    ml.delete_image(image_id)
    assert not ml.image_exists(image_id)
    with pytest.raises(NotFound):
        ml.download_image(image_id, tmp_path / "gone.nii.gz")
    # 0.8.5 drops a deleted image from its listing when its file watcher notices (about 0.1 s later).
    deadline = time.monotonic() + 5
    while image_id in {image.id for image in ml.list_images()} and time.monotonic() < deadline:
        time.sleep(0.05)
    assert image_id not in {image.id for image in ml.list_images()}


def test_upload_without_id_takes_the_file_name(ml: Client, tmp_path: Path) -> None:
    name = unique("named")
    [volume] = write_nifti_volumes(tmp_path / name, 1)
    target = volume.with_name(f"{name}.nii.gz")
    volume.rename(target)
    assert ml.upload_image(target).image == name
    ml.delete_image(name)


def test_save_and_download_label(ml: Client, volumes: list[Path], tmp_path: Path) -> None:
    image_id = unique("lbl")
    ml.upload_image(volumes[0], image_id=image_id)
    saved = ml.save_label(image_id, volumes[1], tag="final")
    assert (saved.image, saved.label) == (image_id, image_id)
    listing = {image.id: image for image in ml.list_images()}
    assert listing[image_id].label_tags == ["final"]
    path = ml.download_label(image_id, "final", tmp_path / "out.nii.gz")
    assert path.read_bytes() == volumes[1].read_bytes()
    ml.delete_label(image_id, "final")
    with pytest.raises(NotFound):
        ml.download_label(image_id, "final", tmp_path)
    ml.delete_image(image_id)


def test_infer_on_a_stored_image_saves_a_decodable_label(ml: Client, volumes: list[Path], tmp_path: Path) -> None:
    image_id = unique("inf")
    ml.upload_image(volumes[0], image_id=image_id)
    result = ml.infer("threshold", image_id, {}, output_dir=tmp_path / "labels")
    assert result.label is not None and result.label.parent == tmp_path / "labels"
    assert (result.label_array() == expected_label(volumes[0])).all()
    label_path, params = result  # unpacks like the official client
    assert label_path == str(result.label) and isinstance(params, dict)
    ml.delete_image(image_id)


def test_infer_on_an_uploaded_file_and_in_a_session(ml: Client, volumes: list[Path]) -> None:
    from_file = ml.infer("threshold", "", {}, file=volumes[1])
    assert (from_file.label_array() == expected_label(volumes[1])).all()
    session = ml.create_session(volumes[0])
    assert ml.get_session(session.session_id).name == session.session_id
    in_session = ml.infer("threshold", "", {}, session_id=session.session_id)
    assert (in_session.label_array() == expected_label(volumes[0])).all()
    ml.remove_session(session.session_id)
    with pytest.raises(NotFound):
        ml.get_session(session.session_id)


def test_next_sample_picks_an_unlabeled_image(ml: Client, volumes: list[Path]) -> None:
    image_id = unique("al")
    ml.upload_image(volumes[0], image_id=image_id)
    sample = ml.next_sample("first", {})
    assert sample is not None and sample.id in {i.id for i in ml.list_images() if not i.label_tags}
    ml.delete_image(image_id)


def test_training_starts_reports_and_stops(ml: Client) -> None:
    started = ml.train_start("threshold", {"max_epochs": 1})
    assert isinstance(started, TaskRecord) and started.status in ("SUBMITTED", "RUNNING")
    status = finished(ml.train_status)
    assert status is not None and status.id == started.id and status.status == "DONE"
    assert ml.train_status(check_if_running=True) is False
    assert ml.train_stop() is None


def test_errors_carry_the_servers_words(ml: Client, tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="Not Found"):
        ml.get_session("no-such-session")
    with pytest.raises(ServerError):  # 0.8.5 answers an unknown model with a plain-text 500
        ml.infer("no-such-model", "no-such-image", {})
    with pytest.raises(NotFound):
        ml.download_image("no-such-image", tmp_path)
    with pytest.raises(BadInput):
        ml.upload_image(tmp_path / "missing.nii.gz")
    assert list(tmp_path.iterdir()) == []


def test_a_plain_text_500_does_not_break_the_next_call(ml: Client, volumes: list[Path]) -> None:
    """0.8.5 closes the connection after a plain-text 500 without saying so; the next POST must not fail."""
    for _ in range(3):
        with pytest.raises(ServerError):
            ml.infer("no-such-model", "no-such-image", {})
        assert ml.infer("threshold", "", {}, file=volumes[0]).label is not None


def test_batch_infer_runs_on_a_cpu_server(ml: Client, volumes: list[Path]) -> None:
    """The server's default `multi_gpu: true` fails without GPUs; medannot sends false unless told otherwise."""
    image_id = unique("batch")
    ml.upload_image(volumes[0], image_id=image_id)
    results = ml.batch_infer("threshold", "unlabeled", run_sync=True)
    assert isinstance(results, dict) and image_id in results
    ml.delete_image(image_id)


def test_server_url_and_datastore_status(ml: Client, backend_url: str, volumes: list[Path]) -> None:
    assert ml.get_server_url() == backend_url.rstrip("/")
    before = ml.datastore_status().total
    image_id = unique("status")
    ml.upload_image(volumes[0], image_id=image_id)
    assert ml.datastore_status().total == before + 1
    ml.delete_image(image_id)
    ml.set_server_url(backend_url)  # a new session on the same server keeps working
    assert ml.info().name


def test_batch_infer_status_and_stop(ml: Client, volumes: list[Path]) -> None:
    image_id = unique("bstatus")
    ml.upload_image(volumes[0], image_id=image_id)
    task = ml.batch_infer("threshold", "unlabeled")
    assert not isinstance(task, dict) and task.status in ("SUBMITTED", "RUNNING")
    status = finished(ml.batch_infer_status)
    assert status is not None and status.id == task.id and status.status == "DONE"
    assert ml.batch_infer_status(check_if_running=True) is False
    assert ml.batch_infer_stop() is None  # nothing running any more
    ml.delete_image(image_id)
