"""Argument checks done before any request: a wrong value would otherwise come back as a confusing server
error, or not at all. Each raises `BadInput` naming the argument; messages show the type of a wrong value,
never the value (it may be a token passed in the wrong place)."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, SupportsIndex, TypeVar

from medannot.errors import BadInput


def require_str(value: object, name: str) -> str:
    """`value` as a plain `str` when it has a non-whitespace character; `BadInput` otherwise.

    A str subclass is read through `str`'s own methods and returned as a plain copy, so an overridden
    `strip` or `__str__` can neither pass the check nor reach a request.
    """
    if not isinstance(value, str):
        raise BadInput(f"{name} must be a non-empty string, not {type(value).__name__}")
    text = str.__str__(value)
    if not text.strip():
        raise BadInput(f"{name} must be a non-empty string, not {'an empty' if not text else 'a blank'} one")
    return text


def require_int(value: object, name: str, *, min: int | None = None) -> int:
    """`value` as a plain `int` (any integer type, e.g. numpy's, but never a bool), at least `min` when
    given; `BadInput` otherwise."""
    number = _index(value)
    if number is None:
        raise BadInput(f"{name} must be an integer, not {type(value).__name__}")
    if min is not None and number < min:
        raise BadInput(f"{name} must be at least {min}, not {number}")
    return number


def require_ids(values: object, name: str) -> list[str]:
    """`values` as a list of non-empty strings (a list or tuple, not one bare string); `BadInput` naming the
    first bad element as `name[i]` otherwise."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise BadInput(f"{name} must be a list of strings, not {type(values).__name__}")
    return [require_str(value, f"{name}[{i}]") for i, value in enumerate(values)]


def _index(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, SupportsIndex):  # True is an int, never a count or id
        return None
    try:
        return operator.index(value)  # an exact int (since Python 3.10), whatever the integer type
    except TypeError:  # numpy's bool has `__index__`, which refuses
        return None


def require_finite(value: object, name: str) -> float:
    """`value` as a finite number (an int stays an int); `BadInput` for a bool, NaN, an infinity or a non-number
    (NaN and infinities cannot go into JSON or a URL, and would make any arithmetic on them meaningless)."""
    import math
    import numbers

    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise BadInput(f"{name} must be a finite number, not {type(value).__name__}")
    number = value if isinstance(value, int) else float(value)
    if not math.isfinite(number):
        raise BadInput(f"{name} must be a finite number, not {number}")
    return number


def require_bool(value: object, name: str) -> bool:
    """`value` as a bool (True/False, or the integers 0 and 1 that official clients pass); `BadInput`
    otherwise (a string such as "false" would be truthy)."""
    if isinstance(value, bool):
        return value
    number = _index(value)
    if number in (0, 1):
        return bool(number)
    raise BadInput(f"{name} must be True or False, not {type(value).__name__}")


def require_segment(value: object, name: str, *, max_length: int = 255) -> str:
    """`value` as text that fits in one URL path segment and a server's database: a non-blank string of at most
    `max_length` characters with no `/` or `\\`, no control character, and not `.` or `..` (which a URL
    normalises away). `BadInput` naming `name` otherwise, never quoting the value."""
    text = require_str(value, name)
    if len(text) > max_length:
        raise BadInput(f"{name} is too long ({len(text)} characters; at most {max_length})")
    if text.strip() in (".", "..") or "/" in text or "\\" in text:
        raise BadInput(f"{name} must not contain a path separator or be '.' or '..'")
    if has_control(text):
        raise BadInput(f"{name} must not contain control characters")
    return text


def has_control(text: str) -> bool:
    """Whether `text` holds a control (or format, line/paragraph separator) character."""
    import unicodedata

    return any(ord(c) < 32 or 127 <= ord(c) < 160 or unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in text)


# --- ids, params, timeouts, choices: the checks the facades share (issue 9, "Bad input") -----------------------

MAX_ID_BYTES = 255  # a server stores an id as a file or folder name: 255 bytes on every common file system


def require_id(value: object, name: str) -> str:
    """`value` as an id a server can store as a file or folder name and route in a URL path segment: what
    `require_segment` allows, without surrogate characters (which UTF-8 cannot carry), at most `MAX_ID_BYTES`
    bytes of UTF-8. `BadInput` naming `name` (never quoting the value) otherwise."""
    text = require_segment(value, name, max_length=MAX_ID_BYTES)
    if any(0xD800 <= ord(char) <= 0xDFFF for char in text):
        raise BadInput(f"{name} holds a lone surrogate character, which UTF-8 cannot carry")
    size = len(text.encode("utf-8"))
    if size > MAX_ID_BYTES:
        raise BadInput(f"{name} is too long ({size} bytes of UTF-8; a server stores at most {MAX_ID_BYTES})")
    return text


def optional_id(value: object, name: str) -> str | None:
    """None stays None ("no id": the server picks one); anything else must pass `require_id` (so `""` is a
    `BadInput`, never a silent "no id")."""
    return None if value is None else require_id(value, name)


def require_choice(value: object, name: str, choices: Sequence[str]) -> str:
    if not isinstance(value, str) or value not in choices:
        shown = type(value).__name__ if not isinstance(value, str) else "another string"
        raise BadInput(f"{name} must be one of {', '.join(map(repr, choices))}, not {shown}")
    return str.__str__(value)


def require_mapping(value: object, name: str) -> dict[str, Any]:
    """`value` (None: empty) as a new dict with string keys; `BadInput` for anything that is not a mapping."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise BadInput(f"{name} must be a mapping (a dict) or None, not {type(value).__name__}")
    for key in value:
        if not isinstance(key, str):
            raise BadInput(f"{name} must have string keys, not {type(key).__name__}")
    return dict(value)


def require_json(value: object, name: str) -> str:
    """`value` as JSON text (NaN and infinities refused: JSON has no spelling for them, and Python's would
    break a strict server); `BadInput` naming the offending place (`params['centre'][1]`) otherwise."""
    import json

    fault = _json_fault(value, name, set())
    if fault:
        raise BadInput(fault)
    try:
        return json.dumps(value, allow_nan=False)
    except (TypeError, ValueError, RecursionError) as exc:  # anything the walk above did not foresee
        raise BadInput(f"{name} must be JSON-serialisable: {type(exc).__name__}") from exc


def _json_fault(value: object, path: str, seen: set[int]) -> str | None:
    import math

    if value is None or isinstance(value, (str, bool, int)):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{path} must be a finite number, not {value!r} (JSON has no NaN)"
    if isinstance(value, (Mapping, list, tuple)):
        if id(value) in seen:
            return f"{path} refers to itself (a circular reference)"
        seen.add(id(value))
        try:
            if isinstance(value, Mapping):
                for key, item in value.items():
                    if not isinstance(key, str):
                        return f"{path} must have string keys, not {type(key).__name__}"
                    fault = _json_fault(item, f"{path}[{key!r}]", seen)
                    if fault:
                        return fault
            else:
                for index, item in enumerate(value):
                    fault = _json_fault(item, f"{path}[{index}]", seen)
                    if fault:
                        return fault
        finally:
            seen.discard(id(value))
        return None
    return f"{path} must be JSON-serialisable, not {type(value).__name__}"


def require_timeout(value: object, name: str = "timeout") -> Any:
    """None (the default), a positive finite number of seconds (not a bool), or an `httpx.Timeout` whose
    phases are each None or positive and finite; `BadInput` otherwise. Returns `value` unchanged."""
    import math

    import httpx

    if value is None:
        return None
    if isinstance(value, httpx.Timeout):
        for phase, seconds in value.as_dict().items():
            if seconds is not None and not (_finite_number(seconds) and seconds > 0):
                raise BadInput(f"{name}.{phase} must be None or a positive finite number of seconds")
        return value
    if not _finite_number(value) or not value > 0:  # type: ignore[operator]
        shown = type(value).__name__ if not isinstance(value, (int, float)) or isinstance(value, bool) else value
        raise BadInput(f"{name} must be a positive finite number of seconds or an httpx.Timeout, not {shown!r}")
    assert math.isfinite(value)  # type: ignore[arg-type]
    return value


def _finite_number(value: object) -> bool:
    import math

    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def require_files(values: object, name: str) -> list[Any]:
    """A list of file inputs: a list, tuple or other iterable of them, never one bare path or file object
    (a str would otherwise be taken for its characters)."""
    import os

    if isinstance(values, (str, bytes, os.PathLike, Mapping)) or hasattr(values, "read"):
        shown = type(values).__name__
        raise BadInput(f"{name} must be a list of files (paths or binary file objects), not one {shown}")
    if not isinstance(values, Iterable):
        raise BadInput(f"{name} must be a list of files, not {type(values).__name__}")
    return list(values)


# --- answers: the server's JSON against the generated models' annotations (issue 9, "Answers checked") --------


def check_answer(model: type, data: object, *, nullable: bool = False) -> None:
    """Raise `ResponseSchemaError` naming the first place (`TaskRecord.status`, `Datastore.objects['ct'].image`)
    where the decoded JSON `data` does not fit `model`, a generated attrs model (openapi-python-client).

    The generated `from_dict` copies values without checking their types (`{"image": 42}` would become
    `ImageAdded(image=42)`) and, where it fails, says neither where nor why; this walks the raw JSON against
    the model's own annotations (which the generator wrote from the schema): required fields present, str/int/
    float/bool/None as typed (a bool is no int), Literal enums, lists, maps, nested models, unions, and the
    declared type of extra properties. Annotations it does not know (files, Any) accept anything. Each type's
    check is compiled once, so a call costs a walk over the answer and nothing more.
    """
    from medannot.errors import ResponseSchemaError

    if nullable and data is None:
        return
    try:
        _compiled(model)(data)
    except _Mismatch as mismatch:
        where = "".join(reversed(mismatch.where))
        raise ResponseSchemaError(f"{model.__name__}{where}: {mismatch.message}") from None


class _Mismatch(Exception):
    """Raised where the answer breaks its type; each enclosing level adds its part of the path on the way out.
    The message is written only when asked for: a union tries arms that fail on the way to the one that fits."""

    def __init__(self, expected: str, value: object = None, *, missing: bool = False) -> None:
        self.expected = expected
        self.value = value
        self.missing = missing
        self.where: list[str] = []

    @property
    def message(self) -> str:
        if self.missing:
            return "required, but missing"
        return f"expected {self.expected}, got {_kind(self.value)}"


Check = Callable[[object], None]
_CHECKS: dict[Any, Check] = {}


def _accept(value: object) -> None:
    return None


def _compiled(tp: Any) -> Check:
    check = _CHECKS.get(tp)
    if check is None:
        _CHECKS[tp] = _accept  # a recursive model refers to itself while it compiles
        check = _CHECKS[tp] = _compile(tp)
    return check


def _compile(tp: Any) -> Check:
    import types
    from typing import Literal, Union, get_args, get_origin

    origin = get_origin(tp)
    if tp is Any or tp is object or isinstance(tp, TypeVar):
        return _accept
    simple = _simple(tp)
    if simple is not None:
        return _scalar(*simple)
    if origin in (Union, types.UnionType):
        arms = [arm for arm in get_args(tp) if not _is_unset(arm)]
        return _union([(_compiled(arm), _json_kinds(arm)) for arm in arms], _union_name(tp))
    if origin is Literal:
        return _literal(get_args(tp))
    if origin in (list, Sequence, tuple) or tp is list:
        element = (get_args(tp) or (Any,))[0]
        simple = _simple(element)
        return _scalar_array(*simple) if simple is not None else _array(_compiled(element))
    if origin in (dict, Mapping) or tp is dict:
        args = get_args(tp)
        return _mapping(_compiled(args[1] if len(args) == 2 else Any))
    if isinstance(tp, type) and _fields(tp) is not None:
        return _model(tp)
    return _accept  # anything else (a File, an unknown annotation) is not constrained here


_SCALARS: dict[Any, tuple[type, ...]] = {
    str: (str,),
    bool: (bool,),
    int: (int,),
    float: (int, float),
    type(None): (type(None),),
    None: (type(None),),
}


def _simple(tp: Any) -> tuple[tuple[type, ...], bool, str] | None:
    """(accepted types, whether a bool is refused, expected) for a scalar, a type read from a string (a date, a
    UUID) or a union of those (`str | None`), which a model checks inline; None for anything else."""
    import types
    from typing import Union, get_args, get_origin

    arms = [arm for arm in get_args(tp) if not _is_unset(arm)] if get_origin(tp) in (Union, types.UnionType) else [tp]
    kinds: list[tuple[type, ...]] = []
    for arm in arms:
        try:
            scalar = _SCALARS.get(arm)
        except TypeError:  # an unhashable annotation is no scalar
            return None
        if scalar is None and _text_type(arm) is None:
            return None
        kinds.append(scalar or (str,))
    accepted = tuple(dict.fromkeys(t for kind in kinds for t in kind))
    refuses_bool = bool not in arms and int in accepted  # a bool is an int to isinstance, not to JSON's schema
    return accepted, refuses_bool, " or ".join(_text_type(arm) or _type_name(arm) for arm in arms)


_JSON_TYPES: tuple[type, ...] = (dict, list, str, int, float, bool, type(None))


def _json_kinds(tp: Any) -> tuple[type, ...] | None:
    """The decoded-JSON types a value of annotation `tp` can have (None: any), so that a union tries only the arms
    that can fit a value (no exception raised and caught per absent arm: `X | None` holding null costs a lookup)."""
    import types
    from typing import Literal, Union, get_args, get_origin

    origin = get_origin(tp)
    simple = _simple(tp)
    if simple is not None:
        return simple[0]
    if origin in (Union, types.UnionType):
        kinds = [_json_kinds(arm) for arm in get_args(tp) if not _is_unset(arm)]
        return None if any(k is None for k in kinds) else tuple(t for k in kinds for t in k or ())
    if origin is Literal:
        return tuple({type(choice) for choice in get_args(tp)})
    if origin in (list, Sequence, tuple) or tp is list:
        return (list,)
    if origin in (dict, Mapping) or tp is dict or (isinstance(tp, type) and _fields(tp) is not None):
        return (dict,)
    return None


def _text_type(tp: Any) -> str | None:
    """What a value parsed from a JSON string (a datetime, a date, a UUID) is expected as; None for other types."""
    module = getattr(tp, "__module__", None) if isinstance(tp, type) else None
    return {"datetime": "a date string", "uuid": "a UUID string"}.get(module or "")


def _union(arms: list[tuple[Check, tuple[type, ...] | None]], expected: str) -> Check:
    all_arms = [check for check, _ in arms]
    # per JSON type, the arms whose kinds admit it (a bool is an int to isinstance: the int arm refuses it itself)
    by_type: dict[type, list[Check]] = {
        t: [check for check, kinds in arms if kinds is None or issubclass(t, kinds)] for t in _JSON_TYPES
    }

    def check(value: object) -> None:
        candidates = by_type.get(value.__class__, all_arms)
        if len(candidates) == 1:
            candidates[0](value)  # the one arm that can fit: its own message says where and why not
            return
        failures = []
        for arm in candidates:
            try:
                arm(value)
                return
            except _Mismatch as mismatch:
                failures.append(mismatch)
        if len(failures) == 1:
            raise failures[0]
        raise _Mismatch(expected, value)

    return check


class _LiteralMismatch(_Mismatch):
    @property
    def message(self) -> str:
        value = self.value
        shown = repr(value) if isinstance(value, (str, int, float)) and len(repr(value)) < 60 else _kind(value)
        return f"expected {self.expected}, got {shown}"


def _literal(allowed: tuple[Any, ...]) -> Check:
    expected = f"one of {', '.join(map(repr, allowed))}"

    def check(value: object) -> None:
        if not any(type(value) is type(choice) and value == choice for choice in allowed):
            raise _LiteralMismatch(expected, value)

    return check


def _array(item: Check) -> Check:
    def check(value: object) -> None:
        if not isinstance(value, list):
            raise _Mismatch("an array", value)
        for index, element in enumerate(value):
            try:
                item(element)
            except _Mismatch as mismatch:
                mismatch.where.append(f"[{index}]")
                raise

    return check


def _scalar_array(accepted: tuple[type, ...], refuses_bool: bool, expected: str) -> Check:
    """An array of scalars (a shape, a list of names) tested inline: no call per element."""

    def check(value: object) -> None:
        if not isinstance(value, list):
            raise _Mismatch("an array", value)
        for index, element in enumerate(value):
            if not isinstance(element, accepted) or (refuses_bool and element.__class__ is bool):
                raise _at(_Mismatch(expected, element), f"[{index}]")

    return check


def _mapping(item: Check) -> Check:
    def check(value: object) -> None:
        if not isinstance(value, dict):
            raise _Mismatch("an object", value)
        if item is _accept:
            return
        for key, element in value.items():
            try:
                item(element)
            except _Mismatch as mismatch:
                mismatch.where.append(f"[{key!r}]")
                raise

    return check


def _scalar(accepted: tuple[type, ...], refuses_bool: bool, expected: str) -> Check:
    def check(value: object) -> None:
        if not isinstance(value, accepted) or (refuses_bool and value.__class__ is bool):
            raise _Mismatch(expected, value)

    return check


def _model(model: type) -> Check:
    """One model's check, written as straight-line Python and compiled once (an answer of thousands of objects
    spends its time here): scalar fields tested inline, the others through their own checks, the field's JSON key
    added to the path of a mismatch on the way out. Its constants are the arguments of a factory, so the check
    reads them as closure cells rather than as globals."""
    fields, extra = _fields(model) or ({}, Any)
    names: dict[str, Any] = {"_Mismatch": _Mismatch, "missing": object(), "_at": _at}
    lines = [
        "    def check(value):",
        "        if not isinstance(value, dict):",
        "            raise _Mismatch('an object', value)",
        "        get = value.get",
    ]
    for n, (key, (annotation, required)) in enumerate(fields.items()):
        names[f"k{n}"] = key
        names[f"w{n}"] = f".{key}"
        lines.append(f"        v = get(k{n}, missing)")
        simple = _simple(annotation)
        if simple is not None:
            accepted, refuses_bool, expected = simple
            names[f"a{n}"] = accepted[0] if len(accepted) == 1 else accepted
            names[f"e{n}"] = expected
            wrong = f"not isinstance(v, a{n})" + (" or v.__class__ is bool" if refuses_bool else "")
            if required:  # `missing` is of no accepted type: one test, then which it was
                lines.append(f"        if {wrong}: raise _at(_Mismatch(e{n}, v, missing=v is missing), w{n})")
            else:
                lines.append(f"        if v is not missing and ({wrong}): raise _at(_Mismatch(e{n}, v), w{n})")
            continue
        inner = _nullable_arm(annotation)  # `X | None`: null accepted inline, X checked by its own check
        names[f"c{n}"] = _compiled(annotation if inner is None else inner)
        if required:
            lines.append(f"        if v is missing: raise _at(_Mismatch('', missing=True), w{n})")
        test = " and ".join(([] if required else ["v is not missing"]) + ([] if inner is None else ["v is not None"]))
        if test:
            lines.append(f"        if {test}:")
        indent = "            " if test else "        "
        kinds = None if inner is None else _json_kinds(inner)
        if kinds is not None:  # a value no arm can fit is named as the union names it ("a list or null")
            names[f"k{n}t"], names[f"u{n}"] = kinds, _union_name(annotation)
            lines.append(f"{indent}if not isinstance(v, k{n}t): raise _at(_Mismatch(u{n}, v), w{n})")
        lines += [f"{indent}try: c{n}(v)",
                  f"{indent}except _Mismatch as mismatch: raise _at(mismatch, w{n})"]  # fmt: skip
    if extra is not Any:
        names["known"], names["extra_check"] = frozenset(fields), _compiled(extra)
        lines += ["        if value.keys() <= known: return",  # no extra property, the usual case: one test
                  "        for key, element in value.items():",
                  "            if key not in known:",
                  "                try:",
                  "                    extra_check(element)",
                  "                except _Mismatch as mismatch:",
                  "                    mismatch.where.append(f'[{key!r}]')",
                  "                    raise"]  # fmt: skip
    source = "\n".join([f"def factory({', '.join(names)}):", *lines, "    return check"])
    scope: dict[str, Any] = {}
    exec(compile(source, f"<answer check of {model.__qualname__}>", "exec"), scope)
    check: Check = scope["factory"](**names)
    return check


def _union_name(tp: Any) -> str:
    from typing import get_args

    return " or ".join(_type_name(arm) for arm in get_args(tp) if not _is_unset(arm))


def _nullable_arm(tp: Any) -> Any:
    """X of an annotation `X | None` (Unset aside) whose X is not a scalar; None for any other annotation."""
    import types
    from typing import Union, get_args, get_origin

    if get_origin(tp) not in (Union, types.UnionType):
        return None
    arms = [arm for arm in get_args(tp) if not _is_unset(arm)]
    others = [arm for arm in arms if arm is not type(None)]
    return others[0] if len(others) == 1 and len(arms) == 2 else None


def _at(mismatch: _Mismatch, where: str) -> _Mismatch:
    mismatch.where.append(where)
    return mismatch


_FIELDS: dict[type, tuple[dict[str, tuple[Any, bool]], Any] | None] = {}


def _fields(model: type) -> tuple[dict[str, tuple[Any, bool]], Any] | None:
    """JSON key -> (annotation, required) of a generated attrs model, and the type of its extra properties;
    None when `model` is not an attrs class or its annotations cannot be resolved."""
    if model in _FIELDS:
        return _FIELDS[model]
    found: tuple[dict[str, tuple[Any, bool]], Any] | None = None
    try:
        import attrs
    except ImportError:  # pragma: no cover - attrs is a dependency
        attrs = None  # type: ignore[assignment]
    if attrs is not None and attrs.has(model):
        import sys
        import typing

        namespace: dict[str, Any] = {}
        for cls in reversed(model.__mro__):  # a subclass of a generated model reads its base's names
            for name in (cls.__module__.rsplit(".", 1)[0], cls.__module__):  # the models package, the module
                namespace.update(vars(sys.modules[name]) if name in sys.modules else {})
        try:
            hints = typing.get_type_hints(model, globalns=namespace)
        except Exception:  # an annotation that cannot be resolved: leave the model unchecked
            hints = None
        if hints is not None:
            fields: dict[str, tuple[Any, bool]] = {}
            extra: Any = Any
            json_keys: dict[str, str] = getattr(model, "_json_keys", {})  # the template's field -> JSON key
            for attribute in attrs.fields(model):
                if not attribute.init and attribute.name != "additional_properties":
                    continue  # bookkeeping (the JSON a model was read from), not a JSON key
                annotation = hints.get(attribute.name, Any)
                if attribute.name == "additional_properties":
                    args = typing.get_args(annotation)
                    extra = args[1] if len(args) == 2 else Any
                    continue
                key = json_keys.get(attribute.name, attribute.name)
                fields[key] = (annotation, attribute.default is attrs.NOTHING)
            found = (fields, extra)
    _FIELDS[model] = found
    return found


def is_model(tp: Any) -> bool:
    """Whether `tp` is a generated attrs model whose annotations `check_answer` can read (not the generator's
    own `types.File`, a binary answer)."""
    return isinstance(tp, type) and not tp.__module__.endswith(".types") and _fields(tp) is not None


def _is_unset(tp: Any) -> bool:
    return isinstance(tp, type) and tp.__name__ == "Unset"


def _type_name(tp: Any) -> str:
    names = {str: "a string", int: "an integer", float: "a number", bool: "a boolean", type(None): "null"}
    if tp in names:
        return names[tp]
    return getattr(tp, "__name__", None) or str(tp)


def _kind(value: object) -> str:
    """The JSON kind of a value, never the value itself (an answer may hold a token)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
