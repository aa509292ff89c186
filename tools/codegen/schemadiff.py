"""What a schema change breaks for medannot's users: `python -m tools.codegen diff --platform P --against FILE`.

Both sides are generated clients: the new one is generated from FILE into a temporary folder, with the platform's
checked-in generator config (and patch, unless `--no-patch`); the old one is `generated/medannot_api/<P>` (what
users have now), or a client generated from `--base FILE`. Their public surfaces (tools/codegen/surface.py) are
compared; breaking changes (an operation or field removed or renamed, a type narrowed, a parameter or field newly
required, an enum value removed) make the exit status 1. For GraphQL, graphql-core's `find_breaking_changes` and
`find_dangerous_changes` on the two SDLs are listed too, and operations of `operations/*.graphql` that no longer
validate against the new SDL are breaking (they are left out of the new client, so their methods disappear).

`make schemas-diff` runs this for every platform whose checked-in schema differs from the one its client was
generated from (after `make schemas-pull`, before `make generate`). `--format markdown` drafts a CHANGELOG entry.
Exit status: 0 nothing breaks, 1 something breaks, 2 the new schema cannot be generated at all.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tools.codegen import graphql, provenance, rest, surface
from tools.codegen.platforms import GENERATED, PLATFORMS, GraphqlPlatform, RestPlatform

HEADINGS: dict[surface.Severity, str] = {
    "breaking": "Breaking changes",
    "dangerous": "Dangerous changes (code still runs, results may differ)",
    "change": "Other changes",
    "addition": "Additions",
}


@dataclass
class Report:
    platform: str
    old: str  # what the old side is ("generated/medannot_api/monailabel", or a schema file)
    new: str
    changes: list[surface.Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. the patch no longer applies

    @property
    def breaking(self) -> list[surface.Change]:
        return [c for c in self.changes if c.severity == "breaking"]

    def by_severity(self, severity: surface.Severity) -> list[surface.Change]:
        return [c for c in self.changes if c.severity == severity]

    def text(self) -> str:
        lines = [f"{self.platform}: {self.old} -> {self.new}"]
        lines += [f"  note: {n}" for n in self.notes]
        if not self.changes:
            lines.append("  no change to the generated client's public surface")
        for severity, heading in HEADINGS.items():
            found = self.by_severity(severity)
            if found:
                lines.append(f"  {heading} ({len(found)}):")
                lines += [f"    - {c.line()}" for c in found]
        verdict = f"{len(self.breaking)} breaking" if self.breaking else "nothing breaks"
        lines.append(f"  => {verdict}; {len(self.by_severity('addition'))} addition(s)")
        return "\n".join(lines)

    def markdown(self, title: str) -> str:
        """A CHANGELOG entry draft (Keep a Changelog headings)."""
        lines = [f"### {title} (`medannot_api.{self.platform}`)", ""]
        lines += [f"- Note: {n}" for n in self.notes]
        sections = (
            ("Removed / changed incompatibly (breaking)", "breaking"),
            ("Changed (check your code)", "dangerous"),
            ("Changed", "change"),
            ("Added", "addition"),
        )
        for heading, severity in sections:
            found = self.by_severity(severity)  # type: ignore[arg-type]
            if found:
                lines += [f"#### {heading}", ""] + [f"- {c.where}: {c.what}" for c in found] + [""]
        if not self.changes:
            lines.append("- No change to the generated client's public surface.")
        return "\n".join(lines).rstrip() + "\n"


class CannotGenerate(Exception):
    """The other schema does not generate a client (not a schema, the patch does not apply, a generator error)."""


def _generate(platform: RestPlatform | GraphqlPlatform, schema: Path, out: Path, work: Path, *, patch: bool) -> None:
    try:
        if isinstance(platform, RestPlatform):
            _generate_rest(platform, schema, out, work, patch=patch)
        else:
            _generate_graphql(platform, schema, out, work)
    except SystemExit as exc:  # the generators stop with a message
        raise CannotGenerate(str(exc.code)) from None


def _generate_rest(platform: RestPlatform, schema: Path, out: Path, work: Path, *, patch: bool) -> None:
    folder = work / "schema"
    folder.mkdir()
    shutil.copyfile(schema, folder / schema.name)
    shutil.copyfile(platform.folder / platform.config, folder / platform.config)
    if patch and platform.patch:
        shutil.copyfile(platform.folder / platform.patch, folder / platform.patch)
    other = dataclasses.replace(platform, folder=folder, schema=schema.name, patch=platform.patch if patch else None)
    rest.generate(other, out)


def _generate_graphql(platform: GraphqlPlatform, schema: Path, out: Path, work: Path) -> None:
    """ariadne-codegen on `schema` with the operations that still validate against it."""
    from graphql import build_schema

    folder = work / "schema"
    operations = folder / "operations"
    operations.mkdir(parents=True)
    shutil.copyfile(schema, folder / platform.schema)
    valid, _ = split_operations(build_schema(schema.read_text(encoding="utf-8")), operation_documents(platform))
    (operations / "operations.graphql").write_text(valid, encoding="utf-8")
    config = (platform.folder / platform.config).read_text(encoding="utf-8")
    for key, value in (("schema_path", folder / platform.schema), ("queries_path", operations)):
        config, count = re.subn(rf"(?m)^{key} = .*$", f'{key} = "{value}"', config)
        if count != 1:
            raise CannotGenerate(f"{platform.config}: expected one `{key} = ...` line")
    (folder / platform.config).write_text(config, encoding="utf-8")
    graphql.generate(dataclasses.replace(platform, folder=folder), out)


def operation_documents(platform: GraphqlPlatform) -> list[Path]:
    import tomllib

    config = tomllib.loads((platform.folder / platform.config).read_text(encoding="utf-8"))
    queries = Path(config["tool"]["ariadne-codegen"]["queries_path"])
    folder = queries if queries.is_absolute() else platform.folder.parents[1] / queries
    return sorted(folder.glob("*.graphql"))


def split_operations(schema: object, files: Iterable[Path]) -> tuple[str, dict[str, list[str]]]:
    """(a document of the operations that validate against `schema`, with the fragments they use;
    operation name -> validation errors of those that do not)."""
    from graphql import GraphQLSchema, parse, print_ast, validate
    from graphql.language import (
        DocumentNode,
        FragmentDefinitionNode,
        FragmentSpreadNode,
        OperationDefinitionNode,
        visit,
    )
    from graphql.language.visitor import Visitor

    assert isinstance(schema, GraphQLSchema)
    fragments: dict[str, FragmentDefinitionNode] = {}
    operations: list[OperationDefinitionNode] = []
    for path in files:
        for definition in parse(path.read_text(encoding="utf-8")).definitions:
            if isinstance(definition, FragmentDefinitionNode):
                fragments[definition.name.value] = definition
            elif isinstance(definition, OperationDefinitionNode):
                operations.append(definition)

    def spreads(node: object) -> set[str]:
        found: set[str] = set()

        class Spreads(Visitor):
            def enter_fragment_spread(self, spread: FragmentSpreadNode, *_: object) -> None:
                found.add(spread.name.value)

        visit(node, Spreads())  # type: ignore[arg-type]
        return found

    def closure(node: object) -> list[FragmentDefinitionNode]:
        seen: dict[str, FragmentDefinitionNode] = {}
        todo = list(spreads(node))
        while todo:
            name = todo.pop()
            if name in seen or name not in fragments:
                continue
            seen[name] = fragments[name]
            todo += spreads(fragments[name])
        return [seen[n] for n in sorted(seen)]

    kept: list[OperationDefinitionNode] = []
    used: dict[str, FragmentDefinitionNode] = {}
    invalid: dict[str, list[str]] = {}
    for op in operations:
        needed = closure(op)
        errors = validate(schema, DocumentNode(definitions=(op, *needed)))
        name = op.name.value if op.name else "<anonymous>"
        if errors:
            invalid[name] = [e.message for e in errors]
        else:
            kept.append(op)
            used.update({f.name.value: f for f in needed})
    document = DocumentNode(definitions=(*kept, *(used[n] for n in sorted(used))))
    return print_ast(document) + "\n", invalid


def graphql_schema_changes(old_sdl: str, new_sdl: str) -> list[surface.Change]:
    from graphql import build_schema, find_breaking_changes, find_dangerous_changes

    old, new = build_schema(old_sdl), build_schema(new_sdl)
    changes = [
        surface.Change("breaking", f"SDL ({c.type.name})", c.description) for c in find_breaking_changes(old, new)
    ]
    changes += [
        surface.Change("dangerous", f"SDL ({c.type.name})", c.description) for c in find_dangerous_changes(old, new)
    ]
    return changes


def diff(
    name: str,
    against: Path,
    *,
    base: Path | None = None,
    patch: bool = True,
) -> Report:
    """Compare the client generated from `against` with `generated/medannot_api/<name>` (or one from `base`)."""
    platform = PLATFORMS[name]
    with tempfile.TemporaryDirectory(prefix=f"medannot-diff-{name}-") as tmp:
        root = Path(tmp)
        if base is None:
            old_package, old_label = GENERATED / name, f"generated/medannot_api/{name}"
        else:
            (root / "old").mkdir()
            old_package, old_label = root / "old" / name, str(base)
            _generate(platform, base, old_package, root / "old", patch=patch)
        report = Report(name, old_label, str(against))
        if isinstance(platform, GraphqlPlatform):
            from graphql import build_schema

            old_sdl = (old_package / graphql.SHIPPED_SCHEMA).read_text(encoding="utf-8")
            new_sdl = against.read_text(encoding="utf-8")
            _, invalid = split_operations(build_schema(new_sdl), operation_documents(platform))
            for op_name, errors in sorted(invalid.items()):
                report.changes.append(
                    surface.Change(
                        "breaking",
                        f"operation document {op_name}",
                        "no longer validates, left out of the client: " + "; ".join(errors),
                    )
                )
            report.changes += graphql_schema_changes(old_sdl, new_sdl)
        (root / "new").mkdir()
        _generate(platform, against, root / "new" / name, root / "new", patch=patch)
        report.changes += surface.compare(surface.read(old_package), surface.read(root / "new" / name))
    return report


def shipped_matches(name: str) -> bool:
    """Whether generated/medannot_api/<name> was generated from the checked-in schema as it is now."""
    platform = PLATFORMS[name]
    record = GENERATED / name / provenance.MODULE
    if not record.is_file():
        return False
    if isinstance(platform, RestPlatform):
        data = rest.dump_json(rest.patched_schema(platform)).encode()
    else:
        data = (platform.folder / platform.schema).read_bytes()
    return f'sha256="{hashlib.sha256(data).hexdigest()}"' in record.read_text(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.codegen diff", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--platform", action="append", choices=sorted(PLATFORMS), help="default: every platform")
    parser.add_argument(
        "--against", type=Path, help="the new schema (default: the checked-in one, schemas/<platform>/...)"
    )
    parser.add_argument("--base", type=Path, help="the old schema (default: the generated client as it is)")
    parser.add_argument("--no-patch", action="store_true", help="FILE is already patched: do not apply patch.yaml")
    parser.add_argument("--changed-only", action="store_true", help="skip platforms whose client matches the schema")
    parser.add_argument("--format", choices=["text", "markdown"], default="text")
    args = parser.parse_args(argv)
    names = args.platform or list(PLATFORMS)
    if args.against is not None and len(names) != 1:
        parser.error("--against needs exactly one --platform")
    status = 0
    for name in names:
        platform = PLATFORMS[name]
        against = args.against or platform.folder / platform.schema
        if args.changed_only and args.base is None and args.against is None and shipped_matches(name):
            print(f"{name}: the generated client matches {against.relative_to(platform.folder.parents[1])}")
            continue
        try:
            report = diff(name, against, base=args.base, patch=not args.no_patch)
        except CannotGenerate as exc:
            print(f"{name}: cannot generate a client from {against}:\n{exc}", file=sys.stderr)
            status = max(status, 2)
            continue
        if args.format == "markdown":
            from medannot import registry

            print(report.markdown(registry.PLATFORMS[name].title))
        else:
            print(report.text())
        if report.breaking:
            status = max(status, 1)
    return status
