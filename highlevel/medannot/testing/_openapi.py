"""Hold an emulator to its OpenAPI 3.0/3.1 contract: openapi-core checks each request and response of a route.

Routes are wrapped one by one, not the whole app, so the order is a FastAPI server's: routing (404/405) first,
then the platform's own checks (auth), then request validation (422), then the handler. Routes the schema does
not describe (control endpoints, a server's undocumented legacy routes) are simply not wrapped.

Gaps, by design:
- Request bodies without a Content-Length or above `max_validated_body` are not read here (uploads stream to
  the handler); only their parameters are validated.
- Streamed responses (files) are checked for status and headers, not for their bytes, which a binary schema
  cannot constrain anyway. Their media type is checked too, except that a file whose operation documents
  `application/octet-stream` may be served as any type: servers guess a file's type from its name (FastAPI's
  FileResponse, MONAI Label's get_mime_type), and the name is the client's (`x.gif` comes back as image/gif).
- A request body openapi-core cannot even decode (a multipart part it cannot read, bytes that are not text) is a
  422 `value_error` here; a server's own parser usually answers such bodies first (`_fastapi.reading_body`).
- Security requirements are left to the emulator (openapi-core cannot check OAuth2 tokens), and error statuses
  the schema does not list (401, 403, 500 ...) are not validated: real servers answer them undocumented.

Speed: openapi-core rebuilds its validators and walks every object in pure-Python jsonschema, ~0.4 ms per listed
object, which would swamp client benchmarks. So a JSON response is first put to a validator compiled once per
(operation, status, content type) (`_Gates`): jsonschema-rs for OAS 3.1 documents, with OpenAPI's `format` and
`pattern` checked by the very same Python code openapi-core uses; otherwise openapi-core's own jsonschema validator,
built once. A body that passes is valid: the gate is never more lenient than openapi-core. Anything else (a body
that fails, non-JSON media types, headers to check, streamed files) goes through openapi-core as before, so a
broken answer is reported in exactly the same words.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, unquote

import jsonschema_rs

# jsonschema ships no type information here (types-jsonschema is not a dependency).
from jsonschema.exceptions import ValidationError as SchemaError  # type: ignore[import-untyped]
from jsonschema.exceptions import best_match
from jsonschema.validators import extend  # type: ignore[import-untyped]
from jsonschema_path import SchemaPath
from openapi_core import OpenAPI
from openapi_core.contrib.starlette import StarletteOpenAPIRequest, StarletteOpenAPIResponse
from openapi_core.deserializing.media_types.deserializers import MediaTypesDeserializer
from openapi_core.deserializing.media_types.util import json_loads
from openapi_core.deserializing.styles.exceptions import EmptyQueryParameterValue
from openapi_core.templating.media_types.exceptions import MediaTypeNotFound
from openapi_core.templating.media_types.finders import MediaTypeFinder
from openapi_core.templating.responses.exceptions import ResponseFinderError
from openapi_core.templating.responses.finders import ResponseFinder
from openapi_core.validation.request.exceptions import (
    MissingRequestBody,
    MissingRequiredParameter,
    MissingRequiredRequestBody,
    ParameterValidationError,
)
from openapi_core.validation.request.validators import (
    V30RequestBodyValidator,
    V30RequestParametersValidator,
    V31RequestBodyValidator,
    V31RequestParametersValidator,
)
from openapi_core.validation.response.exceptions import MissingData
from openapi_core.validation.response.validators import V30ResponseValidator, V31ResponseValidator
from openapi_core.validation.schemas.exceptions import InvalidSchemaValue
from openapi_core.validation.schemas.factories import SchemaValidatorsFactory
from openapi_schema_validator import OAS30ReadValidator, OAS31Validator
from openapi_spec_validator.versions import consts as versions
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse

from medannot.testing._fastapi import Handler, missing, validation_error

SchemaSource = str | os.PathLike[str] | Mapping[str, Any]


def _type_or_binary_bytes(validator: Any, types: Any, instance: Any, schema: Mapping[str, Any]) -> Iterator[Any]:
    # openapi-core decodes file parts and binary bodies to bytes. Its OAS 3.0 validator accepts bytes for
    # `type: string, format: binary`; its OAS 3.1 one does not, which would reject every upload and download.
    strings = "string" in (types if isinstance(types, list) else [types])
    if not (strings and schema.get("format") == "binary" and isinstance(instance, bytes)):
        yield from _STRICT_TYPE(validator, types, instance, schema)


_STRICT_TYPE = OAS31Validator.VALIDATORS["type"]
_OAS31_SCHEMAS = SchemaValidatorsFactory(
    extend(OAS31Validator, {"type": _type_or_binary_bytes}), format_checker=OAS30ReadValidator.FORMAT_CHECKER
)
_VALIDATORS: dict[Any, tuple[Any, Any, Any, SchemaValidatorsFactory | None]] = {
    versions.OPENAPIV30: (V30RequestParametersValidator, V30RequestBodyValidator, V30ResponseValidator, None),
    versions.OPENAPIV31: (
        V31RequestParametersValidator,
        V31RequestBodyValidator,
        V31ResponseValidator,
        _OAS31_SCHEMAS,
    ),
}
# Stands in for the bytes of a streamed response: openapi-core insists on data, a binary schema accepts any.
_STREAMED_PLACEHOLDER = b"\0"


@functools.lru_cache(maxsize=16)
def _load_file(path: str) -> OpenAPI:
    return OpenAPI.from_file_path(path)


def load_openapi(source: SchemaSource) -> OpenAPI:
    """Parse and check a schema; files are parsed once per process (an `OpenAPI` is immutable)."""
    if isinstance(source, Mapping):
        return OpenAPI.from_dict(dict(source))
    return _load_file(str(Path(source).resolve()))


@dataclass(frozen=True)
class Checked:
    """One request an emulator validated, for oracle tests ("every request the official client sent is valid")."""

    method: str
    path: str
    request_errors: tuple[str, ...]
    response_errors: tuple[str, ...]


class Contract:
    """One OpenAPI document and the validators that hold an emulator's routes to it.

    `journal` lists every request it checked, in order.
    """

    def __init__(
        self,
        source: SchemaSource,
        *,
        max_validated_body: int = 1024 * 1024,
        media_type_readers: Mapping[str, Callable[..., Any]] | None = None,
        served_as: Mapping[str, str] | None = None,
    ) -> None:
        """`max_validated_body`: larger request bodies are not validated; openapi-core parses multipart at
        about 25 ms per MiB, while the handler streams an upload to disk.

        `media_type_readers`: how to read response bodies of a media type before validating them (openapi-core
        hands unknown types over as bytes, which OAS 3.1 `type: string` rejects), e.g. CSV or SVG as text.
        `served_as`: a served media type whose body is really another (PHAS sends JSON as text/html): such a
        body passes if it fits the schema read either way.
        """
        self.openapi: OpenAPI = load_openapi(source)
        params_cls, body_cls, response_cls, schemas = _VALIDATORS[self.openapi.version]
        self._params = params_cls(self.openapi.spec, schema_validators_factory=schemas)
        self._body = body_cls(self.openapi.spec, schema_validators_factory=schemas)
        self._response = response_cls(
            self.openapi.spec,
            schema_validators_factory=schemas,
            extra_media_type_deserializers=dict(media_type_readers or {}),
        )
        self._gates = _Gates(self.openapi, self._response)
        self._forms = _FormGates(self.openapi, self._body)
        self._served_as = dict(served_as or {})
        self._max_body = max_validated_body
        self.journal: list[Checked] = []

    @functools.cached_property
    def operations(self) -> frozenset[tuple[str, str]]:
        """Every (METHOD, path template) the schema describes."""
        methods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
        with (self.openapi.spec / "paths").open() as paths:
            return frozenset((m.upper(), p) for p, item in paths.items() for m in item if m in methods)

    def validating(self, method: str, path: str, handler: Handler) -> Handler:
        """Wrap `handler`, which serves the schema's `method path`, in request and response validation."""
        if (method.upper(), path) not in self.operations:
            raise LookupError(f"the schema has no operation {method.upper()} {path}")
        operation = self.openapi.spec / "paths" / path / method.lower()
        with (operation / "responses").open() as listed:
            documented = {str(status) for status in listed}
        may_be_empty = self._may_be_empty(operation)

        async def endpoint(request: Request) -> Response:
            openapi_request = await self._openapi_request(request)
            errors = self._request_errors(openapi_request, may_be_empty)
            if errors:
                self.journal.append(Checked(request.method, request.url.path, tuple(map(str, errors)), ()))
                return validation_error(*(_fastapi_error(e) for e in errors))
            try:
                response = await handler(request)
            except Exception:  # an error answer raised by the handler: the request itself was valid
                self.journal.append(Checked(request.method, request.url.path, (), ()))
                raise
            broken = tuple(str(e.__cause__ or e) for e in self._response_errors(openapi_request, response, documented))
            self.journal.append(Checked(request.method, request.url.path, (), broken))
            if broken:
                detail = "; ".join(broken)
                message = f"the emulator broke its contract ({request.method} {request.url.path}): {detail}"
                return JSONResponse({"detail": message}, status_code=500)
            return response

        return endpoint

    async def _openapi_request(self, request: Request) -> StarletteOpenAPIRequest:
        length = request.headers.get("content-length")
        small = length is not None and int(length) <= self._max_body
        # request.body() is cached on the Request, so the handler can still read the form afterwards.
        return StarletteOpenAPIRequest(request, await request.body() if small else None)

    def body_kind(self, method: str, path: str) -> Literal["form", "json"] | None:
        """How a FastAPI server reads the operation's request body: "form", "json", or None (no body)."""
        operation = self.openapi.spec / "paths" / path / method.lower()
        if "requestBody" not in operation:
            return None
        with (operation / "requestBody" / "content").open() as content:
            types = {str(t).split(";")[0].strip().lower() for t in content}
        if types & {"multipart/form-data", "application/x-www-form-urlencoded"}:
            return "form"
        return "json" if any(t.endswith("json") for t in types) else None

    def _may_be_empty(self, operation: SchemaPath) -> frozenset[str]:
        """Query parameters whose schema accepts "". OpenAPI refuses `?name=` unless `allowEmptyValue`, which
        FastAPI never writes; servers (FastAPI, Flask) take the empty string as the value, and so do we."""
        accepted = set()
        for parameter in operation.get("parameters", SchemaPath.from_dict({})):
            if (parameter / "in").read_str() == "query" and "schema" in parameter:
                checker = self._params.schema_validators_factory.create(self.openapi.spec, parameter / "schema")
                with contextlib.suppress(InvalidSchemaValue):
                    checker.validate("")
                    accepted.add((parameter / "name").read_str())
        return frozenset(accepted)

    def _request_errors(self, request: StarletteOpenAPIRequest, may_be_empty: frozenset[str]) -> list[Exception]:
        errors = [
            e
            for e in self._params.iter_errors(request)
            if not (isinstance(e.__cause__, EmptyQueryParameterValue) and getattr(e, "name", None) in may_be_empty)
        ]
        if request.body is not None and not self._forms.passes(request):
            # No body where the schema allows none is fine (so says openapi-core's own request validator).
            try:
                errors.extend(e for e in self._body.iter_errors(request) if type(e) is not MissingRequestBody)
            except Exception as error:  # openapi-core cannot decode the body at all (see "Gaps")
                errors.append(_Undecodable(f"the body cannot be read: {error!r}"))
        return errors

    def _response_errors(
        self, request: StarletteOpenAPIRequest, response: Response, documented: set[str]
    ) -> list[Exception]:
        status = response.status_code
        if not (200 <= status < 300 or str(status) in documented or "default" in documented):
            return []
        if self._gates.passes(request, response):
            return []  # valid; any other answer is judged (and its errors worded) by openapi-core below
        data = _STREAMED_PLACEHOLDER if isinstance(response, (StreamingResponse, FileResponse)) else None
        errors = list(self._response.iter_errors(request, StarletteOpenAPIResponse(response, data=data)))
        media_type = response.headers.get("content-type", "").split(";")[0].strip()
        if errors and isinstance(response, FileResponse) and _media_type_missing(errors):
            as_binary = _ServedAs(StarletteOpenAPIResponse(response, data=data), "application/octet-stream")
            errors = list(self._response.iter_errors(request, as_binary))
        if not errors or data is not None:
            return errors
        if not response.body and media_type.startswith("text/") and all(isinstance(e, MissingData) for e in errors):
            return []  # an empty text body is the empty string, which openapi-core reports as missing
        real_type = self._served_as.get(media_type)
        if real_type is None:
            return errors
        as_real = Response(bytes(response.body), status_code=status, media_type=real_type)
        real_errors = list(self._response.iter_errors(request, StarletteOpenAPIResponse(as_real)))
        if not real_errors:
            return []
        # The schema has no such reading of this answer (e.g. a real HTML page): the served type's verdict stands.
        return errors if _media_type_missing(real_errors) else real_errors


