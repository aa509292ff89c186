"""The README's python snippets type-check with `mypy --strict`, as a user's program would (one mypy run over all
of them, written to a temporary directory).

A snippet that continues an earlier one (it uses a name that an earlier block imported) gets the import lines of
the blocks before it; nothing else is changed. Running the quick-starts against the emulators is
tests/emulators/test_readme_quickstarts.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
IMPORT = re.compile(r"^(?:from \S+ import .+|import \S+)$")


def snippets() -> list[tuple[int, str]]:
    """(line number, code) of every ```python block of README.md."""
    text = README.read_text(encoding="utf-8")
    return [
        (text.count("\n", 0, match.start()) + 1, match.group(1))
        for match in re.finditer(r"^```python\n(.*?)^```", text, re.DOTALL | re.MULTILINE)
    ]


def imported_names(line: str) -> set[str]:
    if line.startswith("import "):
        return {line.split()[1].split(".")[0]}
    names = line.partition(" import ")[2].strip("()")
    return {name.split(" as ")[-1].strip() for name in names.split(",")}


def modules() -> dict[str, str]:
    """File name -> source of each snippet, preceded by the earlier blocks' imports of the names it uses but does
    not import itself (a block that continues an earlier one)."""
    out: dict[str, str] = {}
    earlier: list[str] = []
    for line, code in snippets():
        own = [text for text in code.splitlines() if IMPORT.match(text)]
        bound = set().union(*map(imported_names, own)) if own else set()
        borrowed = [
            text
            for text in earlier
            if any(re.search(rf"\b{re.escape(name)}\b", code) for name in imported_names(text) - bound)
        ]
        out[f"readme_line_{line}.py"] = "\n".join([*borrowed, code])
        earlier += [text for text in own if text not in earlier]
    return out


def test_the_readme_has_python_snippets() -> None:
    assert len(snippets()) >= 3


def test_readme_snippets_pass_mypy_strict(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    (tmp_path / "mypy.ini").write_text("[mypy]\n", encoding="utf-8")  # not the project's settings
    for name, source in modules().items():
        (tmp_path / name).write_text(source, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--python-version",
            "3.11",
            "--no-incremental",
            "--cache-dir",
            str(tmp_path / ".mypy_cache"),
            "--config-file",
            str(tmp_path / "mypy.ini"),
            *sorted(str(tmp_path / name) for name in modules()),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
