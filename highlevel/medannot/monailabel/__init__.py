"""MONAI Label: `Client` offers the official MONAILabelClient's methods with typed results.

>>> from medannot.monailabel import Client
"""

from medannot.monailabel._client import Client
from medannot.monailabel.models import *  # noqa: F403
from medannot.monailabel.models import __all__ as _models

__all__ = ["Client", *_models]
