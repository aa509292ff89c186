"""What a generated client was generated from: `medannot_api.<platform>.SCHEMA` (source, version, content hash).

`make generate` writes `medannot_api/<platform>/_schema.py` next to the schema file the package ships (the patched
OpenAPI document or the SDL) and the package's `__init__` exports its `SCHEMA` (the REST template
`package_init.py.jinja`, the GraphQL plugin's `generate_init_code`). The values:

- `source`: where the schema comes from, from `schemas/<platform>/source.yaml` (`make schemas-pull` keeps it current
  for a pulled schema); without that file, the schema's path and "authored".
- `version`: the server (or API) version the schema describes, comparable with what the server reports about
  itself: `source.yaml`'s `version`, else the OpenAPI `info.version`, else "unversioned".
- `sha256`: of the shipped schema file, so `hashlib.sha256(files(pkg).joinpath(SCHEMA.file).read_bytes())` proves
  which contract a package holds.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SOURCE_FILE = "source.yaml"
MODULE = "_schema.py"

ROOT_INIT = '''"""Generated low-level clients (output of `make generate`; never edit)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SchemaInfo:
    """The schema a generated client was generated from: `medannot_api.<platform>.SCHEMA`."""

    platform: str
    """The registry name, e.g. "monailabel"."""
    title: str
    """The API's title as the schema gives it."""
    version: str
    """The server (or API) version the schema describes: what a facade compares with the server's own."""
    source: str
    """Where the schema comes from (a real server, the live site, or authored and proven by an official client)."""
    sha256: str
    """Hex SHA-256 of `file`, the schema shipped inside the package (what was generated from)."""
    file: str
    """The shipped schema's file name inside the package."""


__all__ = ["SchemaInfo"]
'''


@dataclass(frozen=True)
class Provenance:
    source: str
    version: str | None  # None: take the schema's own


def read_provenance(folder: Path, schema_file: str) -> Provenance:
    path = folder / SOURCE_FILE
    if not path.is_file():
        return Provenance(f"schemas/{folder.name}/{schema_file} (authored)", None)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or not isinstance(data.get("source"), str):
        raise SystemExit(f"{path}: needs `source: <text>` (and optionally `version: <text>`)")
    version = data.get("version")
    return Provenance(" ".join(data["source"].split()), None if version is None else str(version))


def write_provenance(folder: Path, source: str, version: str, comment: str) -> Path:
    """Rewrite `source.yaml` (used by `make schemas-pull` after it replaced a pulled schema)."""
    path = folder / SOURCE_FILE
    lines = [f"# {line}".rstrip() for line in comment.strip().splitlines()]
    body = yaml.safe_dump({"source": source, "version": version}, sort_keys=False, width=110, allow_unicode=True)
    path.write_text("\n".join(lines) + "\n" + body, encoding="utf-8")
    return path


def schema_module(
    platform: str, shipped: Path, provenance: Provenance, *, title: str, declared_version: str | None
) -> str:
    """The text of `_schema.py` for a package that ships `shipped`."""
    version = provenance.version or declared_version or "unversioned"
    fields: dict[str, Any] = {
        "platform": platform,
        "title": title,
        "version": version,
        "source": provenance.source,
        "sha256": hashlib.sha256(shipped.read_bytes()).hexdigest(),
        "file": shipped.name,
    }
    args = "".join(f"    {key}={json.dumps(value, ensure_ascii=False)},\n" for key, value in fields.items())
    return (
        '"""The schema this package was generated from (written by `make generate`; never edit)."""\n\n'
        f"from .. import SchemaInfo\n\nSCHEMA = SchemaInfo(\n{args})\n"
    )
