"""Contains all the data models used in inputs/outputs.

medannot's template: each model's module loads on first use of its name (PEP 562), so importing one model (or
a client that names a few in its signatures) does not build all of them.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api_get_image_info_datastore_image_info_get_response_200 import (
        ApiGetImageInfoDatastoreImageInfoGetResponse200,
    )
    from .api_get_label_info_datastore_label_info_get_response_200 import (
        ApiGetLabelInfoDatastoreLabelInfoGetResponse200,
    )
    from .api_run_all_train_legacy_body_type_0 import ApiRunAllTrainLegacyBodyType0
    from .api_run_all_train_legacy_response_200 import ApiRunAllTrainLegacyResponse200
    from .api_run_batch_infer_model_post_body_type_0 import ApiRunBatchInferModelPostBodyType0
    from .api_run_batch_infer_model_post_response_200_type_1 import ApiRunBatchInferModelPostResponse200Type1
    from .api_run_inference_infer_model_post_response_200 import ApiRunInferenceInferModelPostResponse200
    from .api_run_method_scoring_method_post_body_type_0 import ApiRunMethodScoringMethodPostBodyType0
    from .api_run_model_train_model_post_body_type_0 import ApiRunModelTrainModelPostBodyType0
    from .api_run_model_train_model_post_response_200_type_1 import ApiRunModelTrainModelPostResponse200Type1
    from .api_sample_activelearning_strategy_post_body_type_0 import ApiSampleActivelearningStrategyPostBodyType0
    from .app_info import AppInfo
    from .app_info_labels_type_1 import AppInfoLabelsType1
    from .app_info_models import AppInfoModels
    from .app_info_scoring import AppInfoScoring
    from .app_info_strategies import AppInfoStrategies
    from .app_info_train_stats import AppInfoTrainStats
    from .app_info_train_stats_additional_property import AppInfoTrainStatsAdditionalProperty
    from .app_info_trainers import AppInfoTrainers
    from .auth_settings import AuthSettings
    from .batch_infer_image_type import BatchInferImageType
    from .body_access_token_auth_token_post import BodyAccessTokenAuthTokenPost
    from .body_api_add_image_datastore_image_put import BodyApiAddImageDatastoreImagePut
    from .body_api_create_session_session_put import BodyApiCreateSessionSessionPut
    from .body_api_put_image_info_datastore_image_info_put import BodyApiPutImageInfoDatastoreImageInfoPut
    from .body_api_put_label_info_datastore_label_info_put import BodyApiPutLabelInfoDatastoreLabelInfoPut
    from .body_api_run_inference_infer_model_post import BodyApiRunInferenceInferModelPost
    from .body_api_run_wsi_v2_inference_infer_wsi_v2_model_post import BodyApiRunWsiV2InferenceInferWsiV2ModelPost
    from .body_api_save_label_datastore_label_put import BodyApiSaveLabelDatastoreLabelPut
    from .body_api_update_model_model_model_put import BodyApiUpdateModelModelModelPut
    from .data_file import DataFile
    from .data_file_info import DataFileInfo
    from .datalist_item import DatalistItem
    from .datastore import Datastore
    from .datastore_object import DatastoreObject
    from .datastore_object_labels import DatastoreObjectLabels
    from .datastore_objects import DatastoreObjects
    from .datastore_output import DatastoreOutput
    from .datastore_status import DatastoreStatus
    from .datastore_status_label_tags import DatastoreStatusLabelTags
    from .http_validation_error import HTTPValidationError
    from .image_added import ImageAdded
    from .infer_output import InferOutput
    from .label_saved import LabelSaved
    from .model_info import ModelInfo
    from .model_info_config import ModelInfoConfig
    from .model_info_labels_type_1 import ModelInfoLabelsType1
    from .next_sample import NextSample
    from .session_created import SessionCreated
    from .session_info import SessionInfo
    from .session_info_meta import SessionInfoMeta
    from .task_info import TaskInfo
    from .task_info_config import TaskInfoConfig
    from .task_record import TaskRecord
    from .task_record_request import TaskRecordRequest
    from .task_record_status import TaskRecordStatus
    from .token import Token
    from .validation_error import ValidationError
    from .validation_error_context import ValidationErrorContext
    from .wsi_input import WSIInput
    from .wsi_input_params import WSIInputParams
    from .wsi_output import WsiOutput

_MODULES = {
    "ApiGetImageInfoDatastoreImageInfoGetResponse200": ".api_get_image_info_datastore_image_info_get_response_200",
    "ApiGetLabelInfoDatastoreLabelInfoGetResponse200": ".api_get_label_info_datastore_label_info_get_response_200",
    "ApiRunAllTrainLegacyBodyType0": ".api_run_all_train_legacy_body_type_0",
    "ApiRunAllTrainLegacyResponse200": ".api_run_all_train_legacy_response_200",
    "ApiRunBatchInferModelPostBodyType0": ".api_run_batch_infer_model_post_body_type_0",
    "ApiRunBatchInferModelPostResponse200Type1": ".api_run_batch_infer_model_post_response_200_type_1",
    "ApiRunInferenceInferModelPostResponse200": ".api_run_inference_infer_model_post_response_200",
    "ApiRunMethodScoringMethodPostBodyType0": ".api_run_method_scoring_method_post_body_type_0",
    "ApiRunModelTrainModelPostBodyType0": ".api_run_model_train_model_post_body_type_0",
    "ApiRunModelTrainModelPostResponse200Type1": ".api_run_model_train_model_post_response_200_type_1",
    "ApiSampleActivelearningStrategyPostBodyType0": ".api_sample_activelearning_strategy_post_body_type_0",
    "AppInfo": ".app_info",
    "AppInfoLabelsType1": ".app_info_labels_type_1",
    "AppInfoModels": ".app_info_models",
    "AppInfoScoring": ".app_info_scoring",
    "AppInfoStrategies": ".app_info_strategies",
    "AppInfoTrainStats": ".app_info_train_stats",
    "AppInfoTrainStatsAdditionalProperty": ".app_info_train_stats_additional_property",
    "AppInfoTrainers": ".app_info_trainers",
    "AuthSettings": ".auth_settings",
    "BatchInferImageType": ".batch_infer_image_type",
    "BodyAccessTokenAuthTokenPost": ".body_access_token_auth_token_post",
    "BodyApiAddImageDatastoreImagePut": ".body_api_add_image_datastore_image_put",
    "BodyApiCreateSessionSessionPut": ".body_api_create_session_session_put",
    "BodyApiPutImageInfoDatastoreImageInfoPut": ".body_api_put_image_info_datastore_image_info_put",
    "BodyApiPutLabelInfoDatastoreLabelInfoPut": ".body_api_put_label_info_datastore_label_info_put",
    "BodyApiRunInferenceInferModelPost": ".body_api_run_inference_infer_model_post",
    "BodyApiRunWsiV2InferenceInferWsiV2ModelPost": ".body_api_run_wsi_v2_inference_infer_wsi_v2_model_post",
    "BodyApiSaveLabelDatastoreLabelPut": ".body_api_save_label_datastore_label_put",
    "BodyApiUpdateModelModelModelPut": ".body_api_update_model_model_model_put",
    "DataFile": ".data_file",
    "DataFileInfo": ".data_file_info",
    "DatalistItem": ".datalist_item",
    "Datastore": ".datastore",
    "DatastoreObject": ".datastore_object",
    "DatastoreObjectLabels": ".datastore_object_labels",
    "DatastoreObjects": ".datastore_objects",
    "DatastoreOutput": ".datastore_output",
    "DatastoreStatus": ".datastore_status",
    "DatastoreStatusLabelTags": ".datastore_status_label_tags",
    "HTTPValidationError": ".http_validation_error",
    "ImageAdded": ".image_added",
    "InferOutput": ".infer_output",
    "LabelSaved": ".label_saved",
    "ModelInfo": ".model_info",
    "ModelInfoConfig": ".model_info_config",
    "ModelInfoLabelsType1": ".model_info_labels_type_1",
    "NextSample": ".next_sample",
    "SessionCreated": ".session_created",
    "SessionInfo": ".session_info",
    "SessionInfoMeta": ".session_info_meta",
    "TaskInfo": ".task_info",
    "TaskInfoConfig": ".task_info_config",
    "TaskRecord": ".task_record",
    "TaskRecordRequest": ".task_record_request",
    "TaskRecordStatus": ".task_record_status",
    "Token": ".token",
    "ValidationError": ".validation_error",
    "ValidationErrorContext": ".validation_error_context",
    "WSIInput": ".wsi_input",
    "WSIInputParams": ".wsi_input_params",
    "WsiOutput": ".wsi_output",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(_MODULES)


__all__ = (
    "ApiGetImageInfoDatastoreImageInfoGetResponse200",
    "ApiGetLabelInfoDatastoreLabelInfoGetResponse200",
    "ApiRunAllTrainLegacyBodyType0",
    "ApiRunAllTrainLegacyResponse200",
    "ApiRunBatchInferModelPostBodyType0",
    "ApiRunBatchInferModelPostResponse200Type1",
    "ApiRunInferenceInferModelPostResponse200",
    "ApiRunMethodScoringMethodPostBodyType0",
    "ApiRunModelTrainModelPostBodyType0",
    "ApiRunModelTrainModelPostResponse200Type1",
    "ApiSampleActivelearningStrategyPostBodyType0",
    "AppInfo",
    "AppInfoLabelsType1",
    "AppInfoModels",
    "AppInfoScoring",
    "AppInfoStrategies",
    "AppInfoTrainers",
    "AppInfoTrainStats",
    "AppInfoTrainStatsAdditionalProperty",
    "AuthSettings",
    "BatchInferImageType",
    "BodyAccessTokenAuthTokenPost",
    "BodyApiAddImageDatastoreImagePut",
    "BodyApiCreateSessionSessionPut",
    "BodyApiPutImageInfoDatastoreImageInfoPut",
    "BodyApiPutLabelInfoDatastoreLabelInfoPut",
    "BodyApiRunInferenceInferModelPost",
    "BodyApiRunWsiV2InferenceInferWsiV2ModelPost",
    "BodyApiSaveLabelDatastoreLabelPut",
    "BodyApiUpdateModelModelModelPut",
    "DataFile",
    "DataFileInfo",
    "DatalistItem",
    "Datastore",
    "DatastoreObject",
    "DatastoreObjectLabels",
    "DatastoreObjects",
    "DatastoreOutput",
    "DatastoreStatus",
    "DatastoreStatusLabelTags",
    "HTTPValidationError",
    "ImageAdded",
    "InferOutput",
    "LabelSaved",
    "ModelInfo",
    "ModelInfoConfig",
    "ModelInfoLabelsType1",
    "NextSample",
    "SessionCreated",
    "SessionInfo",
    "SessionInfoMeta",
    "TaskInfo",
    "TaskInfoConfig",
    "TaskRecord",
    "TaskRecordRequest",
    "TaskRecordStatus",
    "Token",
    "ValidationError",
    "ValidationErrorContext",
    "WSIInput",
    "WSIInputParams",
    "WsiOutput",
)
