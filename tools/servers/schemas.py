"""`make schemas-pull [PLATFORM=...]`: refresh or check each platform's schema against its source.

    python -m tools.servers.schemas [PLATFORM ...]      # default: every platform of the registry

- monailabel: pull /openapi.json from a real MONAI Label server (.cache/monailabel-venv) into schemas/monailabel/,
  and record where it came from (schemas/monailabel/source.yaml);
- phas: start the real PHAS server and compare its Flask url_map with schemas/phas/openapi.yaml (phas_routes.py);
- labelbox: introspect a live endpoint (LABELBOX_ENDPOINT + LABELBOX_API_KEY), else validate every document the
  installed SDK sends against schemas/labelbox/schema.graphql (labelbox_schema.py);
- grandchallenge: fetch the live /api/schema/ (network), reduce it to the operations medannot uses, compare
  (grandchallenge.py);
- datamint: run the installed SDKs against the emulator, list requests the schema does not fit (datamint_requests.py).

Each prints what it found; a refresh that cannot run here (no network, no PHAS SQL files, no key) says
"skipped" and why. Exit status 1 when a schema disagrees with its source, else 0. Then `make schemas-diff` shows what
regenerating would break (docs/regenerating.md).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from medannot import registry


def monailabel() -> int:
    from tools.codegen.provenance import write_provenance
    from tools.servers.monailabel import MONAILABEL_VERSION, SCHEMA_PATH, pull_schema

    path = pull_schema()
    write_provenance(
        path.parent,
        f"GET /openapi.json of a real MONAI Label {MONAILABEL_VERSION} server (auth on; tools/servers/monailabel.py,"
        " make schemas-pull), patched by schemas/monailabel/patch.yaml",
        MONAILABEL_VERSION,
        "Where openapi.json comes from; `make generate` records it, with the shipped schema's hash, as\n"
        "medannot_api.monailabel.SCHEMA (tools/codegen/provenance.py). Rewritten by `make schemas-pull "
        "PLATFORM=monailabel`.\nversion: the MONAI Label release the schema was pulled from (the schema's own "
        "info.version is FastAPI's default\n0.1.0); the facade compares it with `info().version`, which MONAI "
        "Label's sample apps set to the release.",
    )
    print(f"monailabel: wrote {path.relative_to(SCHEMA_PATH.parents[2])} from a real MONAI Label {MONAILABEL_VERSION}")
    return 0


def phas() -> int:
    from tools.servers import phas_routes

    return phas_routes.main()


def labelbox() -> int:
    from tools.servers import labelbox_schema

    return labelbox_schema.main([])


def grandchallenge() -> int:
    from tools.servers import grandchallenge as gc

    status = gc.pull_schema()
    if status == 2:
        print("grandchallenge: skipped: the live schema cannot be fetched here (no network); see the message above")
        return 0
    return status


def datamint() -> int:
    from tools.servers import datamint_requests

    return datamint_requests.main([])


REFRESH: dict[str, Callable[[], int]] = {
    "monailabel": monailabel,
    "phas": phas,
    "labelbox": labelbox,
    "grandchallenge": grandchallenge,
    "datamint": datamint,
}


def main(argv: list[str]) -> int:
    names = argv or [name for name in registry.PLATFORMS if name in REFRESH]
    unknown = [n for n in names if n not in REFRESH]
    if unknown:
        print(f"unknown platform(s) {', '.join(unknown)}; any of {', '.join(REFRESH)}", file=sys.stderr)
        return 2
    missing = [name for name in registry.PLATFORMS if name not in REFRESH]
    if missing and not argv:
        print(f"no refresh defined for {', '.join(missing)} (add one to tools/servers/schemas.py)")
    status = 0
    for name in names:
        print(f"== {name}", flush=True)
        status = max(status, REFRESH[name]())
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
