"""Emulators of every platform medannot covers (like moto for AWS): stateful, served from the checked-in schemas.

Server-side dependencies come from the `testing` extra; the clients never import this package. This module
itself imports nothing beyond the standard library (the pytest plugin, loaded by every project that installs
medannot, lives below it): the emulator modules call `require_extra` first, so a missing extra is reported with
the pip line that installs it, not as `ModuleNotFoundError: starlette`.
"""

from __future__ import annotations

import importlib

PIP_LINE = "pip install 'medannot[testing]'"


class MissingExtra(ModuleNotFoundError):
    """A module of the `testing` extra is not installed; the message says what to install."""


def require_extra(*modules: str, what: str = "medannot.testing (the emulators)") -> None:
    """Import `modules` or raise `MissingExtra` naming the extra and its pip line."""
    for module in modules:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as error:
            missing = error.name or module
            raise MissingExtra(
                f"{what} needs the 'testing' extra, which is not installed (no module named {missing!r}): {PIP_LINE}",
                name=missing,
            ) from None


__all__ = ["PIP_LINE", "MissingExtra", "require_extra"]
