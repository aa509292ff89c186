"""`python -m tools.codegen [PLATFORM ...] [--check]`: regenerate generated/medannot_api, or prove it is current.

`python -m tools.codegen diff --platform P --against FILE`: what generating from FILE would break (schemadiff.py).
"""

from __future__ import annotations

import argparse
import filecmp
import sys
import tempfile
from pathlib import Path

from tools.codegen import graphql, provenance, rest, twins
from tools.codegen.platforms import GENERATED, PLATFORMS, RestPlatform


def generate_all(names: list[str], root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "__init__.py").write_text(provenance.ROOT_INIT, encoding="utf-8")  # SchemaInfo
    (root / "py.typed").write_text("", encoding="utf-8")  # PEP 561: the generated clients are typed too
    for name in names:
        platform = PLATFORMS[name]
        if isinstance(platform, RestPlatform):
            rest.generate(platform, root / name)
        else:
            graphql.generate(platform, root / name)
        print(f"generated {name}", file=sys.stderr)


def differences(left: Path, right: Path) -> list[str]:
    """Relative paths that differ between two trees (ignoring bytecode caches)."""
    cmp = filecmp.dircmp(left, right, ignore=["__pycache__"])
    found: list[str] = []

    def walk(c: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + n for n in c.left_only + c.right_only + c.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(c.left, c.right, c.common_files, shallow=False)
        found.extend(prefix + n for n in mismatch + errors)
        for name, sub in c.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(cmp, "")
    return sorted(found)


def main() -> int:
    if sys.argv[1:2] == ["diff"]:
        from tools.codegen import schemadiff

        return schemadiff.main(sys.argv[2:])
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "platforms", nargs="*", metavar="PLATFORM", help=f"any of {', '.join(PLATFORMS)} (default: all)"
    )
    parser.add_argument("--check", action="store_true", help="regenerate into a temporary directory and diff")
    args = parser.parse_args()
    names = args.platforms or list(PLATFORMS)
    unknown = sorted(set(names) - set(PLATFORMS))
    if unknown:
        parser.error(f"unknown platform(s): {', '.join(unknown)}")
    if not args.check:
        generate_all(names, GENERATED)
        twins.write()
        print("wrote the sync twins of highlevel/**/_async", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "medannot_api"
        generate_all(list(PLATFORMS), fresh)
        diff = differences(GENERATED, fresh)
    diff += [f"highlevel/medannot/{path}" for path in twins.stale()]
    if diff:
        print("generated code is not what `make generate` writes; differing files:", *diff, sep="\n  ", file=sys.stderr)
        return 1
    print("generated/ and the sync twins are up to date", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
