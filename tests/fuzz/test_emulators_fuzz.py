"""Schemathesis against every OpenAPI emulator, with the schema it ships, over loopback (issue 9, deliverable 10).

Each operation gets its schema examples, schemathesis' coverage cases (boundaries, wrong types, missing
fields) and `EXAMPLES` generated cases, valid and invalid, from a fixed seed and without shrinking. Every answer
is held to two rules:

- **No crash of the emulator.** An exception that escapes an emulator's handler (`Emulator.crashes`) fails the
  case, unless it is the emulator's `ServerFault` and matches a fault of the real server listed below and in
  the emulator's docs (docs/monailabel-server.md, docs/phas-server.md). A 500 without such a fault behind it
  fails too, except a documented JSON 500 (an HTTPException the real server raises with status 500).
- **The answer fits the schema**: schemathesis' `response_schema_conformance` and `content_type_conformance`.
  Status codes are not checked: the real servers answer statuses their schemas do not list (401, 403, 500...),
  and the emulators with them.

Known schema gap (not an emulator fault): the MONAI Label file downloads answer the type guessed from the stored name
(`x.gif` -> image/gif) while the patched schema lists application/octet-stream only (docs/monailabel-server.md).
These cases do not arise from a fresh emulator; were they generated, `content_type_conformance` would flag them,
and the fix belongs in schemas/monailabel/patch.yaml.

Figures (operations, cases, failures) are printed at the end of the run (tests/fuzz/conftest.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from medannot.testing._emulator import Emulator
from medannot.testing.monailabel import MonaiLabelEmulator
from medannot.testing.monailabel.app import DEFAULT_SCHEMA as MONAILABEL_SCHEMA
from medannot.testing.phas import PhasEmulator
from medannot.testing.phas.app import DEFAULT_SCHEMA as PHAS_SCHEMA
from tests.fuzz.conftest import FIGURES

EXAMPLES = 25  # generated cases per operation, on top of the schema's examples and the coverage cases
SEED = 20260917
TIMEOUT = 10  # seconds per request
CHECKS = [response_schema_conformance, content_type_conformance]

# -- documented faults of the real servers: (operation, pattern of the emulator's ServerFault message)
# MONAI Label 0.8.5: docs/monailabel-server.md, "(a) 500 with plain-text bodies" and "Faults found by fuzzing".
_UNKNOWN_IMAGE = r"^Image .* not found$"
_BAD_JSON = r"^(invalid JSON|expected a JSON object)"
_BAD_PATH = r"^(cannot store|.* is outside the datastore)"  # ids the file system cannot hold (NUL, '/', length)
MONAILABEL_FAULTS: dict[str, list[str]] = {
    "POST /infer/{model}": [r"^Inference Task is not Initialized", _UNKNOWN_IMAGE, _BAD_JSON],
    "POST /infer/wsi/{model}": [r"^Inference Task is not Initialized", _UNKNOWN_IMAGE, _BAD_JSON],
    "POST /infer/wsi_v2/{model}": [r"^Inference Task is not Initialized", _UNKNOWN_IMAGE, _BAD_JSON, r"^invalid WSI"],
    "PUT /datastore/": [_BAD_JSON, _BAD_PATH],
    "PUT /datastore/image": [_BAD_JSON, _BAD_PATH],
    "PUT /datastore/label": [_UNKNOWN_IMAGE, _BAD_JSON, _BAD_PATH],
    "PUT /datastore/image/info": [_UNKNOWN_IMAGE, _BAD_JSON],
    "PUT /datastore/label/info": [r"^Label: .* not found$", _BAD_JSON],
    "PUT /datastore/updatelabelinfo": [r"^Label: .* not found$", _BAD_JSON],
    "DELETE /datastore/image": [_UNKNOWN_IMAGE],
    "DELETE /datastore/": [_UNKNOWN_IMAGE],
    "HEAD /datastore/image": [r"^unsupported hashing algorithm"],
    "GET /datastore/dataset": [r"^ZIP archive was not created"],
    "POST /activelearning/{strategy}": [r"^ActiveLearning Task is not Initialized", r"^Total of weights"],
    "POST /train/{model}": [r"^Train Task is not Initialized"],
    "POST /scoring/{method}": [r"^Scoring Task is not Initialized"],
    "POST /batch/infer/{model}": [r"^Inference Task is not Initialized", r"^integer modulo by zero"],
    "PUT /session/": [r"^not an archive", _BAD_PATH],
    "GET /session/{session_id}": [r"^File at path .* is not a file\.$"],
    "GET /logs/": [r"^Python int too large to convert to C ssize_t$"],
    "GET /logs/gpu": [r"^nvidia-smi not found"],
    "POST /auth/token": [r"^401 Client Error"],
}
# HTTPExceptions the real server raises with status 500 (a JSON `detail`, connection kept).
MONAILABEL_JSON_500 = [
    r"^Neither Image nor File not Session ID input is provided$",
    r"^Model File Name NOT configured for ",
    r"^DICOM SEG format is not supported",
]
# PHAS 0.99.7: docs/phas-server.md, "Status codes" ("unknown id -> 500", "bad input -> 500") and "Faults found by
# fuzzing".
_NO_PROJECT = r"^Project .* is not in the database$"
_NOT_INT = r"^invalid literal for int"
PHAS_FAULTS: dict[str, list[str]] = {
    "GET /auth/login": [],  # the wheel has no templates: a 500 page, served by the handler, no exception
    "GET /api/task/{task_id}/labelset": [r"^no task"],
    "GET /dltrain/api/sample/{id}/image.png": [r"^no patch for sample"],
    "GET /task/{task_id}/slide/{mode}/{resolution}/{slide_id}/sampling_roi/get": [r"^no slide"],
    "GET /task/{task_id}/slide/{slide_id}/sampling_roi/make_image_{maxdim}.nii.gz": [r"^no slide"],
    "GET /dzi/{project}/{slide_id}/header": [_NO_PROJECT],
    "GET /dzi/{project}/{slide_id}/filepath": [_NO_PROJECT],
    "GET /dzi/download/{project}/slide_{slide_id}_{resource}_header.json": [_NO_PROJECT],
    "GET /dzi/patch/{project}/{slide_id}/{resource}/{level}/{ctrx}_{ctry}_{w}_{h}.{format}": [
        _NO_PROJECT,
        r"^cannot write mode RGBA as JPEG",
        r"^no level",
    ],
    "GET /api/task/{task_id}/slide_detailed_manifest.csv": [_NOT_INT, r"^no such column"],
    "POST /task/{task_id}/slide/{mode}/{resolution}/{slide_id}/annot/set": [
        r"^not JSON",
        r"^unreadable annotation",
        r"^a path without segments",
        r"^a marker without a matrix",
    ],
    "POST /task/{task_id}/slide/{mode}/{resolution}/{slide_id}/dltrain/sampling_roi/create": [
        r"^no slide",
        r"^bad sampling ROI",
        r"^Unknown or missing sampling roi type",
        r"^invalid \w+ data",
        r"^a trapezoid whose centre line has no length",
    ],
    "POST /api/task/{task_id}/slide_{slide_id}_annot_{downsample}.svg": [_NOT_INT],
    "POST /api/task/{task_id}/slide_{slide_id}_annot.svg": [_NOT_INT],
}


def _schema(path: Any) -> Any:
    schema = schemathesis.openapi.from_path(str(path))
    schema.config.seed = SEED
    schema.config.phases.update(phases=["examples", "coverage", "fuzzing"])
    schema.config.generation.update(max_examples=EXAMPLES, no_shrink=True, deterministic=True)
    return schema


MONAILABEL = _schema(MONAILABEL_SCHEMA)
PHAS = _schema(PHAS_SCHEMA)
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def monailabel() -> Iterator[MonaiLabelEmulator]:
    with MonaiLabelEmulator() as emulator:
        yield emulator


@pytest.fixture(scope="module")
def phas() -> Iterator[tuple[PhasEmulator, dict[str, str]]]:
    with PhasEmulator() as emulator:
        login = httpx.post(f"{emulator.url}/auth/api/login", data={"api_key": emulator.api_key}, timeout=TIMEOUT)
        login.raise_for_status()
        yield emulator, dict(login.cookies)


class Fuzz:
    """The cases of one operation: every problem is collected (not only the first) and reported at the end."""

    def __init__(self, platform: str) -> None:
        self.platform = platform
        self.label = ""
        self.problems: list[str] = []

    def run(
        self,
        case: Any,
        emulator: Emulator[Any],
        faults: dict[str, list[str]],
        json_500: list[str],
        cookies: dict[str, str] | None = None,
    ) -> None:
        self.label = label = case.operation.label
        figures = FIGURES.setdefault(self.platform, {}).setdefault(label, [0, 0])
        figures[0] += 1
        seen = len(emulator.crashes)
        try:
            response = case.call(base_url=emulator.url, cookies=cookies, timeout=TIMEOUT)
        except Exception as error:  # a reset or a timeout: the emulator hung or died
            problems = [f"no answer: {error!r}"]
        else:
            crashes = emulator.crashes[seen:]
            problems = [p for p in (_unexpected(crash.error, faults.get(label)) for crash in crashes) if p]
            if response.status_code == 500 and not crashes and not _documented_500(response, label, faults, json_500):
                problems.append(f"500 without a documented fault: {response.text[:300]!r}")
            try:
                case.validate_response(response, checks=CHECKS)
            except Exception as error:
                problems.append(str(error).strip())
        if problems:
            figures[1] += 1
            repro = case.as_curl_command(headers=None)
            self.problems.append("\n".join([*problems, f"reproduce: {repro}"]))


@pytest.fixture
def fuzz(request: pytest.FixtureRequest) -> Iterator[Fuzz]:
    """Fails the operation's test after all its cases ran, listing every problem (the first few in full)."""
    platform = "monailabel" if "monailabel" in request.node.name else "phas"
    collected = Fuzz(platform)
    yield collected
    if collected.problems:
        shown = "\n\n".join(collected.problems[:5])
        pytest.fail(f"{collected.label}: {len(collected.problems)} failing cases\n\n{shown}", pytrace=False)