# Is a decoded JSON body valid? Answered as openapi-core would, only faster.
_Gate = Callable[[Any], bool]
# Keys that keep a document from jsonschema-rs (openapi-core's own validator gates it instead), wherever they occur:
# OpenAPI's discriminator, which only openapi-schema-validator implements; `$schema` and `$id`-like keys, which would
# switch dialect or base URI; keywords whose edge cases (float arithmetic, whether 1 equals 1.0, regular expressions
# as property names) the two libraries might settle differently.
_NOT_FOR_RUST = frozenset(
    {"discriminator", "$schema", "$id", "$anchor", "$dynamicRef", "$dynamicAnchor", "$recursiveRef"}
    | {"$recursiveAnchor", "multipleOf", "uniqueItems", "patternProperties"}
)
_DOCUMENT_URI = "urn:medannot:openapi"  # where jsonschema-rs finds the document


class _Gates:
    """Validators compiled once per (operation, status, content type), for response bodies openapi-core would read
    as JSON; `passes` says whether a body surely fits its schema.

    OAS 3.1 documents get jsonschema-rs (Draft 2020-12, OAS 3.1's dialect), whose `format` and `pattern` are handed
    to the Python code openapi-core itself runs: its format checker (the formats it knows, read its way) and its
    regular expressions. Every other keyword is plain JSON Schema, where both follow the official test suite; the
    few that could differ in edge cases keep the document on the Python validator (`_NOT_FOR_RUST`). Otherwise (OAS
    3.0's `nullable`, readOnly/writeOnly) the gate is the very jsonschema validator openapi-core builds per call,
    built once here.
    """

    def __init__(self, openapi: OpenAPI, validator: Any) -> None:
        self._spec: SchemaPath = openapi.spec
        self._validator = validator  # openapi-core's response validator, whose settings the gates share
        strict = validator.forbid_unspecified_additional_properties or validator.enforce_properties_required
        self._rust = openapi.version == versions.OPENAPIV31 and not strict
        factory = validator.media_type_deserializers_factory
        self._readers = MediaTypesDeserializer(
            factory.media_type_deserializers, validator.extra_media_type_deserializers
        )
        self._built: dict[tuple[Any, ...], _Gate | None] = {}

    def passes(self, request: StarletteOpenAPIRequest, response: Response) -> bool:
        """True if the response's body is valid JSON that fits its schema (and nothing else is there to check)."""
        if isinstance(response, (StreamingResponse, FileResponse)) or not response.body:
            return False
        answer = StarletteOpenAPIResponse(response)
        # Whatever goes wrong here (no such path, a `$ref` that cannot be resolved, a body that is not JSON or holds
        # a lone surrogate jsonschema-rs refuses) is left to openapi-core, which reports it as it always has.
        try:
            operation = self._validator._find_path(request).operation  # how openapi-core finds it
            key = (operation.parts, answer.status_code, answer.content_type)
            if key not in self._built:
                self._built[key] = self._build(operation, answer.status_code, answer.content_type)
            gate = self._built[key]
            return gate is not None and gate(json_loads(answer.data))
        except Exception:
            return False

    def _build(self, operation: SchemaPath, status: int, content_type: str) -> _Gate | None:
        """None where openapi-core has more to check than a JSON body (headers), or reads the body otherwise."""
        try:
            listed = ResponseFinder(operation / "responses").find(str(status))
            if "headers" in listed or "content" not in listed:
                return None
            media = MediaTypeFinder(listed / "content").find(content_type)
        except (ResponseFinderError, MediaTypeNotFound):
            return None
        if (
            "schema" not in media.media_type
            or self._readers.get_deserializer_callable(media.mime_type) is not json_loads
        ):
            return None
        return self.schema_gate(media.media_type)

    def schema_gate(self, media_type: SchemaPath) -> _Gate:
        """Whether a value fits the media type's schema, as openapi-core's validator (`_validate_schema`) says."""
        v = self._validator
        python = v.schema_validators_factory.create(
            self._spec,
            media_type / "schema",
            format_validators=v.format_validators,
            extra_format_validators=v.extra_format_validators,
            forbid_unspecified_additional_properties=v.forbid_unspecified_additional_properties,
            enforce_properties_required=v.enforce_properties_required,
        ).validator
        rust = self._compiled(media_type, python) if self._rust else None
        gate: _Gate = rust.is_valid if rust is not None else python.is_valid
        return gate

    def _compiled(self, media_type: SchemaPath, python: Any) -> jsonschema_rs.Validator | None:
        registry, document = self._registry
        if registry is None:
            return None
        with media_type.open() as node:
            pointer = _pointer(document, media_type.parts, node)
        if pointer is None:
            return None
        try:
            return jsonschema_rs.Draft202012Validator(
                {"$ref": f"{_DOCUMENT_URI}#{quote(pointer + '/schema', safe='/~')}"},
                registry=registry,
                keywords=_python_keywords(python),
                validate_formats=False,  # the `format` keyword below is the format check
            )
        except Exception:  # a schema jsonschema-rs cannot compile: the Python validator gates it
            return None

    @functools.cached_property
    def _registry(self) -> tuple[jsonschema_rs.Registry | None, Any]:
        with self._spec.open() as document:
            if _mentions(document, _NOT_FOR_RUST):
                return None, document
            return jsonschema_rs.Registry([(_DOCUMENT_URI, document)], draft=jsonschema_rs.Draft202012), document


