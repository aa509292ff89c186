"""Peak-RSS measurement for the benchmark workers (standard library only: workers run in the official clients'
venvs, by path, so this module is imported as a sibling: `from _memory import ...`)."""

from __future__ import annotations

import resource
from pathlib import Path


def _status_mib(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024  # kB
    raise KeyError(field)


def rss_baseline_mib() -> float:
    """Reset the peak-RSS mark to the current RSS (Linux clear_refs 5) and return it; elsewhere the peak so far."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return _status_mib("VmRSS")
    except OSError:
        return peak_rss_mib()


def peak_rss_mib() -> float:
    try:
        return _status_mib("VmHWM")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
