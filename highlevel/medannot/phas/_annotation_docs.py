"""paper.js annotation documents and the task export file: what PHAS can store, checked before sending.

The server stores `project.exportJSON()` output: a list of layers `[["Layer", {"children": [...]}], ...]`.
Its `annot/set` indexes `data[0][1]["children"]`, rewrites every Path segment point through an affine map and
every PointText's `matrix[4:6]`: a bare object or an empty list fails with 500, and a segment given as a bare
`[x, y]` (instead of `[point, handleIn, handleOut]`) is silently corrupted. Those shapes are refused here.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from medannot.core.downloads import atomic_file, prepare_destination
from medannot.core.files import FileInput, open_file_input
from medannot.errors import BadInput, ResponseSchemaError
from medannot.types import JSONObject, JSONValue

PaperJsDocument = list[JSONValue]


def check_document(doc: object, where: str = "annotation") -> PaperJsDocument:
    """The document itself if PHAS can store it unchanged; BadInput naming the first problem otherwise."""
    if not isinstance(doc, list) or not doc:
        kind = "an empty list" if isinstance(doc, list) else type(doc).__name__
        raise BadInput(f"{where}: a paper.js document is a non-empty list of layers, not {kind}")
    for i, layer in enumerate(doc):
        _check_item(layer, f"{where}[{i}]")
        children = layer[1].get("children", [])
        if not isinstance(children, list):
            raise BadInput(f"{where}[{i}]: 'children' must be a list")
        for j, child in enumerate(children):
            _check_child(child, f"{where}[{i}].children[{j}]")
    try:
        json.dumps(doc, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise BadInput(f"{where}: not JSON-serialisable: {exc}") from None
    return doc


def _check_item(item: object, where: str) -> None:
    if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str) and isinstance(item[1], dict)):
        raise BadInput(f"{where}: a paper.js item is [type, {{properties}}]")


def _check_child(child: object, where: str) -> None:
    _check_item(child, where)
    assert isinstance(child, list)
    kind, props = child
    if kind == "Path":
        segments = props.get("segments")
        if not isinstance(segments, list):
            raise BadInput(f"{where}: a Path needs a 'segments' list")
        for k, segment in enumerate(segments):
            if not (isinstance(segment, list) and 1 <= len(segment) <= 3 and all(_is_xy(p) for p in segment)):
                raise BadInput(f"{where}.segments[{k}]: a segment is [[x, y], [hx, hy], [hx, hy]]")
    elif kind == "PointText":
        matrix = props.get("matrix")
        if not (isinstance(matrix, list) and len(matrix) == 6 and all(_is_number(v) for v in matrix)):
            raise BadInput(f"{where}: a PointText needs a 'matrix' of six numbers")


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _is_xy(value: object) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(_is_number(v) for v in value)


@dataclass(frozen=True)
class AnnotationRecord:
    """One entry of an `export_task_annots` file (the official client's format)."""

    slide_name: str | None  # None when the exporting session could not see slide names (anonymized)
    slide_id: int
    annot: PaperJsDocument

    def to_dict(self) -> JSONObject:
        return asdict(self)


def read_records(source: FileInput, what: str = "filename") -> list[AnnotationRecord]:
    """Every record of an export file, all checked before the caller sends anything."""
    with open_file_input(source, what=what) as opened:
        raw = opened.stream.read()
    if not isinstance(raw, bytes):  # a file object that reads text slipped past the type check
        raise BadInput(f"{what} must be opened in binary mode ('rb')")
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise BadInput(f"{what} {opened.name!r} is not valid JSON: {exc}") from None
    if not isinstance(data, list):
        raise BadInput(f"{what} {opened.name!r} must hold a list of records")
    records = []
    for i, rec in enumerate(data):
        where = f"{what} {opened.name!r} record {i}"
        if not isinstance(rec, dict) or "annot" not in rec:
            raise BadInput(f"{where}: a record is {{'slide_name', 'slide_id', 'annot'}}")
        name, slide_id = rec.get("slide_name"), rec.get("slide_id")
        if name is not None and not isinstance(name, str):
            raise BadInput(f"{where}: slide_name must be a string")
        if slide_id is not None and (isinstance(slide_id, bool) or not isinstance(slide_id, int)):
            raise BadInput(f"{where}: slide_id must be an integer")
        if not name and slide_id is None:
            raise BadInput(f"{where}: neither slide_name nor slide_id names the slide")
        records.append(AnnotationRecord(name or None, -1 if slide_id is None else slide_id,
                                        check_document(rec["annot"], where)))  # fmt: skip
    return records


def write_records(
    filename: str | os.PathLike[str], records: Iterable[AnnotationRecord], *, overwrite: bool = True
) -> Path:
    return write_json(Path(filename), [r.to_dict() for r in records], overwrite=overwrite)


def check_export_file(filename: object, *, overwrite: bool, what: str = "filename") -> Path:
    """The file an export writes, checked before anything is sent: a path whose directory exists, not a
    directory, and (unless `overwrite`) not an existing file (`FileExists`)."""
    target = prepare_destination(filename, overwrite=overwrite, what=what)  # type: ignore[arg-type]
    if target.is_dir():
        raise BadInput(f"{what} must name a file, not the directory {str(target)!r}")
    return target


def check_export_dir(dest_dir: object, what: str = "dest_dir") -> Path:
    """A directory to write into, created (with its parents) when missing; `BadInput` for a wrong type or a
    path that is a file."""
    if isinstance(dest_dir, (str, os.PathLike)) and not isinstance(dest_dir, bytes):
        text = os.fspath(dest_dir)
        if isinstance(text, str) and text.strip() and not text.endswith(("/", os.sep)):
            dest_dir = text + os.sep  # a directory, also when it does not exist yet
    return prepare_destination(dest_dir, what=what)  # type: ignore[arg-type]


def check_destination(filename: str | os.PathLike[str]) -> Path:
    target = Path(filename)
    if not target.parent.is_dir():
        raise BadInput(f"directory {str(target.parent)!r} does not exist")
    return target


def write_json(target: Path, value: Any, *, overwrite: bool = True) -> Path:
    """Atomically: a reader never sees half a file, and a failure leaves nothing behind. With
    `overwrite=False` an existing file is a `FileExists`."""
    check_destination(target)
    with atomic_file(target, overwrite=overwrite) as out:
        out.write(json.dumps(value).encode("utf-8"))
    return target


def check_stored_document(doc: object, what: str) -> PaperJsDocument:
    """A stored annotation as the server answered it: a list of paper.js layers (`[type, {properties}]`);
    `ResponseSchemaError` naming the first item that is not one."""
    if not isinstance(doc, list):  # stored by other means; PHAS itself only keeps lists of layers
        raise ResponseSchemaError(f"{what} is not a list of layers but {type(doc).__name__}")
    for i, layer in enumerate(doc):
        if not (
            isinstance(layer, list) and len(layer) == 2 and isinstance(layer[0], str) and isinstance(layer[1], dict)
        ):
            raise ResponseSchemaError(f"{what}: item [{i}] is not a paper.js layer ([type, {{properties}}])")
        if not isinstance(layer[1].get("children", []), list):
            raise ResponseSchemaError(f"{what}: the 'children' of layer [{i}] are not a list")
    return doc
