"""Read a multipart response as it streams: small text/JSON parts in memory, file parts straight to disk.

Every fault of the answer is a `ResponseSchemaError`: not multipart, a broken part, a body that ends before
its closing boundary, a field that is too large, or whatever the caller's `validate` rejects. Files are
committed only when the whole answer was read and validated; on any failure none of them is left behind.
Two file parts of one answer never map to one path (the second gets `stem-1.ext`).
"""

from __future__ import annotations

import contextlib
import email.message
import email.utils
import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from medannot.core.downloads import CHUNK, atomic_file, check_content, resolve_target
from medannot.core.files import filename_from_content_disposition
from medannot.core.transport import mapped_errors
from medannot.errors import MedannotError, ResponseSchemaError

MAX_FIELD = 16 * 1024 * 1024  # a non-file part larger than this is not a field
MAX_HEADER = 64 * 1024  # the headers of one part


@dataclass
class MultipartResult:
    fields: dict[str, bytes] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)


def _text(raw: bytes) -> str:
    try:
        return raw.decode()
    except UnicodeDecodeError:  # RFC 7578 allows raw UTF-8; older servers send Latin-1
        return raw.decode("latin-1")


@contextlib.contextmanager
def _parser(
    response: httpx.Response,
    dest: str | os.PathLike[str],
    default_name: str,
    overwrite: bool,
    validate: Callable[[MultipartResult], object] | None,
    rename: bool = False,
) -> Iterator[_Feed]:
    """A parser fed with the body's chunks; parts with a filename go (atomically) under `dest`."""
    if response.status_code not in (200, 206):
        check_content(response)  # raises: a redirect, a 204... is not an answer
    ctype, options = parse_options_header(response.headers.get("content-type", ""))
    boundary = options.get(b"boundary")
    if ctype != b"multipart/form-data" or not boundary:
        raise ResponseSchemaError(f"expected a multipart response, got {response.headers.get('content-type')!r}")
    result = MultipartResult()
    state: dict[str, Any] = {}
    taken: set[Path] = set()
    with ExitStack() as files:

        def on_part_begin() -> None:
            state.update(headers={}, name="", sink=None, buffer=bytearray(), header_field=b"", header_value=b"")

        def on_header_field(data: bytes, start: int, end: int) -> None:
            state["header_field"] += data[start:end]
            _bound(state["header_field"])

        def on_header_value(data: bytes, start: int, end: int) -> None:
            state["header_value"] += data[start:end]
            _bound(state["header_value"])

        def on_header_end() -> None:
            state["headers"][_text(state["header_field"]).lower()] = _text(state["header_value"])
            state["header_field"], state["header_value"] = b"", b""

        def on_headers_finished() -> None:
            disposition = state["headers"].get("content-disposition", "")
            message = email.message.Message()
            message["content-disposition"] = disposition
            name = message.get_param("name", header="content-disposition") or ""
            state["name"] = name if isinstance(name, str) else email.utils.collapse_rfc2231_value(name)
            if message.get_filename():
                filename = filename_from_content_disposition(disposition)
                target = resolve_target(dest, filename, default_name, overwrite=overwrite, rename=rename, taken=taken)
                state["sink"] = files.enter_context(atomic_file(target, overwrite=overwrite))
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
        feed = _Feed(_guarded(parser.write), result)
        yield feed
        _guarded(parser.finalize)()
        if not state.get("complete"):
            raise ResponseSchemaError("the multipart response ended before its closing boundary")
        if validate is not None:
            validate(result)  # before the files are committed: a rejected answer leaves none behind


def _bound(value: bytes) -> None:
    if len(value) > MAX_HEADER:
        raise ResponseSchemaError(f"a multipart header is longer than {MAX_HEADER} bytes")


def _guarded(call: Callable[..., object]) -> Callable[..., object]:
    """The parser's own faults (and a callback's stray ValueError) as `ResponseSchemaError`."""

    def run(*args: Any) -> object:
        try:
            return call(*args)
        except MedannotError:
            raise
        except (MultipartParseError, ValueError, LookupError) as exc:
            raise ResponseSchemaError(f"malformed multipart response: {type(exc).__name__}: {exc}") from exc

    return run


@dataclass
class _Feed:
    write: Callable[[bytes], object]
    result: MultipartResult


def read_multipart(
    response: httpx.Response,
    dest: str | os.PathLike[str],
    default_name: str,
    *,
    overwrite: bool = False,
    validate: Callable[[MultipartResult], object] | None = None,
    rename: bool = False,
) -> MultipartResult:
    """Parts with a filename are saved (atomically) under `dest`; the others are kept as bytes. `overwrite`:
    replace existing files (default: `FileExists`); `rename`: save under a free name instead;
    `validate(result)` may raise to reject the answer before
    any file is committed. Raises `ResponseSchemaError` for a body that is not multipart, is malformed or ends
    early; no file is left behind then."""
    with mapped_errors(), _parser(response, dest, default_name, overwrite, validate, rename) as feed:
        for chunk in response.iter_bytes(CHUNK):
            feed.write(chunk)
    return feed.result


async def aread_multipart(
    response: httpx.Response,
    dest: str | os.PathLike[str],
    default_name: str,
    *,
    overwrite: bool = False,
    validate: Callable[[MultipartResult], object] | None = None,
    rename: bool = False,
) -> MultipartResult:
    """The async twin of `read_multipart`."""
    with mapped_errors(), _parser(response, dest, default_name, overwrite, validate, rename) as feed:
        async for chunk in response.aiter_bytes(CHUNK):
            feed.write(chunk)
    return feed.result
