"""What both twins of the Grand Challenge client share and that does no I/O: the base URL and which URLs the
client follows, the token, the answer checks, and the checks of socket values before anything is uploaded."""

from __future__ import annotations

import difflib
import ipaddress
import json
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from medannot.core.auth import BearerAuth, Step, credential
from medannot.core.redact import Secret, redact_url
from medannot.errors import BadInput, ResponseSchemaError
from medannot.grandchallenge.models import SocketValueSpec

if TYPE_CHECKING:
    from medannot_api.grandchallenge.models import ComponentInterface

ENV_VAR = "GRAND_CHALLENGE_AUTHORIZATION"
DEFAULT_BASE_URL = "https://grand-challenge.org/api/v1/"
API_PREFIX = "api/v1/"
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
# Query parameters that make a URL a presigned object-storage URL (S3 v4 and v2, Google Cloud Storage, Azure SAS):
# such a URL carries its own authorisation, and the token is never sent to it.
PRESIGNED_KEYS = frozenset({"x-amz-signature", "signature", "x-goog-signature", "sig"})
TERMINAL_JOB = frozenset({"Succeeded", "Failed", "Cancelled"})
FAILED_JOB = frozenset({"Failed", "Cancelled"})
TERMINAL_SESSION = frozenset({"Succeeded", "Failed", "Cancelled"})

M = TypeVar("M")


# --- URLs ---------------------------------------------------------------------------------------


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def split_base_url(base_url: object) -> tuple[str, str]:
    """(the server root the session talks to, the API prefix below it) from gcapi's `base_url`, which must be
    https (http only on a loopback address) and end with `/api/v1/` (the trailing slash may be left out)."""
    if not isinstance(base_url, str) or not base_url.strip():
        raise BadInput(f"base_url must be a non-empty URL string, not {type(base_url).__name__}")
    text = base_url.strip()
    try:
        url = httpx.URL(text)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise BadInput(f"base_url is not a URL: {exc}") from None
    if url.scheme not in ("https", "http") or not url.host:
        raise BadInput(f"base_url must be an https:// URL, not {redact_url(text)!r}")
    if url.scheme == "http" and not is_loopback(url.host):
        raise BadInput(
            f"base_url must use https:// (the API token would travel in clear text): {redact_url(text)!r}; "
            "plain http is accepted only on a loopback address (127.0.0.1, ::1, localhost)"
        )
    if url.query or url.fragment:
        raise BadInput("base_url must not have a query or a fragment")
    path = url.path if url.path.endswith("/") else url.path + "/"
    if not path.endswith("/" + API_PREFIX):
        raise BadInput(
            f"base_url must be the API's base URL, ending with /{API_PREFIX} (e.g. {DEFAULT_BASE_URL}), "
            f"not {redact_url(text)!r}"
        )
    root = str(url.copy_with(path=path[: -len(API_PREFIX)]))
    return root, path


def origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, (url.host or "").lower(), url.port or (443 if url.scheme == "https" else 80)


def is_presigned(url: httpx.URL) -> bool:
    return any(key.lower() in PRESIGNED_KEYS for key in url.params)


def parse_token(value: str | Secret | None) -> Secret:
    """The argument, else GRAND_CHALLENGE_AUTHORIZATION; "xyz", "Bearer xyz" and "Token xyz" (any case, any
    white space) give the token "xyz". A value of more than two words is a `BadInput` that does not quote it."""
    secret = credential(value, ENV_VAR, what="API token", header=True)
    words = secret.value.split()
    if len(words) == 2 and words[0].lower() in ("bearer", "token"):
        return Secret(words[1])
    if len(words) != 1:
        raise BadInput('the API token must be "<token>", "Bearer <token>" or "Token <token>"')
    return Secret(words[0])


class ServerBearerAuth(BearerAuth):
    """`Authorization: Bearer <token>`, but only on requests to the API's own origin: a URL found in an answer,
    a redirect or a presigned storage URL never receives the token."""

    def __init__(self, token: Secret, root: str) -> None:
        super().__init__(token)
        self._origin = origin(httpx.URL(root))

    def flow(self, request: httpx.Request) -> Step:
        if origin(request.url) != self._origin:
            request.headers.pop("Authorization", None)
            yield request
            return
        yield from super().flow(request)


