"""GraphQL plumbing of the core (operation kinds, retries, error codes) and the shared paginator."""

from __future__ import annotations

import json

import httpx
import pytest

from medannot.core._async.session import AsyncSession
from medannot.core._sync.session import Session
from medannot.core.config import ClientOptions
from medannot.core.graphql import (
    AsyncGraphQLHttp,
    GraphQLHttp,
    call_graphql,
    error_from_graphql,
    operation_kind,
    retry_safe,
)
from medannot.core.retry import RetryPolicy
from medannot.errors import AuthError, BadInput, InvalidRequest, NotFound, ResponseSchemaError, ServerError

TWO = "query Q { a }\nmutation M { m }"


@pytest.mark.parametrize(
    ("document", "operation_name", "kind"),
    [
        ("query A { a }", None, "query"),
        ("# c\n mutation M { m }", None, "mutation"),
        ("{ a }", None, "query"),
        ("subscription S { s }", None, "subscription"),
        ("fragment F on T { a }\nmutation M { m { ...F } }", None, "mutation"),
        ("\ufeffmutation M { m }", None, "mutation"),
        ("\ufeff# c\nfragment F on T { a }\nquery Q { a { ...F } }", None, "query"),
        ('query Q { a(text: "no mutation here") }', None, "query"),
        # the operation that runs decides: `operationName`, else the only one
        (TWO, "Q", "query"),
        (TWO, "M", "mutation"),
        ("mutation M { m }\nquery Q { a }", "Q", "query"),
        ("query A { a }", "A", "query"),
        # undeterminable: several operations and no name, an unknown name, no operation, unparseable
        (TWO, None, None),
        (TWO, "X", None),
        ("query A { a }", "B", None),
        ("fragment F on T { a }", None, None),
        ("query Q { a }\nmutation M { m ", None, None),
        ("", None, None),
    ],
)
def test_operation_kind(document: str, operation_name: str | None, kind: str | None) -> None:
    assert operation_kind(document, operation_name) == kind


@pytest.mark.parametrize(
    ("document", "operation_name", "safe"),
    [
        ("query Q { a }", None, True),
        ("mutation M { m }", None, False),
        ("mutation UploadFile { u }", None, True),  # named retry-safe by the caller
        (TWO, "Q", True),
        (TWO, "M", False),
        (TWO, None, False),  # cannot tell which runs: not retried
        ("query Q { a }\nmutation UploadFile { u }", "UploadFile", True),
        ("query UploadFile { a }\nmutation M { m }", "M", False),
        ("{ broken", None, False),
    ],
)
def test_retry_safe_follows_the_executed_operation(document: str, operation_name: str | None, safe: bool) -> None:
    assert retry_safe(document, operation_name, {"UploadFile"}) is safe


def test_operation_name_decides_whether_the_adapter_retries() -> None:
    calls: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(json.loads(request.content).get("operationName"))
        return httpx.Response(503, text="busy") if len(calls) in (1, 3, 4) else httpx.Response(200, json={"data": {}})

    http = GraphQLHttp(_session(httpx.MockTransport(handler)))
    assert http.post("/graphql", json={"query": TWO, "operationName": "Q"}).status_code == 200  # retried
    with pytest.raises(ServerError):
        http.post("/graphql", json={"query": TWO, "operationName": "M"})  # a mutation: sent once
    with pytest.raises(ServerError):
        http.post("/graphql", json={"query": TWO})  # which one runs is unknown: sent once
    assert calls == ["Q", "Q", "M", None]


def test_mutations_named_retry_safe_are_resent() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(json.loads(request.content)["query"])
        return httpx.Response(502, text="bad gateway") if len(calls) == 1 else httpx.Response(200, json={"data": {}})

    http = GraphQLHttp(_session(httpx.MockTransport(handler)), retry_safe={"UploadFile"})
    assert http.post("/graphql", json={"query": "mutation UploadFile { u }"}).status_code == 200
    assert len(calls) == 2


def test_nan_in_variables_is_refused_before_sending() -> None:
    calls: list[httpx.Request] = []
    http = GraphQLHttp(_session(httpx.MockTransport(lambda r: calls.append(r) or httpx.Response(200))))
    with pytest.raises(BadInput, match=r"variables\['x'\]"):
        http.post("/graphql", json={"query": "query Q { a }", "variables": {"x": float("nan")}})
    assert calls == []


def _options(handler: httpx.MockTransport) -> ClientOptions:
    return ClientOptions(base_url="http://gql.test", transport=handler, retry=RetryPolicy(initial_delay=0, max_delay=0))


def _session(handler: httpx.MockTransport) -> Session:
    return Session(_options(handler))


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


def test_a_document_holding_a_mutation_is_not_retried_whatever_comes_first() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(json.loads(request.content)["query"])
        return httpx.Response(503, text="busy")

    http = GraphQLHttp(_session(httpx.MockTransport(handler)))
    with pytest.raises(ServerError):
        http.post("/graphql", json={"query": "fragment F on T { a }\nmutation M { m { ...F } }"})
    assert len(calls) == 1


def test_graphql_errors_in_an_answer_are_raised_by_the_adapter() -> None:
    answers = {
        "errors": httpx.Response(
            200, json={"data": None, "errors": [{"message": "gone", "extensions": {"code": "NOT_FOUND"}}]}
        ),
        "html": httpx.Response(200, text="<html>"),
        "empty": httpx.Response(200, json={"other": 1}),
    }
    for name, expected in (("errors", NotFound), ("html", ResponseSchemaError), ("empty", ResponseSchemaError)):
        http = GraphQLHttp(_session(httpx.MockTransport(lambda _, n=name: answers[n])))
        with pytest.raises(expected):
            http.post("/graphql", json={"query": "query Q { a }"})


@pytest.mark.anyio
async def test_the_async_adapter_maps_errors_and_closes_nothing() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"errors": [{"message": "who?", "extensions": {"code": "UNAUTHENTICATED"}}]})

    session = AsyncSession(_options(httpx.MockTransport(handler)))
    http = AsyncGraphQLHttp(session)
    with pytest.raises(AuthError, match="who"):
        await http.post("/graphql", json={"query": "query Q { a }"})
    await http.aclose()  # a no-op: the session stays usable
    with pytest.raises(AuthError):
        await http.post("/graphql", json={"query": "query Q { a }"})
    await session.close()


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
