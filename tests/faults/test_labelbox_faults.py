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
from medannot.labelbox import AsyncClient, Client
from medannot.testing.labelbox import LabelboxEmulator
from tests.blocking import construct, portal
from tests.faults.matrix import Matrix, Operation, run_cell
from tests.faults.proxy import FAULTS, FaultProxy, Match, RequestRecord

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
