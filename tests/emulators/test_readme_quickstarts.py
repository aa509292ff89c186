"""The README's quick-starts run as written against `python -m medannot.testing <platform>`: the values they use
(model names, task ids, stains, slide coordinates) exist in the emulators' data.

Only the server URL and the credentials are put in (a user would type their own); the snippet runs in a fresh
python, in a temporary working directory holding the files it names.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from medannot.testing.data import write_nifti_volumes

README = Path(__file__).resolve().parents[2] / "README.md"
STARTUP = 60  # seconds for an emulator to print its URL


def snippet(section: str) -> str:
    """The first ```python block under the `## <section>` heading."""
    text = README.read_text(encoding="utf-8")
    start = text.index(f"## {section}\n")
    block = re.search(r"```python\n(.*?)```", text[start:], re.DOTALL)
    assert block is not None, f"no python block under {section!r}"
    return block.group(1)


@contextmanager
def served(platform: str, *args: str) -> Iterator[list[str]]:
    """The command-line emulator; yields what it printed up to its "Ctrl-C" line (URL first, then the banner)."""
    command = [sys.executable, "-m", "medannot.testing", platform, "--port", "0", *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        lines: list[str] = []
        while not lines or lines[-1] != "Ctrl-C stops it.":
            line = process.stdout.readline()
            assert line, f"{platform} emulator ended early: {process.communicate()[1][-2000:]}"
            lines.append(line.strip())
        assert lines[0].startswith("http://127.0.0.1:")
        yield lines
    finally:
        process.terminate()
        process.communicate(timeout=30)


def run(code: str, cwd: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )  # fmt: skip
    assert result.returncode == 0, f"{result.stdout[-2000:]}\n{result.stderr[-4000:]}"


def test_monailabel_quickstart_runs_as_written(tmp_path: Path) -> None:
    code = snippet("MONAI Label quick-start")
    assert '"http://127.0.0.1:8000"' in code
    for index, path in enumerate(write_nifti_volumes(tmp_path, 2, shape=(16, 16, 8))):
        path.rename(tmp_path / f"ct{index + 1}.nii.gz")  # the files the snippet uploads
    with served("monailabel") as lines:
        run(code.replace('"http://127.0.0.1:8000"', repr(lines[0])), tmp_path)


def test_phas_quickstart_runs_as_written(tmp_path: Path) -> None:
    code = snippet("PHAS quick-start")
    assert '"https://phas.example.org", "~/phas_api_key.json"' in code
    with served("phas") as lines:
        key = next(line for line in lines if line.startswith("admin API key: ")).rsplit(" ", 1)[-1]
        key_file = tmp_path / "phas_api_key.json"
        key_file.write_text(json.dumps({"api_key": key}))  # the official key file's shape
        run(code.replace('"https://phas.example.org", "~/phas_api_key.json"', f"{lines[0]!r}, {str(key_file)!r}"),
            tmp_path)  # fmt: skip
    exported = json.loads((tmp_path / "all_annots.json").read_text())
    assert isinstance(exported, (list, dict))


@pytest.mark.parametrize("platform", ["monailabel", "phas", "labelbox"])
def test_every_emulator_prints_what_it_accepts(platform: str) -> None:
    with served(platform, "--api-key", "k3y") as lines:
        assert any("k3y" in line for line in lines[1:]), lines
