"""PHAS on the command line: `ls` of projects (`phas+https://host`), a project's tasks (`.../project/<id>`) and a
task's slides (`.../task/<id>`). Credentials: PHAS_AUTH_KEY, --api-key-file (the JSON key file) or the config."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from medannot.cli._platforms._base import Adapter


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

            return Task(client, int(self.require_container("task"))).slide_manifest()
        return super().ls(client, what)


ADAPTER = PhasAdapter
