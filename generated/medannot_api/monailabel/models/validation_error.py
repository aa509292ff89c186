from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, JSONMapping, JSONValue, Unset

if TYPE_CHECKING:
    from ..models.validation_error_context import ValidationErrorContext


T = TypeVar("T", bound="ValidationError")


@_attrs_define
class ValidationError(JSONMapping):
    loc: list[int | str]
    msg: str
    type_: str
    input_: JSONValue | None = None
    ctx: ValidationErrorContext | None = None
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "loc": "loc",
        "msg": "msg",
        "type_": "type",
        "input_": "input",
        "ctx": "ctx",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        loc = []
        for loc_item_data in self.loc:
            loc_item: int | str
            loc_item = loc_item_data
            loc.append(loc_item)

        msg = self.msg

        type_ = self.type_

        input__given = UNSET if self.input_ is None else self.input_
        input_ = input__given

        ctx_given = UNSET if self.ctx is None else self.ctx
        ctx: dict[str, Any] | Unset = UNSET
        if not isinstance(ctx_given, Unset):
            ctx = ctx_given.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "loc": loc,
                "msg": msg,
                "type": type_,
            }
        )
        if input_ is not UNSET:
            field_dict["input"] = input_
        if ctx is not UNSET:
            field_dict["ctx"] = ctx

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        loc = []
        _loc = d["loc"]
        for loc_item_data in _loc:
            loc_item = cast("int | str", loc_item_data)

            loc.append(loc_item)

        msg = d["msg"]

        type_ = d["type"]

        input_ = d.get("input", None)

        _ctx = d.get("ctx", UNSET)
        ctx: ValidationErrorContext | Unset
        if isinstance(_ctx, Unset):
            ctx = UNSET
        else:
            ctx = ValidationErrorContext.from_dict(_ctx)

        instance_ = cls(
            loc=loc,
            msg=msg,
            type_=type_,
            input_=input_,
            ctx=None if isinstance(ctx, Unset) else ctx,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "loc",
        "msg",
        "type",
        "input",
        "ctx",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.validation_error_context import ValidationErrorContext  # noqa: E402