# --- answers ------------------------------------------------------------------------------------


def check_status(status: object, what: str) -> str:
    if not isinstance(status, str):
        raise ResponseSchemaError(f"{what} has no status text")
    return status


def session_messages(error_message: str | None) -> list[str]:
    """The per-file reasons in a session's `error_message` ("2 files could not be imported. a: x; b: y")."""
    if not error_message:
        return []
    text = error_message.strip()
    head, dot, rest = text.partition(". ")
    if dot and "could not be imported" in head and rest:
        return [part.strip() for part in rest.split("; ") if part.strip()]
    return [text]


# --- names --------------------------------------------------------------------------------------


def close_matches(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    return difflib.get_close_matches(word, list(candidates), n=n, cutoff=0.5)


def not_found_message(kind: str, slug: str, candidates: Iterable[str]) -> str:
    matches = close_matches(slug, candidates)
    hint = f"; did you mean {', '.join(repr(m) for m in matches)}?" if matches else ""
    return f"no {kind} with slug {slug!r} (slugs are case sensitive){hint}"


def slug_of(obj: object) -> str:
    """An object's slug: its `slug` field, else the last segment of its web page `url` (archives give no slug)."""
    slug = getattr(obj, "slug", None)
    if isinstance(slug, str) and slug:
        return slug
    url = getattr(obj, "url", None)
    return url.rstrip("/").rsplit("/", 1)[-1] if isinstance(url, str) else ""


def require_slug(value: object, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BadInput(f"{name} must be a non-empty slug string, not {type(value).__name__}")
    return value.strip()


def require_pk(value: object, name: str) -> str:
    """A primary key (UUID or int, as str, UUID or int) for a URL path segment."""
    import uuid

    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str) or not value.strip() or "/" in value or "?" in value or "#" in value:
        raise BadInput(f"{name} must be a primary key (a UUID or a number), not {value!r:.60}")
    return value.strip()


# --- socket values ------------------------------------------------------------------------------


@dataclass
class Prepared:
    """One socket value, checked: either a ready JSON item, or files to upload first."""

    slug: str
    super_kind: str
    item: dict[str, Any] = field(default_factory=dict)  # sent as is (value, image, file of an existing value)
    files: list[Path] = field(default_factory=list)  # to upload: several (Image) or one (File)
    image_name: str | None = None


def specs_from(values: object, name: str = "values") -> list[SocketValueSpec | RawValue]:
    """A list of `SocketValueSpec`, or gcapi 0.13's dict {slug: value}, as a list of specs; the dict form is
    turned into specs once the sockets' kinds are known (`prepare`), so here it stays a `RawValue`."""
    if isinstance(values, Mapping):
        return [RawValue(require_slug(slug, f"{name} key"), value) for slug, value in values.items()]
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise BadInput(f"{name} must be a list of SocketValueSpec or a dict {{socket slug: value}}")
    out: list[SocketValueSpec | RawValue] = []
    for i, spec in enumerate(values):
        if not isinstance(spec, SocketValueSpec):
            raise BadInput(f"{name}[{i}] must be a SocketValueSpec, not {type(spec).__name__}")
        require_slug(spec.socket_slug, f"{name}[{i}].socket_slug")
        sources = spec.sources()
        if len(sources) != 1:
            listed = ", ".join(sources) or "none"
            raise BadInput(
                f"{name}[{i}] ({spec.socket_slug}) must have exactly one of value, file, files, "
                f"existing_image_api_url, existing_socket_value; it has {listed}"
            )
        out.append(spec)
    slugs = [s.socket_slug for s in out]
    repeated = sorted({s for s in slugs if slugs.count(s) > 1})
    if repeated:
        raise BadInput(f"{name}: socket {', '.join(repeated)} given more than once")
    return out


@dataclass(frozen=True)
class RawValue:
    """A value of gcapi 0.13's dict form, interpreted by the socket's kind."""

    socket_slug: str
    value: Any


def _as_path(value: object) -> Path | None:
    if isinstance(value, os.PathLike):
        return Path(os.fspath(value))
    if isinstance(value, str) and not value.startswith(("http://", "https://")) and Path(value).is_file():
        return Path(value)
    return None


def _existing_file(value: object, what: str) -> Path:
    if not isinstance(value, (str, os.PathLike)):
        raise BadInput(f"{what} must be a file path, not {type(value).__name__}")
    path = Path(os.fspath(value))
    if not path.is_file():
        raise BadInput(f"{what} {str(path)!r} does not exist or is not a regular file")
    if path.stat().st_size == 0:
        raise BadInput(f"{what} {str(path)!r} is empty (0 bytes): nothing to upload")
    return path


def prepare(spec: SocketValueSpec | RawValue, socket: ComponentInterface) -> Prepared:
    """Check one socket value against its socket (kind, super kind, JSON schema) before anything is sent:
    `BadInput` for a file given to a Value socket that is not JSON, a value given to an Image or File socket,
    a JSON value of the wrong type."""
    kind, super_kind, slug = socket.kind, socket.super_kind, socket.slug
    where = f"socket {slug!r} ({super_kind}, kind {kind})"
    if isinstance(spec, RawValue):
        spec = _from_raw(spec.socket_slug, spec.value, super_kind, where)
    if spec.existing_socket_value is not None:
        return _reuse(spec.existing_socket_value, socket, where)
    if spec.existing_image_api_url is not None:
        if super_kind != "Image":
            raise BadInput(f"{where}: an existing image fits only an Image socket")
        url = spec.existing_image_api_url
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            raise BadInput(f"{where}: existing_image_api_url must be an image's API URL")
        return Prepared(slug, super_kind, {"interface": slug, "image": url})
    if spec.files is not None:
        if super_kind != "Image":
            raise BadInput(f"{where}: several files form one image, but this socket takes a {super_kind.lower()}")
        if isinstance(spec.files, (str, os.PathLike)) or not spec.files:
            raise BadInput(f"{where}: files must be a non-empty list of file paths")
        paths = [_existing_file(f, f"{where}: file") for f in spec.files]
        names = [p.name for p in paths]
        if len(set(names)) != len(names):
            raise BadInput(f"{where}: the files of one image must have distinct names")
        if spec.image_name is not None and (not isinstance(spec.image_name, str) or not spec.image_name.strip()):
            raise BadInput(f"{where}: image_name must be a non-empty string")
        return Prepared(slug, super_kind, files=paths, image_name=spec.image_name)
    if spec.file is not None:
        path = _existing_file(spec.file, f"{where}: file")
        if super_kind == "Image":
            return Prepared(slug, super_kind, files=[path])
        if super_kind == "File":
            return Prepared(slug, super_kind, files=[path])
        if path.suffix.lower() != ".json":
            raise BadInput(f"{where}: a Value socket takes a JSON value (or a .json file), not the file {path.name!r}")
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BadInput(f"{where}: {path.name} is not valid JSON: {exc}") from None
        return _value(slug, super_kind, value, socket, where)
    if super_kind in ("Image", "File"):
        raise BadInput(
            f"{where} takes {'the files of an image' if super_kind == 'Image' else 'a file'}, not a value "
            f"({type(spec.value).__name__})"
        )
    return _value(slug, super_kind, spec.value, socket, where)


def _from_raw(slug: str, value: Any, super_kind: str, where: str) -> SocketValueSpec:
    if isinstance(value, SocketValueSpec):
        return value
    if _is_socket_value(value):
        return SocketValueSpec(slug, existing_socket_value=value)
    if super_kind == "Image":
        if isinstance(value, str) and value.startswith(("https://", "http://")):
            return SocketValueSpec(slug, existing_image_api_url=value)
        if isinstance(value, (list, tuple)):
            return SocketValueSpec(slug, files=list(value))
        if isinstance(value, (str, os.PathLike)):
            return SocketValueSpec(slug, files=[value])
        raise BadInput(f"{where} takes the files of an image or an image's API URL, not {type(value).__name__}")
    if super_kind == "File":
        if isinstance(value, (list, tuple)) and len(value) == 1:
            value = value[0]
        if isinstance(value, (str, os.PathLike)):
            return SocketValueSpec(slug, file=value)
        raise BadInput(f"{where} takes one file, not {type(value).__name__}")
    path = _as_path(value)
    if path is not None:
        return SocketValueSpec(slug, file=path)
    return SocketValueSpec(slug, value=value)


def _is_socket_value(value: object) -> bool:
    from medannot_api.grandchallenge.models import HyperlinkedComponentInterfaceValue

    return isinstance(value, HyperlinkedComponentInterfaceValue)


def _reuse(value: Any, socket: ComponentInterface, where: str) -> Prepared:
    from medannot_api.grandchallenge.models import HyperlinkedComponentInterfaceValue

    if not isinstance(value, HyperlinkedComponentInterfaceValue):
        raise BadInput(f"{where}: existing_socket_value must be a socket value (e.g. an archive item's values[0])")
    if value.interface.slug != socket.slug:
        raise BadInput(
            f"{where}: the existing value belongs to socket {value.interface.slug!r}; the sockets must match"
        )
    if value.image:
        return Prepared(socket.slug, socket.super_kind, {"interface": socket.slug, "image": value.image})
    if socket.super_kind == "Value":
        return Prepared(socket.slug, socket.super_kind, {"interface": socket.slug, "value": value.value})
    raise BadInput(f"{where}: re-using a file value is not possible through the API; download it and pass the file")


def _value(slug: str, super_kind: str, value: Any, socket: ComponentInterface, where: str) -> Prepared:
    problem = value_problem(socket, value)
    if problem:
        raise BadInput(f"{where}: {problem}")
    return Prepared(slug, super_kind, {"interface": slug, "value": value})


_KIND_TYPES: dict[str, tuple[str, tuple[type, ...]]] = {
    "Float": ("number", (int, float)),
    "Integer": ("integer", (int,)),
    "Bool": ("boolean", (bool,)),
    "String": ("string", (str,)),
}


def value_problem(socket: ComponentInterface, value: Any) -> str | None:
    """Why `value` does not fit a Value socket, or None: JSON (finite numbers), the kind's type, and the
    socket's JSON schema where the server gives one (`schema`, checked with `jsonschema` when installed)."""
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError) as exc:
        return f"the value is not JSON ({exc})"
    if value is None:
        return "a Value socket needs a value, not None"
    expected = _KIND_TYPES.get(socket.kind)
    if expected is not None:
        name, types = expected
        fits = isinstance(value, types) and (socket.kind == "Bool" or not isinstance(value, bool))
        if not fits:
            return f"{json.dumps(value)[:80]} is not of type {name!r}"
        if isinstance(value, float) and not math.isfinite(value):
            return "the value must be a finite number"
    schema = socket.additional_properties.get("schema")
    if isinstance(schema, Mapping) and schema:
        return schema_problem(dict(schema), value)
    return None


