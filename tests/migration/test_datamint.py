"""Every usage example of the Datamint seed (the SDK's `datamint.APIHandler` documentation), run against the
Datamint emulator with only the import changed:

    from datamint import APIHandler        ->  from medannot.datamint import APIHandler

The constructor is the seed's own (`APIHandler()`): the key and the server come from DATAMINT_API_KEY and
DATAMINT_API_URL, as for the SDK. Placeholders of the documentation (`'resource_id'`, `'project_id'`,
`'path/to/...'`) are filled with values that exist in the emulator and paths in a temporary folder; that is
data, not a change of code. Each test's docstring quotes its example. Examples that need a change would be
marked `CHANGED` (a line of docs/migrating-from-datamint.md); `EXAMPLES` counts both kinds (asserted at the end).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from medannot.datamint import APIHandler
from medannot.testing.datamint import DatamintEmulator
from medannot.testing.datamint.samples import dicom_bytes, png_bytes

UNCHANGED: list[str] = []
CHANGED: list[str] = []


def example(name: str, *, changed: bool = False) -> None:
    (CHANGED if changed else UNCHANGED).append(name)


@pytest.fixture
def api(datamint_emulator: DatamintEmulator, monkeypatch: pytest.MonkeyPatch) -> Iterator[APIHandler]:
    monkeypatch.setenv("DATAMINT_API_KEY", datamint_emulator.api_key)
    monkeypatch.setenv("DATAMINT_API_URL", datamint_emulator.url)
    with APIHandler() as handler:
        yield handler


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "path" / "to").mkdir(parents=True)
    dcm = tmp_path / "ct.dcm"
    dcm.write_bytes(dicom_bytes(frames=3))
    png = tmp_path / "img.png"
    png.write_bytes(png_bytes())
    seg = tmp_path / "path" / "to" / "segmentation.png"
    mask = np.zeros((8, 8), dtype=np.uint8)
    mask[2:4, 2:4] = 255
    Image.fromarray(mask).save(seg)
    return {"dcm": dcm, "png": png, "seg": seg, "root": tmp_path}


def upload(api: APIHandler, path: Path) -> str:
    rid = api.upload_resources(str(path))
    assert isinstance(rid, str)
    return rid


def test_import_and_construct(api: APIHandler) -> None:
    """>>> from datamint import APIHandler
    >>> api = APIHandler()"""
    assert api.get_projects() == []
    example("APIHandler()")


def test_add_line_annotation(api: APIHandler, files: dict[str, Path]) -> None:
    """>>> res_id = 'aa93813c-cef0-4edd-a45c-85d4a8f1ad0d'
    >>> api.add_line_annotation([0, 0], (10, 30), resource_id=res_id, identifier='Line1', frame_index=2,
    ...                         project='Example Project')"""
    res_id = upload(api, files["dcm"])
    api.create_project("Example Project", "", [res_id])
    api.add_line_annotation(
        [0, 0], (10, 30), resource_id=res_id, identifier="Line1", frame_index=2, project="Example Project"
    )
    assert [a["identifier"] for a in api.get_annotations(resource_id=res_id)] == ["Line1"]
    example("add_line_annotation")


def test_delete_resources(api: APIHandler, files: dict[str, Path]) -> None:
    """>>> api_handler.delete_resources('e8b78358-656d-481f-8c98-d13b9ba6be1b')
    >>> api_handler.delete_resources(['e8b78358-...', '6f8b506c-...'])"""
    api_handler = api
    a, b, c = (upload(api, files["png"]) for _ in range(3))
    api_handler.delete_resources(a)
    example("delete_resources(one)")
    api_handler.delete_resources([b, c])
    example("delete_resources(list)")
    assert list(api.get_resources()) == []


def test_download_project(api: APIHandler, files: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """>>> api_handler.download_project('project_id', 'path/to/project.zip')"""
    api_handler = api
    project_id = api.create_project("P", "", [upload(api, files["png"])])["id"]
    monkeypatch.chdir(files["root"])
    api_handler.download_project(project_id, "path/to/project.zip")
    assert (files["root"] / "path" / "to" / "project.zip").read_bytes()[:2] == b"PK"
    example("download_project")


def test_download_resource_file(api: APIHandler, files: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """>>> api_handler.download_resource_file('resource_id', auto_convert=False)
    >>> api_handler.download_resource_file('resource_id', auto_convert=True)
    >>> api_handler.download_resource_file('resource_id', save_path='path/to/dicomfile.dcm')"""
    api_handler = api
    resource_id = upload(api, files["dcm"])
    assert api_handler.download_resource_file(resource_id, auto_convert=False) == files["dcm"].read_bytes()
    example("download_resource_file(auto_convert=False)")
    assert api_handler.download_resource_file(resource_id, auto_convert=True).Modality == "CT"  # type: ignore[union-attr]
    example("download_resource_file(auto_convert=True)")
    monkeypatch.chdir(files["root"])
    api_handler.download_resource_file(resource_id, save_path="path/to/dicomfile.dcm")
    assert (files["root"] / "path" / "to" / "dicomfile.dcm").read_bytes() == files["dcm"].read_bytes()
    example("download_resource_file(save_path)")


def test_get_channels(api: APIHandler, files: dict[str, Path]) -> None:
    """>>> list(api_handler.get_channels()) # Gets all channels"""
    api_handler = api
    api.upload_resources(str(files["png"]), channel="test_channel")
    channels = list(api_handler.get_channels())
    assert channels[0]["channel_name"] == "test_channel"
    assert channels[0]["resource_data"][0]["resource_file_name"] == "img.png"
    example("get_channels")


