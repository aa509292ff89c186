"""Labelbox: `Client` offers the official `labelbox.Client`'s methods with typed results.

>>> from medannot.labelbox import Client
"""

from medannot.labelbox._client import Client
from medannot.labelbox.models import *  # noqa: F403
from medannot.labelbox.models import __all__ as _models

__all__ = ["Client", *_models]
