"""Background tasks (train, scoring, batch infer) as monailabel/utils/async_tasks runs them, moved by a clock.

The real server runs one task of a kind at a time in a subprocess: a task waits SUBMITTED for the runner, is
RUNNING while its subprocess works, then DONE (its result a log line in `details`) or ERROR (the traceback's last
line). Here a task's state is a function of the time since it was submitted, whoever asks and however often:
SUBMITTED for `queued` seconds (and until the task before it finished), RUNNING for `running` seconds, then
finished. The work itself runs when the task is first seen finished (a status read, the next submission, a
state snapshot), against the datastore of that moment.

Measured on the real 0.8.5 server (the test app, train `sleep` 1 s): POST answers SUBMITTED; RUNNING within
~0.1 s; DONE 4-7 s later (a fresh python imports the app first); a POST while one runs is 429.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from medannot.testing.monailabel.errors import ApiError

# Runs when the task finishes (or at once for run_sync); raising makes the task ERROR.
Work = Callable[[dict[str, Any]], Any]
Clock = Callable[[], float]


def _stamp(wall: float) -> str:
    return datetime.fromtimestamp(wall).strftime("%Y-%m-%d %H:%M:%S")


def _log_line(wall: float, message: str) -> str:
    return f"[{_stamp(wall)}] [INFO] (monailabel.interfaces.utils.app) - {message}"


@dataclass
class Task:
    request: dict[str, Any]
    submitted: float  # on the queue's clock
    wall: float  # time.time() at submission: the clock's offsets become the server's timestamps
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    status: str = "SUBMITTED"
    details: list[str] | None = None  # the server adds it (its subprocess output) once the task runs
    ended: float | None = None  # on the queue's clock, once finished (DONE, ERROR, STOPPED)

    @property
    def finished(self) -> bool:
        return self.status not in ("SUBMITTED", "RUNNING")

    def wall_at(self, moment: float) -> float:
        return self.wall + (moment - self.submitted)

    def to_json(self) -> dict[str, Any]:
        shown: dict[str, Any] = {"id": self.id, "status": self.status, "request": self.request}
        shown["start_ts"] = _stamp(self.wall)
        if self.details is not None:
            shown["details"] = self.details
        if self.ended is not None:
            shown["end_ts"] = _stamp(self.wall_at(self.ended))
        return shown


class TaskQueue:
    def __init__(
        self, kind: str, work: Work, *, queued: float = 0.1, running: float = 0.5, clock: Clock = time.monotonic
    ) -> None:
        if queued < 0 or running < 0:
            raise ValueError(f"task durations must be >= 0, got {queued} and {running}")
        self.kind = kind
        self.work = work
        self.queued = queued
        self.running = running
        self.clock = clock
        self.tasks: list[Task] = []

    def _current(self) -> Task | None:
        return next((t for t in self.tasks if not t.finished), None)

    def advance(self) -> None:
        """Bring every task to the state the clock says: one task runs at a time, in submission order."""
        now = self.clock()
        free_at = float("-inf")  # when the runner is free for the next task
        for task in self.tasks:
            if task.finished:
                free_at = max(free_at, task.ended if task.ended is not None else free_at)
                continue
            start = max(task.submitted + self.queued, free_at)
            end = start + self.running
            if now < start:
                return  # this one waits, and so does everything after it
            if task.status == "SUBMITTED":
                # The subprocess's log is all the client sees of a task: its lines accumulate in `details`.
                request = json.dumps(task.request)
                task.status = "RUNNING"
                task.details = [_log_line(task.wall_at(start), f"{self.kind} request: {request}")]
            if now < end:
                return
            try:
                result = self.work(task.request)
                task.status, line = "DONE", f"Result: {json.dumps(result)}"
            except Exception as error:
                task.status, line = "ERROR", f"{type(error).__name__}: {error}"
            task.details = [*(task.details or []), _log_line(task.wall_at(end), line)]
            task.ended = end
            free_at = end

    def run(self, request: dict[str, Any], *, enqueue: bool = False, run_sync: bool = False) -> Any:
        """Queue a task and return it, or with `run_sync` return the work's result (force_sync)."""
        self.advance()
        if self._current() is not None and not enqueue:
            raise ApiError(429, f"++++++++++ {self.kind.capitalize()} Task is Already Running")
        if run_sync:
            return self.work(request)
        request["gpus"] = "all"  # the server rewrites it as it starts the subprocess, before answering
        task = Task(request, submitted=self.clock(), wall=time.time())
        self.tasks.append(task)
        return task.to_json()

    def run_each(
        self, key: str, names: Iterable[str], params: dict[str, Any] | None, *, run_sync: bool
    ) -> dict[str, Any]:
        """The legacy `POST /<kind>/`: one queued task per name, whose request holds its own params (under its
        name) and then the whole params too, as the server builds it."""
        params = params or {}
        return {
            name: {
                "result": self.run({key: name, **(params.get(name) or {}), **params}, enqueue=True, run_sync=run_sync),
                "detail": None,
            }
            for name in names
        }

    def status(self, *, all: bool = False, check_if_running: bool = False) -> Any:
        self.advance()
        if check_if_running:
            task = self._current()
            if task is None:
                raise ApiError(404, f"No {self.kind.capitalize()} Tasks are currently Running")
            return task.to_json()
        if not self.tasks:
            raise ApiError(404, f"No {self.kind.capitalize()} Tasks Found")
        return [t.to_json() for t in self.tasks] if all else self.tasks[-1].to_json()

    def stop(self) -> dict[str, Any] | None:
        self.advance()
        task = self._current()
        if task is None:
            return None
        task.status, task.ended = "STOPPED", self.clock()
        return task.to_json()

    def to_json(self) -> list[dict[str, Any]]:
        self.advance()
        return [t.to_json() for t in self.tasks]