def test_get_projects(api: APIHandler) -> None:
    """>>> api_handler.get_projects()"""
    api_handler = api
    api.create_project("Example Project", "this is an example project", [])
    assert [p["name"] for p in api_handler.get_projects()] == ["Example Project"]
    example("get_projects")


def test_get_resources(api: APIHandler, files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """>>> for resource in api_handler.get_resources(status='inbox'):
    >>>     print(resource)"""
    api_handler = api
    upload(api, files["png"])
    for resource in api_handler.get_resources(status="inbox"):
        print(resource)
    assert "img.png" in capsys.readouterr().out
    example("get_resources")


def test_get_resources_by_ids(api: APIHandler, files: dict[str, Path]) -> None:
    """>>> api_handler.get_resources_by_ids('resource_id')
    >>> api_handler.get_resources_by_ids(['resource_id1', 'resource_id2'])"""
    api_handler = api
    resource_id, resource_id1, resource_id2 = (upload(api, files["png"]) for _ in range(3))
    assert api_handler.get_resources_by_ids(resource_id)["id"] == resource_id  # type: ignore[call-overload]
    example("get_resources_by_ids(one)")
    found = api_handler.get_resources_by_ids([resource_id1, resource_id2])
    assert [r["id"] for r in found] == [resource_id1, resource_id2]  # type: ignore[union-attr]
    example("get_resources_by_ids(list)")


def test_get_resources_by_project(api: APIHandler, files: dict[str, Path]) -> None:
    """>>> api_handler.get_resources_by_project('project_id')"""
    api_handler = api
    rid = upload(api, files["png"])
    project_id = api.create_project("P", "", [rid])["id"]
    assert [r["id"] for r in api_handler.get_resources_by_project(project_id)] == [rid]
    example("get_resources_by_project")


def test_get_users(api: APIHandler, datamint_emulator: DatamintEmulator) -> None:
    """>>> api_handler.get_users()"""
    api_handler = api
    assert [u["email"] for u in api_handler.get_users()] == [datamint_emulator.user_email]
    example("get_users")


def test_upload_segmentation(api: APIHandler, files: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """>>> api_handler.upload_segmentation(resource_id, 'path/to/segmentation.png', 'SegmentationName')"""
    api_handler = api
    resource_id = upload(api, files["png"])
    monkeypatch.chdir(files["root"])
    api_handler.upload_segmentation(resource_id, "path/to/segmentation.png", "SegmentationName")
    assert [a["identifier"] for a in api.get_annotations(resource_id=resource_id)] == ["SegmentationName"]
    example("upload_segmentation")


EXAMPLES = 16  # the seed's usage examples, each run above (none needed a change beyond the import)


def test_every_example_ran() -> None:
    assert len(UNCHANGED) + len(CHANGED) == EXAMPLES, (UNCHANGED, CHANGED)
    assert CHANGED == []
