"""`from medannot.<platform> import Client` stays light: the generated models and operations load on first use
(PEP 562 exports, imports inside the methods), while every public name still imports as before."""

from __future__ import annotations

import json
import subprocess
import sys
from types import ModuleType
from typing import Any

import pytest

import medannot.labelbox
import medannot.labelbox.models
import medannot.monailabel
import medannot.monailabel.models
import medannot.phas
import medannot.phas.models
from medannot_api.labelbox import fragments

PLATFORMS = ["labelbox", "monailabel", "phas"]

# Each generated package's plumbing; every other module of it defines models or an operation on them.
PLUMBING = {
    "labelbox": {"_schema", "base_client", "base_model", "client", "enums", "exceptions"},
    "monailabel": {"_schema", "client", "errors", "types"},
    "phas": {"_schema", "client", "errors", "types"},
}

CONSTRUCT = {
    "labelbox": "Client(api_key='k', endpoint='http://127.0.0.1:9/graphql')",
    "monailabel": "Client('http://127.0.0.1:9')",
    "phas": "Client('http://127.0.0.1:9', 'key')",
}

# Loaded only when a call needs them: building models (pydantic for Labelbox), retrying, reading a multipart
# answer, decoding images.
DEFERRED = ["pydantic", "tenacity", "python_multipart", "PIL"]


def loaded_after(code: str, platform: str) -> list[str]:
    """The generated model and operation modules of `platform`, and the DEFERRED packages, that a fresh
    interpreter holds after running `code`."""
    prefix = f"medannot_api.{platform}."
    probe = (
        f"{code}\nimport sys, json\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m in {DEFERRED!r} or (m.startswith({prefix!r})"
        f" and m[{len(prefix)}:].partition('.')[0] not in {sorted(PLUMBING[platform])!r}))))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded: list[str] = json.loads(result.stdout.splitlines()[-1])
    return loaded


@pytest.mark.parametrize("platform", PLATFORMS)
def test_import_loads_no_generated_models(platform: str) -> None:
    assert loaded_after(f"import medannot.{platform}", platform) == []
    assert loaded_after(f"from medannot.{platform} import Client", platform) == []


@pytest.mark.parametrize("platform", PLATFORMS)
def test_constructing_a_client_loads_no_generated_models(platform: str) -> None:
    code = f"from medannot.{platform} import Client\nclient = {CONSTRUCT[platform]}\nrepr(client)\nclient.close()"
    assert loaded_after(code, platform) == []


@pytest.mark.parametrize(
    ("platform", "name", "generated_module"),
    [
        ("labelbox", "Project", "medannot_api.labelbox.fragments"),
        ("monailabel", "AppInfo", "medannot_api.monailabel.models.app_info"),
        ("phas", "SlideManifestRow", "medannot_api.phas.models.slide_manifest_row"),
    ],
)
def test_a_model_imported_by_name_loads_on_first_use(platform: str, name: str, generated_module: str) -> None:
    code = f"from medannot.{platform} import Client, {name}\nassert {name}.__module__ == {generated_module!r}"
    loaded = loaded_after(code, platform)
    assert generated_module in loaded
    assert not any(".api." in m for m in loaded)  # models, not operations
    if platform == "labelbox":
        assert "medannot_api.labelbox.input_types" not in loaded


@pytest.mark.parametrize(
    "module",
    [
        medannot.labelbox,
        medannot.labelbox.models,
        medannot.monailabel,
        medannot.monailabel.models,
        medannot.phas,
        medannot.phas.models,
    ],
    ids=lambda m: m.__name__,
)
def test_every_exported_name_resolves_and_is_listed(module: ModuleType) -> None:
    names = module.__all__
    assert len(set(names)) == len(names)
    assert set(names) <= set(dir(module))
    for name in names:
        assert getattr(module, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'NoSuchName'"):
        module.NoSuchName  # noqa: B018


def test_lazy_names_are_the_generated_models() -> None:
    from medannot.labelbox import CatalogSlice, ModelSlice, Project, Slice
    from medannot.monailabel import AppInfo, TaskRecord
    from medannot.phas import Geometry, SamplingRoi, as_geometry
    from medannot_api.monailabel import models as monailabel_models
    from medannot_api.phas import models as phas_models

    assert Project is fragments.ProjectFields
    assert CatalogSlice is ModelSlice is Slice is fragments.SavedQueryFields
    assert AppInfo is medannot.monailabel.models.AppInfo is monailabel_models.AppInfo
    assert TaskRecord is monailabel_models.TaskRecord
    assert SamplingRoi is medannot.phas.models.SamplingRoi is phas_models.SamplingRoi
    assert Geometry == dict[str, Any]
    assert as_geometry.__module__ == "medannot.phas._roi_geometry"
    for platform in PLATFORMS:
        client = sys.modules[f"medannot.{platform}"].Client
        assert client.__module__ == f"medannot.{platform}._sync.client"


@pytest.mark.parametrize("platform", PLATFORMS)
def test_the_generated_client_is_built_once_on_first_use(platform: str) -> None:
    client: Any = eval(CONSTRUCT[platform], {"Client": sys.modules[f"medannot.{platform}"].Client})
    with client:
        assert "_public_api" not in vars(client)
        assert client.api is client.api
        if platform == "labelbox":
            assert client.api.url == "http://127.0.0.1:9/graphql"
        else:  # the generated client sends through the client's own session (its pools, auth and errors)
            assert client.api._base_url == "http://127.0.0.1:9"
            assert client.api.get_httpx_client()._transport._pools is client._session.transport._pools


def test_a_new_monailabel_server_url_gets_a_new_generated_client() -> None:
    with medannot.monailabel.Client("http://127.0.0.1:9") as ml:
        first = ml.api
        ml.set_server_url("http://127.0.0.1:10/")
        assert ml.api is not first
        assert ml.api._base_url == "http://127.0.0.1:10"
        assert ml.api.get_httpx_client()._transport._pools is ml._session.transport._pools


def test_monailabel_update_auth_takes_a_string_without_loading_models() -> None:
    code = (
        "from medannot.monailabel import Client\nml = Client('http://127.0.0.1:9')\n"
        "ml.update_auth('t1')\nml.update_auth({'access_token': 't2'})\nml.update_auth(None)"
    )
    assert loaded_after(code, "monailabel") == []


def test_monailabel_update_auth_takes_a_token() -> None:
    from medannot.monailabel import Token

    with medannot.monailabel.Client("http://127.0.0.1:9") as ml:
        ml.update_auth(Token(access_token="abc", token_type="bearer"))
        request = ml._session.http.build_request("GET", "/info/")
        flow = ml._auth.sync_auth_flow(request)
        assert next(flow).headers["Authorization"] == "Bearer abc"
