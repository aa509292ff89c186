"""The transfer manifest: one sqlite file per transfer, in the state folder, that makes a transfer resumable and
exact.

A transfer is keyed by what it moves: the command, the source, the destination and the options that change
what arrives (label tag, shard, ...; never `--concurrency`, `--verify`, `--json`). Running the same command
again opens the same manifest; a different option is a different transfer.

    <state>/transfers/<key>.sqlite        the manifest (WAL mode: readable while a transfer runs)
    <state>/transfers/<key>.staging/      files read from a remote source before they are written (copy)
    <state>/config.toml                   (beside it, see `_credentials`) credentials per platform

Items are grouped: a group is the unit a worker handles (one file for upload/download; an image and its labels
for copy), its items go in `seq` order (the image before its labels). Each item goes
`planned -> sending -> done`, or `failed` with the error; `sending` found on a rerun means the process died
while the item was in flight, so the item is checked at the destination (existence, size, checksum) before it
is sent again. Every transition is committed before the next step starts, so a SIGKILL loses at most the
items in flight, which the rerun finds.

Workers write through their own connection (sqlite serialises writers; WAL keeps readers apart), rows are read
back in pages: memory stays constant whatever the number of items.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
STATES = ("planned", "sending", "done", "failed")
PAGE = 256

_SCHEMA = """
CREATE TABLE IF NOT EXISTS transfer (
    key TEXT PRIMARY KEY,
    command TEXT NOT NULL,
    source TEXT NOT NULL,
    destination TEXT NOT NULL,
    options TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    created REAL NOT NULL,
    updated REAL NOT NULL,
    planned_complete INTEGER NOT NULL DEFAULT 0,
    runs INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS items (
    key TEXT PRIMARY KEY,          -- unique within the transfer: "<group>" or "<group>/<part>"
    grp TEXT NOT NULL,             -- the unit a worker handles (a file; a case with its labels)
    seq INTEGER NOT NULL,          -- order inside the group
    kind TEXT NOT NULL,            -- "file", "image", "label:<tag>", "meta", ...
    source TEXT NOT NULL,          -- where it is read: a local path or a remote reference
    dest TEXT NOT NULL,            -- where it goes: a local path or a remote id
    size INTEGER,                  -- bytes, once known
    checksum TEXT,                 -- "sha256:<hex>", once known
    remote_id TEXT,                -- the id the remote side gave (or the stable id it was sent under)
    state TEXT NOT NULL DEFAULT 'planned',
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,                    -- "<ErrorClass>: message" of the last failure
    extra TEXT,                    -- JSON: what a converter wants to remember (label names, geometry, ...)
    updated REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS items_grp ON items (grp, seq);
CREATE INDEX IF NOT EXISTS items_state ON items (state);
"""


def state_dir() -> Path:
    """`$MEDANNOT_STATE_DIR`, else `$XDG_STATE_HOME/medannot`, else `~/.local/state/medannot`."""
    explicit = os.environ.get("MEDANNOT_STATE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "medannot"


def transfer_key(command: str, source: str, destination: str, options: Mapping[str, Any]) -> str:
    """The transfer's id: a digest of what it moves (command, source, destination, the options that matter)."""
    text = json.dumps([command, source, destination, dict(sorted(options.items()))], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


@dataclass(frozen=True)
class Item:
    key: str
    grp: str
    seq: int
    kind: str
    source: str
    dest: str
    size: int | None
    checksum: str | None
    remote_id: str | None
    state: str
    attempts: int
    error: str | None
    extra: dict[str, Any]

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Item:
        extra = json.loads(row["extra"]) if row["extra"] else {}
        return cls(
            row["key"], row["grp"], row["seq"], row["kind"], row["source"], row["dest"], row["size"],
            row["checksum"], row["remote_id"], row["state"], row["attempts"], row["error"], extra,
        )  # fmt: skip


@dataclass(frozen=True)
class NewItem:
    """An item as the planner adds it."""

    key: str
    grp: str
    kind: str
    source: str
    dest: str
    seq: int = 0
    size: int | None = None
    checksum: str | None = None
    remote_id: str | None = None
    extra: Mapping[str, Any] | None = None


class Manifest:
    """One transfer's manifest. Thread-safe: each thread gets its own sqlite connection."""

    def __init__(self, path: Path, *, key: str, command: str, source: str, destination: str,
                 options: Mapping[str, Any]) -> None:  # fmt: skip
        self.path = path
        self.key = key
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        db = self._db()
        with db:
            db.executescript(_SCHEMA)
        now = time.time()
        with db:
            db.execute(
                "INSERT OR IGNORE INTO transfer (key, command, source, destination, options, schema_version, created,"
                " updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (key, command, source, destination, json.dumps(dict(options), default=str), SCHEMA_VERSION, now, now),
            )
            db.execute("UPDATE transfer SET runs = runs + 1, updated = ? WHERE key = ?", (now, key))

    @classmethod
    def open(cls, command: str, source: str, destination: str, options: Mapping[str, Any],
             root: Path | None = None) -> Manifest:  # fmt: skip
        key = transfer_key(command, source, destination, options)
        folder = (root or state_dir()) / "transfers"
        return cls(folder / f"{key}.sqlite", key=key, command=command, source=source, destination=destination,
                   options=options)  # fmt: skip

    @property
    def staging(self) -> Path:
        """A folder for files read from a remote source before they are written on (created on demand)."""
        return self.path.with_suffix(".staging")

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=60, check_same_thread=False)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a committed transition survives a process kill
            self._local.db = db
            with self._lock:
                self._connections.append(db)
        return db

    def close(self) -> None:
        with self._lock:
            for db in self._connections:
                db.close()
            self._connections.clear()
        self._local = threading.local()

    # --- planning -------------------------------------------------------------------------------
    def add(self, items: Iterable[NewItem], *, batch: int = 500) -> int:
        """Add items not yet known (a rerun re-plans: known items keep their state). Returns how many were new."""
        db, added, chunk = self._db(), 0, []
        sql = (
            "INSERT OR IGNORE INTO items (key, grp, seq, kind, source, dest, size, checksum, remote_id, extra, updated)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        for item in items:
            extra = json.dumps(dict(item.extra)) if item.extra else None
            chunk.append((item.key, item.grp, item.seq, item.kind, item.source, item.dest, item.size, item.checksum,
                          item.remote_id, extra, time.time()))  # fmt: skip
            if len(chunk) >= batch:
                added += self._insert(db, sql, chunk)
                chunk = []
        if chunk:
            added += self._insert(db, sql, chunk)
        return added

    @staticmethod
    def _insert(db: sqlite3.Connection, sql: str, rows: list[tuple[Any, ...]]) -> int:
        with db:
            before = db.total_changes
            db.executemany(sql, rows)
            return db.total_changes - before

    def set_planned_complete(self, value: bool = True) -> None:
        with self._db() as db:
            db.execute("UPDATE transfer SET planned_complete = ? WHERE key = ?", (int(value), self.key))

    def get(self, key: str) -> Item | None:
        row = self._db().execute("SELECT * FROM items WHERE key = ?", (key,)).fetchone()
        return None if row is None else Item.from_row(row)

    # --- running --------------------------------------------------------------------------------
    def groups(self, *, states: Iterable[str] = ("planned", "sending", "failed")) -> Iterator[str]:
        """The groups with an item in one of `states`, in key order, read a page at a time."""
        wanted = tuple(states)
        marks = ",".join("?" * len(wanted))
        last = ""
        while True:
            rows = (
                self._db()
                .execute(
                    f"SELECT DISTINCT grp FROM items WHERE grp > ? AND state IN ({marks}) ORDER BY grp LIMIT ?",
                    (last, *wanted, PAGE),
                )
                .fetchall()
            )
            if not rows:
                return
            for row in rows:
                yield row["grp"]
            last = rows[-1]["grp"]

    def group(self, grp: str) -> list[Item]:
        rows = self._db().execute("SELECT * FROM items WHERE grp = ? ORDER BY seq, key", (grp,)).fetchall()
        return [Item.from_row(row) for row in rows]

    def iter_items(self, *, states: Iterable[str] | None = None) -> Iterator[Item]:
        """Every item (or those in `states`), in key order, a page at a time."""
        wanted = tuple(states) if states is not None else STATES
        marks = ",".join("?" * len(wanted))
        last = ""
        while True:
            rows = (
                self._db()
                .execute(
                    f"SELECT * FROM items WHERE key > ? AND state IN ({marks}) ORDER BY key LIMIT ?",
                    (last, *wanted, PAGE),
                )
                .fetchall()
            )
            if not rows:
                return
            for row in rows:
                yield Item.from_row(row)
            last = rows[-1]["key"]

    def mark(self, key: str, state: str, **fields: Any) -> None:
        """Move an item to `state` (committed before returning), with any of size, checksum, remote_id, error,
        extra (a dict, merged into the item's extra)."""
        if state not in STATES:
            raise ValueError(f"unknown state {state!r}")
        sets, values = ["state = ?", "updated = ?"], [state, time.time()]
        if state == "sending":
            sets.append("attempts = attempts + 1")
        if state == "done":
            sets.append("error = NULL")
        for name in ("size", "checksum", "remote_id", "error", "dest"):
            if name in fields:
                sets.append(f"{name} = ?")
                values.append(fields[name])
        db = self._db()
        with db:
            if "extra" in fields:
                row = db.execute("SELECT extra FROM items WHERE key = ?", (key,)).fetchone()
                merged = {**(json.loads(row["extra"]) if row and row["extra"] else {}), **fields["extra"]}
                sets.append("extra = ?")
                values.append(json.dumps(merged))
            db.execute(f"UPDATE items SET {', '.join(sets)} WHERE key = ?", (*values, key))

    def counts(self) -> dict[str, int]:
        rows = self._db().execute("SELECT state, COUNT(*) AS n FROM items GROUP BY state").fetchall()
        out = dict.fromkeys(STATES, 0)
        out.update({row["state"]: row["n"] for row in rows})
        return out

    def bytes_done(self) -> int:
        row = self._db().execute("SELECT COALESCE(SUM(size), 0) AS n FROM items WHERE state = 'done'").fetchone()
        return int(row["n"])

    def failures(self, limit: int = 20) -> list[Item]:
        rows = (
            self._db().execute("SELECT * FROM items WHERE state = 'failed' ORDER BY key LIMIT ?", (limit,)).fetchall()
        )
        return [Item.from_row(row) for row in rows]

    def info(self) -> dict[str, Any]:
        row = self._db().execute("SELECT * FROM transfer WHERE key = ?", (self.key,)).fetchone()
        return {k: row[k] for k in row.keys()} if row else {}  # noqa: SIM118 (sqlite3.Row has no __iter__ of keys)


def sha256_file(path: str | os.PathLike[str], chunk: int = 1 << 20) -> tuple[int, str]:
    """(size, "sha256:<hex>") of a file, read in chunks (constant memory)."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as stream:
        while block := stream.read(chunk):
            size += len(block)
            digest.update(block)
    return size, f"sha256:{digest.hexdigest()}"
