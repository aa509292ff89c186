"""The schema this package was generated from (written by `make generate`; never edit)."""

from .. import SchemaInfo

SCHEMA = SchemaInfo(
    platform="phas",
    title="PHAS (PICSL Histology Annotation Server) client API",
    version="0.99.7",
    source="authored from the Flask routes of PHAS 0.99.7, proven by the official client against a real server (tests/oracle/test_phas_schema.py); make schemas-pull PLATFORM=phas compares it with the server's url_map",
    sha256="e570c690cf5bc2314eb83eca8f6b0ba4e4cb2b47c1d82b18529f27d646c6887e",
    file="openapi.json",
)
