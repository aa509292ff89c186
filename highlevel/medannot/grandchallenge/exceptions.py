"""The errors of `medannot.grandchallenge`, under gcapi's names where gcapi has one, all `MedannotError`s.

`ObjectNotFound` is a `medannot.errors.NotFound` (so both `except` spellings catch it); `MultipleObjectsReturned`
is raised by `detail(**filters)` when more than one object matches. `JobFailed` and `ImportFailed` are raised by
`wait()` when the server's background work ends badly: `.status` is the server's status text, `.messages` the
server's own per-file messages (possibly empty: the server does not always say why).
"""

from __future__ import annotations

from collections.abc import Sequence

from medannot.errors import APIError, BadInput, MedannotError, NotFound

GCAPIError = MedannotError  # gcapi's base class: every error medannot raises is one


class ObjectNotFound(NotFound):
    """Zero objects found when one was expected (a 404, or no match for `detail(**filters)`)."""


class SocketNotFound(ObjectNotFound):
    """A socket (component interface) slug that does not exist; `.slug` is the slug."""

    def __init__(self, message: str, *, slug: str, **kwargs: object) -> None:
        self.slug = slug
        super().__init__(message, **kwargs)  # type: ignore[arg-type]


class MultipleObjectsReturned(MedannotError, LookupError):
    """`detail(**filters)` matched more than one object; `.count` is how many the server counts."""

    def __init__(self, message: str, *, count: int | None = None) -> None:
        super().__init__(message)
        self.count = count


class ProcessingFailed(MedannotError):
    """Background work on the server (a job, an import) ended in a failed state.

    `.status` is the server's status text (`Failed`, `Cancelled`), `.url` the API URL of the object, and
    `.messages` the server's words, one per file where it gives them."""

    def __init__(self, message: str, *, status: str, url: str | None = None, messages: Sequence[str] = ()) -> None:
        self.status: str = status
        self.url: str | None = url
        self.messages: list[str] = list(messages)
        shown = f": {'; '.join(self.messages)}" if self.messages else " (the server gave no reason)"
        super().__init__(f"{message} ended {status}{shown}")


class JobFailed(ProcessingFailed):
    """An algorithm job ended `Failed` or `Cancelled`."""


class ImportFailed(ProcessingFailed):
    """An upload session or an archive-item / display-set import failed; `.messages` are the per-file reasons."""


__all__ = [
    "APIError",
    "BadInput",
    "GCAPIError",
    "ImportFailed",
    "JobFailed",
    "MultipleObjectsReturned",
    "ObjectNotFound",
    "ProcessingFailed",
    "SocketNotFound",
]
