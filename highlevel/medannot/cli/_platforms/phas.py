"""PHAS on the command line: `ls` of projects (`phas+https://host`), a project's tasks (`.../project/<id>`) and a
task's slides (`.../task/<id>`); and the annotations of an annotation (`annot`) task, `.../task/<id>`:

- `download DEST`: each slide's paper.js annotation as `DEST/<slide id>.json` (the document as
  `get_slide_annot_json` returns it, written atomically, compact JSON: the bytes `AnnotationTask.export_all`
  writes). A slide without an annotation gets no file; its item is done with `{"absent": true}` in the
  manifest. PHAS keeps no checksum: the manifest holds the sha256 of what was written. `--verify` re-checks the
  file and re-reads the server: an annotation edited (or made) on the server since is fetched again.
- `upload PATH...`: files named by slide id (`<slide id>.json`, or `slide_<id>[_<name>].json` as `export_all`
  writes them), each a paper.js document, put onto that slide (`set_slide_annot_json`, which replaces). Before
  sending, the slide's annotation is read: one equal to the file (as JSON) is marked done and never sent again.
  A file naming no slide of the task, or one that is not a document PHAS can store, fails alone, with the
  reason. `--verify` compares the server's annotation with the file again.
- `export DEST`: `AnnotationTask.export_task_annots`, one file `DEST/task_<id>_annots.json` in the official
  client's format (`[{"slide_name", "slide_id", "annot"}]`, annotated slides only), written atomically.

Slides are not downloaded: PHAS serves them as tiles and patches (`Slide.get_patch`) and thumbnails; its API (the
official client, medannot's schema) has no whole-slide file. (PHAS 0.99.7's web app has a full-resolution
route, `/dzi/download/task/<t>/slide_<s>_<resource>_fullres.<ext>`, outside that API: it needs PHI access, is
refused when the task sets a download size limit, and its code marks it broken.)

Credentials: PHAS_AUTH_KEY, --api-key-file (the JSON key file) or the config."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medannot.cli._jobs import ABSENT, RemoteFile
from medannot.cli._manifest import Item
from medannot.cli._platforms._base import Adapter
from medannot.cli._transfer import Found

# `<slide id>.json` (what `download` writes) or `slide_<id>[_<name>].json` (what `AnnotationTask.export_all` writes)
_NAMED = re.compile(r"(?:(\d+)|slide_(\d+)(?:_.*)?)\.json", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class _Local:
    """A local annotation file, read once: its size and checksum (as `sha256_file` gives them) and its document."""

    size: int
    checksum: str
    doc: Any


def _read_local(path: Path) -> _Local:
    """A local file's paper.js document, checked as PHAS needs it (`BadInput` naming the file otherwise). Read
    whole: it is one JSON document, small."""
    from medannot.errors import BadInput
    from medannot.phas._annotation_docs import check_document

    try:
        data = path.read_bytes()
        doc = json.loads(data)
    except (OSError, ValueError) as exc:
        raise BadInput(f"{path.name}: not a readable JSON file ({type(exc).__name__}: {exc})") from None
    return _Local(len(data), f"sha256:{hashlib.sha256(data).hexdigest()}", check_document(doc, path.name))


class PhasAnnotations:
    """A task's annotations as files `<slide id>.json`: the source of `download` and the sink of `upload`."""

    def __init__(self, task: Any) -> None:
        self.task = task
        self.slides: set[int] = set()

    # --- download (FileSource) ------------------------------------------------------------------
    def files(self) -> Iterator[RemoteFile]:
        for row in self.task.slide_manifest():
            yield RemoteFile(str(row.id), f"{row.id}.json", extra={"slide_name": row.slide_name} if row.slide_name
                             else None)  # fmt: skip

    def fetch(self, ref: str, path: Path) -> bool:
        from medannot.phas._annotation_docs import write_json

        doc = self.task.get_slide_annot_json(int(ref))
        if doc is None:  # no annotation: no file (one left from a time the slide had one would be stale)
            path.unlink(missing_ok=True)
            return False
        write_json(path, doc)  # atomic: `.<name>.<random>.part`, renamed
        return True

    # --- upload (FileSink) ----------------------------------------------------------------------
    def stable_name(self, path: Path) -> str:
        match = _NAMED.fullmatch(path.name)
        return str(int(match.group(1) or match.group(2))) if match else path.name  # else: fails alone (_slide)

    def prepare(self) -> None:
        self.slides = {row.id for row in self.task.slide_manifest()}

    def _slide(self, name: str, path: Path) -> int:
        from medannot.errors import BadInput, NotFound

        if not name.isdigit():
            raise BadInput(f"{path.name}: not named by a slide id (<slide id>.json, or slide_<id>_<name>.json as "
                           "AnnotationTask.export_all writes)")  # fmt: skip
        if int(name) not in self.slides:
            raise NotFound(f"{path.name}: slide {name} is not in task {self.task.task_id}")
        return int(name)

    def find(self, name: str, path: Path) -> Found | None:
        slide = self._slide(name, path)
        remote = self.task.get_slide_annot_json(slide)
        local = _read_local(path)
        if remote != local.doc:
            return None
        return Found(local.size, local.checksum, name)

    def verify(self, item: Item) -> str | None:  # upload (FileSink)
        return self.verify_remote(item)

    def send(self, path: Path, name: str, size: int, checksum: str) -> Found:
        from medannot.errors import ServerError

        slide = self._slide(name, path)
        if not self.task.set_slide_annot_json(slide, _read_local(path).doc):
            raise ServerError(f"{path.name}: PHAS answered that it did not store the annotation of slide {slide}")
        return Found(size, checksum, name)

    # --- --verify (both directions) -------------------------------------------------------------
    def verify_remote(self, item: Item) -> str | None:
        """Download: the server's annotation against the file (edited or made since: fetched again). Upload: the
        same comparison (the job checked that the local file is unchanged)."""
        downloaded = item.source.isdigit()  # download: source = the slide id, dest = the file; upload: the reverse
        doc = self.task.get_slide_annot_json(int(item.source if downloaded else item.dest))
        if item.extra.get(ABSENT):
            return None if doc is None else "annotated on the server since it was downloaded"
        if doc is None:
            return "no annotation on the server"
        local = Path(item.dest if downloaded else item.source)
        return None if _read_local(local).doc == doc else "the annotation on the server differs from the file"


