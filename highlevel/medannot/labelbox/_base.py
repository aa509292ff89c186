"""What both Labelbox clients share without I/O: endpoints, `where` inputs, the not-found rule, the
hand-sent upload document, quality modes, the mapping of Labelbox's error answers and REST answer checks."""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from medannot.core.mime import content_type as _content_type
from medannot.core.validate import has_control, require_bool, require_json, require_str
from medannot.errors import APIError, BadInput, InvalidRequest, NotFound, ResponseSchemaError, ServerError
from medannot.labelbox.models import MediaType, QualityMode

if TYPE_CHECKING:
    from medannot_api.labelbox.base_model import BaseModel, Comparison
    from medannot_api.labelbox.enums import JobStatus

T = TypeVar("T")
M = TypeVar("M", bound="BaseModel")
D = TypeVar("D", covariant=True)

DEFAULT_ENDPOINT = "https://api.labelbox.com/graphql"
GRAPHQL_SUFFIX = "/graphql"
REST_SUFFIX = "/api/v1"
DEFAULT_PAGE_SIZE = 100
MAX_KEY_LENGTH = 4096  # a global key, external id or search text; Labelbox's own limits are lower
NEW_FEATURE_SCHEMA = "new_feature_schema_id"  # the REST API's id for "create"

# The UploadFile operation of operations/datarows.graphql (a unit test keeps them equal), sent by hand because
# the generated client would build the multipart body itself instead of streaming it through the core.
UPLOAD_FILE = (
    "mutation UploadFile($file: Upload!, $contentLength: Int!, $sign: Boolean) {"
    " uploadFile(file: $file, contentLength: $contentLength, sign: $sign) { url filename } }"
)

# Mutations that create nothing a user sees (a file stored under a fresh URL): resent after a 502 or a drop.
RETRY_SAFE_MUTATIONS = frozenset({"UploadFile"})

DEFAULT_QUALITY_MODES = frozenset({"BENCHMARK", "CONSENSUS"})

# The SDK's quality modes -> (auto-audit number of labels, auto-audit percentage, benchmark, consensus).
_QUALITY: dict[frozenset[str], tuple[int, float, bool, bool]] = {
    frozenset({"BENCHMARK", "CONSENSUS"}): (3, 0.0, True, True),
    frozenset({"BENCHMARK"}): (1, 1.0, True, False),
    frozenset({"CONSENSUS"}): (3, 0.0, False, True),
}


class JobResult(Protocol[D]):
    """The shape every `*Result` query of a global-key job shares."""

    @property
    def job_status(self) -> JobStatus: ...

    @property
    def data(self) -> D | None: ...


def rest_endpoint_for(endpoint: str) -> str:
    """The REST API beside a GraphQL endpoint (`.../graphql` -> `.../api/v1`), as Labelbox lays them out."""
    base = endpoint.rstrip("/")
    return (base[: -len(GRAPHQL_SUFFIX)] if base.endswith(GRAPHQL_SUFFIX) else base) + REST_SUFFIX


def where_input(model: type[M], where: M | Comparison | Mapping[str, Any] | None) -> M | None:
    """`where` as the generated input type: given as one, as the SDK's comparison expression
    (`Dataset.name == "x"`, combined with `&`, `|`, `~`), or as a mapping of its fields (SDL or Python names).
    A key the input type does not have (`{"nmae": ...}`, `Dataset.row_count == 1`), at any depth, is a
    `BadInput` naming it: the server would ignore it and match everything."""
    from medannot_api.labelbox.base_model import Comparison

    if where is None or isinstance(where, model):
        return where
    if isinstance(where, Comparison):
        return validated_input(model, where.as_where(), "where")
    if isinstance(where, Mapping):
        return validated_input(model, dict(where), "where")
    if isinstance(where, bool):
        raise BadInput(
            "where is a bool: compare a model class's field (`Dataset.name == 'x'`), not an instance's attribute"
        )
    raise BadInput(f"where must be a {model.__name__}, a comparison or a mapping, not {type(where).__name__}")


