"""Names a module exports but loads on first use (PEP 562), so `import medannot.<platform>` stays light: the
generated models cost more to build than the rest of a package, and most programs use a few.

Every platform package uses it in its `__init__` and `models`. The modules behind them follow the same rule
without this helper: generated models and operations are imported under `if TYPE_CHECKING:` for annotations,
and inside the methods that call, build or check them."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(module: str, exports: Mapping[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """`__getattr__` and `__dir__` for `module`, whose names in `exports` come from `"package.module"` (same
    name) or `"package.module:attribute"`. A loaded name is stored in the module, so the hook runs once per name.

    Typical use, with the same names imported under `if TYPE_CHECKING:` for type checkers and IDEs:

        if not TYPE_CHECKING:
            __getattr__, __dir__ = lazy_exports(__name__, {"Project": "medannot_api.labelbox.fragments:ProjectFields"})
    """

    def __getattr__(name: str) -> Any:
        target = exports.get(name)
        if target is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        source, _, attribute = target.partition(":")
        value = getattr(importlib.import_module(source), attribute or name)
        setattr(sys.modules[module], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[module]), *exports})

    return __getattr__, __dir__
