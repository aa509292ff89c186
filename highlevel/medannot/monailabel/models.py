"""Typed results of `medannot.monailabel.Client`: the generated models, plus a few derived ones."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medannot.core.lazy import lazy_exports
from medannot.errors import BadInput
from medannot.types import JSONObject, JSONValue

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
    from medannot.core.bulk import BulkResult as BulkResult
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
    # `BulkResult` is here for the facade's annotations (`models.BulkResult`), which `typing.get_type_hints()`
    # resolves through this hook without loading the bulk runner on import.
    __getattr__, __dir__ = lazy_exports(
        __name__, {**dict.fromkeys(_GENERATED, "medannot_api.monailabel.models"), "BulkResult": "medannot.core.bulk"}
    )

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
    info: JSONObject
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


class InferResult(tuple[str | None, JSONObject]):
    """What `infer` returns: the official client's `(label file path, params)` pair, so it unpacks, indexes and
    compares as that tuple (`label, params = client.infer(...)`), with `.label` (a `Path`, None if the model
    returned only JSON), `.params` and the label decoded on request."""

    def __new__(cls, label: Path | None, params: JSONObject) -> InferResult:
        return super().__new__(cls, (None if label is None else str(label), params))

    @property
    def label(self) -> Path | None:
        return None if self[0] is None else Path(self[0])

    @property
    def params(self) -> JSONObject:
        return self[1]

    def __repr__(self) -> str:
        return f"InferResult(label={self.label!r}, params={self.params!r})"

    def label_array(self) -> Any:
        """The label voxels as a numpy array (needs the `imaging` extra)."""
        if self.label is None:
            raise BadInput("this inference returned no label")
        from medannot.core import images

        return images.to_numpy(self.label)

    def label_nifti(self) -> Any:
        """The label as a nibabel image (needs the `imaging` extra)."""
        if self.label is None:
            raise BadInput("this inference returned no label")
        from medannot.core import images

        return images.to_nifti(self.label)


class WsiInferResult(tuple[None, JSONValue]):
    """WSI inference output: the official client's `(None, body)` pair (annotations in the requested format:
    dsa, asap or json), with `.output` (that format) and `.body`."""

    output: str

    def __new__(cls, output: str, body: JSONValue) -> WsiInferResult:
        result = super().__new__(cls, (None, body))
        result.output = output
        return result

    @property
    def body(self) -> JSONValue:
        return self[1]

    def __repr__(self) -> str:
        return f"WsiInferResult(output={self.output!r}, body={self.body!r})"


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _info(data: DataFile) -> JSONObject:
    info = data.info
    return (
        dict(info.additional_properties)
        if info and not isinstance(info, str) and hasattr(info, "additional_properties")
        else {}
    )


def parse_json_field(raw: bytes) -> JSONObject:
    value = json.loads(raw) if raw.strip() else {}
    if isinstance(value, str):  # the server JSON-encodes the params of some tasks twice
        value = json.loads(value)
    return value if isinstance(value, dict) else {"result": value}
