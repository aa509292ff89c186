"""The paginators, async source and generated sync twin: lazy, and never silently short of the listing."""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from medannot.core._async import pagination as async_pagination
from medannot.core._sync import pagination as sync_pagination
from medannot.core._sync.pagination import DrfPage
from medannot.errors import BadInput, ResponseSchemaError

ITEMS = list(range(120))


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(params=["sync", "async"])
def twin(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def module(twin: str) -> Any:
    return sync_pagination if twin == "sync" else async_pagination


def lift(twin: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """`fn` as the twin's fetch function: itself, or a coroutine function returning its result."""
    if twin == "sync":
        return fn

    async def call(*args: Any) -> Any:
        return fn(*args)

    return call


async def settle(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


async def drain(paginator: Any) -> tuple[list[Any], Exception | None]:
    """The items iteration gave, and the error that ended it if any."""
    items: list[Any] = []
    try:
        if isinstance(paginator, async_pagination.AsyncPaginator):
            async for item in paginator:
                items.append(item)
        else:
            items.extend(paginator)
    except Exception as exc:
        return items, exc
    return items, None


class CappedOffsets:
    """An offset listing whose server returns at most `cap` items, whatever `first` asks for."""

    def __init__(self, items: Sequence[int], cap: int) -> None:
        self.items, self.cap = items, cap
        self.calls: list[tuple[int, int]] = []

    def get(self, skip: int, first: int) -> Sequence[int]:
        self.calls.append((skip, first))
        return self.items[skip : skip + min(first, self.cap)]

    async def aget(self, skip: int, first: int) -> Sequence[int]:
        return self.get(skip, first)


def test_offset_listing_of_120_capped_at_50_under_page_size_100_gives_120() -> None:
    server = CappedOffsets(ITEMS, cap=50)
    items: list[int] = sync_pagination.offset_pages(server.get, 100).to_list()
    assert items == ITEMS
    assert server.calls == [(0, 100), (50, 100), (100, 100), (120, 100)]  # only the empty page ends it


@pytest.mark.anyio
async def test_async_offset_listing_of_120_capped_at_50_under_page_size_100_gives_120() -> None:
    server = CappedOffsets(ITEMS, cap=50)
    items: list[int] = await async_pagination.offset_pages(server.aget, 100).to_list()
    assert items == ITEMS
    assert server.calls == [(0, 100), (50, 100), (100, 100), (120, 100)]


@pytest.mark.anyio
async def test_pages_are_fetched_only_when_iteration_reaches_them(twin: str) -> None:
    server = CappedOffsets(list(range(7)), cap=10)
    pages = module(twin).offset_pages(lift(twin, server.get), 3)
    assert server.calls == []  # building a paginator sends nothing
    assert await settle(pages.first(0)) == [] and server.calls == []
    assert await settle(pages.first(3)) == [0, 1, 2] and server.calls == [(0, 3)]
    server.calls.clear()
    assert await settle(pages.first(4)) == [0, 1, 2, 3] and server.calls == [(0, 3), (3, 3)]
    server.calls.clear()
    assert await settle(pages.to_list()) == list(range(7))  # each iteration starts over
    assert server.calls == [(0, 3), (3, 3), (6, 3), (7, 3)]
    with pytest.raises(BadInput, match="n must be at least 0"):
        await settle(pages.first(-1))


@pytest.mark.anyio
async def test_iter_pages_gives_each_page_with_its_next_position(twin: str) -> None:
    server = CappedOffsets(list(range(5)), cap=10)
    paginator = module(twin).offset_pages(lift(twin, server.get), 2)
    pages = list(paginator.iter_pages()) if twin == "sync" else [page async for page in paginator.iter_pages()]
    assert [(list(p.items), p.next) for p in pages] == [([0, 1], 2), ([2, 3], 4), ([4], 5), ([], None)]


@pytest.mark.parametrize("page_size", [0, -1, True, 2.5, "10"])
def test_page_size_must_be_a_positive_integer(page_size: Any) -> None:
    pagings: list[Any] = [async_pagination.offset_pages, async_pagination.cursor_pages, sync_pagination.offset_pages]
    for paging in pagings:
        with pytest.raises(BadInput, match="page_size"):
            paging(lambda *_: [], page_size)


@pytest.mark.anyio
async def test_cursor_pages_follow_the_cursor_through_short_and_empty_pages(twin: str) -> None:
    pages = {None: ([1, 2], "c1"), "c1": ([], "c2"), "c2": ([3], "")}  # an empty cursor ends it too
    calls: list[tuple[str | None, int]] = []

    def fetch(cursor: str | None, first: int) -> tuple[list[int], str]:
        calls.append((cursor, first))
        return pages[cursor]

    assert await settle(module(twin).cursor_pages(lift(twin, fetch), 2).to_list()) == [1, 2, 3]
    assert calls == [(None, 2), ("c1", 2), ("c2", 2)]


@pytest.mark.anyio
async def test_a_cursor_that_comes_back_is_a_schema_error_not_an_endless_listing(twin: str) -> None:
    pages = {None: ([1], "a"), "a": ([2], "b"), "b": ([3], "a")}
    items, error = await drain(module(twin).cursor_pages(lift(twin, lambda cursor, first: pages[cursor]), 1))
    assert items == [1, 2, 3]
    assert isinstance(error, ResponseSchemaError) and "page 3" in str(error)


class Drf:
    """A DRF listing of `total` items served `cap` a page, `next` as absolute URLs with a secret-looking query."""

    BASE = "https://gc.example/api/v1/images/"

    def __init__(self, total: int, cap: int, *, count: int | None = None) -> None:
        self.total, self.cap, self.count = total, cap, total if count is None else count
        self.urls: list[str | None] = []

    def url(self, offset: int) -> str:
        return f"{self.BASE}?limit={self.cap}&offset={offset}&token=s3cret"

    def body(self, url: str | None) -> dict[str, Any]:
        self.urls.append(url)
        offset = 0 if url is None else int(url.split("offset=")[1].split("&")[0])
        end = min(offset + self.cap, self.total)
        return {
            "count": self.count,
            "next": self.url(end) if end < self.total else None,
            "previous": None,
            "results": [{"pk": i} for i in range(offset, end)],
        }

    def fetch(self, url: str | None) -> DrfPage[int]:
        return DrfPage.from_json(self.body(url), lambda result: int(result["pk"]))

    async def afetch(self, url: str | None) -> async_pagination.DrfPage[int]:
        return async_pagination.DrfPage.from_json(self.body(url), lambda result: int(result["pk"]))


def test_drf_listings_follow_next_until_it_is_null() -> None:
    server = Drf(total=120, cap=50)
    items: list[int] = sync_pagination.next_url_pages(server.fetch).to_list()
    assert items == ITEMS
    assert server.urls == [None, server.url(50), server.url(100)]


@pytest.mark.anyio
async def test_async_drf_listings_follow_next_until_it_is_null() -> None:
    server = Drf(total=120, cap=50)
    items: list[int] = await async_pagination.next_url_pages(server.afetch).to_list()
    assert items == ITEMS
    assert server.urls == [None, server.url(50), server.url(100)]


@pytest.mark.anyio
async def test_a_short_drf_page_does_not_end_the_listing(twin: str) -> None:
    bodies = {
        None: {"count": 5, "next": "https://h/x?page=2", "results": [0, 1]},
        "https://h/x?page=2": {"count": 5, "next": "https://h/x?page=3", "results": [2]},  # short, not last
        "https://h/x?page=3": {"count": 5, "next": None, "results": [3, 4]},
    }
    fetch = lift(twin, lambda url: module(twin).DrfPage.from_json(bodies[url], int))
    assert await settle(module(twin).next_url_pages(fetch).to_list()) == [0, 1, 2, 3, 4]


@pytest.mark.anyio
async def test_a_drf_listing_that_ends_short_of_its_count_is_a_schema_error(twin: str) -> None:
    server = Drf(total=70, cap=50, count=120)
    fetch = server.fetch if twin == "sync" else server.afetch
    items, error = await drain(module(twin).next_url_pages(fetch))
    assert items == list(range(70))  # every page the server gave was seen before the error
    assert isinstance(error, ResponseSchemaError)
    assert "70 of the 120" in str(error)


@pytest.mark.anyio
async def test_a_repeated_drf_next_url_is_a_schema_error(twin: str) -> None:
    looping = {"count": 9, "next": "https://h/x?page=2&token=s3cret", "results": [1]}
    fetch = lift(twin, lambda url: module(twin).DrfPage.from_json(looping, int))
    items, error = await drain(module(twin).next_url_pages(fetch))
    assert items == [1, 1]
    assert isinstance(error, ResponseSchemaError) and "s3cret" not in str(error)


def test_drf_envelope_without_count_is_fine_and_malformed_ones_are_schema_errors() -> None:
    page = DrfPage.from_json({"next": "", "previous": None, "results": ["a"]}, str)  # cursor pagination: no count
    assert page == DrfPage(["a"], None, None)
    for body, words in [
        ([1, 2], "got list"),
        ({"count": 1, "next": None}, "got dict"),
        ({"count": 1, "next": 7, "results": []}, "not int"),
        ({"count": True, "next": None, "results": []}, "not True"),
        ({"count": -1, "next": None, "results": []}, "not -1"),
        ({"count": "s3cret", "next": None, "results": []}, "not str"),
    ]:
        with pytest.raises(ResponseSchemaError, match=words) as caught:
            DrfPage.from_json(body, str)
        assert "s3cret" not in str(caught.value)


def test_a_listing_that_ends_short_of_a_given_total_is_a_schema_error() -> None:
    pages = {None: sync_pagination.Page([1, 2], None, total=3)}
    with pytest.raises(ResponseSchemaError, match="2 of the 3"):
        sync_pagination.Paginator(pages.__getitem__).to_list()


def test_parse_all_pauses_the_collector_and_puts_it_back() -> None:
    import gc

    from medannot.core.response import parse_all

    seen: list[bool] = []

    def parse(item: int) -> int:
        seen.append(gc.isenabled())
        return item * 2

    assert gc.isenabled()
    assert parse_all(parse, [1, 2, 3]) == [2, 4, 6]
    assert seen == [False, False, False] and gc.isenabled()
    with pytest.raises(ZeroDivisionError):
        parse_all(lambda item: 1 // item, [1, 0])
    assert gc.isenabled()  # back on after a failure too
    gc.disable()
    try:
        parse_all(parse, [1])
        assert not gc.isenabled()  # a collector the program switched off stays off
    finally:
        gc.enable()


class LazyOffsets:
    """Pages of 2 from 5 items as `LazyPage`s, recording the order of fetches and parses; `fail_at`: the offset
    whose fetch raises, `bad_at`: the offset whose parse raises."""

    def __init__(self, twin: str, fail_at: int | None = None, bad_at: int | None = None) -> None:
        self.twin, self.fail_at, self.bad_at = twin, fail_at, bad_at
        self.events: list[str] = []
        self.page_class = module(twin).LazyPage
        self.asked = {offset: threading.Event() for offset in (0, 2, 4)}

    def get(self, position: Any) -> Any:
        offset = int(position or 0)
        self.events.append(f"fetch {offset}")
        self.asked[offset].set()
        if offset == self.fail_at:
            raise ResponseSchemaError("page fetch failed")
        items = list(range(5))[offset : offset + 2]

        def parse() -> list[int]:
            if self.twin == "sync" and offset + 2 < 5:  # the next page's thread runs beside this parse
                self.asked[offset + 2].wait(5)
            self.events.append(f"parse {offset}")
            if offset == self.bad_at:
                raise ResponseSchemaError("page parse failed")
            return items

        return self.page_class(parse, offset + len(items) if offset + len(items) < 5 else None, 5)


def lazy_paginator(twin: str, server: LazyOffsets) -> Any:
    """The twin's paginator over `server.get` (a coroutine function for the async twin)."""
    if twin == "sync":
        return sync_pagination.Paginator(server.get)

    async def fetch(position: Any) -> Any:
        return server.get(position)

    return async_pagination.AsyncPaginator(fetch)


@pytest.mark.anyio
async def test_a_lazy_page_is_parsed_after_the_next_page_was_asked_for(twin: str) -> None:
    server = LazyOffsets(twin)
    items, error = await drain(lazy_paginator(twin, server))
    assert error is None and items == [0, 1, 2, 3, 4]
    # the next page is asked for before this one is parsed (on a thread, or as a task run up to its first wait)
    for offset in (2, 4):
        assert server.events.index(f"fetch {offset}") < server.events.index(f"parse {offset - 2}")
    assert sorted(server.events) == sorted(["fetch 0", "parse 0", "fetch 2", "parse 2", "fetch 4", "parse 4"])


@pytest.mark.anyio
async def test_a_failed_read_ahead_is_raised_when_its_page_is_reached(twin: str) -> None:
    server = LazyOffsets(twin, fail_at=4)
    paginator = lazy_paginator(twin, server)
    items, error = await drain(paginator)
    assert items == [0, 1, 2, 3]  # every page before the failed one, in order
    assert isinstance(error, ResponseSchemaError) and "page fetch failed" in str(error)


@pytest.mark.anyio
async def test_a_listing_left_early_or_failing_to_parse_drops_its_read_ahead(twin: str) -> None:
    server = LazyOffsets(twin, bad_at=2)
    paginator = lazy_paginator(twin, server)
    assert await settle(paginator.first(1)) == [0]  # left after the first page: no hang, nothing raised
    items, error = await drain(paginator)
    assert items == [0, 1] and isinstance(error, ResponseSchemaError) and "page parse failed" in str(error)
