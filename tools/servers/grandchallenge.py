"""Grand Challenge's live schema, for comparison with the authored one (the server commits no schema file and
cannot be run here: it needs Postgres, Redis, S3 and about 70 packages).

    python -m tools.servers.grandchallenge pull-schema    # writes schemas/grandchallenge/live/openapi.json
                                                          # and live/reduced.json

fetches `https://grand-challenge.org/api/schema/?format=json` (public, no token), stores it, reduces it to the
operations medannot uses (those of the authored schemas/grandchallenge/openapi.yaml, with every component they
reach), and lists what the authored schema has that the live one lacks or describes differently (operations,
component fields). The authored schema stays the input of `make generate`; differences are for a person to
judge, and `python -m tools.codegen diff --platform grandchallenge --against schemas/grandchallenge/live/reduced.json`
shows what generating from the live subset would change. Without a network it says why it cannot and exits with
status 2 (`make schemas-pull` reports that as a skip).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import httpx
import yaml

REPO = Path(__file__).resolve().parents[2]
AUTHORED = REPO / "schemas" / "grandchallenge" / "openapi.yaml"
LIVE = REPO / "schemas" / "grandchallenge" / "live" / "openapi.json"
REDUCED = LIVE.with_name("reduced.json")
URL = "https://grand-challenge.org/api/schema/?format=json"
METHODS = {"get", "put", "post", "patch", "delete"}


def fetch(url: str = URL, timeout: float = 30.0) -> dict[str, Any]:
    response = httpx.get(url, headers={"Accept": "application/json"}, timeout=timeout, follow_redirects=True)
    response.raise_for_status()
    data = response.json()
    if not isinstance(data, dict) or "paths" not in data:
        raise ValueError(f"{url} did not answer an OpenAPI document")
    return data


def operations(schema: dict[str, Any]) -> set[tuple[str, str]]:
    return {(m.upper(), p) for p, item in schema.get("paths", {}).items() for m in item if m in METHODS}


def _refs(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        return found.union(*(_refs(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(v) for v in node))
    return set()


def reduce(live: dict[str, Any], authored: dict[str, Any]) -> dict[str, Any]:
    """The live schema cut down to the authored schema's operations and the components they reach."""
    wanted = operations(authored)
    paths: dict[str, Any] = {}
    for path, item in live.get("paths", {}).items():
        kept = {k: v for k, v in item.items() if k not in METHODS or (k.upper(), path) in wanted}
        if any(k in METHODS for k in kept):
            paths[path] = kept
    components = live.get("components", {})
    reached: set[str] = set()
    todo = _refs(paths)
    while todo:
        ref = todo.pop()
        if ref in reached or not ref.startswith("#/components/"):
            continue
        reached.add(ref)
        _, _, kind, name = ref.split("/", 3)
        todo |= _refs(components.get(kind, {}).get(name, {}))
    kept_components: dict[str, Any] = {}
    for ref in sorted(reached):
        _, _, kind, name = ref.split("/", 3)
        if name in components.get(kind, {}):
            kept_components.setdefault(kind, {})[name] = components[kind][name]
    if "securitySchemes" in components:
        kept_components["securitySchemes"] = components["securitySchemes"]
    return {
        **{k: v for k, v in live.items() if k not in ("paths", "components")},
        "paths": paths,
        "components": kept_components,
    }


def differences(authored: dict[str, Any], live: dict[str, Any]) -> list[str]:
    out = [f"operation not in the live schema: {m} {p}" for m, p in sorted(operations(authored) - operations(live))]
    live_components = live.get("components", {}).get("schemas", {})
    for name, component in sorted(authored.get("components", {}).get("schemas", {}).items()):
        other = live_components.get(name)
        if other is None:
            out.append(f"component not in the live schema: {name}")
            continue
        mine, theirs = set(component.get("properties", {})), set(other.get("properties", {}))
        out += [f"{name}.{f}: not in the live schema" for f in sorted(mine - theirs)]
        out += [f"{name}.{f}: live only" for f in sorted(theirs - mine)]
        required = set(component.get("required", [])) ^ set(other.get("required", []))
        out += [f"{name}.{f}: required differs" for f in sorted(required & mine & theirs)]
    return out


def pull_schema(target: Path = LIVE, url: str = URL) -> int:
    try:
        live = fetch(url)
    except (httpx.HTTPError, ValueError) as error:
        print(f"cannot pull the Grand Challenge schema from {url}: {error}", file=sys.stderr)
        print(
            "(no network, or the site is unreachable: schemas/grandchallenge/openapi.yaml is unchanged)",
            file=sys.stderr,
        )
        return 2
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(live, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(target)
    authored = yaml.safe_load(AUTHORED.read_text(encoding="utf-8"))
    reduced = target.with_name(REDUCED.name)
    reduced.write_text(json.dumps(reduce(live, authored), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{reduced} (the {len(operations(authored))} operations medannot uses)")
    for line in differences(authored, live):
        print(f"  {line}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.servers.grandchallenge",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    pull = sub.add_parser("pull-schema", help="fetch the live schema and compare it with the authored one")
    pull.add_argument("--output", type=Path, default=LIVE)
    pull.add_argument("--url", default=URL)
    args = parser.parse_args(argv)
    return pull_schema(args.output, args.url)


if __name__ == "__main__":
    sys.exit(main())
