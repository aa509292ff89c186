"""PHAS (histology annotation server): the official `phas.client.api` classes, with typed results.

>>> from medannot.phas import Client, AnnotationTask, Slide
"""

from medannot.phas._annotation_task import AnnotationTask
from medannot.phas._client import Client
from medannot.phas._labelset import Labelset
from medannot.phas._patch_extractor import SamplingROIPatchExtractor
from medannot.phas._roi_geometry import as_geometry
from medannot.phas._sampling_task import SamplingROITask
from medannot.phas._slide import Slide
from medannot.phas._task import Task
from medannot.phas._training_task import DLTrainingTask
from medannot.phas.models import *  # noqa: F403
from medannot.phas.models import __all__ as _models

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
