"""paper.js documents PHAS can store, the export file format, and the slide manifest CSV."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from medannot.errors import BadInput, ResponseSchemaError
from medannot.phas._annotation_docs import AnnotationRecord, check_document, read_records, write_records
from medannot.phas._manifest import count_filter, parse_manifest, tags_filter, text_filter
from medannot.phas.models import as_records
from medannot_api.phas.types import UNSET

PATH = ["Path", {"segments": [[[1, 2], [0, 0], [0, 0]], [[3, 4]]], "closed": True}]
TEXT = ["PointText", {"matrix": [1, 0, 0, 1, 5, 6], "content": "x"}]
DOC = [["Layer", {"children": [PATH, TEXT, ["Group", {"children": []}]]}], ["Layer", {}]]


def test_a_paper_js_export_is_storable() -> None:
    assert check_document(DOC) is DOC
    assert check_document([["Layer", {"applyMatrix": True}]])


@pytest.mark.parametrize(
    ("doc", "message"),
    [({"children": []}, "not dict"), ([], "not an empty list"), ([["Layer"]], "item is"), ([[1, {}]], "item is"),
     ([["Layer", {"children": {}}]], "'children' must be a list"),
     ([["Layer", {"children": [["Path", {}]]}]], "'segments' list"),
     ([["Layer", {"children": [["Path", {"segments": [[1, 2]]}]]}]], r"segments\[0\]"),
     ([["Layer", {"children": [["Path", {"segments": [[[1, 2], [3]]]}]]}]], r"segments\[0\]"),
     ([["Layer", {"children": [["PointText", {"matrix": [1, 0, 0, 1]}]]}]], "matrix"),
     ([["Layer", {"note": float("nan")}]], "JSON")],
)  # fmt: skip
def test_what_phas_cannot_store_is_named(doc: Any, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        check_document(doc)


def test_export_file_round_trip(tmp_path: Path) -> None:
    records = [AnnotationRecord("S1_B1_HE_01", 2, DOC), AnnotationRecord(None, 3, DOC)]
    path = write_records(tmp_path / "out.json", records)
    assert json.loads(path.read_text())[0] == {"slide_name": "S1_B1_HE_01", "slide_id": 2, "annot": DOC}
    assert read_records(path) == records
    assert read_records(io.BytesIO(path.read_bytes())) == records
    assert as_records(records)[1]["slide_name"] is None
    with pytest.raises(BadInput, match="does not exist"):
        write_records(tmp_path / "missing" / "out.json", records)


@pytest.mark.parametrize(
    "content",
    ["{", '{"a": 1}', '[{"slide_name": "a"}]', '[{"annot": [["Layer", {}]]}]', '[{"slide_name": 3, "annot": []}]',
     '[{"slide_name": "a", "slide_id": "2", "annot": [["Layer", {}]]}]', '[{"slide_name": "a", "annot": {}}]'],
)  # fmt: skip
def test_bad_export_files(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(BadInput):
        read_records(path)


MANIFEST = """id,block_id,section,slide,stain,slide_name,slide_ext,project,specimen,block_name,specimen_private,\
specimen_public,task_id,specimen_display,n_paths,n_markers,n_annot
2,2,1,1,HE,S1_B1_HE_01,tif,synth,2,B1,S1,Anon 0002,1,S1,3.0,0,3
1,1,1,2,"H,E",,tif,synth,1,B1,,Anon 0001,1,Anon 0001,0,0,0
"""


def test_manifest_rows_are_typed() -> None:
    first, second = parse_manifest(MANIFEST)
    assert (first.id, first.section, first.n_paths, first.slide_name, first.n_samples) == (
        2,
        1,
        3,
        "S1_B1_HE_01",
        None,
    )
    assert (second.stain, second.slide_name, second.specimen_private, second.slide) == ("H,E", None, None, 2)
    assert as_records([first])[0]["n_annot"] == 3 and "n_samples" not in as_records([first])[0]
    assert parse_manifest(MANIFEST.splitlines()[0] + "\n") == []


@pytest.mark.parametrize(
    "text", ["id,stain\n1,HE\n", MANIFEST.replace("3.0", "3.5"), MANIFEST.replace(",1,S1,", ",x,S1,")]
)
def test_a_manifest_that_does_not_fit_the_schema(text: str) -> None:
    with pytest.raises(ResponseSchemaError):
        parse_manifest(text)


def test_filters_are_checked() -> None:
    assert text_filter(None, "stain") is UNSET and text_filter(2, "section") == "2"
    assert count_filter(0, "min_paths") == 0 and tags_filter("a", "tags_any") == ["a"]
    assert tags_filter(("a", "b"), "tags_all") == ["a", "b"]
    for bad in [("x", count_filter), (-1, count_filter), (True, count_filter), (1.0, text_filter), ([""], tags_filter)]:
        with pytest.raises(BadInput):
            bad[1](bad[0], "f")  # type: ignore[operator]
