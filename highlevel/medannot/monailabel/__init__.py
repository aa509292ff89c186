"""MONAI Label: `Client` offers the official MONAILabelClient's methods with typed results; `AsyncClient` the
same verbs, awaited.

>>> from medannot.monailabel import Client

Importing this package is cheap: the clients (with httpx and the transport) and the generated models load when
first used, through `__getattr__`.
"""

from typing import TYPE_CHECKING

from medannot.core.lazy import lazy_exports
from medannot.monailabel.exceptions import MONAILabelClientException as MONAILabelClientException
from medannot.monailabel.exceptions import MONAILabelError as MONAILabelError
from medannot.monailabel.models import __all__ as _models

if TYPE_CHECKING:
    from medannot.monailabel._async.client import AsyncClient as AsyncClient
    from medannot.monailabel._sync.client import Client as Client
    from medannot.monailabel.models import *  # noqa: F403
else:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "Client": "medannot.monailabel._sync.client",
            "AsyncClient": "medannot.monailabel._async.client",
            **dict.fromkeys(_models, "medannot.monailabel.models"),
        },
    )

__all__ = ["AsyncClient", "Client", "MONAILabelClientException", "MONAILabelError", *_models]
