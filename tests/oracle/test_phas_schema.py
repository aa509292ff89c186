"""Proof of schemas/phas/openapi.yaml: the official PHAS client, run against a real server, must only send
requests that match an operation, and every response it gets must validate.

The official client runs in the server venv (tests/oracle/phas_official_run.py records each HTTP exchange
by wrapping requests' HTTPAdapter). Non-strict media types: PHAS serves most JSON as text/html; where the
schema's response declares application/json, a text/html body is validated as that JSON.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
import yaml
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.validation.request.exceptions import SecurityValidationError
from openapi_core.validation.response.exceptions import MissingData
from werkzeug.datastructures import Headers, ImmutableMultiDict

from tools.servers._venv import venv_python
from tools.servers.phas import PhasServer, PhasUnavailable, provision

pytestmark = [pytest.mark.live, pytest.mark.oracle]

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schemas" / "phas" / "openapi.yaml"
RUNNER = Path(__file__).with_name("phas_official_run.py")

# Steps of the official client that fail on purpose (rights, bad input) or because of a client bug;
# every other step must succeed. (exception class name, HTTP status or None)
EXPECTED_FAILURES: dict[str, tuple[str, int | None]] = {
    "AnnotationTask() on dltrain task (ValueError)": ("ValueError", None),
    "Slide.thumbnail_nifti_image (client bug: BuildError)": ("BuildError", None),
    "Task(unknown id)": ("HTTPError", 403),
    "Slide(unknown id)": ("HTTPError", 403),
    "Slide.dimensions unknown slide": ("HTTPError", 403),
    "AnnotationTask.get_slide_annot_json unknown slide": ("HTTPError", 403),
    "Client.task_listing unknown project": ("HTTPError", 403),
    "reader set_slide_annot_json (403)": ("HTTPError", 403),
    "reader Slide.fullpath (403)": ("HTTPError", 403),
    "reader Slide.tags (403)": ("HTTPError", 403),
    "reader create_sampling_roi (403)": ("HTTPError", 403),
    "reader delete_sampling_rois_on_slide (403)": ("HTTPError", 403),
    "outsider task_listing (403)": ("HTTPError", 403),
    "outsider Task() (403)": ("HTTPError", 403),
    "outsider Labelset.label_listing (403)": ("HTTPError", 403),
    "outsider Slide.get_patch (403)": ("HTTPError", 403),
    # requests follows the 302 to /auth/login, whose template is missing from the wheel
    "no session project_listing (302 -> /auth/login)": ("HTTPError", 500),
    "no session Task() (302 -> /auth/login)": ("HTTPError", 500),
    "Client(bad key) (401)": ("HTTPError", 401),
}


@dataclass
class RecordedRequest:
    """openapi-core's Request protocol over one recorded exchange."""

    host_url: str
    path: str
    method: str
    body: bytes | None
    content_type: str
    parameters: RequestParameters = field(default_factory=RequestParameters)


@dataclass
class RecordedResponse:
    status_code: int
    content_type: str
    headers: Headers
    data: bytes


@dataclass
class Operation:
    operation_id: str
    method: str
    template: str
    regex: re.Pattern[str]
    spec: dict[str, Any]


def _operations(schema: dict[str, Any]) -> list[Operation]:
    ops = []
    for template, item in schema["paths"].items():
        parts = re.split(r"\{([^}]+)\}", template)
        pattern = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>[^/]+?)" for i, p in enumerate(parts))
        for method, spec in item.items():
            ops.append(Operation(spec["operationId"], method.upper(), template, re.compile(f"^{pattern}$"), spec))
    return ops


def _b64(data: str | None) -> bytes:
    return base64.b64decode(data) if data else b""


def _to_request(ex: dict[str, Any]) -> RecordedRequest:
    url = urlsplit(ex["url"])
    headers = ex["request_headers"]
    ctype = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    return RecordedRequest(
        host_url=f"{url.scheme}://{url.netloc}",
        path=url.path,
        method=ex["method"].lower(),
        body=_b64(ex["request_body"]) or None,
        content_type=ctype.lower(),
        parameters=RequestParameters(
            query=ImmutableMultiDict(parse_qsl(url.query, keep_blank_values=True)),
            header=Headers(headers),
            # the recorder keeps only whether a session cookie was sent, never its value
            cookie=ImmutableMultiDict({"session": "redacted"} if ex["has_session_cookie"] else {}),
        ),
    )


