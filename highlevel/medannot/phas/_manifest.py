"""The slide manifest: filter arguments checked before sending, and the CSV answer read into typed rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from medannot.errors import BadInput, ResponseSchemaError
from medannot_api.phas.models import SlideManifestRow
from medannot_api.phas.types import UNSET, Unset

# CSV cells are text; these columns are integers in the schema (SlideManifestRow).
INT_COLUMNS = frozenset(
    {"id", "block_id", "section", "slide", "specimen", "task_id", "n_paths", "n_markers", "n_annot", "n_samples",
     "n_sampling_rois"}
)  # fmt: skip
# Empty in anonymized sessions: read as None, as the schema says.
NULLABLE_COLUMNS = frozenset({"slide_name", "specimen_private"})


def parse_manifest(text: str) -> list[SlideManifestRow]:
    """The rows of the CSV answer. The server always sends the header line (also for no rows), so an answer
    whose header lacks the `id` column (an HTML page, JSON...) is a `ResponseSchemaError`, not an empty list."""
    reader = csv.DictReader(io.StringIO(text))
    try:
        columns = reader.fieldnames
    except csv.Error as exc:
        raise ResponseSchemaError(f"the slide manifest is not CSV: {exc}") from exc
    if text.strip() and (not columns or "id" not in columns):
        raise ResponseSchemaError(f"the slide manifest has no 'id' column: {text[:100]!r}")
    try:
        return [SlideManifestRow.from_dict(_typed(row)) for row in reader]
    except (KeyError, ValueError, TypeError, csv.Error) as exc:
        raise ResponseSchemaError(f"the slide manifest does not fit the schema: {type(exc).__name__}: {exc}") from exc


def _typed(row: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, cell in row.items():
        if key in INT_COLUMNS:
            out[key] = _int(cell)
        elif key in NULLABLE_COLUMNS and cell == "":
            out[key] = None
        else:
            out[key] = cell
    return out


def _int(cell: str) -> int:
    value = float(cell)  # pandas writes "3.0" when a column held a missing value
    if not value.is_integer():
        raise ValueError(f"not an integer: {cell!r}")
    return int(value)


def text_filter(value: object, name: str) -> str | Unset:
    if value is None:
        return UNSET
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise BadInput(f"{name} must be a string (or an integer for section/slide), not {value!r}")
    return str(value)


def count_filter(value: object, name: str) -> int | Unset:
    """The server converts min_* with int() and fails with 500 on anything else."""
    if value is None:
        return UNSET
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BadInput(f"{name} must be a non-negative integer, not {value!r}")
    return value


def tags_filter(value: str | Sequence[str] | None, name: str) -> list[str] | Unset:
    if value is None:
        return UNSET
    tags = [value] if isinstance(value, str) else list(value)
    if not all(isinstance(tag, str) and tag for tag in tags):
        raise BadInput(f"{name} must be a list of non-empty strings")
    return tags
