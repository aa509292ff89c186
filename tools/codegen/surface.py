"""The public surface of a generated client package, read from its source (nothing is imported), and what changes
between two of them: operations and their parameters, model fields and their types, enum values.

Works on both generators' output:
- openapi-python-client: `api/<tag>/<operation>.py` (its `sync_detailed` signature, the method and URL of
  `_get_kwargs`), `models/*.py` (attrs classes; `Literal` aliases are enums);
- ariadne-codegen: the `Client` class of `client.py` (one method per operation), the pydantic models of every other
  module (result types, fragments, input types), `enums.py`.

Types are compared as sets of union members (`str | None`, `Optional[str]`, `Union[...]`, each value of a
`Literal[...]`), so a change is *narrowed* (fewer members), *widened* (more) or *changed* (neither).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["breaking", "dangerous", "addition", "change"]

# Markers of an omitted argument in openapi-python-client's signatures: not a type a caller passes.
UNSET_NAMES = frozenset({"Unset", "UnsetType"})
TYPING_NAMES = {"List": "list", "Dict": "dict", "Tuple": "tuple", "Set": "set", "FrozenSet": "frozenset"}
# ariadne-codegen's plumbing modules (no models of the API)
GRAPHQL_PLUMBING = frozenset(
    {"base_model", "base_client", "async_base_client", "client", "async_client", "exceptions", "_schema", "__init__"}
)
CLIENT_BASE_METHODS = frozenset({"execute", "get_data", "execute_custom_operation", "query", "mutation"})


@dataclass(frozen=True)
class Param:
    type: frozenset[str]
    required: bool


@dataclass(frozen=True)
class Operation:
    request: str  # "GET /info/" (REST) or "query GetProject" (GraphQL)
    params: dict[str, Param]
    returns: frozenset[str]


@dataclass(frozen=True)
class ModelField:
    type: frozenset[str]
    required: bool
    key: str  # the JSON key (alias) of the field


@dataclass(frozen=True)
class Enum:
    values: frozenset[str]
    members: frozenset[str]  # Python names (GraphQL enums: also the SDK spellings medannot adds)


@dataclass
class Surface:
    operations: dict[str, Operation] = field(default_factory=dict)
    models: dict[str, dict[str, ModelField]] = field(default_factory=dict)
    enums: dict[str, Enum] = field(default_factory=dict)


# ---- types


def _expr(text: str) -> ast.expr:
    try:
        return ast.parse(text, mode="eval").body
    except SyntaxError:
        return ast.Name(id=text)


def _flatten(node: ast.expr) -> Iterator[ast.expr]:
    """The members of a union annotation (`A | B`, `Optional[A]`, `Union[A, B]`, quoted forms)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield from _flatten(_expr(node.value))
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        yield from _flatten(node.left)
        yield from _flatten(node.right)
    elif isinstance(node, ast.Subscript) and _name(node.value) in ("Optional", "Union"):
        elts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        for elt in elts:
            yield from _flatten(elt)
        if _name(node.value) == "Optional":
            yield ast.Constant(None)
    elif isinstance(node, ast.Subscript) and _name(node.value) == "Literal":
        elts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        for elt in elts:
            yield ast.Subscript(value=ast.Name(id="Literal"), slice=elt, ctx=ast.Load())
    else:
        yield node


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def canon(node: ast.expr) -> str:
    """One spelling per type: unions sorted, `List` -> `list`, forward references unquoted."""
    members = list(_flatten(node))
    if len(members) > 1:
        return " | ".join(sorted({canon(m) for m in members}))
    node = members[0]
    if isinstance(node, ast.Constant):
        return "None" if node.value is None else repr(node.value)
    if isinstance(node, ast.Name):
        return TYPING_NAMES.get(node.id, node.id)
    if isinstance(node, ast.Attribute):
        return ast.unparse(node)
    if isinstance(node, ast.Subscript):
        if _name(node.value) == "Literal":
            value = node.slice
            return f"Literal[{value.value!r}]" if isinstance(value, ast.Constant) else f"Literal[{canon(value)}]"
        elts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        return f"{canon(node.value)}[{', '.join(canon(e) for e in elts)}]"
    return ast.unparse(node)


def members(node: ast.expr | None) -> frozenset[str]:
    if node is None:
        return frozenset({"Any"})
    found = {canon(m) for m in _flatten(node)}
    return frozenset(found - UNSET_NAMES) or frozenset({"None"})


def show(type_: frozenset[str]) -> str:
    return " | ".join(sorted(type_, key=lambda t: (t == "None", t)))


# ---- reading a package


def _is_class_var(annotation: ast.expr) -> bool:
    return "ClassVar" in ast.unparse(annotation)


