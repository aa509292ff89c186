"""The README's quick-starts run as written against `python -m medannot.testing <platform>`: the values they use
(model names, task ids, stains, slide coordinates, algorithm and archive slugs) exist in the emulators' data.

Only the server URL and the credentials are put in (a user would type their own); the snippet runs in a fresh
python, in a temporary working directory holding the files it names. Per platform:

- Labelbox: the snippet's `Client()` talks to the hosted endpoint, so it becomes
  `Client(endpoint=<emulator>/graphql)` (the one edit to its text); the key comes from LABELBOX_API_KEY.
- Grand Challenge: the emulator's URL replaces the snippet's; its CA bundle is written where the snippet reads
  it (`--cert-dir gc-ca` in the working directory) and its token is the snippet's own (`--api-key secret`).
- Datamint: nothing is edited; DATAMINT_API_KEY and DATAMINT_API_URL point the clients at the emulator. Both
  python blocks run, each against a fresh emulator (they are independent examples: the first publishes to the
  project "Liver study", which the test creates beforehand through the client as a user would have; the second
  creates it). The folder `out/` the first downloads into is created beforehand, like the input files.
"""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian, generate_uid

from medannot.testing.data import write_nifti_volumes

README = Path(__file__).resolve().parents[2] / "README.md"
STARTUP = 60  # seconds for an emulator to print its URL


def snippets(section: str) -> list[str]:
    """The ```python blocks under the `## <section>` heading, up to the next `## ` heading."""
    text = README.read_text(encoding="utf-8")
    start = text.index(f"## {section}\n")
    end = text.find("\n## ", start + 1)
    blocks = re.findall(r"```python\n(.*?)```", text[start : end if end != -1 else None], re.DOTALL)
    assert blocks, f"no python block under {section!r}"
    return blocks


def snippet(section: str) -> str:
    """The first ```python block under the `## <section>` heading."""
    return snippets(section)[0]


@contextmanager
def served(platform: str, *args: str) -> Iterator[list[str]]:
    """The command-line emulator; yields what it printed up to its "Ctrl-C" line (URL first, then the banner)."""
    command = [sys.executable, "-m", "medannot.testing", platform, "--port", "0", *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        lines: list[str] = []
        while not lines or lines[-1] != "Ctrl-C stops it.":
            line = process.stdout.readline()
            assert line, f"{platform} emulator ended early: {process.communicate()[1][-2000:]}"
            lines.append(line.strip())
        assert lines[0].startswith(("http://127.0.0.1:", "https://127.0.0.1:"))
        yield lines
    finally:
        process.terminate()
        process.communicate(timeout=30)


def run(code: str, cwd: Path, **env: str) -> str:
    """Runs `code` in a fresh python in `cwd` (with `env` added); its stdout."""
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **env},
    )  # fmt: skip
    assert result.returncode == 0, f"{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
    return result.stdout


def test_monailabel_quickstart_runs_as_written(tmp_path: Path) -> None:
    code = snippet("MONAI Label quick-start")
    assert '"http://127.0.0.1:8000"' in code
    for index, path in enumerate(write_nifti_volumes(tmp_path, 2, shape=(16, 16, 8))):
        path.rename(tmp_path / f"ct{index + 1}.nii.gz")  # the files the snippet uploads
    with served("monailabel") as lines:
        run(code.replace('"http://127.0.0.1:8000"', repr(lines[0])), tmp_path)


def test_phas_quickstart_runs_as_written(tmp_path: Path) -> None:
    code = snippet("PHAS quick-start")
    assert '"https://phas.example.org", "~/phas_api_key.json"' in code
    with served("phas") as lines:
        key = next(line for line in lines if line.startswith("admin API key: ")).rsplit(" ", 1)[-1]
        key_file = tmp_path / "phas_api_key.json"
        key_file.write_text(json.dumps({"api_key": key}))  # the official key file's shape
        run(code.replace('"https://phas.example.org", "~/phas_api_key.json"', f"{lines[0]!r}, {str(key_file)!r}"),
            tmp_path)  # fmt: skip
    exported = json.loads((tmp_path / "all_annots.json").read_text())
    assert isinstance(exported, (list, dict))


def banner_value(lines: list[str], prefix: str) -> str:
    """The last word of the banner line starting with `prefix` (a key, a token, a path)."""
    return next(line for line in lines if line.startswith(prefix)).rsplit(" ", 1)[-1]


