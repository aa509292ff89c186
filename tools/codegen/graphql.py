"""GraphQL: run ariadne-codegen on the authored SDL and the operations medannot uses.

`[tool.ariadne-codegen]` in the platform's config gives the sync client. If the config also has a
`[tool.medannot.async-run]` table, ariadne-codegen runs a second time with those settings on top, and only the
modules that run adds (the async client and its async base client) join the package. Every other file of the
second run must equal the first run's, so the sync and async clients share one set of model classes (input types,
enums, fragments, results); the package `__init__` is the first run's and may differ only in the client exports.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from tools.codegen.platforms import REPO, GraphqlPlatform
from tools.codegen.rest import format_python

# The generated package ships the SDL: the emulator serves exactly the schema the client was generated from.
SHIPPED_SCHEMA = "schema.graphql"
PACKAGE_INIT = "__init__.py"
# Settings that pick the client and base client modules; a second run may change only these (and must change
# async_client), everything that shapes the models stays the first run's.
CLIENT_SETTINGS = frozenset(
    {
        "async_client",
        "client_name",
        "client_file_name",
        "base_client_name",
        "base_client_file_path",
        "base_client_module_name",
        "opentelemetry_client",
    }
)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return str(value)


def _known_settings() -> frozenset[str]:
    """ariadne-codegen silently ignores settings it does not know; a misspelt one must stop codegen here."""
    from ariadne_codegen.settings import ClientSettings

    return frozenset(f.name for f in dataclasses.fields(ClientSettings))


def _run_ariadne(platform: GraphqlPlatform, settings: dict[str, Any], workdir: Path) -> Path:
    """One ariadne-codegen run into a fresh `workdir`; returns the formatted package. Any failure or warning stops."""
    unknown = sorted(set(settings) - _known_settings())
    if unknown:
        where = platform.folder / platform.config
        raise SystemExit(f"{where}: unknown ariadne-codegen setting(s): {', '.join(unknown)}")
    workdir.mkdir()
    settings = {**settings, "target_package_path": str(workdir)}
    config = workdir / "ariadne.toml"
    config.write_text(
        "[tool.ariadne-codegen]\n" + "".join(f"{k} = {_toml_value(v)}\n" for k, v in settings.items()),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-m", "ariadne_codegen", "--config", str(config), "client"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    target = workdir / str(settings["target_package_name"])
    if result.returncode != 0 or not target.is_dir():
        raise SystemExit(f"ariadne-codegen failed for {platform.name}:\n{result.stdout}{result.stderr}")
    format_python(target)
    return target


def _files(package: Path) -> set[str]:
    files = (p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return {p.relative_to(package).as_posix() for p in files}


def _without_exports(init: str, modules: set[str]) -> tuple[list[str], set[str]]:
    """The lines of a generated lazy `__init__` without the exports of `modules` (module stems), and their names."""
    lines = init.splitlines()
    names: set[str] = set()
    for line in lines:
        text = line.strip()
        for module in modules:
            if m := re.fullmatch(rf"from \.{module} import (\w+)", text):
                names.add(m.group(1))
            if m := re.fullmatch(rf'"(\w+)": "\.{module}",', text):
                names.add(m.group(1))
    exports = {f'"{name}",' for name in names}
    exports |= {f"from .{module} import {name}" for module in modules for name in names}
    exports |= {f'"{name}": ".{module}",' for module in modules for name in names}
    return [line for line in lines if line.strip() not in exports], names


def _async_modules(platform: GraphqlPlatform, sync: Path, second: Path, client_name: str) -> list[str]:
    """The modules only the async run wrote, after proving that everything else is the sync run's output."""
    where = f"{platform.folder / platform.config} [tool.medannot.async-run]"
    sync_files, async_files = _files(sync), _files(second)
    added, dropped = async_files - sync_files, sync_files - async_files
    if not added:
        raise SystemExit(f"{where}: the second ariadne-codegen run added no module")
    if any("/" in name or not name.endswith(".py") for name in added | dropped):
        raise SystemExit(f"{where}: unexpected client files: added {sorted(added)}, dropped {sorted(dropped)}")
    differing = sorted(
        name
        for name in (sync_files & async_files) - {PACKAGE_INIT}
        if (sync / name).read_bytes() != (second / name).read_bytes()
    )
    if differing:
        raise SystemExit(
            f"{where}: the async run's models differ from the sync run's, so the two clients would not share classes;"
            f" differing files: {', '.join(differing)}"
        )
    sync_init, sync_names = _without_exports(
        (sync / PACKAGE_INIT).read_text(encoding="utf-8"), {Path(n).stem for n in dropped}
    )
    async_init, async_names = _without_exports(
        (second / PACKAGE_INIT).read_text(encoding="utf-8"), {Path(n).stem for n in added}
    )
    if sync_init != async_init or client_name not in async_names or not sync_names:
        raise SystemExit(
            f"{where}: the async run's {PACKAGE_INIT} differs from the sync run's in more than the client exports"
            f" (sync exports {sorted(sync_names)}, async exports {sorted(async_names)})"
        )
    return sorted(added)


def generate(platform: GraphqlPlatform, out: Path) -> None:
    config = tomllib.loads((platform.folder / platform.config).read_text(encoding="utf-8"))
    settings: dict[str, Any] = config["tool"]["ariadne-codegen"]
    async_run: dict[str, Any] | None = config["tool"].get("medannot", {}).get("async-run")
    with tempfile.TemporaryDirectory() as tmp:
        target = _run_ariadne(platform, settings, Path(tmp) / "sync")
        if async_run is not None:
            where = f"{platform.folder / platform.config} [tool.medannot.async-run]"
            if async_run.get("async_client") is not True or settings.get("async_client", True) is not False:
                raise SystemExit(f"{where}: the first run must set async_client = false and the second true")
            if set(async_run) - CLIENT_SETTINGS:
                raise SystemExit(f"{where}: may set only {', '.join(sorted(CLIENT_SETTINGS))}")
            inherited = sorted(k for k in set(settings) - set(async_run) if k.startswith("base_client"))
            if inherited:
                raise SystemExit(f"{where}: set {', '.join(inherited)} for the async client too (a sync base client)")
            merged = {**settings, **async_run}
            second = _run_ariadne(platform, merged, Path(tmp) / "async")
            for name in _async_modules(platform, target, second, merged.get("client_name", "Client")):
                shutil.copyfile(second / name, target / name)
        shutil.copyfile(platform.folder / platform.schema, target / SHIPPED_SCHEMA)
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(target, out)
