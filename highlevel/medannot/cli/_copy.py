"""`medannot copy SRC DST`: cases (an image and its labels) from one location to another, through the manifest.

The pieces, each replaceable on its own (the cross-platform converters plug in here):

- `Case`, `Part`: what a source offers. A part has a `kind` ("image", "label:<tag>"), a `ref` the source
  understands, a file `name`, and a `format` ("nifti", "dicom", "dicom-seg", "png", ...).
- `CaseSource` (per platform, or the local folder): `cases()` streamed, `fetch(part, path)` (atomic),
  `label_names()` ({index: name} or None).
- `CaseSink`: `accepts` (formats it stores as they are), `target(case, part)` (where the part goes: a local
  path or a remote id; it keys `find`/`write`), `direct_path(target)` (a local path the source may fetch
  straight into, or None), `prepare()`, `find(item)`, `write(item, path)`, `verify(item)`,
  `finish(manifest, label_names, summary)`.
- `CONVERTERS[(from_format, to_format)]`: `convert(path, into_dir, context) -> path`; chosen when the sink does
  not accept a part's format. No converter: the part fails with `Unsupported` in the summary (never dropped).
- `ENDPOINTS[platform] = (source_factory, sink_factory)`: filled by `_platforms/<name>.py` and `_platforms/local.py`.
- Optional hooks: a sink's `unsupported(part) -> str | None` (why it cannot hold a part at all: the part fails
  with `Unsupported` and that reason before anything is read), a source's and a sink's `notes() -> list[str]`
  (what was not copied, or was kept differently: added to the summary's notes at the end).

One manifest group per case: the image first (seq 0), then its labels; a failed image skips its labels. Parts
read from a remote source into a remote sink go through `<manifest>.staging/` and are deleted once written.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from medannot.cli._errors import Unsupported
from medannot.cli._jobs import remove_partials, verify_local
from medannot.cli._manifest import Item, Manifest, NewItem, sha256_file
from medannot.cli._transfer import Found, Summary


@dataclass(frozen=True)
class Part:
    kind: str  # "image" or "label:<tag>"
    ref: str  # what the source's fetch() understands (a local path, a remote id, ...)
    name: str  # file name, with its extension ("case_001.nii.gz")
    format: str = "nifti"
    size: int | None = None
    checksum: str | None = None


@dataclass(frozen=True)
class Case:
    id: str  # stable across runs: it keys the manifest group and names the case at the destination
    parts: tuple[Part, ...]
    meta: Mapping[str, Any] = field(default_factory=dict)


class CaseSource(Protocol):
    def cases(self) -> Iterable[Case]: ...
    def fetch(self, part: Part, path: Path) -> Path: ...
    def label_names(self) -> dict[int, str] | None: ...


class CaseSink(Protocol):
    accepts: frozenset[str]

    def target(self, case: Case, part: Part) -> str: ...
    def direct_path(self, target: str) -> Path | None: ...
    def prepare(self) -> None: ...
    def find(self, item: Item) -> Found | None: ...
    def write(self, item: Item, path: Path, label_names: dict[int, str] | None) -> Found: ...
    def verify(self, item: Item) -> str | None: ...
    def finish(self, manifest: Manifest, label_names: dict[int, str] | None, summary: Summary) -> None: ...


Converter = Callable[[Path, Path, Mapping[str, Any]], Path]
CONVERTERS: dict[tuple[str, str], Converter] = {}
ENDPOINTS: dict[str, tuple[Callable[..., CaseSource] | None, Callable[..., CaseSink] | None]] = {}


def part_from_item(item: Item) -> Part:
    extra = item.extra
    return Part(item.kind, item.source, str(extra.get("name", "")), str(extra.get("format", "nifti")), item.size,
                item.checksum)  # fmt: skip


class CopyJob:
    description = "copying"

    def __init__(self, source: CaseSource, sink: CaseSink, staging: Path) -> None:
        self.source = source
        self.sink = sink
        self.staging = staging
        self._labels: dict[int, str] | None = None

    def plan(self) -> Iterable[NewItem]:
        for case in self.source.cases():
            for seq, part in enumerate(case.parts):
                yield NewItem(
                    key=f"{case.id}/{part.kind}", grp=case.id, seq=seq, kind=part.kind, source=part.ref,
                    dest=self.sink.target(case, part), size=part.size, checksum=part.checksum,
                    extra={"name": part.name, "format": part.format, "case": case.id},
                )  # fmt: skip

    def prepare(self) -> None:
        self._labels = self.source.label_names()
        self.sink.prepare()

    def find(self, item: Item) -> Found | None:
        direct = self.sink.direct_path(item.dest)
        if direct is not None:
            remove_partials(direct)
        return self.sink.find(item)

    def transfer(self, item: Item) -> Found:
        part = part_from_item(item)
        refuse = getattr(self.sink, "unsupported", None)
        reason = refuse(part) if refuse is not None else None
        if reason:
            raise Unsupported(reason)
        direct = self.sink.direct_path(item.dest)
        if direct is not None and part.format in self.sink.accepts:
            direct.parent.mkdir(parents=True, exist_ok=True)
            remove_partials(direct)
            fetched = self.source.fetch(part, direct)
            if fetched != direct:  # a local source hands its own file: copy it atomically
                _atomic_copy(fetched, direct)
            size, checksum = sha256_file(direct)
            if item.checksum is not None and checksum != item.checksum:
                from medannot.errors import ResponseSchemaError

                raise ResponseSchemaError(
                    f"{direct.name}: checksum {checksum} differs from the source's {item.checksum}"
                )
            return Found(size, checksum, str(direct))
        folder = self.staging / _safe(item.grp)
        folder.mkdir(parents=True, exist_ok=True)
        staged: list[Path] = []
        try:
            path = self.source.fetch(part, folder / part.name)
            if path.parent == folder:
                staged.append(path)
            if part.format not in self.sink.accepts:
                target_format = sorted(self.sink.accepts)[0] if len(self.sink.accepts) == 1 else None
                converter = next(
                    (CONVERTERS[(part.format, f)] for f in sorted(self.sink.accepts) if (part.format, f) in CONVERTERS),
                    None,
                )
                if converter is None:
                    raise Unsupported(
                        f"no converter from {part.format} to {target_format or sorted(self.sink.accepts)}"
                    )
                path = converter(path, folder, {"part": part, "label_names": self._labels})
                staged.append(path)
            found = self.sink.write(item, path, self._labels)
            size, checksum = sha256_file(path)
            return Found(found.size or size, found.checksum or checksum, found.remote_id, found.extra)
        finally:
            for path in staged:
                path.unlink(missing_ok=True)
            shutil.rmtree(folder, ignore_errors=True)

    def verify(self, item: Item) -> str | None:
        return self.sink.verify(item)

    def finish(self, manifest: Manifest, summary: Summary) -> None:
        self.sink.finish(manifest, self._labels, summary)
        for side in (self.source, self.sink):
            notes = getattr(side, "notes", None)
            if notes is not None:
                summary.notes.extend(notes())
        shutil.rmtree(self.staging, ignore_errors=True)


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:100] or "_"


def _atomic_copy(source: Path, target: Path) -> None:
    """`source` copied to `target` through `.<name>.<random>.part` beside it (what a rerun removes if killed)."""
    from medannot.core.downloads import atomic_file

    with atomic_file(target) as out, source.open("rb") as stream:
        shutil.copyfileobj(stream, out, 1 << 20)


from medannot.cli._convert import register as _register_converters  # noqa: E402  (imports nothing heavy)

_register_converters(CONVERTERS)

__all__ = ["CONVERTERS", "ENDPOINTS", "Case", "CaseSink", "CaseSource", "CopyJob", "Part", "verify_local"]
