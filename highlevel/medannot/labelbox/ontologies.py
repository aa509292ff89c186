"""Ontologies and top-level feature schemas: GraphQL for create/get/list, the REST API for the maintenance
calls the SDK makes there (insert, delete, archive, unused listings)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from medannot.core.pagination import Paginator, cursor_pages
from medannot.core.retry import IDEMPOTENT_EXTENSION
from medannot.errors import BadInput, NotFound, ResponseSchemaError
from medannot.labelbox._base import DEFAULT_PAGE_SIZE, ApiBase, found, require_id, require_ids
from medannot.labelbox.models import DeleteFeatureFromOntologyResult, MediaType
from medannot_api.labelbox.enums import ArchiveStatus, EditorTaskType

if TYPE_CHECKING:
    from medannot.labelbox.models import FeatureSchema, Ontology

NEW_FEATURE_SCHEMA = "new_feature_schema_id"  # the REST API's id for "create"


def _media(media_type: MediaType | str | None) -> MediaType | None:
    if media_type is None:
        return None
    try:
        return MediaType(str(getattr(media_type, "value", media_type)).upper())
    except ValueError:
        raise BadInput(f"unknown media_type {media_type!r}") from None


def _normalized(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise BadInput(f"{what} must be a dict (e.g. Tool(...).asdict()), not {type(value).__name__}")
    return dict(value)


class OntologiesMixin(ApiBase):
    # ---- feature schemas

    def create_feature_schema(self, normalized: Mapping[str, Any]) -> FeatureSchema:
        """A new top-level tool or classification from its normalized dict (`{"tool": "polygon", "name": ...}`)."""
        from medannot_api.labelbox.input_types import UpsertRootSchemaNodeInput

        body = {k: v for k, v in _normalized(normalized, "normalized").items() if v}  # as the SDK: empties dropped
        data = UpsertRootSchemaNodeInput(normalized=json.dumps(body))
        return self._call(lambda: self.api.upsert_feature_schema(data)).upsert_root_schema_node

    def get_feature_schema(self, feature_schema_id: str) -> FeatureSchema:
        require_id(feature_schema_id, "feature_schema_id")
        node = self._call(lambda: self.api.get_feature_schema(feature_schema_id)).root_schema_node
        return found(node, "FeatureSchema", feature_schema_id)

    def get_feature_schemas(
        self, name_contains: str | None = None, *, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Paginator[FeatureSchema]:
        """Top-level feature schemas whose name contains `name_contains` (case-insensitive); None: all."""
        from medannot_api.labelbox.input_types import RootSchemaNodeFilter

        status = RootSchemaNodeFilter(status=ArchiveStatus.ALL)

        def fetch(cursor: str | None, first: int) -> tuple[Sequence[FeatureSchema], str | None]:
            page = self._call(
                lambda: self.api.get_feature_schemas(search=name_contains, filter_=status, after=cursor, first=first)
            ).root_schema_nodes
            return page.nodes, page.next_cursor

        return cursor_pages(fetch, page_size)

    def upsert_feature_schema(self, feature_schema: Mapping[str, Any]) -> FeatureSchema:
        """Create, or update the one named by `featureSchemaId` in the dict."""
        body = _normalized(feature_schema, "feature_schema")
        id = body.get("featureSchemaId") or NEW_FEATURE_SCHEMA
        # A PUT is retried as idempotent, except this one: each "new" PUT creates another feature schema.
        answer = self._rest(
            "PUT",
            "feature-schemas",
            id,
            json={"normalized": json.dumps(body)},
            extensions={IDEMPOTENT_EXTENSION: id != NEW_FEATURE_SCHEMA},
        ).json()
        return self.get_feature_schema(_field(answer, "schemaId"))

    def update_feature_schema_title(self, feature_schema_id: str, title: str) -> FeatureSchema:
        require_id(feature_schema_id, "feature_schema_id")
        require_id(title, "title")
        self._rest("PATCH", "feature-schemas", feature_schema_id, "definition", json={"title": title})
        return self.get_feature_schema(feature_schema_id)

    def delete_unused_feature_schema(self, feature_schema_id: str) -> None:
        """Delete a feature schema no ontology or label uses (else the server refuses: InvalidRequest)."""
        require_id(feature_schema_id, "feature_schema_id")
        self._rest("DELETE", "feature-schemas", feature_schema_id, expected=204)

    def get_unused_feature_schemas(self, after: str | None = None) -> list[str]:
        """Ids of feature schemas no ontology uses, 100 at a time after the id `after`."""
        return _id_list(self._rest("GET", "feature-schemas", "unused", json={"after": after}).json())

    # ---- ontologies

    def create_ontology(
        self,
        name: str,
        normalized: Mapping[str, Any],
        media_type: MediaType | str | None = None,
        ontology_kind: Any = None,
    ) -> Ontology:
        """An ontology from `{"tools": [...], "classifications": [...]}`; reused feature schemas keep their ids."""
        from medannot_api.labelbox.input_types import UpsertOntologyInput

        require_id(name, "name")
        media = _media(media_type)
        editor_task_type = None
        if ontology_kind is not None:
            kind = str(getattr(ontology_kind, "value", ontology_kind)).upper()
            if kind not in ("MODEL_EVALUATION", "MODELEVALUATION"):
                raise BadInput(f"unsupported ontology_kind {ontology_kind!r}: only ModelEvaluation")
            if media not in (None, MediaType.CONVERSATIONAL):
                raise BadInput("for chat evaluation, media_type must be Conversational")
            media, editor_task_type = MediaType.CONVERSATIONAL, EditorTaskType.MODEL_CHAT_EVALUATION
        data = UpsertOntologyInput(
            name=name,
            normalized=json.dumps(_normalized(normalized, "normalized")),
            mediaType=media,
            editorTaskType=editor_task_type,
        )
        return self._call(lambda: self.api.upsert_ontology(data)).upsert_ontology

    def create_ontology_from_feature_schemas(
        self,
        name: str,
        feature_schema_ids: Sequence[str],
        media_type: MediaType | str | None = None,
        ontology_kind: Any = None,
    ) -> Ontology:
        """An ontology whose top-level tools and classifications are existing feature schemas."""
        tools: list[Any] = []
        classifications: list[Any] = []
        for feature_schema_id in require_ids(feature_schema_ids, "feature_schema_ids"):
            normalized = self.get_feature_schema(feature_schema_id).normalized
            if not isinstance(normalized, Mapping) or not ({"tool", "type"} & set(normalized)):
                raise BadInput(f"feature schema {feature_schema_id} is neither a tool nor a classification")
            (tools if "tool" in normalized else classifications).append(normalized)
        return self.create_ontology(
            name, {"tools": tools, "classifications": classifications}, media_type, ontology_kind
        )

    def get_ontology(self, ontology_id: str) -> Ontology:
        require_id(ontology_id, "ontology_id")
        return found(self._call(lambda: self.api.get_ontology(ontology_id)).ontology, "Ontology", ontology_id)

    def get_ontologies(
        self, name_contains: str | None = None, *, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Paginator[Ontology]:
        from medannot_api.labelbox.input_types import OntologyFilter

        status = OntologyFilter(status=ArchiveStatus.ALL)

        def fetch(cursor: str | None, first: int) -> tuple[Sequence[Ontology], str | None]:
            page = self._call(
                lambda: self.api.get_ontologies(search=name_contains, filter_=status, after=cursor, first=first)
            ).ontologies
            return page.nodes, page.next_cursor

        return cursor_pages(fetch, page_size)

    def insert_feature_schema_into_ontology(self, feature_schema_id: str, ontology_id: str, position: int) -> None:
        """Put a feature schema at `position` among its kind's root nodes (moved there if already in)."""
        require_id(feature_schema_id, "feature_schema_id")
        require_id(ontology_id, "ontology_id")
        if not isinstance(position, int) or isinstance(position, bool) or position < 0:
            raise BadInput(f"position must be a non-negative int, not {position!r}")
        self._rest(
            "POST",
            "ontologies",
            ontology_id,
            "feature-schemas",
            feature_schema_id,
            json={"position": position},
            expected=201,
        )

    def delete_feature_schema_from_ontology(
        self, ontology_id: str, feature_schema_id: str
    ) -> DeleteFeatureFromOntologyResult:
        """Remove a root node: archived if labels use it, deleted otherwise."""
        require_id(ontology_id, "ontology_id")
        require_id(feature_schema_id, "feature_schema_id")
        answer = self._rest("DELETE", "ontologies", ontology_id, "feature-schemas", feature_schema_id).json()
        return DeleteFeatureFromOntologyResult(bool(_field(answer, "archived")), bool(_field(answer, "deleted")))

    def is_feature_schema_archived(self, ontology_id: str, feature_schema_id: str) -> bool:
        require_id(ontology_id, "ontology_id")
        require_id(feature_schema_id, "feature_schema_id")
        nodes = _field(self._rest("GET", "ontologies", ontology_id).json(), "featureSchemaNodes")
        for kind in ("tools", "classifications", "relationships"):
            for node in nodes.get(kind) or []:
                if node.get("featureSchemaId") == feature_schema_id:
                    return bool(node.get("archived"))
        raise NotFound(f"feature schema {feature_schema_id} is not a root node of ontology {ontology_id}")

    def unarchive_feature_schema_node(self, ontology_id: str, root_feature_schema_id: str) -> None:
        require_id(ontology_id, "ontology_id")
        require_id(root_feature_schema_id, "root_feature_schema_id")
        answer = self._rest(
            "PATCH", "ontologies", ontology_id, "feature-schemas", root_feature_schema_id, "unarchive"
        ).json()
        if not _field(answer, "unarchived"):
            raise ResponseSchemaError(f"the server did not unarchive {root_feature_schema_id}")

    def get_unused_ontologies(self, after: str | None = None) -> list[str]:
        """Ids of ontologies no label uses, 100 at a time after the id `after`."""
        return _id_list(self._rest("GET", "ontologies", "unused", json={"after": after}).json())

    def delete_unused_ontology(self, ontology_id: str) -> None:
        require_id(ontology_id, "ontology_id")
        self._rest("DELETE", "ontologies", ontology_id, expected=204)


def _field(answer: Any, key: str) -> Any:
    if not isinstance(answer, dict) or key not in answer:
        raise ResponseSchemaError(f"the REST answer lacks {key!r}: {str(answer)[:200]}")
    return answer[key]


def _id_list(answer: Any) -> list[str]:
    if not isinstance(answer, list) or not all(isinstance(i, str) for i in answer):
        raise ResponseSchemaError(f"expected a list of ids, got {str(answer)[:200]}")
    return answer
