"""Answers held to the schema (issue 9, item 6): a loopback server answers shapes the MONAI Label schema does
not allow; each call raises `ResponseSchemaError` naming the offending field, sync and async. Good answers of
the same calls still parse."""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import anyio
import pytest

from medannot.core.retry import RetryPolicy
from medannot.errors import ResponseSchemaError
from medannot.monailabel import AsyncClient, Client
from tests.unit._loopback import LoopbackServer, Received, Reply

TOKEN = "eyJhbGciOi.TOP-SECRET.sig"
TASK = {"id": "t1", "status": "RUNNING"}
FILE_INFO = {"ext": ".nii.gz", "info": {"ts": 1}}
SESSION = {"name": "s", "path": "/p", "image": "i", "meta": {}, "create_ts": 1, "last_access_ts": 1, "expiry": 9}
STORE = {"name": "d", "description": "", "objects": {"ct": {"image": FILE_INFO, "labels": {"final": FILE_INFO}}}}

Call = Callable[[Any, Path], Any]
# (label, call, the answer, a word the message must hold)
BAD: list[tuple[str, Call, Any, str]] = [
    ("upload_image int id", lambda c, p: c.upload_image(p, "ct"), {"image": 42}, "ImageAdded.image"),
    ("upload_image no id", lambda c, p: c.upload_image(p, "ct"), {"id": "ct"}, "ImageAdded.image"),
    ("upload_image list", lambda c, p: c.upload_image(p, "ct"), ["ct"], "ImageAdded"),
    ("upload_image null id", lambda c, p: c.upload_image(p, "ct"), {"image": None}, "ImageAdded.image"),
    ("save_label int label", lambda c, p: c.save_label("ct", p), {"image": "ct", "label": 3}, "LabelSaved.label"),
    ("save_label no image", lambda c, p: c.save_label("ct", p), {"label": "ct"}, "LabelSaved.image"),
    ("next_sample int id", lambda c, p: c.next_sample("random"), {"id": 5, "path": "/x"}, "NextSample.id"),
    ("next_sample list path", lambda c, p: c.next_sample("random"), {"id": "a", "path": ["x"]}, "NextSample.path"),
    ("train_status bad status", lambda c, p: c.train_status(), {"id": "t", "status": "MAYBE"}, "TaskRecord.status"),
    ("train_status int status", lambda c, p: c.train_status(), {"id": "t", "status": 1}, "TaskRecord.status"),
    ("train_status int id", lambda c, p: c.train_status(), {"id": 1, "status": "DONE"}, "TaskRecord.id"),
    ("train_status details", lambda c, p: c.train_status(), {**TASK, "details": "x"}, "TaskRecord.details"),
    ("train_stop bad status", lambda c, p: c.train_stop(), {"id": "t", "status": "done"}, "TaskRecord.status"),
    ("train_start no status", lambda c, p: c.train_start("seg"), {"id": "t"}, "TaskRecord.status"),
    ("batch_infer bad status", lambda c, p: c.batch_infer("seg"), {"id": "t", "status": "?"}, "TaskRecord.status"),
    ("batch_infer sync list", lambda c, p: c.batch_infer("seg", run_sync=True), ["x"], "object"),
    ("batch_infer_stop status", lambda c, p: c.batch_infer_stop(), {"id": "t", "status": None}, "TaskRecord.status"),
    ("batch_infer_status id", lambda c, p: c.batch_infer_status(), {"id": [], "status": "DONE"}, "TaskRecord.id"),
    ("datastore objects list", lambda c, p: c.datastore(), {**STORE, "objects": []}, "Datastore.objects"),
    (
        "datastore ext int",
        lambda c, p: c.datastore(),
        {**STORE, "objects": {"ct": {"image": {"ext": 5}}}},
        "Datastore.objects['ct'].image.ext",
    ),
    (
        "list_images labels list",
        lambda c, p: c.list_images(),
        {**STORE, "objects": {"ct": {"image": FILE_INFO, "labels": ["final"]}}},
        "Datastore.objects['ct'].labels",
    ),
    ("list_images no name", lambda c, p: c.list_images(), {"description": "", "objects": {}}, "Datastore.name"),
    (
        "datastore_status total str",
        lambda c, p: c.datastore_status(),
        {"total": "3", "completed": 1, "label_tags": {}},
        "DatastoreStatus.total",
    ),
    (
        "datastore_status tags",
        lambda c, p: c.datastore_status(),
        {"total": 3, "completed": 1, "label_tags": {"final": "two"}},
        "DatastoreStatus.label_tags['final']",
    ),
    (
        "datastore_status bool",
        lambda c, p: c.datastore_status(),
        {"total": True, "completed": 1, "label_tags": {}},
        "total",
    ),
    ("info name int", lambda c, p: c.info(), {"name": 1}, "AppInfo.name"),
    ("get_session expiry str", lambda c, p: c.get_session("s"), {**SESSION, "expiry": "soon"}, "SessionInfo.expiry"),
    ("remove_session meta", lambda c, p: c.remove_session("s"), {**SESSION, "meta": 1}, "SessionInfo.meta"),
    (
        "create_session info",
        lambda c, p: c.create_session(p),
        {"session_id": "s", "session_info": {**SESSION, "path": 7}},
        "SessionCreated.session_info.path",
    ),
    ("auth_enabled str", lambda c, p: c.auth_enabled(), {"enabled": "yes"}, "AuthSettings.enabled"),
    (
        "auth_token type int",
        lambda c, p: c.auth_token("u", "p"),
        {"access_token": TOKEN, "token_type": 5},
        "Token.token_type",
    ),
    (
        "auth_token token int",
        lambda c, p: c.auth_token("u", "p"),
        {"access_token": 5, "token_type": "bearer"},
        "Token.access_token",
    ),
]

