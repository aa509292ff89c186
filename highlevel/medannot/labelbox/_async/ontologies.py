"""Ontologies and top-level feature schemas: GraphQL for create/get/list, the REST API for the maintenance
calls the SDK makes there (insert, delete, archive, unused listings)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from medannot.core._async.pagination import AsyncPaginator, cursor_pages
from medannot.core.validate import optional_id, require_id, require_int, require_str
from medannot.errors import BadInput, NotFound, ResponseSchemaError
from medannot.labelbox import models
from medannot.labelbox._async.base import AsyncApiBase
from medannot.labelbox._base import (
    DEFAULT_PAGE_SIZE,
    NEW_FEATURE_SCHEMA,
    found,
    id_list,
    media,
    normalized_dict,
    rest_field,
    text_key,
    text_keys,
)
from medannot.labelbox.models import DeleteFeatureFromOntologyResult, MediaType, OntologyKind
from medannot.labelbox.ontology import Classification, OntologyBuilder, Tool
from medannot_api.labelbox.enums import ArchiveStatus, EditorTaskType

if TYPE_CHECKING:
    from medannot.labelbox.models import FeatureSchema, Ontology


class AsyncOntologiesMixin(AsyncApiBase):
    # ---- feature schemas

    async def create_feature_schema(
        self, normalized: Mapping[str, object] | Tool | Classification
    ) -> models.FeatureSchema:
        """A new top-level tool or classification from its normalized dict (`{"tool": "polygon", "name": ...}`,
        `Tool(...).asdict()`), or from the `Tool` / `Classification` itself."""
        from medannot_api.labelbox.input_types import UpsertRootSchemaNodeInput

        given = normalized.asdict() if isinstance(normalized, (Tool, Classification)) else normalized
        body = {k: v for k, v in normalized_dict(given, "normalized").items() if v}  # as the SDK: no empties
        data = UpsertRootSchemaNodeInput(normalized=json.dumps(body))
        return (await self._call(lambda: self._api.upsert_feature_schema(data))).upsert_root_schema_node

    async def get_feature_schema(self, feature_schema_id: str) -> models.FeatureSchema:
        require_id(feature_schema_id, "feature_schema_id")
        answer = await self._call(lambda: self._api.get_feature_schema(feature_schema_id))
        return found(answer.root_schema_node, "FeatureSchema", feature_schema_id)

    def get_feature_schemas(
        self, name_contains: str | None = None, *, page_size: int = DEFAULT_PAGE_SIZE
    ) -> AsyncPaginator[models.FeatureSchema]:
        """Top-level feature schemas whose name contains `name_contains` (case-insensitive); None: all."""
        from medannot_api.labelbox.input_types import RootSchemaNodeFilter

        if name_contains is not None:
            text_key(name_contains, "name_contains")
        status = RootSchemaNodeFilter(status=ArchiveStatus.ALL)

        async def fetch(cursor: str | None, first: int) -> tuple[Sequence[FeatureSchema], str | None]:
            answer = await self._call(
                lambda: self._api.get_feature_schemas(search=name_contains, filter_=status, after=cursor, first=first)
            )
            page = answer.root_schema_nodes
            return page.nodes, page.next_cursor

        return cursor_pages(fetch, page_size)

    async def upsert_feature_schema(
        self, feature_schema: Mapping[str, object] | Tool | Classification
    ) -> models.FeatureSchema:
        """Create, or update the one named by `featureSchemaId` in the dict (or the `Tool` / `Classification`)."""
        given = feature_schema.asdict() if isinstance(feature_schema, (Tool, Classification)) else feature_schema
        body = normalized_dict(given, "feature_schema")
        id = optional_id(body.get("featureSchemaId"), "feature_schema['featureSchemaId']") or NEW_FEATURE_SCHEMA
        # A PUT is retried as idempotent, except this one: each "new" PUT creates another feature schema.
        answer = await self._rest_json(
            "PUT", "feature-schemas", id, json={"normalized": json.dumps(body)}, idempotent=id != NEW_FEATURE_SCHEMA
        )
        return await self.get_feature_schema(rest_field(answer, "schemaId", str, what="PUT feature-schemas"))

    async def update_feature_schema_title(self, feature_schema_id: str, title: str) -> models.FeatureSchema:
        require_id(feature_schema_id, "feature_schema_id")
        require_str(title, "title")
        await self._rest("PATCH", "feature-schemas", feature_schema_id, "definition", json={"title": title})
        return await self.get_feature_schema(feature_schema_id)

    async def delete_unused_feature_schema(self, feature_schema_id: str) -> None:
        """Delete a feature schema no ontology or label uses (else the server refuses: InvalidRequest)."""
        require_id(feature_schema_id, "feature_schema_id")
        await self._rest("DELETE", "feature-schemas", feature_schema_id, expected=204)

    async def get_unused_feature_schemas(self, after: str | None = None) -> list[str]:
        """Ids of feature schemas no ontology uses, 100 at a time after the id `after`."""
        answer = await self._rest_json("GET", "feature-schemas", "unused", json={"after": optional_id(after, "after")})
        return id_list(answer, "GET feature-schemas/unused")

    # ---- ontologies

    async def create_ontology(
        self,
        name: str,
        normalized: Mapping[str, object] | OntologyBuilder,
        media_type: MediaType | str | None = None,
        ontology_kind: OntologyKind | str | None = None,
    ) -> models.Ontology:
        """An ontology from `{"tools": [...], "classifications": [...]}`; reused feature schemas keep their ids."""
        from medannot_api.labelbox.input_types import UpsertOntologyInput

        require_str(name, "name")
        given = normalized.asdict() if isinstance(normalized, OntologyBuilder) else normalized
        body = normalized_dict(given, "normalized")
        allowed, editor_task_type = _kind(media_type, ontology_kind)
        data = UpsertOntologyInput(
            name=name,
            normalized=json.dumps(body),
            mediaType=allowed,
            editorTaskType=editor_task_type,
        )
        return (await self._call(lambda: self._api.upsert_ontology(data))).upsert_ontology

    async def create_ontology_from_feature_schemas(
        self,
        name: str,
        feature_schema_ids: Sequence[str],
        media_type: MediaType | str | None = None,
        ontology_kind: OntologyKind | str | None = None,
    ) -> models.Ontology:
        """An ontology whose top-level tools and classifications are existing feature schemas."""
        require_str(name, "name")
        _kind(media_type, ontology_kind)
        ids = text_keys(feature_schema_ids, "feature_schema_ids")
        ids = [require_id(id, f"feature_schema_ids[{i}]") for i, id in enumerate(ids)]
        tools: list[Any] = []
        classifications: list[Any] = []
        for feature_schema_id in ids:
            normalized = (await self.get_feature_schema(feature_schema_id)).normalized
            if not isinstance(normalized, Mapping) or not ({"tool", "type"} & set(normalized)):
                raise BadInput(f"feature schema {feature_schema_id} is neither a tool nor a classification")
            (tools if "tool" in normalized else classifications).append(normalized)
        return await self.create_ontology(
            name, {"tools": tools, "classifications": classifications}, media_type, ontology_kind
        )

    async def get_ontology(self, ontology_id: str) -> models.Ontology:
        require_id(ontology_id, "ontology_id")
        answer = await self._call(lambda: self._api.get_ontology(ontology_id))
        return found(answer.ontology, "Ontology", ontology_id)

    def get_ontologies(
        self, name_contains: str | None = None, *, page_size: int = DEFAULT_PAGE_SIZE
    ) -> AsyncPaginator[models.Ontology]:
        from medannot_api.labelbox.input_types import OntologyFilter

        if name_contains is not None:
            text_key(name_contains, "name_contains")
        status = OntologyFilter(status=ArchiveStatus.ALL)

        async def fetch(cursor: str | None, first: int) -> tuple[Sequence[Ontology], str | None]:
            answer = await self._call(
                lambda: self._api.get_ontologies(search=name_contains, filter_=status, after=cursor, first=first)
            )
            return answer.ontologies.nodes, answer.ontologies.next_cursor

        return cursor_pages(fetch, page_size)

    async def insert_feature_schema_into_ontology(
        self, feature_schema_id: str, ontology_id: str, position: int
    ) -> None:
        """Put a feature schema at `position` among its kind's root nodes (moved there if already in)."""
        require_id(feature_schema_id, "feature_schema_id")
        require_id(ontology_id, "ontology_id")
        require_int(position, "position", min=0)
        await self._rest(
            "POST",
            "ontologies",
            ontology_id,
            "feature-schemas",
            feature_schema_id,
            json={"position": position},
            expected=201,
        )

    async def delete_feature_schema_from_ontology(
        self, ontology_id: str, feature_schema_id: str
    ) -> DeleteFeatureFromOntologyResult:
        """Remove a root node: archived if labels use it, deleted otherwise."""
        require_id(ontology_id, "ontology_id")
        require_id(feature_schema_id, "feature_schema_id")
        answer = await self._rest_json("DELETE", "ontologies", ontology_id, "feature-schemas", feature_schema_id)
        what = "DELETE ontologies/feature-schemas"
        return DeleteFeatureFromOntologyResult(
            rest_field(answer, "archived", bool, what=what), rest_field(answer, "deleted", bool, what=what)
        )

    async def is_feature_schema_archived(self, ontology_id: str, feature_schema_id: str) -> bool:
        require_id(ontology_id, "ontology_id")
        require_id(feature_schema_id, "feature_schema_id")
        what = "GET ontologies"
        answer = await self._rest_json("GET", "ontologies", ontology_id)
        nodes = rest_field(answer, "featureSchemaNodes", dict, what=what)
        for kind in ("tools", "classifications", "relationships"):
            if kind not in nodes:
                continue
            kind_nodes = rest_field(nodes, kind, list, what=f"{what}.featureSchemaNodes")
            for i, node in enumerate(kind_nodes):
                where = f"{what}.featureSchemaNodes.{kind}[{i}]"
                if rest_field(node, "featureSchemaId", str, what=where) == feature_schema_id:
                    return "archived" in node and rest_field(node, "archived", bool, what=where)
        raise NotFound(f"feature schema {feature_schema_id} is not a root node of ontology {ontology_id}")

    async def unarchive_feature_schema_node(self, ontology_id: str, root_feature_schema_id: str) -> None:
        require_id(ontology_id, "ontology_id")
        require_id(root_feature_schema_id, "root_feature_schema_id")
        answer = await self._rest_json(
            "PATCH", "ontologies", ontology_id, "feature-schemas", root_feature_schema_id, "unarchive"
        )
        if not rest_field(answer, "unarchived", bool, what="PATCH ontologies/feature-schemas/unarchive"):
            raise ResponseSchemaError(f"the server did not unarchive {root_feature_schema_id}")

    async def get_unused_ontologies(self, after: str | None = None) -> list[str]:
        """Ids of ontologies no label uses, 100 at a time after the id `after`."""
        answer = await self._rest_json("GET", "ontologies", "unused", json={"after": optional_id(after, "after")})
        return id_list(answer, "GET ontologies/unused")

    async def delete_unused_ontology(self, ontology_id: str) -> None:
        require_id(ontology_id, "ontology_id")
        await self._rest("DELETE", "ontologies", ontology_id, expected=204)


def _kind(
    media_type: MediaType | str | None, ontology_kind: OntologyKind | str | None
) -> tuple[MediaType | None, EditorTaskType | None]:
    """The media type and editor task type of a new ontology, as the SDK decides them: chat evaluation
    (`OntologyKind.ModelEvaluation`) is conversational, response creation (`OntologyKind.ResponseCreation`) text."""
    allowed = media(media_type)
    if ontology_kind is None:
        return allowed, None
    wanted = str(getattr(ontology_kind, "value", ontology_kind)).upper().replace("_", "")
    kind = next((k for k in OntologyKind if k.value.replace("_", "") == wanted), None)
    if kind is None:
        raise BadInput("ontology_kind must be OntologyKind.ModelEvaluation, OntologyKind.ResponseCreation or None")
    if kind is OntologyKind.RESPONSE_CREATION:
        if allowed not in (None, MediaType.TEXT):
            raise BadInput("for response creation, media_type must be Text")
        return MediaType.TEXT, EditorTaskType.RESPONSE_CREATION
    if allowed not in (None, MediaType.CONVERSATIONAL):
        raise BadInput("for chat evaluation, media_type must be Conversational")
    return MediaType.CONVERSATIONAL, EditorTaskType.MODEL_CHAT_EVALUATION
