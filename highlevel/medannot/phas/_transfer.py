"""Binary answers (SVG, NIfTI): returned as bytes, or streamed atomically into a file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from medannot.core.downloads import resolve_target, save_response
from medannot.core.transport import Session

Destination = str | os.PathLike[str]


def bytes_or_file(
    session: Session, request: dict[str, Any], filename: Destination | None, default_name: str
) -> bytes | Path:
    """`request`: a generated operation's `_get_kwargs(...)`, so the route is the schema's own."""
    if filename is None:
        return session.request(**request).content
    resolve_target(filename, None, default_name)  # a missing directory is refused before sending
    with session.stream(**request) as response:
        return save_response(response, filename, default_name=default_name)