def _field_default(value: ast.expr | None) -> tuple[bool, bool, str | None]:
    """(in the constructor, required, alias) of a class-body annotated assignment's value."""
    if value is None:
        return True, True, None
    if isinstance(value, ast.Call) and _name(value.func) in ("Field", "_attrs_field", "field", "attr_field"):
        keywords = {k.arg: k.value for k in value.keywords if k.arg}
        init = keywords.get("init")
        if isinstance(init, ast.Constant) and init.value is False:
            return False, False, None
        alias = keywords.get("alias")
        has_default = "default" in keywords or "default_factory" in keywords or "factory" in keywords or value.args
        return True, not has_default, str(alias.value) if isinstance(alias, ast.Constant) else None
    return True, False, None


def _json_keys(cls: ast.ClassDef) -> dict[str, str]:
    """openapi-python-client models (medannot's template): `_json_keys: ClassVar[...] = {"field": "jsonKey"}`."""
    for stmt in cls.body:
        if (
            isinstance(stmt, ast.AnnAssign)
            and isinstance(stmt.target, ast.Name)
            and stmt.target.id == "_json_keys"
            and isinstance(stmt.value, ast.Dict)
        ):
            return {
                str(k.value): str(v.value)
                for k, v in zip(stmt.value.keys, stmt.value.values, strict=True)
                if isinstance(k, ast.Constant) and isinstance(v, ast.Constant)
            }
    return {}


def _read_classes(tree: ast.Module, surface: Surface) -> None:
    for stmt in tree.body:
        if isinstance(stmt, ast.ClassDef) and not stmt.name.startswith("_"):
            bases = {_name(b) for b in stmt.bases}
            if "Enum" in bases or "IntEnum" in bases or "StrEnum" in bases:
                assigned = [
                    (t.id, s.value.value)
                    for s in stmt.body
                    if isinstance(s, ast.Assign) and isinstance(s.value, ast.Constant)
                    for t in s.targets
                    if isinstance(t, ast.Name)
                ]
                surface.enums[stmt.name] = Enum(
                    frozenset(repr(v) for _, v in assigned), frozenset(n for n, _ in assigned)
                )
                continue
            keys = _json_keys(stmt)
            fields: dict[str, ModelField] = {}
            for s in stmt.body:
                if not isinstance(s, ast.AnnAssign) or not isinstance(s.target, ast.Name):
                    continue
                name = s.target.id
                if name.startswith("_") or _is_class_var(s.annotation):
                    continue
                init, required, alias = _field_default(s.value)
                if init:
                    fields[name] = ModelField(members(s.annotation), required, alias or keys.get(name, name))
            surface.models[stmt.name] = fields
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            value = stmt.value
            for target in targets:
                if not isinstance(target, ast.Name) or target.id.startswith("_") or value is None:
                    continue
                if isinstance(value, ast.Subscript) and _name(value.value) == "Literal":  # a literal enum
                    values = frozenset(canon(m)[len("Literal[") : -1] for m in _flatten(value))
                    surface.enums[target.id] = Enum(values, frozenset())
                elif isinstance(value, ast.Name) and value.id[:1].isupper() and target.id[:1].isupper():
                    surface.models.setdefault(f"={target.id}", {})  # an alias, resolved below
                    surface.models[f"={target.id}"] = {"=": ModelField(frozenset({value.id}), True, "")}


def _resolve_aliases(surface: Surface) -> None:
    for key in [k for k in surface.models if k.startswith("=")]:
        target = next(iter(surface.models.pop(key)["="].type))
        if target in surface.models:
            surface.models[key[1:]] = surface.models[target]
        elif target in surface.enums:
            surface.enums[key[1:]] = surface.enums[target]


def _signature(fn: ast.FunctionDef | ast.AsyncFunctionDef, skip: Iterable[str]) -> dict[str, Param]:
    args = fn.args
    positional = args.posonlyargs + args.args
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    params: dict[str, Param] = {}
    for arg, default in [*zip(positional, defaults, strict=True), *zip(args.kwonlyargs, args.kw_defaults, strict=True)]:
        if arg.arg in skip:
            continue
        params[arg.arg] = Param(members(arg.annotation), default is None)
    return params


def _constant_text(node: ast.expr) -> str:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _constant_text(node.func.value)  # "/x/{id}".format(id=quote(str(id), safe=""))
    if isinstance(node, ast.Constant):
        return str(node.value)
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            elif isinstance(value, ast.FormattedValue):
                inner = value.value
                while isinstance(inner, ast.Call) and inner.args:  # quote(str(x), safe="")
                    inner = inner.args[0]
                parts.append("{" + (_name(inner) or ast.unparse(inner)) + "}")
        return "".join(parts)
    return ast.unparse(node)


