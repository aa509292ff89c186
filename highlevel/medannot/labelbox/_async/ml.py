"""Models, model runs and model configs; embeddings; catalog and model slices; label feedback."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from medannot.core._async.pagination import offset_pages
from medannot.core.validate import optional_id, require_finite, require_id, require_int, require_str
from medannot.errors import BadInput
from medannot.labelbox import models
from medannot.labelbox._async.base import AsyncApiBase
from medannot.labelbox._base import DEFAULT_PAGE_SIZE, found, json_object, one, text_key, where_input
from medannot_api import labelbox as generated

if TYPE_CHECKING:
    from medannot.labelbox.models import (
        Model,
    )


class AsyncMachineLearningMixin(AsyncApiBase):
    # ---- models and runs

    async def create_model(self, name: str, ontology_id: str) -> models.Model:
        from medannot_api.labelbox.input_types import CreateModelInput

        data = CreateModelInput(name=require_str(name, "name"), ontologyId=require_id(ontology_id, "ontology_id"))
        return (await self._call(lambda: self._api.create_model(data))).create_model

    async def get_model(self, model_id: str) -> models.Model:
        require_id(model_id, "model_id")
        return found((await self._call(lambda: self._api.get_model(model_id))).model, "Model", model_id)

    async def get_models(
        self,
        where: generated.ModelWhereInput | models.Comparison | Mapping[str, object] | None = None,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> list[models.Model]:
        """Every model matching `where` (`Model.name == "x"`), as a list: the SDK documents `List[Model]`."""
        from medannot_api.labelbox.input_types import ModelWhereInput

        condition = where_input(ModelWhereInput, where)

        async def fetch(skip: int, first: int) -> Sequence[Model]:
            return (await self._call(lambda: self._api.get_models(where=condition, skip=skip, first=first))).models

        return await offset_pages(fetch, page_size).to_list()

    async def create_model_run(
        self, model_id: str, name: str, config: Mapping[str, object] | None = None
    ) -> models.ModelRun:
        """A run of a model (the SDK's `Model.create_model_run`); `config` is kept as training metadata."""
        from medannot_api.labelbox.input_types import CreateModelRunInput

        data = CreateModelRunInput(
            modelId=require_id(model_id, "model_id"),
            name=require_str(name, "name"),
            trainingMetadata=json_object(config, "config", optional=True),
        )
        return (await self._call(lambda: self._api.create_model_run(data))).create_model_run

    async def get_model_run(self, model_run_id: str) -> models.ModelRun:
        require_id(model_run_id, "model_run_id")
        answer = await self._call(lambda: self._api.get_model_run(model_run_id))
        return found(answer.model_run, "ModelRun", model_run_id)

    async def create_model_config(
        self, name: str, model_id: str, inference_params: Mapping[str, object]
    ) -> models.ModelConfig:
        from medannot_api.labelbox.input_types import CreateModelConfigInput

        data = CreateModelConfigInput(
            name=require_str(name, "name"),
            modelId=require_id(model_id, "model_id"),
            inferenceParams=json_object(inference_params, "inference_params"),
        )
        return (await self._call(lambda: self._api.create_model_config(data))).create_model_config

    async def delete_model_config(self, id: str) -> bool:
        require_id(id, "id")
        result = (await self._call(lambda: self._api.delete_model_config(id))).delete_model_config
        return found(result, "ModelConfig", id).success

    # ---- embeddings

    async def create_embedding(self, name: str, dims: int) -> models.Embedding:
        from medannot_api.labelbox.input_types import CreateEmbeddingInput

        data = CreateEmbeddingInput(name=require_str(name, "name"), dims=require_int(dims, "dims", min=1))
        return (await self._call(lambda: self._api.create_embedding(data))).create_embedding

    async def get_embeddings(self) -> list[models.Embedding]:
        return list((await self._call(lambda: self._api.get_embeddings())).embeddings)

    async def get_embedding_by_id(self, id: str) -> models.Embedding:
        require_id(id, "id")
        return one((e for e in await self.get_embeddings() if e.id == id), f"embedding {id!r}")

    async def get_embedding_by_name(self, name: str) -> models.Embedding:
        require_str(name, "name")
        return one((e for e in await self.get_embeddings() if e.name == name), f"embedding named {name!r}")

    async def delete_embedding(self, id: str) -> bool:
        require_id(id, "id")
        return (await self._call(lambda: self._api.delete_embedding(id))).delete_embedding

    # ---- slices (saved catalog queries)

    async def get_catalog_slice(
        self, slice_id: str | None = None, slice_name: str | None = None
    ) -> models.CatalogSlice:
        """A saved catalog slice by id, or by name (as SDK 7 allows)."""
        optional_id(slice_id, "slice_id")
        if slice_name is not None:
            text_key(slice_name, "slice_name")
        if (slice_id is None) == (slice_name is None):
            raise BadInput("pass exactly one of slice_id and slice_name")
        if slice_id:
            return await self._saved_query(slice_id)
        saved = (await self._call(lambda: self._api.get_saved_queries())).catalog_saved_queries
        return one((s for s in saved if s.name == slice_name), f"slice named {slice_name!r}")

    async def get_model_slice(self, slice_id: str) -> models.ModelSlice:
        return await self._saved_query(require_id(slice_id, "slice_id"))

    async def _saved_query(self, slice_id: str) -> models.CatalogSlice:
        answer = await self._call(lambda: self._api.get_saved_query(slice_id))
        return found(answer.get_saved_query, "Slice", slice_id)

    # ---- label feedback

    async def upsert_label_feedback(
        self, label_id: str, feedback: str, scores: Mapping[str, float]
    ) -> list[models.LabelScore]:
        from medannot_api.labelbox.input_types import UpsertAutoQaLabelFeedbackInput

        label_id = require_id(label_id, "label_id")
        if not isinstance(feedback, str):
            raise BadInput(f"feedback must be a string, not {type(feedback).__name__}")
        if not isinstance(scores, Mapping):
            raise BadInput(f"scores must be a dict of score name -> number, not {type(scores).__name__}")
        checked = {text_key(k, "scores (a key)"): require_finite(v, f"scores[{k!r}]") for k, v in scores.items()}
        payload = UpsertAutoQaLabelFeedbackInput(labelId=label_id, feedback=feedback, scores=checked)
        answer = await self._call(lambda: self._api.upsert_label_feedback(payload))
        return list(answer.upsert_auto_qa_label_feedback.scores)
