"""PHAS (histology annotation server): the official `phas.client.api` classes, with typed results; and their
async twins (`AsyncClient`, `AsyncTask`, `AsyncSlide`, ...), the same verbs awaited.

>>> from medannot.phas import Client, AnnotationTask, Slide
>>> from medannot.phas import AsyncClient, AsyncAnnotationTask, AsyncSlide

The async objects send nothing from constructors or properties: `await AsyncTask.open(client, task_id)` and
`await AsyncSlide.open(task, slide_id)` load them. The sync classes keep the official shape: `Task(client, id)`
and `Slide(task, id)` load in the constructor, `client.anonymize`, `task.labelset`, `slide.dimensions`,
`slide.fullpath`... are properties.

Importing this package is cheap: the classes below (with httpx, PIL and the transport) and the generated models
load when first used, through `__getattr__`.
"""

from typing import TYPE_CHECKING

from medannot.core.lazy import lazy_exports
from medannot.phas.exceptions import HTTPError as HTTPError
from medannot.phas.exceptions import RequestException as RequestException
from medannot.phas.models import __all__ as _models

if TYPE_CHECKING:
    from medannot.phas._async.annotation_task import AsyncAnnotationTask as AsyncAnnotationTask
    from medannot.phas._async.client import AsyncClient as AsyncClient
    from medannot.phas._async.labelset import AsyncLabelset as AsyncLabelset
    from medannot.phas._async.patch_extractor import AsyncSamplingROIPatchExtractor as AsyncSamplingROIPatchExtractor
    from medannot.phas._async.sampling_task import AsyncSamplingROITask as AsyncSamplingROITask
    from medannot.phas._async.slide import AsyncSlide as AsyncSlide
    from medannot.phas._async.task import AsyncTask as AsyncTask
    from medannot.phas._async.training_task import AsyncDLTrainingTask as AsyncDLTrainingTask
    from medannot.phas._roi_geometry import as_geometry as as_geometry
    from medannot.phas._sync.client import Client as Client
    from medannot.phas._sync.labelset import Labelset as Labelset
    from medannot.phas._sync.patch_extractor import SamplingROIPatchExtractor as SamplingROIPatchExtractor
    from medannot.phas._sync_tasks import AnnotationTask as AnnotationTask
    from medannot.phas._sync_tasks import DLTrainingTask as DLTrainingTask
    from medannot.phas._sync_tasks import SamplingROITask as SamplingROITask
    from medannot.phas._sync_tasks import Slide as Slide
    from medannot.phas._sync_tasks import Task as Task
    from medannot.phas.models import *  # noqa: F403
else:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "Client": "medannot.phas._sync.client",
            **dict.fromkeys(
                ("AnnotationTask", "DLTrainingTask", "SamplingROITask", "Slide", "Task"), "medannot.phas._sync_tasks"
            ),
            "Labelset": "medannot.phas._sync.labelset",
            "SamplingROIPatchExtractor": "medannot.phas._sync.patch_extractor",
            "AsyncClient": "medannot.phas._async.client",
            "AsyncTask": "medannot.phas._async.task",
            "AsyncAnnotationTask": "medannot.phas._async.annotation_task",
            "AsyncSamplingROITask": "medannot.phas._async.sampling_task",
            "AsyncDLTrainingTask": "medannot.phas._async.training_task",
            "AsyncLabelset": "medannot.phas._async.labelset",
            "AsyncSlide": "medannot.phas._async.slide",
            "AsyncSamplingROIPatchExtractor": "medannot.phas._async.patch_extractor",
            "as_geometry": "medannot.phas._roi_geometry",
            **dict.fromkeys(_models, "medannot.phas.models"),
        },
    )

__all__ = [
    "AnnotationTask",
    "AsyncAnnotationTask",
    "AsyncClient",
    "AsyncDLTrainingTask",
    "AsyncLabelset",
    "AsyncSamplingROIPatchExtractor",
    "AsyncSamplingROITask",
    "AsyncSlide",
    "AsyncTask",
    "Client",
    "DLTrainingTask",
    "HTTPError",
    "Labelset",
    "RequestException",
    "SamplingROIPatchExtractor",
    "SamplingROITask",
    "Slide",
    "Task",
    "as_geometry",
    *_models,
]
