"""State and rules of the emulated Grand Challenge server, with no HTTP in it.

Objects are referred to as the API refers to them: by pk, by slug, or by API URL (DRF's hyperlinked fields, of
which only the path counts). Background work (image imports, file values, job stages) is scheduled on the
clock (`_clock.py`) and runs when a request comes in after it is due.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import shutil
import tempfile
import threading
import uuid
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from medannot.testing.grandchallenge import _dataset, _images
from medannot.testing.grandchallenge._clock import Clock, Scheduler
from medannot.testing.grandchallenge._records import (
    Algorithm,
    AlgorithmImage,
    Answer,
    Archive,
    ArchiveItem,
    DisplaySet,
    Image,
    ImageFile,
    Job,
    Part,
    Question,
    ReaderStudy,
    Socket,
    Upload,
    UploadSession,
    User,
    Value,
    new_pk,
)
from medannot.testing.grandchallenge.errors import NotFound, PermissionDenied, ServerFault, ValidationError

API = "/api/v1/"
MiB = 1024 * 1024
GiB = 1024 * MiB
# The job's stages after its inputs are in, as Grand Challenge shows them (components/models.py).
JOB_STAGES = ("Queued", "Provisioning", "Provisioned", "Executing", "Executed", "Parsing Outputs")
TERMINAL_JOB = {"Succeeded", "Failed", "Cancelled"}
TERMINAL_SESSION = {"Succeeded", "Failed", "Cancelled"}
CIV_KEYS = ("image", "value", "file", "user_upload", "upload_session", "user_uploads", "image_name")
POSSIBLE_KEYS = "['image', 'value', 'file', 'user_upload', 'upload_session', ('image_name', 'user_uploads')]"
# DRF's HyperlinkedRelatedField messages.
NO_MATCH = "Invalid hyperlink - No URL match."
WRONG_MATCH = "Invalid hyperlink - Incorrect URL match."
NO_OBJECT = "Invalid hyperlink - Object does not exist."
ROUTES = {
    "algorithm": "algorithms/",
    "archive": "archives/",
    "image": "cases/images/",
    "upload-session": "cases/upload-sessions/",
    "upload": "uploads/",
    "question": "reader-studies/questions/",
    "display-set": "reader-studies/display-sets/",
    "reader-study": "reader-studies/",
}


def now_iso() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def duration_iso(seconds: float) -> str:
    """DRF's `duration_iso_string`, as Grand Challenge's ISODurationField writes it."""
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(int(minutes), 60)
    return f"P0DT{hours:02d}H{minutes:02d}M{secs:09.6f}S"


def link_error(data: Any) -> str | None:
    if not isinstance(data, str):
        return f"Incorrect type. Expected URL string, received {type(data).__name__}."
    return None


@dataclass
class Fault:
    """One injected failure: `kind` for the next `times` requests matching `method` and `path` (a substring)."""

    kind: str  # "429" | "503" | "500" | "drop" | "too-many-uploads" | "upload-limit"
    method: str | None
    path: str | None
    times: int
    retry_after: int

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method == method.upper()) and (self.path is None or self.path in path)


class GrandChallengeBackend:
    def __init__(
        self,
        *,
        token: str | None = None,
        clock: Clock | Callable[[], float] | None = None,
        import_seconds: float = 0.2,
        job_step_seconds: float = 0.05,
        min_part_size: int = 5 * MiB,
        max_uploads: int = 2000,
        upload_limit: int = 128 * GiB,
        gcapi_versions: tuple[str, str] = ("0.16.1", "0.13.0"),
    ) -> None:
        """`token`: the API token of the user `emulator` (random when None). `import_seconds`: how long an image
        import takes; `job_step_seconds`: how long each job stage takes (both on `clock`). `min_part_size`: S3's
        smallest part but the last (5 MiB). `max_uploads`: uploads per user before "too many uploads".
        `upload_limit`: bytes per upload before the presigned-URL call answers 403 "Upload limit reached"."""
        self.clock: Clock = clock if isinstance(clock, Clock) else Clock() if clock is None else _Adopted(clock)
        self.scheduler: Scheduler = Scheduler(self.clock)
        self.lock: threading.RLock = threading.RLock()
        self.import_seconds = import_seconds
        self.job_step_seconds = job_step_seconds
        self.min_part_size = min_part_size
        self.max_uploads = max_uploads
        self.upload_limit = upload_limit
        self.gcapi_versions = gcapi_versions
        self.secret: bytes = secrets.token_bytes(32)  # signs presigned storage URLs
        self.token: str = token or secrets.token_hex(32)
        self._dir = Path(tempfile.mkdtemp(prefix="medannot-gc-"))
        self._cleanup = weakref.finalize(self, shutil.rmtree, self._dir, ignore_errors=True)
        self.faults: list[Fault] = []
        self._build()

    # ------------------------------------------------------------------ state

    def _build(self) -> None:
        self.users: dict[int, User] = {1: User(1, "emulator", self.token)}
        self.sockets: dict[str, Socket] = {}
        self.algorithms: dict[str, Algorithm] = {}
        self.algorithm_images: dict[str, AlgorithmImage] = {}
        self.archives: dict[str, Archive] = {}
        self.archive_items: dict[str, ArchiveItem] = {}
        self.reader_studies: dict[str, ReaderStudy] = {}
        self.questions: dict[str, Question] = {}
        self.display_sets: dict[str, DisplaySet] = {}
        self.answers: dict[str, Answer] = {}
        self.images: dict[str, Image] = {}
        self.values: dict[int, Value] = {}
        self.uploads: dict[str, Upload] = {}
        self.sessions: dict[str, UploadSession] = {}
        self.jobs: dict[str, Job] = {}
        self._value_pks = iter(range(1, 10**9))
        self.scheduler.clear()
        _dataset.load(self)

    def reset(self) -> None:
        with self.lock:
            for child in self._dir.iterdir():
                shutil.rmtree(child, ignore_errors=True)
            self.faults.clear()
            self._build()

    def close(self) -> None:
        self._cleanup()

    def state(self) -> dict[str, Any]:
        with self.lock:
            self.tick()
            return {
                "clock": self.clock.now(),
                "pending_events": self.scheduler.pending,
                "algorithms": sorted(a.slug for a in self.algorithms.values()),
                "archives": sorted(a.slug for a in self.archives.values()),
                "reader_studies": sorted(r.slug for r in self.reader_studies.values()),
                "archive_items": len(self.archive_items),
                "display_sets": len(self.display_sets),
                "answers": len(self.answers),
                "images": len(self.images),
                "uploads": {pk: u.status for pk, u in self.uploads.items()},
                "upload_sessions": {pk: s.status for pk, s in self.sessions.items()},
                "jobs": {pk: j.status for pk, j in self.jobs.items()},
                "faults": [f.__dict__ for f in self.faults],
            }

    def tick(self) -> None:
        """Run the background work that is due (called before every request)."""
        with self.lock:
            self.scheduler.run_due()

    @property
    def root(self) -> Path:
        """The folder holding every stored byte (parts, uploads, images, files)."""
        return self._dir.resolve()

    def path(self, *parts: str) -> Path:
        target = self._dir.joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    # ------------------------------------------------------------------ auth and faults

    def authenticate(self, token: str) -> User | None:
        return next((u for u in self.users.values() if hmac.compare_digest(u.token, token)), None)

    def inject(
        self, kind: str, *, method: str | None = None, path: str | None = None, times: int = 1, retry_after: int = 1
    ) -> Fault:
        """Fail the next `times` requests matching `method` and `path` (a substring of the URL path) with `kind`:
        "429" / "503" (DRF bodies and `Retry-After`), "500" (Django's HTML page), "drop" (headers, then the
        connection closes), "too-many-uploads" (POST uploads/ answers the server's 400), "upload-limit" (the
        presigned-URL call answers 403 "Upload limit reached")."""
        kinds = {"429", "503", "500", "drop", "too-many-uploads", "upload-limit"}
        if kind not in kinds:
            raise ValueError(f"unknown fault {kind!r}; known: {', '.join(sorted(kinds))}")
        fault = Fault(kind, method.upper() if method else None, path, times, retry_after)
        with self.lock:
            self.faults.append(fault)
        return fault

    def take_fault(self, method: str, path: str, kinds: Iterable[str]) -> Fault | None:
        wanted = set(kinds)
        with self.lock:
            for fault in self.faults:
                if fault.kind in wanted and fault.times > 0 and fault.matches(method, path):
                    fault.times -= 1
                    if fault.times == 0:
                        self.faults.remove(fault)
                    return fault
        return None

    # ------------------------------------------------------------------ lookups

    def get(self, table: dict[Any, Any], pk: Any, model: str) -> Any:
        try:
            return table[str(pk) if not isinstance(pk, int) else pk]
        except KeyError:
            raise NotFound(model) from None

    def resolve(self, data: Any, route: str, table: dict[str, Any]) -> Any:
        """A DRF HyperlinkedRelatedField: the object behind an API URL; ValueError with DRF's message otherwise."""
        error = link_error(data)
        if error:
            raise ValueError(error)
        path = "/" + str(data).split("://", 1)[-1].partition("/")[2] if "://" in str(data) else str(data)
        path = path.split("?")[0]
        if not path.startswith(API):
            raise ValueError(NO_MATCH)
        rest = path[len(API) :]
        for name, prefix in sorted(ROUTES.items(), key=lambda kv: -len(kv[1])):
            if rest.startswith(prefix):
                pk = rest[len(prefix) :].rstrip("/")
                if "/" in pk or not pk:
                    continue
                if name != route:
                    raise ValueError(WRONG_MATCH)
                if pk not in table:
                    raise ValueError(NO_OBJECT)
                return table[pk]
        raise ValueError(NO_MATCH)

    def socket_by_slug(self, slug: Any) -> Socket:
        if not isinstance(slug, str) or slug not in self.sockets:
            raise ValueError(f"Object with slug={slug} does not exist.")
        return self.sockets[slug]

    def new_value(self, socket: str, **fields: Any) -> Value:
        value = Value(next(self._value_pks), socket, **fields)
        self.values[value.pk] = value
        return value

    def value_file(self, value: Value, name: str, data: bytes | Path) -> None:
        target = self.path("values", str(value.pk), Path(name).name)
        if isinstance(data, Path):
            shutil.copyfile(data, target)
        else:
            target.write_bytes(data)
        value.file = target

    # ------------------------------------------------------------------ images

    def add_image(self, candidate: _images.Candidate, origin: str | None = None) -> Image:
        pk = new_pk()
        files = []
        for name, source in candidate.files:
            target = self.path("images", pk, Path(name).name)
            shutil.copyfile(source, target)
            files.append(ImageFile(new_pk(), Path(name).name, target, candidate.image_type))
        shape, voxels = _images.shape_of(candidate)
        image = Image(pk, candidate.name, files, shape, voxels, origin=origin)
        self.images[pk] = image
        return image

    def add_image_bytes(self, name: str, data: bytes) -> Image:
        source = self.path("incoming", new_pk(), name)
        source.write_bytes(data)
        image = self.add_image(_images.Candidate(name, [(name, source)], "MHD"))
        shutil.rmtree(source.parent, ignore_errors=True)
        return image

    # ------------------------------------------------------------------ uploads (S3 multipart)

    def create_upload(self, user: User, filename: Any) -> Upload:
        if not isinstance(filename, str) or not filename or Path(filename).name != filename:
            raise ValidationError({"filename": [f"{filename} is not a valid filename"]})
        mine = sum(1 for u in self.uploads.values() if u.creator == user.pk)
        if mine > self.max_uploads:
            raise ValidationError("You have created too many uploads. Please try again later.")
        upload = Upload(new_pk(), user.pk, filename, now_iso(), s3_upload_id=secrets.token_urlsafe(48))
        self.uploads[upload.pk] = upload
        return upload

    def own_upload(self, user: User, pk: Any, s3_upload_id: str | None = None) -> Upload:
        upload: Upload = self.get(self.uploads, pk, "UserUpload")
        if upload.creator != user.pk:
            raise NotFound("UserUpload")
        if s3_upload_id is not None and upload.s3_upload_id != s3_upload_id:
            raise NotFound()  # the view raises a bare Http404
        return upload

    def check_presign(self, upload: Upload, part_numbers: Any) -> list[int]:
        if sum(p.size for p in upload.parts.values()) >= self.upload_limit:
            raise PermissionDenied("Upload limit reached")
        if part_numbers is None:
            raise ValidationError("The `part_numbers` field is required")
        return list(part_numbers)

    def sign(self, method: str, path: str, query: str) -> str:
        message = f"{method}\n{path}\n{query}".encode()
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()

    def put_part(self, upload_id: str, key: str, number: int, staged: Path, size: int, md5: str) -> str:
        """Store a part PUT to a presigned URL (S3 upload_part); return its ETag (quoted MD5, as S3's)."""
        upload = next((u for u in self.uploads.values() if u.s3_upload_id == upload_id and u.key == key), None)
        if upload is None or upload.status != "Initialized":
            staged.unlink(missing_ok=True)
            raise LookupError("NoSuchUpload")
        target = self.path("parts", upload.pk, str(number))
        staged.replace(target)
        etag = f'"{md5}"'
        upload.parts[number] = Part(number, etag, size, now_iso(), target)
        return etag

    def complete_upload(self, upload: Upload, parts: Any) -> Upload:
        if parts is None:
            raise ValidationError("The `parts` field is required")
        if upload.status != "Initialized":
            raise ServerFault(f"NoSuchUpload: upload {upload.pk} is {upload.status}")
        numbers = [p["PartNumber"] for p in parts]
        if not numbers or numbers != sorted(set(numbers)):
            raise ServerFault("InvalidPartOrder: the list of parts was not in ascending order")
        for index, given in enumerate(parts):
            stored = upload.parts.get(given["PartNumber"])
            if stored is None or stored.etag.strip('"') != str(given["ETag"]).strip('"'):
                raise ServerFault(f"InvalidPart: part {given['PartNumber']} was not found or its ETag differs")
            if index < len(parts) - 1 and stored.size < self.min_part_size:
                raise ServerFault(f"EntityTooSmall: part {stored.number} is {stored.size} bytes")
        target = self.path("uploads", upload.pk, upload.filename)
        with target.open("wb") as out:
            for given in parts:
                with upload.parts[given["PartNumber"]].path.open("rb") as part:
                    shutil.copyfileobj(part, out, 1024 * 1024)
        upload.size = target.stat().st_size
        upload.path = target
        upload.status = "Completed"
        self._drop_parts(upload)
        return upload

    def abort_upload(self, upload: Upload) -> Upload:
        if upload.status == "Initialized":
            upload.status = "Aborted"
            self._drop_parts(upload)
        return upload

    def _drop_parts(self, upload: Upload) -> None:
        upload.parts.clear()
        shutil.rmtree(self._dir / "parts" / upload.pk, ignore_errors=True)

    def completed_upload(self, user: User, data: Any) -> Upload:
        """A hyperlinked upload of this user (the serializers' querysets); ValueError with DRF's message."""
        upload: Upload = self.resolve(data, "upload", self.uploads)
        if upload.creator != user.pk:
            raise ValueError(NO_OBJECT)
        return upload

    # ------------------------------------------------------------------ imports

    def import_uploads(
        self, user: User, uploads: list[Upload], on_done: Callable[[UploadSession], None] | None = None
    ) -> UploadSession:
        """A RawImageUploadSession: Queued now, Started and then Succeeded/Failed on the clock; `on_done` runs then."""
        session = UploadSession(new_pk(), user.pk, [u.pk for u in uploads])
        self.sessions[session.pk] = session

        def start() -> None:
            session.status = "Started"
            self.scheduler.after(self.import_seconds / 2, finish)

        def finish() -> None:
            files = [(u.filename, u.path) for u in uploads if u.path is not None and u.status == "Completed"]
            grouping = _images.group(files)
            for candidate in grouping.images:
                session.images.append(self.add_image(candidate, origin=session.pk).pk)
            if grouping.errors:
                listed = "; ".join(f"{name}: {why}" for name, why in sorted(grouping.errors.items()))
                count = len(grouping.errors)
                session.error_message = f"{count} file{'s' if count > 1 else ''} could not be imported. {listed}"
            session.status = "Succeeded" if session.images else "Failed"
            if not files:
                session.error_message = "No files were uploaded"
            if on_done is not None:
                on_done(session)
            for waiting in session.waiting:
                waiting(session)
            session.waiting.clear()

        self.scheduler.after(self.import_seconds / 2, start)
        return session

    def create_upload_session(self, user: User, data: dict[str, Any]) -> UploadSession:
        errors: dict[str, list[str]] = {}
        uploads: list[Upload] = []
        for link in data.get("uploads") or []:
            try:
                upload = self.completed_upload(user, link)
                if upload.status != "Completed":
                    raise ValueError(NO_OBJECT)
                uploads.append(upload)
            except ValueError as error:
                errors.setdefault("uploads", []).append(str(error))
        targets: dict[str, Any] = {}
        lookups: dict[str, tuple[dict[str, Any], str]] = {
            "archive_item": (self.archive_items, "ArchiveItem"),
            "display_set": (self.display_sets, "DisplaySet"),
            "answer": (self.answers, "Answer"),
        }
        if "archive" in data:
            archive = next((a for a in self.archives.values() if a.slug == data["archive"]), None)
            if archive is None:
                errors["archive"] = [f"Object with slug={data['archive']} does not exist."]
            targets["archive"] = archive
        for name, (table, _) in lookups.items():
            if name in data:
                if str(data[name]) not in table:
                    errors[name] = [f'Invalid pk "{data[name]}" - object does not exist.']
                targets[name] = table.get(str(data[name]))
        socket = None
        if "interface" in data:
            try:
                socket = self.socket_by_slug(data["interface"])
            except ValueError as error:
                errors["interface"] = [str(error)]
        if errors:
            raise ValidationError(errors)
        problems = self._session_problems(uploads, targets, socket is not None, "interface" in data)
        if problems:
            raise ValidationError(problems)
        answer = targets.get("answer")
        if answer is not None:
            answer.answer = None  # the server links the answer to the session for image assignment

        def deliver(session: UploadSession) -> None:
            for image_pk in session.images:
                self._deliver_image(targets, socket, image_pk)

        return self.import_uploads(user, uploads, deliver if targets else None)

    @staticmethod
    def _session_problems(
        uploads: list[Upload], targets: dict[str, Any], has_socket: bool, socket_given: bool
    ) -> str | None:
        if len(uploads) > 100:
            return "Too many files uploaded. A maximum of 100 files may be uploaded per session."
        if len({u.filename for u in uploads}) != len(uploads):
            return "Filenames must be unique"
        if len(targets) > 1:
            return "Only one of archive, archive item, answer or reader study can be set"
        if socket_given and not ({"archive", "archive_item", "display_set"} & set(targets)):
            return "An interface can only be defined for archive, archive item or display set uploads."
        if "archive_item" in targets and not has_socket:
            return "An interface needs to be defined to upload to an archive item."
        if "display_set" in targets and not has_socket:
            return "An interface needs to be defined to upload to a display set."
        return None

    def _deliver_image(self, targets: dict[str, Any], socket: Socket | None, image_pk: str) -> None:
        slug = socket.slug if socket else None
        if "archive" in targets:
            archive: Archive = targets["archive"]
            item = ArchiveItem(new_pk(), archive.pk)
            self.archive_items[item.pk] = item
            item.values[slug or archive.default_socket] = self.new_value(
                slug or archive.default_socket, image=image_pk
            ).pk
        elif "archive_item" in targets and slug:
            targets["archive_item"].values[slug] = self.new_value(slug, image=image_pk).pk
        elif "display_set" in targets and slug:
            targets["display_set"].values[slug] = self.new_value(slug, image=image_pk).pk
        elif "answer" in targets:
            targets["answer"].answer_image = image_pk

    # ------------------------------------------------------------------ socket values (CIVs)

    def check_values(self, user: User, given: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """ComponentInterfaceValuePostSerializer(many=True): (resolved values, DRF errors per item or [])."""
        if not isinstance(given, list):
            return [], [{"non_field_errors": [f'Expected a list of items but got type "{type(given).__name__}".']}]
        resolved: list[dict[str, Any]] = []
        errors: list[dict[str, Any]] = []
        for item in given:
            result, problem = self._check_value(user, item)
            resolved.append(result)
            errors.append(problem)
        return resolved, (errors if any(errors) else [])

    def _check_value(self, user: User, item: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        if not isinstance(item, dict):
            return {}, {"non_field_errors": [f"Invalid data. Expected a dictionary, but got {type(item).__name__}."]}
        field_errors: dict[str, list[str]] = {}
        out: dict[str, Any] = {k: item[k] for k in CIV_KEYS if k in item}
        try:
            out["interface"] = self.socket_by_slug(item.get("interface"))
        except ValueError as error:
            field_errors["interface"] = [str(error) if "interface" in item else "This field is required."]
        for key, route, table in (
            ("image", "image", self.images),
            ("upload_session", "upload-session", self.sessions),
        ):
            if item.get(key) is not None:
                try:
                    out[key] = self.resolve(item[key], route, table)
                except ValueError as error:
                    field_errors[key] = [str(error)]
        if item.get("user_upload") is not None:
            try:
                out["user_upload"] = self.completed_upload(user, item["user_upload"])
            except ValueError as error:
                field_errors["user_upload"] = [str(error)]
        if item.get("user_uploads") is not None:
            uploads = []
            for link in item["user_uploads"]:
                try:
                    uploads.append(self.completed_upload(user, link))
                except ValueError as error:
                    field_errors.setdefault("user_uploads", []).append(str(error))
            out["user_uploads"] = uploads
        if field_errors:
            return out, field_errors
        message = self._value_problem(out)
        if message:
            return out, {"non_field_errors": [message]} if not message.startswith("JSON") else {"value": [message]}
        return out, {}

    @staticmethod
    def _value_problem(out: dict[str, Any]) -> str | None:
        socket: Socket = out["interface"]
        keys = set(out) - {"interface"}
        if not keys:
            return f"You must provide at least one of {POSSIBLE_KEYS}."
        not_none = {k for k in keys if out[k] is not None}
        if len(not_none) > 1 and not_none != {"image_name", "user_uploads"}:
            return f"You can only provide one of {POSSIBLE_KEYS} for each socket."
        kind = socket.kind
        if socket.super_kind == "Image" and not (
            out.get("image") or out.get("user_uploads") or out.get("upload_session")
        ):
            return f"upload_session, user_uploads or image are required for interface kind {kind}"
        if socket.super_kind == "Value" and out.get("value") is None:
            return f"value is required for interface kind {kind}"
        if socket.super_kind == "File" and not (out.get("file") or out.get("user_upload")):
            return f"user_upload or file is required for interface kind {kind}"
        if socket.super_kind == "Value":
            return _images.value_type_error(kind, out["value"])
        return None

    def attach_values(
        self,
        user: User,
        owner: dict[str, int],
        values: list[dict[str, Any]],
        on_ready: Callable[[], None] | None = None,
    ) -> int:
        """Attach checked values to `owner` (socket slug -> Value pk): values and existing images now, uploads in
        the background; `on_ready` runs once everything is attached. Returns the number still pending."""
        pending = 0

        def landed() -> None:
            nonlocal pending
            pending -= 1
            if pending == 0 and on_ready is not None:
                on_ready()

        for value in values:
            socket: Socket = value["interface"]
            if value.get("value") is not None:
                owner[socket.slug] = self.new_value(socket.slug, value=value["value"]).pk
            elif value.get("image") is not None:
                owner[socket.slug] = self.new_value(socket.slug, image=value["image"].pk).pk
            elif value.get("user_upload") is not None:
                pending += 1
                self.scheduler.after(
                    self.import_seconds / 2, self._file_task(owner, socket, value["user_upload"], landed)
                )
            elif value.get("user_uploads"):
                pending += 1
                self.import_uploads(user, value["user_uploads"], self._image_task(owner, socket, landed))
            elif value.get("upload_session") is not None:
                session: UploadSession = value["upload_session"]
                if session.status not in TERMINAL_SESSION:  # gcapi 0.13 posts the session right after creating it
                    pending += 1
                    session.waiting.append(self._image_task(owner, socket, landed))
                elif session.images:
                    owner[socket.slug] = self.new_value(socket.slug, image=session.images[0]).pk
        if pending == 0 and on_ready is not None:
            on_ready()
        return pending

    def _file_task(
        self, owner: dict[str, int], socket: Socket, upload: Upload, landed: Callable[[], None]
    ) -> Callable[[], None]:
        def run() -> None:
            if upload.path is not None:
                value = self.new_value(socket.slug)
                self.value_file(value, Path(socket.relative_path).name or upload.filename, upload.path)
                owner[socket.slug] = value.pk
            landed()

        return run

    def _image_task(
        self, owner: dict[str, int], socket: Socket, landed: Callable[[], None]
    ) -> Callable[[UploadSession], None]:
        def run(session: UploadSession) -> None:
            if session.images:
                owner[socket.slug] = self.new_value(socket.slug, image=session.images[0]).pk
            landed()

        return run

    def replace_values(self, owner: dict[str, int], keep: Iterable[str]) -> None:
        """A PUT (not partial): sockets not given are removed."""
        kept = set(keep)
        for slug in list(owner):
            if slug not in kept:
                del owner[slug]

    # ------------------------------------------------------------------ jobs

    def create_job(self, user: User, data: dict[str, Any]) -> Job:
        errors: dict[str, Any] = {}
        try:
            algorithm: Algorithm = self.resolve(data.get("algorithm"), "algorithm", self.algorithms)
        except ValueError as error:
            errors["algorithm"] = [str(error)]
        values, value_errors = self.check_values(user, data.get("inputs"))
        if value_errors:
            errors["inputs"] = value_errors
        if errors:
            raise ValidationError(errors)
        given = {v["interface"].slug for v in values}
        index = next((i for i, f in enumerate(algorithm.interfaces) if set(f.inputs) == given), None)
        if index is None:
            listed = [f"Interface {n}: {_oxford(f.inputs)}" for n, f in enumerate(algorithm.interfaces, start=1)]
            raise ValidationError(
                "The set of inputs provided does not match any of the algorithm's interfaces. This algorithm "
                f"supports the following input combinations: {_oxford(listed)}"
            )
        job = Job(new_pk(), algorithm.pk, index, user.pk, self.clock.now())
        self.jobs[job.pk] = job
        job.pending_inputs = self.attach_values(user, job.inputs, values, on_ready=lambda: self._inputs_ready(job))
        return job

    def _inputs_ready(self, job: Job) -> None:
        algorithm = self.algorithms[job.algorithm]
        wanted = set(algorithm.interfaces[job.interface].inputs)
        if set(job.inputs) != wanted:
            job.status = "Failed"
            job.error_message = "One or more of the inputs failed validation"
            return
        self._advance(job, 0)

    def _advance(self, job: Job, stage: int) -> None:
        if job.status == "Cancelled":
            return
        if stage < len(JOB_STAGES):
            job.status = JOB_STAGES[stage]
            if job.status == "Executing":
                job.started_at = self.scheduler.now()
            if job.status == "Executed":
                job.finished_at = self.scheduler.now()
            self.scheduler.after(self.job_step_seconds, lambda: self._advance(job, stage + 1))
            return
        algorithm = self.algorithms[job.algorithm]
        if algorithm.fail_jobs:
            job.status = "Failed"
            job.error_message = "The algorithm failed (canned failure)"
            return
        for n, slug in enumerate(algorithm.interfaces[job.interface].outputs):
            self._canned_output(job, self.sockets[slug], n)
        job.status = "Succeeded"

    def _canned_output(self, job: Job, socket: Socket, n: int) -> None:
        seed = uuid.UUID(job.pk).int % 1000 + n
        kind, payload = _images.canned_output(socket.kind, socket.super_kind, socket.relative_path, seed)
        if kind == "image":
            image = self.add_image_bytes(f"{socket.slug}.nii.gz", payload)
            job.outputs[socket.slug] = self.new_value(socket.slug, image=image.pk).pk
        elif kind == "file":
            value = self.new_value(socket.slug)
            self.value_file(value, Path(socket.relative_path).name, payload)
            job.outputs[socket.slug] = value.pk
        else:
            job.outputs[socket.slug] = self.new_value(socket.slug, value=payload).pk

    # ------------------------------------------------------------------ archives and reader studies

    def create_archive_item(self, data: dict[str, Any]) -> ArchiveItem:
        try:
            archive: Archive = self.resolve(data.get("archive"), "archive", self.archives)
        except ValueError as error:
            raise ValidationError({"archive": [str(error)]}) from None
        if data.get("values"):
            raise ValidationError("Values can only be added via update")
        item = ArchiveItem(new_pk(), archive.pk, title=str(data.get("title") or ""))
        self.archive_items[item.pk] = item
        return item

    def create_display_set(self, data: dict[str, Any]) -> DisplaySet:
        slug = data.get("reader_study")
        study = next((r for r in self.reader_studies.values() if r.slug == slug), None)
        if study is None:
            raise ValidationError({"reader_study": [f"Object with slug={slug} does not exist."]})
        if data.get("values"):
            raise ValidationError("Values can only be added via update")
        orders = [d.order for d in self.display_sets.values() if d.reader_study == study.pk]
        order = data.get("order") or (max(orders, default=0) + 10)
        display_set = DisplaySet(new_pk(), study.pk, order, title=str(data.get("title") or ""))
        self.display_sets[display_set.pk] = display_set
        return display_set

    def save_answer(self, user: User, data: dict[str, Any], answer: Answer | None = None) -> Answer:
        if answer is not None:
            return self._update_answer(answer, data)
        errors: dict[str, list[str]] = {}
        try:
            question: Question = self.resolve(data.get("question"), "question", self.questions)
        except ValueError as error:
            errors["question"] = [str(error)]
        display_set: DisplaySet | None = None
        if data.get("display_set") is not None:
            try:
                display_set = self.resolve(data["display_set"], "display-set", self.display_sets)
            except ValueError as error:
                errors["display_set"] = [str(error)]
        if errors:
            raise ValidationError(errors)
        if display_set is None or display_set.reader_study != question.reader_study:
            raise ValidationError("Display set and question must belong to the same reader study.")
        taken = any(
            a.question == question.pk and a.display_set == display_set.pk and a.creator == user.username
            and not a.is_ground_truth
            for a in self.answers.values()
        )  # fmt: skip
        if taken:
            raise ValidationError(f"User {user.username} has already answered this question for this display set.")
        self._check_answer(question, data.get("answer"))
        stamp = now_iso()
        created = Answer(
            new_pk(),
            question.pk,
            display_set.pk,
            user.username,
            data.get("answer"),
            stamp,
            stamp,
            last_edit_duration=data.get("last_edit_duration"),
            score=data.get("score"),
        )
        self.answers[created.pk] = created
        return created

    def _update_answer(self, answer: Answer, data: dict[str, Any]) -> Answer:
        question = self.questions[answer.question]
        if not self.reader_studies[question.reader_study].allow_answer_modification:
            raise ValidationError("This reader study does not allow answer modification.")
        if not set(data) <= {"answer", "last_edit_duration"}:
            raise ValidationError("Only the answer and last_edit_duration field can be modified.")
        if "answer" in data:
            self._check_answer(question, data["answer"])
            answer.answer = data["answer"]
        if "last_edit_duration" in data:
            answer.last_edit_duration = data["last_edit_duration"]
        answer.modified = now_iso()
        return answer

    @staticmethod
    def _check_answer(question: Question, value: Any) -> None:
        if value is None:
            if question.required:
                raise ValidationError("Answer for required question cannot be None")
            return
        types: dict[str, tuple[type, ...]] = {
            "Bool": (bool,),
            "Single line text": (str,),
            "Multi line text": (str,),
            "Number": (int, float),
            "Choice": (int,),
        }
        expected = types.get(question.answer_type)
        wrong_bool = isinstance(value, bool) and question.answer_type != "Bool"
        if expected and (not isinstance(value, expected) or wrong_bool):
            raise ValidationError(f"Your answer is not the correct type for the question {question.answer_type!r}.")
        if question.answer_type == "Choice" and value not in {pk for pk, _ in question.options}:
            raise ValidationError("Provided option is not valid for this question")

    def ground_truth(self, study: ReaderStudy, case_pk: str) -> dict[str, Any]:
        if not (study.is_educational and self.has_ground_truth(study)):
            raise NotFound()
        out: dict[str, Any] = {}
        for answer in self.answers.values():
            question = self.questions[answer.question]
            if answer.is_ground_truth and answer.display_set == case_pk and question.reader_study == study.pk:
                out[question.pk] = {
                    "answer": answer.answer,
                    "answer_text": "" if answer.answer is None else str(answer.answer),
                    "question_text": question.text,
                    "options": {str(pk): title for pk, title in question.options},
                    "explanation": answer.explanation,
                }
        return out

    def has_ground_truth(self, study: ReaderStudy) -> bool:
        return any(
            a.is_ground_truth and self.questions[a.question].reader_study == study.pk for a in self.answers.values()
        )


class _Adopted(Clock):
    """Any `() -> seconds` callable as a Clock (e.g. medannot.testing's shared ManualClock)."""

    def __init__(self, source: Callable[[], float]) -> None:
        super().__init__()
        self._source = source

    def now(self) -> float:
        return self._source() + self._offset


def _oxford(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + f", and {items[-1]}"
