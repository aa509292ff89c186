"""The shared Contract, told how PHAS's media types read.

Text bodies (CSV, SVG) and PNG images are typed `string` in the schema (with a contentMediaType); openapi-core
hands them over as bytes, which OAS 3.1 `type: string` rejects, so they are read as text (PNG as Latin-1: its
bytes are opaque to the schema anyway). JSON served as text/html is listed in the schema under both types;
such a body is also read as application/json, the way the oracle test reads the real server's answers.
"""

from __future__ import annotations

from medannot.testing._openapi import Contract, SchemaSource


def _latin1(value: bytes, **parameters: str) -> str:
    return value.decode("latin-1")


def _text(value: bytes, **parameters: str) -> str:
    return value.decode(parameters.get("charset", "utf-8"))


def phas_contract(source: SchemaSource) -> Contract:
    return Contract(
        source,
        media_type_readers={"text/csv": _text, "image/svg+xml": _text, "image/png": _latin1},
        served_as={"text/html": "application/json"},
    )
