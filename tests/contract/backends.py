"""Which backends a platform's contract scenarios run against, decided by the platform registry."""

from __future__ import annotations

from typing import Any

import pytest

from medannot import registry


def backends(platform: str) -> list[Any]:
    """Fixture params: "emulator" always, and "real" (marked live) where a real server can be provisioned."""
    params: list[Any] = ["emulator"]
    if registry.get(platform).real_server:
        params.append(pytest.param("real", marks=pytest.mark.live))
    return params
