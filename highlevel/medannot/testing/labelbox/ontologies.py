"""Feature schemas (root schema nodes) and the ontologies built from them, with the server's rules:
ids and defaults filled in, reuse by featureSchemaId, archiving instead of deleting what labels use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import models as m
from .errors import BadRequest, NotFound, json_object
from .tables import get_live, live

PALETTE = ("#1CE6FF", "#FF34FF", "#FF4A46", "#008941", "#006FA6", "#A30059", "#FFDBE5", "#7A4900")


class Ontologies:
    def __init__(self, new_id: Callable[[], str], labelled: Callable[[str], bool]) -> None:
        """`labelled(feature_schema_id)`: whether any label uses it (labels belong to the backend)."""
        self._new_id = new_id
        self._labelled = labelled
        self.feature_schemas: dict[str, m.FeatureSchema] = {}
        self.ontologies: dict[str, m.Ontology] = {}

    def _stamp(self, node: dict[str, Any], *, root: bool) -> dict[str, Any]:
        """Give a tool/classification/option node (and its children) the ids the server assigns."""
        node = {k: v for k, v in node.items() if v is not None}
        if root and node.get("featureSchemaId"):
            known = get_live(self.feature_schemas, "FeatureSchema", node["featureSchemaId"])
            node = {**known.normalized, **node}
        node.setdefault("featureSchemaId", self._new_id())
        node["schemaNodeId"] = self._new_id()
        # Defaults the server fills in, which the SDK's from_dict() then requires.
        if "tool" in node:
            node.setdefault("color", PALETTE[len(self.feature_schemas) % len(PALETTE)])
            node.setdefault("classifications", [])
        elif "type" in node:
            node.setdefault("instructions", node.get("name"))
            node.setdefault("name", node["instructions"])
            node.setdefault("options", [])
        elif "value" in node:
            node.setdefault("label", node["value"])
        node.setdefault("required", False)
        for child in ("classifications", "options"):
            if child in node:
                node[child] = [self._stamp(c, root=False) for c in node[child]]
        if root and node["featureSchemaId"] not in self.feature_schemas:
            self.feature_schemas[node["featureSchemaId"]] = m.FeatureSchema(node["featureSchemaId"], normalized=node)
        return node

    def upsert_ontology(self, data: dict[str, Any]) -> m.Ontology:
        raw = json_object(data["normalized"], "normalized")
        normalized = {
            kind: [self._stamp(n, root=True) for n in raw.get(kind, [])] for kind in ("tools", "classifications")
        }
        normalized["relationships"] = raw.get("relationships", [])
        if data.get("id"):
            ontology = self.get_ontology(data["id"])
            ontology.name, ontology.normalized, ontology.updated_at = data["name"], normalized, m.now()
            return ontology
        ontology = m.Ontology(
            self._new_id(),
            name=data["name"],
            normalized=normalized,
            media_type=data.get("media_type"),
            editor_task_type=data.get("editor_task_type"),
        )
        self.ontologies[ontology.id] = ontology
        return ontology

    def get_ontology(self, id: str | None) -> m.Ontology:
        return get_live(self.ontologies, "Ontology", id)

    def search_ontologies(self, search: str | None) -> list[m.Ontology]:
        return [o for o in live(self.ontologies) if (search or "").lower() in o.name.lower()]

    def upsert_feature_schema(
        self, normalized: dict[str, Any], feature_schema_id: str | None = None
    ) -> m.FeatureSchema:
        if feature_schema_id:
            schema = get_live(self.feature_schemas, "FeatureSchema", feature_schema_id)
            schema.normalized = {**schema.normalized, **normalized, "featureSchemaId": schema.id}
            schema.updated_at = m.now()
            return schema
        if "tool" not in normalized and "type" not in normalized:
            raise BadRequest("A feature schema needs a `tool` or a classification `type`")
        stamped = self._stamp({**normalized, "featureSchemaId": None}, root=True)
        return self.feature_schemas[stamped["featureSchemaId"]]

    def get_feature_schema(self, id: str | None) -> m.FeatureSchema:
        return get_live(self.feature_schemas, "FeatureSchema", id)

    def search_feature_schemas(self, search: str | None) -> list[m.FeatureSchema]:
        return [f for f in live(self.feature_schemas) if (search or "").lower() in f.name.lower()]

    def rename_feature_schema(self, id: str, title: str) -> m.FeatureSchema:
        return self.upsert_feature_schema({"name": title}, id)

    def _in_ontology(self, feature_schema_id: str) -> bool:
        return any(feature_schema_id in o.root_ids() for o in live(self.ontologies))

    def unused_feature_schemas(self) -> list[str]:
        return [f.id for f in live(self.feature_schemas) if not self._in_ontology(f.id)]

    def unused_ontologies(self) -> list[str]:
        return [o.id for o in live(self.ontologies) if not any(map(self._labelled, o.root_ids()))]

    def delete_unused_feature_schema(self, id: str) -> None:
        schema = self.get_feature_schema(id)
        if self._in_ontology(id) or self._labelled(id):
            raise BadRequest("Feature schema is in use and cannot be deleted")
        schema.deleted = True

    def delete_unused_ontology(self, id: str) -> None:
        ontology = self.get_ontology(id)
        if id not in self.unused_ontologies():
            raise BadRequest("Ontology is in use by annotations and cannot be deleted")
        ontology.deleted = True

    def _root_kind(self, ontology: m.Ontology, feature_schema_id: str) -> str:
        for kind in ("tools", "classifications"):
            if any(n["featureSchemaId"] == feature_schema_id for n in ontology.normalized[kind]):
                return kind
        raise NotFound(f"Feature schema {feature_schema_id} is not a root node of ontology {ontology.id}")

    def ontology_feature_nodes(self, ontology_id: str) -> dict[str, list[dict[str, Any]]]:
        ontology = self.get_ontology(ontology_id)
        return {
            kind: [
                {**n, "archived": n["featureSchemaId"] in ontology.archived} for n in ontology.normalized.get(kind, [])
            ]
            for kind in ("tools", "classifications", "relationships")
        }

    def insert_feature_schema(self, ontology_id: str, feature_schema_id: str, position: int) -> None:
        ontology = self.get_ontology(ontology_id)
        schema = self.get_feature_schema(feature_schema_id)
        kind = "tools" if "tool" in schema.normalized else "classifications"
        nodes = [n for n in ontology.normalized[kind] if n["featureSchemaId"] != feature_schema_id]
        existing = next((n for n in ontology.normalized[kind] if n["featureSchemaId"] == feature_schema_id), None)
        nodes.insert(max(position, 0), existing or self._stamp(schema.normalized, root=True))
        ontology.normalized = {**ontology.normalized, kind: nodes}
        ontology.updated_at = m.now()

    def remove_feature_schema(self, ontology_id: str, feature_schema_id: str) -> tuple[bool, bool]:
        """Archive a labelled root node, delete an unlabelled one: (archived, deleted)."""
        ontology = self.get_ontology(ontology_id)
        kind = self._root_kind(ontology, feature_schema_id)
        if self._labelled(feature_schema_id):
            ontology.archived.add(feature_schema_id)
            return True, False
        nodes = [n for n in ontology.normalized[kind] if n["featureSchemaId"] != feature_schema_id]
        ontology.normalized = {**ontology.normalized, kind: nodes}
        return False, True

    def unarchive_feature_schema(self, ontology_id: str, feature_schema_id: str) -> bool:
        ontology = self.get_ontology(ontology_id)
        self._root_kind(ontology, feature_schema_id)
        ontology.archived.discard(feature_schema_id)
        return True
