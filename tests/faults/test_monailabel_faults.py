"""MONAI Label under faults: every standard fault x the public operations x both twins (`Client`, `AsyncClient`),
through a `FaultProxy` in front of a `MonaiLabelEmulator`.

Each cell: success or a `MedannotError`; no POST (nor PUT without an image id) reaches the proxy twice; the
download and output directories and the client's tmpdir hold only complete, byte-exact files; the images and
labels stored on the server are byte-exact copies of what was uploaded; `info()` works afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from anyio.from_thread import BlockingPortal

from medannot.core.retry import RetryPolicy
from medannot.monailabel import AsyncClient, Client
from medannot.testing.data import nifti_bytes, synthetic_volume, write_nifti_volumes
from medannot.testing.monailabel import MonaiLabelEmulator
from tests.blocking import construct, portal
from tests.faults.matrix import Matrix, Operation, run_cell
from tests.faults.proxy import FAULTS, FaultProxy, Match

pytestmark = [pytest.mark.faults, pytest.mark.timeout(60)]

PLATFORM = "monailabel"
TWINS = ("sync", "async")
CLIENT_TIMEOUT = 1.0  # a stalled answer is given up after this
FAST_RETRY = RetryPolicy(initial_delay=0.01, max_delay=0.05)  # the default number of retries, short waits
MODEL = "threshold"


@dataclass
class World:
    emulator: MonaiLabelEmulator
    proxy: FaultProxy
    portal: BlockingPortal
    direct: httpx.Client  # straight to the emulator, for arranging and checking state
    studies: list[Path]
    uploads: list[Path]
    label: Path
    infer_output: bytes

    def sources(self) -> set[bytes]:
        return {p.read_bytes() for p in [*self.studies, *self.uploads]}

    def arrange(self) -> None:
        """Back to two studies, `volume-000` with a final label; no fault armed, nothing counted."""
        self.proxy.clear()
        self.emulator.reset()
        response = self.direct.put(
            "/datastore/label",
            params={"image": "volume-000", "tag": "final"},
            files={"label": ("label.nii.gz", self.label.read_bytes())},
            data={"params": "{}"},
        )
        response.raise_for_status()
        self.proxy.reset_counts()

    def stored_damage(self) -> list[str]:
        """Images and labels on the server that are not byte-exact copies of an uploaded file."""
        problems: list[str] = []
        objects = self.direct.get("/datastore/", params={"output": "all"}).json()["objects"]
        images, labels = self.sources(), {self.label.read_bytes()}
        for image_id, entry in objects.items():
            stored = self.direct.get("/datastore/image", params={"image": image_id})
            if stored.status_code != 200 or stored.content not in images:
                problems.append(f"image {image_id!r} stored as {len(stored.content)} bytes, not an uploaded file")
            for tag in entry.get("labels", {}):
                label = self.direct.get("/datastore/label", params={"label": image_id, "tag": tag})
                if label.status_code != 200 or label.content not in labels:
                    problems.append(f"label {image_id!r}/{tag} stored as {len(label.content)} bytes")
        return problems


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root = tmp_path_factory.mktemp("monailabel-faults")
    studies = write_nifti_volumes(root / "studies", 2, seed=11)
    # upload-a is large (~3 MB of noise), so a reset during its body meets a client still writing it; upload-b is
    # small. A resend is recognised by its body length, so the two uploads of one call must differ in size.
    noise = np.random.default_rng(13).integers(0, 30000, size=(128, 128, 48), dtype=np.int16)
    uploads = [root / "upload-a.nii.gz", root / "upload-b.nii.gz"]
    uploads[0].write_bytes(nifti_bytes(noise))
    uploads[1].write_bytes(nifti_bytes(synthetic_volume((24, 24, 12), seed=13)))
    assert uploads[0].stat().st_size > 2**20 > uploads[1].stat().st_size
    label = write_nifti_volumes(root / "labels", 1, shape=(32, 32, 16), seed=17)[0]
    with (
        MonaiLabelEmulator(root / "studies") as emulator,
        FaultProxy(emulator.url) as proxy,
        portal() as running,
        httpx.Client(base_url=emulator.url, timeout=10) as direct,
    ):
        world = World(emulator, proxy, running, direct, studies, uploads, label, b"")
        world.arrange()
        with Client(emulator.url, tmpdir=root / "reference") as reference:
            result = reference.infer(MODEL, "volume-000", {}, output_dir=root / "reference")
            assert result.label is not None
            world.infer_output = Path(result.label).read_bytes()
        yield world


def operations(world: World, dest: Path) -> dict[str, Operation]:
    image, label = world.studies[0].read_bytes(), world.label.read_bytes()
    put_image, put_label = Match("PUT", "/datastore/image"), Match("PUT", "/datastore/label")

    def returns(*contents: bytes) -> Callable[[], list[bytes]]:
        return lambda: list(contents)

    ops = [
        Operation("info", lambda c: c.info(), Match("GET", "/info/")),
        Operation("datastore", lambda c: c.datastore(), Match("GET", "/datastore/")),
        Operation("list_images", lambda c: c.list_images(), Match("GET", "/datastore/")),
        Operation(
            "upload_image-with-id",
            lambda c: c.upload_image(world.uploads[0], "upload-a"),
            put_image,
            server_check=world.stored_damage,
        ),
        Operation(
            "upload_image-without-id",
            lambda c: c.upload_image(world.uploads[0]),
            put_image,
            once=put_image,
            server_check=world.stored_damage,
        ),
        Operation(
            "upload_images",
            lambda c: c.upload_images(world.uploads, progress=False),
            put_image,
            once=put_image,
            server_check=world.stored_damage,
        ),
        Operation(
            "save_label",
            lambda c: c.save_label("volume-001", world.label, "final"),
            put_label,
            server_check=world.stored_damage,
        ),
        Operation(
            "download_image",
            lambda c: c.download_image("volume-000", dest),
            Match("GET", "/datastore/image"),
            outputs=returns(image),
        ),
        Operation(
            "download_label",
            lambda c: c.download_label("volume-000", "final", dest),
            Match("GET", "/datastore/label"),
            outputs=returns(label),
        ),
        Operation("delete_image", lambda c: c.delete_image("volume-001"), Match("DELETE", "/datastore/image")),
        Operation(
            "infer",
            lambda c: c.infer(MODEL, "volume-000", {}, output_dir=dest, timeout=CLIENT_TIMEOUT),
            Match("POST", f"/infer/{MODEL}"),
            once=Match("POST", "*"),
            outputs=returns(world.infer_output),
        ),
        Operation(
            "next_sample",
            lambda c: c.next_sample("random"),
            Match("POST", "/activelearning/random"),
            once=Match("POST", "*"),
        ),
        Operation(
            "train_start", lambda c: c.train_start(MODEL), Match("POST", f"/train/{MODEL}"), once=Match("POST", "*")
        ),
        Operation("train_status", lambda c: c.train_status(), Match("GET", "/train/")),
        Operation(
            "batch_infer",
            lambda c: c.batch_infer(MODEL),
            Match("POST", f"/batch/infer/{MODEL}"),
            once=Match("POST", "*"),
        ),
    ]
    return {op.name: op for op in ops}


OPERATIONS = [
    "info",
    "datastore",
    "list_images",
    "upload_image-with-id",
    "upload_image-without-id",
    "upload_images",
    "save_label",
    "download_image",
    "download_label",
    "delete_image",
    "infer",
    "next_sample",
    "train_start",
    "train_status",
    "batch_infer",
]


def make_client(world: World, twin: str, tmpdir: Path) -> Any:
    options: dict[str, Any] = {"tmpdir": tmpdir, "timeout": CLIENT_TIMEOUT, "retry": FAST_RETRY}
    if twin == "sync":
        return Client(world.proxy.url, **options)
    return construct(AsyncClient, world.portal, world.proxy.url, **options)


def test_every_operation_is_in_the_matrix(world: World, tmp_path: Path) -> None:
    assert sorted(operations(world, tmp_path)) == sorted(OPERATIONS)


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("twin", TWINS)
def test_cell(world: World, fault_matrix: Matrix, tmp_path: Path, twin: str, operation: str, fault: str) -> None:
    dest, tmpdir = tmp_path / "dest", tmp_path / "tmp"
    dest.mkdir()
    tmpdir.mkdir()
    world.arrange()
    client = make_client(world, twin, tmpdir)
    try:
        result = run_cell(
            platform=PLATFORM,
            twin=twin,
            operation=operations(world, dest)[operation],
            fault=FAULTS[fault],
            proxy=world.proxy,
            client=client,
            watched=[dest, tmpdir],
            next_call=lambda c: c.info(),
        )
    finally:
        client.close()
    fault_matrix.add(result)
    assert result.survived, result.describe()


def test_proxy_passes_requests_through(world: World, tmp_path: Path) -> None:
    """The proxy alone changes nothing: every operation succeeds through it, and it counts what it forwards."""
    world.arrange()
    with Client(world.proxy.url, tmpdir=tmp_path, timeout=5) as client:
        for name in OPERATIONS:
            world.arrange()
            dest = tmp_path / name
            dest.mkdir()
            op = operations(world, dest)[name]
            op.call(client)
            assert world.proxy.count(op.target.method or "", op.target.path or "") >= 1, name
    assert json.loads(world.direct.get("/info/").content)["name"]
