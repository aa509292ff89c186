"""PHAS has no schema to pull: start the real server and compare its Flask routes (`app.url_map`) with the authored
schemas/phas/openapi.yaml: schema operations the server does not serve (an error), and routes the server serves
that the schema lacks (for a person to judge: most are the web UI's).

    python -m tools.servers.phas_routes       # needs ../shared/phas-sql or MEDANNOT_PHAS_SQL

The routes are read inside the server's venv with the running instance's settings (FLASK_INSTANCE_PATH), so they
are the routes of the server that answers on the port.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from tools.servers._venv import REPO

if TYPE_CHECKING:
    from tools.servers.phas import PhasServer

SCHEMA = REPO / "schemas" / "phas" / "openapi.yaml"
METHODS = {"GET", "PUT", "POST", "PATCH", "DELETE"}

URL_MAP = """
import json
from phas import create_app
app = create_app()
print(json.dumps([[r.rule, sorted(r.methods or ()), r.endpoint] for r in app.url_map.iter_rules()]))
"""


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # with {name} placeholders
    endpoint: str


def flask_path(rule: str) -> str:
    """`/api/task/<int:task_id>/info` -> `/api/task/{task_id}/info`."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule)


def shape(path: str) -> str:
    """A path with its parameter names dropped, for matching (`{task}` and `{task_id}` are the same slot)."""
    return re.sub(r"\{[^}]+\}", "{}", path.rstrip("/") or "/")


def schema_operations(schema: dict[str, object]) -> set[tuple[str, str]]:
    paths = schema.get("paths", {})
    assert isinstance(paths, dict)
    return {(m.upper(), p) for p, item in paths.items() for m in item if m.upper() in METHODS}


def compare(schema_ops: set[tuple[str, str]], routes: list[Route]) -> tuple[list[str], list[str]]:
    """(schema operations the server does not serve, served routes the schema lacks)."""
    served = {(r.method, shape(r.path)) for r in routes}
    missing = [f"{m} {p}" for m, p in sorted(schema_ops) if (m, shape(p)) not in served]
    described = {(m, shape(p)) for m, p in schema_ops}
    extra = sorted(
        {f"{r.method} {r.path}  ({r.endpoint})" for r in routes if (r.method, shape(r.path)) not in described}
    )
    return missing, extra


def routes_of(server: PhasServer) -> list[Route]:
    """The url_map of a running server's app, read in its venv with its instance folder."""
    env = {"FLASK_APP": "phas", "FLASK_INSTANCE_PATH": str(server.instance), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [str(server.python), "-c", URL_MAP],
        env=env,
        cwd=server.instance.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"reading PHAS's url_map failed:\n{done.stderr[-2000:]}")
    rules = json.loads(done.stdout.strip().splitlines()[-1])
    return [
        Route(method, flask_path(rule), endpoint)
        for rule, methods, endpoint in rules
        for method in methods
        if method in METHODS and endpoint != "static"
    ]


def server_routes() -> list[Route]:
    """Start the real server and read its url_map (raises PhasUnavailable without the SQL files)."""
    from tools.servers.phas import running_server

    with tempfile.TemporaryDirectory(prefix="medannot-phas-routes-") as tmp, running_server(Path(tmp)) as server:
        return routes_of(server)


def report(routes: list[Route], schema_path: Path = SCHEMA) -> tuple[int, str]:
    schema = yaml.safe_load(schema_path.read_text(encoding="utf-8"))
    ops = schema_operations(schema)
    missing, extra = compare(ops, routes)
    prefixes = {p.strip("/").split("/")[0] for _, p in ops}
    near = [e for e in extra if e.split()[1].strip("/").split("/")[0] in prefixes]
    lines = [f"phas: {len(ops)} schema operations, {len(routes)} routes served (url_map of the real server)"]
    lines.append(f"  schema operations the server does not serve ({len(missing)}):")
    lines += [f"    - {m}" for m in missing] or ["    (none)"]
    lines.append(f"  served routes the schema lacks, under the schema's prefixes {sorted(prefixes)} ({len(near)}):")
    lines += [f"    - {e}" for e in near] or ["    (none)"]
    others: dict[str, int] = {}
    for e in extra:
        if e not in near:
            first = "/" + e.split()[1].strip("/").split("/")[0]
            others[first] = others.get(first, 0) + 1
    if others:
        lines.append(
            "  other served routes (web UI and the like): " + ", ".join(f"{k} {v}" for k, v in sorted(others.items()))
        )
    return (1 if missing else 0), "\n".join(lines)


def main() -> int:
    from tools.servers.phas import PhasUnavailable

    try:
        routes = server_routes()
    except PhasUnavailable as exc:
        print(f"phas: skipped: the real PHAS server cannot be provisioned here: {exc}")
        return 0
    status, text = report(routes)
    print(text)
    return status


if __name__ == "__main__":
    sys.exit(main())
