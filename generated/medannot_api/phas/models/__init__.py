"""Contains all the data models used in inputs/outputs"""

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
