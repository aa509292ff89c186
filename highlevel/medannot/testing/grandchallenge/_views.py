"""The JSON the server's serializers write for each record (absolute URLs on the requesting origin)."""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import quote

from medannot.testing.grandchallenge._records import (
    Algorithm,
    AlgorithmImage,
    Answer,
    Archive,
    ArchiveItem,
    DisplaySet,
    Image,
    Job,
    Question,
    ReaderStudy,
    Socket,
    Upload,
    UploadSession,
    Value,
)
from medannot.testing.grandchallenge.backend import API, GrandChallengeBackend, duration_iso

LOGO = "https://rumc-gcorg-p-public.s3.amazonaws.com/logos/emulator.png"


class Views:
    def __init__(self, backend: GrandChallengeBackend, origin: str) -> None:
        self.b = backend
        self.origin = origin

    def api(self, *parts: str) -> str:
        return f"{self.origin}{API}{''.join(p + '/' for p in parts)}"

    def page(self, *parts: str) -> str:
        return f"{self.origin}/{''.join(p + '/' for p in parts)}"

    # -- components

    def socket(self, s: Socket) -> dict[str, Any]:
        return {
            "title": s.title,
            "description": s.description,
            "slug": s.slug,
            "kind": s.kind,
            "pk": s.pk,
            "default_value": s.default_value,
            "super_kind": s.super_kind,
            "relative_path": s.relative_path,
            "overlay_segments": None,
            "look_up_table": None,
        }

    def value_file_url(self, v: Value) -> str | None:
        return None if v.file is None else f"{self.origin}/media/values/{v.pk}/{quote(v.file.name)}"

    def civ(self, pk: int) -> dict[str, Any]:
        v = self.b.values[pk]
        socket = self.socket(self.b.sockets[v.socket])
        return {
            "interface": socket,
            "socket": socket,
            "value": v.value,
            "file": self.value_file_url(v),
            "image": self.api("cases/images", v.image) if v.image else None,
            "pk": v.pk,
        }

    def civ_post(self, pk: int) -> dict[str, Any]:
        v = self.b.values[pk]
        return {
            "interface": v.socket,
            "value": v.value,
            "file": self.value_file_url(v),
            "image": self.api("cases/images", v.image) if v.image else None,
            "pk": v.pk,
            "image_name": None,
        }

    def civs(self, values: dict[str, int], post: bool = False) -> list[dict[str, Any]]:
        render = self.civ_post if post else self.civ
        return [render(pk) for _, pk in sorted(values.items())]

    # -- algorithms

    def algorithm(self, a: Algorithm) -> dict[str, Any]:
        return {
            "api_url": self.api("algorithms", a.pk),
            "url": self.page("algorithms", a.slug),
            "description": a.description,
            "pk": a.pk,
            "title": a.title,
            "logo": LOGO,
            "slug": a.slug,
            "average_duration": a.average_duration,
            "interfaces": [
                {
                    "inputs": [self.socket(self.b.sockets[s]) for s in f.inputs],
                    "outputs": [self.socket(self.b.sockets[s]) for s in f.outputs],
                }
                for f in a.interfaces
            ],
        }

    def algorithm_image(self, i: AlgorithmImage) -> dict[str, Any]:
        algorithm = self.b.algorithms[i.algorithm]
        return {
            "pk": i.pk,
            "url": self.page("algorithms", algorithm.slug, "container-images", i.pk),
            "api_url": self.api("algorithms/images", i.pk),
            "algorithm": self.api("algorithms", algorithm.pk),
            "created": i.created,
            "import_status": i.import_status,
            "image": None,
        }

    def job(self, j: Job) -> dict[str, Any]:
        algorithm = self.b.algorithms[j.algorithm]
        exec_duration = None
        if j.started_at is not None and j.finished_at is not None:
            exec_duration = duration_iso(j.finished_at - j.started_at)
        return {
            "pk": j.pk,
            "url": self.page("algorithms", algorithm.slug, "jobs", j.pk),
            "api_url": self.api("algorithms/jobs", j.pk),
            "algorithm_image": self.api("algorithms/images", algorithm.image_pk),
            "inputs": self.civs(j.inputs),
            "outputs": self.civs(j.outputs),
            "status": j.status,
            "hanging_protocol": None,
            "optional_hanging_protocols": [],
            "view_content": {},
            "exec_duration": exec_duration,
            "invoke_duration": exec_duration,
            "algorithm": self.api("algorithms", algorithm.pk),
        }

    def job_post(self, j: Job) -> dict[str, Any]:
        return {"pk": j.pk, "inputs": self.civs(j.inputs, post=True), "status": j.status}

    # -- archives

    def archive(self, a: Archive) -> dict[str, Any]:
        return {
            "pk": a.pk,
            "title": a.title,
            "logo": LOGO,
            "description": a.description,
            "api_url": self.api("archives", a.pk),
            "url": self.page("archives", a.slug),
        }

    def archive_item(self, i: ArchiveItem, post: bool = False) -> dict[str, Any]:
        return {
            "pk": i.pk,
            "archive": self.api("archives", i.archive),
            "values": self.civs(i.values, post),
            "hanging_protocol": None,
            "optional_hanging_protocols": [],
            "view_content": {},
            "title": i.title,
        }

    # -- reader studies

    def question(self, q: Question) -> dict[str, Any]:
        return {
            "answer_type": q.answer_type,
            "api_url": self.api("reader-studies/questions", q.pk),
            "form_direction": "Horizontal",
            "help_text": "",  # deprecated twins of the *_safe fields, still sent by the server, needed by gcapi 0.13
            "help_text_safe": "",
            "image_port": "",
            "default_annotation_color": None,
            "pk": q.pk,
            "question_text": html.escape(q.text),
            "question_text_safe": html.escape(q.text),
            "reader_study": self.api("reader-studies", q.reader_study),
            "required": q.required,
            "options": [{"id": pk, "title": title, "default": False} for pk, title in q.options],
            "interface": None,
            "overlay_segments": None,
            "look_up_table": None,
            "widget": "",
            "answer_min_value": None,
            "answer_max_value": None,
            "answer_step_size": None,
            "answer_min_length": None,
            "answer_max_length": None,
            "answer_match_pattern": None,
            "empty_answer_confirmation": False,
            "empty_answer_confirmation_label": "",
            "empty_answer_confirmation_label_safe": "",
            "interactive_algorithms": [],
            "algorithms": [],
        }

    def reader_study(self, r: ReaderStudy) -> dict[str, Any]:
        questions = sorted((q for q in self.b.questions.values() if q.reader_study == r.pk), key=lambda q: q.order)
        return {
            "api_url": self.api("reader-studies", r.pk),
            "url": self.page("reader-studies", r.slug),
            "slug": r.slug,
            "logo": LOGO,
            "description": r.description,
            "help_text": "",  # deprecated twins (see question())
            "help_text_safe": "",
            "pk": r.pk,
            "questions": [self.question(q) for q in questions],
            "title": r.title,
            "title_safe": html.escape(r.title),
            "is_educational": r.is_educational,
            "instant_verification": False,
            "has_ground_truth": self.b.has_ground_truth(r),
            "allow_answer_modification": r.allow_answer_modification,
            "enable_autosaving": False,
            "allow_case_navigation": True,
            "allow_show_all_annotations": False,
            "roll_over_answers_for_n_cases": 0,
            "end_of_study_text_safe": "",
        }

    def display_set(self, d: DisplaySet, post: bool = False) -> dict[str, Any]:
        study = self.b.reader_studies[d.reader_study]
        siblings = sorted(
            (x for x in self.b.display_sets.values() if x.reader_study == d.reader_study), key=lambda x: (x.order, x.pk)
        )
        return {
            "pk": d.pk,
            "title_safe": html.escape(d.title),
            "reader_study": study.slug if post else self.api("reader-studies", study.pk),
            "values": self.civs(d.values, post),
            "order": d.order,
            "api_url": self.api("reader-studies/display-sets", d.pk),
            "hanging_protocol": None,
            "optional_hanging_protocols": [],
            "view_content": {},
            "description": "",
            "descriptions_map_safe": {},
            "index": siblings.index(d),
            "title": d.title,
        }

    def answer(self, a: Answer) -> dict[str, Any]:
        return {
            "answer": a.answer,
            "api_url": self.api("reader-studies/answers", a.pk),
            "created": a.created,
            "creator": a.creator,
            "display_set": self.api("reader-studies/display-sets", a.display_set) if a.display_set else None,
            "pk": a.pk,
            "question": self.api("reader-studies/questions", a.question),
            "modified": a.modified,
            "answer_image": self.api("cases/images", a.answer_image) if a.answer_image else None,
            "last_edit_duration": a.last_edit_duration,
            "total_edit_duration": a.last_edit_duration,
            "is_ground_truth": a.is_ground_truth,
            "score": a.score,
        }

    # -- uploads and images

    def upload(self, u: Upload) -> dict[str, Any]:
        return {
            "pk": u.pk,
            "created": u.created,
            "filename": u.filename,
            "key": u.key,
            "s3_upload_id": u.s3_upload_id,
            "status": u.status,
            "api_url": self.api("uploads", u.pk),
        }

    def upload_parts(self, u: Upload) -> dict[str, Any]:
        parts = [
            {"ETag": p.etag, "PartNumber": p.number, "LastModified": p.modified, "Size": p.size}
            for p in sorted(u.parts.values(), key=lambda p: p.number)
        ]
        return {**self.upload(u), "parts": parts}

    def session(self, s: UploadSession) -> dict[str, Any]:
        return {
            "pk": s.pk,
            "creator": s.creator,
            "status": s.status,
            "error_message": s.error_message,
            "image_set": [self.api("cases/images", pk) for pk in s.images],
            "api_url": self.api("cases/upload-sessions", s.pk),
            "user_uploads": list(s.uploads),
            "uploads": [self.api("uploads", pk) for pk in s.uploads],
        }

    def image(self, i: Image) -> dict[str, Any]:
        shape = list(i.shape)
        dims = [*shape[::-1], None, None, None]
        return {
            "pk": i.pk,
            "name": i.name,
            "files": [
                {
                    "pk": f.pk,
                    "image": self.api("cases/images", i.pk),
                    "file": f"{self.origin}/media/images/{i.pk}/{quote(f.name)}",
                    "image_type": f.image_type,
                }
                for f in i.files
            ],
            "dicom_image_set": None,
            "width": dims[0],
            "height": dims[1],
            "depth": dims[2] if len(shape) > 2 else None,
            "color_space": i.color_space,
            "modality": None,
            "eye_choice": "NA",
            "stereoscopic_choice": None,
            "field_of_view": None,
            "shape_without_color": shape,
            "shape": shape,
            "voxel_width_mm": i.voxel_mm[0],
            "voxel_height_mm": i.voxel_mm[1],
            "voxel_depth_mm": i.voxel_mm[2],
            "api_url": self.api("cases/images", i.pk),
            "patient_id": "",
            "patient_name": "",
            "patient_birth_date": None,
            "patient_age": "",
            "patient_sex": "",
            "study_date": None,
            "study_instance_uid": "",
            "series_instance_uid": "",
            "study_description": "",
            "series_description": "",
            "window_center": None,
            "window_width": None,
            "segments": None,
        }
