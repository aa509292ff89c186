"""Datamint scenarios on the emulator, run through both twins: `APIHandler` / `Client`, and `AsyncAPIHandler`
through a blocking portal. After each test every request the emulator validated must have matched the schema,
and no handler may have crashed.

What the SDK gets wrong is shown done right here: uploads streamed (and anonymised, and a series assembled) from
disk, `on_error="skip"` collecting errors, listings past a short page, downloads decoded by their content (a
DICOM whose preamble looks like a TIFF), saved atomically with the status checked, a wrong key as `AuthError`,
the sync API inside a running event loop, `set_tags("<id>")` as one id, no local path sent unless asked.
"""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from medannot.datamint import APIHandler, AsyncAPIHandler, Client, ResourceNotFoundError, Uploaded
from medannot.errors import AuthError, BadInput, FileExists, MedannotError, NotFound
from medannot.testing.datamint import DatamintEmulator
from medannot.testing.datamint.samples import dicom_bytes, nifti_volume_bytes, png_bytes
from tests import blocking

KEY = "contract-datamint-key"


@pytest.fixture
def dm() -> Iterator[DatamintEmulator]:
    with DatamintEmulator(api_key=KEY) as emulator:
        yield emulator
        broken = [c for c in emulator.contract.journal if c.response_errors or c.request_errors]
        assert not broken, broken
        assert emulator.crashes == []


@pytest.fixture(params=["sync", "async"])
def api(request: pytest.FixtureRequest, dm: DatamintEmulator) -> Iterator[APIHandler]:
    if request.param == "sync":
        with APIHandler(dm.url, KEY) as handler:
            yield handler
        return
    with blocking.portal() as portal, blocking.construct(AsyncAPIHandler, portal, dm.url, KEY) as handler:
        yield handler


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def series(tmp_path: Path, n: int = 3) -> list[Path]:
    """`n` single-frame DICOM files of one series (instance numbers reversed against the file names)."""
    import pydicom

    first = pydicom.dcmread(io.BytesIO(dicom_bytes(frames=1, seed=7)))
    paths = []
    for i in range(n):
        ds = pydicom.dcmread(io.BytesIO(dicom_bytes(frames=1, seed=7)))
        ds.SeriesInstanceUID = first.SeriesInstanceUID
        ds.SOPInstanceUID = pydicom.uid.generate_uid()
        ds.InstanceNumber = n - i
        ds.PixelData = (np.full((16, 16), 100 * (n - i), dtype=np.uint16)).tobytes()
        del ds.NumberOfFrames
        out = io.BytesIO()
        ds.save_as(out, enforce_file_format=True)
        paths.append(write(tmp_path / f"s{i}.dcm", out.getvalue()))
    return paths


def test_upload_list_get_download_round(api: APIHandler, dm: DatamintEmulator, tmp_path: Path) -> None:
    png = write(tmp_path / "img.png", png_bytes(8, 8, 200))
    dcm = write(tmp_path / "ct.dcm", dicom_bytes(frames=3))
    nii = write(tmp_path / "vol.nii.gz", nifti_volume_bytes())
    rid = api.upload_resources(str(png), tags=["a", "b"], channel="ch1", publish=True)
    assert isinstance(rid, str)
    ids = api.upload_resources([dcm, nii], modality="CT")
    assert isinstance(ids, Uploaded) and len(ids.ids) == 2 and ids.ok
    resource = api.get_resources_by_ids(rid)
    assert resource["filename"] == "img.png" and resource.status == "published" and resource.tags == ["a", "b"]
    assert resource.source_filepath is None  # the local path is not sent unless asked
    assert {r["id"] for r in api.get_resources()} == {rid, *ids.ids}
    assert [r.id for r in api.get_resources(status="published", channel="ch1", tags=["a"])] == [rid]
    image = api.download_resource_file(rid)
    assert isinstance(image, Image.Image) and image.size == (8, 8)
    assert api.download_resource_file(rid, auto_convert=False) == png.read_bytes()
    dataset = api.download_resource_file(ids[0])
    assert dataset.Modality == "CT"  # type: ignore[union-attr]
    volume = api.download_resource_file(ids[1])
    assert volume.shape == (16, 12, 4)  # type: ignore[union-attr]
    value, saved = api.download_resource_file(ids[0], save_path=str(tmp_path / "out"), add_extension=True)  # type: ignore[misc]
    assert saved.endswith(".dcm") and Path(saved).read_bytes() == dcm.read_bytes()
    assert value.Modality == "CT"  # type: ignore[union-attr]
    frame = api.download_resource_frame(ids[0], 2)
    assert isinstance(frame, Image.Image)
    assert dict(resource)["id"] == rid and json.dumps(dict(resource))


