"""Figures of the fuzz run: cases and failures per emulator and operation, printed in pytest's summary."""

from __future__ import annotations

from typing import Any

#: platform -> operation label -> [cases sent, cases failed]
FIGURES: dict[str, dict[str, list[int]]] = {}


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not FIGURES:
        return
    terminalreporter.section("emulator fuzzing (schemathesis)")
    for platform, operations in sorted(FIGURES.items()):
        cases = sum(c for c, _ in operations.values())
        failed = sum(f for _, f in operations.values())
        terminalreporter.write_line(f"{platform}: {len(operations)} operations, {cases} cases, {failed} failed")
        for label, (count, failures) in sorted(operations.items()):
            if failures:
                terminalreporter.write_line(f"    {label}: {failures} of {count} failed")
