"""State and rules of an emulated PHAS 0.99.7 server, with no HTTP in it (moto's models.py).

It holds the harness's data set (see `_dataset`), users with API keys and access grants, annotations,
training samples and sampling ROIs; slide pixels are computed, never stored. Access checks follow the
server's decorators (phas/auth.py): a missing row and a missing right are the same 403.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Mapping
from typing import Any

from PIL import Image

from medannot.testing.phas import _dataset as ds
from medannot.testing.phas._geometry import draw_roi, roi_box, scale_of, transform_annotation, transform_roi
from medannot.testing.phas._records import (
    NO_GRANT,
    Access,
    Annotation,
    ApiKey,
    EditMeta,
    Grant,
    Label,
    Labelset,
    Project,
    Sample,
    SamplingRoi,
    Slide,
    Task,
    User,
)
from medannot.testing.phas._slides import SyntheticSlide, nifti_gz, png_bytes
from medannot.testing.phas._svg import render_svg
from medannot.testing.phas.errors import Forbidden, LoginFailed, ServerFault

KEY_LIFETIME = 365 * 24 * 3600.0  # generate_key's expiry


class PhasBackend:
    """One emulated server. `api_keys` (username -> key) fixes keys; the others are random UUIDs, as PHAS makes.

    `slide_size`: level-0 width and height of the synthetic slides (the harness uses 2048 for tests and 8192
    for benchmarks)."""

    def __init__(self, *, api_keys: Mapping[str, str] | None = None, slide_size: int = 2048) -> None:
        self.slide_size = slide_size
        #: username -> API key; kept across reset() so clients' key files stay valid.
        self.keys: dict[str, str] = {name: (api_keys or {}).get(name) or str(uuid.uuid4()) for name in ds.USERS}
        self.reset()

    # -- state

    def reset(self) -> None:
        self.users: dict[int, User] = {}
        self.api_keys: dict[str, ApiKey] = {}
        self.projects: dict[str, Project] = {}
        self.tasks: dict[int, Task] = {}
        self.slides: dict[int, Slide] = {}
        self.labelsets: dict[int, Labelset] = {}
        self.labels: dict[int, Label] = {}
        self.annotations: dict[tuple[int, int], Annotation] = {}  # (task, slide)
        self.samples: dict[int, Sample] = {}
        self.rois: dict[int, SamplingRoi] = {}
        self._last_ids: dict[str, int] = {}  # table -> last id given (AUTOINCREMENT: ids are never reused)
        self._seed()

    def state(self) -> dict[str, Any]:
        return {
            "projects": sorted(self.projects),
            "tasks": {t.id: t.name for t in self.tasks.values()},
            "slides": {s.id: s.name for s in self.slides.values()},
            "users": {u.id: u.username for u in self.users.values()},
            "annotations": [{"task": t, "slide": s} for t, s in self.annotations],
            "samples": sorted(self.samples),
            "sampling_rois": sorted(self.rois),
        }

    def close(self) -> None:
        """Nothing to release: everything lives in memory."""

    def _seed(self) -> None:
        size = self.slide_size
        self.projects[ds.PROJECT] = Project(ds.PROJECT, ds.PROJECT_NAME, ds.PROJECT_DESC, f"/data/{ds.PROJECT}")
        labelset = Labelset(1, ds.PROJECT, ds.LABELSET)
        self.labelsets[labelset.id] = labelset
        for name, color, description in ds.LABELS:
            label = Label(len(self.labels) + 1, labelset.id, name, color, description)
            self.labels[label.id] = label
        specimens: dict[str, int] = {}
        blocks: dict[tuple[str, str], int] = {}
        for spec in ds.SLIDES:
            specimen_id = specimens.setdefault(spec.specimen, len(specimens) + 1)
            block_id = blocks.setdefault((spec.specimen, spec.block), len(blocks) + 1)
            slide = Slide(
                len(self.slides) + 1, ds.PROJECT, specimen_id, spec.specimen, block_id, spec.block, spec.section,
                spec.slide_number, spec.stain, spec.name, spec.tags, SyntheticSlide(size),
            )  # fmt: skip
            self.slides[slide.id] = slide
        for name, desc, mode in ds.TASKS:
            lset = ds.LABELSET if mode in ("dltrain", "sampling") else None
            task = Task(len(self.tasks) + 1, ds.PROJECT, name, desc, mode, lset, patch_size=ds.DISPLAY_PATCH_SIZE)
            self.tasks[task.id] = task
        now = time.time()
        for username, code in ds.USERS.items():
            user = User(len(self.users) + 1, username, site_admin=username == "admin")
            if code is not None:
                user.grants[ds.PROJECT] = Grant.parse(code)
            self.users[user.id] = user
            self.api_keys[self.keys[username]] = ApiKey(self.keys[username], user.id, now + KEY_LIFETIME)
        dltrain = next(t for t in self.tasks.values() if t.mode == "dltrain")
        by_name = {s.name: s.id for s in self.slides.values()}
        label_ids = {label.name: label.id for label in self.labels.values()}
        side = size // 16
        for slide_name, label_name, fx, fy in ds.SAMPLES:
            x, y = float(int(fx * size)), float(int(fy * size))
            self.add_sample(dltrain.id, by_name[slide_name], label_ids[label_name], (x, y, x + side, y + side), 1)

    def _new_id(self, table: str) -> int:
        self._last_ids[table] = self._last_ids.get(table, 0) + 1
        return self._last_ids[table]

    def _meta(self, user_id: int | None) -> EditMeta:
        now = time.time()
        return EditMeta(self._new_id("edit_meta"), user_id, user_id, now, now)

    # -- authentication and rights

    def login(self, api_key: str) -> User:
        key = self.api_keys.get(api_key)
        user = self.users.get(key.user_id) if key else None
        if key is None or user is None:
            raise LoginFailed("Invalid API key")
        if user.disabled:
            raise LoginFailed("User account is disabled")
        if key.expires < time.time():
            raise LoginFailed("API key has expired")
        return user

    def user(self, user_id: object) -> User | None:
        """The signed-in user of a session; None for none, an unknown or a disabled user."""
        user = self.users.get(user_id) if isinstance(user_id, int) else None
        return user if user is not None and not user.disabled else None

    def grant(self, user: User, project: str) -> Grant:
        return user.grants.get(project, NO_GRANT)

    def require_project(self, user: User, project: str, level: Access) -> None:
        if self.grant(user, project).access < level:
            raise Forbidden("Insufficient privileges on project {project}")  # sic: the server forgot the f

    def require_task(self, user: User, task_id: int, level: Access, *, api: bool = False) -> Task:
        task = self.tasks.get(task_id)
        grant = self.grant(user, task.project) if task else NO_GRANT
        if task is None or grant.access < level or (api and not grant.api):
            raise Forbidden(f"Insufficient privileges on task {task_id}")
        return task

    def require_slide(self, user: User, slide_id: int, level: Access, *, api: bool = False, phi: bool = False) -> Slide:
        slide = self.slides.get(slide_id)
        if slide is None or not self._allows(self.grant(user, slide.project), level, api, phi):
            raise Forbidden(f"Insufficient privileges on slide {slide_id}")
        return slide

    def require_task_slide(
        self, user: User, task_id: int, slide_id: int, level: Access, *, phi: bool = False
    ) -> tuple[Task, Slide]:
        """Rights on a slide within a task: the slide must be one of the task's."""
        task, slide = self.tasks.get(task_id), self.slides.get(slide_id)
        if task is None or slide is None or slide.project != task.project:
            raise Forbidden(f"Insufficient privileges on slide {slide_id} in task {task_id}")
        if not self._allows(self.grant(user, task.project), level, False, phi):
            raise Forbidden(f"Insufficient privileges on slide {slide_id} in task {task_id}")
        return task, slide

    @staticmethod
    def _allows(grant: Grant, level: Access, api: bool, phi: bool) -> bool:
        return grant.access >= level and (grant.api or not api) and (grant.phi or not phi)

    def anonymized(self, user: User | None, project: str, session_anonymize: bool) -> bool:
        """check_anon: private names are hidden when the session asks or the user lacks PHI rights."""
        return session_anonymize or user is None or not self.grant(user, project).phi

    def task_slides(self, task: Task) -> list[Slide]:
        return [s for s in self.slides.values() if s.project == task.project]

    # -- annotations

    def set_annotation(self, user: User, task: Task, slide: Slide, document: Any, resolution: str) -> None:
        data, paths, markers = transform_annotation(document, scale_of(resolution))
        existing = self.annotations.get((task.id, slide.id))
        if existing is None:
            meta = self._meta(user.id)
            self.annotations[task.id, slide.id] = Annotation(task.id, slide.id, data, paths, markers, meta)
            return
        existing.data, existing.n_paths, existing.n_markers = data, paths, markers
        existing.meta.editor, existing.meta.t_edit = user.id, time.time()

    def get_annotation(self, task: Task, slide: Slide, resolution: str) -> Any | None:
        annotation = self.annotations.get((task.id, slide.id))
        if annotation is None:
            return None
        return transform_annotation(annotation.data, 1 / scale_of(resolution))[0]

    def annotation_timestamp(self, task: Task, slide: Slide) -> float | None:
        annotation = self.annotations.get((task.id, slide.id))
        return annotation.meta.t_edit if annotation else None

    def annotation_svg(self, task: Task, slide: Slide, max_dim: int | None, form: Mapping[str, str]) -> str:
        annotation = self.annotations.get((task.id, slide.id))
        try:
            stroke_width = int(form.get("stroke_width", 480))
            int(form.get("strip_width", 0))  # parsed (and failing) as in the server, but not drawn
        except ValueError as error:
            raise ServerFault(str(error)) from error
        return render_svg(
            annotation.data if annotation else None,
            [slide.image.size, slide.image.size],
            stroke_width=stroke_width,
            font_size=form.get("font_size", "2000px"),
            font_color=form.get("font_color", "black"),
            max_dim=max_dim,
        )

    # -- labelsets and training samples

    def task_labelset(self, task_id: int) -> dict[str, Any]:
        task = self.tasks.get(task_id)
        if task is None:
            raise ServerFault(f"no task {task_id}")
        lset = next((ls for ls in self.labelsets.values() if ls.name == task.labelset), None)
        return {"name": lset.name if lset else None, "id": lset.id if lset else None}

    def label_listing(self, labelset_id: int) -> list[dict[str, Any]]:
        return [
            {
                "id": label.id,
                "name": label.name,
                "description": label.description,
                "color": label.color,
                "n_samples": sum(1 for s in self.samples.values() if s.label == label.id),
                "n_sampling_rois": sum(1 for r in self.rois.values() if r.label == label.id),
            }
            for label in sorted(self.labels.values(), key=lambda item: item.id)
            if label.labelset == labelset_id
        ]

    def add_sample(
        self, task_id: int, slide_id: int, label_id: int, box: tuple[float, float, float, float], user_id: int | None
    ) -> Sample:
        """A training sample (the API has no route for it: the harness imports them with the flask CLI)."""
        sample = Sample(self._new_id("training_sample"), task_id, slide_id, label_id, box, self._meta(user_id))
        self.samples[sample.id] = sample
        return sample

    def sample_listing(self, task: Task, slide_id: int) -> list[dict[str, Any]]:
        found = [s for s in self.samples.values() if s.task == task.id and s.slide == slide_id]
        return [self._boxed_row(s, {"have_patch": 1}) for s in sorted(found, key=lambda s: s.meta.t_edit, reverse=True)]

    def sample_png(self, sample_id: int) -> bytes:
        """The patch rendered when the sample was made: display-patch-size pixels centred on the box."""
        sample = self.samples.get(sample_id)
        if sample is None:
            raise ServerFault(f"no patch for sample {sample_id}")
        x0, y0, x1, y1 = sample.box
        side = self.tasks[sample.task].patch_size
        centre_x, centre_y = int((x0 + x1) / 2.0 + 0.5), int((y0 + y1) / 2.0 + 0.5)
        return self.patch_png(self.slides[sample.slide], 0, centre_x, centre_y, side, side)

    def _boxed_row(self, item: Sample | SamplingRoi, extra: dict[str, Any]) -> dict[str, Any]:
        """A sample or ROI row joined with its edit record and label colour, in the server's column order."""
        x0, y0, x1, y1 = item.box
        meta = item.meta
        return {
            "id": item.id, "x0": x0, "y0": y0, "x1": x1, "y1": y1, "label": item.label, "slide": item.slide,
            "task": item.task, "meta_id": meta.id, **extra, "creator": meta.creator, "editor": meta.editor,
            "t_create": meta.t_create, "t_edit": meta.t_edit,
            "color": self.labels[item.label].color if item.label in self.labels else None,
        }  # fmt: skip

    # -- sampling ROIs

    def create_roi(
        self, user: User, task: Task, slide_id: int, resolution: str, label_id: int, geometry: dict[str, Any]
    ) -> int:
        if geometry.get("type") not in ("trapezoid", "polygon"):
            raise ServerFault("Unknown or missing sampling roi type")
        raw = transform_roi(geometry, scale_of(resolution))
        roi = SamplingRoi(
            self._new_id("sampling_roi"), task.id, slide_id, label_id, raw, roi_box(raw), self._meta(user.id)
        )
        self.rois[roi.id] = roi
        return roi.id

    def roi_listing(self, task: Task, slide_id: int, resolution: str) -> list[dict[str, Any]]:
        if slide_id not in self.slides:
            raise ServerFault(f"no slide {slide_id}")  # the server reads the slide's affine file
        found = [r for r in self.rois.values() if r.task == task.id and r.slide == slide_id]
        scale = 1 / scale_of(resolution)
        return [
            self._boxed_row(r, {"json": json.dumps(transform_roi(r.geometry, scale))})
            for r in sorted(found, key=lambda r: r.meta.t_edit, reverse=True)
        ]

    def delete_rois(self, task: Task, slide_id: int) -> None:
        for roi_id in [r.id for r in self.rois.values() if r.task == task.id and r.slide == slide_id]:
            del self.rois[roi_id]

    def roi_image(self, task: Task, slide_id: int, maxdim: int) -> bytes:
        """A label image (voxel = label id) of the slide's ROIs, at the size of its thumbnail."""
        slide = self.slides.get(slide_id)
        if slide is None:
            raise ServerFault(f"no slide {slide_id}")
        width, height = slide.image.thumbnail_size(maxdim)
        sx, sy = width / slide.image.size, height / slide.image.size
        image = Image.new("L", (width, height))
        for roi in sorted(self.rois.values(), key=lambda r: r.id):
            if roi.task == task.id and roi.slide == slide_id:
                draw_roi(image, roi.geometry, sx, sy, roi.label)
        return nifti_gz(image, self._thumbnail_spacing(slide, width, height))

    # -- slides

    def slide_of_project(self, project: str, slide_id: int) -> Slide:
        """The /dzi routes name a project: an unknown one makes the server fail (ProjectRef raises)."""
        if project not in self.projects:
            raise ServerFault(f"Project {project} is not in the database")
        return self.slides[slide_id]

    def slide_tags(self, slide: Slide) -> list[str]:
        return sorted(slide.tags)

    def openslide_header(self, slide: Slide) -> dict[str, Any]:
        """OpenSlide's view of the harness's generic TIFF (resolution in pixels per centimetre)."""
        per_cm = f"{1e4 / slide.image.mpp:g}"
        return {
            "properties": {
                "openslide.mpp-x": f"{slide.image.mpp:g}",
                "openslide.mpp-y": f"{slide.image.mpp:g}",
                "openslide.vendor": "generic-tiff",
                "tiff.ResolutionUnit": "centimeter",
                "tiff.Software": "tifffile.py",
                "tiff.XResolution": per_cm,
                "tiff.YResolution": per_cm,
            },
            "level_dimensions": slide.image.level_dimensions,
            "level_downsamples": [1.0, 4.0, 16.0],
        }

    def slide_path(self, slide: Slide) -> str:
        return f"{self.projects[slide.project].base_url}/{slide.specimen}/histo_raw/{slide.name}.{slide.ext}"

    def patch_png(self, slide: Slide, level: int, centre_x: int, centre_y: int, w: int, h: int) -> bytes:
        if level >= len(slide.image.level_dimensions):
            raise ServerFault(f"no level {level}")  # OpenSlide's read_region fails
        downsample = 4**level
        x, y = centre_x - int(w * 0.5 * downsample), centre_y - int(h * 0.5 * downsample)
        return png_bytes(slide.image.read_region(x, y, level, w, h))

    def thumbnail_nifti(self, slide: Slide, downsample: int) -> bytes:
        thumbnail = slide.image.thumbnail(downsample)
        return nifti_gz(thumbnail, self._thumbnail_spacing(slide, *thumbnail.size))

    @staticmethod
    def _thumbnail_spacing(slide: Slide, width: int, height: int) -> list[float]:
        mm = slide.image.spacing_mm
        return [slide.image.size * mm[0] / width, slide.image.size * mm[1] / height]


__all__ = ["PhasBackend"]
