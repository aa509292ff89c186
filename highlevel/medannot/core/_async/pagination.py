"""One lazy, typed iterator for paged listings, whatever the paging style.

An `AsyncPaginator` fetches a page only when iteration reaches it, or, when a fetch returns a `LazyPage` (its
items still to be checked and parsed), as that page is parsed: the server prepares the next page meanwhile
(`medannot.core.readahead`: a thread, or an asyncio task). Thousands of typed items take tenths of a second to
parse, which a real server's page time then hides; a listing left early drops the page read ahead. The strategies
adapt the styles platforms
use: `offset_pages` (skip/first), `cursor_pages` (after/first with a next cursor) and `next_url_pages`
(Django REST framework's `{"count", "next", "previous", "results"}` envelope).

A listing never ends silently before its end: servers cap page sizes below what was asked, so a short page
proves nothing. Offset listings end on an empty page, cursor and next-URL listings when the server gives no
next position. A next position seen before, or fewer items than the server's own count, is a
`ResponseSchemaError`.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Hashable, Mapping, Sequence
from contextlib import aclosing
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from medannot.core.readahead import AsyncReadAhead, aread_ahead
from medannot.core.response import parse_all
from medannot.core.tables import Listing
from medannot.core.twins import Awaitable
from medannot.core.validate import require_int
from medannot.errors import ResponseSchemaError

T = TypeVar("T")
U = TypeVar("U")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page: its items, the position of the following page (None on the last page; hashable, as the
    paginator remembers positions to catch loops) and the server's count of all items when it gives one."""

    items: Sequence[T]
    next: Hashable | None
    total: int | None = None


@dataclass(frozen=True)
class LazyPage(Generic[T]):
    """A page whose items are made when the paginator calls `parse()` (the page's JSON checked and parsed): it
    asks for the following page first, so the server prepares that page while this one is parsed."""

    parse: Callable[[], Sequence[T]]
    next: Hashable | None
    total: int | None = None


@dataclass(frozen=True)
class DrfPage(Generic[T]):
    """One page of a Django REST framework listing: `results`, the absolute URL of the `next` page (None on
    the last one) and `count` of all items (None under cursor pagination, which gives none)."""

    results: Sequence[T]
    next: str | None
    count: int | None = None

    @staticmethod
    def from_json(data: object, item: Callable[[Any], U]) -> DrfPage[U]:
        """The page in a decoded DRF envelope, each result converted by `item`; `ResponseSchemaError` when
        `data` is not such an envelope."""
        results, next_url, count = _drf_envelope(data)
        return DrfPage(parse_all(item, results), next_url, count)

    @staticmethod
    def lazy_json(data: object, item: Callable[[Any], U]) -> LazyPage[U]:
        """`from_json` as a `LazyPage` for `next_url_pages`: the envelope checked now, the results converted
        while the next page is fetched."""
        results, next_url, count = _drf_envelope(data)
        return LazyPage(functools.partial(parse_all, item, results), next_url, count)


def _drf_envelope(data: object) -> tuple[list[Any], str | None, int | None]:
    if not isinstance(data, Mapping) or not isinstance(data.get("results"), list):
        raise ResponseSchemaError(f"expected a paginated listing with a 'results' list, got {_shape(data)}")
    next_url, count = data.get("next"), data.get("count")
    if next_url is not None and not isinstance(next_url, str):
        raise ResponseSchemaError(f"a listing's 'next' must be a URL or null, not {type(next_url).__name__}")
    if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 0):
        raise ResponseSchemaError(f"a listing's 'count' must be a non-negative integer, not {_shape(count)}")
    return data["results"], next_url or None, count


