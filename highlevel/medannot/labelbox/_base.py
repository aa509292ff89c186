"""What both Labelbox clients share without I/O: endpoints, `where` inputs, the not-found rule, the
hand-sent upload document, quality modes, the mapping of Labelbox's error answers and REST answer checks."""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from medannot.errors import APIError, BadInput, InvalidRequest, NotFound, ResponseSchemaError, ServerError
from medannot.labelbox.models import MediaType

if TYPE_CHECKING:
    from medannot_api.labelbox.base_model import BaseModel
    from medannot_api.labelbox.enums import JobStatus

T = TypeVar("T")
M = TypeVar("M", bound="BaseModel")
D = TypeVar("D", covariant=True)

DEFAULT_ENDPOINT = "https://api.labelbox.com/graphql"
GRAPHQL_SUFFIX = "/graphql"
REST_SUFFIX = "/api/v1"
DEFAULT_PAGE_SIZE = 100
NEW_FEATURE_SCHEMA = "new_feature_schema_id"  # the REST API's id for "create"

# The UploadFile operation of operations/datarows.graphql (a unit test keeps them equal), sent by hand because
# the generated client would build the multipart body itself instead of streaming it through the core.
UPLOAD_FILE = (
    "mutation UploadFile($file: Upload!, $contentLength: Int!, $sign: Boolean) {"
    " uploadFile(file: $file, contentLength: $contentLength, sign: $sign) { url filename } }"
)

QualityMode = str  # the SDK's QualityMode values: "BENCHMARK", "CONSENSUS"
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


def where_input(model: type[M], where: M | Mapping[str, Any] | None) -> M | None:
    """`where` as the generated input type: given as one, or as a mapping of its fields (SDL or Python names).
    (The SDK's `Entity.Project.name == "x"` comparisons belong to its ORM, which is not reproduced.)"""
    if where is None or isinstance(where, model):
        return where
    if isinstance(where, Mapping):
        return model.model_validate(dict(where))
    raise BadInput(f"where must be a {model.__name__} or a mapping, not {type(where).__name__}")


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
    quality_modes: Iterable[QualityMode] | None, benchmark: bool | None, consensus: bool | None
) -> dict[str, Any]:
    """As the SDK: a known set of quality modes decides the audit settings and flags, else the flags stand."""
    modes = frozenset(str(getattr(m, "value", m)).upper() for m in quality_modes or ())
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
    try:
        return MediaType(str(getattr(media_type, "value", media_type)).upper())
    except ValueError:
        raise BadInput(f"unknown media_type {media_type!r}; one of {[m.value for m in MediaType]}") from None


def normalized_dict(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise BadInput(f"{what} must be a dict (e.g. Tool(...).asdict()), not {type(value).__name__}")
    return dict(value)


def content_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


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


def rest_field(answer: Any, key: str) -> Any:
    if not isinstance(answer, dict) or key not in answer:
        raise ResponseSchemaError(f"the REST answer lacks {key!r}: {str(answer)[:200]}")
    return answer[key]


def id_list(answer: Any) -> list[str]:
    if not isinstance(answer, list) or not all(isinstance(i, str) for i in answer):
        raise ResponseSchemaError(f"expected a list of ids, got {str(answer)[:200]}")
    return answer


def one(candidates: Iterable[T], what: str) -> T:
    for candidate in candidates:
        return candidate
    raise NotFound(f"no {what}")