def schema_problem(schema: dict[str, Any], value: Any) -> str | None:
    try:
        import jsonschema  # type: ignore[import-untyped, unused-ignore]
    except ImportError:  # only the top-level type, without the optional validator
        wanted = schema.get("type")
        names = {"object": dict, "array": list, "string": str, "boolean": bool, "number": (int, float), "integer": int}
        kinds = [wanted] if isinstance(wanted, str) else list(wanted or [])
        checks = [names[k] for k in kinds if k in names]
        if checks and not any(isinstance(value, c) for c in checks):  # type: ignore[arg-type]
            return f"does not fulfil the socket's schema: not of type {wanted!r}"
        return None
    try:
        jsonschema.validate(value, schema)
    except jsonschema.ValidationError as exc:
        return f"does not fulfil the socket's schema: {exc.message}"
    except jsonschema.SchemaError:
        return None
    return None


def interface_mismatch(algorithm_slug: str, given: set[str], interfaces: Sequence[Sequence[str]]) -> str:
    listed = "; ".join(f"interface {n}: {', '.join(sorted(i)) or '(no inputs)'}" for n, i in enumerate(interfaces, 1))
    return (
        f"the inputs {', '.join(sorted(given)) or '(none)'} match none of the interfaces of algorithm "
        f"{algorithm_slug!r}: it accepts exactly the sockets of one of them ({listed})"
    )
