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

from medannot import registry
from tools.codegen import provenance
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


def _run_ariadne(
    platform: GraphqlPlatform, settings: dict[str, Any], workdir: Path, medannot: dict[str, Any] | None = None
) -> Path:
    """One ariadne-codegen run into a fresh `workdir`; returns the formatted package. Any failure or warning stops.
    `medannot`: the config's `[tool.medannot]` settings for medannot's plugin (`MedannotModelsPlugin`)."""
    unknown = sorted(set(settings) - _known_settings())
    if unknown:
        where = platform.folder / platform.config
        raise SystemExit(f"{where}: unknown ariadne-codegen setting(s): {', '.join(unknown)}")
    workdir.mkdir()
    settings = {**settings, "target_package_path": str(workdir)}
    config = workdir / "ariadne.toml"
    config.write_text(
        "[tool.ariadne-codegen]\n"
        + "".join(f"{k} = {_toml_value(v)}\n" for k, v in settings.items())
        + "\n[tool.medannot]\n"
        + "".join(f"{k} = {_toml_value(v)}\n" for k, v in (medannot or {}).items()),
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
    plugin = {k: v for k, v in config["tool"].get("medannot", {}).items() if k != "async-run"}
    with tempfile.TemporaryDirectory() as tmp:
        target = _run_ariadne(platform, settings, Path(tmp) / "sync", plugin)
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
            second = _run_ariadne(platform, merged, Path(tmp) / "async", plugin)
            for name in _async_modules(platform, target, second, merged.get("client_name", "Client")):
                shutil.copyfile(second / name, target / name)
        shutil.copyfile(platform.folder / platform.schema, target / SHIPPED_SCHEMA)
        text = provenance.schema_module(
            platform.name,
            target / SHIPPED_SCHEMA,
            provenance.read_provenance(platform.folder, platform.schema),
            title=f"{registry.PLATFORMS[platform.name].title} GraphQL API",
            declared_version=None,
        )
        (target / provenance.MODULE).write_text(text, encoding="utf-8")
        format_python(target)
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(target, out)


# ---- the ariadne-codegen plugin that makes the generated models drop-in for the official SDK's dicts and enums
#
# Enabled by `plugins = ["tools.codegen.graphql.MedannotModelsPlugin"]` in a platform's ariadne.toml. It rewrites
# the copied `base_model.py` once (every result model, fragment and input type derives from its BaseModel), and
# each generated enum, so nothing is done model by model:
# - BaseModel is also a read-only `collections.abc.Mapping` over the server's JSON keys (field aliases), with JSON
#   values (`r["createdAt"]` is the ISO text the server sent, nested objects are dicts): `dict(r)`,
#   `json.dumps(dict(r))` and `pd.DataFrame(rows)` work as with the SDK's dicts. Attributes stay typed.
# - `uid`, the SDK's name for `id`.
# - `Model.field == value` (also `!=`, `<`, `>`, `<=`, `>=`, combined with `&`, `|`, `~`) on a model class is a
#   `Comparison`: the SDK's `where=` expressions, as the GraphQL where input they stand for.
# - every enum accepts the SDK's spellings: `MediaType.Image` is an alias of `MediaType.IMAGE` (Title_Case of each
#   value, plus the table `[tool.medannot] enum-aliases` of the config), and `MediaType("image")`,
#   `MediaType("Image")` look members up by name or value, case-insensitively.

BASE_MODEL_CLASS = "class BaseModel(PydanticBaseModel):"

BASE_MODEL_ADDITIONS = '''
from collections.abc import Iterator
from collections.abc import Mapping as _Mapping
from typing import Any as _Any
from typing import ClassVar as _ClassVar

from pydantic._internal._model_construction import ModelMetaclass as _ModelMetaclass


class Comparison:
    """A `where` condition written the official SDK's way (`Dataset.name == "x"`, combined with `&`, `|`, `~`);
    `as_where()` is the GraphQL where input it stands for (`{"name": "x"}`, `{"AND": [...]}`)."""

    __slots__ = ("_where",)

    def __init__(self, where: dict[str, _Any]) -> None:
        self._where = where

    def as_where(self) -> dict[str, _Any]:
        return dict(self._where)

    def __and__(self, other: "Comparison") -> "Comparison":
        if not isinstance(other, Comparison):
            return NotImplemented
        return Comparison({"AND": [self.as_where(), other.as_where()]})

    def __or__(self, other: "Comparison") -> "Comparison":
        if not isinstance(other, Comparison):
            return NotImplemented
        return Comparison({"OR": [self.as_where(), other.as_where()]})

    def __invert__(self) -> "Comparison":
        return Comparison({"NOT": [self.as_where()]})

    def __bool__(self) -> bool:
        raise TypeError("combine where conditions with & and |, not `and` / `or`")

    def __repr__(self) -> str:
        return f"Comparison({self._where!r})"


class FieldRef:
    """`Model.field` on a generated model class: compared with a value, a `Comparison` on the field's JSON key."""

    __slots__ = ("model", "name", "key")

    def __init__(self, model: str, name: str, key: str) -> None:
        self.model, self.name, self.key = model, name, key

    def _on(self, suffix: str, value: object) -> Comparison:
        return Comparison({self.key + suffix: value})

    def __eq__(self, value: object) -> Comparison:  # type: ignore[override]
        return self._on("", value)

    def __ne__(self, value: object) -> Comparison:  # type: ignore[override]
        return self._on("_not", value)

    def __lt__(self, value: object) -> Comparison:
        return self._on("_lt", value)

    def __gt__(self, value: object) -> Comparison:
        return self._on("_gt", value)

    def __le__(self, value: object) -> Comparison:
        return self._on("_lte", value)

    def __ge__(self, value: object) -> Comparison:
        return self._on("_gte", value)

    def __hash__(self) -> int:
        return hash((self.model, self.name))

    def __repr__(self) -> str:
        return f"{self.model}.{self.name}"


class ModelFieldsMeta(_ModelMetaclass):
    """Pydantic's metaclass, plus `Model.field` -> `FieldRef` on a finished model class (never while pydantic
    builds a class: it reads class attributes as field defaults then)."""

    def __getattr__(cls, item: str) -> _Any:
        own = cls.__dict__
        fields = own.get("__pydantic_fields__")
        if own.get("__pydantic_complete__") is True and isinstance(fields, dict) and item in fields:
            return FieldRef(cls.__name__, item, fields[item].alias or item)
        return _ModelMetaclass.__getattr__(cls, item)  # type: ignore[attr-defined]

'''

BASE_MODEL_MEMBERS = '''
    # ---- read-only Mapping over the server's JSON keys

    def _json_keys(self) -> dict[str, str]:
        return {(info.alias or name): name for name, info in type(self).model_fields.items()}

    def __getitem__(self, key: str) -> _Any:
        name = self._json_keys().get(key) if isinstance(key, str) else None
        if name is None:
            raise KeyError(key)
        return self.model_dump(mode="json", by_alias=True, include={name})[key]

    def __iter__(self) -> Iterator[str]:  # type: ignore[override]
        return iter(self._json_keys())

    def __len__(self) -> int:
        return len(type(self).model_fields)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._json_keys()

    @property
    def uid(self) -> str:
        """The official SDK's name for `id`."""
        value = self.__dict__.get("id")
        if not isinstance(value, str):
            raise AttributeError(f"{type(self).__name__} has no uid")
        return value
'''


def _title_case(value: str) -> str:
    return "_".join(part.capitalize() for part in value.split("_"))


ENUM_MISSING = '''
@classmethod
def _missing_(cls, value: object) -> _Self | None:
    """Look a member up by name or value, case-insensitively (the official SDK's spellings too)."""
    if isinstance(value, str):
        wanted = value.upper().replace("-", "_")
        for name, member in cls.__members__.items():
            if wanted in (name.upper(), member.value.upper()):
                return member
    return None
'''


try:
    from ariadne_codegen.plugins.base import Plugin as _Plugin
except ImportError:  # ariadne-codegen loads this module only where it is installed
    _Plugin = object  # type: ignore[assignment,misc]


class MedannotModelsPlugin(_Plugin):  # type: ignore[misc,valid-type]
    """See the comment above `BASE_MODEL_CLASS`."""

    def _aliases(self) -> dict[str, dict[str, str]]:
        table = self.config_dict.get("tool", {}).get("medannot", {}).get("enum-aliases", {})
        return {str(k): {str(a): str(v) for a, v in values.items()} for k, values in table.items()}

    def copy_code(self, copied_code: str) -> str:
        if BASE_MODEL_CLASS not in copied_code:
            return copied_code
        if copied_code.count(BASE_MODEL_CLASS) != 1:
            raise SystemExit(f"base_model.py: expected one `{BASE_MODEL_CLASS}`")
        head, tail = copied_code.split(BASE_MODEL_CLASS)
        # The class body ends at the first line that is not indented (or the end of the file).
        lines = tail.split("\n")
        end = next((i for i, line in enumerate(lines[1:], 1) if line and not line[0].isspace()), len(lines))
        body, rest = "\n".join(lines[:end]).rstrip("\n"), "\n".join(lines[end:])
        new_class = "class BaseModel(PydanticBaseModel, _Mapping[str, _Any], metaclass=ModelFieldsMeta):"
        # annotated as pydantic declares it, so type checkers see a class setting, not an unannotated attribute
        if body.count("\n    model_config = ") != 1:
            raise SystemExit("base_model.py: expected one `model_config = ` in BaseModel")
        body = body.replace("\n    model_config = ", "\n    model_config: _ClassVar[ConfigDict] = ")
        return head + BASE_MODEL_ADDITIONS + "\n" + new_class + body + "\n" + BASE_MODEL_MEMBERS + "\n\n" + rest

    def generate_init_code(self, generated_code: str) -> str:
        """`SCHEMA`: which schema the package was generated from (`_schema.py`, written by tools/codegen)."""
        anchor = "from typing import TYPE_CHECKING\n"
        if generated_code.count(anchor) != 1 or generated_code.count("\n__all__ = [\n") != 1:
            raise SystemExit("__init__.py: expected one `from typing import TYPE_CHECKING` and one `__all__ = [`")
        code = generated_code.replace(anchor, anchor + "\nfrom ._schema import SCHEMA\n")
        return code.replace("\n__all__ = [\n", '\n__all__ = [\n    "SCHEMA",\n')

    def generate_enums_module(self, module: Any) -> Any:
        import ast

        module.body.insert(0, ast.parse("from typing import Self as _Self").body[0])
        return module

    def generate_enum(self, class_def: Any, enum_type: Any) -> Any:
        import ast

        members = {
            target.id: stmt.value.value
            for stmt in class_def.body
            if isinstance(stmt, ast.Assign)
            for target in stmt.targets
            if isinstance(target, ast.Name) and isinstance(stmt.value, ast.Constant)
        }
        values = set(members.values())
        aliases = {_title_case(value): value for value in members.values()}
        extra = self._aliases().get(class_def.name, {})
        unknown = sorted(alias for alias, value in extra.items() if value not in values)
        if unknown:
            raise SystemExit(f"enum-aliases.{class_def.name}: {', '.join(unknown)} name no value of the enum")
        aliases.update(extra)
        for alias, value in aliases.items():
            if alias in members or not alias.isidentifier():
                continue
            class_def.body.append(ast.Assign(targets=[ast.Name(id=alias)], value=ast.Constant(value), lineno=0))
        class_def.body.append(ast.parse(ENUM_MISSING).body[0])
        return class_def
