"""`medannot.monailabel.AsyncClient` (and its generated twin `Client`): the official MONAILabelClient's verbs,
typed, streamed and retried.

JSON calls go through the generated client on the shared session; uploads, downloads and the multipart infer
answer are streamed by the core. Paths of streamed calls are the schema's own.
"""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

import httpx

from medannot.core._async.client import AsyncBaseClient
from medannot.core._async.response import unwrap, unwrap_as
from medannot.core.auth import AUTH_EXTENSION, BearerAuth, check_secret
from medannot.core.config import LONG_TIMEOUT, ClientOptions, TimeoutValue, Verify, as_timeout
from medannot.core.downloads import asave_response, prepare_destination
from medannot.core.files import FileInput, open_upload
from medannot.core.redact import MASK, Secret, split_userinfo
from medannot.core.response import parse_model
from medannot.core.retry import RetryPolicy
from medannot.core.tables import Listing
from medannot.core.transport import mapped_errors
from medannot.core.twins import Awaitable
from medannot.core.uploads import FilePart, MultipartBody, Progress
from medannot.core.validate import (
    optional_id,
    require_bool,
    require_choice,
    require_files,
    require_id,
    require_int,
    require_json,
    require_mapping,
    require_str,
    require_timeout,
)
from medannot.core.versions import check_server_version
from medannot.errors import AuthError, BadInput, NotFound, ResponseSchemaError
from medannot.monailabel import models
from medannot.monailabel.models import DatastoreImage, InferResult, WsiInferResult, parse_json_field
from medannot.types import JSONObject

# The generated operations and models are imported inside the methods that call them, and named in signatures
# through `models` (`models.AppInfo`), whose PEP 562 hook loads them when `typing.get_type_hints()` asks: a
# program pays for a model on its first call, not on import.
if TYPE_CHECKING:
    from medannot_api.monailabel.client import AuthenticatedClient
    from medannot_api.monailabel.types import Response

WSI_OUTPUTS = ("dsa", "asap", "json")
T = TypeVar("T")


