"""Serve an emulator in the foreground.

    python -m medannot.testing <platform> --port N [--api-key KEY] [--studies DIR] [--cert-dir DIR]
    python -m medannot.testing <platform> --help        # what KEY means there, which options apply

The platforms and their emulator classes come from `medannot.registry`; each class has
`from_cli(*, port: int, api_key: str | None, studies: Path | None)` returning an `Emulator`, a `command_line`
(its help, and which of `--studies` and `--cert-dir` it takes: a class whose `command_line` offers `--cert-dir`
also gets `cert_dir: Path | None`) and `banner()` (the credentials it accepts). Once requests are answered, the
first line printed is the URL (scripts read it), then the banner. A busy port, a bad `--studies` or `--cert-dir`
folder or a missing `testing` extra end it with one line on stderr and status 2. SIGINT and SIGTERM stop it
cleanly: temporary folders (uploaded images...) are removed before it exits (status 0 after SIGINT, 143 after
SIGTERM).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from medannot.registry import PLATFORMS, Platform
from medannot.testing import MissingExtra

if TYPE_CHECKING:
    from medannot.testing._emulator import CommandLine

PROG = "python -m medannot.testing"


def _fail(message: str, prog: str = PROG) -> NoReturn:
    print(f"{prog}: error: {message}", file=sys.stderr, flush=True)
    sys.exit(2)


def _top_parser() -> argparse.ArgumentParser:
    listing = "\n".join(f"  {name:<12} {p.title} emulator" for name, p in sorted(PLATFORMS.items()))
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Serve a platform emulator on 127.0.0.1 until Ctrl-C.",
        epilog=f"platforms:\n{listing}\n\n`{PROG} <platform> --help` says what its options mean.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("platform", choices=sorted(PLATFORMS), help="the platform to emulate")
    return parser


def _help_of(platform: Platform, emulator_class: Any) -> CommandLine:
    """The emulator class's `command_line`, or a plain one for a class that does not describe itself."""
    from medannot.testing._emulator import CommandLine

    spec = getattr(emulator_class, "command_line", None)
    if isinstance(spec, CommandLine):
        return spec
    return CommandLine(
        description=f"Serve an emulated {platform.title} server.", api_key="the credential the emulator accepts"
    )


def _platform_parser(platform: Platform, emulator_class: Any) -> argparse.ArgumentParser:
    help_ = _help_of(platform, emulator_class)
    parser = argparse.ArgumentParser(
        prog=f"{PROG} {platform.name}",
        description=help_.description,
        epilog=help_.epilog or None,
    )
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: 0, a free one)")
    parser.add_argument("--api-key", metavar="KEY", help=help_.api_key)
    if help_.studies is not None:
        parser.add_argument("--studies", metavar="DIR", type=Path, help=help_.studies)
    if help_.cert_dir is not None:
        parser.add_argument("--cert-dir", metavar="DIR", type=Path, help=help_.cert_dir)
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in PLATFORMS:
        _top_parser().parse_args(args[:1])  # help, or an error naming the platforms
        return  # pragma: no cover (parse_args exits)
    platform = PLATFORMS[args[0]]
    prog = f"{PROG} {platform.name}"
    try:
        emulator_class = platform.emulator_class()
    except MissingExtra as error:
        _fail(str(error), prog)
    options = _platform_parser(platform, emulator_class).parse_args(args[1:])
    _serve(emulator_class, options, prog)


def _serve(emulator_class: Any, options: argparse.Namespace, prog: str) -> None:
    from medannot.testing._emulator import sigterm_as_exit
    from medannot.testing._server import PortUnavailable

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("emulator: %(message)s"))
    log = logging.getLogger("medannot.testing")
    log.addHandler(handler)
    log.setLevel(logging.INFO)

    def ready(url: str) -> None:
        print(url, flush=True)
        for line in emulator.banner():
            print(line, flush=True)
        print("Ctrl-C stops it.", flush=True)

    # SIGTERM and SIGINT end the process through Python's exit path, so the emulator's temporary folders go too,
    # also when the signal comes while the emulator is still being built (its finalizers run at exit). Started in
    # the background of a script, it inherits SIGINT ignored (POSIX, without job control), and Python would then
    # never raise KeyboardInterrupt: Ctrl-C and `kill -INT` stop it all the same.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    with sigterm_as_exit(), contextlib.suppress(KeyboardInterrupt):
        try:
            # --cert-dir is passed on only to the emulators that offer it (their `command_line.cert_dir`)
            extra = {"cert_dir": options.cert_dir} if hasattr(options, "cert_dir") else {}
            emulator = emulator_class.from_cli(
                port=options.port, api_key=options.api_key, studies=getattr(options, "studies", None), **extra
            )
        except ValueError as error:  # a bad --studies folder, a malformed option value
            _fail(str(error), prog)
        try:
            emulator.serve_forever(on_ready=ready)
        except PortUnavailable as error:  # busy or reserved
            _fail(error.strerror or str(error), prog)


if __name__ == "__main__":
    main()
