"""Binary answers (SVG, NIfTI): returned as bytes, or streamed atomically into a file; only a real file counts.

Both ways go through `medannot.core.downloads`: the answer must be a 200/206 with a non-empty body of the
announced length (`check_content`: no redirect, 204, HTML login page or JSON answer), and of the media type the
real PHAS 0.99.7 server sends for that route (`image/svg+xml` for SVG, `application/octet-stream` for .nii.gz;
see docs/phas-server.md); anything else is a `ResponseSchemaError` and writes nothing. A file is saved as served
(no transparent decoding), atomically, and never over an existing file unless `overwrite=True`; the destination
is checked before anything is sent.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import httpx

from medannot.core._async.session import AsyncSession
from medannot.core.downloads import asave_response, check_content, prepare_destination, resolve_target
from medannot.core.validate import require_bool
from medannot.errors import ResponseSchemaError

Destination = str | os.PathLike[str]

SVG_TYPES = ("image/svg+xml",)
# PHAS sends its .nii.gz files as application/octet-stream; the gzip types are what a proxy or a fixed server
# might say instead, and are the same bytes.
NIFTI_GZ_TYPES = ("application/octet-stream", "application/gzip", "application/x-gzip")


def check_destination(filename: Destination | None, overwrite: object) -> bool:
    """Check a download's destination before anything is sent (see `bytes_or_file`); returns `overwrite`."""
    overwrite = require_bool(overwrite, "overwrite")
    if filename is not None:
        prepare_destination(filename, overwrite=overwrite, what="filename")
    return overwrite


async def bytes_or_file(
    session: AsyncSession,
    request: dict[str, Any],
    filename: Destination | None,
    default_name: str,
    *,
    media_types: tuple[str, ...],
    overwrite: bool = False,
) -> bytes | Path:
    """The body of `request` (a generated operation's `_get_kwargs(...)`, so the route is the schema's own):
    bytes when `filename` is None, else streamed atomically to `filename` (a file, or a directory that gets
    `default_name`) whose path is returned. A missing directory is `BadInput`, an existing file `FileExists`
    (unless `overwrite`), both before anything is sent; an answer that is not a file of one of `media_types`
    is a `ResponseSchemaError`."""
    overwrite = check_destination(filename, overwrite)
    if filename is not None:
        resolve_target(filename, None, default_name, overwrite=overwrite)
    async with session.stream(**request) as response:
        announced = check_content(response, default_name)  # status, empty body, HTML page or JSON answer
        _check_type(response, media_types, default_name)
        if filename is not None:
            return await asave_response(response, filename, default_name=default_name, overwrite=overwrite)
        body = b"".join([chunk async for chunk in response.aiter_raw()])  # as served, like a saved file
    if not body or (announced is not None and len(body) != announced):
        raise ResponseSchemaError(f"{default_name}: the server sent {len(body)} bytes, announced {announced}")
    return body


def _check_type(response: httpx.Response, media_types: tuple[str, ...], default_name: str) -> None:
    served = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if served not in media_types:
        got = served or "no content type"
        raise ResponseSchemaError(
            f"expected {' or '.join(media_types)} for {default_name}, got {got}; nothing was saved"
        )
