"""Typed results of `medannot.monailabel.Client`: the generated models, plus a few derived ones."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medannot.core.lazy import lazy_exports
from medannot.errors import BadInput

# The generated models, under their own names. They load on first use: the generated `models` package builds
# every model class of the API at once, which costs more than the rest of `medannot.monailabel`.
_GENERATED = (
    "AppInfo",
    "DataFile",
    "Datastore",
    "DatastoreStatus",
    "ImageAdded",
    "LabelSaved",
    "ModelInfo",
    "NextSample",
    "SessionCreated",
    "SessionInfo",
    "TaskInfo",
    "TaskRecord",
    "TaskRecordStatus",
    "Token",
)

if TYPE_CHECKING:
    from medannot_api.monailabel.models import (
        AppInfo,
        DataFile,
        Datastore,
        DatastoreStatus,
        ImageAdded,
        LabelSaved,
        ModelInfo,
        NextSample,
        SessionCreated,
        SessionInfo,
        TaskInfo,
        TaskRecord,
        TaskRecordStatus,
        Token,
    )
else:
    __getattr__, __dir__ = lazy_exports(__name__, dict.fromkeys(_GENERATED, "medannot_api.monailabel.models"))

__all__ = [
    "AppInfo",
    "DataFile",
    "Datastore",
    "DatastoreImage",
    "DatastoreStatus",
    "ImageAdded",
    "InferResult",
    "LabelSaved",
    "ModelInfo",
    "NextSample",
    "SessionCreated",
    "SessionInfo",
    "TaskInfo",
    "TaskRecord",
    "TaskRecordStatus",
    "Token",
    "WsiInferResult",
]


@dataclass(frozen=True)
class DatastoreImage:
    """One image of the datastore with the tags of its labels (from `Datastore.objects`)."""

    id: str
    ext: str
    info: dict[str, Any]
    labels: dict[str, DataFile] = field(default_factory=dict)

    @property
    def label_tags(self) -> list[str]:
        return sorted(self.labels)

    @classmethod
    def listing(cls, store: Datastore) -> list[DatastoreImage]:
        out = []
        for image_id, obj in store.objects.additional_properties.items():
            image = obj.image
            labels = obj.labels.additional_properties if obj.labels else {}
            out.append(cls(image_id, _str(image.ext), _info(image), dict(labels)))
        return sorted(out, key=lambda i: i.id)


@dataclass(frozen=True)
class InferResult:
    """What `infer` returns: the label written to disk (None if the model returned only JSON) and the params."""

    label: Path | None
    params: dict[str, Any]

    def __iter__(self) -> Any:  # unpacks like the official client's (response_file, response_body)
        return iter((str(self.label) if self.label else None, self.params))

    def label_array(self) -> Any:
        """The label voxels as a numpy array (needs the `imaging` extra)."""
        if self.label is None:
            raise BadInput("this inference returned no label")
        from medannot.core import images

        return images.to_numpy(self.label)

    def label_nifti(self) -> Any:
        if self.label is None:
            raise BadInput("this inference returned no label")
        from medannot.core import images

        return images.to_nifti(self.label)


@dataclass(frozen=True)
class WsiInferResult:
    """WSI inference output (annotations in the requested format: dsa, asap or json)."""

    output: str
    body: Any

    def __iter__(self) -> Any:  # unpacks like the official client's (None, response_body)
        return iter((None, self.body))


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _info(data: DataFile) -> dict[str, Any]:
    info = data.info
    return (
        dict(info.additional_properties)
        if info and not isinstance(info, str) and hasattr(info, "additional_properties")
        else {}
    )


def parse_json_field(raw: bytes) -> dict[str, Any]:
    value = json.loads(raw) if raw.strip() else {}
    if isinstance(value, str):  # the server JSON-encodes the params of some tasks twice
        value = json.loads(value)
    return value if isinstance(value, dict) else {"result": value}
