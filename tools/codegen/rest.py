"""REST: patch the raw OpenAPI schema, then run openapi-python-client on it (warnings are errors)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import jsonpatch
import yaml

from tools.codegen import provenance
from tools.codegen.platforms import RestPlatform

# medannot's templates (models that are also Mappings, optional fields that are None rather than Unset) replace
# the generator's own of the same name; openapi-python-client is pinned, so they track one upstream version.
TEMPLATES = Path(__file__).parent / "templates" / "rest"

# The generated package ships the patched schema: the emulators validate against exactly what was generated.
SHIPPED_SCHEMA = "openapi.json"


def load_schema(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: not an OpenAPI document")
    return data


def patched_schema(platform: RestPlatform) -> dict[str, Any]:
    schema = load_schema(platform.folder / platform.schema)
    if platform.patch is None:
        return schema
    operations = yaml.safe_load((platform.folder / platform.patch).read_text(encoding="utf-8")) or []
    for op in operations:
        if not op.pop("why", None):
            raise SystemExit(f"{platform.patch}: every operation needs a 'why' ({op})")
    try:
        return jsonpatch.apply_patch(schema, operations)
    except (jsonpatch.JsonPatchException, jsonpatch.JsonPointerException) as exc:
        raise SystemExit(f"{platform.folder / platform.patch}: {str(exc)[:300]}") from None


def dump_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def generate(platform: RestPlatform, out: Path) -> None:
    """Write the generated package for `platform` to `out` (replaced whole)."""
    with tempfile.TemporaryDirectory() as tmp:
        schema_file = Path(tmp) / "openapi.json"
        schema_file.write_text(dump_json(patched_schema(platform)), encoding="utf-8")
        target = Path(tmp) / platform.name
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "openapi_python_client",
                "generate",
                "--path",
                str(schema_file),
                "--config",
                str(platform.folder / platform.config),
                "--meta",
                "none",
                "--custom-template-path",
                str(TEMPLATES),
                "--fail-on-warning",
                "--overwrite",
                "--output-path",
                str(target),
            ],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0 or "Warning" in result.stdout:
            raise SystemExit(f"openapi-python-client failed for {platform.name}:\n{result.stdout}{result.stderr}")
        shutil.copyfile(schema_file, target / SHIPPED_SCHEMA)
        write_schema_module(platform, target)
        format_python(target)
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(target, out)


def write_schema_module(platform: RestPlatform, package: Path) -> None:
    """`_schema.py`: the package's SCHEMA (tools/codegen/provenance.py), exported by the package_init template."""
    shipped = package / SHIPPED_SCHEMA
    info = json.loads(shipped.read_text(encoding="utf-8")).get("info", {})
    text = provenance.schema_module(
        platform.name,
        shipped,
        provenance.read_provenance(platform.folder, platform.schema),
        title=str(info.get("title", platform.name)),
        declared_version=None if info.get("version") is None else str(info["version"]),
    )
    (package / provenance.MODULE).write_text(text, encoding="utf-8")


def format_python(folder: Path) -> None:
    """The repo's pinned ruff, isolated from the repo's own settings so output depends on nothing else."""
    for args in (["check", "--fix-only", "--select", "I,F401,UP"], ["format"]):
        subprocess.run(
            [sys.executable, "-m", "ruff", *args, "--isolated", "--line-length", "120", "--quiet", str(folder)],
            check=True,
        )
