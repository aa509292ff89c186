"""`import medannot.labelbox` stays light: the generated pydantic models (fragments, input types, operation
results) load on first use, while every public name still imports as before."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import medannot.labelbox
import medannot.labelbox.models
from medannot_api.labelbox import fragments

# The generated package's plumbing; every other module of it defines pydantic models.
PLUMBING = {"base_client", "base_model", "client", "enums", "exceptions"}


def loaded_after(code: str) -> list[str]:
    """The generated Labelbox model modules (and pydantic) a fresh interpreter holds after running `code`."""
    probe = (
        f"{code}\nimport sys, json\n"
        "print(json.dumps(sorted(m for m in sys.modules if m == 'pydantic' or (m.startswith('medannot_api.labelbox.')"
        f" and m.rpartition('.')[2] not in {sorted(PLUMBING)!r}))))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded: list[str] = json.loads(result.stdout.splitlines()[-1])
    return loaded


def test_import_loads_no_generated_models() -> None:
    assert loaded_after("import medannot.labelbox") == []


def test_constructing_a_client_loads_no_generated_models_nor_pydantic() -> None:
    code = "from medannot.labelbox import Client\nClient(api_key='k', endpoint='http://127.0.0.1:9/graphql').close()"
    assert loaded_after(code) == []


def test_a_model_imported_by_name_loads_on_first_use() -> None:
    loaded = loaded_after("from medannot.labelbox import Project\nassert Project.__name__ == 'ProjectFields'")
    assert "medannot_api.labelbox.fragments" in loaded
    assert "medannot_api.labelbox.input_types" not in loaded


@pytest.mark.parametrize("module", [medannot.labelbox, medannot.labelbox.models], ids=lambda m: m.__name__)
def test_every_exported_name_resolves_and_is_listed(module: object) -> None:
    names = module.__all__  # type: ignore[attr-defined]
    assert set(names) <= set(dir(module))
    for name in names:
        assert getattr(module, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'NoSuchName'"):
        module.NoSuchName  # type: ignore[attr-defined]  # noqa: B018


def test_lazy_names_are_the_generated_models() -> None:
    from medannot.labelbox import CatalogSlice, Client, ModelSlice, Project, Slice

    assert Project is fragments.ProjectFields
    assert CatalogSlice is ModelSlice is Slice is fragments.SavedQueryFields
    assert Client.__module__ == "medannot.labelbox._client"


def test_the_generated_client_is_built_once_on_first_use() -> None:
    from medannot.labelbox import Client

    with Client(api_key="k", endpoint="http://127.0.0.1:9/graphql") as lb:
        assert "api" not in vars(lb)
        assert lb.api is lb.api
        assert lb.api.url == "http://127.0.0.1:9/graphql"