def _unexpected(error: Exception, patterns: list[str] | None) -> str | None:
    """None for a documented fault of the real server, else what went wrong."""
    documented = type(error).__name__ == "ServerFault" and any(
        re.search(p, str(error), re.DOTALL) for p in patterns or ()
    )
    return None if documented else f"emulator exception {type(error).__name__}: {error}"


def _documented_500(response: Any, label: str, faults: dict[str, list[str]], json_500: list[str]) -> bool:
    if label in faults and not faults[label]:
        return True  # a documented 500 page the handler serves on purpose
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        return False
    return isinstance(detail, str) and any(re.search(p, detail, re.DOTALL) for p in json_500)


@MONAILABEL.parametrize()
@FUZZ_SETTINGS
def test_monailabel_emulator(case: Any, monailabel: MonaiLabelEmulator, fuzz: Fuzz) -> None:
    fuzz.run(case, monailabel, MONAILABEL_FAULTS, MONAILABEL_JSON_500)


@PHAS.parametrize()
@FUZZ_SETTINGS
def test_phas_emulator(case: Any, phas: tuple[PhasEmulator, dict[str, str]], fuzz: Fuzz) -> None:
    emulator, cookies = phas
    fuzz.run(case, emulator, PHAS_FAULTS, [], cookies)
