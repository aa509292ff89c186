"""What a platform offers the command line. One subclass per platform (`_platforms/<name>.py`, found through the
registry's names); the command line builds its commands from them. Adapters only map commands onto the facade's
verbs (planning and bookkeeping stay in the jobs and the engine).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medannot.cli._credentials import Credentials
from medannot.cli._errors import Unsupported


@dataclass(frozen=True)
class Target:
    """Where a command goes: the server's URL, the container (kind and name) if any, and the credentials."""

    platform: str
    url: str
    credentials: Credentials
    kind: str | None = None
    container: str | None = None
    timeout: float | None = None


@dataclass(frozen=True)
class Verb:
    """A platform's own command: `run(adapter, **options)` with typer options described by `params`
    (name -> (type, default, help))."""

    name: str
    help: str
    run: Callable[..., int]
    params: dict[str, tuple[Any, Any, str]] = field(default_factory=dict)


class Adapter:
    """Base: every operation is `Unsupported` until a platform offers it."""

    name = ""
    default_url: str | None = None
    #: what `ls` lists without --what, and the other listings it offers
    listings: tuple[str, ...] = ("items",)
    verbs: tuple[Verb, ...] = ()

    def __init__(self, target: Target) -> None:
        self.target = target

    @contextmanager
    def client(self) -> Iterator[Any]:
        raise Unsupported(f"{self.name}: no client")
        yield

    def ls(self, client: Any, what: str) -> Iterable[Any]:
        raise Unsupported(f"{self.name} has no listing {what!r}")

    def file_sink(self, client: Any) -> Any:
        raise Unsupported(f"{self.name}: upload is not offered")

    def file_source(self, client: Any, *, tag: str | None) -> Any:
        raise Unsupported(f"{self.name}: download is not offered")

    def case_source(self, client: Any, *, tag: str) -> Any:
        raise Unsupported(f"copy from {self.name} is not offered yet (see docs/cli.md, 'Adding a copy direction')")

    def case_sink(self, client: Any, *, tag: str) -> Any:
        raise Unsupported(f"copy to {self.name} is not offered yet (see docs/cli.md, 'Adding a copy direction')")

    def export(self, client: Any, dest: Path, **options: Any) -> dict[str, Any]:
        raise Unsupported(f"{self.name}: export is not offered")

    def require_container(self, *kinds: str) -> str:
        from medannot.errors import BadInput

        if self.target.container is None or (kinds and self.target.kind not in kinds):
            wanted = " or ".join(f"/{k}/<name>" for k in kinds) or "/<kind>/<name>"
            raise BadInput(f"{self.name}: the URL must name a container ({wanted} after the server's URL)")
        return self.target.container


def adapter_class(platform: str) -> type[Adapter]:
    import importlib

    module = importlib.import_module(f"medannot.cli._platforms.{platform}")
    cls: type[Adapter] = module.ADAPTER
    return cls