class AsyncClient(AsyncBaseClient["AuthenticatedClient"]):
    """A MONAI Label server. Use it as a context manager, or call `close()`.

    >>> async with AsyncClient("http://127.0.0.1:8000") as ml:
    ...     await ml.upload_image("ct.nii.gz")

    `username`/`password` log in on the first call and renew the token before it expires; `token` uses a token
    you have. User info in the URL (`http://alice:S3CRET@host:8000`) is taken as `username`/`password` and
    removed from the URL: it is never sent in a URL, logged or shown (repr, `get_server_url`, errors).
    `timeout` (seconds or an `httpx.Timeout`) bounds each call; inference and synchronous batch runs wait up to
    an hour for the server unless given their own `timeout=`. `verify` takes a CA bundle path or an
    `ssl.SSLContext`; `proxy` a proxy URL (else HTTP(S)_PROXY / ALL_PROXY / NO_PROXY are followed).
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
        timeout: TimeoutValue = None,
        retry: RetryPolicy | None = None,
        verify: Verify = True,
        proxy: str | None = None,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
    ) -> None:
        if tmpdir is not None and (not isinstance(tmpdir, (str, os.PathLike)) or not os.fspath(tmpdir)):
            raise BadInput(f"tmpdir must be a directory path or None, not {type(tmpdir).__name__}")
        self._tmpdir = Path(tmpdir) if tmpdir else Path(tempfile.gettempdir())
        self._client_id = None if client_id is None else require_str(client_id, "client_id")
        require_timeout(timeout)
        base_url, url_username, url_password = split_userinfo(_server_url(server_url))
        if username is None and password is None and url_password is not None:
            username, password = url_username, url_password.value
        self._auth = BearerAuth()
        self._auth.set_token(token)  # stripped; a token with a line break or a NUL is a BadInput that hides it
        if username and password:
            self._keep_credentials(username, password)
        options = ClientOptions.of(
            base_url,
            timeout=timeout,
            retry=retry,
            verify=verify,
            proxy=proxy,
            transport=transport,
            url_name="server_url",
            platform="monailabel",
        )
        super().__init__(options, self._auth)

    def _new_api(self) -> AuthenticatedClient:
        from medannot_api.monailabel.client import AuthenticatedClient

        return self._session.generated(AuthenticatedClient)

    def _long_api(self, timeout: TimeoutValue) -> AuthenticatedClient:
        """The generated client with a call's own timeout (default: long enough for server-side work)."""
        from medannot_api.monailabel.client import AuthenticatedClient

        return self._session.generated(AuthenticatedClient, timeout=as_timeout(timeout, LONG_TIMEOUT))

    # --- server URL ---------------------------------------------------------------------------
    def get_server_url(self) -> str:
        """The server's base URL, without user info."""
        from medannot.core.redact import redact_url

        return redact_url(self._session.base_url)

    async def set_server_url(self, server_url: str) -> None:
        """Talk to another server from now on (the old connections are closed; the credential is kept)."""
        base_url, username, password = split_userinfo(_server_url(server_url))
        if username and password is not None:
            self._keep_credentials(username, password.value)
        options = self._session.options.replace(base_url=base_url)
        await self._session.close()
        self._reopen(options)

    # --- auth ---------------------------------------------------------------------------------
    async def auth_enabled(self) -> bool:
        from medannot_api.monailabel.api.auth import auth_enabled_auth_get as auth_enabled_op
        from medannot_api.monailabel.models import AuthSettings

        try:
            settings = await unwrap(AuthSettings, auth_enabled_op.asyncio_detailed, client=self._api)
        except NotFound:  # 0.8.5 mounts /auth/ only when auth is configured
            return False
        return bool(settings.enabled)

    async def auth_token(self, username: str, password: str) -> models.Token:
        """Fetch a token (POST /auth/token) and use it for every later call; these credentials then renew it
        before it expires. Raises `AuthError` for wrong credentials."""
        username = check_secret(username, what="username")
        password = check_secret(password, what="password")
        response = await self._session.request(
            "POST",
            "/auth/token",
            data=_token_form(username, Secret(password)),
            extensions={AUTH_EXTENSION: True},
        )
        token = _parse_token(response)
        self._auth.set_token(token.access_token)
        self._keep_credentials(username, password)
        return token

    async def auth_valid_token(self) -> bool:
        """Whether the server accepts this client's token (GET /auth/token/valid); False when it does not, or
        when the server has no auth (0.8.5 mounts /auth/ only when auth is configured, as the official client
        reads any answer but 200)."""
        from medannot_api.monailabel.api.auth import valid_token_auth_token_valid_get as valid_token_op

        try:
            await unwrap(object, valid_token_op.asyncio_detailed, client=self._api)
        except (AuthError, NotFound):
            return False
        return True

    def update_auth(self, token: models.Token | Mapping[str, str] | str | None) -> None:
        """Use this token (a Token, the official client's dict, or the bare access token); None clears it."""
        value: str | None
        if token is None or isinstance(token, str):
            value = token
        elif isinstance(token, Mapping):
            value = token.get("access_token")
            if not isinstance(value, str):
                raise BadInput("token must hold an 'access_token' string")
        else:  # a Token: the generated models are loaded only here (a string or a dict needs none of them)
            from medannot_api.monailabel.models import Token

            if not isinstance(token, Token):
                raise BadInput(f"token must be a Token, a dict, a string or None, not {type(token).__name__}")
            value = token.access_token
        self._auth.set_token(value)

    def _keep_credentials(self, username: str, password: str) -> None:
        username = check_secret(username, what="username")
        secret = Secret(check_secret(password, what="password"))

        def token_request() -> httpx.Request:
            # logging in twice is harmless, so a dropped token request may be retried
            form = _token_form(username, secret)
            return self._session.build("POST", "/auth/token", data=form, idempotent=True)

        self._auth.renew_with(token_request, lambda response: _parse_token(response).access_token)

    # --- app, datastore -----------------------------------------------------------------------
    async def info(self) -> models.AppInfo:
        """The app's description. Its `version` is compared once with the schema medannot was generated from
        (`medannot_api.monailabel.SCHEMA.version`): a difference warns with `SchemaVersionWarning`."""
        from medannot_api.monailabel.api.app import api_app_info_info_get as info_op
        from medannot_api.monailabel.models import AppInfo

        info = await unwrap(AppInfo, info_op.asyncio_detailed, client=self._api)
        check_server_version("monailabel", self._session.base_url, info.version, what="GET /info/ version")
        return info

    async def server_version(self) -> str:
        """The version the server reports (`info().version`: the app's version, which MONAI Label's sample apps set
        to the MONAI Label release); warns once with `SchemaVersionWarning` if it is not the schema's
        (`medannot_api.monailabel.SCHEMA.version`)."""
        return (await self.info()).version

    async def datastore(self) -> models.Datastore:
        """The whole datastore (every image with its labels), as the official client's `datastore()`."""
        from medannot_api.monailabel.api.datastore import api_datastore_datastore_get as datastore_op
        from medannot_api.monailabel.models import Datastore

        return await unwrap(Datastore, datastore_op.asyncio_detailed, client=self._api, output="all")

    async def datastore_status(self) -> models.DatastoreStatus:
        from medannot_api.monailabel.api.datastore import api_datastore_datastore_get as datastore_op
        from medannot_api.monailabel.models import DatastoreStatus

        return await unwrap(DatastoreStatus, datastore_op.asyncio_detailed, client=self._api)

    async def list_images(self) -> Listing[DatastoreImage]:
        """Every image of the datastore as a typed object, sorted by id (a list with `.to_pandas()`)."""
        return Listing(DatastoreImage.listing(await self.datastore()))

    async def image_exists(self, image_id: str) -> bool:
        """Whether the image is stored. (0.8.5's checksum variant of this call answers 404 for every image, so
        it is not offered.)"""
        from medannot_api.monailabel.api.datastore import api_check_image_datastore_image_head as check_image_op

        image_id = require_id(image_id, "image_id")
        try:
            await unwrap(object, check_image_op.asyncio_detailed, client=self._api, image=image_id)
        except NotFound:
            return False
        return True

    async def upload_image(
        self,
        image_in: FileInput,
        image_id: str | None = None,
        params: Mapping[str, object] | None = None,
        *,
        progress: Progress | None = None,
    ) -> models.ImageAdded:
        """Stream one image to the datastore (PUT /datastore/image); without `image_id` the server derives it from
        the file name. `progress(bytes_sent, bytes_total)` is called as it goes. Raises `BadInput` for a missing
        or unreadable file, an empty one, or an id the server cannot store, before anything is sent; `image_id=""`
        is such an id (None, the default, is "no id")."""
        image_id = optional_id(image_id, "image_id")
        fields = [("params", self._params(params))]
        _check_progress(progress)
        with open_upload(image_in, what="image_in") as opened:
            body = MultipartBody(fields, [FilePart("file", opened)], progress)
            query = {"image": image_id} if image_id else {}
            response = await self._session.request(
                "PUT",
                "/datastore/image",
                params=query,
                body=body,
                # without an id the server invents a new one each time: sending twice would store two images
                idempotent=bool(image_id),
            )
        from medannot_api.monailabel.models import ImageAdded

        return parse_model(ImageAdded, response)

    async def upload_images(
        self,
        images: Sequence[FileInput],
        params: Mapping[str, object] | None = None,
        *,
        image_ids: Sequence[str] | None = None,
        concurrency: int = 1,
        progress: bool | None = None,
        fail_fast: bool = False,
    ) -> models.BulkResult[tuple[FileInput, str | None], models.ImageAdded]:
        """Upload many images, `concurrency` at a time, with a progress bar on a terminal.

        One failed image does not stop the others: the result reads like the list of `ImageAdded` (None where
        an image failed), with `.errors` (index, (image, id), error), `.succeeded`, `.failed`, `.ok` and
        `.raise_for_errors()`. With `fail_fast=True` the first failure starts nothing more and is raised.
        MONAI Label serves from one process, so 1 (the default) is usually fastest; more helps on slow links.
        """
        images = require_files(images, "images")
        if image_ids is not None:
            image_ids = [
                require_id(value, f"image_ids[{i}]") for i, value in enumerate(require_files(image_ids, "image_ids"))
            ]
            if len(image_ids) != len(images):
                raise BadInput(f"image_ids must have one id per image ({len(image_ids)} ids, {len(images)} images)")
        self._params(params)
        require_int(concurrency, "concurrency", min=1)
        if progress is not None:
            require_bool(progress, "progress")
        require_bool(fail_fast, "fail_fast")
        for i, image in enumerate(images):  # every file is checked before the first byte is sent
            with open_upload(image, what=f"images[{i}]"):
                pass
        ids: Sequence[str | None] = image_ids if image_ids is not None else [None] * len(images)
        pairs = list(zip(images, ids, strict=True))
        from medannot.core.bulk import BulkResult, arun_bulk  # loaded by the calls that need it, not on import

        outcome = await arun_bulk(
            pairs,
            lambda pair: self.upload_image(pair[0], pair[1], params),
            concurrency=concurrency,
            description="uploading images",
            progress=progress,
            fail_fast=fail_fast,
        )
        if isinstance(outcome, BulkResult):
            return outcome
        return BulkResult(list(outcome), [])

    async def delete_image(self, image_id: str) -> None:
        """Remove an image and all its labels."""
        from medannot_api.monailabel.api.datastore import api_remove_image_datastore_image_delete as remove_image_op

        image_id = require_id(image_id, "image_id")
        await unwrap(object, remove_image_op.asyncio_detailed, client=self._api, id=image_id)

    async def save_label(
        self,
        image_id: str,
        label_in: FileInput,
        tag: str = "",
        params: Mapping[str, object] | None = None,
        *,
        progress: Progress | None = None,
    ) -> models.LabelSaved:
        """Store a label for an image under `tag`; `tag=""` (the default, as in the official client) is the
        server's default tag, `final`. Any other tag must be an id the server can store (`tag=None` is a
        `BadInput`, never a silent `final`)."""
        image_id = require_id(image_id, "image_id")
        if not (isinstance(tag, str) and tag == ""):
            tag = require_id(tag, "tag")
        query = {"image": image_id, **({"tag": tag} if tag else {})}
        fields = [("params", self._params(params))]
        _check_progress(progress)
        with open_upload(label_in, what="label_in") as opened:
            body = MultipartBody(fields, [FilePart("label", opened)], progress)
            response = await self._session.request("PUT", "/datastore/label", params=query, body=body)
        from medannot_api.monailabel.models import LabelSaved

        return parse_model(LabelSaved, response)

    async def delete_label(self, label_id: str, tag: str) -> None:
        from medannot_api.monailabel.api.datastore import api_remove_label_datastore_label_delete as remove_label_op

        label_id, tag = require_id(label_id, "label_id"), require_id(tag, "tag")
        await unwrap(object, remove_label_op.asyncio_detailed, client=self._api, id=label_id, tag=tag)

    async def download_label(
        self, label_id: str, tag: str, dest: str | os.PathLike[str] | None = None, *, overwrite: bool = False
    ) -> Path:
        """Save a label to `dest` (a directory or a file path; default: `tmpdir`), atomically. See
        `download_image` for destinations and existing files."""
        label_id, tag = require_id(label_id, "label_id"), require_id(tag, "tag")
        query = {"label": label_id, "tag": tag}
        return await self._download("/datastore/label", query, dest, f"{label_id}.nii.gz", overwrite)

    async def download_image(
        self, image_id: str, dest: str | os.PathLike[str] | None = None, *, overwrite: bool = False
    ) -> Path:
        """Save an image to `dest`, atomically, as the server stores it; returns the path.

        `dest`: a directory (an existing one, or a path ending with a separator, created when missing; the
        file is named by the server, made safe, e.g. `肝臓.nii.gz`) or a file path (its directory must exist).
        An existing file is never replaced unless `overwrite=True`: `medannot.errors.FileExists` otherwise,
        before anything is sent when `dest` names the file. Without `dest` the file goes to `tmpdir` under a
        free name (`ct-1.nii.gz` when `ct.nii.gz` is there)."""
        image_id = require_id(image_id, "image_id")
        return await self._download("/datastore/image", {"image": image_id}, dest, f"{image_id}.nii.gz", overwrite)

    async def _download(
        self, path: str, query: dict[str, str], dest: str | os.PathLike[str] | None, default_name: str, overwrite: bool
    ) -> Path:
        require_bool(overwrite, "overwrite")
        target = prepare_destination(_as_dir(self._tmpdir) if dest is None else dest, overwrite=overwrite)
        async with self._session.stream("GET", path, params=query) as response:
            return await asave_response(
                response, target, default_name=default_name, overwrite=overwrite, rename=dest is None
            )

    # --- inference ----------------------------------------------------------------------------
    async def infer(
        self,
        model: str,
        image_id: str,
        params: Mapping[str, object] | None,
        label_in: FileInput | None = None,
        file: FileInput | None = None,
        session_id: str | None = None,
        *,
        output_dir: str | os.PathLike[str] | None = None,
        overwrite: bool = False,
        timeout: TimeoutValue = None,
    ) -> InferResult:
        """Run a model on a stored image (or on `file`, or on a session's image): POST /infer/{model}. The label
        is saved atomically in `output_dir` (a directory, created when missing; default: `tmpdir`, under a free
        name); an existing label file there is a `FileExists` unless `overwrite=True`. A malformed answer (bad
        JSON, bad UTF-8, broken multipart) is a `ResponseSchemaError` and leaves no label file behind.
        Unpacks like the official `(label_path, params)`. The server may work for minutes: the call waits up to
        an hour unless given its own `timeout=`."""
        from medannot.core.multipart import aread_multipart

        model = require_id(model, "model")
        session_id = optional_id(session_id, "session_id")
        if (file is None and session_id is None) or image_id not in ("", None):  # else the image is file's or session's
            image_id = require_id(image_id, "image_id")
        require_bool(overwrite, "overwrite")
        require_timeout(timeout)
        query = {"image": image_id or "", **({"session_id": session_id} if session_id else {})}
        fields = [("params", self._params(params))]
        inputs = {"label": (label_in, "label_in"), "file": (None if session_id else file, "file")}
        dest = prepare_destination(
            _as_dir(self._tmpdir if output_dir is None else output_dir, "output_dir"), what="output_dir"
        )
        with ExitStack() as opened:  # every input is checked before anything is sent
            parts = [
                FilePart(name, opened.enter_context(open_upload(source, what=what)))
                for name, (source, what) in inputs.items()
                if source is not None
            ]
            body = MultipartBody(fields, parts)
            long = LONG_TIMEOUT if timeout is None else timeout
            async with self._session.stream(
                "POST", f"/infer/{_quote(model)}", params=query, body=body, timeout=long
            ) as response:
                if not response.headers.get("content-type", "").startswith("multipart/"):
                    with mapped_errors():
                        return InferResult(None, _json_field(await response.aread()))
                default_name = f"{image_id or 'label'}_{model}.nii.gz"
                result = await aread_multipart(
                    response,
                    dest,
                    default_name=default_name,
                    overwrite=overwrite,
                    rename=output_dir is None,
                    validate=lambda parts: _json_field(parts.fields.get("params", b"{}")),
                )
        label = next(iter(result.files.values()), None)
        return InferResult(label, _json_field(result.fields.get("params", b"{}")))

    async def wsi_infer(
        self,
        model: str,
        image_id: str,
        body: Mapping[str, object] | None = None,
        output: Literal["dsa", "asap", "json"] = "dsa",
        session_id: str | None = None,
        *,
        timeout: TimeoutValue = None,
    ) -> WsiInferResult:
        """Whole-slide inference on a region (`body`: level, location, size, tile_size, min_poly_area, params):
        POST /infer/wsi_v2/{model}. Waits up to an hour unless given its own `timeout=`."""
        from medannot_api.monailabel.models import BodyApiRunWsiV2InferenceInferWsiV2ModelPost

        model, image_id = require_id(model, "model"), require_id(image_id, "image_id")
        require_choice(output, "output", WSI_OUTPUTS)
        session_id = optional_id(session_id, "session_id")
        require_timeout(timeout)
        wsi = require_mapping(body, "body")
        wsi["params"] = self._payload(wsi.get("params"), "body['params']")
        form = BodyApiRunWsiV2InferenceInferWsiV2ModelPost(wsi=require_json(wsi, "body"))
        response = await self._session.request(
            "POST",
            f"/infer/wsi_v2/{_quote(model)}",
            params={"image": image_id, "output": output, **({"session_id": session_id} if session_id else {})},
            files=form.to_multipart(),
            timeout=LONG_TIMEOUT if timeout is None else timeout,
        )
        text = response.text
        structured = output != "asap" and text.strip()[:1] in "{["
        return WsiInferResult(output, _json_field(text.encode()) if structured else text)

    # --- sessions -----------------------------------------------------------------------------
    async def create_session(
        self, image_in: FileInput, params: Mapping[str, object] | None = None
    ) -> models.SessionCreated:
        """Upload an image into a new session; use its `session_id` with `infer`."""
        options = require_mapping(params, "params")
        query: dict[str, str] = {}
        if "uncompress" in options:
            query["uncompress"] = str(require_bool(options["uncompress"], "params['uncompress']")).lower()
        if "expiry" in options:
            query["expiry"] = str(require_int(options["expiry"], "params['expiry']", min=1))
        with open_upload(image_in, what="image_in") as opened:
            body = MultipartBody([], [FilePart("files", opened)])
            response = await self._session.request("PUT", "/session/", params=query, body=body, idempotent=False)
        from medannot_api.monailabel.models import SessionCreated

        return parse_model(SessionCreated, response)

    async def get_session(self, session_id: str) -> models.SessionInfo:
        from medannot_api.monailabel.api.session import api_get_session_session_session_id_get as get_session_op
        from medannot_api.monailabel.models import SessionInfo

        session_id = require_id(session_id, "session_id")
        return await unwrap(SessionInfo, get_session_op.asyncio_detailed, session_id, client=self._api)

    async def remove_session(self, session_id: str) -> models.SessionInfo:
        from medannot_api.monailabel.api.session import api_remove_session_session_session_id_delete as remove_op
        from medannot_api.monailabel.models import SessionInfo

        session_id = require_id(session_id, "session_id")
        return await unwrap(SessionInfo, remove_op.asyncio_detailed, session_id, client=self._api)

    # --- active learning and training ---------------------------------------------------------
    async def next_sample(self, strategy: str, params: Mapping[str, object] | None = None) -> models.NextSample | None:
        """The next image to annotate by `strategy`, or None when the strategy has nothing left."""
        from medannot_api.monailabel.api.active_learning import api_sample_activelearning_strategy_post as sample_op
        from medannot_api.monailabel.models import ApiSampleActivelearningStrategyPostBodyType0, NextSample

        strategy = require_id(strategy, "strategy")
        body = ApiSampleActivelearningStrategyPostBodyType0.from_dict(self._payload(params))
        sample = await unwrap(NextSample, sample_op.asyncio_detailed, strategy, client=self._api, body=body)
        return sample if isinstance(sample.id, str) and sample.id else None

    async def train_start(
        self, model: str, params: Mapping[str, object] | None = None
    ) -> models.TaskRecord | JSONObject:
        """Start training `model` (a TaskRecord); an empty model starts every trainer (a dict per trainer)."""
        from medannot_api.monailabel.api.train import api_run_all_train_legacy as train_all_op
        from medannot_api.monailabel.api.train import api_run_model_train_model_post as train_op
        from medannot_api.monailabel.models import (
            ApiRunAllTrainLegacyBodyType0,
            ApiRunModelTrainModelPostBodyType0,
            TaskRecord,
        )

        payload = self._payload(params)
        if not (isinstance(model, str) and model == ""):  # "" (as in the official client): every trainer
            model = require_id(model, "model")
        if not model:
            all_body = ApiRunAllTrainLegacyBodyType0.from_dict(payload)
            started = await unwrap(object, train_all_op.asyncio_detailed, client=self._api, body=all_body)
            return dict(getattr(started, "additional_properties", {}))
        body = ApiRunModelTrainModelPostBodyType0.from_dict(payload)
        return await unwrap(TaskRecord, train_op.asyncio_detailed, _quote(model), client=self._api, body=body)

    @overload
    async def train_status(self, check_if_running: Literal[True]) -> bool: ...
    @overload
    async def train_status(self, check_if_running: Literal[False] = ...) -> models.TaskRecord | None: ...
    async def train_status(self, check_if_running: bool = False) -> bool | models.TaskRecord | None:
        """The last training task (None if none ever ran); with `check_if_running`, whether one is running."""
        from medannot_api.monailabel.api.train import api_status_train_get as train_status_op

        return await self._task_status(train_status_op.asyncio_detailed, check_if_running)

    async def train_stop(self) -> models.TaskRecord | None:
        """Stop the running training task; returns it, or None if nothing was running."""
        from medannot_api.monailabel.api.train import api_stop_train_delete as train_stop_op
        from medannot_api.monailabel.models import TaskRecord

        return await unwrap((TaskRecord, type(None)), train_stop_op.asyncio_detailed, client=self._api)

    async def batch_infer(
        self,
        model: str,
        images: Literal["all", "labeled", "unlabeled"] = "all",
        params: Mapping[str, object] | None = None,
        run_sync: bool = False,
        *,
        timeout: TimeoutValue = None,
    ) -> models.TaskRecord | JSONObject:
        """Run `model` over many datastore images: POST /batch/infer/{model} (a TaskRecord; with `run_sync`, the
        results per image, after waiting up to an hour unless given its own `timeout=`).

        The server's own default asks for every GPU (`multi_gpu: true`), which fails on a CPU-only server, and
        a body replaces its defaults instead of merging: so `multi_gpu` is false unless `params` says otherwise.
        """
        from medannot_api.monailabel.api.infer import api_run_batch_infer_model_post as batch_op
        from medannot_api.monailabel.models import ApiRunBatchInferModelPostBodyType0, TaskRecord

        model = require_id(model, "model")
        require_choice(images, "images", ("all", "labeled", "unlabeled"))
        run_sync = require_bool(run_sync, "run_sync")
        require_timeout(timeout)
        body = ApiRunBatchInferModelPostBodyType0.from_dict({"multi_gpu": False, **self._payload(params)})
        api = self._long_api(timeout) if run_sync else self._api
        # a started task is a TaskRecord; a synchronous run answers the results per image (any JSON object)
        answer: Any = dict if run_sync else TaskRecord
        result = await unwrap_as(
            object,
            answer,
            batch_op.asyncio_detailed,
            _quote(model),
            client=api,
            body=body,
            images=images,
            run_sync=run_sync,
        )
        return result if isinstance(result, TaskRecord) else dict(getattr(result, "additional_properties", {}))

    @overload
    async def batch_infer_status(self, check_if_running: Literal[True]) -> bool: ...
    @overload
    async def batch_infer_status(self, check_if_running: Literal[False] = ...) -> models.TaskRecord | None: ...
    async def batch_infer_status(self, check_if_running: bool = False) -> bool | models.TaskRecord | None:
        from medannot_api.monailabel.api.infer import api_status_batch_infer_get as batch_status_op

        return await self._task_status(batch_status_op.asyncio_detailed, check_if_running)

    async def batch_infer_stop(self) -> models.TaskRecord | None:
        from medannot_api.monailabel.api.infer import api_stop_batch_infer_delete as batch_stop_op
        from medannot_api.monailabel.models import TaskRecord

        return await unwrap((TaskRecord, type(None)), batch_stop_op.asyncio_detailed, client=self._api)

    async def _task_status(
        self, operation: Callable[..., Awaitable[Response[Any]]], check_if_running: bool
    ) -> bool | models.TaskRecord | None:
        """The server answers 404 when there is no (running) task of the kind."""
        from medannot_api.monailabel.models import TaskRecord

        check_if_running = require_bool(check_if_running, "check_if_running")
        try:
            task = await unwrap(TaskRecord, operation, client=self._api, check_if_running=check_if_running)
        except NotFound:
            return False if check_if_running else None
        return True if check_if_running else task

    # --- helpers ------------------------------------------------------------------------------
    def _payload(self, params: object, name: str = "params") -> dict[str, Any]:
        """`params` (a mapping or None) with the client id, checked to be JSON with finite numbers."""
        out = require_mapping(params, name)
        if self._client_id is not None:
            out["client_id"] = self._client_id
        require_json(out, name)
        return out

    def _params(self, params: object, name: str = "params") -> str:
        """`params` as the JSON text of a form field (see `_payload`)."""
        return require_json(self._payload(params, name), name)


