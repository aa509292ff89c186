"""Serve the Grand Challenge emulator in the foreground, over HTTPS:

    python -m medannot.testing.grandchallenge --port N [--api-key KEY] [--cert-dir DIR]

writes DIR/ca.pem (the CA clients must trust) and prints the API base URL, `https://127.0.0.1:N/api/v1/`.
The same as `python -m medannot.testing grandchallenge ...` (which also prints the token and the CA's path).
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Sequence
from pathlib import Path

from medannot.testing._emulator import sigterm_as_exit


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m medannot.testing.grandchallenge", description="Serve the Grand Challenge emulator (HTTPS)."
    )
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--api-key", help="the API token clients send (default: a random one, printed)")
    parser.add_argument("--cert-dir", type=Path, help="write ca.pem and the server certificate here")
    args = parser.parse_args(argv)
    with sigterm_as_exit(), contextlib.suppress(KeyboardInterrupt):
        from medannot.testing.grandchallenge import GrandChallengeEmulator

        emulator = GrandChallengeEmulator.from_cli(
            port=args.port, api_key=args.api_key, studies=None, cert_dir=args.cert_dir
        )

        def ready(url: str) -> None:
            print(url, flush=True)
            for line in emulator.banner():
                print(line, flush=True)

        emulator.serve_forever(on_ready=ready)


if __name__ == "__main__":
    main()
