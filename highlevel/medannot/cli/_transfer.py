"""The transfer engine: plan into the manifest, then run the groups still to do, `concurrency` at a time, and
summarise. Platform work is the job's (which calls the facades); the engine only plans and keeps the books.

A job (upload, download, copy) gives:
    plan() -> items             every item of the whole transfer (the engine keeps this shard's groups)
    prepare()                   read what the destination holds, once (existence checks)
    find(item) -> Found | None  the destination's copy when it already holds this very item (checked), else None
    transfer(item) -> Found     send one item (stable id or after `find`): what arrived
    verify(item) -> str | None  for a done item: None when size and checksum still match, else the difference
    finish(manifest)            after the run (e.g. write dataset.json)

Per item, in its group's order: done items are skipped; otherwise `find()` (a previous run may have sent it and
died before recording it: no second copy); then `sending` is committed, the item is sent, and `done` is committed
with size, checksum and remote id. A failure marks the item `failed` with its error and skips the rest of its
group (a label needs its image); other groups go on. `MEDANNOT_FAILPOINT=<point>:<n>` (tests only) SIGKILLs the
process at the n-th pass through a point: `sending` (after `sending` is committed, before anything is sent),
`sent` (after the destination accepted the item, before `done` is committed).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from medannot.cli._manifest import Item, Manifest, NewItem


@dataclass(frozen=True)
class Found:
    """What a destination holds (or received) for an item; None fields are unknown to it."""

    size: int | None = None
    checksum: str | None = None
    remote_id: str | None = None
    extra: dict[str, Any] | None = None

    def matches(self, item: Item) -> bool:
        """The destination's copy is the item's: sizes and checksums agree where both sides know them, and at
        least one of them is known on both sides."""
        compared = False
        if self.size is not None and item.size is not None:
            if self.size != item.size:
                return False
            compared = True
        if self.checksum is not None and item.checksum is not None:
            if self.checksum != item.checksum:
                return False
            compared = True
        return compared


class Job(Protocol):
    description: str

    def plan(self) -> Iterable[NewItem]: ...
    def prepare(self) -> None: ...
    def find(self, item: Item) -> Found | None: ...
    def transfer(self, item: Item) -> Found: ...
    def verify(self, item: Item) -> str | None: ...
    def finish(self, manifest: Manifest, summary: Summary) -> None: ...


@dataclass(frozen=True)
class Shard:
    index: int = 1  # 1-based
    count: int = 1

    @classmethod
    def parse(cls, text: str | None) -> Shard:
        if not text:
            return cls()
        left, slash, right = text.partition("/")
        try:
            index, count = int(left), int(right)
        except ValueError:
            index = count = 0
        if not slash or count < 1 or not 1 <= index <= count:
            raise ValueError(f"--shard must be i/n with 1 <= i <= n (e.g. 1/4), not {text!r}")
        return cls(index, count)

    def holds(self, grp: str) -> bool:
        if self.count == 1:
            return True
        digest = int.from_bytes(hashlib.sha256(grp.encode()).digest()[:8], "big")
        return digest % self.count == self.index - 1

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


@dataclass
class RunOptions:
    concurrency: int = 4
    dry_run: bool = False
    verify: bool = False
    shard: Shard = field(default_factory=Shard)
    progress: bool | None = None  # None: on a terminal


@dataclass
class Summary:
    command: str
    source: str
    destination: str
    manifest: str
    shard: str
    dry_run: bool
    planned_new: int = 0
    sent: int = 0
    found_existing: int = 0
    failed_now: int = 0
    verified: int = 0
    mismatched: int = 0
    would_send: int = 0
    bytes_sent: int = 0
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    failures: list[dict[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}

    @property
    def ok(self) -> bool:
        return self.counts.get("failed", 0) == 0 and self.failed_now == 0


class _Failpoints:
    def __init__(self) -> None:
        spec = os.environ.get("MEDANNOT_FAILPOINT", "")
        point, _, n = spec.partition(":")
        self.point = point
        self.at = int(n) if n.isdigit() else 0
        self.seen = 0
        self.lock = threading.Lock()

    def hit(self, point: str) -> None:
        if point != self.point or not self.at:
            return
        with self.lock:
            self.seen += 1
            if self.seen >= self.at:
                os.kill(os.getpid(), signal.SIGKILL)


def _item_errors() -> tuple[type[BaseException], ...]:
    from medannot.cli._errors import Unsupported
    from medannot.errors import MedannotError

    return (MedannotError, OSError, Unsupported)


def run(job: Job, manifest: Manifest, options: RunOptions, summary: Summary) -> Summary:
    """Plan, (verify,) run and summarise one transfer (with `dry_run`: plan and verify only, send nothing)."""
    return _run(job, manifest, options, summary, time.monotonic())


def _run(job: Job, manifest: Manifest, options: RunOptions, summary: Summary, started: float) -> Summary:
    summary.planned_new = manifest.add(item for item in job.plan() if options.shard.holds(item.grp))
    manifest.set_planned_complete()
    job.prepare()
    if options.verify:
        _verify(job, manifest, options, summary)
    if options.dry_run:
        summary.would_send = sum(1 for _ in manifest.iter_items(states=("planned", "sending", "failed")))
    else:
        _transfer(job, manifest, options, summary)
        job.finish(manifest, summary)
    summary.counts = manifest.counts()
    summary.failures = [{"item": f.key, "source": f.source, "error": f.error or ""} for f in manifest.failures()]
    summary.seconds = round(time.monotonic() - started, 3)
    return summary


def _verify(job: Job, manifest: Manifest, options: RunOptions, summary: Summary) -> None:
    for item in manifest.iter_items(states=("done",)):
        summary.verified += 1
        try:
            problem = job.verify(item)
        except _item_errors() as error:
            problem = f"{type(error).__name__}: {error}"
        if problem is not None:
            summary.mismatched += 1
            summary.notes.append(f"verify: {item.key}: {problem}")
            manifest.mark(item.key, "planned", error=f"verify: {problem}")


def _pending_groups(manifest: Manifest) -> int:
    row = manifest._db().execute("SELECT COUNT(DISTINCT grp) FROM items WHERE state != 'done'").fetchone()
    return int(row[0])


def _transfer(job: Job, manifest: Manifest, options: RunOptions, summary: Summary) -> None:
    failpoints = _Failpoints()
    lock = threading.Lock()
    bar = _progress(_pending_groups(manifest), job.description, options.progress)

    def do_group(grp: str) -> None:
        for item in manifest.group(grp):
            if item.state == "done":
                continue
            try:
                found = job.find(item)
                if found is not None:  # the destination holds it already (a run that died before recording it)
                    manifest.mark(item.key, "done", remote_id=found.remote_id or item.remote_id, size=found.size
                                  or item.size, checksum=found.checksum or item.checksum)  # fmt: skip
                    with lock:
                        summary.found_existing += 1
                    continue
                manifest.mark(item.key, "sending")
                failpoints.hit("sending")
                arrived = job.transfer(item)
                failpoints.hit("sent")
                fields: dict[str, Any] = {"size": arrived.size, "checksum": arrived.checksum,
                                          "remote_id": arrived.remote_id}  # fmt: skip
                if arrived.extra:
                    fields["extra"] = arrived.extra
                manifest.mark(item.key, "done", **{k: v for k, v in fields.items() if v is not None})
                with lock:
                    summary.sent += 1
                    summary.bytes_sent += arrived.size or 0
            except _item_errors() as error:
                manifest.mark(item.key, "failed", error=f"{type(error).__name__}: {error}"[:2000])
                with lock:
                    summary.failed_now += 1
                return  # the group's later items depend on this one

    try:
        groups: Iterator[str] = manifest.groups()
        if options.concurrency <= 1:
            for grp in groups:
                do_group(grp)
                bar.advance()
            return
        with ThreadPoolExecutor(max_workers=options.concurrency) as pool:
            running: set[Future[None]] = set()
            for grp in groups:  # at most `concurrency` groups in flight: constant memory
                if len(running) >= options.concurrency:
                    finished, running = _wait(running)
                    for future in finished:
                        future.result()
                        bar.advance()
                running.add(pool.submit(do_group, grp))
            for future in running:
                future.result()
                bar.advance()
    finally:
        bar.stop()


def _wait(running: set[Future[None]]) -> tuple[set[Future[None]], set[Future[None]]]:
    done, pending = wait(running, return_when=FIRST_COMPLETED)
    return set(done), set(pending)


class _NoBar:
    def advance(self) -> None:
        pass

    def stop(self) -> None:
        pass


def _progress(total: int, description: str, enabled: bool | None) -> Any:
    from medannot.core.bulk import progress_bar

    bar = progress_bar(total, description, enabled) if total else None
    return bar if bar is not None else _NoBar()


@contextlib.contextmanager
def open_manifest(command: str, source: str, destination: str, options: dict[str, Any], *,
                  dry_run: bool) -> Iterator[Manifest]:  # fmt: skip
    """The transfer's manifest; with `dry_run`, a throw-away copy of it (or a new one) in a temporary folder:
    planned and verified like the real one, never kept, and the state folder is not touched."""
    if not dry_run:
        manifest = Manifest.open(command, source, destination, options)
        try:
            yield manifest
        finally:
            manifest.close()
        return
    from medannot.cli._manifest import state_dir, transfer_key

    real = state_dir() / "transfers" / f"{transfer_key(command, source, destination, options)}.sqlite"
    folder = Path(tempfile.mkdtemp(prefix="medannot-dry-run-"))
    try:
        if real.is_file():
            (folder / "transfers").mkdir()
            src, dst = sqlite3.connect(real), sqlite3.connect(folder / "transfers" / real.name)
            with dst:
                src.backup(dst)
            src.close()
            dst.close()
        manifest = Manifest.open(command, source, destination, options, root=folder)
        try:
            yield manifest
        finally:
            manifest.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
