"""Datamint: `APIHandler` offers every verb of the seed's `datamint.APIHandler` (SDK <= 2.6) under the same
names and arguments; `Client` today's `datamint.Api` namespaces (`.resources / .annotations / .projects /
.users / .annotationsets`); `AsyncAPIHandler` / `AsyncClient` the same, awaited. Results are typed models that
read like the SDK's dicts.

>>> from medannot.datamint import APIHandler
>>> api = APIHandler(api_key="...")            # or $DATAMINT_API_KEY; $DATAMINT_API_URL for another server

Importing this package is cheap: the clients and the generated models load when first used.
"""

from typing import TYPE_CHECKING

from medannot.core.lazy import lazy_exports
from medannot.datamint.exceptions import __all__ as _errors
from medannot.datamint.models import __all__ as _models

if TYPE_CHECKING:
    from medannot.datamint._async.client import AsyncClient as AsyncClient
    from medannot.datamint._async.handler import AsyncAPIHandler as AsyncAPIHandler
    from medannot.datamint._sync.client import Client as Client
    from medannot.datamint._sync.handler import APIHandler as APIHandler
    from medannot.datamint.exceptions import *  # noqa: F403
    from medannot.datamint.models import *  # noqa: F403
else:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "APIHandler": "medannot.datamint._sync.handler",
            "AsyncAPIHandler": "medannot.datamint._async.handler",
            "Client": "medannot.datamint._sync.client",
            "AsyncClient": "medannot.datamint._async.client",
            **dict.fromkeys(_models, "medannot.datamint.models"),
            **dict.fromkeys(_errors, "medannot.datamint.exceptions"),
        },
    )

__all__ = ["APIHandler", "AsyncAPIHandler", "AsyncClient", "Client", *_errors, *_models]
