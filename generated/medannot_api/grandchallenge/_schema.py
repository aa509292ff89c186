"""The schema this package was generated from (written by `make generate`; never edit)."""

from .. import SchemaInfo

SCHEMA = SchemaInfo(
    platform="grandchallenge",
    title="Grand Challenge API",
    version="0.16.1",
    source="authored as the subset of https://grand-challenge.org/api/schema/ that gcapi 0.13.4 and 0.16.1 use, proven by tests/oracle/test_grandchallenge_oracle.py; make schemas-pull PLATFORM=grandchallenge compares it with the live one",
    sha256="96da946c5ba90b7cd993fbaf01648213b02042c2c9e471e6c07d55f4a120a6b9",
    file="openapi.json",
)
