"""Answers the Labelbox API does not allow are `ResponseSchemaError`s naming the offending field: GraphQL answers
through the generated pydantic models, REST (`/api/v1`) answers through `_base.rest_field` / `id_list`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from medannot.core.retry import RetryPolicy
from medannot.errors import ResponseSchemaError
from medannot.labelbox import Client

KEY = "answers-key"
ID = "ckabcdefghijklmnopqrstuvw"


def client(answer: Callable[[httpx.Request], httpx.Response]) -> Client:
    transport = httpx.MockTransport(answer)
    return Client(KEY, "http://lb.test/graphql", transport=transport, retry=RetryPolicy(max_retries=0))


def json_answer(body: Any, status: int = 200) -> Callable[[httpx.Request], httpx.Response]:
    return lambda _request: httpx.Response(status, json=body)


GRAPHQL_CASES = [
    # (call, data of the answer, words the message must hold)
    (lambda c: c.create_dataset(name="d", iam_integration=None), {"createDataset": {"id": 42, "name": "d"}}, "id"),
    (lambda c: c.get_dataset(ID), {"dataset": {"id": ID, "name": None}}, "name"),
    (lambda c: c.get_user(), {"user": "me"}, "user"),
    (lambda c: c.get_embeddings(), {"embeddings": [{"id": ID, "name": "e", "dims": "many"}]}, "embeddings"),
    (lambda c: c.delete_embedding(ID), {"deleteEmbedding": "maybe"}, "deleteEmbedding"),
]


@pytest.mark.parametrize(("call", "data", "field"), GRAPHQL_CASES)
def test_graphql_answers_outside_the_schema_name_the_field(call: Any, data: Any, field: str) -> None:
    with client(json_answer({"data": data})) as lb, pytest.raises(ResponseSchemaError) as raised:
        call(lb)
    assert field in str(raised.value)


REST_CASES = [
    (
        lambda c: c.delete_feature_schema_from_ontology(ID, ID),
        {"archived": "maybe", "deleted": False},
        "archived",
    ),
    (lambda c: c.delete_feature_schema_from_ontology(ID, ID), {"archived": True}, "deleted"),
    (lambda c: c.delete_feature_schema_from_ontology(ID, ID), ["archived"], "an array"),
    (lambda c: c.unarchive_feature_schema_node(ID, ID), {"unarchived": "yes"}, "unarchived"),
    (lambda c: c.get_unused_ontologies(), [ID, 5], "[1]"),
    (lambda c: c.get_unused_feature_schemas(), {"ids": [ID]}, "array of ids"),
    (lambda c: c.is_feature_schema_archived(ID, ID), {"featureSchemaNodes": []}, "featureSchemaNodes"),
    (lambda c: c.is_feature_schema_archived(ID, ID), {"featureSchemaNodes": {"tools": {}}}, "tools"),
    (
        lambda c: c.is_feature_schema_archived(ID, ID),
        {"featureSchemaNodes": {"tools": [{"featureSchemaId": 7}]}},
        "tools[0].featureSchemaId",
    ),
    (
        lambda c: c.is_feature_schema_archived(ID, ID),
        {"featureSchemaNodes": {"tools": [{"featureSchemaId": ID, "archived": "no"}]}},
        "tools[0].archived",
    ),
    (lambda c: c.upsert_feature_schema({"name": "p", "tool": "polygon"}), {"schemaId": 5}, "schemaId"),
    (lambda c: c.upsert_feature_schema({"name": "p", "tool": "polygon"}), {}, "schemaId"),
]


@pytest.mark.parametrize(("call", "body", "field"), REST_CASES)
def test_rest_answers_outside_their_shape_name_the_field(call: Any, body: Any, field: str) -> None:
    with client(json_answer(body)) as lb, pytest.raises(ResponseSchemaError) as raised:
        call(lb)
    assert field in str(raised.value)


def test_a_rest_answer_that_is_not_json_is_a_schema_error() -> None:
    with client(lambda _r: httpx.Response(200, text="<html>")) as lb, pytest.raises(ResponseSchemaError):
        lb.get_unused_ontologies()


def test_well_formed_rest_answers_pass() -> None:
    with client(json_answer({"archived": True, "deleted": False})) as lb:
        result = lb.delete_feature_schema_from_ontology(ID, ID)
    assert (result.archived, result.deleted) == (True, False)
    nodes = {"featureSchemaNodes": {"tools": [{"featureSchemaId": ID, "archived": True}], "classifications": []}}
    with client(json_answer(nodes)) as lb:
        assert lb.is_feature_schema_archived(ID, ID) is True
    with client(json_answer([ID])) as lb:
        assert lb.get_unused_ontologies() == [ID]


def test_messages_never_quote_the_offending_value() -> None:
    secret = "tok-3f9a-secret-value"
    with client(json_answer({"archived": secret, "deleted": False})) as lb, pytest.raises(ResponseSchemaError) as e:
        lb.delete_feature_schema_from_ontology(ID, ID)
    assert secret not in str(e.value)
    with (
        client(json_answer({"data": {"dataset": {"id": ID, "name": [secret]}}})) as lb,
        pytest.raises(ResponseSchemaError) as e,
    ):
        lb.get_dataset(ID)
    assert secret not in str(e.value)
