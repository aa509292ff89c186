"""The schema this package was generated from (written by `make generate`; never edit)."""

from .. import SchemaInfo

SCHEMA = SchemaInfo(
    platform="datamint",
    title="Datamint REST API (the subset its Python SDKs use)",
    version="2.45.0",
    source="authored from the requests of the datamint SDKs 2.6.0 and 2.45.0, proven by tests/oracle/test_datamint_oracle.py; make schemas-pull PLATFORM=datamint validates every request of the installed SDKs against it",
    sha256="2d6bd7de106cdce748a1376165eef11eb640c971700eaeb675fbacbe3faf27df",
    file="openapi.json",
)
