"""The examples run end to end against the emulators (no account, no server)."""

from __future__ import annotations

import json
import runpy
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "labelbox_quickstart.py"


def test_labelbox_quickstart_runs_on_the_emulator(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("LABELBOX_API_KEY", raising=False)
    monkeypatch.delenv("LABELBOX_ENDPOINT", raising=False)
    runpy.run_path(str(EXAMPLE), run_name="__main__")
    out = capsys.readouterr().out
    assert "6 rows created, 0 refused" in out
    assert "global keys: SUCCESS, 6 assigned" in out
    assert "6 line(s)" in out


PHAS_EXAMPLE = EXAMPLE.with_name("phas_quickstart.py")


def test_phas_quickstart_runs_on_the_emulator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from medannot.testing.phas import PhasEmulator

    with PhasEmulator() as emulator:
        key_file = tmp_path / "key.json"
        key_file.write_text(json.dumps({"api_key": emulator.api_key}))
        monkeypatch.setattr(sys, "argv", ["phas_quickstart.py", emulator.url, str(key_file), "--out", str(tmp_path)])
        runpy.run_path(str(PHAS_EXAMPLE), run_name="__main__")
    out = capsys.readouterr().out
    assert "project 'synth'" in out and "patch at the centre: RGBA (512, 512)" in out
    assert (tmp_path / f"task_{emulator.tasks['annot']}_annots.json").is_file()
