"""The redacting log filter reaches every logger under httpx, httpcore, hpack and medannot, also those created
after the first client, and masks secrets in a record's message, arguments and exception text."""

from __future__ import annotations

import logging

import pytest

from medannot.core.config import ClientOptions
from medannot.core.redact import MASK, Secret

TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhdWRpdCJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg"


@pytest.mark.parametrize("name", ["medannot.phas", "medannot.some.new.module", "httpcore.http11", "hpack.table"])
def test_a_logger_under_a_filtered_root_made_after_the_first_client_is_filtered(
    name: str, caplog: pytest.LogCaptureFixture
) -> None:
    ClientOptions("http://127.0.0.1:9")  # the first client: the filter is installed
    logger = logging.getLogger(name)  # possibly made only now
    ClientOptions("http://127.0.0.1:9")  # the next client looks again
    known = Secret("known-secret-value-42")
    caplog.set_level(logging.DEBUG)
    logger.debug("headers %s", [(b"authorization", b"Bearer " + TOKEN.encode())])
    logger.debug("login with %s at %s", known.value, "http://alice:pw-1234@host/x?api_key=k-5678")
    try:
        raise RuntimeError(f"failed with {known.value}")
    except RuntimeError:
        logger.exception("call failed")
    text = caplog.text
    assert MASK in text
    for secret in (TOKEN, known.value, "pw-1234", "k-5678"):
        assert secret not in text, text


def test_a_logger_outside_the_filtered_roots_is_left_alone(caplog: pytest.LogCaptureFixture) -> None:
    ClientOptions("http://127.0.0.1:9")
    caplog.set_level(logging.DEBUG)
    logging.getLogger("someone.else").debug("Authorization: Bearer not-ours")
    assert "not-ours" in caplog.text  # medannot does not rewrite other libraries' records
