"""The three jobs of the engine, written once for every platform: upload (local files -> a platform), download
(a platform -> a folder) and copy (cases: an image and its labels, from one location to another).

A platform takes part by offering the endpoints below (see `_platforms/`); the jobs keep the books and never
call a server themselves.

Upload: `FileSink`             stable_name(path), prepare(), find(name, path, item), send(path, name),
                               verify(item); optional whole_folder(folder) -> True: that folder is one
                               item (a DICOM series), its size the files' sum, its checksum `sha256_path`'s
Download: `FileSource`         files() -> RemoteFile..., prepare(), fetch(ref, path) (atomic, overwriting;
                               False: the source holds nothing for this item, recorded done without a file),
                               optional verify_remote(item) (the source's side of --verify)
Copy: `CaseSource`/`CaseSink`  see `medannot.cli._copy`
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from medannot.cli._manifest import Item, Manifest, NewItem, sha256_file
from medannot.cli._transfer import Found, Summary


# --- upload --------------------------------------------------------------------------------------
class FileSink(Protocol):
    def stable_name(self, path: Path) -> str: ...
    def prepare(self) -> None: ...
    def find(self, name: str, path: Path) -> Found | None: ...
    def send(self, path: Path, name: str, size: int, checksum: str) -> Found: ...
    def verify(self, item: Item) -> str | None: ...


def walk(paths: Sequence[str | os.PathLike[str]], whole: Callable[[Path], bool] | None = None) -> Iterator[Path]:
    """The files under `paths` (files as given, folders recursively, hidden entries skipped), sorted per folder,
    streamed (constant memory); a folder for which `whole(folder)` is true is yielded itself, not walked."""
    from medannot.errors import BadInput

    for given in paths:
        path = Path(given).expanduser()
        if path.is_file():
            yield path.absolute()
        elif path.is_dir():
            folder = path.absolute()
            if whole is not None and whole(folder):
                yield folder
            else:
                yield from walk_dir(folder, whole)
        else:
            raise BadInput(f"{str(path)!r} is neither a file nor a folder")


def walk_dir(folder: Path, whole: Callable[[Path], bool] | None = None) -> Iterator[Path]:
    """The files in `folder` and its subfolders, as `walk` yields them (a subfolder `whole` accepts: itself)."""
    with os.scandir(folder) as entries:
        ordered = sorted((e for e in entries if not e.name.startswith(".")), key=lambda e: e.name)
    for entry in ordered:
        if entry.is_dir(follow_symlinks=False):
            if whole is not None and whole(Path(entry.path)):
                yield Path(entry.path)
            else:
                yield from walk_dir(Path(entry.path), whole)
        elif entry.is_file():
            yield Path(entry.path)


def sha256_path(path: str | os.PathLike[str]) -> tuple[int, str]:
    """(size, "sha256:<hex>") of a file; of a folder (an item made of several files): the files' total size
    and the sha256 of their sorted "<relative path> <size> <sha256>" lines."""
    root = Path(path)
    if not root.is_dir():
        return sha256_file(root)
    import hashlib

    digest, total = hashlib.sha256(), 0
    for file in walk_dir(root):
        size, checksum = sha256_file(file)
        total += size
        digest.update(f"{file.relative_to(root).as_posix()} {size} {checksum}\n".encode())
    return total, f"sha256:{digest.hexdigest()}"


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in walk_dir(path)) if path.is_dir() else path.stat().st_size


class UploadJob:
    description = "uploading"

    def __init__(self, sink: FileSink, paths: Sequence[str]) -> None:
        self.sink = sink
        self.paths = paths

    def plan(self) -> Iterable[NewItem]:
        from medannot.errors import BadInput

        seen: dict[str, Path] = {}  # names only (strings): small next to the files themselves
        for path in walk(self.paths, getattr(self.sink, "whole_folder", None)):
            name = self.sink.stable_name(path)
            if name in seen and seen[name] != path:
                raise BadInput(f"{str(seen[name])!r} and {str(path)!r} would both be stored as {name!r}")
            seen[name] = path
            kind = "folder" if path.is_dir() else "file"
            yield NewItem(key=name, grp=name, kind=kind, source=str(path), dest=name, size=_size(path))

    def prepare(self) -> None:
        self.sink.prepare()

    def find(self, item: Item) -> Found | None:
        return self.sink.find(item.dest, Path(item.source))

    def transfer(self, item: Item) -> Found:
        size, checksum = sha256_path(item.source)
        found = self.sink.send(Path(item.source), item.dest, size, checksum)
        return Found(size, checksum, found.remote_id or item.dest, found.extra)

    def verify(self, item: Item) -> str | None:
        source = Path(item.source)
        if source.is_file() or source.is_dir():
            checksum = sha256_path(source)[1]
            if checksum != item.checksum:
                return f"the local file changed since it was sent ({item.checksum} -> {checksum})"
        return self.sink.verify(item)

    def finish(self, manifest: Manifest, summary: Summary) -> None:
        pass


# --- download ------------------------------------------------------------------------------------
ABSENT = "absent"  # in an item's extra: the source held nothing for it when it was fetched (no file written)
WRITTEN = "checksum_of_written"  # in an item's extra: the server gave no checksum; the item's is of the file written


@dataclass(frozen=True)
class RemoteFile:
    ref: str  # what `fetch` needs (an id, "image/<id>", "label/<tag>/<id>", ...)
    name: str  # relative path under the destination folder
    size: int | None = None
    checksum: str | None = None
    extra: dict[str, Any] | None = None


class FileSource(Protocol):
    def files(self) -> Iterable[RemoteFile]: ...
    def prepare(self) -> None: ...
    def fetch(self, ref: str, path: Path) -> bool | None: ...


def safe_relative(name: str) -> Path:
    """A server-given relative name as a path that stays inside the destination."""
    from medannot.errors import BadInput

    parts = [p for p in Path(name.replace("\\", "/")).parts if p not in ("", ".", "/")]
    if not parts or any(p == ".." for p in parts):
        raise BadInput(f"the server named a file {name!r}, which would leave the destination folder")
    return Path(*parts)


class DownloadJob:
    description = "downloading"

    def __init__(self, source: FileSource, dest: str | os.PathLike[str]) -> None:
        self.source = source
        self.dest = Path(dest).expanduser().absolute()

    def plan(self) -> Iterable[NewItem]:
        for remote in self.source.files():
            target = self.dest / safe_relative(remote.name)
            yield NewItem(key=remote.name, grp=remote.name, kind="file", source=remote.ref, dest=str(target),
                          size=remote.size, checksum=remote.checksum, extra=remote.extra)  # fmt: skip

    def prepare(self) -> None:
        self.source.prepare()

    def find(self, item: Item) -> Found | None:
        target = Path(item.dest)
        remove_partials(target)
        if not target.is_file() or item.checksum is None or item.extra.get(WRITTEN):
            return None  # without the server's checksum: fetch again (atomic)
        size, checksum = sha256_file(target)
        return Found(size, checksum) if checksum == item.checksum else None

    def transfer(self, item: Item) -> Found:
        from medannot.errors import ResponseSchemaError

        target = Path(item.dest)
        target.parent.mkdir(parents=True, exist_ok=True)
        if self.source.fetch(item.source, target) is False:  # nothing there (a PHAS slide without annotation)
            return Found(0, None, item.source, {ABSENT: True})
        size, checksum = sha256_file(target)
        server = None if item.extra.get(WRITTEN) else item.checksum  # the server's checksum, if it gave one
        if server is not None and checksum != server:
            raise ResponseSchemaError(f"{target.name}: checksum {checksum} differs from the server's {server}")
        extra = ({ABSENT: False} if item.extra.get(ABSENT) else {}) | ({WRITTEN: True} if server is None else {})
        return Found(size, checksum, item.source, extra or None)

    def verify(self, item: Item) -> str | None:
        problem = verify_local(item)
        remote = getattr(self.source, "verify_remote", None)  # the source may re-check its side (changed since)
        return problem if problem is not None or remote is None else remote(item)

    def finish(self, manifest: Manifest, summary: Summary) -> None:
        pass


def remove_partials(target: Path) -> None:
    """Delete what a killed run left of an atomic write of `target`: the temporary `.<name>.<random>.part` files
    beside it (the core's downloads and the copy's writes name them so). Only this item's own: shards and
    workers never share a target."""
    import glob

    if target.parent.is_dir():
        for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.part"):
            leftover.unlink(missing_ok=True)


def verify_local(item: Item) -> str | None:
    if item.extra.get(ABSENT):  # the source held nothing: no file to check
        return None
    target = Path(item.dest)
    if not target.is_file():
        return "missing"
    size, checksum = sha256_file(target)
    if item.size is not None and size != item.size:
        return f"size {size} != {item.size}"
    if item.checksum is not None and checksum != item.checksum:
        return f"checksum {checksum} != {item.checksum}"
    return None