def with_laterality(path: Path, laterality: str, seed: int) -> Path:
    import pydicom

    ds = pydicom.dcmread(io.BytesIO(dicom_bytes(frames=1, seed=seed)))
    ds.ImageLaterality = laterality
    out = io.BytesIO()
    ds.save_as(out, enforce_file_format=True)
    return write(path, out.getvalue())


def test_uploads_are_tagged_with_the_dicom_laterality_as_the_sdk_does(api: APIHandler, tmp_path: Path) -> None:
    """Read once while planning (several files, each its own series) or while sending (one file), the header's
    ImageLaterality becomes a "left"/"right" tag beside the caller's."""
    left, right = with_laterality(tmp_path / "l.dcm", "L", 1), with_laterality(tmp_path / "r.dcm", "R", 2)
    ids = api.upload_resources([left, right], tags=["screen"])
    assert isinstance(ids, Uploaded) and ids.ok
    assert [api.get_resources_by_ids(i).tags for i in ids.ids] == [["screen", "left"], ["screen", "right"]]
    single = api.upload_resources(str(with_laterality(tmp_path / "one.dcm", "R", 3)))
    assert api.get_resources_by_ids(single).tags == ["right"]


def test_a_dicom_whose_preamble_looks_like_a_tiff_decodes_as_dicom(api: APIHandler, tmp_path: Path) -> None:
    data = bytearray(dicom_bytes(frames=1))
    data[:4] = b"II*\x00"  # as pydicom's MR_small.dcm / CT_small.dcm: the SDK took them for TIFF images
    rid = api.upload_resources(write(tmp_path / "tiffish.dcm", bytes(data)))
    assert type(api.download_resource_file(rid)).__name__ == "FileDataset"


def test_pagination_never_stops_at_a_short_page(api: APIHandler, dm: DatamintEmulator) -> None:
    dm.backend.add_resources_from_bytes([(f"r{i}.png", png_bytes(), "image/png") for i in range(7)])
    pages = api.resources.iter_list(page_size=3)
    assert len(pages.to_list()) == 7


def test_on_error_skip_collects_each_failure(api: APIHandler, tmp_path: Path) -> None:
    good = write(tmp_path / "a.png", png_bytes())
    empty = io.BytesIO(b"")
    with pytest.raises(BadInput):
        api.upload_resources([good, tmp_path / "missing.png"])
    result = api.upload_resources([good, empty, write(tmp_path / "b.png", png_bytes())], on_error="skip")
    assert isinstance(result, Uploaded)
    assert len(result.ids) == 2 and [i for i, _ in result.errors] == [1]
    assert isinstance(result[1], MedannotError)


def test_a_series_is_assembled_on_disk_into_one_resource(api: APIHandler, tmp_path: Path) -> None:
    paths = series(tmp_path)
    ids = api.upload_resources(paths, assemble_dicoms=True)
    assert isinstance(ids, Uploaded) and len(set(ids)) == 1
    ds = api.download_resource_file(ids[0])
    assert int(ds.NumberOfFrames) == 3  # type: ignore[union-attr]
    frames = ds.pixel_array  # type: ignore[union-attr]
    assert [int(f[0, 0]) for f in frames] == [100, 200, 300]  # InstanceNumber order


def test_anonymize_keeps_only_the_retained_tags(api: APIHandler, tmp_path: Path) -> None:
    path = write(tmp_path / "p.dcm", dicom_bytes(frames=1, patient_id="SECRET-ID"))
    rid = api.upload_resources(path, anonymize=True, anonymize_retain_codes=[(0x0008, 0x0060)])
    ds = api.download_resource_file(rid)
    assert ds.PatientID != "SECRET-ID" and ds.Modality == "CT"  # type: ignore[union-attr]
    assert "Synthetic" not in str(ds.PatientName)  # type: ignore[union-attr]