def _to_response(ex: dict[str, Any], op: Operation | None) -> RecordedResponse:
    headers = Headers(ex["response_headers"])
    ctype = headers.get("Content-Type", "").lower()
    declared = (op.spec["responses"].get(str(ex["status"]), {}) if op else {}).get("content", {})
    if ctype.startswith("text/html") and "text/html" in declared and "application/json" in declared:
        ctype = "application/json"  # JSON served as text/html: validate it as the JSON it is
    return RecordedResponse(ex["status"], ctype, headers, _b64(ex["response_body"]))


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return dict(yaml.safe_load(SCHEMA_PATH.read_text()))


def _octets(value: bytes, **parameters: str) -> str:
    """Binary bodies as a string of octets, so `type: string` (format binary / contentMediaType) applies."""
    return value.decode("latin-1")


def _text(value: bytes, **parameters: str) -> str:
    return value.decode(parameters.get("charset", "utf-8"))


@pytest.fixture(scope="module")
def openapi() -> OpenAPI:
    # "forbid": a property the schema does not document is an error (objects that are free-form say so)
    config = Config(
        additional_properties_default_policy="forbid",
        extra_media_type_deserializers={
            "image/png": _octets,
            "application/octet-stream": _octets,
            "image/svg+xml": _text,
            "text/csv": _text,
        },
    )
    return OpenAPI.from_file_path(str(SCHEMA_PATH), config=config)


@pytest.fixture(scope="module")
def operations(schema: dict[str, Any]) -> list[Operation]:
    return _operations(schema)