def _rest_request(tree: ast.Module) -> str:
    for stmt in ast.walk(tree):
        if isinstance(stmt, ast.Dict):
            keys = [k.value if isinstance(k, ast.Constant) else None for k in stmt.keys]
            if "method" in keys and "url" in keys:
                method = _constant_text(stmt.values[keys.index("method")]).upper()
                return f"{method} {_constant_text(stmt.values[keys.index('url')])}"
    return "?"


def _returns(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> frozenset[str]:
    node = fn.returns
    if isinstance(node, ast.Subscript) and _name(node.value) == "Response":  # Response[T] of sync_detailed
        node = node.slice
    return members(node)


def read_rest(package: Path) -> Surface:
    surface = Surface()
    for path in sorted((package / "api").rglob("*.py")):
        if path.name == "__init__.py" or "__pycache__" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in tree.body:
            if isinstance(fn, ast.FunctionDef) and fn.name == "sync_detailed":
                surface.operations[path.stem] = Operation(_rest_request(tree), _signature(fn, {"client"}), _returns(fn))
    for path in sorted((package / "models").glob("*.py")):
        if path.name != "__init__.py":
            _read_classes(ast.parse(path.read_text(encoding="utf-8")), surface)
    _resolve_aliases(surface)
    return surface


GQL_OPERATION = re.compile(r"\b(query|mutation|subscription)\s+(\w+)")


def read_graphql(package: Path) -> Surface:
    surface = Surface()
    client = ast.parse((package / "client.py").read_text(encoding="utf-8"))
    for cls in client.body:
        if not isinstance(cls, ast.ClassDef):
            continue
        for fn in cls.body:
            if not isinstance(fn, ast.FunctionDef) or fn.name.startswith("_") or fn.name in CLIENT_BASE_METHODS:
                continue
            documents = [n.value for n in ast.walk(fn) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
            found = next((m for d in documents if (m := GQL_OPERATION.search(d))), None)
            request = f"{found.group(1)} {found.group(2)}" if found else "?"
            returns = members(fn.returns)
            surface.operations[fn.name] = Operation(request, _signature(fn, {"self"}), returns)
    for path in sorted(package.glob("*.py")):
        if path.stem not in GRAPHQL_PLUMBING:
            _read_classes(ast.parse(path.read_text(encoding="utf-8")), surface)
    _resolve_aliases(surface)
    return surface


def read(package: Path) -> Surface:
    """The surface of one generated package (either generator's output)."""
    return read_rest(package) if (package / "api").is_dir() else read_graphql(package)


# ---- comparing two surfaces


@dataclass(frozen=True)
class Change:
    severity: Severity
    where: str  # "operation api_app_info_info_get", "model AppInfo", "enum BatchInferImageType"
    what: str

    def line(self) -> str:
        return f"{self.where}: {self.what}"


def _direction(old: frozenset[str], new: frozenset[str]) -> str:
    if new < old:
        return "narrowed"
    if new > old:
        return "widened"
    return "changed"


def _type_change(old: frozenset[str], new: frozenset[str]) -> str:
    direction = _direction(old, new)
    detail = f"{show(old)} -> {show(new)}"
    if direction == "narrowed":
        return f"type narrowed: {detail} (lost {show(old - new)})"
    if direction == "widened":
        return f"type widened: {detail} (new {show(new - old)})"
    return f"type changed: {detail}"


def _renames(removed: dict[str, object], added: dict[str, object]) -> dict[str, str]:
    """Removed name -> added name where exactly one added item equals it (a rename, as far as the surface shows)."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for old_name, old in sorted(removed.items()):
        same = [n for n, new in sorted(added.items()) if new == old and n not in taken]
        if len(same) == 1:
            out[old_name] = same[0]
            taken.add(same[0])
    return out


def _compare_params(where: str, old: dict[str, Param], new: dict[str, Param]) -> Iterator[Change]:
    for name in sorted(old.keys() - new.keys()):
        yield Change("breaking", where, f"parameter `{name}` removed")
    for name in sorted(new.keys() - old.keys()):
        if new[name].required:
            yield Change("breaking", where, f"new required parameter `{name}: {show(new[name].type)}`")
        else:
            yield Change("addition", where, f"new optional parameter `{name}: {show(new[name].type)}`")
    for name in sorted(old.keys() & new.keys()):
        a, b = old[name], new[name]
        if b.required and not a.required:
            yield Change("breaking", where, f"parameter `{name}` is now required")
        elif a.required and not b.required:
            yield Change("addition", where, f"parameter `{name}` is now optional")
        if a.type != b.type:
            direction = _direction(a.type, b.type)
            severity: Severity = "change" if direction == "widened" else "breaking"
            yield Change(severity, where, f"parameter `{name}` {_type_change(a.type, b.type)}")


def _compare_fields(where: str, old: dict[str, ModelField], new: dict[str, ModelField]) -> Iterator[Change]:
    gone, came = old.keys() - new.keys(), new.keys() - old.keys()
    renamed = _renames(
        {n: (old[n].type, old[n].required) for n in gone}, {n: (new[n].type, new[n].required) for n in came}
    )
    for name in sorted(gone):
        if name in renamed:
            target = renamed[name]
            yield Change(
                "breaking",
                where,
                f"field `{name}` renamed to `{target}` (JSON `{old[name].key}` -> `{new[target].key}`)",
            )
        else:
            yield Change("breaking", where, f"field `{name}` (JSON `{old[name].key}`) removed")
    for name in sorted(came - set(renamed.values())):
        f = new[name]
        if f.required:
            yield Change(
                "breaking",
                where,
                f"new required field `{name}: {show(f.type)}` (JSON `{f.key}`): answers without it no longer parse,"
                " and building the model needs it",
            )
        else:
            yield Change("addition", where, f"new optional field `{name}: {show(f.type)}` (JSON `{f.key}`)")
    for name in sorted(old.keys() & new.keys()):
        a, b = old[name], new[name]
        if a.key != b.key:
            yield Change("breaking", where, f"field `{name}` now reads JSON `{b.key}` (was `{a.key}`)")
        if b.required and not a.required:
            yield Change("breaking", where, f"field `{name}` is now required")
        elif a.required and not b.required:
            yield Change("dangerous", where, f"field `{name}` is now optional (may be absent)")
        if a.type != b.type:
            direction = _direction(a.type, b.type)
            severity: Severity = "dangerous" if direction == "widened" else "breaking"
            yield Change(severity, where, f"field `{name}` {_type_change(a.type, b.type)}")


def compare(old: Surface, new: Surface) -> list[Change]:
    changes: list[Change] = []
    # operations
    gone, came = old.operations.keys() - new.operations.keys(), new.operations.keys() - old.operations.keys()
    by_request = {new.operations[n].request: n for n in came if new.operations[n].request != "?"}
    renamed = {n: by_request[old.operations[n].request] for n in gone if old.operations[n].request in by_request}
    for name in sorted(gone):
        op = old.operations[name]
        if name in renamed:
            changes.append(Change("breaking", f"operation {name}", f"renamed to `{renamed[name]}` ({op.request})"))
            changes += _compare_params(f"operation {renamed[name]}", op.params, new.operations[renamed[name]].params)
        else:
            changes.append(Change("breaking", f"operation {name}", f"removed ({op.request})"))
    for name in sorted(came - set(renamed.values())):
        changes.append(Change("addition", f"operation {name}", f"new ({new.operations[name].request})"))
    for name in sorted(old.operations.keys() & new.operations.keys()):
        a, b, where = old.operations[name], new.operations[name], f"operation {name}"
        if a.request != b.request:
            changes.append(Change("change", where, f"now sends {b.request} (was {a.request})"))
        changes += _compare_params(where, a.params, b.params)
        if a.returns != b.returns:
            direction = _direction(a.returns, b.returns)
            severity: Severity = {"narrowed": "change", "widened": "dangerous"}.get(direction, "breaking")  # type: ignore[assignment]
            changes.append(Change(severity, where, f"result {_type_change(a.returns, b.returns)}"))
    # models
    gone, came = old.models.keys() - new.models.keys(), new.models.keys() - old.models.keys()
    model_renames = _renames({n: old.models[n] for n in gone if old.models[n]}, {n: new.models[n] for n in came})
    for name in sorted(gone):
        if name in model_renames:
            changes.append(Change("breaking", f"model {name}", f"renamed to `{model_renames[name]}`"))
        else:
            changes.append(Change("breaking", f"model {name}", "removed"))
    for name in sorted(came - set(model_renames.values())):
        changes.append(Change("addition", f"model {name}", f"new ({len(new.models[name])} fields)"))
    for name in sorted(old.models.keys() & new.models.keys()):
        changes += _compare_fields(f"model {name}", old.models[name], new.models[name])
    # enums
    for name in sorted(old.enums.keys() - new.enums.keys()):
        changes.append(Change("breaking", f"enum {name}", "removed"))
    for name in sorted(new.enums.keys() - old.enums.keys()):
        changes.append(Change("addition", f"enum {name}", f"new ({', '.join(sorted(new.enums[name].values))})"))
    for name in sorted(old.enums.keys() & new.enums.keys()):
        a_enum, b_enum, where = old.enums[name], new.enums[name], f"enum {name}"
        for value in sorted(a_enum.values - b_enum.values):
            changes.append(Change("breaking", where, f"value {value} removed"))
        for value in sorted(b_enum.values - a_enum.values):
            changes.append(Change("addition", where, f"new value {value}"))
        lost_members = a_enum.members - b_enum.members
        if lost_members and not a_enum.values - b_enum.values:
            changes.append(Change("breaking", where, f"member(s) {', '.join(sorted(lost_members))} removed"))
    return changes
