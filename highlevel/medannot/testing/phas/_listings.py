"""Listings the server builds from its SQL views: projects, tasks, slide details and the CSV slide manifest.

Private names (specimen, slide name) are blanked in anonymized sessions, as the `*_anon` views do; public
specimen names are `Anon %04d` of the specimen id (no public names are set in the data set).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from medannot.testing.phas._records import Access, Slide, Task, User
from medannot.testing.phas.backend import PhasBackend
from medannot.testing.phas.errors import ServerFault

_COLUMNS = [
    "id", "block_id", "section", "slide", "stain", "slide_name", "slide_ext", "project", "specimen", "block_name",
    "specimen_private", "specimen_public", "task_id", "specimen_display",
]  # fmt: skip
_COUNTS = {"annot": ["n_paths", "n_markers", "n_annot"], "dltrain": ["n_samples"], "sampling": ["n_sampling_rois"]}


def _counts(slides: Sequence[Slide], order: tuple[str, ...] = ("nslides", "nblocks", "nspecimens")) -> dict[str, int]:
    """Slide, block and specimen counts, in the key order of the listing (projects and tasks differ)."""
    counts = {
        "nslides": len(slides),
        "nblocks": len({s.block_id for s in slides}),
        "nspecimens": len({s.specimen_id for s in slides}),
    }
    return {key: counts[key] for key in order}


def project_listing(backend: PhasBackend, user: User) -> list[dict[str, Any]]:
    """Projects the user can read (site admins: all), by display name."""
    listing = []
    for project in sorted(backend.projects.values(), key=lambda p: p.disp_name):
        access = backend.grant(user, project.id).access
        if not user.site_admin and access == Access.NONE:
            continue
        slides = [s for s in backend.slides.values() if s.project == project.id]
        admin = 1 if user.site_admin or access == Access.ADMIN else 0
        listing.append(
            {"id": project.id, "admin": admin, "disp_name": project.disp_name, "desc": project.desc, **_counts(slides)}
        )
    return listing


def task_listing(backend: PhasBackend, user: User, project: str) -> list[dict[str, Any]]:
    access = backend.grant(user, project).access
    return [
        {
            "id": task.id,
            "name": task.name,
            "desc": task.desc,
            "mode": task.mode,
            "admin": 1 if user.site_admin or access == Access.ADMIN else 0,
            **_counts(backend.task_slides(task), ("nspecimens", "nblocks", "nslides")),
        }
        for task in backend.tasks.values()
        if task.project == project and (user.site_admin or access > Access.NONE)
    ]


def task_info(task: Task) -> dict[str, Any]:
    return {
        "id": task.id,
        "project": task.project,
        "name": task.name,
        "restrict_access": int(task.restrict_access),
        "anonymize": int(task.anonymize),
        "desc": task.desc,
        "mode": task.mode,
    }


def slide_row(slide: Slide, task: Task, anonymize: bool) -> dict[str, Any]:
    """A row of the server's task_slide_info view (or its anonymized twin)."""
    public = f"Anon {slide.specimen_id:04d}"
    return {
        "id": slide.id,
        "block_id": slide.block_id,
        "section": slide.section,
        "slide": slide.slide_number,
        "stain": slide.stain,
        "slide_name": None if anonymize else slide.name,
        "slide_ext": slide.ext,
        "project": slide.project,
        "specimen": slide.specimen_id,
        "block_name": slide.block,
        "specimen_private": None if anonymize else slide.specimen,
        "specimen_public": public,
        "task_id": task.id,
        "specimen_display": public if anonymize else slide.specimen,
    }


def slide_info(slide: Slide, task: Task, anonymize: bool) -> dict[str, Any]:
    row = slide_row(slide, task, anonymize)
    keys = ("specimen", "block_name", "specimen_private", "specimen_public", "specimen_display", "section", "slide")
    return {key: row[key] for key in (*keys, "stain")}


Check = Callable[[object], bool]


def _like(pattern: str) -> Check:
    """SQL LIKE: % and _ wildcards, ASCII case folded; NULL never matches."""
    parts = [".*" if c == "%" else "." if c == "_" else re.escape(c) for c in pattern]
    regex = re.compile("".join(parts), re.IGNORECASE | re.DOTALL)
    return lambda value: value is not None and regex.fullmatch(str(value)) is not None


def _number_equals(text: str) -> Check:
    """An INTEGER column compared with a text parameter: SQLite reads the text as a number if it can."""
    try:
        wanted = float(text)
    except ValueError:
        return lambda value: False
    return lambda value: isinstance(value, int) and value == wanted


def _equals(wanted: str) -> Check:
    return lambda value: value == wanted


def _at_least(text: str) -> Check:
    try:
        minimum = int(text)
    except ValueError as error:  # the server's int() fails
        raise ServerFault(str(error)) from error
    return lambda value: isinstance(value, int) and value >= minimum


def _filters(params: Mapping[str, str], counts: list[str]) -> list[tuple[str, Check]]:
    """(column, check) for each filter given; a min_* filter on a count the task mode lacks fails in SQL."""
    makers: list[tuple[str, str, Callable[[str], Check]]] = [
        ("specimen", "specimen_private", _like),
        ("block", "block_name", _like),
        ("section", "section", _number_equals),
        ("slide", "slide", _number_equals),
        ("stain", "stain", _equals),
        ("min_paths", "n_paths", _at_least),
        ("min_markers", "n_markers", _at_least),
        ("min_sroi", "n_sampling_rois", _at_least),
    ]
    checks = []
    for key, column, make in makers:
        if key in params:
            if column.startswith("n_") and column not in counts:
                raise ServerFault(f"no such column: {column}")
            checks.append((column, make(params[key])))
    return checks


def manifest_csv(
    backend: PhasBackend, task: Task, anonymize: bool, params: Mapping[str, str], tags: Mapping[str, list[str]]
) -> str:
    """slide_detailed_manifest.csv: the task's slides with per-mode counts, filtered (filters are ANDed)."""
    counts = _COUNTS.get(task.mode, [])
    checks = _filters(params, counts)
    rows = []
    for slide in backend.task_slides(task):
        row = slide_row(slide, task, anonymize) | _slide_counts(backend, task, slide)
        if all(check(row[column]) for column, check in checks) and _tags_match(slide, tags):
            rows.append(row)
    rows.sort(key=lambda r: (r["specimen_display"], r["block_name"], r["section"], r["slide"]))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=_COLUMNS + counts, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _slide_counts(backend: PhasBackend, task: Task, slide: Slide) -> dict[str, int]:
    if task.mode == "annot":
        annotation = backend.annotations.get((task.id, slide.id))
        paths, markers = (annotation.n_paths, annotation.n_markers) if annotation else (0, 0)
        return {"n_paths": paths, "n_markers": markers, "n_annot": paths + markers}
    if task.mode == "dltrain":
        return {"n_samples": sum(1 for s in backend.samples.values() if s.task == task.id and s.slide == slide.id)}
    if task.mode == "sampling":
        return {"n_sampling_rois": sum(1 for r in backend.rois.values() if r.task == task.id and r.slide == slide.id)}
    return {}


def _tags_match(slide: Slide, tags: Mapping[str, list[str]]) -> bool:
    have = set(slide.tags)
    return (
        (not tags.get("tags_any") or bool(have & set(tags["tags_any"])))
        and (not tags.get("tags_all") or set(tags["tags_all"]) <= have)
        and not have & set(tags.get("tags_none", []))
    )
