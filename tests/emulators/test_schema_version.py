"""The facades report the server's version and warn once (`SchemaVersionWarning`) when it is not the version of the
schema their generated client came from (`medannot_api.<platform>.SCHEMA.version`): MONAI Label's `info().version`,
Grand Challenge's `GET gcapi/` `latest_version`."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import anyio
import pytest

import medannot.grandchallenge
import medannot.monailabel
from medannot.core.versions import SchemaVersionWarning
from medannot.testing.grandchallenge import GrandChallengeEmulator
from medannot.testing.monailabel import MonaiLabelEmulator
from medannot.testing.monailabel import backend as monailabel_backend
from medannot_api.grandchallenge import SCHEMA as GC_SCHEMA
from medannot_api.monailabel import SCHEMA as ML_SCHEMA


@pytest.fixture
def strict() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("error", SchemaVersionWarning)
        yield


@pytest.mark.usefixtures("strict")
def test_monailabel_same_version_says_nothing() -> None:
    with MonaiLabelEmulator() as server, medannot.monailabel.Client(server.url) as ml:
        assert ml.server_version() == ML_SCHEMA.version == "0.8.5"


def test_monailabel_other_version_warns_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(monailabel_backend.APP, "version", "0.9.0")
    with MonaiLabelEmulator() as server, medannot.monailabel.Client(server.url) as ml:
        with pytest.warns(
            SchemaVersionWarning, match=r"reports version 0\.9\.0 \(GET /info/ version\).*0\.8\.5"
        ) as seen:
            assert ml.info().version == "0.9.0"
        assert seen[0].filename == __file__  # points at the caller's line
        with warnings.catch_warnings():
            warnings.simplefilter("error", SchemaVersionWarning)
            assert ml.server_version() == "0.9.0"  # once per server and version
            with medannot.monailabel.Client(server.url) as again:
                again.info()


def test_monailabel_async_client_warns_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(monailabel_backend.APP, "version", "0.9.1")

    async def run(url: str) -> str:
        async with medannot.monailabel.AsyncClient(url) as ml:
            return await ml.server_version()

    with MonaiLabelEmulator() as server, pytest.warns(SchemaVersionWarning, match=r"0\.9\.1"):
        assert anyio.run(run, server.url) == "0.9.1"


def _gc(emulator: GrandChallengeEmulator) -> medannot.grandchallenge.Client:
    return medannot.grandchallenge.Client(token="t", base_url=emulator.url, verify=str(emulator.ca_path))


@pytest.mark.usefixtures("strict")
def test_grand_challenge_same_gcapi_level_says_nothing() -> None:
    with GrandChallengeEmulator("t") as emulator, _gc(emulator) as gc:
        assert gc.server_version() == GC_SCHEMA.version == "0.16.1"


def test_grand_challenge_newer_gcapi_level_warns_once() -> None:
    with GrandChallengeEmulator("t", gcapi_versions=("0.17.0", "0.13.0")) as emulator, _gc(emulator) as gc:
        with pytest.warns(SchemaVersionWarning, match=r"reports version 0\.17\.0 \(GET gcapi/ latest_version\)"):
            assert gc.server_version() == "0.17.0"
        with warnings.catch_warnings():
            warnings.simplefilter("error", SchemaVersionWarning)
            assert gc.server_version() == "0.17.0"
