"""Typed results of `medannot.phas`: the generated models, plus a few derived ones.

Every result feeds pandas directly: `pd.DataFrame(as_records(task.slide_manifest()))`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, is_dataclass
from typing import TYPE_CHECKING, Any

from medannot.core.lazy import lazy_exports
from medannot.phas._annotation_docs import AnnotationRecord, PaperJsDocument
from medannot.phas._tiling import PatchTile

if TYPE_CHECKING:
    from medannot.phas._imaging import Float64Array as Float64Array
    from medannot.phas._imaging import IntpArray as IntpArray
    from medannot.phas._imaging import TilePatch, TileSelection
    from medannot.phas._imaging import UInt8Array as UInt8Array
    from medannot.phas._roi_geometry import Geometry, GeometryInput
    from medannot_api.phas.models import (
        Label,
        OpenSlideHeader,
        Project,
        SamplingRoi,
        SamplingRoiGeometry,
        SlideFilepath,
        SlideHeader,
        SlideInfo,
        SlideManifestRow,
        TaskInfo,
        TaskLabelset,
        TaskMode,
        TaskSummary,
        TrainingSample,
    )
else:
    # The same names, loaded on first use: the generated `models` package builds every model class of the API
    # at once, and the geometry helpers need PIL.
    _API = "medannot_api.phas.models"
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            **dict.fromkeys(("Geometry", "GeometryInput"), "medannot.phas._roi_geometry"),
            # numpy and PIL load with these, on first use (the array aliases are for the signatures' hints)
            **dict.fromkeys(
                ("Float64Array", "IntpArray", "TilePatch", "TileSelection", "UInt8Array"), "medannot.phas._imaging"
            ),
            **dict.fromkeys(
                (
                    "Label",
                    "OpenSlideHeader",
                    "Project",
                    "SamplingRoi",
                    "SamplingRoiGeometry",
                    "SlideFilepath",
                    "SlideHeader",
                    "SlideInfo",
                    "SlideManifestRow",
                    "TaskInfo",
                    "TaskLabelset",
                    "TaskMode",
                    "TaskSummary",
                    "TrainingSample",
                ),
                _API,
            ),
        },
    )

__all__ = [
    "AnnotationRecord",
    "Geometry",
    "GeometryInput",
    "Label",
    "OpenSlideHeader",
    "PaperJsDocument",
    "PatchTile",
    "Project",
    "SamplingRoi",
    "SamplingRoiGeometry",
    "SlideFilepath",
    "SlideHeader",
    "SlideInfo",
    "SlideManifestRow",
    "TaskInfo",
    "TaskLabelset",
    "TaskMode",
    "TaskSummary",
    "TilePatch",
    "TileSelection",
    "TrainingSample",
    "as_records",
]


def as_records(items: Iterable[Any]) -> list[dict[str, Any]]:
    """Plain dicts of typed results (generated models or dataclasses), e.g. for `pandas.DataFrame`."""
    out = []
    for item in items:
        if is_dataclass(item) and not isinstance(item, type):
            out.append(asdict(item))
        else:
            out.append(item.to_dict())
    return out
