"""The fault matrix, platform-neutral: one cell is one public operation of one client twin under one fault.

A platform's test module lists its operations (`Operation`), builds a client through a `FaultProxy`, and calls
`run_cell`; the session's `Matrix` (fixture `fault_matrix`, tests/faults/conftest.py) keeps every cell and
prints the figures at the end of the run. A cell survives when:

- the operation succeeded or raised a `medannot.errors.MedannotError` (anything else is "untyped"); a success
  means its target request reached the server, and its result passes the operation's own check;
- no non-idempotent request reached the proxy twice (same method, path, query and body length);
- the watched directories hold only complete files whose bytes are an expected output (no `.part`, no
  partial or decoded copy, no stray file), and the platform's own server-side check passed;
- after the fault was cleared, the next call through the same client worked.
"""

from __future__ import annotations

import json
import os
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from medannot.errors import MedannotError
from tests.faults.proxy import Fault, FaultProxy, Match, RequestRecord

Call = Callable[[Any], object]


@dataclass(frozen=True)
class Operation:
    """One public operation: `call(client)` runs it; `target` is the request its faults hit; requests matching
    `once` (a Match, or a predicate on the proxy's records) must never reach the proxy twice; files in the
    watched directories must have bytes in `outputs`."""

    name: str
    call: Call
    target: Match
    once: Match | Callable[[RequestRecord], bool] | None = None
    outputs: Callable[[], Iterable[bytes]] = lambda: ()
    server_check: Callable[[], list[str]] | None = None  # problems found on the server after the cell
    verify: Callable[[object], str | None] | None = None  # a problem with a successful result (a wrong answer)


@dataclass
class CellResult:
    platform: str
    twin: str
    operation: str
    fault: str
    outcome: str = "success"  # success | typed | untyped
    error: str | None = None
    duplicates: list[str] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)
    wrong_answer: str | None = None  # a success whose result is wrong
    server_problems: list[str] = field(default_factory=list)
    next_call: str | None = None  # the error of the call after the fault, if it failed
    seconds: float = 0.0

    @property
    def cell(self) -> str:
        return f"{self.platform}/{self.twin}/{self.operation}/{self.fault}"

    @property
    def problems(self) -> list[str]:
        found: list[str] = []
        if self.outcome == "untyped":
            found.append(f"untyped {self.error}")
        found += [f"sent twice: {d}" for d in self.duplicates]
        found += [f"leftover: {f}" for f in self.leftovers]
        if self.wrong_answer is not None:
            found.append(f"wrong answer accepted: {self.wrong_answer}")
        found += [f"server: {p}" for p in self.server_problems]
        if self.next_call is not None:
            found.append(f"next call failed: {self.next_call}")
        return found

    @property
    def survived(self) -> bool:
        return not self.problems

    def describe(self) -> str:
        what = self.outcome + (f" ({self.error})" if self.error and self.outcome != "untyped" else "")
        return f"{self.cell}: " + ("; ".join(self.problems) or what)


class Matrix:
    """Every cell of the run, and the figures."""

    def __init__(self) -> None:
        self.cells: list[CellResult] = []

    def add(self, result: CellResult) -> None:
        self.cells.append(result)

    def figures(self) -> dict[str, int]:
        return {
            "cases": len(self.cells),
            "survived": sum(c.survived for c in self.cells),
            "untyped": sum(c.outcome == "untyped" for c in self.cells),
            "duplicate sends": sum(bool(c.duplicates) for c in self.cells),
            "leftovers": sum(bool(c.leftovers) for c in self.cells),
            "server-side damage": sum(bool(c.server_problems) for c in self.cells),
            "wrong answers": sum(c.wrong_answer is not None for c in self.cells),
            "next call failed": sum(c.next_call is not None for c in self.cells),
            "typed errors": sum(c.outcome == "typed" for c in self.cells),
            "successes": sum(c.outcome == "success" for c in self.cells),
        }

    def summary_lines(self) -> list[str]:
        if not self.cells:
            return []
        lines = [", ".join(f"{k}: {v}" for k, v in self.figures().items())]
        platforms = sorted({(c.platform, c.twin) for c in self.cells})
        for platform, twin in platforms:
            mine = [c for c in self.cells if (c.platform, c.twin) == (platform, twin)]
            lines.append(f"  {platform} {twin}: {sum(c.survived for c in mine)}/{len(mine)} survived")
        failing = [c for c in self.cells if not c.survived]
        if failing:
            lines.append(f"failing cells ({len(failing)}):")
            lines += [f"  {c.describe()}" for c in failing]
        return lines

    def write_json(self, path: str | os.PathLike[str]) -> None:
        payload = {"figures": self.figures(), "cells": [asdict(c) | {"survived": c.survived} for c in self.cells]}
        Path(path).write_text(json.dumps(payload, indent=1))


