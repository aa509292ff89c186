"""Read a multipart response as it streams: small text/JSON parts in memory, file parts straight to disk."""

from __future__ import annotations

import email.message
import os
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from python_multipart.multipart import MultipartParser, parse_options_header

from medannot.core.downloads import CHUNK, atomic_file, resolve_target
from medannot.core.files import filename_from_content_disposition
from medannot.core.transport import translate_transport_errors
from medannot.errors import ResponseSchemaError

MAX_FIELD = 16 * 1024 * 1024  # a non-file part larger than this is not a field


@dataclass
class MultipartResult:
    fields: dict[str, bytes] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)


def read_multipart(response: httpx.Response, dest: str | os.PathLike[str], default_name: str) -> MultipartResult:
    """Parts with a filename are saved (atomically) under `dest`; the others are kept as bytes."""
    ctype, options = parse_options_header(response.headers.get("content-type", ""))
    boundary = options.get(b"boundary")
    if ctype != b"multipart/form-data" or not boundary:
        raise ResponseSchemaError(f"expected a multipart response, got {response.headers.get('content-type')!r}")
    result = MultipartResult()
    state: dict[str, Any] = {}
    with ExitStack() as files:

        def on_part_begin() -> None:
            state.update(headers={}, name="", sink=None, buffer=bytearray(), header_field=b"", header_value=b"")

        def on_header_field(data: bytes, start: int, end: int) -> None:
            state["header_field"] += data[start:end]

        def on_header_value(data: bytes, start: int, end: int) -> None:
            state["header_value"] += data[start:end]

        def on_header_end() -> None:
            state["headers"][state["header_field"].decode().lower()] = state["header_value"].decode()
            state["header_field"], state["header_value"] = b"", b""

        def on_headers_finished() -> None:
            disposition = state["headers"].get("content-disposition", "")
            message = email.message.Message()
            message["content-disposition"] = disposition
            state["name"] = message.get_param("name", header="content-disposition") or ""
            if message.get_filename():
                filename = filename_from_content_disposition(disposition)
                target = resolve_target(dest, filename, default_name)
                state["sink"] = files.enter_context(atomic_file(target))
                result.files[str(state["name"])] = target

        def on_part_data(data: bytes, start: int, end: int) -> None:
            if state["sink"] is not None:
                state["sink"].write(data[start:end])
                return
            state["buffer"] += data[start:end]
            if len(state["buffer"]) > MAX_FIELD:
                raise ResponseSchemaError(f"multipart field {state['name']!r} is larger than {MAX_FIELD} bytes")

        def on_part_end() -> None:
            if state["sink"] is None:
                result.fields[str(state["name"])] = bytes(state["buffer"])

        def on_end() -> None:
            state["complete"] = True

        parser = MultipartParser(
            boundary,
            {
                "on_part_begin": on_part_begin,
                "on_header_field": on_header_field,
                "on_header_value": on_header_value,
                "on_header_end": on_header_end,
                "on_headers_finished": on_headers_finished,
                "on_part_data": on_part_data,
                "on_part_end": on_part_end,
                "on_end": on_end,
            },
        )
        with translate_transport_errors():
            for chunk in response.iter_bytes(CHUNK):
                parser.write(chunk)
        parser.finalize()
        if not state.get("complete"):
            raise ResponseSchemaError("the multipart response ended before its closing boundary")
    return result
