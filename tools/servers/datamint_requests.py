"""Datamint publishes no schema: the refresh runs every installed SDK generation (.cache/datamint-2.6-venv,
.cache/datamint-2.45-venv; tools/servers/datamint_sdk.py) through tests/oracle/datamint_sdk_scenario.py against the
emulator, which validates each request against schemas/datamint/openapi.yaml, and lists what does not fit: requests
that match no operation, requests or answers that do not validate.

    python -m tools.servers.datamint_requests [GENERATION ...]     # 2.6, 2.45 (default: both)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.servers.datamint_sdk import VENVS


def check(generation: str, work: Path) -> tuple[list[str], int, str]:
    """(misfits, requests sent, note) of one SDK generation against the emulator."""
    from medannot.testing.datamint import DatamintEmulator
    from tests.oracle.test_datamint_oracle import API_KEY, SCENARIO, loopback_env, template_regex, write_inputs
    from tools.servers._venv import venv_python
    from tools.servers.datamint_sdk import provision

    python = venv_python(provision(generation))
    write_inputs(work)
    with DatamintEmulator(api_key=API_KEY) as emulator:
        done = subprocess.run(
            [str(python), str(SCENARIO), generation, emulator.url, API_KEY, str(work)],
            env=loopback_env(work / "home"),
            cwd=work,  # the SDK writes its logs to .log/ in the working directory
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        requests = list(emulator.requests)
        journal = list(emulator.contract.journal)
        operations = emulator.contract.operations
    checked = {(c.method, c.path) for c in journal}
    misfits: list[str] = []
    for method, path, status in requests:
        if (method, path) in checked:
            continue
        if not any(m == method and template_regex(p).fullmatch(path) for m, p in operations):
            misfits.append(f"{method} {path} ({status}): no operation of the schema")
        elif status != 401:  # a wrong key on purpose is refused before the contract check
            misfits.append(f"{method} {path} ({status}): not checked by the contract")
    for c in journal:
        for error in c.request_errors:
            misfits.append(f"{c.method} {c.path}: request does not validate: {str(error)[:300]}")
        for error in c.response_errors:
            misfits.append(f"{c.method} {c.path}: answer does not validate: {str(error)[:300]}")
    note = "" if done.returncode == 0 else f" (the scenario exited {done.returncode}: {done.stderr.strip()[-300:]})"
    return sorted(set(misfits)), len(requests), note


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.servers.datamint_requests",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("generations", nargs="*", metavar="GENERATION", help=f"any of {', '.join(VENVS)}")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.generations) - set(VENVS))
    if unknown:
        parser.error(f"unknown generation(s): {', '.join(unknown)}")
    status = 0
    for generation in args.generations or list(VENVS):
        with tempfile.TemporaryDirectory(prefix=f"medannot-datamint-{generation}-") as tmp:
            try:
                misfits, sent, note = check(generation, Path(tmp))
            except subprocess.CalledProcessError as exc:
                print(f"datamint {generation}: skipped: the SDK cannot be installed here ({exc})")
                continue
        print(f"datamint {generation}: {sent} requests of the SDK against schemas/datamint/openapi.yaml{note}")
        print("\n".join(f"  - {m}" for m in misfits) or "  every request fits the schema")
        status = max(status, 1 if misfits else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
