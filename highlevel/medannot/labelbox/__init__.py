"""Labelbox: `Client` offers the official `labelbox.Client`'s methods with typed results; `AsyncClient` the
same verbs, awaited.

>>> from medannot.labelbox import Client

Code written for the SDK migrates by changing the import: results also read like the SDK's dicts, enums take
the SDK's spellings (`MediaType.Image`), `where=` takes `Dataset.name == "x"`, the SDK's ontology builders
(`Tool`, `Classification`, `OntologyBuilder`) and exception names (`ResourceNotFoundError`, ...) are here.
See docs/migrating-from-labelbox.md.

Importing this package is cheap: the clients (with httpx and the transport) and the generated models load when
first used, through `__getattr__`.
"""

from typing import TYPE_CHECKING

from medannot.core.lazy import lazy_exports
from medannot.labelbox.exceptions import __all__ as _exceptions
from medannot.labelbox.models import __all__ as _models
from medannot.labelbox.ontology import __all__ as _ontology

if TYPE_CHECKING:
    from medannot.labelbox._async.client import AsyncClient as AsyncClient
    from medannot.labelbox._sync.client import Client as Client
    from medannot.labelbox.exceptions import *  # noqa: F403
    from medannot.labelbox.models import *  # noqa: F403
    from medannot.labelbox.ontology import *  # noqa: F403
else:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "Client": "medannot.labelbox._sync.client",
            "AsyncClient": "medannot.labelbox._async.client",
            **dict.fromkeys(_models, "medannot.labelbox.models"),
            **dict.fromkeys(_ontology, "medannot.labelbox.ontology"),
            **dict.fromkeys(_exceptions, "medannot.labelbox.exceptions"),
        },
    )

__all__ = ["AsyncClient", "Client", *_models, *_ontology, *_exceptions]
