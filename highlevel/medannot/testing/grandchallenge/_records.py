"""The emulated server's rows: what the Django models hold, reduced to what the API shows."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

SuperKind = Literal["Image", "File", "Value"]


def new_pk() -> str:
    return str(uuid.uuid4())


@dataclass
class User:
    pk: int
    username: str
    token: str


@dataclass
class Socket:
    """A ComponentInterface ("socket" in gcapi 0.16): a slug, a kind and one of three super-kinds."""

    pk: int
    slug: str
    title: str
    kind: str  # display name: "Image", "Float", "Anything", "PDF file", ...
    super_kind: SuperKind
    relative_path: str
    description: str = ""
    default_value: Any = None


@dataclass
class Interface:
    """An AlgorithmInterface: one accepted set of inputs and the outputs it produces."""

    inputs: list[str]  # socket slugs
    outputs: list[str]


@dataclass
class Algorithm:
    pk: str
    slug: str
    title: str
    description: str
    interfaces: list[Interface]
    image_pk: str  # the active AlgorithmImage
    average_duration: float | None = None
    fail_jobs: bool = False  # jobs end "Failed" (a canned failure), for tests


@dataclass
class AlgorithmImage:
    pk: str
    algorithm: str  # Algorithm pk
    created: str
    import_status: str = "Completed"


@dataclass
class ImageFile:
    pk: str
    name: str
    path: Path  # bytes on the emulator's disk
    image_type: str | None  # "MHD" | "TIFF" | "DZI" | None


@dataclass
class Image:
    pk: str
    name: str
    files: list[ImageFile]
    shape: list[int]  # z, y, x (or y, x)
    voxel_mm: tuple[float | None, float | None, float | None] = (None, None, None)
    color_space: str = "GRAY"
    origin: str | None = None  # RawImageUploadSession pk


@dataclass
class Value:
    """A ComponentInterfaceValue: exactly one of value, file (a stored file), image."""

    pk: int
    socket: str  # slug
    value: Any = None
    file: Path | None = None
    image: str | None = None  # Image pk


@dataclass
class Archive:
    pk: str
    slug: str
    title: str
    description: str = ""
    default_socket: str = "generic-medical-image"


@dataclass
class ArchiveItem:
    pk: str
    archive: str  # Archive pk
    title: str = ""
    values: dict[str, int] = field(default_factory=dict)  # socket slug -> Value pk


@dataclass
class Question:
    pk: str
    reader_study: str
    text: str
    answer_type: str  # display name: "Bool", "Single line text", "Number", ...
    order: int
    required: bool = True
    options: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class ReaderStudy:
    pk: str
    slug: str
    title: str
    description: str = ""
    is_educational: bool = False
    allow_answer_modification: bool = True


@dataclass
class DisplaySet:
    pk: str
    reader_study: str  # ReaderStudy pk
    order: int
    title: str = ""
    values: dict[str, int] = field(default_factory=dict)


@dataclass
class Answer:
    pk: str
    question: str
    display_set: str | None
    creator: str  # username
    answer: Any
    created: str
    modified: str
    last_edit_duration: str | None = None
    score: float | None = None
    is_ground_truth: bool = False
    explanation: str = ""
    answer_image: str | None = None


@dataclass
class Part:
    number: int
    etag: str
    size: int
    modified: str
    path: Path


@dataclass
class Upload:
    """A UserUpload: an S3 multipart upload (Initialized -> Completed | Aborted)."""

    pk: str
    creator: int
    filename: str
    created: str
    s3_upload_id: str
    status: str = "Initialized"
    parts: dict[int, Part] = field(default_factory=dict)
    path: Path | None = None  # the assembled object, once completed
    size: int = 0

    @property
    def key(self) -> str:
        return f"uploads/{self.creator}/{self.pk}"


@dataclass
class UploadSession:
    """A RawImageUploadSession: completed uploads imported as images in the background."""

    pk: str
    creator: int
    uploads: list[str]  # Upload pks
    status: str = "Queued"
    error_message: str | None = None
    images: list[str] = field(default_factory=list)
    # Work waiting for the import to end (a job input or socket value given as this session), run then.
    waiting: list[Callable[[UploadSession], None]] = field(default_factory=list, repr=False)


@dataclass
class Job:
    pk: str
    algorithm: str  # Algorithm pk
    interface: int  # index into the algorithm's interfaces
    creator: int
    created: float  # clock time
    status: str = "Validating inputs"
    inputs: dict[str, int] = field(default_factory=dict)  # socket slug -> Value pk
    outputs: dict[str, int] = field(default_factory=dict)
    pending_inputs: int = 0  # imports still running
    started_at: float | None = None
    finished_at: float | None = None
    error_message: str = ""
