"""Background tasks (train, scoring, batch infer) as monailabel/utils/async_tasks runs them, moved by polls.

The real server runs one task of a kind at a time in a subprocess; here each status request moves the current
task one step (SUBMITTED -> RUNNING -> ... -> DONE or ERROR), so tests see every state without sleeping
(moto's ManagedState, advanced by observation).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from medannot.testing.monailabel.errors import ApiError

# Runs when the task finishes (or at once for run_sync); raising makes the task ERROR.
Work = Callable[[dict[str, Any]], Any]


def _now() -> str:
    return datetime.today().strftime("%Y-%m-%d %H:%M:%S")


def _log_line(message: str) -> str:
    return f"[{_now()}] [INFO] (monailabel.interfaces.utils.app) - {message}"


@dataclass
class Task:
    request: dict[str, Any]
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    status: str = "SUBMITTED"
    start_ts: str = field(default_factory=_now)
    details: list[str] | None = None  # the server adds it (its subprocess output) once the task runs
    end_ts: str | None = None
    polls: int = 0

    @property
    def finished(self) -> bool:
        return self.status not in ("SUBMITTED", "RUNNING")

    def to_json(self) -> dict[str, Any]:
        shown: dict[str, Any] = {"id": self.id, "status": self.status, "request": self.request}
        shown["start_ts"] = self.start_ts
        if self.details is not None:
            shown["details"] = self.details
        if self.end_ts is not None:
            shown["end_ts"] = self.end_ts
        return shown


class TaskQueue:
    def __init__(self, kind: str, work: Work, *, polls_to_finish: int = 2) -> None:
        self.kind = kind
        self.work = work
        self.polls_to_finish = polls_to_finish
        self.tasks: list[Task] = []

    def _current(self) -> Task | None:
        return next((t for t in self.tasks if not t.finished), None)

    def run(self, request: dict[str, Any], *, enqueue: bool = False, run_sync: bool = False) -> Any:
        """Queue a task and return it, or with `run_sync` return the work's result (force_sync)."""
        if self._current() is not None and not enqueue:
            raise ApiError(429, f"++++++++++ {self.kind.capitalize()} Task is Already Running")
        if run_sync:
            return self.work(request)
        request["gpus"] = "all"  # the server rewrites it as it starts the subprocess, before answering
        task = Task(request)
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

    def poll(self) -> None:
        """One observation: the current task takes its next step."""
        task = self._current()
        if task is None:
            return
        task.polls += 1
        # The subprocess's log is all the client sees of a task: its lines accumulate in `details`.
        if task.status == "SUBMITTED":
            task.status, task.details = "RUNNING", [_log_line(f"{self.kind} request: {json.dumps(task.request)}")]
        if task.polls >= self.polls_to_finish:
            try:
                result = self.work(task.request)
                task.status, line = "DONE", f"Result: {json.dumps(result)}"
            except Exception as error:
                task.status, line = "ERROR", f"{type(error).__name__}: {error}"
            task.details = [*(task.details or []), _log_line(line)]
            task.end_ts = _now()

    def status(self, *, all: bool = False, check_if_running: bool = False) -> Any:
        self.poll()
        if check_if_running:
            task = self._current()
            if task is None:
                raise ApiError(404, f"No {self.kind.capitalize()} Tasks are currently Running")
            return task.to_json()
        if not self.tasks:
            raise ApiError(404, f"No {self.kind.capitalize()} Tasks Found")
        return [t.to_json() for t in self.tasks] if all else self.tasks[-1].to_json()

    def stop(self) -> dict[str, Any] | None:
        task = self._current()
        if task is None:
            return None
        task.status, task.end_ts = "STOPPED", _now()
        return task.to_json()

    def to_json(self) -> list[dict[str, Any]]:
        return [t.to_json() for t in self.tasks]
