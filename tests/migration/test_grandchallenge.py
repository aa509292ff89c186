"""Every usage example of the Grand Challenge seed (gcapi's README), run against the Grand Challenge emulator
with only the import and the constructor changed:

    from gcapi import Client                    ->  from medannot.grandchallenge import Client
    Client(token="Your Personal API Token")     ->  Client(token=TOKEN, base_url=<emulator>, verify=<its CA>)

Placeholders of the README (`Path("/path/to/files")`, the image URL `.../cases/images/.../`, `{...}` for the
nodules value) are filled with data that exists here; that is data, not a change of code. The README names its
client both `c` and `client`; both names are bound to the same client. Each test's docstring quotes its example.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from medannot.testing.data import nifti_bytes, synthetic_volume
from medannot.testing.grandchallenge import GrandChallengeEmulator

TOKEN = "seed-token"


@pytest.fixture
def gc() -> Iterator[GrandChallengeEmulator]:
    with GrandChallengeEmulator(TOKEN, import_seconds=0.1, job_step_seconds=0.02) as emulator:
        yield emulator


@pytest.fixture
def c(gc: GrandChallengeEmulator, tmp_path: Path) -> Iterator[Any]:
    from medannot.grandchallenge import Client  # the one changed import

    c = Client(token=TOKEN, base_url=gc.url, verify=str(gc.ca_path), resume_dir=tmp_path / "resume")  # changed
    yield c
    c.close()


@pytest.fixture
def files_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "ct.nii.gz").write_bytes(nifti_bytes(synthetic_volume((16, 16, 8), 3)))
    return folder


def test_get_algorithm_inputs(c: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """alg = c.get_algorithm(algorithm="corads-ai"); print(alg["inputs"])"""
    alg = c.get_algorithm(algorithm="corads-ai")

    print(alg["inputs"])
    printed = capsys.readouterr().out
    assert "'slug': 'generic-medical-image'" in printed and "'super_kind': 'Image'" in printed


def test_run_external_job_with_files_then_refresh(c: Any, files_dir: Path) -> None:
    """files = [f.resolve() for f in Path("/path/to/files").iterdir()]
    job = client.run_external_job(algorithm="corads-ai", inputs={"generic-medical-image": files})
    job = c.algorithm_jobs.detail(job["pk"]); job["status"]"""
    client = c
    files = [f.resolve() for f in Path(files_dir).iterdir()]

    # run the algorithm
    job = client.run_external_job(algorithm="corads-ai", inputs={"generic-medical-image": files})

    job = c.algorithm_jobs.detail(job["pk"])
    assert job["status"] in {"Validating inputs", "Queued", "Started", "Executing", "Succeeded", "Provisioning",
                             "Provisioned", "Executed", "Parsing Outputs", "Executing Algorithm"}  # fmt: skip


def test_run_external_job_with_an_existing_image(c: Any) -> None:
    """job = client.run_external_job(algorithm="corads-ai",
    inputs={"generic-medical-image": "https://grand-challenge.org/api/v1/cases/images/.../"})"""
    client = c
    image_url = next(iter(c.images.iterate_all()))["api_url"]  # the README's placeholder, filled

    # run the algorithm
    job = client.run_external_job(algorithm="corads-ai", inputs={"generic-medical-image": image_url})
    assert job["pk"]


def test_run_external_job_with_other_inputs(c: Any) -> None:
    """job = client.run_external_job(algorithm="some-algorithm", inputs={"lung-volume": 1.234, "nodules": {...}})"""
    client = c

    # run the algorithm
    job = client.run_external_job(algorithm="some-algorithm", inputs={"lung-volume": 1.234, "nodules": {"points": []}})

    job = c.algorithm_jobs.detail(job["pk"])
    assert job["status"]


def test_upload_cases_and_refresh_the_session(c: Any, files_dir: Path) -> None:
    """files = [f.resolve() for f in Path("/path/to/files").iterdir()]
    session = c.upload_cases(files=files, archive="radboudcovid")
    session = c(url=session["api_url"]); session["status"]"""
    files = [f.resolve() for f in Path(files_dir).iterdir()]

    session = c.upload_cases(files=files, archive="radboudcovid")

    session = c(url=session["api_url"])
    assert session["status"] in {"Queued", "Started", "Succeeded"}


def test_upload_cases_to_a_reader_study(c: Any, files_dir: Path) -> None:
    """ "You can change archive to reader_study.\""""
    files = [f.resolve() for f in Path(files_dir).iterdir()]

    session = c.upload_cases(files=files, reader_study="reader-study")

    session = c(url=session["api_url"])
    assert session["status"]