def write_pngs(directory: Path, *names: str) -> None:
    """Small valid grey PNGs (8x8), written with the standard library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes(range(0, 256, 32)) for _ in range(8))
    header = struct.pack(">IIBBBBB", 8, 8, 8, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    for name in names:
        (directory / name).write_bytes(png)


def write_dicoms(directory: Path, count: int) -> list[Path]:
    """`count` small valid single-frame CT DICOM files of one series (16x16, 16-bit), named 1.dcm, 2.dcm, ..."""
    directory.mkdir(parents=True, exist_ok=True)
    study, series = generate_uid(), generate_uid()
    paths = []
    for index in range(1, count + 1):
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = CTImageStorage
        meta.MediaStorageSOPInstanceUID = generate_uid()
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        path = directory / f"{index}.dcm"
        ds = FileDataset(str(path), {}, file_meta=meta, preamble=b"\0" * 128)
        ds.SOPClassUID, ds.SOPInstanceUID = CTImageStorage, meta.MediaStorageSOPInstanceUID
        ds.StudyInstanceUID, ds.SeriesInstanceUID = study, series
        ds.Modality, ds.PatientName, ds.PatientID, ds.InstanceNumber = "CT", "Test^Patient", "P001", index
        ds.Rows = ds.Columns = 16
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 0
        ds.PixelSpacing, ds.SliceThickness = [1, 1], 1
        ds.ImagePositionPatient, ds.ImageOrientationPatient = [0, 0, index], [1, 0, 0, 0, 1, 0]
        ds.PixelData = (np.arange(16 * 16, dtype=np.uint16) * index % 4096).tobytes()
        ds.save_as(path, enforce_file_format=True)
        paths.append(path)
    return paths


def test_labelbox_quickstart_runs_with_the_emulator_endpoint(tmp_path: Path) -> None:
    code = snippet("Labelbox quick-start")
    assert code.count("Client()") == 1
    write_pngs(tmp_path, "a.png", "b.png")
    with served("labelbox") as lines:
        code = code.replace("Client()", f"Client(endpoint={lines[0] + '/graphql'!r})")
        run(code, tmp_path, LABELBOX_API_KEY=banner_value(lines, "accepted API key: "))
    assert (tmp_path / "exports").is_dir()


def test_grandchallenge_quickstart_runs_as_written(tmp_path: Path) -> None:
    code = snippet("Grand Challenge quick-start")
    url, ca = '"https://127.0.0.1:8443/api/v1/"', '"gc-ca/ca.pem"'
    assert url in code and ca in code and 'token="secret"' in code
    write_dicoms(tmp_path / "scan", 3)  # the series the algorithm job reads
    (tmp_path / "ct.mha").write_bytes(mha_image())
    with served("grandchallenge", "--api-key", "secret", "--cert-dir", str(tmp_path / "gc-ca")) as lines:
        assert banner_value(lines, "CA bundle: ") == str(tmp_path / "gc-ca" / "ca.pem")  # the snippet's relative path
        out = run(code.replace(url, repr(lines[0])), tmp_path)
    assert out.splitlines()[0] == "['generic-medical-image']"  # what the snippet's comment promises
    assert any((tmp_path / "results").iterdir())


def mha_image() -> bytes:
    """A small MetaImage (8x8x2, 8-bit) with its pixels inline."""
    header = (
        "ObjectType = Image\nNDims = 3\nBinaryData = True\nBinaryDataByteOrderMSB = False\n"
        "DimSize = 8 8 2\nElementSpacing = 1 1 1\nElementType = MET_UCHAR\nElementDataFile = LOCAL\n"
    )
    return header.encode() + bytes(range(128))


def test_datamint_quickstarts_run_as_written(tmp_path: Path) -> None:
    first, second = snippets("Datamint quick-start")
    write_dicoms(tmp_path / "ct", 3)  # one series of single frames: assembled into one 3-frame resource
    (tmp_path / "out").mkdir()  # the folder the snippet downloads into (medannot creates no parent folders)
    write_pngs(tmp_path, "a.png", "b.png")
    volume = write_nifti_volumes(tmp_path, 1, shape=(16, 16, 6))[0]
    volume.rename(tmp_path / "liver.nii.gz")
    with served("datamint") as lines:
        env = {"DATAMINT_API_URL": lines[0], "DATAMINT_API_KEY": banner_value(lines, "accepted API key")}
        # The project the first block publishes to (a user's existing project).
        run('from medannot.datamint import Client\nwith Client() as dm:\n    dm.projects.create("Liver study", "")',
            tmp_path, **env)  # fmt: skip
        run(first, tmp_path, **env)
    with served("datamint") as lines:  # a fresh server: the second block creates "Liver study" itself
        env = {"DATAMINT_API_URL": lines[0], "DATAMINT_API_KEY": banner_value(lines, "accepted API key")}
        run(second, tmp_path, **env)
    assert int(pydicom.dcmread(tmp_path / "out" / "ct.dcm").NumberOfFrames) == 3  # one series -> one resource


@pytest.mark.parametrize("platform", ["monailabel", "phas", "labelbox", "grandchallenge", "datamint"])
def test_every_emulator_prints_what_it_accepts(platform: str) -> None:
    with served(platform, "--api-key", "k3y") as lines:
        assert any("k3y" in line for line in lines[1:]), lines
