"""Labelbox: `Client` offers the official `labelbox.Client`'s methods with typed results; `AsyncClient` the
same verbs, awaited.

>>> from medannot.labelbox import Client

Importing this package is cheap: the clients (with httpx and the transport) and the generated models load when
first used, through `__getattr__`.
"""

from typing import TYPE_CHECKING

from medannot.core.lazy import lazy_exports
from medannot.labelbox.models import __all__ as _models

if TYPE_CHECKING:
    from medannot.labelbox._async.client import AsyncClient as AsyncClient
    from medannot.labelbox._sync.client import Client as Client
    from medannot.labelbox.models import *  # noqa: F403
else:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "Client": "medannot.labelbox._sync.client",
            "AsyncClient": "medannot.labelbox._async.client",
            **dict.fromkeys(_models, "medannot.labelbox.models"),
        },
    )

__all__ = ["AsyncClient", "Client", *_models]
