"""Type aliases shared by every platform's public API.

`JSONValue` is what a JSON document holds: the type of the values medannot passes through without a schema
(inference parameters, a task's result, extra keys of an object). The generated REST packages define the same
alias in their `types` module (generated code does not import medannot).

At run time the alias's inner references name this module, so `typing.get_type_hints()` resolves an annotation
that uses it from any module. Importing this module costs nothing beyond `typing`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ForwardRef, TypeAlias, Union

if TYPE_CHECKING:
    JSONValue: TypeAlias = None | bool | int | float | str | list["JSONValue"] | dict[str, "JSONValue"]
    JSONObject: TypeAlias = dict[str, JSONValue]
else:
    _JSON = ForwardRef("JSONValue", module=__name__)
    JSONValue = Union[None, bool, int, float, str, list[_JSON], dict[str, _JSON]]  # noqa: UP007
    JSONObject = dict[str, JSONValue]

__all__ = ["JSONObject", "JSONValue"]
