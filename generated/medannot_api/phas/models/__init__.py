"""Contains all the data models used in inputs/outputs.

medannot's template: each model's module loads on first use of its name (PEP 562), so importing one model (or
a client that names a few in its signatures) does not build all of them.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .affine_mode import AffineMode
    from .annotation_svg_form import AnnotationSvgForm
    from .annotation_timestamp import AnnotationTimestamp
    from .anonymize_setting import AnonymizeSetting
    from .api_key_login_form import ApiKeyLoginForm
    from .created_id import CreatedId
    from .label import Label
    from .login_failed import LoginFailed
    from .login_ok import LoginOk
    from .open_slide_header import OpenSlideHeader
    from .open_slide_header_properties import OpenSlideHeaderProperties
    from .paper_js_document_type_1 import PaperJsDocumentType1
    from .patch_format import PatchFormat
    from .private_access import PrivateAccess
    from .project import Project
    from .resolution import Resolution
    from .sampling_roi import SamplingRoi
    from .sampling_roi_create import SamplingRoiCreate
    from .sampling_roi_geometry import SamplingRoiGeometry
    from .sampling_roi_geometry_type import SamplingRoiGeometryType
    from .slide_filepath import SlideFilepath
    from .slide_header import SlideHeader
    from .slide_info import SlideInfo
    from .slide_manifest_row import SlideManifestRow
    from .slide_resource import SlideResource
    from .success import Success
    from .task_info import TaskInfo
    from .task_labelset import TaskLabelset
    from .task_mode import TaskMode
    from .task_summary import TaskSummary
    from .training_sample import TrainingSample

_MODULES = {
    "AffineMode": ".affine_mode",
    "AnnotationSvgForm": ".annotation_svg_form",
    "AnnotationTimestamp": ".annotation_timestamp",
    "AnonymizeSetting": ".anonymize_setting",
    "ApiKeyLoginForm": ".api_key_login_form",
    "CreatedId": ".created_id",
    "Label": ".label",
    "LoginFailed": ".login_failed",
    "LoginOk": ".login_ok",
    "OpenSlideHeader": ".open_slide_header",
    "OpenSlideHeaderProperties": ".open_slide_header_properties",
    "PaperJsDocumentType1": ".paper_js_document_type_1",
    "PatchFormat": ".patch_format",
    "PrivateAccess": ".private_access",
    "Project": ".project",
    "Resolution": ".resolution",
    "SamplingRoi": ".sampling_roi",
    "SamplingRoiCreate": ".sampling_roi_create",
    "SamplingRoiGeometry": ".sampling_roi_geometry",
    "SamplingRoiGeometryType": ".sampling_roi_geometry_type",
    "SlideFilepath": ".slide_filepath",
    "SlideHeader": ".slide_header",
    "SlideInfo": ".slide_info",
    "SlideManifestRow": ".slide_manifest_row",
    "SlideResource": ".slide_resource",
    "Success": ".success",
    "TaskInfo": ".task_info",
    "TaskLabelset": ".task_labelset",
    "TaskMode": ".task_mode",
    "TaskSummary": ".task_summary",
    "TrainingSample": ".training_sample",
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
    "AffineMode",
    "AnnotationSvgForm",
    "AnnotationTimestamp",
    "AnonymizeSetting",
    "ApiKeyLoginForm",
    "CreatedId",
    "Label",
    "LoginFailed",
    "LoginOk",
    "OpenSlideHeader",
    "OpenSlideHeaderProperties",
    "PaperJsDocumentType1",
    "PatchFormat",
    "PrivateAccess",
    "Project",
    "Resolution",
    "SamplingRoi",
    "SamplingRoiCreate",
    "SamplingRoiGeometry",
    "SamplingRoiGeometryType",
    "SlideFilepath",
    "SlideHeader",
    "SlideInfo",
    "SlideManifestRow",
    "SlideResource",
    "Success",
    "TaskInfo",
    "TaskLabelset",
    "TaskMode",
    "TaskSummary",
    "TrainingSample",
)
