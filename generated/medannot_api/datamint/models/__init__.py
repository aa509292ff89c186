"""Contains all the data models used in inputs/outputs.

medannot's template: each model's module loads on first use of its name (PEP 562), so importing one model (or
a client that names a few in its signatures) does not build all of them.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .acknowledgement import Acknowledgement
    from .annotation import Annotation
    from .annotation_create import AnnotationCreate
    from .annotation_create_scope import AnnotationCreateScope
    from .annotation_file_upload import AnnotationFileUpload
    from .annotation_page import AnnotationPage
    from .annotation_scope import AnnotationScope
    from .annotation_search import AnnotationSearch
    from .bulk_tags import BulkTags
    from .channel import Channel
    from .channel_page import ChannelPage
    from .channel_resource import ChannelResource
    from .dataset import Dataset
    from .dataset_page import DatasetPage
    from .error import Error
    from .experiment import Experiment
    from .geometry import Geometry
    from .ids import Ids
    from .list_resources_deleted import ListResourcesDeleted
    from .project import Project
    from .project_annotator import ProjectAnnotator
    from .project_create import ProjectCreate
    from .project_create_segmentation_data import ProjectCreateSegmentationData
    from .project_page import ProjectPage
    from .project_ref import ProjectRef
    from .project_worklist import ProjectWorklist
    from .project_worklist_spec import ProjectWorklistSpec
    from .project_worklist_spec_annotations_item import ProjectWorklistSpecAnnotationsItem
    from .resource import Resource
    from .resource_field import ResourceField
    from .resource_ids import ResourceIds
    from .resource_metadata_type_0 import ResourceMetadataType0
    from .resource_page import ResourcePage
    from .resource_page_data import ResourcePageData
    from .resource_selection import ResourceSelection
    from .resource_status import ResourceStatus
    from .resource_status_filter import ResourceStatusFilter
    from .resource_upload import ResourceUpload
    from .resource_upload_bypass_inbox import ResourceUploadBypassInbox
    from .tags import Tags
    from .user import User
    from .user_create import UserCreate
    from .user_info import UserInfo
    from .volume_segmentation_upload import VolumeSegmentationUpload
    from .worklist import Worklist
    from .worklist_annotations_item import WorklistAnnotationsItem
    from .worklist_annotator import WorklistAnnotator
    from .worklist_create import WorklistCreate
    from .worklist_create_annotations_item import WorklistCreateAnnotationsItem
    from .worklist_create_segmentation_data_type_0 import WorklistCreateSegmentationDataType0
    from .worklist_page import WorklistPage
    from .worklist_status import WorklistStatus
    from .worklist_update import WorklistUpdate
    from .worklist_update_annotations_item import WorklistUpdateAnnotationsItem

_MODULES = {
    "Acknowledgement": ".acknowledgement",
    "Annotation": ".annotation",
    "AnnotationCreate": ".annotation_create",
    "AnnotationCreateScope": ".annotation_create_scope",
    "AnnotationFileUpload": ".annotation_file_upload",
    "AnnotationPage": ".annotation_page",
    "AnnotationScope": ".annotation_scope",
    "AnnotationSearch": ".annotation_search",
    "BulkTags": ".bulk_tags",
    "Channel": ".channel",
    "ChannelPage": ".channel_page",
    "ChannelResource": ".channel_resource",
    "Dataset": ".dataset",
    "DatasetPage": ".dataset_page",
    "Error": ".error",
    "Experiment": ".experiment",
    "Geometry": ".geometry",
    "Ids": ".ids",
    "ListResourcesDeleted": ".list_resources_deleted",
    "Project": ".project",
    "ProjectAnnotator": ".project_annotator",
    "ProjectCreate": ".project_create",
    "ProjectCreateSegmentationData": ".project_create_segmentation_data",
    "ProjectPage": ".project_page",
    "ProjectRef": ".project_ref",
    "ProjectWorklist": ".project_worklist",
    "ProjectWorklistSpec": ".project_worklist_spec",
    "ProjectWorklistSpecAnnotationsItem": ".project_worklist_spec_annotations_item",
    "Resource": ".resource",
    "ResourceField": ".resource_field",
    "ResourceIds": ".resource_ids",
    "ResourceMetadataType0": ".resource_metadata_type_0",
    "ResourcePage": ".resource_page",
    "ResourcePageData": ".resource_page_data",
    "ResourceSelection": ".resource_selection",
    "ResourceStatus": ".resource_status",
    "ResourceStatusFilter": ".resource_status_filter",
    "ResourceUpload": ".resource_upload",
    "ResourceUploadBypassInbox": ".resource_upload_bypass_inbox",
    "Tags": ".tags",
    "User": ".user",
    "UserCreate": ".user_create",
    "UserInfo": ".user_info",
    "VolumeSegmentationUpload": ".volume_segmentation_upload",
    "Worklist": ".worklist",
    "WorklistAnnotationsItem": ".worklist_annotations_item",
    "WorklistAnnotator": ".worklist_annotator",
    "WorklistCreate": ".worklist_create",
    "WorklistCreateAnnotationsItem": ".worklist_create_annotations_item",
    "WorklistCreateSegmentationDataType0": ".worklist_create_segmentation_data_type_0",
    "WorklistPage": ".worklist_page",
    "WorklistStatus": ".worklist_status",
    "WorklistUpdate": ".worklist_update",
    "WorklistUpdateAnnotationsItem": ".worklist_update_annotations_item",
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
    "Acknowledgement",
    "Annotation",
    "AnnotationCreate",
    "AnnotationCreateScope",
    "AnnotationFileUpload",
    "AnnotationPage",
    "AnnotationScope",
    "AnnotationSearch",
    "BulkTags",
    "Channel",
    "ChannelPage",
    "ChannelResource",
    "Dataset",
    "DatasetPage",
    "Error",
    "Experiment",
    "Geometry",
    "Ids",
    "ListResourcesDeleted",
    "Project",
    "ProjectAnnotator",
    "ProjectCreate",
    "ProjectCreateSegmentationData",
    "ProjectPage",
    "ProjectRef",
    "ProjectWorklist",
    "ProjectWorklistSpec",
    "ProjectWorklistSpecAnnotationsItem",
    "Resource",
    "ResourceField",
    "ResourceIds",
    "ResourceMetadataType0",
    "ResourcePage",
    "ResourcePageData",
    "ResourceSelection",
    "ResourceStatus",
    "ResourceStatusFilter",
    "ResourceUpload",
    "ResourceUploadBypassInbox",
    "Tags",
    "User",
    "UserCreate",
    "UserInfo",
    "VolumeSegmentationUpload",
    "Worklist",
    "WorklistAnnotationsItem",
    "WorklistAnnotator",
    "WorklistCreate",
    "WorklistCreateAnnotationsItem",
    "WorklistCreateSegmentationDataType0",
    "WorklistPage",
    "WorklistStatus",
    "WorklistUpdate",
    "WorklistUpdateAnnotationsItem",
)
