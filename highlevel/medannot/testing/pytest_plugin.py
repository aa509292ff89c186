"""pytest plugin (entry point `pytest11: medannot`): one fresh emulator per test, served on a loopback port.

One fixture per platform of `medannot.registry` (`monailabel_emulator`, `phas_emulator`, ...), each an
emulator built with its defaults. pytest loads this module for every project that has medannot installed, so
it imports nothing from the `testing` extra at module level: the server-side dependencies are imported only
when a fixture is used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from medannot.registry import PLATFORMS, Platform


def _emulator_fixture(platform: Platform) -> Callable[[], Iterator[Any]]:
    def serve() -> Iterator[Any]:
        with platform.emulator_class()() as emulator:
            yield emulator

    serve.__name__ = serve.__qualname__ = platform.fixture
    serve.__doc__ = platform.fixture_doc
    return pytest.fixture(serve, name=platform.fixture)


# pytest finds fixtures among a plugin's module attributes.
globals().update({p.fixture: _emulator_fixture(p) for p in PLATFORMS.values()})
