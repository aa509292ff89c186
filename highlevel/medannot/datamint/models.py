"""Typed results of `medannot.datamint.APIHandler` / `Client`: the generated models (each also a read-only
Mapping over the server's JSON, so `resource["id"]` and `resource.id` both work), the SDK's Literal aliases, and
`Uploaded`, the answer of a bulk upload.

Names of third-party classes used in signatures (`DicomDataset`, `PILImage`, `NiftiImage`, `NDArray`) load only
when `typing.get_type_hints()` asks for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TypeAlias

from medannot.core.lazy import lazy_exports
from medannot.errors import MedannotError

_GENERATED = (
    "Annotation",
    "Channel",
    "Dataset",
    "Experiment",
    "Project",
    "ProjectWorklist",
    "Resource",
    "User",
    "Worklist",
)

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from nibabel.nifti1 import Nifti1Image as NiftiImage
    from PIL.Image import Image as PILImage
    from pydicom.dataset import Dataset as DicomDataset

    from medannot_api.datamint.models import (
        Annotation,
        Channel,
        Dataset,
        Experiment,
        Project,
        ProjectWorklist,
        Resource,
        User,
        Worklist,
    )

    NDArray: TypeAlias = npt.NDArray[np.generic]
else:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            **dict.fromkeys(_GENERATED, "medannot_api.datamint.models"),
            "DicomDataset": "pydicom.dataset:Dataset",
            "PILImage": "PIL.Image:Image",
            "NiftiImage": "nibabel.nifti1:Nifti1Image",
            "NDArray": "numpy:ndarray",
        },
    )

ResourceStatus: TypeAlias = Literal["new", "inbox", "published", "archived"]
"""A resource's status (the SDK's `ResourceStatus`)."""
ResourceFields: TypeAlias = Literal["modality", "created_by", "published_by", "published_on", "filename", "created_at"]
"""The fields resources can be ordered by (the SDK's `ResourceFields`)."""
WorklistStatus: TypeAlias = Literal["new", "updating", "active", "completed"]
AnnotationStatus: TypeAlias = Literal["new", "published"]
OnError: TypeAlias = Literal["raise", "skip"]
CoordinateSystem: TypeAlias = Literal["pixel", "patient"]
DeletedFilter: TypeAlias = Literal["exclude", "include", "only"]


class Uploaded(list[str | MedannotError]):
    """The answer of `upload_resources` for several files: one entry per file given, in order, each the new
    resource's id, or, with `on_error="skip"`, the error that file met (DICOM files assembled into one series
    share that resource's id). `ids` are the successes, `errors` the `(index, error)` pairs of the failures."""

    @property
    def ids(self) -> list[str]:
        return [item for item in self if isinstance(item, str)]

    @property
    def errors(self) -> list[tuple[int, MedannotError]]:
        return [(i, item) for i, item in enumerate(self) if isinstance(item, MedannotError)]

    @property
    def ok(self) -> bool:
        return not self.errors


__all__ = [
    "Annotation",
    "AnnotationStatus",
    "Channel",
    "CoordinateSystem",
    "Dataset",
    "DeletedFilter",
    "DicomDataset",
    "Experiment",
    "NDArray",
    "NiftiImage",
    "OnError",
    "PILImage",
    "Project",
    "ProjectWorklist",
    "Resource",
    "ResourceFields",
    "ResourceStatus",
    "Uploaded",
    "User",
    "Worklist",
    "WorklistStatus",
]