class AsyncPaginator(Generic[T]):
    """`async for item in paginator`, page by page as iteration needs them; each iteration starts over.

    `fetch(position)` returns the page at `position` (`start` for the first page). Raises what `fetch`
    raises, and `ResponseSchemaError` when the server's next position repeats (the listing would never end)
    or the listing ends short of the server's count.
    """

    def __init__(self, fetch: Callable[[Any], Awaitable[Page[T] | LazyPage[T]]], start: Hashable | None = None) -> None:
        self._fetch = fetch
        self._start = start

    async def iter_pages(self) -> AsyncGenerator[Page[T], None]:
        """The pages in order, each fetched when iteration asks for it (and the next one while a `LazyPage` is
        parsed); the errors are checked after the page that shows them was given."""
        position = self._start
        visited = {position}
        seen = 0
        ahead: AsyncReadAhead[Page[T] | LazyPage[T]] | None = None
        try:
            for number in itertools.count(1):
                fetched = await ahead.result() if ahead is not None else await self._fetch(position)
                ahead = None
                if isinstance(fetched, LazyPage):
                    if fetched.next is not None and fetched.next not in visited:
                        ahead = await aread_ahead(self._fetch, fetched.next)
                    page = Page(fetched.parse(), fetched.next, fetched.total)
                else:
                    page = fetched
                seen += len(page.items)
                yield page
                if page.next is None:
                    if page.total is not None and seen < page.total:
                        raise ResponseSchemaError(
                            f"the listing ended after {seen} of the {page.total} items the server counts"
                        )
                    return
                if page.next in visited:
                    raise ResponseSchemaError(f"page {number} of the listing points back to an earlier page")
                visited.add(page.next)
                position = page.next
        finally:
            if ahead is not None:  # iteration left early (or a page failed to parse): the next page is not wanted
                await ahead.drop()

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.items:  # noqa: UP028, RUF100 (a loop: the async source cannot `yield from`)
                yield item

    async def first(self, n: int) -> Listing[T]:
        """At most `n` items, fetching only the pages needed (none for `n=0`)."""
        n = require_int(n, "n", min=0)
        out: Listing[T] = Listing()
        if n == 0:
            return out
        async with aclosing(self.iter_pages()) as pages:
            async for page in pages:
                out.extend(page.items[: n - len(out)])
                if len(out) == n:
                    break
        return out

    async def to_list(self) -> Listing[T]:
        """Every item of the listing (all its pages, fetched in turn), as a `Listing` (a list with
        `.to_pandas()`)."""
        return Listing([item async for item in self])

    async def to_pandas(self, *, flatten: bool = True) -> Any:
        """Every item as one row of a `pandas.DataFrame` (pandas is optional: an `ImportError` names the extra).
        Nested objects become dotted columns unless `flatten=False`."""
        return (await self.to_list()).to_pandas(flatten=flatten)


def offset_pages(fetch: Callable[[int, int], Awaitable[Sequence[T]]], page_size: int) -> AsyncPaginator[T]:
    """`fetch(skip, first)` returns up to `first` items from index `skip`. Only an empty page ends the
    listing: servers cap `first` (a cap of 50 under a page size of 100 still lists everything)."""
    page_size = require_int(page_size, "page_size", min=1)

    async def page(skip: Any | None) -> Page[T]:
        offset = int(skip or 0)
        items = await fetch(offset, page_size)
        return Page(items, offset + len(items) if items else None)

    return AsyncPaginator(page)


def cursor_pages(
    fetch: Callable[[str | None, int], Awaitable[tuple[Sequence[T], str | None]]], page_size: int
) -> AsyncPaginator[T]:
    """`fetch(cursor, first) -> (items, next_cursor)`, the first page at cursor None; no next cursor (None or
    empty) ends the listing, whatever the page's length."""
    page_size = require_int(page_size, "page_size", min=1)

    async def page(cursor: Any | None) -> Page[T]:
        items, next_cursor = await fetch(cursor, page_size)
        return Page(items, next_cursor or None)

    return AsyncPaginator(page)


def next_url_pages(fetch: Callable[[str | None], Awaitable[DrfPage[T] | LazyPage[T]]]) -> AsyncPaginator[T]:
    """Django REST framework listings: `fetch(None)` returns the first page (the caller sets its filters and
    page size), `fetch(url)` the page at a `next` URL the server gave. Only `next: null` ends the listing;
    fewer items than the server's `count` is a `ResponseSchemaError`.

    The URL comes from the server: `fetch` should send it to the session's own origin only, so credentials
    never follow a link to another host.
    """

    async def page(url: Any | None) -> Page[T] | LazyPage[T]:
        drf = await fetch(url)
        return drf if isinstance(drf, LazyPage) else Page(drf.results, drf.next, drf.count)

    return AsyncPaginator(page)


def _shape(value: object) -> str:
    """A server value for messages: numbers and null as they are, anything else by type only (it may hold
    anything, secrets included)."""
    if value is None:
        return "null"
    return repr(value) if isinstance(value, (int, float)) else type(value).__name__