def files_in(directories: Sequence[Path]) -> dict[Path, bytes]:
    """Every file below the directories (hidden ones included), with its bytes."""
    found: dict[Path, bytes] = {}
    for directory in directories:
        if directory.exists():
            for path in sorted(directory.rglob("*")):
                if path.is_file() or path.is_symlink():
                    found[path] = path.read_bytes() if path.is_file() else b""
    return found


def _reported_failures(value: object) -> list[BaseException]:
    """The errors a bulk result carries (`BulkResult.errors`: `(index, item, error)`), if any."""
    errors = getattr(value, "errors", None)
    if not isinstance(errors, list):
        return []
    found = [e[-1] if isinstance(e, tuple) else e for e in errors]
    return [e for e in found if isinstance(e, BaseException)]


def _name(exc: BaseException) -> str:
    text = str(exc).replace("\n", " ")
    return f"{type(exc).__module__}.{type(exc).__qualname__}: {text[:300]}"


def _origin(exc: BaseException) -> str:
    """Where an untyped exception was raised (the innermost frame), to route the bug."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    last = frames[-1]
    where = f"{Path(last.filename).name}:{last.lineno} in {last.name}"
    ours = [f for f in frames if "/medannot/" in f.filename and "/tests/" not in f.filename]
    if ours and ours[-1] is not last:
        where += f", via {Path(ours[-1].filename).name}:{ours[-1].lineno} in {ours[-1].name}"
    return f" [at {where}]"


def run_cell(
    *,
    platform: str,
    twin: str,
    operation: Operation,
    fault: Fault,
    proxy: FaultProxy,
    client: Any,
    watched: Sequence[Path],
    next_call: Call,
) -> CellResult:
    """Inject `fault` on the operation's target, run it, clear the fault, and check the cell."""
    result = CellResult(platform, twin, operation.name, fault.name)
    proxy.reset_counts()
    proxy.inject(fault.on(operation.target))
    started = time.monotonic()
    try:
        value = operation.call(client)
        failed = _reported_failures(value)
        if failed:  # a bulk call that keeps going returns its failures instead of raising them
            untyped = [e for e in failed if not isinstance(e, MedannotError)]
            result.outcome = "untyped" if untyped else "typed"
            result.error = f"{len(failed)} item(s) failed in the result, e.g. " + _name((untyped or failed)[0])
        elif not any(r.forwarded and operation.target(r.method, r.path, r.body_head, r.query) for r in proxy.records):
            result.wrong_answer = "success reported, but the request never reached the server"
        elif operation.verify is not None:
            result.wrong_answer = operation.verify(value)
    except MedannotError as exc:
        result.outcome, result.error = "typed", _name(exc)
    except Exception as exc:
        result.outcome, result.error = "untyped", _name(exc) + _origin(exc)
    finally:
        result.seconds = round(time.monotonic() - started, 3)
        proxy.clear()
    if operation.once is not None:
        result.duplicates = [
            f"{method} {path}{'?' + query if query else ''} (body {length}) x{n}"
            for (method, path, query, length), n in proxy.resends(operation.once).items()
        ]
    allowed = set(operation.outputs())
    for path, content in files_in(watched).items():
        if content not in allowed or path.name.startswith(".") or path.suffix == ".part":
            result.leftovers.append(f"{path.name} ({len(content)} bytes)")
    if operation.server_check is not None:
        result.server_problems = operation.server_check()
    try:
        next_call(client)
    except Exception as exc:
        result.next_call = _name(exc)
    return result