class _FormGates:
    """Gates for request bodies of `multipart/form-data` whose schema is an object of string fields (what
    upload forms are): the body split into its parts by python-multipart, each a string (a `format: binary` field
    as ""), then the object checked. openapi-core reads such a body through the standard library's e-mail parser,
    which took three quarters of the emulator's time per upload; anything the gate is not sure of (a repeated or
    encoded part, text that is not UTF-8, another schema) is left to openapi-core, which also words the errors."""

    def __init__(self, openapi: OpenAPI, validator: Any) -> None:
        self._validator = validator  # openapi-core's request body validator
        self._schemas = _Gates(openapi, validator)  # builds each form's schema gate, as for responses
        self._forms: dict[tuple[Any, ...], tuple[_Gate, frozenset[str]] | None] = {}

    def passes(self, request: StarletteOpenAPIRequest) -> bool:
        try:
            ctype, options = parse_options_header(request.content_type)
            boundary = options.get(b"boundary")
            if ctype != b"multipart/form-data" or not boundary or request.body is None:
                return False
            operation = self._validator._find_path(request).operation
            if operation.parts not in self._forms:
                self._forms[operation.parts] = self._build_form(operation)
            built = self._forms[operation.parts]
            if built is None:
                return False
            gate, binary = built
            fields: dict[str, str] = {}
            for name, headers, data in _form_parts(request.body, boundary):
                if name in fields or "content-transfer-encoding" in headers:
                    return False
                fields[name] = "" if name in binary else data.decode("utf-8")
            return gate(fields)
        except Exception:
            return False

    def _build_form(self, operation: SchemaPath) -> tuple[_Gate, frozenset[str]] | None:
        """The gate and the binary fields of a form whose fields are all strings; None for anything else."""
        media = MediaTypeFinder(operation / "requestBody" / "content").find("multipart/form-data")
        if "schema" not in media.media_type:
            return None
        with (media.media_type / "schema").open() as schema:
            properties = schema.get("properties") if schema.get("type") == "object" else None
        if not isinstance(properties, dict) or not properties:
            return None
        binary = set()
        for name in properties:
            with (media.media_type / "schema" / "properties" / name).open() as field:
                if field.get("type") != "string" or {"$ref", "allOf", "anyOf", "oneOf", "not"} & set(field):
                    return None
                if field.get("format") == "binary":
                    binary.add(name)
        return self._schemas.schema_gate(media.media_type), frozenset(binary)


