"""GraphQL plumbing of the core (operation kinds, retries, error codes) and the shared paginator."""

from __future__ import annotations

import json

import httpx
import pytest

from medannot.core.config import ClientOptions
from medannot.core.graphql import GraphQLHttp, call_graphql, error_from_graphql, operation_kind
from medannot.core.pagination import cursor_pages, offset_pages
from medannot.core.retry import RetryPolicy
from medannot.core.transport import Session
from medannot.errors import AuthError, BadInput, InvalidRequest, NotFound, ResponseSchemaError, ServerError


@pytest.mark.parametrize(
    ("document", "kind"),
    [
        ("query A { a }", "query"),
        ("# c\n mutation M { m }", "mutation"),
        ("{ a }", "query"),
        ("subscription S { s }", "subscription"),
    ],
)
def test_operation_kind(document: str, kind: str) -> None:
    assert operation_kind(document) == kind


def _session(handler: httpx.MockTransport) -> Session:
    return Session(
        ClientOptions(base_url="http://gql.test", transport=handler, retry=RetryPolicy(initial_delay=0, max_delay=0))
    )


def test_queries_are_retried_mutations_are_not() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(json.loads(request.content)["query"].split()[0])
        return httpx.Response(503, text="busy") if len(calls) in (1, 3) else httpx.Response(200, json={"data": {}})

    http = GraphQLHttp(_session(httpx.MockTransport(handler)))
    assert http.post("/graphql", json={"query": "query Q { a }"}).status_code == 200
    with pytest.raises(ServerError):
        http.post("/graphql", json={"query": "mutation M { m }"})
    assert calls == ["query", "query", "mutation"]
    http.close()  # a no-op: the session stays usable
    assert http.post("/graphql", json={"query": "query Q { a }"}).status_code == 200


def test_graphql_error_codes_map_to_typed_errors() -> None:
    assert isinstance(error_from_graphql([{"message": "no", "extensions": {"code": "RESOURCE_NOT_FOUND"}}]), NotFound)
    assert isinstance(
        error_from_graphql([{"message": "who?", "extensions": {"code": "AUTHENTICATION_ERROR"}}]), AuthError
    )
    err = error_from_graphql([{"message": "bad var", "extensions": {"code": "BAD_USER_INPUT"}}])
    assert isinstance(err, InvalidRequest) and "bad var" in str(err)


def test_call_graphql_maps_generated_errors_and_schema_violations() -> None:
    class MultiError(Exception):
        def __init__(self) -> None:
            self.errors = [{"message": "Project not found", "extensions": {"code": "RESOURCE_NOT_FOUND"}}]

    def raise_multi() -> None:
        raise MultiError()

    with pytest.raises(NotFound, match="Project not found"):
        call_graphql(raise_multi, MultiError)

    import pydantic

    class Model(pydantic.BaseModel):
        x: int

    with pytest.raises(ResponseSchemaError):
        call_graphql(lambda: Model.model_validate({"x": "nope"}), MultiError)


def test_offset_pages_fetch_lazily_until_a_short_page() -> None:
    data = list(range(7))
    calls: list[tuple[int, int]] = []

    def fetch(skip: int, first: int) -> list[int]:
        calls.append((skip, first))
        return data[skip : skip + first]

    pages = offset_pages(fetch, 3)
    assert pages.first(2) == [0, 1] and calls == [(0, 3)]
    assert list(pages) == data
    assert calls[1:] == [(0, 3), (3, 3), (6, 3)]


def test_cursor_pages_follow_the_next_cursor() -> None:
    pages = {None: ([1, 2], "c1"), "c1": ([3], None)}
    assert cursor_pages(lambda cursor, first: pages[cursor], 2).to_list() == [1, 2, 3]
    with pytest.raises(BadInput):
        cursor_pages(lambda cursor, first: pages[cursor], 0)
