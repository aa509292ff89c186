"""GraphQL: run ariadne-codegen on the authored SDL and the operations medannot uses."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import tomllib

from tools.codegen.platforms import REPO, GraphqlPlatform
from tools.codegen.rest import format_python

# The generated package ships the SDL: the emulator serves exactly the schema the client was generated from.
SHIPPED_SCHEMA = "schema.graphql"


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


def generate(platform: GraphqlPlatform, out: Path) -> None:
    settings = tomllib.loads((platform.folder / platform.config).read_text(encoding="utf-8"))["tool"]["ariadne-codegen"]
    with tempfile.TemporaryDirectory() as tmp:
        settings = {**settings, "target_package_path": tmp}
        config = Path(tmp) / "ariadne.toml"
        config.write_text(
            "[tool.ariadne-codegen]\n" + "".join(f"{k} = {_toml_value(v)}\n" for k, v in settings.items()),
            encoding="utf-8",
        )
        result = subprocess.run(
            [sys.executable, "-m", "ariadne_codegen", "--config", str(config), "client"],
            capture_output=True,
            text=True,
            cwd=REPO,
        )
        target = Path(tmp) / settings["target_package_name"]
        if result.returncode != 0 or not target.is_dir():
            raise SystemExit(f"ariadne-codegen failed for {platform.name}:\n{result.stdout}{result.stderr}")
        format_python(target)
        shutil.copyfile(platform.folder / platform.schema, target / SHIPPED_SCHEMA)
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(target, out)
