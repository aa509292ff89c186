"""Binary answers (SVG, NIfTI): returned as bytes, or streamed atomically into a file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from medannot.core._async.session import AsyncSession
from medannot.core.downloads import asave_response, resolve_target

Destination = str | os.PathLike[str]


async def bytes_or_file(
    session: AsyncSession, request: dict[str, Any], filename: Destination | None, default_name: str
) -> bytes | Path:
    """The body of `request` (a generated operation's `_get_kwargs(...)`, so the route is the schema's own):
    bytes when `filename` is None, else streamed atomically to `filename` (a file, or a directory that gets
    `default_name`) whose path is returned. A missing directory is `BadInput`, before anything is sent."""
    if filename is None:
        return (await session.request(**request)).content
    resolve_target(filename, None, default_name)
    async with session.stream(**request) as response:
        return await asave_response(response, filename, default_name=default_name)
