"""The slide manifest: filter arguments checked before sending, and the CSV answer read into typed rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from medannot.core.validate import has_control, require_int
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


NUMBERED_FILTERS = frozenset({"section", "slide"})
MAX_FILTER_LENGTH = 1000


def text_filter(value: object, name: str) -> str | Unset:
    """A text filter (an integer too for `section`/`slide`, which the server compares as text)."""
    if value is None:
        return UNSET
    if name in NUMBERED_FILTERS and not isinstance(value, str):
        return str(require_int(value, name, min=0))
    if not isinstance(value, str):
        raise BadInput(f"{name} must be a string, not {type(value).__name__}")
    return _text(value, name)


def _text(value: str, name: str) -> str:
    if has_control(value):
        raise BadInput(f"{name} must not contain control characters")
    if len(value) > MAX_FILTER_LENGTH:
        raise BadInput(f"{name} is too long ({len(value)} characters; at most {MAX_FILTER_LENGTH})")
    return value


def count_filter(value: object, name: str) -> int | Unset:
    """The server converts min_* with int() and fails with 500 on anything else."""
    if value is None:
        return UNSET
    return require_int(value, name, min=0)


def tags_filter(value: str | Sequence[str] | None, name: str) -> list[str] | Unset:
    if value is None:
        return UNSET
    if isinstance(value, str):
        tags: list[object] = [value]
    elif isinstance(value, (list, tuple, set, frozenset)):
        tags = list(value)
    else:
        raise BadInput(f"{name} must be a tag or a list of tags, not {type(value).__name__}")
    for i, tag in enumerate(tags):
        if not isinstance(tag, str) or not tag.strip():
            raise BadInput(f"{name}[{i}] must be a non-empty string")
        _text(tag, f"{name}[{i}]")
    return [str(tag) for tag in tags]
