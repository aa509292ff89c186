"""PHAS (histology annotation server): the official `phas.client.api` classes, with typed results.

>>> from medannot.phas import Client, AnnotationTask, Slide

Importing this package is cheap: the classes below (with httpx, PIL and the transport) and the generated models
load when first used, through `__getattr__`.
"""

from typing import TYPE_CHECKING

from medannot.core.lazy import lazy_exports
from medannot.phas.models import __all__ as _models

if TYPE_CHECKING:
    from medannot.phas._annotation_task import AnnotationTask as AnnotationTask
    from medannot.phas._client import Client as Client
    from medannot.phas._labelset import Labelset as Labelset
    from medannot.phas._patch_extractor import SamplingROIPatchExtractor as SamplingROIPatchExtractor
    from medannot.phas._roi_geometry import as_geometry as as_geometry
    from medannot.phas._sampling_task import SamplingROITask as SamplingROITask
    from medannot.phas._slide import Slide as Slide
    from medannot.phas._task import Task as Task
    from medannot.phas._training_task import DLTrainingTask as DLTrainingTask
    from medannot.phas.models import *  # noqa: F403
else:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "AnnotationTask": "medannot.phas._annotation_task",
            "Client": "medannot.phas._client",
            "DLTrainingTask": "medannot.phas._training_task",
            "Labelset": "medannot.phas._labelset",
            "SamplingROIPatchExtractor": "medannot.phas._patch_extractor",
            "SamplingROITask": "medannot.phas._sampling_task",
            "Slide": "medannot.phas._slide",
            "Task": "medannot.phas._task",
            "as_geometry": "medannot.phas._roi_geometry",
            **dict.fromkeys(_models, "medannot.phas.models"),
        },
    )

__all__ = [
    "AnnotationTask",
    "Client",
    "DLTrainingTask",
    "Labelset",
    "SamplingROIPatchExtractor",
    "SamplingROITask",
    "Slide",
    "Task",
    "as_geometry",
    *_models,
]