class PhasAdapter(Adapter):
    name = "phas"
    listings = ("projects", "tasks", "slides")

    @contextmanager
    def client(self) -> Iterator[Any]:
        from medannot.phas import Client

        creds = self.target.credentials
        with Client(self.target.url, creds.api_key, verify=creds.ca_bundle or True, timeout=self.target.timeout) as c:
            yield c

    def ls(self, client: Any, what: str) -> Any:
        if self.target.kind == "task" and what == "projects":
            what = "slides"
        if self.target.kind == "project" and what == "projects":
            what = "tasks"
        if what == "projects":
            return client.project_listing()
        if what == "tasks":
            return client.task_listing(self.require_container("project"))
        if what == "slides":
            from medannot.phas import Task

            return Task(client, self._task_id()).slide_manifest()
        return super().ls(client, what)

    def _task_id(self) -> int:
        from medannot.errors import BadInput

        container = self.require_container("task")
        if not container.isdigit():
            raise BadInput(f"phas: a task is named by its number (/task/<id>), not {container!r}")
        return int(container)

    def _annotations(self, client: Any) -> PhasAnnotations:
        from medannot.phas import AnnotationTask

        return PhasAnnotations(AnnotationTask(client, self._task_id()))  # an annot task: BadInput for another mode

    def file_source(self, client: Any, *, tag: str | None) -> PhasAnnotations:
        return self._annotations(client)

    def file_sink(self, client: Any) -> PhasAnnotations:
        return self._annotations(client)

    def export(self, client: Any, dest: Path, **options: Any) -> dict[str, Any]:
        task = self._annotations(client).task
        target = dest / f"task_{task.task_id}_annots.json"
        if options.get("dry_run"):
            return {"task": task.task_id, "would_write": str(target)}
        count = task.export_task_annots(str(dest) + "/", overwrite=True, progress=False)
        return {"task": task.task_id, "written": str(target), "annotations": count}


ADAPTER = PhasAdapter
