"""Labelbox under faults: the standard faults x a few public operations x both twins, through a `FaultProxy` in
front of a `LabelboxEmulator`. Every GraphQL call is a POST to one URL, so faults are aimed by the body
(`Match(body=b"mutation CreateDataset")`) and a resend is a duplicate when its body is a mutation other than
`UploadFile` (an upload creates nothing a user sees: resending it is allowed)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from anyio.from_thread import BlockingPortal

from medannot.core.retry import RetryPolicy
from medannot.errors import BulkError, ServerError
from medannot.labelbox import AsyncClient, Client
from medannot.testing.labelbox import LabelboxEmulator
from tests.blocking import construct, portal
from tests.faults.matrix import Matrix, Operation, run_cell
from tests.faults.proxy import FAULTS, Answer, Fault, FaultProxy, Match, RequestRecord

pytestmark = [pytest.mark.faults, pytest.mark.timeout(60)]

PLATFORM = "labelbox"
TWINS = ("sync", "async")
API_KEY = "fault-matrix-key"
CLIENT_TIMEOUT = 1.0
FAST_RETRY = RetryPolicy(initial_delay=0.01, max_delay=0.05)
PNG = b"\x89PNG\r\n\x1a\n"
GRAPHQL = "/graphql"


def is_mutation(record: RequestRecord) -> bool:
    """A GraphQL mutation that creates or changes something (a file upload does not)."""
    return b"mutation" in record.body_head and b"UploadFile" not in record.body_head


@dataclass
class World:
    emulator: LabelboxEmulator
    proxy: FaultProxy
    portal: BlockingPortal
    direct: Client  # straight to the emulator, for arranging and checking state
    files: list[Path]
    dataset_id: str = ""

    def arrange(self) -> None:
        self.proxy.clear()
        self.emulator.reset()
        self.dataset_id = self.direct.create_dataset(name="target").id
        self.proxy.reset_counts()

    def datasets_named(self, name: str) -> int:
        return sum(1 for d in self.direct.get_datasets() if d.name == name)

    def no_twin_datasets(self) -> list[str]:
        n = self.datasets_named("created")
        return [f"{n} datasets named 'created'"] if n > 1 else []

    def no_duplicate_rows(self) -> list[str]:
        """The workspace starts with no data row; one call makes at most one per file."""
        rows = len(self.emulator.backend.state()["data_rows"])
        return [f"{rows} data rows for {len(self.files)} files"] if rows > len(self.files) else []


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("labelbox-faults")
    files = [folder / f"scan-{i}.png" for i in range(2)]
    for i, path in enumerate(files):
        path.write_bytes(PNG + bytes([i]) * (50 + 10 * i))  # different sizes: a resend is told by its length
    with (
        LabelboxEmulator(api_key=API_KEY) as emulator,
        FaultProxy(emulator.url) as proxy,
        portal() as running,
        Client(api_key=API_KEY, endpoint=emulator.graphql_url) as direct,
    ):
        yield World(emulator, proxy, running, direct, files)


def make_client(world: World, twin: str) -> Any:
    options: dict[str, Any] = {
        "api_key": API_KEY,
        "endpoint": world.proxy.url + GRAPHQL,
        "timeout": CLIENT_TIMEOUT,
        "retry": FAST_RETRY,
    }
    if twin == "sync":
        return Client(**options)
    return construct(AsyncClient, world.portal, **options)


def operations(world: World) -> dict[str, Operation]:
    ops = [
        Operation("get_datasets", lambda c: list(c.get_datasets()), Match("POST", GRAPHQL, b"query GetDatasets")),
        Operation(
            "create_dataset",
            lambda c: c.create_dataset(name="created"),
            Match("POST", GRAPHQL, b"mutation CreateDataset"),
            once=is_mutation,
            server_check=world.no_twin_datasets,
        ),
        Operation(
            "create_data_rows_from_files-upload",
            lambda c: c.create_data_rows_from_files(world.dataset_id, world.files, concurrency=1, progress=False),
            Match("POST", GRAPHQL, b"mutation UploadFile"),
            once=is_mutation,
            server_check=world.no_duplicate_rows,
        ),
        Operation(
            "create_data_rows_from_files-import",
            lambda c: c.create_data_rows_from_files(world.dataset_id, world.files, concurrency=1, progress=False),
            Match("POST", GRAPHQL, b"mutation UpsertDataRows"),
            once=is_mutation,
            server_check=world.no_duplicate_rows,
        ),
    ]
    return {op.name: op for op in ops}


OPERATIONS = [
    "get_datasets",
    "create_dataset",
    "create_data_rows_from_files-upload",
    "create_data_rows_from_files-import",
]


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("twin", TWINS)
def test_cell(world: World, fault_matrix: Matrix, tmp_path: Path, twin: str, operation: str, fault: str) -> None:
    world.arrange()
    client = make_client(world, twin)
    try:
        result = run_cell(
            platform=PLATFORM,
            twin=twin,
            operation=operations(world)[operation],
            fault=FAULTS[fault],
            proxy=world.proxy,
            client=client,
            watched=[tmp_path],
            next_call=lambda c: c.get_user(),
        )
    finally:
        client.close()
    fault_matrix.add(result)
    assert result.survived, result.describe()


# ---- retries of uploads and partial success of the bulk upload, over real sockets (issue 9, item 8)

UPLOAD = Match("POST", GRAPHQL, b"mutation UploadFile")


def _bad_gateway(times: int = 1) -> Fault:
    answer = Answer(502, (("Content-Type", "text/plain"),), b"502 Bad Gateway (fault proxy)")
    return Fault("bad-gateway", "respond", UPLOAD, times=times, answer=answer)


def _rejected(filename: str) -> Fault:
    """A non-retryable failure of the upload of one file (its multipart part names it)."""
    answer = Answer(500, (("Content-Type", "text/plain"),), b"storage failed (fault proxy)")
    match = Match("POST", GRAPHQL, f'filename="{filename}"'.encode())
    return Fault("rejected", "respond", match, times=50, answer=answer)


@pytest.mark.parametrize("twin", TWINS)
def test_upload_file_is_resent_after_a_502(world: World, twin: str) -> None:
    world.arrange()
    client = make_client(world, twin)
    try:
        world.proxy.inject(_bad_gateway())
        url = client.upload_file(world.files[0])
    finally:
        client.close()
    uploads = [r for r in world.proxy.records if r.path == GRAPHQL and b"mutation UploadFile" in r.body_head]
    assert len(uploads) == 2 and uploads[0].status == 502  # the whole body went out again
    assert uploads[0].content_length == uploads[1].content_length
    assert world.direct.get_dataset(world.dataset_id)  # and the next call works
    assert url


@pytest.mark.parametrize("twin", TWINS)
def test_create_data_rows_from_files_survives_a_502_on_every_upload(world: World, twin: str) -> None:
    world.arrange()
    client = make_client(world, twin)
    try:
        world.proxy.inject(_bad_gateway(times=2))  # the first attempt of each of the two files
        result = client.create_data_rows_from_files(world.dataset_id, world.files, concurrency=1, progress=False)
    finally:
        client.close()
    assert result.ok and len(result.created) == len(world.files)
    assert world.no_duplicate_rows() == []


@pytest.mark.parametrize("twin", TWINS)
def test_one_failed_upload_does_not_cancel_the_batch(world: World, twin: str) -> None:
    world.arrange()
    client = make_client(world, twin)
    try:
        world.proxy.inject(_rejected(world.files[0].name))
        result = client.create_data_rows_from_files(world.dataset_id, world.files, concurrency=2, progress=False)
    finally:
        client.close()
    assert [row.external_id for row in result.created] == [world.files[1].name]
    assert [Path(f.path).name for f in result.upload_failures] == [world.files[0].name]
    assert isinstance(result.upload_failures[0].error, ServerError)
    assert not result.ok


@pytest.mark.parametrize("twin", TWINS)
def test_fail_fast_raises_the_first_failure_and_imports_nothing(world: World, twin: str) -> None:
    world.arrange()
    client = make_client(world, twin)
    try:
        world.proxy.inject(_rejected(world.files[0].name))
        with pytest.raises(ServerError):
            client.create_data_rows_from_files(
                world.dataset_id, world.files, concurrency=1, progress=False, fail_fast=True
            )
    finally:
        client.close()
    assert world.proxy.received("POST", GRAPHQL) >= 1
    assert not any(b"mutation UpsertDataRows" in r.body_head for r in world.proxy.records)
    assert not world.emulator.backend.state()["data_rows"]


@pytest.mark.parametrize("twin", TWINS)
def test_when_every_upload_fails_the_bulk_error_holds_each(world: World, twin: str) -> None:
    world.arrange()
    client = make_client(world, twin)
    try:
        for path in world.files:
            world.proxy.inject(_rejected(path.name))
        with pytest.raises(BulkError) as raised:
            client.create_data_rows_from_files(world.dataset_id, world.files, concurrency=2, progress=False)
    finally:
        client.close()
    assert len(raised.value.errors) == len(world.files)
    assert not any(b"mutation UpsertDataRows" in r.body_head for r in world.proxy.records)
