"""Typed results of `medannot.grandchallenge.Client`: the generated models (each also a read-only Mapping over
the server's JSON, so `job["pk"]` and `job.pk` both work), plus a few hand-written ones.

`SocketValueSpec` is gcapi 0.16's description of one socket value (exactly one source); the 0.13 / seed form,
a dict `{socket_slug: value}` (`SocketValues`), is accepted wherever a list of specs is.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ForwardRef, Generic, TypeAlias, TypeVar, Union, overload

from medannot.core.lazy import lazy_exports

# This module under a name, for hints that name a generated model (`models.HyperlinkedComponentInterfaceValue`):
# `typing.get_type_hints()` resolves them through the PEP 562 hook below, so importing this module loads no model.
from medannot.grandchallenge import models  # itself: partly initialised here, complete when a hint is resolved
from medannot.types import JSONValue

_GENERATED = (
    "Algorithm",
    "AlgorithmImage",
    "AlgorithmInterface",
    "Answer",
    "Archive",
    "ArchiveItem",
    "ArchiveItemPost",
    "ComponentInterface",
    "ComponentInterfaceValuePost",
    "DisplaySet",
    "DisplaySetPost",
    "GCAPIVersion",
    "HyperlinkedComponentInterfaceValue",
    "HyperlinkedImage",
    "HyperlinkedJob",
    "ImageFile",
    "JobPost",
    "Part",
    "Question",
    "RawImageUploadSession",
    "ReaderStudy",
    "UserUpload",
    "UserUploadComplete",
    "UserUploadCreate",
    "UserUploadParts",
    "UserUploadPresignedURLs",
)

if TYPE_CHECKING:
    from medannot.core.bulk import BulkResult as BulkResult
    from medannot_api.grandchallenge.models import (
        Algorithm,
        AlgorithmImage,
        AlgorithmInterface,
        Answer,
        Archive,
        ArchiveItem,
        ArchiveItemPost,
        ComponentInterface,
        ComponentInterfaceValuePost,
        DisplaySet,
        DisplaySetPost,
        GCAPIVersion,
        HyperlinkedComponentInterfaceValue,
        HyperlinkedImage,
        HyperlinkedJob,
        ImageFile,
        JobPost,
        Part,
        Question,
        RawImageUploadSession,
        ReaderStudy,
        UserUpload,
        UserUploadComplete,
        UserUploadCreate,
        UserUploadParts,
        UserUploadPresignedURLs,
    )
else:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {**dict.fromkeys(_GENERATED, "medannot_api.grandchallenge.models"), "BulkResult": "medannot.core.bulk"},
    )

T = TypeVar("T")


@dataclass(frozen=True)
class SocketValueSpec:
    """One socket value with exactly one source (gcapi 0.16's class, same fields):

    `value` (JSON for a Value socket), `file` (one file: a File socket, or a JSON file for a Value socket),
    `files` (the files of one image, e.g. a DICOM series, for an Image socket; `image_name` names a DICOM image
    set), `existing_image_api_url` (an image already on Grand Challenge) or `existing_socket_value` (a value of
    another archive item, display set or job, for the same socket, e.g. `item.values[0]`).

    A source left at None is not given (gcapi marks it with its `Unset`): a Value socket takes no JSON null."""

    socket_slug: str
    value: JSONValue = None
    file: str | os.PathLike[str] | None = None
    files: Sequence[str | os.PathLike[str]] | None = None
    image_name: str | None = None
    existing_image_api_url: str | None = None
    existing_socket_value: models.HyperlinkedComponentInterfaceValue | None = None

    def sources(self) -> list[str]:
        """The names of the sources given (exactly one is valid)."""
        given = {
            "value": self.value is not None,
            "file": self.file is not None,
            "files": self.files is not None,
            "existing_image_api_url": self.existing_image_api_url is not None,
            "existing_socket_value": self.existing_socket_value is not None,
        }
        return [name for name, present in given.items() if present]


if TYPE_CHECKING:
    SocketValue: TypeAlias = (
        JSONValue
        | os.PathLike[str]
        | Sequence[str | os.PathLike[str]]
        | SocketValueSpec
        | HyperlinkedComponentInterfaceValue
    )
else:  # the model is named through this module's hook, so the alias resolves without loading it on import
    SocketValue = Union[  # noqa: UP007
        JSONValue,
        os.PathLike[str],
        Sequence[str | os.PathLike[str]],
        SocketValueSpec,
        ForwardRef("models.HyperlinkedComponentInterfaceValue", module=__name__),
    ]
SocketValues: TypeAlias = Sequence[SocketValueSpec] | Mapping[str, SocketValue]
"""Socket values: a list of `SocketValueSpec` (gcapi 0.16), or gcapi 0.13's dict `{socket slug: value}` where an
Image socket takes a list of files or an image's API URL, a File socket a file, a Value socket JSON (or a .json
file), and any socket an existing value (`item.values[0]`) or a `SocketValueSpec`."""


class PageResult(Sequence[T], Generic[T]):
    """One page of a listing (gcapi's `PageResult`): a sequence of the page's objects with `offset`, `limit`
    and `total_count` (the server's count of every object that matches)."""

    def __init__(self, *, offset: int, limit: int, total_count: int, results: list[T]) -> None:
        self._offset, self._limit, self._total_count, self._results = offset, limit, total_count, results

    @overload
    def __getitem__(self, key: int) -> T: ...
    @overload
    def __getitem__(self, key: slice) -> Sequence[T]: ...
    def __getitem__(self, key: int | slice) -> T | Sequence[T]:
        return self._results[key]

    def __len__(self) -> int:
        return len(self._results)

    def __iter__(self) -> Iterator[T]:
        return iter(self._results)

    @property
    def offset(self) -> int:
        return self._offset

    @property
    def limit(self) -> int:
        return self._limit

    @property
    def total_count(self) -> int:
        return self._total_count

    @property
    def results(self) -> list[T]:
        return list(self._results)

    def __repr__(self) -> str:
        return f"PageResult(offset={self._offset}, limit={self._limit}, total_count={self._total_count}, n={len(self)})"


def algorithm_inputs(algorithm: Algorithm) -> list[ComponentInterface]:
    """Every input socket of an algorithm, over all its interfaces, once each (the seed's `alg["inputs"]`)."""
    seen: dict[str, ComponentInterface] = {}
    for interface in algorithm.interfaces:
        for socket in interface.inputs:
            seen.setdefault(socket.slug, socket)
    return list(seen.values())


def with_inputs(data: Mapping[str, Any]) -> Algorithm:
    """An algorithm's JSON as an `Algorithm` whose Mapping view also has the seed's `inputs` key (the sockets of
    all its interfaces, once each); the typed list is `algorithm_inputs(alg)`."""
    from medannot_api.grandchallenge.models import Algorithm

    inputs: dict[str, Any] = {}
    for interface in data.get("interfaces") or []:
        for socket in interface.get("inputs") or []:
            inputs.setdefault(socket.get("slug"), socket)
    return Algorithm.from_dict({**data, "inputs": list(inputs.values())})


__all__ = [
    "Algorithm",
    "AlgorithmImage",
    "AlgorithmInterface",
    "Answer",
    "Archive",
    "ArchiveItem",
    "ArchiveItemPost",
    "BulkResult",
    "ComponentInterface",
    "ComponentInterfaceValuePost",
    "DisplaySet",
    "DisplaySetPost",
    "GCAPIVersion",
    "HyperlinkedComponentInterfaceValue",
    "HyperlinkedImage",
    "HyperlinkedJob",
    "ImageFile",
    "JobPost",
    "PageResult",
    "Part",
    "Question",
    "RawImageUploadSession",
    "ReaderStudy",
    "SocketValue",
    "SocketValueSpec",
    "SocketValues",
    "UserUpload",
    "UserUploadComplete",
    "UserUploadCreate",
    "UserUploadParts",
    "UserUploadPresignedURLs",
    "algorithm_inputs",
    "with_inputs",
]
