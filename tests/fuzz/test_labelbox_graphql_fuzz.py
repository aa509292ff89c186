"""Schemathesis' GraphQL support against the Labelbox emulator, with the SDL it serves (issue 9, deliverable 10).

Every query and mutation field of schemas/labelbox/schema.graphql gets `EXAMPLES` generated documents (fixed seed,
no shrinking), sent with the emulator's API key. A resolver that raises anything but the emulator's own `ApiError`
is a bug (`Emulator.crashes`), and so is a 5xx. GraphQL answers carry no schema to conform to beyond the query
itself, which graphql-core already enforces.

Custom scalars get strategies: `Json` (a JSON text), `UInt64`, and `Upload`, which a JSON request cannot carry
(the multipart upload spec), so it is sent as null.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import graphql
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from medannot.testing.labelbox import LabelboxEmulator
from medannot.testing.labelbox.resolvers import SOURCE_SCHEMA
from tests.fuzz.conftest import FIGURES

EXAMPLES = 25
SEED = 20260917
TIMEOUT = 10

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**31), 2**31) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
schemathesis.graphql.scalar("Json", _JSON.map(lambda v: graphql.StringValueNode(value=json.dumps(v))))
schemathesis.graphql.scalar("UInt64", st.integers(0, 2**64 - 1).map(lambda n: graphql.IntValueNode(value=str(n))))
schemathesis.graphql.scalar("Upload", st.just(graphql.NullValueNode()))

LABELBOX = schemathesis.graphql.from_path(str(SOURCE_SCHEMA))
LABELBOX.config.seed = SEED
LABELBOX.config.generation.update(max_examples=EXAMPLES, no_shrink=True, deterministic=True)


@pytest.fixture(scope="module")
def labelbox() -> Iterator[LabelboxEmulator]:
    with LabelboxEmulator() as emulator:
        yield emulator


@LABELBOX.parametrize()
@settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)
def test_labelbox_emulator(case: Any, labelbox: LabelboxEmulator) -> None:
    label = case.operation.label
    figures = FIGURES.setdefault("labelbox (GraphQL)", {}).setdefault(label, [0, 0])
    figures[0] += 1
    seen = len(labelbox.crashes)
    response = case.call(
        base_url=labelbox.graphql_url, headers={"Authorization": f"Bearer {labelbox.api_key}"}, timeout=TIMEOUT
    )
    crashes = [f"{type(c.error).__name__}: {c.error}" for c in labelbox.crashes[seen:]]
    if crashes or response.status_code >= 500:
        figures[1] += 1
    assert not crashes, f"{label}: emulator exceptions {crashes}\n{case.body}"
    assert response.status_code < 500, f"{label}: {response.status_code} {response.text[:300]}"
