"""The secret audit (issue 9, item 5): the contract suites of every platform, emulator backends, sync and async
twins, run with DEBUG logging on every logger; every log line, exception text, repr and result is searched for
every secret used (MONAI Label password and the JWTs its emulator issued, PHAS API keys and session cookies,
Labelbox API keys). See `tests/secrets/audit.py` for what is collected and how.

Run by hand: `python -m pytest tests/contract -m "not live" -p tests.secrets.audit -p no:logging`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SUITES = [f"tests/contract/test_{name}_contract.py" for name in ("monailabel", "phas", "labelbox")]
BUDGET = 170  # seconds for the whole audit run (the suites take about 30 s here)


def run_audit(tmp_path: Path, *args: str, timeout: float = BUDGET) -> tuple[subprocess.CompletedProcess[str], Any]:
    report = tmp_path / "audit.json"
    command = [
        sys.executable,
        "-m",
        "pytest",
        *args,
        "-m",
        "not live",
        "-p",
        "tests.secrets.audit",
        "-p",
        "no:logging",  # the audit's own handler sees every record; pytest's capture would only repeat them
        "-p",
        "no:cacheprovider",
        f"--basetemp={tmp_path / 'basetemp'}",  # never prunes the outer run's temporary folders
        f"--secret-audit-report={report}",
        "-q",
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    output = done.stdout[-3000:] + done.stderr[-3000:]
    assert report.exists(), f"the audit wrote no report (exit {done.returncode}):\n{output}"
    return done, json.loads(report.read_text())


def test_the_contract_suites_never_show_a_secret(tmp_path: Path) -> None:
    done, figures = run_audit(tmp_path, *SUITES)
    summary = (
        f"secret audit: {figures['tests']} tests, {figures['lines_scanned']} lines scanned "
        f"({figures['unique_texts']} distinct texts; by source {figures['lines_by_source']}), "
        f"{figures['secrets_checked']} secrets checked ({figures['secrets_by_kind']}; "
        f"{figures['fragments_checked']} strings with their fragments), {figures['leaks']} leaks; "
        f"outcomes {figures['outcomes']}"
    )
    print(summary)
    assert figures["leaks"] == 0, json.dumps(figures["leak_details"], indent=1)[:6000]
    assert done.returncode in (0, 1), done.stdout[-3000:] + done.stderr[-3000:]  # 1: a suite's own test failed
    for suite in SUITES:  # every platform's suite ran, both twins
        assert figures["outcomes"].get(f"{suite} passed", 0) >= 10, (suite, figures["outcomes"])
    assert figures["lines_scanned"] >= 10_000, summary
    assert figures["lines_by_source"].get("log", 0) >= 5_000, summary
    for source in ("exception", "repr", "result"):
        assert figures["lines_by_source"].get(source, 0) >= 100, summary
    kinds = figures["secrets_by_kind"]
    for kind in ("MONAI Label password", "MONAI Label token", "PHAS API key", "session cookie", "Labelbox API key"):
        assert kinds.get(kind, 0) >= 1, (kind, kinds)
    assert kinds["MONAI Label token"] >= 10  # every MONAI Label client logged in with the URL's user info


def test_the_audit_finds_a_planted_leak(tmp_path: Path) -> None:
    """A canary secret leaked once through a log line, an error and a result is found in each (and fails the
    run), so a clean audit means something."""
    done, figures = run_audit(
        tmp_path, f"{SUITES[2]}::test_a_wrong_api_key_is_an_auth_error", "--secret-audit-canary", timeout=60
    )
    assert done.returncode == 1, done.stdout[-3000:]
    planted = [leak for leak in figures["leak_details"] if leak["kind"] == "canary"]
    assert {leak["source"] for leak in planted} == {"log", "exception", "result"}, figures["leak_details"]
    assert figures["leaks"] == len(planted)  # and nothing else
