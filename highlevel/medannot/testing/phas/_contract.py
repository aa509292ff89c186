"""The shared Contract, told how PHAS's media types read.

Text bodies (CSV, SVG) and PNG images are typed `string` in the schema (with a contentMediaType); openapi-core
hands them over as bytes, which OAS 3.1 `type: string` rejects, so they are read as text (PNG as Latin-1:
its bytes are opaque to the schema anyway).

An empty body (annot/get without an annotation) is accepted where openapi-core finds "no data".

JSON served as text/html: the schema lists such responses under `application/json` (the payload) and
`text/html` (the served type) with the same schema; openapi-core reads a text/html body as a plain string,
so it would reject every one of them. A text/html body is therefore also validated as application/json, the
way the oracle test reads the real server's answers, and passes if either reading fits the schema.
"""

from __future__ import annotations

import json
from typing import Any

from openapi_core.contrib.starlette import StarletteOpenAPIRequest
from openapi_core.templating.media_types.exceptions import MediaTypeNotFound
from openapi_core.validation.response.exceptions import MissingData
from starlette.responses import Response

from medannot.testing._openapi import Contract, SchemaSource


def _latin1(value: bytes, **parameters: str) -> str:
    return value.decode("latin-1")


def _text(value: bytes, **parameters: str) -> str:
    return value.decode(parameters.get("charset", "utf-8"))


_READERS = {"text/csv": _text, "image/svg+xml": _text, "image/png": _latin1}


class PhasContract(Contract):
    def __init__(self, source: SchemaSource, **options: Any) -> None:
        super().__init__(source, **options)
        response_cls = type(self._response)
        self._response = response_cls(
            self.openapi.spec,
            schema_validators_factory=self._response.schema_validators_factory,
            extra_media_type_deserializers=_READERS,
        )

    def _response_errors(
        self, request: StarletteOpenAPIRequest, response: Response, documented: set[str]
    ) -> list[Exception]:
        errors = super()._response_errors(request, response, documented)
        if errors and not response.body and all(isinstance(e, MissingData) for e in errors):
            return []  # annot/get without an annotation: an empty text body, which openapi-core cannot read
        if not errors or not response.headers.get("content-type", "").startswith("text/html"):
            return errors
        try:
            json.loads(bytes(response.body))
        except ValueError:
            return errors  # an HTML page or plain text: the text/html reading was the only one
        as_json = Response(bytes(response.body), status_code=response.status_code, media_type="application/json")
        json_errors = super()._response_errors(request, as_json, documented)
        if not json_errors:
            return []
        # No application/json for this answer in the schema: the text/html verdict stands.
        return errors if _media_type_missing(json_errors) else json_errors


def _media_type_missing(errors: list[Exception]) -> bool:
    return any(isinstance(e, MediaTypeNotFound) for e in _causes(errors))


def _causes(errors: list[Exception]) -> list[BaseException]:
    found: list[BaseException] = []
    for error in errors:
        current: BaseException | None = error
        while current is not None:
            found.append(current)
            current = current.__cause__
    return found
