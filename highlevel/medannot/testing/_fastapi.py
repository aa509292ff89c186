"""What a FastAPI server looks like on the wire, rebuilt on plain Starlette (for emulating FastAPI servers).

FastAPI itself is not a dependency: its routing and error shapes are few and stable, and reproducing them
keeps the emulator's faults (and the client's handling of them) exactly those of the real server.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Literal

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

Handler = Callable[[Request], Awaitable[Response]]


def route(method: str, path: str, endpoint: Handler) -> Route:
    """A route for one method: FastAPI, unlike Starlette, does not answer HEAD on a GET route (405)."""
    served = Route(path, endpoint, methods=[method])
    served.methods = {method.upper()}
    return served


async def http_exception(request: Request, exc: Exception) -> Response:
    """FastAPI's handler: `{"detail": ...}` as JSON, with the exception's headers (WWW-Authenticate...)."""
    assert isinstance(exc, HTTPException)
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


def missing(*loc: str) -> dict[str, object]:
    """One item of FastAPI's 422 `detail` list, for a required field that was not sent."""
    return {"type": "missing", "loc": list(loc), "msg": "Field required", "input": None}


def validation_error(*items: dict[str, object]) -> Response:
    """FastAPI's 422 answer to a request its parameters or body do not fit."""
    return JSONResponse({"detail": list(items)}, status_code=422)


BodyKind = Literal["form", "json"]
_UNPARSABLE = {"detail": "There was an error parsing the body"}


def reading_body(kind: BodyKind | None, endpoint: Handler, *, buffer_up_to: int = 1024 * 1024) -> Handler:
    """FastAPI reads the body of a route with body parameters first, before it resolves dependencies (auth
    included) and validates parameters; a body it cannot read is answered at once:

    - form routes (`Form`/`File` parameters): Starlette's parser; a malformed multipart body is 400 with its
      message (`Invalid multipart data.`, `Missing boundary in multipart.`, ...);
    - JSON routes, when the body is not empty and the content type is JSON or absent: `json_invalid` 422 for
      text that is not JSON, 400 `There was an error parsing the body` for bytes that are not text.

    The parsed form stays cached on the request for the handler. Bodies up to `buffer_up_to` bytes (with a
    Content-Length) are read into memory first, so that schema validation can read them too; larger ones stream.
    """
    if kind is None:
        return endpoint

    async def read(request: Request) -> Response:
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) <= buffer_up_to:
            await request.body()
        if kind == "form":
            try:
                await request.form()
            except HTTPException as error:  # Starlette's MultiPartException, as FastAPI passes it on
                return JSONResponse({"detail": error.detail}, status_code=error.status_code)
            except Exception:
                return JSONResponse(_UNPARSABLE, status_code=400)
        else:
            failure = _json_failure(request, await request.body())
            if failure is not None:
                return failure
        return await endpoint(request)

    return read


def _json_failure(request: Request, body: bytes) -> Response | None:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    subtype = media_type.partition("/")[2]
    if not body or (media_type and subtype != "json" and not subtype.endswith("+json")):
        return None  # FastAPI hands the raw bytes to validation
    try:
        json.loads(body)
    except json.JSONDecodeError as error:
        item = {"type": "json_invalid", "loc": ["body", error.pos], "msg": "JSON decode error", "input": {}}
        return JSONResponse({"detail": [{**item, "ctx": {"error": error.msg}}]}, status_code=422)
    except Exception:  # not UTF-8/16/32 text, or nesting too deep
        return JSONResponse(_UNPARSABLE, status_code=400)
    return None
