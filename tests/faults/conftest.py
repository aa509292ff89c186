"""The session's fault matrix (fixture `fault_matrix`) and its figures in pytest's terminal summary.

Set MEDANNOT_FAULTS_JSON=path to also write every cell as JSON.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from tests.faults.matrix import Matrix

MATRIX_KEY = pytest.StashKey[Matrix]()


def _matrix(config: pytest.Config) -> Matrix:
    if MATRIX_KEY not in config.stash:
        config.stash[MATRIX_KEY] = Matrix()
    return config.stash[MATRIX_KEY]


@pytest.fixture(scope="session")
def fault_matrix(request: pytest.FixtureRequest) -> Iterator[Matrix]:
    yield _matrix(request.config)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    matrix = config.stash.get(MATRIX_KEY, None)
    if matrix is None or not matrix.cells:
        return
    terminalreporter.section("fault matrix (tests/faults)")
    for line in matrix.summary_lines():
        terminalreporter.write_line(line)
    target = os.environ.get("MEDANNOT_FAULTS_JSON")
    if target:
        matrix.write_json(target)
        terminalreporter.write_line(f"cells written to {target}")
