"""State and rules of an emulated MONAI Label 0.8.5 server, with no HTTP in it (moto's models.py).

The emulated app is the project's test app (tools/servers/monailabel_app): one infer model and one trainer
named `threshold`, strategies `first` and `random`, scoring `sum` and `dice`. Files live in a temporary
directory owned by the backend; every emulator has its own backend, so nothing is shared between tests.
"""

from __future__ import annotations

import copy
import json
import os
import random
import shutil
import tempfile
import threading
import time
import weakref
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, BinaryIO

from medannot.testing.monailabel import _models
from medannot.testing.monailabel._auth import ALL_ROLES, DEFAULT_USER, Realm, User
from medannot.testing.monailabel._datastore import FINAL, ORIGINAL, Datastore, checksum, upload_suffix
from medannot.testing.monailabel._sessions import Sessions
from medannot.testing.monailabel._tasks import TaskQueue
from medannot.testing.monailabel.errors import ApiError, ServerFault
from medannot.types import JSONObject

APP = {
    "name": "medannot-tiny",
    "description": "Threshold-at-mean segmentation for tests (no weights)",
    "version": "0.8.5",  # the test app reports the MONAI Label release, as the sample apps do
}
INFERS: dict[str, JSONObject] = {
    "threshold": {
        "type": "segmentation",
        "labels": {"foreground": 1},
        "dimension": 3,
        "description": "Voxels above the volume mean are foreground",
        "config": {},
    }
}
TRAINERS: dict[str, JSONObject] = {
    "threshold": {
        "description": "Pretends to train: waits `sleep` seconds, then summarises the datastore",
        "config": {"sleep": 1.0},
    }
}
STRATEGIES = {"first": {"description": "Get First Sample"}, "random": {"description": "Random Strategy"}}
SCORING = {
    "sum": {"description": "Compute Numpy Sum for Final/Original Labels"},
    "dice": {"description": "Compute Dice for predicated label vs submitted"},
}
# The body POST /batch/infer/{model} assumes when none is sent.
BATCH_DEFAULTS: JSONObject = {
    "device": "cuda",
    "multi_gpu": True,
    "gpus": "all",
    "logging": "WARNING",
    "save_label": True,
    "label_tag": ORIGINAL,
    "max_workers": 1,
    "max_batch_size": 0,
}
_BEARER = {"WWW-Authenticate": "Bearer"}


def json_object(text: str) -> dict[str, Any]:
    """A JSON object sent as a form field; anything else crashes the real server."""
    try:
        value = json.loads(text) if text else {}
    except ValueError as error:
        raise ServerFault(f"invalid JSON: {error}") from error
    if not isinstance(value, dict):
        raise ServerFault(f"expected a JSON object, got {type(value).__name__}")
    return value


