"""One lazy, typed iterator for paged listings, whatever the paging style (offset or cursor).

A `Paginator` fetches a page only when iteration reaches it. `offset_pages` and `cursor_pages` adapt the
two styles platforms use (skip/first, and after/first with a next cursor) to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from medannot.errors import BadInput

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: Sequence[T]
    next: Any | None  # what fetches the following page; None on the last page


class Paginator(Generic[T]):
    def __init__(self, fetch: Callable[[Any | None], Page[T]], start: Any | None = None) -> None:
        self._fetch = fetch
        self._start = start

    def iter_pages(self) -> Iterator[Page[T]]:
        position: Any | None = self._start
        while True:
            page = self._fetch(position)
            yield page
            if page.next is None or page.next == position:
                return
            position = page.next

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.items

    def first(self, n: int) -> list[T]:
        """At most `n` items, fetching only the pages needed."""
        out: list[T] = []
        for item in self:
            if len(out) >= n:
                break
            out.append(item)
        return out

    def to_list(self) -> list[T]:
        return list(self)


def _check(page_size: int) -> None:
    if page_size < 1:
        raise BadInput("page_size must be at least 1")


def offset_pages(fetch: Callable[[int, int], Sequence[T]], page_size: int) -> Paginator[T]:
    """`fetch(skip, first)`: a short page is the last one."""
    _check(page_size)

    def page(skip: Any | None) -> Page[T]:
        offset = int(skip or 0)
        items = fetch(offset, page_size)
        return Page(items, offset + len(items) if len(items) == page_size else None)

    return Paginator(page)


def cursor_pages(fetch: Callable[[str | None, int], tuple[Sequence[T], str | None]], page_size: int) -> Paginator[T]:
    """`fetch(cursor, first) -> (items, next_cursor)`: no next cursor ends the listing."""
    _check(page_size)

    def page(cursor: Any | None) -> Page[T]:
        items, next_cursor = fetch(cursor, page_size)
        return Page(items, next_cursor or None)

    return Paginator(page)