def _form_parts(body: bytes, boundary: bytes) -> list[tuple[str, dict[str, str], bytes]]:
    """(name, headers, data) of each part of a whole multipart body; ValueError unless it is well formed."""
    parts: list[tuple[str, dict[str, str], bytes]] = []
    part: dict[str, Any] = {}

    def begin() -> None:
        part.update(headers={}, field=b"", value=b"", data=[])

    def header_field(data: bytes, start: int, end: int) -> None:
        part["field"] += data[start:end]

    def header_value(data: bytes, start: int, end: int) -> None:
        part["value"] += data[start:end]

    def header_end() -> None:
        part["headers"][part["field"].decode("latin-1").lower()] = part["value"].decode("latin-1")
        part.update(field=b"", value=b"")

    def data(chunk: bytes, start: int, end: int) -> None:
        part["data"].append(chunk[start:end])

    def end() -> None:
        _, options = parse_options_header(part["headers"].get("content-disposition", ""))
        if b"name" not in options:
            raise ValueError("a part without a name")
        parts.append((options[b"name"].decode("utf-8"), part["headers"], b"".join(part["data"])))

    ended: list[bool] = []
    callbacks = {"on_part_begin": begin, "on_header_field": header_field, "on_header_value": header_value,
                 "on_header_end": header_end, "on_part_data": data, "on_part_end": end,
                 "on_end": lambda: ended.append(True)}  # fmt: skip
    parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]
    parser.write(body)
    parser.finalize()
    if not ended:
        raise ValueError("the body ends before its closing boundary")
    return parts


