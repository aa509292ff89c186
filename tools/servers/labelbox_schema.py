"""Labelbox publishes no SDL, so the refresh is one of two checks of schemas/labelbox/schema.graphql:

- with an endpoint and `LABELBOX_API_KEY`: introspect the live API, store its SDL under schemas/labelbox/live/, and list
  what our SDL has that the live one lacks or types differently (graphql-core's `find_breaking_changes` from ours to
  the live one), and the SDK documents that do not validate against the live SDL;
- otherwise: every GraphQL document the installed SDK sends (re-recorded by running the oracle scenario when
  `.cache/labelbox-venv` exists, else the recording tests/oracle/fixtures/labelbox_sdk_operations.json) is validated
  against our SDL, and unknown operations, fields, arguments and types are listed.

    python -m tools.servers.labelbox_schema [--endpoint URL] [--recorded]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys

from tools.servers._venv import CACHE, REPO

SDL = REPO / "schemas" / "labelbox" / "schema.graphql"
LIVE = REPO / "schemas" / "labelbox" / "live" / "schema.graphql"
FIXTURE = REPO / "tests" / "oracle" / "fixtures" / "labelbox_sdk_operations.json"
ENDPOINT_VARS = ("LABELBOX_ENDPOINT", "LABELBOX_GRAPHQL_URL")

FIELD = re.compile(r"Cannot query field '(\w+)' on type '(\w+)'")
ARGUMENT = re.compile(r"Unknown argument '(\w+)' on field '([\w.]+)'")
TYPE = re.compile(r"Unknown type '(\w+)'")


def recorded_documents() -> tuple[list[str], str]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))["graphql"], f"recorded in {FIXTURE.relative_to(REPO)}"


def sdk_documents(*, recorded: bool) -> tuple[list[str], str]:
    """The documents the installed SDK sends, and where they come from."""
    if recorded or not (CACHE / "labelbox-venv" / "bin" / "python").exists():
        return recorded_documents()
    from tests.oracle.test_labelbox_sdk import capture

    run = capture()
    if run.report.get("failed"):
        print(f"labelbox: the SDK scenario had failures: {run.report['failed'][:5]}", file=sys.stderr)
    return run.operations["graphql"], f"sent by {run.operations['sdk']} ({run.operations['scenario']})"


def classify(schema: object, documents: list[str]) -> dict[str, set[str]]:
    """Validation problems of `documents` against `schema`, grouped: unknown operations (root fields), fields,
    arguments, types, and anything else."""
    from graphql import GraphQLSchema, parse, validate

    assert isinstance(schema, GraphQLSchema)
    roots = {t.name for t in (schema.query_type, schema.mutation_type, schema.subscription_type) if t}
    found: dict[str, set[str]] = {
        "operations": set(),
        "fields": set(),
        "arguments": set(),
        "types": set(),
        "other": set(),
    }
    for document in documents:
        for error in validate(schema, parse(document)):
            message = error.message
            if m := FIELD.search(message):
                kind = "operations" if m.group(2) in roots else "fields"
                found[kind].add(f"{m.group(2)}.{m.group(1)}")
            elif m := ARGUMENT.search(message):
                found["arguments"].add(f"{m.group(2)}({m.group(1)})")
            elif m := TYPE.search(message):
                found["types"].add(m.group(1))
            else:
                found["other"].add(message)
    return found


def render(found: dict[str, set[str]]) -> list[str]:
    lines = []
    for kind, items in found.items():
        if items:
            lines.append(
                f"  unknown {kind} ({len(items)}):" if kind != "other" else f"  other problems ({len(items)}):"
            )
            lines += [f"    - {item}" for item in sorted(items)]
    return lines or ["  every document validates"]


def introspect(endpoint: str, api_key: str) -> str:
    import httpx
    from graphql import build_client_schema, get_introspection_query, print_schema

    response = httpx.post(
        endpoint,
        json={"query": get_introspection_query(descriptions=True)},
        headers={"Authorization": f"Bearer {api_key}"},
        timeout=60.0,
    )
    response.raise_for_status()
    data = response.json()
    if "data" not in data or not data["data"]:
        raise ValueError(f"introspection refused: {str(data.get('errors'))[:300]}")
    return print_schema(build_client_schema(data["data"])) + "\n"


def main(argv: list[str] | None = None) -> int:
    from graphql import build_schema, find_breaking_changes

    parser = argparse.ArgumentParser(
        prog="python -m tools.servers.labelbox_schema",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--endpoint",
        default=next((os.environ[v] for v in ENDPOINT_VARS if os.environ.get(v)), None),
        help=f"the GraphQL endpoint to introspect (default: ${' or $'.join(ENDPOINT_VARS)})",
    )
    parser.add_argument("--recorded", action="store_true", help="use the recorded documents, do not run the SDK")
    args = parser.parse_args(argv)
    ours = build_schema(SDL.read_text(encoding="utf-8"))
    api_key = os.environ.get("LABELBOX_API_KEY")
    if args.endpoint and api_key:
        try:
            live_sdl = introspect(args.endpoint, api_key)
        except Exception as exc:  # network, auth, a server that refuses introspection: say so and stop
            print(f"labelbox: introspection of {args.endpoint} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 2
        LIVE.parent.mkdir(parents=True, exist_ok=True)
        LIVE.write_text(live_sdl, encoding="utf-8")
        live = build_schema(live_sdl)
        changes = find_breaking_changes(ours, live)
        print(f"labelbox: introspected {args.endpoint} -> {LIVE.relative_to(REPO)}")
        print(f"  our SDL has {len(changes)} thing(s) the live API lacks or types differently:")
        print("\n".join(f"    - {c.type.name}: {c.description}" for c in changes) or "    (none)")
        documents, origin = sdk_documents(recorded=args.recorded)
        print(f"  the SDK's documents ({origin}) against the live SDL:")
        found = classify(live, documents)
        print("\n".join(render(found)))
        return 1 if changes or any(found.values()) else 0
    why = "no endpoint given" if not args.endpoint else "LABELBOX_API_KEY is not set"
    print(f"labelbox: live introspection skipped ({why}; set LABELBOX_ENDPOINT and LABELBOX_API_KEY)")
    documents, origin = sdk_documents(recorded=args.recorded)
    found = classify(ours, documents)
    print(f"labelbox: {len(documents)} GraphQL documents {origin}, validated against {SDL.relative_to(REPO)}:")
    print("\n".join(render(found)))
    return 1 if any(found.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
