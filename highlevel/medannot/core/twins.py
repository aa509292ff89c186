"""Names an async source imports so that its generated sync twin type-checks: `Awaitable[T]` becomes
`Immediate[T]`, which is `T` itself (see tools/codegen/twins.py)."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated, TypeVar

T = TypeVar("T")

Immediate = Annotated[T, "the sync twin of Awaitable[T]"]

__all__ = ["Awaitable", "Immediate"]
