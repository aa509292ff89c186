"""Locations for `medannot copy SRC DST`: `<platform>+<http|https>://host[:port][/<container>]`, or a local folder.

    monailabel+http://127.0.0.1:8000                      a MONAI Label datastore (the server is the container)
    datamint+https://api.datamint.io/project/<name>       a Datamint project
    grandchallenge+https://grand-challenge.org/archive/<slug>   a Grand Challenge archive
    labelbox+https://api.labelbox.com/dataset/<id>        a Labelbox dataset (or /project/<id>)
    phas+https://host/task/<id>                           a PHAS task
    ./folder, /abs/folder, file:///abs/folder             a local folder (MSD layout: dataset.json, imagesTr, labelsTr)

The container is the path's last `<kind>/<name>` pair, whose kind must be one the platform knows
(`CONTAINER_KINDS`); what comes before it is the server's base path (`https://host/prefix/project/x` keeps
`/prefix`). Query strings, fragments and user info are refused: credentials never travel in a location.
Standard library only (parsed before anything heavy is imported).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from medannot.registry import PLATFORMS

#: The container kinds each platform's locations may name; the first is the default for `ls`/`upload`.
CONTAINER_KINDS: dict[str, tuple[str, ...]] = {
    "monailabel": (),  # the datastore is the server
    "datamint": ("project", "dataset"),
    "grandchallenge": ("archive", "reader-study", "algorithm"),
    "labelbox": ("dataset", "project"),
    "phas": ("task", "project"),
}


class LocationError(ValueError):
    """A location that cannot be read; the message says what is expected."""


@dataclass(frozen=True)
class Location:
    """A parsed location. `platform` is "local" for a folder (then `path` is set)."""

    platform: str
    url: str = ""  # the server's base URL (scheme, host, port, base path), without a trailing slash
    kind: str | None = None  # container kind ("project", "archive", ...), None for the whole server
    container: str | None = None  # container name or id, unquoted
    path: Path | None = None  # local folder

    @property
    def is_local(self) -> bool:
        return self.platform == "local"

    def __str__(self) -> str:
        if self.is_local:
            return str(self.path)
        tail = f"/{self.kind}/{self.container}" if self.kind else ""
        return f"{self.platform}+{self.url}{tail}"

    def canonical(self) -> str:
        """The form that keys the manifest: absolute path for a folder, normalised URL otherwise."""
        if self.is_local:
            assert self.path is not None
            return "local:" + os.path.abspath(self.path)
        return str(self)


def parse(text: str) -> Location:
    """Parse a location (see the module doc); `LocationError` with what was expected otherwise."""
    if not isinstance(text, str) or not text.strip():
        raise LocationError("a location is empty")
    text = text.strip()
    scheme, sep, _ = text.partition("://")
    if not sep or "/" in scheme or "\\" in scheme:  # a path (C:\\x has no ://)
        return Location("local", path=Path(text).expanduser())
    if scheme == "file":
        parts = urlsplit(text)
        if parts.netloc not in ("", "localhost"):
            raise LocationError(f"file:// locations must be local, not on {parts.netloc!r}")
        return Location("local", path=Path(unquote(parts.path)))
    platform, plus, transport = scheme.partition("+")
    if not plus:
        raise LocationError(
            f"{text!r}: write <platform>+{scheme}://host[:port][/<container>] (platforms: {', '.join(PLATFORMS)}) "
            "or a local folder"
        )
    platform = platform.lower()
    if platform not in PLATFORMS:
        raise LocationError(f"unknown platform {platform!r} in {text!r}; known: {', '.join(PLATFORMS)}")
    if transport.lower() not in ("http", "https"):
        raise LocationError(f"{text!r}: the transport after '+' must be http or https, not {transport!r}")
    parts = urlsplit(text[len(platform) + 1 :])
    if parts.username is not None or parts.password is not None:
        raise LocationError(
            "credentials do not belong in a location: use the environment, --api-key-file or the config"
        )
    if parts.query or parts.fragment:
        raise LocationError(f"{text!r}: a location has no query string or fragment")
    if not parts.hostname:
        raise LocationError(f"{text!r}: no host")
    try:
        port = parts.port
    except ValueError as exc:
        raise LocationError(f"{text!r}: {exc}") from None
    segments = [unquote(s) for s in parts.path.split("/") if s]
    kinds = CONTAINER_KINDS[platform]
    kind = container = None
    if len(segments) >= 2 and segments[-2] in kinds:
        kind, container = segments[-2], segments[-1]
        segments = segments[:-2]
    elif segments and segments[-1] in kinds:
        raise LocationError(f"{text!r}: {segments[-1]}/ needs a name or id after it")
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    netloc = host + (f":{port}" if port is not None else "")
    base = "/".join(segments)
    url = f"{transport.lower()}://{netloc}" + (f"/{base}" if base else "")
    return Location(platform, url=url, kind=kind, container=container)


__all__ = ["CONTAINER_KINDS", "Location", "LocationError", "parse"]
