"""PHAS under faults: the standard faults x a few public operations x both twins, through a `FaultProxy` in front
of a `PhasEmulator`: the project listing, a slide patch read (its pixels compared with a clean read) and an
annotation upload (a POST medannot does not mark idempotent: never sent twice)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from anyio.from_thread import BlockingPortal

from medannot.core.retry import RetryPolicy
from medannot.phas import AnnotationTask, AsyncAnnotationTask, AsyncClient, AsyncSlide, Client, Slide
from medannot.testing.phas import PhasEmulator
from tests.blocking import construct, portal, wrap
from tests.faults.matrix import Matrix, Operation, run_cell
from tests.faults.proxy import FAULTS, FaultProxy, Match

pytestmark = [pytest.mark.faults, pytest.mark.timeout(60)]

PLATFORM = "phas"
TWINS = ("sync", "async")
CLIENT_TIMEOUT = 1.0
FAST_RETRY = RetryPolicy(initial_delay=0.01, max_delay=0.05)
SLIDE = "S2_B1_HE_01"  # uncompressed: patches are exact
CENTER, LEVEL, SIZE = (1000, 1000), 0, (300, 300)
DOCUMENT: list[Any] = [["Layer", {"applyMatrix": True}]]


@dataclass
class World:
    emulator: PhasEmulator
    proxy: FaultProxy
    portal: BlockingPortal
    reference_patch: bytes

    @property
    def task_id(self) -> int:
        return self.emulator.tasks["annot"]

    @property
    def slide_id(self) -> int:
        return self.emulator.slides[SLIDE]

    def arrange(self) -> None:
        self.proxy.clear()
        self.emulator.reset()
        self.proxy.reset_counts()


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    with PhasEmulator() as emulator, FaultProxy(emulator.url) as proxy, portal() as running:
        with Client(emulator.url, emulator.api_key) as reference:
            task = AnnotationTask(reference, emulator.tasks["annot"])
            patch = Slide(task, emulator.slides[SLIDE]).get_patch(CENTER, LEVEL, SIZE).convert("RGBA").tobytes()
        yield World(emulator, proxy, running, patch)


def make_client(world: World, twin: str) -> Any:
    options: dict[str, Any] = {"timeout": CLIENT_TIMEOUT, "retry": FAST_RETRY}
    if twin == "sync":
        return Client(world.proxy.url, world.emulator.api_key, **options)
    return construct(AsyncClient, world.portal, world.proxy.url, world.emulator.api_key, **options)


def open_slide(world: World, twin: str, client: Any) -> Any:
    if twin == "sync":
        return Slide(AnnotationTask(client, world.task_id), world.slide_id)
    task = world.portal.call(AsyncAnnotationTask.open, client.wrapped, world.task_id)
    return wrap(world.portal.call(AsyncSlide.open, task, world.slide_id), world.portal)


def open_task(world: World, twin: str, client: Any) -> Any:
    if twin == "sync":
        return AnnotationTask(client, world.task_id)
    return wrap(world.portal.call(AsyncAnnotationTask.open, client.wrapped, world.task_id), world.portal)


def operations(world: World, twin: str) -> dict[str, Operation]:
    set_annot = Match("POST", f"/task/{world.task_id}/slide/raw/raw/{world.slide_id}/annot/set")

    def same_pixels(image: object) -> str | None:
        pixels = image.convert("RGBA").tobytes()  # type: ignore[attr-defined]
        return None if pixels == world.reference_patch else "the patch's pixels differ from a clean read"

    def upload(client: Any) -> object:
        return open_task(world, twin, client).set_slide_annot_json(world.slide_id, DOCUMENT)

    ops = [
        Operation("project_listing", lambda c: c.project_listing(), Match("GET", "/api/projects")),
        Operation(
            "get_patch",
            lambda c: open_slide(world, twin, c).get_patch(CENTER, LEVEL, SIZE),
            Match("GET", "/dzi/patch/*"),
            verify=same_pixels,
        ),
        Operation("set_slide_annot_json", upload, set_annot, once=set_annot),
    ]
    return {op.name: op for op in ops}


OPERATIONS = ["project_listing", "get_patch", "set_slide_annot_json"]


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
            operation=operations(world, twin)[operation],
            fault=FAULTS[fault],
            proxy=world.proxy,
            client=client,
            watched=[tmp_path],
            next_call=lambda c: c.project_listing(),
        )
    finally:
        client.close()
    fault_matrix.add(result)
    assert result.survived, result.describe()
