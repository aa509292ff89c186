"""Generated low-level clients (output of `make generate`; never edit)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SchemaInfo:
    """The schema a generated client was generated from: `medannot_api.<platform>.SCHEMA`."""

    platform: str
    """The registry name, e.g. "monailabel"."""
    title: str
    """The API's title as the schema gives it."""
    version: str
    """The server (or API) version the schema describes: what a facade compares with the server's own."""
    source: str
    """Where the schema comes from (a real server, the live site, or authored and proven by an official client)."""
    sha256: str
    """Hex SHA-256 of `file`, the schema shipped inside the package (what was generated from)."""
    file: str
    """The shipped schema's file name inside the package."""


__all__ = ["SchemaInfo"]