class MonaiLabelBackend:
    def __init__(
        self,
        studies: str | os.PathLike[str] | None = None,
        *,
        auth: bool = False,
        username: str = "admin",
        password: str = "admin",
        roles: Iterable[str] = ALL_ROLES,
        token_ttl: int = 300,
        task_seconds: tuple[float, float] = (0.1, 0.5),
        clock: Callable[[], float] | None = None,
        seed: int = 0,
    ) -> None:
        """`studies`: a folder of .nii/.nii.gz images copied in at start (and on reset). `task_seconds`: how long
        a background task stays SUBMITTED, then RUNNING, on `clock` (default `time.monotonic`). `seed` makes the
        `random` strategy reproducible."""
        self.lock: threading.RLock = threading.RLock()  # the server thread and the test thread both reach the state
        self.studies: Path | None = Path(studies) if studies else None
        self.auth = auth
        self.realm: Realm = Realm(username, password, tuple(roles), token_ttl)
        queued, running = task_seconds
        if queued < 0 or running < 0:
            raise ValueError(f"task_seconds must be >= 0, got {task_seconds}")
        self._queued, self._running, self._clock = float(queued), float(running), clock or time.monotonic
        self._seed = seed
        self.workdir: Path = Path(tempfile.mkdtemp(prefix="medannot-monailabel-"))
        self._cleanup = weakref.finalize(self, shutil.rmtree, self.workdir, ignore_errors=True)
        self.reset()

    # -- emulator control

    def reset(self) -> None:
        with self.lock:
            for child in self.workdir.iterdir():
                shutil.rmtree(child)
            for folder in ("studies", "sessions", "scratch", "logs"):
                (self.workdir / folder).mkdir()
            self.scratch: Path = self.workdir / "scratch"  # uploads for infer, results, archives
            self.datastore: Datastore = Datastore(self.workdir / "studies")
            if self.studies:
                self.datastore.preload(self.studies)
            self.sessions: Sessions = Sessions(self.workdir / "sessions")
            self.train_tasks: TaskQueue = self._queue("train", self._train)
            self.scoring_tasks: TaskQueue = self._queue("scoring", self._score)
            self.batch_tasks: TaskQueue = self._queue("batch_infer", self._batch_infer)
            self.random: random.Random = random.Random(self._seed)
            self.log_file: Path = self.workdir / "logs" / "app.log"
            self.log("App Init - completed")

    def _queue(self, kind: str, work: Callable[[dict[str, Any]], Any]) -> TaskQueue:
        return TaskQueue(kind, work, queued=self._queued, running=self._running, clock=self._clock)

    def state(self) -> dict[str, Any]:
        with self.lock:
            return {
                "auth": self.auth,
                "datastore": self.datastore.to_json(),
                "sessions": {k: s.to_json() for k, s in self.sessions.sessions.items()},
                "tasks": {q.kind: q.to_json() for q in (self.train_tasks, self.scoring_tasks, self.batch_tasks)},
            }

    def close(self) -> None:
        self._cleanup()

    def log(self, message: str) -> None:
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        with self.log_file.open("a", encoding="utf-8") as log:
            log.write(f"[{stamp}] [INFO] (medannot.emulator) - {message}\n")

    # -- auth

    def user_for(self, authorization: str | None) -> User:
        """The caller, from an `Authorization` header; 401 as FastAPI's OAuth2PasswordBearer answers it."""
        if not self.auth:
            return DEFAULT_USER
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer":
            raise ApiError(401, "Not authenticated", _BEARER)
        user = self.realm.verify(token)
        if user is None:
            raise ApiError(401, "Could not validate credentials", _BEARER)
        return user

    def require(self, user: User, role: str) -> None:
        if self.auth and role not in user.roles:
            raise ApiError(403, f'Role "{role}" is required to perform this action')

    def token(self, username: str, password: str) -> dict[str, str]:
        token = self.realm.issue(username, password)
        if token is None:  # the identity provider says 401 and the server lets requests' HTTPError escape
            raise ServerFault("401 Client Error: Unauthorized for the token endpoint")
        return {"access_token": token, "token_type": "Bearer"}

    # -- app

    def info(self) -> dict[str, Any]:
        return {
            **APP,
            "labels": ["foreground"],
            "models": copy.deepcopy(INFERS),
            "trainers": copy.deepcopy(TRAINERS),
            "strategies": copy.deepcopy(STRATEGIES),
            "scoring": copy.deepcopy(SCORING),
            "train_stats": {name: {} for name in TRAINERS},
            "datastore": self.datastore.status(),
        }

    # -- datastore

    def add_image(self, image_id: str | None, filename: str | None, source: BinaryIO, params: str, user: str) -> str:
        suffix = upload_suffix(filename)
        image_id = image_id or Path(filename or "").name.replace(suffix, "")
        info = json_object(params)
        if user:
            info["user"] = user
        self.log(f"Adding Image: {image_id}")
        return self.datastore.add_image(image_id, suffix, source, info)

    def save_label(
        self, image_id: str, tag: str, filename: str | None, source: BinaryIO, params: str
    ) -> dict[str, Any]:
        info = json_object(params)
        label_id = self.datastore.save_label(image_id, tag or FINAL, upload_suffix(filename), source, info)
        self.log(f"Saving Label for Image: {image_id}; Tag: {tag or FINAL}")
        return {"image": image_id, "label": label_id}

    def update_image_info(self, image_id: str, info: str, user: str) -> None:
        changes = json_object(info)
        if user:
            changes["user"] = user
        self.datastore.update_image_info(image_id, changes)

    def update_label_info(self, label_id: str, tag: str, info: str, user: str) -> None:
        changes = json_object(info)
        if user:
            changes["user"] = user
        self.datastore.update_label_info(label_id, tag, changes)

    def image_file(self, image_id: str) -> Path:
        path = self.datastore.image_path(image_id)
        if path is None or not path.is_file():
            raise ApiError(404, "Image NOT Found")
        return path

    def label_file(self, label_id: str, tag: str) -> Path:
        path = self.datastore.label_path(label_id, tag)
        if path is None or not path.is_file():
            raise ApiError(404, "Label NOT Found")
        return path

    def check_image(self, image_id: str, check_sum: str | None) -> None:
        path = self.image_file(image_id)
        if check_sum:
            fields = check_sum.split(":")
            algo = "SHA256" if len(fields) == 1 else fields[0]
            digest = check_sum.lstrip(algo + ":") if len(fields) > 1 else check_sum
            # As in the server: a bare digest is compared with "ALGO:digest", so every check_sum fails.
            if digest != checksum(path, algo):
                raise ApiError(404, "Image NOT Found (checksum failed)")

    def dataset(self, limit_cases: int | None) -> Path:
        return self.datastore.archive(limit_cases, self.scratch)

    # -- models: the test app ships no weights, so there is never a model file

    def model_file(self, model: str) -> Path:
        raise ApiError(404, f"Model File NOT Found for {model}")

    def update_model(self, model: str) -> dict[str, Any]:
        raise ApiError(500, f"Model File Name NOT configured for {model}")

    # -- infer

    def infer(
        self,
        model: str,
        *,
        image_id: str = "",
        session_id: str = "",
        upload: tuple[str | None, BinaryIO] | None = None,
        params: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Infer on a datastore image, an uploaded file or a session's image: {label, tag, file, params}."""
        if upload is None and not image_id and not session_id:
            raise ApiError(500, "Neither Image nor File not Session ID input is provided")
        request: dict[str, Any] = {"model": model, "image": image_id}
        if upload is not None:
            try:
                fd, name = tempfile.mkstemp(suffix=upload_suffix(upload[0]), dir=self.scratch)
            except (OSError, ValueError) as error:  # the server names its temporary file after the upload too
                raise ServerFault(f"cannot store {upload[0]!r}: {error}") from error
            with open(fd, "wb") as out:
                shutil.copyfileobj(upload[1], out)
            request["image"] = name
        request.update(params or {})
        session = self.sessions.get(session_id, update_ts=True) if session_id else None
        if session is not None:
            request["image"] = session.image
        return self._run_infer(request)

    def _run_infer(self, request: dict[str, Any]) -> dict[str, Any]:
        model = request["model"]
        if model not in INFERS:
            raise ServerFault(f"Inference Task is not Initialized. There is no model '{model}' available")
        image = str(request["image"])
        # The server reads any existing path it is given; the emulator only its own uploads and sessions.
        given_file = os.path.isabs(image) and Path(image).resolve().is_relative_to(self.workdir.resolve())
        path = Path(image) if given_file else self.datastore.image_path(image)
        if path is None:
            raise ServerFault(f"Image {image} not found")
        result, params = _models.threshold(path, self.scratch)
        label: str = str(result)
        if request.get("save_label", False) and not given_file:
            with result.open("rb") as stream:
                info = {"model": model, "params": params}
                label = self.datastore.save_label(image, request.get("label_tag", ORIGINAL), ".nii.gz", stream, info)
        self.log(f"Infer {model} on {Path(image).name}: {params}")
        return {"label": label, "tag": ORIGINAL, "file": result, "params": params}

    def batch_infer(self, model: str, images: str, params: dict[str, Any] | None, run_sync: bool) -> Any:
        return self.batch_tasks.run({"model": model, "images": images, **(params or {})}, run_sync=run_sync)

    def _batch_infer(self, request: dict[str, Any]) -> dict[str, Any]:
        which = request.get("images", "all")
        ids = {"labeled": self.datastore.labeled, "unlabeled": self.datastore.unlabeled}.get(
            which, lambda: list(self.datastore.records)
        )()
        ids = sorted(ids)
        if request.get("max_batch_size", 0) > 0:
            ids = ids[: request["max_batch_size"]]
        if ids and request.get("multi_gpu", True):
            # The server spreads images over CUDA devices; with none, it divides by zero.
            raise ServerFault("integer modulo by zero (multi_gpu without a GPU)")
        result: dict[str, Any] = {}
        for image_id in ids:
            done = self._run_infer({**request, "image": image_id, "save_label": True})
            done["file"].unlink(missing_ok=True)
            result[image_id] = {k: v for k, v in done.items() if k != "file"}
        return result

    # -- active learning

    def next_sample(self, strategy: str, params: dict[str, Any] | None, user: str) -> dict[str, Any]:
        if strategy not in STRATEGIES:
            raise ServerFault(
                f"ActiveLearning Task is not Initialized. There is no such strategy '{strategy}' available"
            )
        images = self.datastore.unlabeled()
        if not images:
            return {}
        if strategy == "first":
            sample: dict[str, Any] = {"id": sorted(images)[0]}
        else:
            now = int(time.time())
            weights = [
                now - self.datastore.image_info(i).get("strategy", {}).get(strategy, {}).get("ts", 0) for i in images
            ]
            if not sum(weights):  # every image sampled this very second: random.choices raises, so does the server
                raise ServerFault("Total of weights must be greater than zero")
            sample = {"id": self.random.choices(images, weights=weights)[0], "weight": weights[0]}
        image_id = sample["id"]
        sample["path"] = str(self.datastore.image_path(image_id))
        info = self.datastore.image_info(image_id)
        # Like the server, the returned info shows this call's mark only if the image was sampled before.
        marks = info.get("strategy", {})
        marks[strategy] = {"ts": int(time.time()), "client_id": (params or {}).get("client_id", user)}
        self.datastore.update_image_info(image_id, {"strategy": copy.deepcopy(marks)})
        sample.update(info)
        return sample

    # -- sessions

    def create_session(self, files: list[tuple[str, BinaryIO]], expiry: int, uncompress: bool) -> dict[str, Any]:
        try:
            session = self.sessions.create(files, expiry=expiry, uncompress=uncompress)
        except (shutil.ReadError, ValueError) as error:  # not an archive while uncompress=true
            raise ServerFault(f"not an archive: {error}") from error
        return {"session_id": session.name, "session_info": session.to_json()}

    def session(self, session_id: str, *, update_ts: bool = False) -> dict[str, Any]:
        session = self.sessions.get(session_id, update_ts=update_ts)
        if session is None:
            raise ApiError(404, f"Session ({session_id}) Not Found")
        return session.to_json()

    def remove_session(self, session_id: str) -> dict[str, Any]:
        session = self.sessions.remove(session_id)
        if session is None:
            raise ApiError(404, "Session Not Found")
        return session.to_json()

    # -- training and scoring

    def train(self, model: str, params: dict[str, Any] | None, *, run_sync: bool, enqueue: bool) -> Any:
        return self.train_tasks.run({"model": model, **(params or {})}, run_sync=run_sync, enqueue=enqueue)

    def train_all(self, params: dict[str, Any] | None, run_sync: bool) -> dict[str, Any]:
        return self.train_tasks.run_each("model", TRAINERS, params, run_sync=run_sync)

    def _train(self, request: dict[str, Any]) -> dict[str, Any]:
        model = request.get("model")
        if model not in TRAINERS:
            raise ServerFault(f"Train Task is not Initialized. There is no model '{model}' available; {request}")
        self.log(f"Train {model} done")
        return {
            "model": model,
            "slept": float(request.get("sleep", 1.0)),
            "images": len(self.datastore.records),
            "labeled": len(self.datastore.labeled()),
        }

    def score(self, method: str, params: dict[str, Any] | None, run_sync: bool) -> Any:
        return self.scoring_tasks.run({"method": method, **(params or {})}, run_sync=run_sync)

    def score_all(self, params: dict[str, Any] | None, run_sync: bool) -> dict[str, Any]:
        return self.scoring_tasks.run_each("method", SCORING, params, run_sync=run_sync)

    def _score(self, request: dict[str, Any]) -> dict[str, Any]:
        method = request.get("method")
        result: dict[str, Any] = {}
        if method == "sum":
            for image_id in list(self.datastore.records):
                for tag in (FINAL, ORIGINAL):
                    path = self.datastore.label_path(image_id, tag)
                    if path is not None:
                        result[image_id] = _models.label_sum(path)
                        self.datastore.update_label_info(image_id, tag, result[image_id])
        elif method == "dice":
            tag_y, tag_pred = request.get("y", FINAL), request.get("y_pred", ORIGINAL)
            for image_id in list(self.datastore.records):
                y, pred = (
                    self.datastore.label_path(image_id, tag_y),
                    self.datastore.label_path(image_id, tag_pred),
                )
                if y is not None and pred is not None:
                    result[image_id] = _models.dice(y, pred)
                    self.datastore.update_image_info(image_id, {"dice": result[image_id]})
        else:
            raise ServerFault(f"Scoring Task is not Initialized. There is no such scoring method '{method}' available")
        return result
