"""Typed results of `medannot.phas`: the generated models, plus a few derived ones.

Every result feeds pandas directly: `pd.DataFrame(as_records(task.slide_manifest()))`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, is_dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from medannot.core.lazy import lazy_exports
from medannot.phas._annotation_docs import AnnotationRecord, PaperJsDocument
from medannot.phas._tiling import PatchTile

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray
    from PIL.Image import Image

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


class TileSelection(NamedTuple):
    """`SamplingROIPatchExtractor.tiles()`: unpacks like the official `(indices, overlap)` pair."""

    indices: NDArray[np.intp]  # N x 2, (column, row) of each tile that overlaps the ROI
    overlap: NDArray[np.float64]  # fraction of each of those tiles covered by the ROI


@dataclass(frozen=True)
class TilePatch:
    """One tile of a sampling ROI, as `SamplingROIPatchExtractor.iter_patches()` yields it."""

    index: tuple[int, int]
    overlap: float
    image: Image  # RGB, the tile plus `padding` on every side
    mask: Image  # L, 255 where the unpadded tile overlaps the ROI
    origin: tuple[float, float]  # physical (mm) centre of the image's (0, 0) pixel


def as_records(items: Iterable[Any]) -> list[dict[str, Any]]:
    """Plain dicts of typed results (generated models or dataclasses), e.g. for `pandas.DataFrame`."""
    out = []
    for item in items:
        if is_dataclass(item) and not isinstance(item, type):
            out.append(asdict(item))
        else:
            out.append(item.to_dict())
    return out