GOOD: list[tuple[str, Call, Any, Callable[[Any], bool]]] = [
    ("upload_image", lambda c, p: c.upload_image(p, "ct"), {"image": "ct"}, lambda r: r.image == "ct"),
    ("save_label", lambda c, p: c.save_label("ct", p), {"image": "ct", "label": "ct"}, lambda r: r.label == "ct"),
    ("next_sample empty", lambda c, p: c.next_sample("random"), {}, lambda r: r is None),
    ("train_status", lambda c, p: c.train_status(), {**TASK, "details": ["a"]}, lambda r: r.status == "RUNNING"),
    ("train_stop null", lambda c, p: c.train_stop(), None, lambda r: r is None),
    ("batch_infer sync", lambda c, p: c.batch_infer("m", run_sync=True), {"ct": {"a": 1}}, lambda r: r["ct"]["a"] == 1),
    ("list_images", lambda c, p: c.list_images(), STORE, lambda r: r[0].id == "ct" and r[0].label_tags == ["final"]),
    ("get_session", lambda c, p: c.get_session("s"), SESSION, lambda r: r.expiry == 9),
    ("auth_enabled", lambda c, p: c.auth_enabled(), {"enabled": False}, lambda r: r is False),
]  # fmt: skip


class Answers:
    """One loopback server for the module (each one costs half a second to stop); `answer` is what it says."""

    def __init__(self) -> None:
        self.answer: Any = {}
        self.server = LoopbackServer(self._reply)

    def _reply(self, got: Received) -> Reply:
        return Reply(200, json.dumps(self.answer).encode(), {"Content-Type": "application/json"})

    def __call__(self, value: Any) -> str:
        self.answer = value
        return self.server.url


@pytest.fixture(scope="module")
def answers() -> Iterator[Answers]:
    loopback = Answers()
    with loopback.server:
        yield loopback