def _python_keywords(python: Any) -> dict[str, type[Any]]:
    """`format` and `pattern` for jsonschema-rs, judged as `python` (openapi-core's jsonschema validator) does."""
    checker = python.format_checker

    class Format:
        def __init__(self, parent_schema: Any, value: Any, schema_path: Any) -> None:
            self.format = value

        def validate(self, instance: Any) -> None:
            if checker is not None and not checker.conforms(instance, self.format):
                raise ValueError(f"{instance!r} is not a {self.format!r}")

    class Pattern:
        def __init__(self, parent_schema: Any, value: Any, schema_path: Any) -> None:
            self.python = python.evolve(schema={"pattern": value})

        def validate(self, instance: Any) -> None:
            if not self.python.is_valid(instance):
                raise ValueError(f"{instance!r} does not match {self.python.schema['pattern']!r}")

    return {"format": Format, "pattern": Pattern}


def _pointer(document: Any, parts: tuple[str | int, ...], target: object) -> str | None:
    """The JSON pointer of `target`, the node that `parts` lead to when the local `$ref`s met on the way are followed
    (as jsonschema-path walks); None if the walk does not end there (a `$ref` to another file, say)."""
    tokens: list[str] = []
    node = document
    for part in parts:
        for _ in range(32):  # a chain of `$ref`s; a cycle ends in a failed walk
            ref = node.get("$ref") if isinstance(node, dict) else None
            if not (isinstance(ref, str) and ref.startswith("#/")):
                break
            tokens = [unquote(t).replace("~1", "/").replace("~0", "~") for t in ref[2:].split("/")]
            node = document
            for token in tokens:
                node = node.get(token) if isinstance(node, dict) else None
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
        tokens.append(str(part))
    if node is not target:
        return None
    return "".join("/" + t.replace("~", "~0").replace("/", "~1") for t in tokens)