def _server_url(server_url: object) -> str:
    return require_str(server_url, "server_url").strip().rstrip("/")


def _token_form(username: str, password: Secret) -> dict[str, str]:
    return {"username": username, "password": password.value}


@functools.cache
def _token_model() -> type[models.Token]:
    from medannot_api.monailabel.models import Token as GeneratedToken

    class Token(GeneratedToken):
        """The generated `Token`, with a repr that does not show the token (or anything else the server sent)."""

        def __repr__(self) -> str:
            return f"Token(access_token={MASK!r}, token_type={self.token_type!r})"

        __str__ = __repr__

    Token.__qualname__ = "Token"
    return Token


def _parse_token(response: httpx.Response) -> models.Token:
    """The answer of POST /auth/token as a `Token` (the generated model) whose repr hides the token."""
    return parse_model(_token_model(), response)


def _as_dir(path: str | os.PathLike[str], name: str = "dest") -> str:
    """A path that `prepare_destination` takes as a directory (created when missing)."""
    if not isinstance(path, (str, os.PathLike)) or not isinstance(os.fspath(path), str):
        raise BadInput(f"{name} must be a directory path, not {type(path).__name__}")
    return os.path.join(os.fspath(path), "")


def _json_field(raw: bytes) -> dict[str, Any]:
    try:
        return parse_json_field(raw)
    except ValueError as exc:
        raise ResponseSchemaError(f"the server's params are not JSON: {exc}") from exc


def _check_progress(progress: object) -> None:
    if progress is not None and not callable(progress):
        raise BadInput(f"progress must be a callable(bytes_sent, bytes_total) or None, not {type(progress).__name__}")


def _quote(segment: str) -> str:
    from urllib.parse import quote

    return quote(segment, safe="")
