"""The server's database rows, as plain records (phas/sql/schema.sql, reduced to what the API shows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from medannot.testing.phas._slides import SyntheticSlide


class Access(IntEnum):
    """AccessLevel of phas.common: none < read < write < admin."""

    NONE = 0
    READ = 1
    WRITE = 2
    ADMIN = 3


@dataclass(frozen=True)
class Grant:
    """A user's access to a project, written like `flask users-set-access-level`: A11 = admin, PHI, API."""

    access: Access
    phi: bool  # the server's anon_permission: may see private specimen names
    api: bool

    @classmethod
    def parse(cls, code: str) -> Grant:
        levels = {"N": Access.NONE, "R": Access.READ, "W": Access.WRITE, "A": Access.ADMIN}
        return cls(levels[code[0].upper()], code[1] == "1", code[2] == "1")


NO_GRANT = Grant(Access.NONE, False, False)


@dataclass
class User:
    id: int
    username: str
    site_admin: bool = False
    disabled: bool = False
    grants: dict[str, Grant] = field(default_factory=dict)  # project id -> grant


@dataclass(frozen=True)
class ApiKey:
    key: str
    user_id: int
    expires: float  # Unix time


@dataclass(frozen=True)
class Project:
    id: str
    disp_name: str
    desc: str
    base_url: str


@dataclass(frozen=True)
class Task:
    id: int
    project: str
    name: str
    desc: str
    mode: str  # annot | dltrain | sampling | browse
    labelset: str | None = None  # dltrain and sampling tasks
    restrict_access: bool = False
    anonymize: bool = False
    patch_size: int = 512  # dltrain display-patch-size


@dataclass(frozen=True)
class Slide:
    id: int
    project: str
    specimen_id: int
    specimen: str  # private name
    block_id: int
    block: str
    section: int
    slide_number: int
    stain: str
    name: str
    tags: tuple[str, ...]
    image: SyntheticSlide
    ext: str = "tif"


@dataclass(frozen=True)
class Label:
    id: int
    labelset: int
    name: str
    color: str
    description: str | None


@dataclass(frozen=True)
class Labelset:
    id: int
    project: str
    name: str


@dataclass
class EditMeta:
    """Who created and last edited a row, and when (Unix seconds as floats)."""

    id: int
    creator: int | None
    editor: int | None
    t_create: float
    t_edit: float


@dataclass
class Annotation:
    task: int
    slide: int
    data: Any  # paper.js JSON in level-0 pixels
    n_paths: int
    n_markers: int
    meta: EditMeta


@dataclass
class Sample:
    """A classifier training sample: a box (level-0 pixels) with a label and a rendered patch."""

    id: int
    task: int
    slide: int
    label: int
    box: tuple[float, float, float, float]
    meta: EditMeta


@dataclass
class SamplingRoi:
    id: int
    task: int
    slide: int
    label: int
    geometry: dict[str, Any]  # SamplingRoiGeometry in level-0 pixels
    box: tuple[float, float, float, float]
    meta: EditMeta