def validated_input(model: type[M], fields: Mapping[str, Any], name: str | Mapping[str, str]) -> M:
    """`fields` as the generated input type `model`, unknown keys refused; a value that does not fit is a
    `BadInput` naming the caller's parameter: `name`, or `name[field]` when `name` maps the input's fields
    (SDL or Python names) onto the public parameters that carried them. The value itself is never quoted."""
    import pydantic

    try:
        return model.model_validate(dict(fields), extra="forbid")
    except pydantic.ValidationError as exc:
        error = exc.errors(include_url=False, include_input=False)[0]
        loc = list(error.get("loc", ()))
        if isinstance(name, str):
            where = name + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc)
        else:
            head = str(loc[0]) if loc else ""
            where = name.get(head, head) + "".join(
                f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc[1:]
            )
        problem = "is not a known field" if error.get("type") == "extra_forbidden" else str(error.get("msg"))
        raise BadInput(f"{where}: {problem} (of {model.__name__})") from None


def live_only(model: type[M], where: M | None) -> M:
    """`where` AND `deleted: false`, as the SDK sends for projects and datasets (deleted ones stay listed
    server-side until purged)."""
    alive = model.model_validate({"deleted": False})
    return alive if where is None else model.model_validate({"AND": [where, alive]})


def found(value: T | None, kind: str, id: str) -> T:
    """Labelbox answers a nullable root field with null for an unknown id; the SDK calls that not found."""
    if value is None:
        raise NotFound(f"{kind} {id!r} does not exist")
    return value


def quality(
    quality_modes: Iterable[QualityMode | str] | None, benchmark: bool | None, consensus: bool | None
) -> dict[str, Any]:
    """As the SDK: a known set of quality modes decides the audit settings and flags, else the flags stand."""
    if isinstance(quality_modes, (str, bytes)) or not (quality_modes is None or isinstance(quality_modes, Iterable)):
        raise BadInput(f"quality_modes must be a collection of quality modes, not one {type(quality_modes).__name__}")
    benchmark = None if benchmark is None else require_bool(benchmark, "is_benchmark_enabled")
    consensus = None if consensus is None else require_bool(consensus, "is_consensus_enabled")
    modes = frozenset(str(getattr(m, "value", m)).upper() for m in quality_modes or ())
    if not modes <= DEFAULT_QUALITY_MODES:
        raise BadInput(f"quality_modes must hold only {sorted(DEFAULT_QUALITY_MODES)}")
    if modes not in _QUALITY:
        return {"isBenchmarkEnabled": benchmark, "isConsensusEnabled": consensus}
    labels, percentage, benchmark, consensus = _QUALITY[modes]
    return {
        "autoAuditNumberOfLabels": labels,
        "autoAuditPercentage": percentage,
        "isBenchmarkEnabled": benchmark,
        "isConsensusEnabled": consensus,
    }


def media(media_type: MediaType | str | None) -> MediaType | None:
    if media_type is None:
        return None
    try:  # the generated enum also takes the SDK's spellings ("Image", MediaType.Image, "LLMPromptCreation")
        return MediaType(str(getattr(media_type, "value", media_type)))
    except ValueError:
        shown = type(media_type).__name__ if not isinstance(media_type, str) else "another string"
        raise BadInput(f"media_type must be one of {[m.value for m in MediaType]}, not {shown}") from None


def normalized_dict(value: Any, what: str) -> dict[str, Any]:
    """A JSON object given as a mapping (string keys, finite numbers): it travels as JSON text."""
    if not isinstance(value, Mapping):
        raise BadInput(f"{what} must be a dict (e.g. Tool(...).asdict()), not {type(value).__name__}")
    require_json(value, what)
    return dict(value)


def json_object(value: Any, what: str, *, optional: bool = False) -> dict[str, Any] | None:
    """A mapping that goes into a request's JSON as is (NaN, infinities and non-JSON values refused)."""
    if value is None and optional:
        return None
    if not isinstance(value, Mapping):
        raise BadInput(f"{what} must be a dict, not {type(value).__name__}")
    require_json(value, what)
    return dict(value)


