"""PHAS API keys: the key, the official JSON key file, or its text; from the argument or $PHAS_AUTH_KEY."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medannot.errors import AuthError, BadInput
from medannot.phas._keys import looks_like_path, read_api_key

KEY = "235cf912-bcb4-4d4e-ae0d-4bce60181d0b"


@pytest.fixture(autouse=True)
def no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PHAS_AUTH_KEY", raising=False)


def key_file(tmp_path: Path, content: str) -> Path:
    path = tmp_path / "key.json"
    path.write_text(content)
    return path


def test_the_key_itself() -> None:
    assert read_api_key(KEY).value == KEY
    assert read_api_key(f"  {KEY}\n").value == KEY


def test_the_official_key_file_as_str_or_path(tmp_path: Path) -> None:
    path = key_file(tmp_path, json.dumps({"api_key": KEY}))
    assert read_api_key(str(path)).value == KEY
    assert read_api_key(path).value == KEY


def test_the_key_file_text() -> None:
    assert read_api_key(json.dumps({"api_key": KEY})).value == KEY


def test_the_environment_variable_holds_a_key_or_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PHAS_AUTH_KEY", KEY)
    assert read_api_key(None).value == KEY
    monkeypatch.setenv("PHAS_AUTH_KEY", str(key_file(tmp_path, json.dumps({"api_key": "other"}))))
    assert read_api_key(None).value == "other"
    assert read_api_key(KEY).value == KEY  # the argument wins


def test_nothing_given_names_the_variable() -> None:
    with pytest.raises(AuthError, match="PHAS_AUTH_KEY"):
        read_api_key(None)


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not valid JSON"), ('{"key": "x"}', "no \"api_key\""), ('["x"]', "no \"api_key\""),
     ('{"api_key": ""}', "no \"api_key\""), ('{"api_key": 7}', "no \"api_key\"")],
)  # fmt: skip
def test_a_broken_key_file_is_an_auth_error(tmp_path: Path, content: str, message: str) -> None:
    with pytest.raises(AuthError, match=message) as caught:
        read_api_key(key_file(tmp_path, content))
    assert content not in str(caught.value) or content == ""


def test_a_missing_key_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "key.json"
    with pytest.raises(BadInput, match="does not exist"):
        read_api_key(missing)
    with pytest.raises(BadInput, match="does not exist"):
        read_api_key("my_key.json")


def test_the_key_never_shows() -> None:
    secret = read_api_key(KEY)
    assert KEY not in repr(secret) and KEY not in str(secret)
    with pytest.raises(AuthError) as caught:
        read_api_key(f"{KEY} {KEY}")
    assert KEY not in str(caught.value)


def test_what_looks_like_a_path() -> None:
    assert looks_like_path("~/k.json") and looks_like_path("a/b") and looks_like_path("key.JSON")
    assert looks_like_path(r"C:\keys\k") and looks_like_path("./k")
    assert not looks_like_path(KEY)


def test_a_key_that_looks_like_a_path_is_not_echoed() -> None:
    with pytest.raises(BadInput) as caught:
        read_api_key("abc/SECRETKEY")
    assert "SECRETKEY" not in str(caught.value)
