"""`medannot.monailabel.Client`: the official MONAILabelClient's verbs, typed, streamed and retried.

JSON calls go through the generated client (`self.api`) on the shared session; uploads, downloads and the
multipart infer answer are streamed by the core. Paths of streamed calls are the schema's own.
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

import httpx

from medannot.core.auth import BearerAuth
from medannot.core.client import ClientLifecycle
from medannot.core.config import ClientOptions, as_timeout
from medannot.core.downloads import save_response
from medannot.core.files import FileInput, open_file_input
from medannot.core.redact import Secret
from medannot.core.response import parse_model, unwrap
from medannot.core.retry import IDEMPOTENT_EXTENSION, RetryPolicy
from medannot.core.transport import Session
from medannot.core.uploads import FilePart, MultipartBody, Progress
from medannot.errors import AuthError, BadInput, NotFound
from medannot.monailabel.models import DatastoreImage, InferResult, WsiInferResult, parse_json_field

# The generated operations and models are imported inside the methods that call them: importing any of them
# builds every generated model class, which a program pays for on its first call, not on import.
if TYPE_CHECKING:
    from medannot_api.monailabel.client import AuthenticatedClient
    from medannot_api.monailabel.models import (
        AppInfo,
        Datastore,
        DatastoreStatus,
        ImageAdded,
        LabelSaved,
        NextSample,
        SessionCreated,
        SessionInfo,
        TaskRecord,
        Token,
    )
    from medannot_api.monailabel.types import Response

WSI_OUTPUTS = ("dsa", "asap", "json")


class Client(ClientLifecycle):
    """A MONAI Label server. Use as a context manager, or call `close()`.

    >>> with Client("http://127.0.0.1:8000") as ml:
    ...     ml.upload_image("ct.nii.gz")
    """

    def __init__(
        self,
        server_url: str,
        tmpdir: str | os.PathLike[str] | None = None,
        client_id: str | None = None,
        *,
        token: str | None = None,
        username: str | None = None,
        password: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        retry: RetryPolicy | None = None,
        verify: bool | str = True,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if not server_url or not server_url.strip():
            raise BadInput("server_url is empty")
        self._tmpdir = Path(tmpdir) if tmpdir else Path(tempfile.gettempdir())
        self._client_id = client_id
        self._credentials = (username, Secret(password)) if username and password else None
        self._auth = BearerAuth(
            Secret(token) if token else None, renew=self._renew_token if self._credentials else None
        )
        self._options = ClientOptions(
            base_url=server_url.rstrip("/").strip(),
            timeout=as_timeout(timeout),
            retry=retry or RetryPolicy(),
            verify=verify,
            transport=transport,
        )
        self._open_session()

    def _open_session(self) -> None:
        self._session = Session(self._options, auth=self._auth)
        self.__dict__.pop("api", None)  # a new session needs a new generated client

    @functools.cached_property
    def api(self) -> AuthenticatedClient:
        """The generated low-level client on the same session (auth, retries and timeouts included).

        Built on first use: constructing a client sends nothing, so it needs none of the generated code."""
        from medannot_api.monailabel.client import AuthenticatedClient

        return self._session.bind(AuthenticatedClient(base_url=self._options.base_url, token=""))

    # --- server URL ---------------------------------------------------------------------------
    def get_server_url(self) -> str:
        return self._options.base_url

    def set_server_url(self, server_url: str) -> None:
        if not server_url or not server_url.strip():
            raise BadInput("server_url is empty")
        self._session.close()
        self._options = self._options.replace(base_url=server_url.rstrip("/").strip())
        self._open_session()

    # --- auth ---------------------------------------------------------------------------------
    def auth_enabled(self) -> bool:
        from medannot_api.monailabel.api.auth import auth_enabled_auth_get as auth_enabled_op
        from medannot_api.monailabel.models import AuthSettings

        try:
            settings = unwrap(AuthSettings, lambda: auth_enabled_op.sync_detailed(client=self.api))
        except NotFound:  # 0.8.5 mounts /auth/ only when auth is configured
            return False
        return bool(settings.enabled)

    def auth_token(self, username: str, password: str) -> Token:
        """Fetch a token and use it for every later call; kept credentials renew it before it expires."""
        if not username or not password:
            raise BadInput("username and password are required")
        token = self._fetch_token(username, password)
        self._auth.set_token(token.access_token)
        return token

    def auth_valid_token(self) -> bool:
        from medannot_api.monailabel.api.auth import valid_token_auth_token_valid_get as valid_token_op

        try:
            unwrap(object, lambda: valid_token_op.sync_detailed(client=self.api))
        except AuthError:
            return False
        return True

    def update_auth(self, token: Token | Mapping[str, str] | str | None) -> None:
        """Use this token (a Token, the official client's dict, or the bare access token); None clears it."""
        value: str | None
        if token is None or isinstance(token, str):
            value = token
        elif isinstance(token, Mapping):
            value = token.get("access_token")
        else:  # a Token: the generated models are loaded only here (a string or a dict needs none of them)
            from medannot_api.monailabel.models import Token

            value = token.access_token if isinstance(token, Token) else token
        self._auth.set_token(value)

    def _fetch_token(self, username: str, password: str) -> Token:
        from medannot_api.monailabel.api.auth import access_token_auth_token_post as token_op
        from medannot_api.monailabel.models import BodyAccessTokenAuthTokenPost, Token

        body = BodyAccessTokenAuthTokenPost(username=username, password=password)
        return unwrap(Token, lambda: token_op.sync_detailed(client=self.api, body=body))

    def _renew_token(self) -> str:
        assert self._credentials is not None
        username, password = self._credentials
        return self._fetch_token(username or "", password.value).access_token

    # --- app, datastore -----------------------------------------------------------------------
    def info(self) -> AppInfo:
        from medannot_api.monailabel.api.app import api_app_info_info_get as info_op
        from medannot_api.monailabel.models import AppInfo

        return unwrap(AppInfo, lambda: info_op.sync_detailed(client=self.api))

    def datastore(self) -> Datastore:
        """The whole datastore (every image with its labels), as the official client's `datastore()`."""
        from medannot_api.monailabel.api.datastore import api_datastore_datastore_get as datastore_op
        from medannot_api.monailabel.models import Datastore

        return unwrap(Datastore, lambda: datastore_op.sync_detailed(client=self.api, output="all"))

    def datastore_status(self) -> DatastoreStatus:
        from medannot_api.monailabel.api.datastore import api_datastore_datastore_get as datastore_op
        from medannot_api.monailabel.models import DatastoreStatus

        return unwrap(DatastoreStatus, lambda: datastore_op.sync_detailed(client=self.api))

    def list_images(self) -> list[DatastoreImage]:
        """Every image of the datastore as a typed object, sorted by id."""
        return DatastoreImage.listing(self.datastore())

    def image_exists(self, image_id: str) -> bool:
        """Whether the image is stored. (0.8.5's checksum variant of this call answers 404 for every image, so
        it is not offered.)"""
        from medannot_api.monailabel.api.datastore import api_check_image_datastore_image_head as check_image_op

        _require_id(image_id, "image_id")
        try:
            unwrap(object, lambda: check_image_op.sync_detailed(client=self.api, image=image_id))
        except NotFound:
            return False
        return True

    def upload_image(
        self,
        image_in: FileInput,
        image_id: str | None = None,
        params: Mapping[str, Any] | None = None,
        *,
        progress: Progress | None = None,
    ) -> ImageAdded:
        """Stream one image to the datastore; without `image_id` the server derives it from the file name."""
        fields = [("params", _dumps(self._with_client_id(params)))]
        with open_file_input(image_in, what="image_in") as opened:
            body = MultipartBody(fields, [FilePart("file", opened)], progress)
            query = {"image": image_id} if image_id else {}
            response = self._session.request(
                "PUT",
                "/datastore/image",
                params=query,
                content=body,
                headers=body.headers,
                # without an id the server invents a new one each time: sending twice would store two images
                extensions={IDEMPOTENT_EXTENSION: bool(image_id)},
            )
        from medannot_api.monailabel.models import ImageAdded

        return parse_model(ImageAdded, response)

    def upload_images(
        self,
        images: Sequence[FileInput],
        params: Mapping[str, Any] | None = None,
        *,
        image_ids: Sequence[str] | None = None,
        concurrency: int = 1,
        progress: bool | None = None,
    ) -> list[ImageAdded]:
        """Upload many images, `concurrency` at a time, with a progress bar on a terminal.

        MONAI Label serves from one process, so 1 (the default) is usually fastest; more helps on slow links.
        """
        if image_ids is not None and len(image_ids) != len(images):
            raise BadInput("image_ids must have one id per image")
        for image in images:  # every file is checked before the first byte is sent
            with open_file_input(image, what="image"):
                pass
        ids: Sequence[str | None] = image_ids if image_ids is not None else [None] * len(images)
        pairs = list(zip(images, ids, strict=True))
        from medannot.core.bulk import run_bulk

        return run_bulk(
            pairs,
            lambda pair: self.upload_image(pair[0], pair[1], params),
            concurrency=concurrency,
            description="uploading images",
            progress=progress,
        )

    def delete_image(self, image_id: str) -> None:
        """Remove an image and all its labels."""
        from medannot_api.monailabel.api.datastore import api_remove_image_datastore_image_delete as remove_image_op

        _require_id(image_id, "image_id")
        unwrap(object, lambda: remove_image_op.sync_detailed(client=self.api, id=image_id))

    def save_label(
        self,
        image_id: str,
        label_in: FileInput,
        tag: str = "",
        params: Mapping[str, Any] | None = None,
        *,
        progress: Progress | None = None,
    ) -> LabelSaved:
        """Store a label for an image under `tag` (the server's default tag, `final`, when empty)."""
        _require_id(image_id, "image_id")
        query = {"image": image_id, **({"tag": tag} if tag else {})}
        fields = [("params", _dumps(self._with_client_id(params)))]
        with open_file_input(label_in, what="label_in") as opened:
            body = MultipartBody(fields, [FilePart("label", opened)], progress)
            response = self._session.request(
                "PUT", "/datastore/label", params=query, content=body, headers=body.headers
            )
        from medannot_api.monailabel.models import LabelSaved

        return parse_model(LabelSaved, response)

    def delete_label(self, label_id: str, tag: str) -> None:
        from medannot_api.monailabel.api.datastore import api_remove_label_datastore_label_delete as remove_label_op

        _require_id(label_id, "label_id")
        _require_id(tag, "tag")
        unwrap(object, lambda: remove_label_op.sync_detailed(client=self.api, id=label_id, tag=tag))

    def download_label(self, label_id: str, tag: str, dest: str | os.PathLike[str] | None = None) -> Path:
        """Save a label to `dest` (a directory or a file path; default: `tmpdir`), atomically."""
        _require_id(label_id, "label_id")
        _require_id(tag, "tag")
        with self._session.stream("GET", "/datastore/label", params={"label": label_id, "tag": tag}) as response:
            return save_response(response, dest or self._tmpdir, default_name=f"{label_id}.nii.gz")

    def download_image(self, image_id: str, dest: str | os.PathLike[str] | None = None) -> Path:
        _require_id(image_id, "image_id")
        with self._session.stream("GET", "/datastore/image", params={"image": image_id}) as response:
            return save_response(response, dest or self._tmpdir, default_name=f"{image_id}.nii.gz")

    # --- inference ----------------------------------------------------------------------------
    def infer(
        self,
        model: str,
        image_id: str,
        params: Mapping[str, Any] | None,
        label_in: FileInput | None = None,
        file: FileInput | None = None,
        session_id: str | None = None,
        *,
        output_dir: str | os.PathLike[str] | None = None,
    ) -> InferResult:
        """Run a model on a stored image (or on `file`, or on a session's image); the label is saved atomically
        in `output_dir` (default: `tmpdir`). Unpacks like the official `(label_path, params)`."""
        from medannot.core.multipart import read_multipart

        _require_id(model, "model")
        if not (image_id or file or session_id):
            raise BadInput("give image_id, file or session_id")
        query = {"image": image_id or "", **({"session_id": session_id} if session_id else {})}
        fields = [("params", _dumps(self._with_client_id(params)))]
        inputs = {"label": (label_in, "label_in"), "file": (None if session_id else file, "file")}
        dest = Path(output_dir) if output_dir else self._tmpdir
        dest.mkdir(parents=True, exist_ok=True)
        with ExitStack() as opened:  # every input is checked before anything is sent
            parts = [
                FilePart(name, opened.enter_context(open_file_input(source, what=what)))
                for name, (source, what) in inputs.items()
                if source is not None
            ]
            body = MultipartBody(fields, parts)
            with self._session.stream(
                "POST", f"/infer/{_quote(model)}", params=query, content=body, headers=body.headers
            ) as response:
                if not response.headers.get("content-type", "").startswith("multipart/"):
                    response.read()
                    return InferResult(None, parse_json_field(response.content))
                result = read_multipart(response, dest, default_name=f"{image_id or 'label'}_{model}.nii.gz")
        label = next(iter(result.files.values()), None)
        return InferResult(label, parse_json_field(result.fields.get("params", b"{}")))

    def wsi_infer(
        self,
        model: str,
        image_id: str,
        body: Mapping[str, Any] | None = None,
        output: Literal["dsa", "asap", "json"] = "dsa",
        session_id: str | None = None,
    ) -> WsiInferResult:
        """Whole-slide inference on a region (`body`: level, location, size, tile_size, min_poly_area, params)."""
        from medannot_api.monailabel.models import BodyApiRunWsiV2InferenceInferWsiV2ModelPost

        _require_id(model, "model")
        if output not in WSI_OUTPUTS:
            raise BadInput(f"output must be one of {', '.join(WSI_OUTPUTS)}")
        wsi = dict(body or {})
        wsi["params"] = self._with_client_id(wsi.get("params"))
        form = BodyApiRunWsiV2InferenceInferWsiV2ModelPost(wsi=json.dumps(wsi))
        response = self._session.request(
            "POST",
            f"/infer/wsi_v2/{_quote(model)}",
            params={"image": image_id or "", "output": output, **({"session_id": session_id} if session_id else {})},
            files=form.to_multipart(),
        )
        text = response.text
        return WsiInferResult(output, json.loads(text) if output != "asap" and text.strip()[:1] in "{[" else text)

    # --- sessions -----------------------------------------------------------------------------
    def create_session(self, image_in: FileInput, params: Mapping[str, Any] | None = None) -> SessionCreated:
        """Upload an image into a new session; use its `session_id` with `infer`."""
        query = {str(k): str(v) for k, v in (params or {}).items() if k in ("uncompress", "expiry")}
        with open_file_input(image_in, what="image_in") as opened:
            body = MultipartBody([], [FilePart("files", opened)])
            response = self._session.request(
                "PUT",
                "/session/",
                params=query,
                content=body,
                headers=body.headers,
                extensions={IDEMPOTENT_EXTENSION: False},
            )
        from medannot_api.monailabel.models import SessionCreated

        return parse_model(SessionCreated, response)

    def get_session(self, session_id: str) -> SessionInfo:
        from medannot_api.monailabel.api.session import api_get_session_session_session_id_get as get_session_op
        from medannot_api.monailabel.models import SessionInfo

        _require_id(session_id, "session_id")
        return unwrap(SessionInfo, lambda: get_session_op.sync_detailed(session_id, client=self.api))

    def remove_session(self, session_id: str) -> SessionInfo:
        from medannot_api.monailabel.api.session import api_remove_session_session_session_id_delete as remove_op
        from medannot_api.monailabel.models import SessionInfo

        _require_id(session_id, "session_id")
        return unwrap(SessionInfo, lambda: remove_op.sync_detailed(session_id, client=self.api))

    # --- active learning and training ---------------------------------------------------------
    def next_sample(self, strategy: str, params: Mapping[str, Any] | None = None) -> NextSample | None:
        """The next image to annotate by `strategy`, or None when the strategy has nothing left."""
        from medannot_api.monailabel.api.active_learning import api_sample_activelearning_strategy_post as sample_op
        from medannot_api.monailabel.models import ApiSampleActivelearningStrategyPostBodyType0, NextSample

        _require_id(strategy, "strategy")
        body = ApiSampleActivelearningStrategyPostBodyType0.from_dict(self._with_client_id(params))
        sample = unwrap(NextSample, lambda: sample_op.sync_detailed(strategy, client=self.api, body=body))
        return sample if isinstance(sample.id, str) and sample.id else None

    def train_start(self, model: str, params: Mapping[str, Any] | None = None) -> TaskRecord | dict[str, Any]:
        """Start training `model` (a TaskRecord); an empty model starts every trainer (a dict per trainer)."""
        from medannot_api.monailabel.api.train import api_run_all_train_legacy as train_all_op
        from medannot_api.monailabel.api.train import api_run_model_train_model_post as train_op
        from medannot_api.monailabel.models import (
            ApiRunAllTrainLegacyBodyType0,
            ApiRunModelTrainModelPostBodyType0,
            TaskRecord,
        )

        payload = self._with_client_id(params)
        if not model:
            all_body = ApiRunAllTrainLegacyBodyType0.from_dict(payload)
            started = unwrap(object, lambda: train_all_op.sync_detailed(client=self.api, body=all_body))
            return dict(getattr(started, "additional_properties", {}))
        body = ApiRunModelTrainModelPostBodyType0.from_dict(payload)
        return unwrap(TaskRecord, lambda: train_op.sync_detailed(_quote(model), client=self.api, body=body))

    @overload
    def train_status(self, check_if_running: Literal[True]) -> bool: ...
    @overload
    def train_status(self, check_if_running: Literal[False] = ...) -> TaskRecord | None: ...
    def train_status(self, check_if_running: bool = False) -> bool | TaskRecord | None:
        """The last training task (None if none ever ran); with `check_if_running`, whether one is running."""
        from medannot_api.monailabel.api.train import api_status_train_get as train_status_op

        return self._task_status(train_status_op.sync_detailed, check_if_running)

    def train_stop(self) -> TaskRecord | None:
        """Stop the running training task; returns it, or None if nothing was running."""
        from medannot_api.monailabel.api.train import api_stop_train_delete as train_stop_op
        from medannot_api.monailabel.models import TaskRecord

        return unwrap((TaskRecord, type(None)), lambda: train_stop_op.sync_detailed(client=self.api))

    def batch_infer(
        self,
        model: str,
        images: Literal["all", "labeled", "unlabeled"] = "all",
        params: Mapping[str, Any] | None = None,
        run_sync: bool = False,
    ) -> TaskRecord | dict[str, Any]:
        """Run `model` over many datastore images (a TaskRecord; with `run_sync`, the results per image).

        The server's own default asks for every GPU (`multi_gpu: true`), which fails on a CPU-only server, and
        a body replaces its defaults instead of merging: so `multi_gpu` is false unless `params` says otherwise.
        """
        from medannot_api.monailabel.api.infer import api_run_batch_infer_model_post as batch_op
        from medannot_api.monailabel.models import ApiRunBatchInferModelPostBodyType0, TaskRecord

        _require_id(model, "model")
        body = ApiRunBatchInferModelPostBodyType0.from_dict({"multi_gpu": False, **self._with_client_id(params)})
        result = unwrap(
            object,
            lambda: batch_op.sync_detailed(_quote(model), client=self.api, body=body, images=images, run_sync=run_sync),
        )
        return result if isinstance(result, TaskRecord) else dict(getattr(result, "additional_properties", {}))

    @overload
    def batch_infer_status(self, check_if_running: Literal[True]) -> bool: ...
    @overload
    def batch_infer_status(self, check_if_running: Literal[False] = ...) -> TaskRecord | None: ...
    def batch_infer_status(self, check_if_running: bool = False) -> bool | TaskRecord | None:
        from medannot_api.monailabel.api.infer import api_status_batch_infer_get as batch_status_op

        return self._task_status(batch_status_op.sync_detailed, check_if_running)

    def batch_infer_stop(self) -> TaskRecord | None:
        from medannot_api.monailabel.api.infer import api_stop_batch_infer_delete as batch_stop_op
        from medannot_api.monailabel.models import TaskRecord

        return unwrap((TaskRecord, type(None)), lambda: batch_stop_op.sync_detailed(client=self.api))

    def _task_status(self, op: Any, check_if_running: bool) -> bool | TaskRecord | None:
        """The server answers 404 when there is no (running) task of the kind."""
        from medannot_api.monailabel.models import TaskRecord

        try:
            status: Response[Any] = op(client=self.api, check_if_running=check_if_running)
            task = unwrap(TaskRecord, lambda: status)
        except NotFound:
            return False if check_if_running else None
        return True if check_if_running else task

    # --- helpers ------------------------------------------------------------------------------
    def _with_client_id(self, params: Mapping[str, Any] | None) -> dict[str, Any]:
        out = dict(params or {})
        if self._client_id is not None:
            out["client_id"] = self._client_id
        return out


def _dumps(params: Mapping[str, Any]) -> str:
    try:
        return json.dumps(params)
    except TypeError as exc:
        raise BadInput(f"params must be JSON-serialisable: {exc}") from exc


def _quote(segment: str) -> str:
    from urllib.parse import quote

    return quote(segment, safe="")


def _require_id(value: str, name: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise BadInput(f"{name} must be a non-empty string")
