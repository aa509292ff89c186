"""The schema this package was generated from (written by `make generate`; never edit)."""

from .. import SchemaInfo

SCHEMA = SchemaInfo(
    platform="labelbox",
    title="Labelbox GraphQL API",
    version="7.17.0",
    source="authored from the GraphQL documents of the labelbox SDK 7.17.0, proven by tests/oracle/test_labelbox_sdk.py; make schemas-pull PLATFORM=labelbox introspects a live endpoint or re-validates the SDK's documents",
    sha256="f6369a733c521a940d3017af32bf1dc6e53c239216b449f46ba53f97e8d992ef",
    file="schema.graphql",
)
