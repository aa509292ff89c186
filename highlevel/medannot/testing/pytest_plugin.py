"""pytest plugin (entry point `pytest11: medannot`): one fresh emulator per test, served on a loopback port.

pytest loads this module for every project that has medannot installed, so it imports nothing from the
`testing` extra at module level: the server-side dependencies are imported only when a fixture is used.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from medannot.testing.labelbox import LabelboxEmulator
    from medannot.testing.monailabel import MonaiLabelEmulator
    from medannot.testing.phas import PhasEmulator


@pytest.fixture
def monailabel_emulator() -> Iterator[MonaiLabelEmulator]:
    """A running MONAI Label emulator (auth off, empty datastore); `.url` is its base URL."""
    from medannot.testing.monailabel import MonaiLabelEmulator

    with MonaiLabelEmulator() as emulator:
        yield emulator


@pytest.fixture
def labelbox_emulator() -> Iterator[LabelboxEmulator]:
    """A running Labelbox emulator (empty workspace); `.graphql_url`, `.rest_url`, `.api_key` for a client."""
    from medannot.testing.labelbox import LabelboxEmulator

    with LabelboxEmulator() as emulator:
        yield emulator


@pytest.fixture
def phas_emulator() -> Iterator[PhasEmulator]:
    """A running PHAS emulator with the harness's data set; `.url`, `.keys`, `.tasks`, `.slides` for a client."""
    from medannot.testing.phas import PhasEmulator

    with PhasEmulator() as emulator:
        yield emulator
