"""Contains all the data models used in inputs/outputs.

medannot's template: each model's module loads on first use of its name (PEP 562), so importing one model (or
a client that names a few in its signatures) does not build all of them.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .algorithm import Algorithm
    from .algorithm_image import AlgorithmImage
    from .algorithm_interface import AlgorithmInterface
    from .answer import Answer
    from .answer_request import AnswerRequest
    from .archive import Archive
    from .archive_item import ArchiveItem
    from .archive_item_post import ArchiveItemPost
    from .archive_item_post_request import ArchiveItemPostRequest
    from .categorical_option import CategoricalOption
    from .color_interpolation_enum import ColorInterpolationEnum
    from .component_interface import ComponentInterface
    from .component_interface_value_post import ComponentInterfaceValuePost
    from .component_interface_value_post_request import ComponentInterfaceValuePostRequest
    from .dicom_image_set import DICOMImageSet
    from .display_set import DisplaySet
    from .display_set_descriptions_map_safe import DisplaySetDescriptionsMapSafe
    from .display_set_post import DisplaySetPost
    from .display_set_post_descriptions_map_safe import DisplaySetPostDescriptionsMapSafe
    from .display_set_post_request import DisplaySetPostRequest
    from .gcapi_version import GCAPIVersion
    from .ground_truth_answer import GroundTruthAnswer
    from .ground_truth_answer_options import GroundTruthAnswerOptions
    from .hanging_protocol import HangingProtocol
    from .hyperlinked_component_interface_value import HyperlinkedComponentInterfaceValue
    from .hyperlinked_image import HyperlinkedImage
    from .hyperlinked_job import HyperlinkedJob
    from .image_file import ImageFile
    from .image_type_enum import ImageTypeEnum
    from .imaging_modality import ImagingModality
    from .job_post import JobPost
    from .job_post_request import JobPostRequest
    from .look_up_table import LookUpTable
    from .paginated_algorithm_image_list import PaginatedAlgorithmImageList
    from .paginated_algorithm_list import PaginatedAlgorithmList
    from .paginated_answer_list import PaginatedAnswerList
    from .paginated_archive_item_list import PaginatedArchiveItemList
    from .paginated_archive_list import PaginatedArchiveList
    from .paginated_component_interface_list import PaginatedComponentInterfaceList
    from .paginated_display_set_list import PaginatedDisplaySetList
    from .paginated_hyperlinked_image_list import PaginatedHyperlinkedImageList
    from .paginated_hyperlinked_job_list import PaginatedHyperlinkedJobList
    from .paginated_question_list import PaginatedQuestionList
    from .paginated_raw_image_upload_session_list import PaginatedRawImageUploadSessionList
    from .paginated_reader_study_list import PaginatedReaderStudyList
    from .paginated_user_upload_list import PaginatedUserUploadList
    from .part import Part
    from .part_request import PartRequest
    from .patched_answer_request import PatchedAnswerRequest
    from .patched_archive_item_post_request import PatchedArchiveItemPostRequest
    from .patched_display_set_post_request import PatchedDisplaySetPostRequest
    from .patched_user_upload_complete_request import PatchedUserUploadCompleteRequest
    from .patched_user_upload_presigned_ur_ls_request import PatchedUserUploadPresignedURLsRequest
    from .question import Question
    from .raw_image_upload_session import RawImageUploadSession
    from .raw_image_upload_session_request import RawImageUploadSessionRequest
    from .reader_studies_ground_truth_retrieve_response_200 import ReaderStudiesGroundTruthRetrieveResponse200
    from .reader_study import ReaderStudy
    from .reader_study_algorithm import ReaderStudyAlgorithm
    from .reader_study_algorithm_implementation import ReaderStudyAlgorithmImplementation
    from .simple_image import SimpleImage
    from .user_upload import UserUpload
    from .user_upload_complete import UserUploadComplete
    from .user_upload_create import UserUploadCreate
    from .user_upload_create_request import UserUploadCreateRequest
    from .user_upload_parts import UserUploadParts
    from .user_upload_presigned_ur_ls import UserUploadPresignedURLs
    from .user_upload_presigned_ur_ls_presigned_urls import UserUploadPresignedURLsPresignedUrls

_MODULES = {
    "Algorithm": ".algorithm",
    "AlgorithmImage": ".algorithm_image",
    "AlgorithmInterface": ".algorithm_interface",
    "Answer": ".answer",
    "AnswerRequest": ".answer_request",
    "Archive": ".archive",
    "ArchiveItem": ".archive_item",
    "ArchiveItemPost": ".archive_item_post",
    "ArchiveItemPostRequest": ".archive_item_post_request",
    "CategoricalOption": ".categorical_option",
    "ColorInterpolationEnum": ".color_interpolation_enum",
    "ComponentInterface": ".component_interface",
    "ComponentInterfaceValuePost": ".component_interface_value_post",
    "ComponentInterfaceValuePostRequest": ".component_interface_value_post_request",
    "DICOMImageSet": ".dicom_image_set",
    "DisplaySet": ".display_set",
    "DisplaySetDescriptionsMapSafe": ".display_set_descriptions_map_safe",
    "DisplaySetPost": ".display_set_post",
    "DisplaySetPostDescriptionsMapSafe": ".display_set_post_descriptions_map_safe",
    "DisplaySetPostRequest": ".display_set_post_request",
    "GCAPIVersion": ".gcapi_version",
    "GroundTruthAnswer": ".ground_truth_answer",
    "GroundTruthAnswerOptions": ".ground_truth_answer_options",
    "HangingProtocol": ".hanging_protocol",
    "HyperlinkedComponentInterfaceValue": ".hyperlinked_component_interface_value",
    "HyperlinkedImage": ".hyperlinked_image",
    "HyperlinkedJob": ".hyperlinked_job",
    "ImageFile": ".image_file",
    "ImageTypeEnum": ".image_type_enum",
    "ImagingModality": ".imaging_modality",
    "JobPost": ".job_post",
    "JobPostRequest": ".job_post_request",
    "LookUpTable": ".look_up_table",
    "PaginatedAlgorithmImageList": ".paginated_algorithm_image_list",
    "PaginatedAlgorithmList": ".paginated_algorithm_list",
    "PaginatedAnswerList": ".paginated_answer_list",
    "PaginatedArchiveItemList": ".paginated_archive_item_list",
    "PaginatedArchiveList": ".paginated_archive_list",
    "PaginatedComponentInterfaceList": ".paginated_component_interface_list",
    "PaginatedDisplaySetList": ".paginated_display_set_list",
    "PaginatedHyperlinkedImageList": ".paginated_hyperlinked_image_list",
    "PaginatedHyperlinkedJobList": ".paginated_hyperlinked_job_list",
    "PaginatedQuestionList": ".paginated_question_list",
    "PaginatedRawImageUploadSessionList": ".paginated_raw_image_upload_session_list",
    "PaginatedReaderStudyList": ".paginated_reader_study_list",
    "PaginatedUserUploadList": ".paginated_user_upload_list",
    "Part": ".part",
    "PartRequest": ".part_request",
    "PatchedAnswerRequest": ".patched_answer_request",
    "PatchedArchiveItemPostRequest": ".patched_archive_item_post_request",
    "PatchedDisplaySetPostRequest": ".patched_display_set_post_request",
    "PatchedUserUploadCompleteRequest": ".patched_user_upload_complete_request",
    "PatchedUserUploadPresignedURLsRequest": ".patched_user_upload_presigned_ur_ls_request",
    "Question": ".question",
    "RawImageUploadSession": ".raw_image_upload_session",
    "RawImageUploadSessionRequest": ".raw_image_upload_session_request",
    "ReaderStudiesGroundTruthRetrieveResponse200": ".reader_studies_ground_truth_retrieve_response_200",
    "ReaderStudy": ".reader_study",
    "ReaderStudyAlgorithm": ".reader_study_algorithm",
    "ReaderStudyAlgorithmImplementation": ".reader_study_algorithm_implementation",
    "SimpleImage": ".simple_image",
    "UserUpload": ".user_upload",
    "UserUploadComplete": ".user_upload_complete",
    "UserUploadCreate": ".user_upload_create",
    "UserUploadCreateRequest": ".user_upload_create_request",
    "UserUploadParts": ".user_upload_parts",
    "UserUploadPresignedURLs": ".user_upload_presigned_ur_ls",
    "UserUploadPresignedURLsPresignedUrls": ".user_upload_presigned_ur_ls_presigned_urls",
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
    "Algorithm",
    "AlgorithmImage",
    "AlgorithmInterface",
    "Answer",
    "AnswerRequest",
    "Archive",
    "ArchiveItem",
    "ArchiveItemPost",
    "ArchiveItemPostRequest",
    "CategoricalOption",
    "ColorInterpolationEnum",
    "ComponentInterface",
    "ComponentInterfaceValuePost",
    "ComponentInterfaceValuePostRequest",
    "DICOMImageSet",
    "DisplaySet",
    "DisplaySetDescriptionsMapSafe",
    "DisplaySetPost",
    "DisplaySetPostDescriptionsMapSafe",
    "DisplaySetPostRequest",
    "GCAPIVersion",
    "GroundTruthAnswer",
    "GroundTruthAnswerOptions",
    "HangingProtocol",
    "HyperlinkedComponentInterfaceValue",
    "HyperlinkedImage",
    "HyperlinkedJob",
    "ImageFile",
    "ImageTypeEnum",
    "ImagingModality",
    "JobPost",
    "JobPostRequest",
    "LookUpTable",
    "PaginatedAlgorithmImageList",
    "PaginatedAlgorithmList",
    "PaginatedAnswerList",
    "PaginatedArchiveItemList",
    "PaginatedArchiveList",
    "PaginatedComponentInterfaceList",
    "PaginatedDisplaySetList",
    "PaginatedHyperlinkedImageList",
    "PaginatedHyperlinkedJobList",
    "PaginatedQuestionList",
    "PaginatedRawImageUploadSessionList",
    "PaginatedReaderStudyList",
    "PaginatedUserUploadList",
    "Part",
    "PartRequest",
    "PatchedAnswerRequest",
    "PatchedArchiveItemPostRequest",
    "PatchedDisplaySetPostRequest",
    "PatchedUserUploadCompleteRequest",
    "PatchedUserUploadPresignedURLsRequest",
    "Question",
    "RawImageUploadSession",
    "RawImageUploadSessionRequest",
    "ReaderStudiesGroundTruthRetrieveResponse200",
    "ReaderStudy",
    "ReaderStudyAlgorithm",
    "ReaderStudyAlgorithmImplementation",
    "SimpleImage",
    "UserUpload",
    "UserUploadComplete",
    "UserUploadCreate",
    "UserUploadCreateRequest",
    "UserUploadParts",
    "UserUploadPresignedURLs",
    "UserUploadPresignedURLsPresignedUrls",
)