@pytest.fixture(scope="module", params=["real", "emulator"])
def recording(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Run the official client once through every seed class/method, against the real server and against
    the emulator (the same checks passing on both proves the emulator too); returns exchanges and steps."""
    work = tmp_path_factory.mktemp("phas-oracle")
    if request.param == "real":
        server: PhasServer = request.getfixturevalue("phas_server")
        yield run_official_client(server.python, server, server.key_files, work)
        return
    from medannot.testing.phas import PhasEmulator

    try:
        python = venv_python(provision())  # the official client lives in the server's venv
    except PhasUnavailable as exc:
        pytest.skip(f"the official PHAS client cannot be installed: {exc}")
    with PhasEmulator() as emulator:
        key_files = {}
        for user, key in emulator.keys.items():
            key_files[user] = work / f"{user}.json"
            key_files[user].write_text(json.dumps({"api_key": key}))
        yield run_official_client(python, emulator, key_files, work)


def run_official_client(python: Path, backend: Any, key_files: dict[str, Path], work: Path) -> dict[str, Any]:
    ctx = {
        "url": backend.url,
        "project": backend.project,
        "tasks": backend.tasks,
        "slides": backend.slides,
        "labels": backend.labels,
        "labelset_id": backend.labelset_id,
        "samples": backend.samples,
        "key_files": {u: str(p) for u, p in key_files.items()},
    }
    (work / "context.json").write_text(json.dumps(ctx))
    out = work / "recording.json"
    proc = subprocess.run(
        [str(python), str(RUNNER), str(work / "context.json"), str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=work,
    )
    assert proc.returncode == 0 and out.is_file(), f"official client run failed:\n{proc.stderr[-4000:]}"
    return dict(json.loads(out.read_text()))


def _match(ops: list[Operation], ex: dict[str, Any]) -> Operation | None:
    path = urlsplit(ex["url"]).path
    found = [op for op in ops if op.method == ex["method"] and op.regex.match(path)]
    return found[0] if len(found) == 1 else None


def _requires_session(op: Operation, schema: dict[str, Any]) -> bool:
    security = op.spec.get("security", schema.get("security", []))
    return bool(security) and {} not in security


def test_official_client_steps_behave_as_known(recording: dict[str, Any]) -> None:
    got = {s["step"]: (s["outcome"], s["status"]) for s in recording["steps"]}
    unexpected = {k: v for k, v in got.items() if v != EXPECTED_FAILURES.get(k, ("ok", None))}
    details = [s for s in recording["steps"] if s["step"] in unexpected]
    assert not unexpected, f"steps that behaved differently: {json.dumps(details, indent=1)}"
    assert set(EXPECTED_FAILURES) <= set(got), "expected steps missing from the run"


def test_every_request_matches_one_operation(
    recording: dict[str, Any], operations: list[Operation], openapi: OpenAPI, schema: dict[str, Any]
) -> None:
    failures = []
    for ex in recording["exchanges"]:
        op = _match(operations, ex)
        if op is None:
            failures.append(f"{ex['method']} {ex['url']}: no (or more than one) operation")
            continue
        errors = list(openapi.iter_request_errors(_to_request(ex)))
        if not ex["has_session_cookie"] and _requires_session(op, schema):
            # a call without session must be refused by the server the way the schema says
            errors = [e for e in errors if not isinstance(e, SecurityValidationError)]
            if ex["status"] != 302:
                failures.append(f"{op.operation_id} without session answered {ex['status']}, not 302")
        failures += [
            f"{op.operation_id} {ex['method']} {ex['url']}: {e!r} {getattr(e, '__cause__', '')!r}" for e in errors
        ]
    assert not failures, "\n".join(failures)


def test_every_response_validates(recording: dict[str, Any], operations: list[Operation], openapi: OpenAPI) -> None:
    failures = []
    for ex in recording["exchanges"]:
        op = _match(operations, ex)
        request = _to_request(ex)
        request.parameters.cookie = ImmutableMultiDict({"session": "redacted"})  # judge the response only
        for e in openapi.iter_response_errors(request, _to_response(ex, op)):
            if isinstance(e, MissingData) and op and op.operation_id == "get_slide_annotation":
                continue  # "no annotation" is an empty body, which openapi-core cannot describe
            cause = e.__cause__ or e
            failures.append(f"{op.operation_id if op else '?'} {ex['status']} {ex['url']}: {e!r}: {cause!s:.500}")
    assert not failures, "\n".join(failures)


def test_every_operation_is_exercised(recording: dict[str, Any], operations: list[Operation]) -> None:
    hit = {op.operation_id for ex in recording["exchanges"] if (op := _match(operations, ex))}
    missing = sorted({op.operation_id for op in operations} - hit)
    assert not missing, f"operations the official client never called: {missing}"


def test_every_documented_status_is_seen_or_known(recording: dict[str, Any], operations: list[Operation]) -> None:
    """The recording covers 200 of every operation and the 302/401/403 answers."""
    seen = {(op.operation_id, ex["status"]) for ex in recording["exchanges"] if (op := _match(operations, ex))}
    # the login page is only reached by following a 302, and 500s on this install (no templates)
    no_200 = [op.operation_id for op in operations if (op.operation_id, 200) not in seen]
    assert no_200 == ["get_login_page"], no_200
    statuses = {status for _, status in seen}
    assert {200, 302, 401, 403, 500} <= statuses


def test_csv_manifest_columns_match_row_schema(
    recording: dict[str, Any], operations: list[Operation], schema: dict[str, Any]
) -> None:
    row = schema["components"]["schemas"]["SlideManifestRow"]
    n = 0
    for ex in recording["exchanges"]:
        op = _match(operations, ex)
        if op is None or op.operation_id != "get_slide_detailed_manifest" or ex["status"] != 200:
            continue
        reader = csv.DictReader(io.StringIO(_b64(ex["response_body"]).decode()))
        columns = set(reader.fieldnames or [])
        assert set(row["required"]) <= columns <= set(row["properties"]), ex["url"]
        for record in reader:
            for name in ("id", "block_id", "section", "slide", "task_id", "specimen"):
                assert record[name].isdigit(), (name, record)
        n += 1
    assert n >= 10


def test_no_session_gets_302_to_login(phas_server: PhasServer, openapi: OpenAPI) -> None:
    """Seen without following redirects (the official client follows them into a 500 page)."""
    task, slide = phas_server.tasks["annot"], phas_server.slides["S1_B1_HE_01"]
    paths = [
        "/api/projects",
        f"/api/task/{task}/info",
        f"/api/task/{task}/slide_detailed_manifest.csv",
        f"/dzi/patch/{phas_server.project}/{slide}/raw/0/100_100_64_64.png",
    ]
    with httpx.Client(base_url=phas_server.url, follow_redirects=False) as client:
        for path in paths:
            r = client.get(path)
            assert r.status_code == 302 and r.headers["location"] == "/auth/login", (path, r.status_code)
            response = RecordedResponse(302, r.headers["content-type"].lower(), Headers(dict(r.headers)), r.content)
            request = RecordedRequest(phas_server.url, path, "get", None, "")
            openapi.validate_response(request, response)
