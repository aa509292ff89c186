"""Grand Challenge: `Client` offers gcapi's namespaces and verbs (the seed's `get_algorithm`, `run_external_job`,
`upload_cases`, `c(url=...)`, and gcapi 0.16's `start_algorithm_job`, `add_case_to_archive`, ...) with typed
results; `AsyncClient` the same, awaited.

>>> from medannot.grandchallenge import Client
>>> c = Client(token="Your Personal API Token")

Importing this package is cheap: the clients and the generated models load when first used.
"""

from typing import TYPE_CHECKING

from medannot.core.lazy import lazy_exports
from medannot.grandchallenge.exceptions import __all__ as _errors
from medannot.grandchallenge.models import __all__ as _models

if TYPE_CHECKING:
    from medannot.grandchallenge._async.client import AsyncClient as AsyncClient
    from medannot.grandchallenge._sync.client import Client as Client
    from medannot.grandchallenge.exceptions import *  # noqa: F403
    from medannot.grandchallenge.models import *  # noqa: F403
else:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "Client": "medannot.grandchallenge._sync.client",
            "AsyncClient": "medannot.grandchallenge._async.client",
            **dict.fromkeys(_models, "medannot.grandchallenge.models"),
            **dict.fromkeys(_errors, "medannot.grandchallenge.exceptions"),
        },
    )

__all__ = ["AsyncClient", "Client", *_errors, *_models]
