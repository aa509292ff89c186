"""Every usage example of the MONAI Label seed (the official `monailabel.client.client` documentation), run
against the MONAI Label emulator with only the import changed:

    from monailabel.client import MONAILabelClient
        ->  from medannot.monailabel import Client as MONAILabelClient
    from monailabel.client.client import MONAILabelClientException, MONAILabelError
        ->  from medannot.monailabel.exceptions import MONAILabelClientException, MONAILabelError

The constructor keeps its arguments (`server_url, tmpdir=None, client_id=None`); the tests pass a temporary
`tmpdir` so that nothing is written outside pytest's temporary directories.

The seed is an API reference without `>>>` lines: its usage examples are the documented calls, each used as its
docstring says (the constructor, 20 client methods, the exception with its attributes, the error codes, and the
two helpers `MONAILabelUtils` and `bytes_to_str`). Placeholders (model, strategy, image ids) are filled with values
the emulator serves (model `threshold`, strategy `first`); that is data, not a change of code. Each test's
docstring quotes the documented signature. Examples that need a change are marked `CHANGED` and the change is
one line of docs/migrating-from-monailabel.md; `EXAMPLES` counts both kinds (asserted at the end).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from medannot.monailabel import Client as MONAILabelClient
from medannot.monailabel.exceptions import MONAILabelClientException, MONAILabelError
from medannot.testing.data import write_nifti_volumes
from medannot.testing.monailabel import MonaiLabelEmulator

UNCHANGED: list[str] = []
CHANGED: list[str] = []

MODEL = "threshold"  # the emulator's one infer model and trainer
STRATEGY = "first"


def example(name: str, *, changed: bool = False) -> None:
    (CHANGED if changed else UNCHANGED).append(name)


@pytest.fixture
def client(monailabel_emulator: MonaiLabelEmulator, tmp_path: Path) -> Iterator[MONAILabelClient]:
    client = MONAILabelClient(monailabel_emulator.url, tmpdir=tmp_path / "tmp")
    yield client
    client.close()


@pytest.fixture
def volumes(tmp_path: Path) -> list[Path]:
    return write_nifti_volumes(tmp_path / "in", 2, seed=3)


@pytest.fixture
def image_id(client: MONAILabelClient, volumes: list[Path]) -> str:
    """One image in the datastore (uploaded through the client, as a user would)."""
    return str(client.upload_image(str(volumes[0]), image_id="spleen_10")["image"])


@pytest.fixture
def auth_emulator() -> Iterator[MonaiLabelEmulator]:
    with MonaiLabelEmulator(auth=True, username="admin", password="s3cret-pw") as emulator:
        yield emulator


# ---- constructor and server URL


def test_constructor(monailabel_emulator: MonaiLabelEmulator, tmp_path: Path, volumes: list[Path]) -> None:
    """MONAILabelClient(server_url, tmpdir=None, client_id=None)"""
    plain = MONAILabelClient(monailabel_emulator.url)
    assert plain.info()["name"]
    plain.close()
    client = MONAILabelClient(monailabel_emulator.url, tmpdir=str(tmp_path / "tmp"), client_id="viewer-1")
    client.upload_image(str(volumes[0]), image_id="with-client-id")
    # "Client ID that will be added for all basic requests": it reaches the server with the image's params
    assert client.datastore()["objects"]["with-client-id"]["image"]["info"]["client_id"] == "viewer-1"
    client.close()
    positional = MONAILabelClient(monailabel_emulator.url, str(tmp_path / "tmp"), "viewer-2")
    assert positional.get_server_url() == monailabel_emulator.url.rstrip("/")
    positional.close()
    example("MONAILabelClient(server_url, tmpdir, client_id)")


def test_get_server_url(client: MONAILabelClient, monailabel_emulator: MonaiLabelEmulator) -> None:
    """get_server_url(): Return server url"""
    assert client.get_server_url() == monailabel_emulator.url.rstrip("/")
    example("get_server_url")


def test_set_server_url(client: MONAILabelClient, monailabel_emulator: MonaiLabelEmulator) -> None:
    """set_server_url(server_url): Set url for monailabel server"""
    with MonaiLabelEmulator() as other:
        client.set_server_url(other.url + "/")
        assert client.get_server_url() == other.url.rstrip("/")
        assert client.info()["name"]
    client.set_server_url(monailabel_emulator.url)
    assert client.info()["name"]
    example("set_server_url")


# ---- auth


def test_auth_enabled(client: MONAILabelClient, auth_emulator: MonaiLabelEmulator) -> None:
    """auth_enabled(): Check if Auth is enabled. Return type: bool"""
    assert client.auth_enabled() is False
    with MONAILabelClient(auth_emulator.url) as secured:
        assert secured.auth_enabled() is True
    example("auth_enabled")


def test_auth_token_update_auth_auth_valid_token(auth_emulator: MonaiLabelEmulator, tmp_path: Path) -> None:
    """auth_token(username, password): Fetch Auth Token ...; update_auth(token); auth_valid_token() -> bool"""
    client = MONAILabelClient(auth_emulator.url, tmpdir=tmp_path)
    with pytest.raises(MONAILabelClientException) as refused:
        client.info()
    assert refused.value.status_code == 401
    token = client.auth_token("admin", "s3cret-pw")
    assert token["token_type"].lower() == "bearer" and token["access_token"]
    example("auth_token")
    client.update_auth(token)
    assert "models" in client.info()
    client.update_auth(dict(token))  # the official client's dict
    assert "models" in client.info()
    example("update_auth")
    assert client.auth_valid_token() is True
    example("auth_valid_token")
    client.close()
    with pytest.raises(MONAILabelClientException):
        MONAILabelClient(auth_emulator.url).auth_token("admin", "wrong")


def test_auth_valid_token_without_auth(client: MONAILabelClient) -> None:
    """auth_valid_token() -> bool, on a server without auth"""
    assert client.auth_valid_token() is False


# ---- app and datastore


def test_info(client: MONAILabelClient) -> None:
    """info(): Invoke /info/ request over MONAILabel Server. Returns: json response"""
    info = client.info()
    assert MODEL in info["models"]
    assert [name for name in info["models"]] == [MODEL]
    assert info["models"][MODEL]["type"] == "segmentation"
    assert STRATEGY in info["strategies"] and MODEL in info["trainers"]
    assert json.loads(json.dumps(dict(info)))["labels"] == info["labels"]
    assert set(info) >= {"name", "version", "labels", "models", "trainers", "strategies", "scoring", "datastore"}
    assert info.name == info["name"]  # and typed
    example("info")


def test_datastore(client: MONAILabelClient, image_id: str) -> None:
    """datastore()"""
    datastore = client.datastore()
    assert image_id in datastore["objects"]
    assert datastore["objects"][image_id]["image"]["ext"] == ".nii.gz"
    json.dumps(dict(datastore))
    example("datastore")


def test_upload_image(client: MONAILabelClient, volumes: list[Path]) -> None:
    """upload_image(image_in, image_id=None, params=None): Upload New Image to MONAILabel Datastore. Returns:
    json response which contains image id and other details"""
    assert client.upload_image(str(volumes[0]))["image"] == "volume-000"
    assert client.upload_image(str(volumes[1]), image_id="spleen_11", params={"site": "A"})["image"] == "spleen_11"
    assert client.datastore()["objects"]["spleen_11"]["image"]["info"]["site"] == "A"
    example("upload_image")


def test_save_label(client: MONAILabelClient, image_id: str, volumes: list[Path]) -> None:
    """save_label(image_id, label_in, tag='', params=None): Save/Submit Label. Returns: json response"""
    saved = client.save_label(image_id, str(volumes[1]))
    assert saved["image"] == image_id and saved["label"] == image_id
    client.save_label(image_id, str(volumes[1]), tag="radiologist", params={"label_info": [{"name": "spleen"}]})
    labels = client.datastore()["objects"][image_id]["labels"]
    assert {"final", "radiologist"} <= set(labels)
    example("save_label")


def test_download_label(client: MONAILabelClient, image_id: str, volumes: list[Path], tmp_path: Path) -> None:
    """download_label(label_id, tag)"""
    client.save_label(image_id, str(volumes[1]), tag="final")
    local_filename = client.download_label(image_id, "final")
    with open(local_filename, "rb") as f:
        assert f.read() == volumes[1].read_bytes()
    assert Path(local_filename).parent == tmp_path / "tmp"  # in the client's tmpdir, as the official client
    example("download_label")


# ---- sessions


def test_sessions(client: MONAILabelClient, volumes: list[Path]) -> None:
    """create_session(image_in, params=None): json response which contains session id and other details;
    get_session(session_id): json response which contains more details about the session;
    remove_session(session_id): json response"""
    session = client.create_session(str(volumes[0]))
    session_id = session["session_id"]
    assert session["session_info"]["name"] == session_id
    example("create_session")
    assert client.get_session(session_id)["name"] == session_id
    example("get_session")
    assert client.remove_session(session_id)["name"] == session_id
    with pytest.raises(MONAILabelClientException):
        client.get_session(session_id)
    example("remove_session")


# ---- inference


def test_infer(client: MONAILabelClient, image_id: str, volumes: list[Path], tmp_path: Path) -> None:
    """infer(model, image_id, params, label_in=None, file=None, session_id=None). Returns: response_file (label
    mask), response_body (json result/output params)"""
    response_file, response_body = client.infer(MODEL, image_id, {})
    assert isinstance(response_file, str) and os.path.exists(response_file)  # a path string, as the official
    assert Path(response_file).parent == tmp_path / "tmp"
    assert isinstance(response_body, dict) and "foreground" in response_body
    # label_in: a label the model needs beside the image (scribbles)
    label_file, _ = client.infer(MODEL, image_id, {"largest_cc": False}, label_in=str(volumes[1]))
    assert label_file is not None
    # file: a raw image instead of image_id
    from_file, _ = client.infer(MODEL, "", {}, file=str(volumes[1]))
    assert isinstance(from_file, str) and os.path.getsize(from_file) > 0
    # session_id: an existing session's image instead of image_id
    session_id = client.create_session(str(volumes[1]))["session_id"]
    in_session, _ = client.infer(MODEL, "", {}, session_id=session_id)
    assert in_session is not None
    example("infer")


def test_infer_results_index_like_tuples(client: MONAILabelClient, image_id: str) -> None:
    """infer(...) and wsi_infer(...) return (response_file, response_body) tuples"""
    assert client.wsi_infer(MODEL, image_id, output="json")[0] is None
    result = client.infer(MODEL, image_id, {})
    assert isinstance(result[1], dict) and len(result) == 2 and result[0] == str(result.label)


def test_wsi_infer(client: MONAILabelClient, image_id: str) -> None:
    """wsi_infer(model, image_id, body=None, output='dsa', session_id=None): Run WSI Infer in case of Pathology
    App. Returns: response_file (None), response_body"""
    response_file, response_body = client.wsi_infer(MODEL, image_id)
    assert response_file is None and response_body
    response_file, response_body = client.wsi_infer(MODEL, image_id, body={"level": 0}, output="json")
    assert response_file is None and isinstance(response_body, dict)
    example("wsi_infer")


# ---- active learning and training


def test_next_sample(client: MONAILabelClient, image_id: str) -> None:
    """next_sample(strategy, params): Get Next sample. Returns: json response which contains information about
    next image selected for annotation"""
    sample = client.next_sample(STRATEGY, {})
    assert sample is not None  # medannot: None when the strategy has nothing left (see the migration guide)
    assert sample["id"] == image_id
    assert json.loads(json.dumps(dict(sample)))["id"] == image_id
    example("next_sample")


def test_training(client: MONAILabelClient) -> None:
    """train_start(model, params): Run Train Task; train_status(check_if_running=False): boolean if
    check_if_running is enabled; else json response that contains of full details; train_stop(): Stop any
    running Train Task(s)"""
    started = client.train_start(MODEL, {"max_epochs": 1})
    assert started["status"] in ("SUBMITTED", "RUNNING")
    example("train_start")
    assert client.train_status(check_if_running=True) is True
    status = client.train_status()
    assert status is not None and status["id"] == started["id"]
    example("train_status")
    stopped = client.train_stop()
    assert stopped is not None and stopped["status"] == "STOPPED"
    assert client.train_status(check_if_running=True) is False
    example("train_stop")


# ---- errors


def test_monailabel_client_exception(client: MONAILabelClient) -> None:
    """exception MONAILabelClientException(error, msg, status_code=None, response=None): error, msg"""
    try:
        client.get_session("no-such-session")
    except MONAILabelClientException as e:
        assert e.status_code == 404
        assert "Not Found" in str(e)
    else:
        pytest.fail("no exception")
    with pytest.raises(MONAILabelClientException) as failed:  # an unknown model: the server's 500
        client.infer("no-such-model", "no-such-image", {})
    assert failed.value.status_code == 500
    example("MONAILabelClientException")


def test_monailabel_client_exception_attributes(client: MONAILabelClient) -> None:
    """MONAILabelClientException: error (a MONAILabelError code), msg -- `msg` as documented; the error code is
    the status class instead (docs/migrating-from-monailabel.md)"""
    with pytest.raises(MONAILabelClientException) as failed:
        client.get_session("no-such-session")
    assert "Not Found" in failed.value.msg and failed.value.status_code == 404


def test_monailabel_error_codes() -> None:
    """class MONAILabelError: SERVER_ERROR = 1, SESSION_EXPIRED = 2, UNKNOWN = 3"""
    assert (MONAILabelError.SERVER_ERROR, MONAILabelError.SESSION_EXPIRED, MONAILabelError.UNKNOWN) == (1, 2, 3)
    example("MONAILabelError")


# ---- what medannot does not offer (each one line of the migration guide)


def test_utils_are_not_offered() -> None:
    """class MONAILabelUtils: encode_multipart_formdata, get_content_type, get_filename, http_method,
    http_multipart, http_upload, parse_multipart, save_result, send_response, urllib_quote_plus;
    bytes_to_str(b)"""
    import medannot.monailabel

    assert not hasattr(medannot.monailabel, "MONAILabelUtils")
    example("MONAILabelUtils", changed=True)
    assert not hasattr(medannot.monailabel, "bytes_to_str")
    example("bytes_to_str", changed=True)


def test_every_documented_method_exists() -> None:
    documented = [
        "auth_enabled", "auth_token", "auth_valid_token", "create_session", "datastore", "download_label",
        "get_server_url", "get_session", "infer", "info", "next_sample", "remove_session", "save_label",
        "set_server_url", "train_start", "train_status", "train_stop", "update_auth", "upload_image", "wsi_infer",
    ]  # fmt: skip
    assert len(documented) == 20
    assert [name for name in documented if not callable(getattr(MONAILabelClient, name, None))] == []


# ---- the counts (run last: pytest runs a module's tests in order)


EXAMPLES = 25  # the constructor, 20 methods, the exception, the error codes, MONAILabelUtils, bytes_to_str


def test_counts() -> None:
    if len(UNCHANGED) + len(CHANGED) < EXAMPLES and len(CHANGED) < 2:
        pytest.skip("counts need the whole module run")
    print(f"MONAI Label seed examples: {len(UNCHANGED)} unchanged, {len(CHANGED)} with a documented change")
    assert len(UNCHANGED) + len(CHANGED) == EXAMPLES, (UNCHANGED, CHANGED)
    assert len(CHANGED) == 2
