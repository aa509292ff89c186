"""Contains some shared types for properties"""

from collections.abc import Iterator, Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, TYPE_CHECKING, Any, BinaryIO, ForwardRef, Generic, Literal, TypeAlias, TypeVar, Union

from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()


# medannot: what a JSON document holds, for the fields and values the schema leaves open (extra keys of an object,
# a property without a type). Recursive; at run time its inner references name this module, so
# `typing.get_type_hints()` resolves it wherever it is used.
if TYPE_CHECKING:
    JSONValue: TypeAlias = None | bool | int | float | str | list["JSONValue"] | dict[str, "JSONValue"]
else:
    _JSON = ForwardRef("JSONValue", module=__name__)
    JSONValue = Union[None, bool, int, float, str, list[_JSON], dict[str, _JSON]]


class JSONMapping(Mapping[str, Any]):
    """medannot: every model is also a read-only mapping over the JSON object it was read from (the server's
    keys and values, as the official clients return them), so `model["key"]`, `dict(model)`,
    `json.dumps(dict(model))` and `pandas.DataFrame(models)` work beside the typed attributes. A model built in
    code shows its `to_dict()`."""

    __slots__ = ()

    def _json_view(self) -> Mapping[str, Any]:
        raise NotImplementedError

    def __getitem__(self, key: str) -> Any:
        return self._json_view()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._json_view())

    def __len__(self) -> int:
        return len(self._json_view())


# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


__all__ = ["UNSET", "File", "FileTypes", "JSONMapping", "JSONValue", "RequestFiles", "Response", "Unset"]
