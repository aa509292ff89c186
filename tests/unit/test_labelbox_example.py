"""examples/labelbox_quickstart.py runs end to end against the emulator when no account is configured."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "labelbox_quickstart.py"


def test_quickstart_runs_on_the_emulator(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("LABELBOX_API_KEY", raising=False)
    monkeypatch.delenv("LABELBOX_ENDPOINT", raising=False)
    runpy.run_path(str(EXAMPLE), run_name="__main__")
    out = capsys.readouterr().out
    assert "6 rows created, 0 refused" in out
    assert "global keys: SUCCESS, 6 assigned" in out
    assert "6 line(s)" in out