def text_key(value: object, name: str, *, max_length: int = MAX_KEY_LENGTH) -> str:
    """A global key, external id or name search: non-blank text without control characters (a global key
    may hold `/`, as a storage path does, so `require_id` is too strict for it)."""
    text = require_str(value, name)
    if has_control(text):
        raise BadInput(f"{name} must not contain control characters")
    if len(text) > max_length:
        raise BadInput(f"{name} is too long ({len(text)} characters; at most {max_length})")
    return text


def text_keys(values: object, name: str) -> list[str]:
    """A list (or tuple) of `text_key`s, never one bare string."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise BadInput(f"{name} must be a list of strings, not {type(values).__name__}")
    return [text_key(value, f"{name}[{i}]") for i, value in enumerate(values)]


def seconds(value: object, name: str) -> float:
    """How long to wait for a job: a number of seconds, at least 0 (`math.inf`: for ever); never a bool or NaN."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value) or value < 0:
        shown = value if isinstance(value, (int, float)) and not isinstance(value, bool) else type(value).__name__
        raise BadInput(f"{name} must be a number of seconds, at least 0, not {shown}")
    return float(value)


def content_type(name: str | os.PathLike[str]) -> str:
    """From medannot's fixed table (`core.mime`), never the host's mime.types: the same on every machine."""
    return _content_type(name)


def labelbox_error(errors: Sequence[Any]) -> APIError:
    """The typed error for Labelbox's GraphQL `errors`: by code, except that Labelbox reports rejected input
    as INTERNAL_SERVER_ERROR with `exception.status` 400 (the SDK raises InvalidQueryError for exactly that);
    it is the caller's mistake, not a server failure."""
    from medannot.core.graphql import error_from_graphql

    error = error_from_graphql(errors)
    if not isinstance(error, ServerError):
        return error
    for item in errors:
        extensions = item.get("extensions") if isinstance(item, Mapping) else getattr(item, "extensions", None)
        exception = extensions.get("exception") if isinstance(extensions, Mapping) else None
        if isinstance(exception, Mapping) and exception.get("status") == 400:
            return InvalidRequest(error.message, status_code=400)
    return error


_KINDS: dict[type, str] = {bool: "a boolean", str: "a string", int: "an integer", dict: "an object", list: "an array"}


def json_kind(value: Any) -> str:
    """The JSON kind of a value (never the value: an answer may hold a secret)."""
    if value is None:
        return "null"
    if isinstance(value, float):
        return "a number"
    return next((name for tp, name in _KINDS.items() if isinstance(value, tp)), type(value).__name__)


def rest_field(answer: Any, key: str, kind: type = object, *, what: str = "the REST answer") -> Any:
    """`answer[key]`, which must be there and of `kind` (bool, str, int (never a bool), dict, list; `object`:
    anything); `ResponseSchemaError` naming the field otherwise."""
    if not isinstance(answer, dict):
        raise ResponseSchemaError(f"{what}: expected an object, got {json_kind(answer)}")
    if key not in answer:
        raise ResponseSchemaError(f"{what}.{key}: required, but missing")
    value = answer[key]
    if kind is not object and (not isinstance(value, kind) or (kind is int and isinstance(value, bool))):
        raise ResponseSchemaError(f"{what}.{key}: expected {_KINDS.get(kind, kind.__name__)}, got {json_kind(value)}")
    return value


def id_list(answer: Any, what: str = "the REST answer") -> list[str]:
    """An array of ids; `ResponseSchemaError` naming the first element that is not a string."""
    if not isinstance(answer, list):
        raise ResponseSchemaError(f"{what}: expected an array of ids, got {json_kind(answer)}")
    for index, item in enumerate(answer):
        if not isinstance(item, str):
            raise ResponseSchemaError(f"{what}[{index}]: expected a string id, got {json_kind(item)}")
    return answer


def one(candidates: Iterable[T], what: str) -> T:
    for candidate in candidates:
        return candidate
    raise NotFound(f"no {what}")