@pytest.fixture
def image(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "ct.nii.gz"
    path.write_bytes(b"\x1f\x8b" + b"0" * 64)
    yield path


def _run(flavour: str, url: str, tmp: Path, call: Call, image: Path) -> Any:
    if flavour == "sync":
        with Client(url, tmpdir=tmp, retry=RetryPolicy(max_retries=0), timeout=5) as client:
            return call(client, image)

    async def run() -> Any:
        async with AsyncClient(url, tmpdir=tmp, retry=RetryPolicy(max_retries=0), timeout=5) as client:
            result = call(client, image)
            return await result if inspect.isawaitable(result) else result

    return anyio.run(run)


def test_the_table_is_large_enough() -> None:
    assert len(BAD) >= 30 and len({label.split()[0] for label, *_ in BAD}) >= 18


@pytest.mark.parametrize("flavour", ["sync", "async"])
@pytest.mark.parametrize(("label", "call", "answer", "field"), BAD, ids=[row[0] for row in BAD])
def test_an_answer_the_schema_forbids_is_a_schema_error_naming_the_field(
    flavour: str, label: str, call: Call, answer: Any, field: str, image: Path, tmp_path: Path, answers: Answers
) -> None:
    with pytest.raises(ResponseSchemaError) as caught:
        _run(flavour, answers(answer), tmp_path, call, image)
    message = str(caught.value)
    assert field in message, message
    assert "TOP-SECRET" not in message  # the answer's values are described by kind, never echoed


@pytest.mark.parametrize("flavour", ["sync", "async"])
@pytest.mark.parametrize(("label", "call", "answer", "ok"), GOOD, ids=[row[0] for row in GOOD])
def test_an_answer_that_fits_still_parses(
    flavour: str,
    label: str,
    call: Call,
    answer: Any,
    ok: Callable[[Any], bool],
    image: Path,
    tmp_path: Path,
    answers: Answers,
) -> None:
    assert ok(_run(flavour, answers(answer), tmp_path, call, image))


def test_check_answer_names_nested_places() -> None:
    from medannot.core.validate import check_answer
    from medannot_api.monailabel.models import AppInfo, TaskRecord

    with pytest.raises(ResponseSchemaError, match=r"TaskRecord\.status: expected one of"):
        check_answer(TaskRecord, {"id": "t", "status": "MAYBE"})
    check_answer(TaskRecord, None, nullable=True)
    with pytest.raises(ResponseSchemaError, match=r"AppInfo\.labels: expected"):
        check_answer(AppInfo, {"name": "a", "description": "", "version": "1", "labels": 3})


def test_a_union_names_the_place_inside_the_one_arm_that_can_fit() -> None:
    """A union tries only the arms whose JSON type fits the value, so a nullable nested model that breaks its own
    type is reported inside that model (not as "expected Model or None")."""
    from medannot.core.validate import check_answer
    from medannot_api.datamint.models import Resource

    resource = {
        "id": "3f2a6c1e-1b2c-4d5e-8f90-123456789abc", "storage": "DicomResourceHandler", "location": "r/3f2a",
        "filename": "ct_0001.dcm", "mimetype": "application/dicom", "size": 133000, "status": "inbox",
        "created_at": "2026-11-30T08:00:00.000Z", "created_by": "user@example.com", "resource_uri": "/r/x/file",
        "upload_channel": "default", "customer_id": "c", "published": False, "deleted": False, "metadata": {},
        "tags": ["a"], "user_info": {"email": "user@example.com", "firstname": "", "lastname": ""},
        "projects": [{"id": "p1", "name": "x"}],
    }  # fmt: skip
    check_answer(Resource, resource)
    check_answer(Resource, {**resource, "metadata": None, "tags": None, "projects": None})
    broken = r"Resource\.projects\[0\]\.name: expected a string or null, got an integer"
    with pytest.raises(ResponseSchemaError, match=broken):
        check_answer(Resource, {**resource, "projects": [{"id": "p", "name": 3}]})
    with pytest.raises(ResponseSchemaError, match=r"Resource\.tags: expected list or null, got an integer"):
        check_answer(Resource, {**resource, "tags": 3})
    with pytest.raises(ResponseSchemaError, match=r"Resource\.size: expected an integer or null, got a boolean"):
        check_answer(Resource, {**resource, "size": True})
