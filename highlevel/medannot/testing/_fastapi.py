"""What a FastAPI server looks like on the wire, rebuilt on plain Starlette (for emulating FastAPI servers).

FastAPI itself is not a dependency: its routing and error shapes are few and stable, and reproducing them
keeps the emulator's faults (and the client's handling of them) exactly those of the real server.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

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
