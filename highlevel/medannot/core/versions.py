"""The server's version against the schema medannot's client was generated from (`medannot_api.<platform>.SCHEMA`).

A facade that learns the server's version (MONAI Label `info().version`, Grand Challenge `GET gcapi/`) hands it to
`check_server_version`, which warns once per server and reported version with `SchemaVersionWarning` when it
differs from the schema's: calls may then meet routes or fields the generated client does not know. The warning is
advice, not an error (servers often keep their API across releases); `docs/regenerating.md` says how to refresh.
"""

from __future__ import annotations

import functools
import importlib
import threading
import warnings
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from medannot_api import SchemaInfo

__all__ = ["SchemaVersionWarning", "check_server_version"]

_seen: set[tuple[str, str, str]] = set()
_lock = threading.Lock()


class SchemaVersionWarning(UserWarning):
    """The server reports another version than the one medannot's schema for it describes."""


def check_server_version(platform: str, server: str, reported: object, *, what: str, stacklevel: int = 2) -> None:
    """Warn once per (platform, server, reported version) when `reported` differs from the schema's version.

    `server`: the server's base URL (redacted here, only when a warning is shown); `what`: where the version comes
    from, for the message; `stacklevel`: as `warnings.warn`'s, counted from the caller (2: the caller's caller, the
    user of a facade method).
    A missing or non-text version says nothing and never warns.
    """
    if not isinstance(reported, str) or not reported:
        return
    schema = _schema(platform)
    if reported == schema.version:
        return
    key = (platform, server, reported)
    with _lock:
        if key in _seen:
            return
        _seen.add(key)
    from medannot.core.redact import redact_url

    warnings.warn(
        f"{redact_url(server)} reports version {reported} ({what}), but medannot's {platform} client was generated"
        f" from a schema for version {schema.version} ({schema.source}); calls may not match this server. See"
        " docs/regenerating.md to refresh the schema.",
        SchemaVersionWarning,
        stacklevel=stacklevel + 1,
    )


@functools.cache
def _schema(platform: str) -> SchemaInfo:
    """`medannot_api.<platform>.SCHEMA`, looked up once (facades call `check_server_version` on every `info()`)."""
    schema: SchemaInfo = importlib.import_module(f"medannot_api.{platform}").SCHEMA
    return schema