def _mentions(value: Any, keys: frozenset[str]) -> bool:
    if isinstance(value, dict):
        return any(k in keys or _mentions(v, keys) for k, v in value.items())
    if isinstance(value, list):
        return any(_mentions(v, keys) for v in value)
    return False


@dataclass(frozen=True)
class _ServedAs:
    """A response as openapi-core reads it, with another media type."""

    response: StarletteOpenAPIResponse
    content_type: str

    @property
    def data(self) -> bytes:
        data: bytes = self.response.data
        return data

    @property
    def status_code(self) -> int:
        return self.response.status_code

    @property
    def headers(self) -> Any:
        return self.response.headers


class _Undecodable(ValueError):
    """A request body openapi-core could not decode (reported as a 422 `value_error`)."""


def _media_type_missing(errors: list[Exception]) -> bool:
    for error in errors:
        current: BaseException | None = error
        while current is not None:
            if isinstance(current, MediaTypeNotFound):
                return True
            current = current.__cause__
    return False


def _fastapi_error(error: Exception) -> dict[str, object]:
    """One item of FastAPI's 422 `detail` list: type, loc, msg, input."""
    if isinstance(error, MissingRequiredParameter):
        return missing(error.location, error.name)
    if isinstance(error, MissingRequiredRequestBody):
        return missing("body")
    loc = [error.location, error.name] if isinstance(error, ParameterValidationError) else ["body"]
    schema_errors = [e for e in getattr(error.__cause__, "schema_errors", ()) if isinstance(e, SchemaError)]
    if not schema_errors:  # not a schema mismatch: undecodable body, unknown media type, uncastable parameter
        return {"type": "value_error", "loc": loc, "msg": str(error.__cause__ or error), "input": None}
    worst = best_match(schema_errors)  # descends into anyOf/oneOf to the error that explains most
    assert worst is not None
    path = [str(p) for p in worst.absolute_path]
    if worst.validator == "required":
        # jsonschema reports a missing property on the parent object; FastAPI points at the field itself.
        absent = [f for f in worst.validator_value if isinstance(worst.instance, dict) and f not in worst.instance]
        return missing(*loc, *path, *absent[:1])
    shown = worst.instance if isinstance(worst.instance, (str, int, float, bool)) else None
    if worst.validator == "enum":  # pydantic's wording, which clients may show to users
        choices = [repr(v) for v in worst.validator_value]
        expected = " or ".join([", ".join(choices[:-1]), choices[-1]] if len(choices) > 1 else choices)
        return {
            "type": "enum",
            "loc": [*loc, *path],
            "msg": f"Input should be {expected}",
            "input": shown,
            "ctx": {"expected": expected},
        }
    return {"type": str(worst.validator), "loc": [*loc, *path], "msg": worst.message, "input": shown}
