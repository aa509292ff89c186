"""No secret in a repr, a message or a log line, with DEBUG logging on everywhere (issue 9, part 3)."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest

from medannot.core.auth import BearerAuth, credential
from medannot.core.config import ClientOptions
from medannot.core.redact import redact_text
from medannot.errors import AuthError, BadInput, MedannotError
from medannot.monailabel import Client
from medannot.testing.monailabel import MonaiLabelEmulator

PASSWORD = "S3CRET-pw-7f3a9"


def test_user_info_in_the_url_is_credentials_never_shown() -> None:
    with Client(f"http://alice:{PASSWORD}@127.0.0.1:9/") as client:
        shown = [repr(client), client.get_server_url(), repr(client._session.options), str(client._session.options)]
        assert client._session.base_url == "http://127.0.0.1:9"
    assert all(PASSWORD not in text and "alice" not in text for text in shown), shown
    options = ClientOptions(f"https://bob:{PASSWORD}@example.org/api")
    assert options.base_url == "https://example.org/api"
    assert options.url_credentials is not None and options.url_credentials[1].value == PASSWORD  # type: ignore[union-attr]
    assert PASSWORD not in repr(options)


@pytest.mark.parametrize("bad", ["abc\ndef", "abc\x00def", "ab\u2028cd", "tok\x7fen"])
def test_keys_with_inner_control_characters_are_bad_input_that_hides_them(bad: str) -> None:
    with pytest.raises(BadInput) as caught:
        credential(bad, "NO_SUCH_ENV", what="API key")
    assert bad not in str(caught.value) and "abc" not in str(caught.value)
    with pytest.raises(BadInput) as caught:
        Client("http://127.0.0.1:9", token=bad)
    assert bad not in str(caught.value)


def test_keys_are_stripped_and_must_be_strings() -> None:
    assert credential("  key-123\n", "NO_SUCH_ENV", what="API key").value == "key-123"
    with pytest.raises(BadInput, match="must be a string, not int"):
        credential(12345, "NO_SUCH_ENV", what="API key")  # type: ignore[arg-type]
    with pytest.raises(BadInput, match="non-ASCII"):
        BearerAuth("tökenvalue")
    with pytest.raises(AuthError):
        credential("   ", "NO_SUCH_ENV", what="API key")


def test_log_text_redaction() -> None:
    line = "[(b'Authorization', b'Bearer eyJabc.def'), (b'cookie', b'session=xyz')] GET http://u:p4ss@h/x?token=t0k"
    out = redact_text(line)
    assert "eyJabc" not in out and "xyz" not in out and "p4ss" not in out and "t0k" not in out


def test_a_debug_logged_authenticated_session_never_prints_a_secret(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    image = tmp_path / "ct.nii.gz"
    image.write_bytes(b"\x1f\x8b" + b"0" * 2000)
    texts: list[str] = []
    caplog.set_level(logging.DEBUG)  # every logger, httpx's and httpcore's included
    with MonaiLabelEmulator(auth=True, username="alice", password=PASSWORD) as server:
        url = server.url.replace("http://", f"http://alice:{PASSWORD}@")
        with Client(url, tmpdir=tmp_path) as client:
            texts += [repr(client), client.get_server_url()]
            client.upload_image(image, image_id="ct")
            client.save_label("ct", image)
            client.download_image("ct", tmp_path / "out.nii.gz")
            texts.append(repr(client.datastore()))
            token = client.auth_token("alice", PASSWORD)
            texts += [repr(token), str(token), repr(client._auth)]
            secret_token = token.access_token
            for call in (lambda: client.download_image("nope"), lambda: client.auth_token("alice", "wrong-pw")):
                try:
                    call()
                except MedannotError as exc:
                    texts += [str(exc), repr(exc)]
        with Client(server.url) as anonymous:
            try:
                anonymous.info()
            except MedannotError as exc:
                texts += [str(exc), repr(exc)]
    assert any(r.name.startswith("httpcore") for r in caplog.records)  # DEBUG really was on
    assert any(r.name == "httpx" for r in caplog.records)
    for record in caplog.records:
        texts.append(record.getMessage())
        if record.exc_text:
            texts.append(record.exc_text)
    texts.append(caplog.text)
    leaks = [t for t in texts if PASSWORD in t or secret_token in t]
    assert not leaks, leaks[:3]


def test_the_token_model_hides_its_value() -> None:
    from medannot.monailabel._async.client import _parse_token

    request = httpx.Request("POST", "http://h/auth/token")
    response = httpx.Response(200, json={"access_token": "eyJ.secret.tok", "token_type": "bearer"}, request=request)
    token = _parse_token(response)
    assert token.access_token == "eyJ.secret.tok"
    assert "eyJ" not in repr(token) and "eyJ" not in str(token)
    from medannot_api.monailabel.models import Token

    assert isinstance(token, Token)