def test_set_tags_with_one_id_string_is_one_resource(api: APIHandler, tmp_path: Path) -> None:
    rid = api.upload_resources(write(tmp_path / "t.png", png_bytes()))
    assert isinstance(rid, str)
    api.resources.set_tags(rid, ["x", "y"])
    assert api.get_resources_by_ids(rid).tags == ["x", "y"]  # type: ignore[union-attr]


def test_annotations_projects_worklists(api: APIHandler, dm: DatamintEmulator, tmp_path: Path) -> None:
    rid = api.upload_resources(write(tmp_path / "ct.dcm", dicom_bytes(frames=3)))
    assert isinstance(rid, str)
    project = api.create_project("P1", "a project", [rid])
    assert api.get_project_by_name("P1").id == project.id == api.get_project_by_id(project.id)["id"]
    assert [p.name for p in api.get_projects()] == ["P1"]
    assert [r.id for r in api.get_resources_by_project(project.id)] == [rid]
    api.add_image_category_annotation(rid, "finding", "yes", project="P1")
    api.add_frame_category_annotation(rid, (0, 1), "phase", "arterial")
    api.add_annotations(rid, "label-only", frame_index=2)
    [line] = api.add_line_annotation((1, 2), (10, 12), rid, "len", frame_index=0, project="P1")
    header = dicom_bytes(frames=3)
    import pydicom

    [mm] = api.add_line_annotation(
        (1, 2), (3, 4), rid, "mm", frame_index=1, dicom_metadata=pydicom.dcmread(io.BytesIO(header))
    )
    mask = np.zeros((16, 16, 3), dtype=np.uint8)
    mask[2:5, 2:5, 0] = 1
    mask[8:10, 8:10, 0] = 2
    seg_ids = api.upload_segmentations(rid, mask, name={1: "liver", 2: "spleen"})
    assert len(seg_ids) == 2
    nii = write(tmp_path / "seg.nii.gz", nifti_volume_bytes())
    assert api.upload_segmentations(rid, str(nii), name={1: "tumour"})
    found = list(api.get_annotations(resource_id=rid))
    names = {a["identifier"] for a in found}
    assert {"finding", "phase", "label-only", "len", "mm", "liver", "spleen"} <= names
    by_id = {a.id: a for a in found}
    assert by_id[line].geometry is not None and by_id[line].geometry.points[0][:2] == [1, 2]
    assert by_id[mm].geometry is not None and by_id[mm].geometry.points[0][2] == pytest.approx(1.0)
    assert api.annotations.download_file(seg_ids[0])[:8] == b"\x89PNG\r\n\x1a\n"
    worklists = list(api.get_annotation_worklist())
    assert worklists and api.get_annotation_worklist_by_id(worklists[0].id).id == worklists[0].id
    updated = api.update_annotation_worklist(worklists[0].id, status="active", name="renamed")
    assert updated.status == "active" and updated["name"] == "renamed"
    out = tmp_path / "p.zip"
    api.download_project(project.id, str(out))
    assert out.read_bytes()[:2] == b"PK"
    assert api.get_experiment_by_name("none", dict(project)) is None
    assert [u["email"] for u in api.get_users()] == [dm.user_email]
    api.create_user("new@example.org", firstname="N")
    assert len(api.get_users()) == 2
    assert api.get_datasets()
    assert list(api.get_channels()) == []
    api.delete_project(project.id)
    with pytest.raises(ResourceNotFoundError):
        api.get_project_by_id(project.id)


def test_publish_delete_and_not_found(api: APIHandler, tmp_path: Path) -> None:
    ids = api.upload_resources([write(tmp_path / f"{i}.png", png_bytes()) for i in range(3)])
    assert isinstance(ids, Uploaded)
    api.create_project("P2", "", [])
    api.publish_resources(ids[0])
    api.publish_resources(list(ids), project_name="P2")  # one already published: left as it is
    assert {r.status for r in api.get_resources(project_name="P2")} == {"published"}
    api.delete_resources(ids[0])
    api.delete_resources([ids[1], ids[2]])
    assert list(api.get_resources()) == []
    with pytest.raises(NotFound):
        api.get_resources_by_ids(ids[0] if False else "00000000-0000-0000-0000-000000000000")


