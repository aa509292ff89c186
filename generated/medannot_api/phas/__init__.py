"""A client library for accessing PHAS (PICSL Histology Annotation Server) client API"""

# medannot's template (tools/codegen/templates/rest/): `SCHEMA` says which schema this package was generated from;
# `_schema.py` is written by tools/codegen (provenance.py) beside the shipped schema file.
from ._schema import SCHEMA
from .client import AuthenticatedClient, Client

__all__ = (
    "SCHEMA",
    "AuthenticatedClient",
    "Client",
)
