"""MONAI Label 0.8.5 with auth on: what medannot does with the server's known fault.

0.8.5 calls `jwt.decode` without `algorithms`, so every token is refused (401 "Could not validate
credentials"); only /auth/ and /auth/token work. medannot fetches and keeps the token, and reports the
refusal as AuthError with the server's words, never showing the token.
"""

from __future__ import annotations

import pytest

from medannot.errors import AuthError
from medannot.monailabel import Client
from tests.fixtures.monailabel_live import FAKE_REALM_PASSWORD, FAKE_REALM_TOKEN
from tools.servers.monailabel import MonaiLabelServer

pytestmark = pytest.mark.live


def test_token_is_fetched_and_the_servers_refusal_is_an_auth_error(monailabel_auth_server: MonaiLabelServer) -> None:
    with Client(monailabel_auth_server.url) as ml:
        assert ml.auth_enabled() is True
        with pytest.raises(AuthError, match="Not authenticated"):
            ml.info()
        token = ml.auth_token("annotator", FAKE_REALM_PASSWORD)
        assert token.access_token == FAKE_REALM_TOKEN
        assert ml.auth_valid_token() is False  # the 0.8.5 fault: no token validates
        with pytest.raises(AuthError, match="Could not validate credentials") as info:
            ml.info()
        assert FAKE_REALM_TOKEN not in str(info.value) and FAKE_REALM_TOKEN not in repr(ml)


def test_wrong_password_is_reported(monailabel_auth_server: MonaiLabelServer) -> None:
    # 0.8.5 answers a realm refusal with a plain 500: a refused login is an AuthError all the same
    with Client(monailabel_auth_server.url) as ml, pytest.raises(AuthError, match="logging in failed") as caught:
        ml.auth_token("annotator", "wrong")
    assert caught.value.status_code == 500 and "wrong" not in str(caught.value)