def test_client_namespaces(dm: DatamintEmulator, tmp_path: Path) -> None:
    with Client(dm.url, KEY) as c:
        rid = c.resources.upload_resource(write(tmp_path / "x.png", png_bytes()), publish=True)
        assert [r.id for r in c.resources.get_list(status="published")] == [rid]
        project = c.projects.create("P", "d", [rid])
        assert c.projects.get_by_name("P") is not None
        assert c.annotations.add_category_annotation(rid, "k", "v")
        assert len(c.annotations.get_list(resource=rid)) == 1
        wl = c.annotationsets.create("W", [rid], project=project.id)
        assert c.annotationsets.get_by_id(wl.id).name == "W"
        assert c.users.get_by_email(dm.user_email).email == dm.user_email
        out = tmp_path / "out"
        out.mkdir()
        saved = c.resources.download(rid, out)  # a folder: the server's file name in it, streamed
        assert saved == out / "x.png" and saved.read_bytes() == png_bytes()
        again = c.resources.download(rid, out / "copy.png")
        assert again.read_bytes() == png_bytes()
        with pytest.raises(FileExists):
            c.resources.download(rid, again, overwrite=False)


def test_a_wrong_key_is_an_auth_error(dm: DatamintEmulator) -> None:
    with APIHandler(dm.url, "wrong-key") as api, pytest.raises(AuthError):
        api.check_connection()
    with APIHandler(dm.url, "wrong-key") as api, pytest.raises(AuthError):
        api.get_projects()


def test_the_sync_api_works_inside_a_running_event_loop(dm: DatamintEmulator, tmp_path: Path) -> None:
    async def main() -> Any:
        with APIHandler(dm.url, KEY) as api:  # e.g. inside a FastAPI handler or a notebook
            rid = api.upload_resources(write(tmp_path / "l.png", png_bytes()))
            return api.get_resources_by_ids(rid)  # type: ignore[arg-type]

    assert asyncio.run(main())["filename"] == "l.png"


def test_the_source_path_is_sent_only_when_asked(api: APIHandler, tmp_path: Path) -> None:
    path = write(tmp_path / "s.png", png_bytes())
    rid = api.upload_resources(path, send_source_filepath=True)
    assert api.get_resources_by_ids(rid).source_filepath == str(path.resolve())  # type: ignore[arg-type,union-attr]


def test_download_saves_nothing_on_a_missing_resource(api: APIHandler, tmp_path: Path) -> None:
    target = tmp_path / "nothing.bin"
    with pytest.raises(NotFound):
        api.download_resource_file("00000000-0000-0000-0000-000000000000", save_path=str(target))
    assert list(tmp_path.iterdir()) == []


def test_public_types_are_precise_and_resolve() -> None:
    """As tests/unit/test_public_types.py holds the other platforms: `typing.get_type_hints()` resolves every
    public method of the Datamint clients and their namespaces (both twins), with neither `Any` nor `Unset`."""
    import typing

    from medannot import datamint
    from medannot.datamint._async import annotations, projects, resources
    from medannot.datamint._sync import annotations as s_annotations
    from medannot.datamint._sync import projects as s_projects
    from medannot.datamint._sync import resources as s_resources
    from tests.unit.test_public_types import imprecise, public_methods

    classes: list[type] = [
        datamint.APIHandler,
        datamint.AsyncAPIHandler,
        datamint.Client,
        datamint.AsyncClient,
        datamint.Uploaded,
        datamint.Resource,
        datamint.Annotation,
        datamint.Project,
    ]
    for module in (annotations, projects, resources, s_annotations, s_projects, s_resources):
        classes += [v for k, v in vars(module).items() if k.endswith("API") and isinstance(v, type)]
    found = []
    for cls in classes:
        for name, function in public_methods(cls):
            if function.__name__ in ("from_dict", "to_dict"):
                continue
            for parameter, hint in typing.get_type_hints(function).items():
                if imprecise(hint):
                    found.append(f"{name}({parameter}): {hint}")
    assert found == []
    assert len(classes) >= 14
