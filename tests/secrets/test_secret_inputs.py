"""Secrets as a user hands them over, for every platform and both twins, against the emulators.

- User info in a server URL (`http://alice:S3CRET@host`) is taken off at construction: the password never shows
  in the repr/str of the client, its options, its errors (API and transport), `get_server_url()` or a DEBUG log.
- A key (token, password) with surrounding white space (a key file's trailing newline) is stripped and works.
- A key with an inner control character (or a character a header cannot carry) is a `BadInput`, raised at
  construction, whose text (and its causes') does not show the key or any part of it.
- A PHAS key that is neither a key nor an existing file is not echoed in "does not exist".
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from medannot.core.config import ClientOptions
from medannot.errors import BadInput, MedannotError, NotFound, TransportError
from medannot.testing.labelbox import LabelboxEmulator
from medannot.testing.monailabel import MonaiLabelEmulator
from medannot.testing.phas import PhasEmulator
from tests import blocking

PASSWORD = "S3CRET-pw-5e2b9d"
USER = "alice"
HEAD, TAIL = "HEADkey1234", "TAILkey5678"  # the halves of a key with something bad between them
PHAS_KEY = "6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f"
LABELBOX_KEY = "lb-key-93c7a1f0e2d4"
CLOSED_PORT = "http://{userinfo}127.0.0.1:9"  # discard: nothing listens


def with_userinfo(url: str, password: str = PASSWORD) -> str:
    return url.replace("http://", f"http://{USER}:{password}@", 1)


def texts_of(exc: BaseException) -> list[str]:
    """What a user may see of an error: its str and repr, and those of every chained cause."""
    texts, seen = [], set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        texts += [str(current), repr(current)]
        current = current.__cause__ or current.__context__
    return texts


def shown(*fragments: str, texts: list[str]) -> list[str]:
    return [text for text in texts if any(fragment in text for fragment in fragments)]


# --- servers and twins -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def servers() -> Iterator[dict[str, Any]]:
    with (
        MonaiLabelEmulator(auth=True, username=USER, password=PASSWORD) as ml,
        PhasEmulator(api_key=PHAS_KEY) as phas,
        LabelboxEmulator(api_key=LABELBOX_KEY) as lb,
    ):
        yield {"monailabel": ml, "phas": phas, "labelbox": lb}


@pytest.fixture(params=["sync", "async"])
def twin(request: pytest.FixtureRequest) -> Iterator[Callable[..., Any]]:
    """`twin(module, *args, **kwargs)`: the module's `Client`, or its `AsyncClient` behind a blocking portal."""
    if request.param == "sync":
        yield lambda module, *args, **kwargs: module.Client(*args, **kwargs)
        return
    with blocking.portal() as portal:
        yield lambda module, *args, **kwargs: blocking.construct(module.AsyncClient, portal, *args, **kwargs)


@dataclass
class Platform:
    """How to reach one platform: build a client (`url` may carry user info, `key` is the credential), make a
    call that needs the credential, and a call that fails with NotFound (its message names the URL)."""

    name: str
    connect: Callable[[Callable[..., Any], dict[str, Any], str | None, str | None], Any]
    works: Callable[[Any], object]
    missing: Callable[[Any], object]
    env_var: str | None

    def url(self, servers: dict[str, Any]) -> str:
        server = servers[self.name]
        return str(server.graphql_url if self.name == "labelbox" else server.url)


def _monailabel(twin: Callable[..., Any], servers: dict[str, Any], url: str | None, key: str | None) -> Any:
    import medannot.monailabel

    if key is None:  # the credentials come from the URL's user info
        return twin(medannot.monailabel, url or with_userinfo(servers["monailabel"].url))
    return twin(medannot.monailabel, url or servers["monailabel"].url, token=key)


def _phas(twin: Callable[..., Any], servers: dict[str, Any], url: str | None, key: str | None) -> Any:
    import medannot.phas

    return twin(medannot.phas, url or servers["phas"].url, PHAS_KEY if key is None else key)


def _labelbox(twin: Callable[..., Any], servers: dict[str, Any], url: str | None, key: str | None) -> Any:
    import medannot.labelbox

    return twin(
        medannot.labelbox, api_key=LABELBOX_KEY if key is None else key, endpoint=url or servers["labelbox"].graphql_url
    )


PLATFORMS = [
    Platform("monailabel", _monailabel, lambda c: c.info(), lambda c: c.get_session("no-such-session"), None),
    Platform("phas", _phas, lambda c: c.project_listing(), lambda c: c.task_listing("no-project"), "PHAS_AUTH_KEY"),
    Platform("labelbox", _labelbox, lambda c: c.get_user(), lambda c: c.get_dataset("cl-missing"), "LABELBOX_API_KEY"),
]
BY_NAME = {p.name: p for p in PLATFORMS}
ids = [p.name for p in PLATFORMS]


def monailabel_token(servers: dict[str, Any]) -> str:
    answer = httpx.post(f"{servers['monailabel'].url}/auth/token", data={"username": USER, "password": PASSWORD})
    return str(answer.json()["access_token"])


@contextlib.contextmanager
def debug_logs(caplog: pytest.LogCaptureFixture) -> Iterator[list[str]]:
    """Every logger at DEBUG; yields the list that holds, afterwards, every formatted log line."""
    lines: list[str] = []
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "medannot", "hpack"):
        caplog.set_level(logging.DEBUG, logger=name)
    yield lines
    assert any(r.name.startswith("httpcore") for r in caplog.records), "DEBUG logging was not on"
    formatter = logging.Formatter("%(name)s %(message)s")
    lines += [formatter.format(record) for record in caplog.records]
    lines.append(caplog.text)


# --- user info in the URL --------------------------------------------------------------------------------
@pytest.mark.parametrize("platform", PLATFORMS, ids=ids)
def test_user_info_in_the_url_is_never_shown(
    platform: Platform, servers: dict[str, Any], twin: Callable[..., Any], caplog: pytest.LogCaptureFixture
) -> None:
    texts: list[str] = []
    url = with_userinfo(platform.url(servers))
    with debug_logs(caplog) as lines:
        with platform.connect(twin, servers, url, None) as client:
            platform.works(client)  # MONAI Label (auth on) only answers when the URL's credentials were used
            texts += [repr(client), str(client), repr(client._session.options), str(client._session.options)]
            texts += [repr(client._session), repr(client._session.http.auth), repr(client.api)]
            if platform.name == "monailabel":
                assert client.get_server_url() == platform.url(servers)
            texts.append(str(getattr(client, "get_server_url", lambda: "")()))
            with pytest.raises(NotFound) as missing:
                platform.missing(client)
            texts += texts_of(missing.value)
            texts.append(str(getattr(missing.value, "url", "")))
        unreachable = CLOSED_PORT.format(userinfo=f"{USER}:{PASSWORD}@")
        if platform.name == "labelbox":
            unreachable += "/graphql"
        with platform.connect(twin, servers, unreachable, None) as client:
            texts += [repr(client), str(client._session.options)]
            with pytest.raises(TransportError) as refused:
                platform.works(client.with_options(max_retries=0))
            texts += texts_of(refused.value)
    texts += lines
    assert len(texts) > 20
    assert not shown(PASSWORD, texts=texts), shown(PASSWORD, texts=texts)[:3]


@pytest.mark.parametrize(
    "url",
    [
        f"http://{USER}:{PASSWORD}@example.org:8000/",
        f"https://{USER}:{PASSWORD}@example.org/api?x=1",
        f"http://:{PASSWORD}@example.org",
        f"http://{USER}:{PASSWORD.replace('-', '%2D')}@example.org",
    ],
)
def test_options_take_user_info_off_the_url(url: str) -> None:
    options = ClientOptions(url)
    assert "@" not in options.base_url
    assert options.url_credentials is not None
    password = options.url_credentials[1]
    assert password is not None and password.value == PASSWORD
    texts = [options.base_url, repr(options), str(options), repr(options.url_credentials)]
    assert not shown(PASSWORD, "%2D", texts=texts), texts


@pytest.mark.parametrize(
    "url", [f"ftp://{USER}:{PASSWORD}@example.org", f"{USER}:{PASSWORD}@example.org", f"//{USER}:{PASSWORD}@h"]
)
def test_a_bad_url_with_user_info_is_bad_input_that_hides_the_password(url: str) -> None:
    with pytest.raises(BadInput) as caught:
        ClientOptions(url)
    assert not shown(PASSWORD, texts=texts_of(caught.value)), texts_of(caught.value)


# --- surrounding white space ----------------------------------------------------------------------------
@pytest.mark.parametrize("padding", [("", "\n"), ("", "\r\n"), ("  ", "\t ")], ids=["lf", "crlf", "blanks"])
@pytest.mark.parametrize("platform", PLATFORMS, ids=ids)
def test_a_key_with_surrounding_white_space_is_stripped(
    platform: Platform, padding: tuple[str, str], servers: dict[str, Any], twin: Callable[..., Any]
) -> None:
    key = {"monailabel": monailabel_token(servers), "phas": PHAS_KEY, "labelbox": LABELBOX_KEY}[platform.name]
    before, after = padding
    with platform.connect(twin, servers, None, before + key + after) as client:
        assert platform.works(client)


@pytest.mark.parametrize("platform", [p for p in PLATFORMS if p.env_var], ids=[p.name for p in PLATFORMS if p.env_var])
def test_a_key_from_the_environment_with_a_trailing_newline_is_stripped(
    platform: Platform, servers: dict[str, Any], twin: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert platform.env_var is not None
    monkeypatch.setenv(platform.env_var, {"phas": PHAS_KEY, "labelbox": LABELBOX_KEY}[platform.name] + "\n")
    import medannot.labelbox
    import medannot.phas

    if platform.name == "phas":
        client = twin(medannot.phas, servers["phas"].url)
    else:
        client = twin(medannot.labelbox, endpoint=servers["labelbox"].graphql_url)
    with client:
        assert platform.works(client)


def test_a_monailabel_password_with_a_trailing_newline_is_stripped(
    servers: dict[str, Any], twin: Callable[..., Any]
) -> None:
    import medannot.monailabel

    with twin(medannot.monailabel, servers["monailabel"].url, username=USER, password=PASSWORD + "\n") as client:
        assert client.info()


# --- inner control characters -----------------------------------------------------------------------------
BAD_MIDDLES = ["\n", "\r", "\x00", "\t", "\x1b", "\x7f", "\x85", "\u2028", "\u200b"]


def _bad_key_cases() -> list[Any]:
    cases = []
    for platform in PLATFORMS:
        for middle in BAD_MIDDLES:
            cases.append(pytest.param(platform, middle, "argument", id=f"{platform.name}-{middle!r}"))
            if platform.env_var and middle != "\x00":  # an environment variable cannot hold a NUL
                cases.append(pytest.param(platform, middle, "environment", id=f"{platform.name}-env-{middle!r}"))
    return cases


@pytest.mark.parametrize(("platform", "middle", "source"), _bad_key_cases())
def test_a_key_with_an_inner_control_character_is_bad_input_that_hides_it(
    platform: Platform,
    middle: str,
    source: str,
    servers: dict[str, Any],
    twin: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    key = HEAD + middle + TAIL
    import medannot.labelbox
    import medannot.phas

    with pytest.raises(BadInput) as caught:
        if source == "argument":
            platform.connect(twin, servers, None, key)
        else:
            assert platform.env_var is not None
            monkeypatch.setenv(platform.env_var, key)
            if platform.name == "phas":
                twin(medannot.phas, servers["phas"].url)
            else:
                twin(medannot.labelbox, endpoint=servers["labelbox"].graphql_url)
    texts = texts_of(caught.value)
    assert not shown(HEAD, TAIL, texts=texts), texts


@pytest.mark.parametrize("field", ["username", "password"])
def test_monailabel_credentials_with_an_inner_control_character_are_bad_input_that_hides_them(
    field: str, servers: dict[str, Any], twin: Callable[..., Any]
) -> None:
    import medannot.monailabel

    credentials = {"username": USER, "password": PASSWORD, field: HEAD + "\n" + TAIL}
    with pytest.raises(BadInput) as caught:
        twin(medannot.monailabel, servers["monailabel"].url, **credentials)
    assert not shown(HEAD, TAIL, texts=texts_of(caught.value)), texts_of(caught.value)
    with pytest.raises(BadInput) as caught:  # in the URL's user info (percent-encoded) too
        url = servers["monailabel"].url.replace("http://", f"http://{USER}:{HEAD}%0A{TAIL}@")
        twin(medannot.monailabel, url)
    assert not shown(HEAD, TAIL, texts=texts_of(caught.value)), texts_of(caught.value)


@pytest.mark.parametrize("platform", [BY_NAME["monailabel"], BY_NAME["labelbox"]], ids=["monailabel", "labelbox"])
def test_a_key_a_header_cannot_carry_is_bad_input_that_hides_it(
    platform: Platform, servers: dict[str, Any], twin: Callable[..., Any]
) -> None:
    with pytest.raises(BadInput) as caught:
        platform.connect(twin, servers, None, HEAD + "é" + TAIL)
    assert not shown(HEAD, TAIL, texts=texts_of(caught.value)), texts_of(caught.value)


@pytest.mark.parametrize("key", [f"{HEAD}/{TAIL}", f"{HEAD}\\{TAIL}"])
def test_a_phas_key_that_is_no_file_is_not_echoed(key: str, servers: dict[str, Any], twin: Callable[..., Any]) -> None:
    with pytest.raises(MedannotError) as caught:
        BY_NAME["phas"].connect(twin, servers, None, key)
    assert not shown(HEAD, TAIL, texts=texts_of(caught.value)), texts_of(caught.value)


def test_the_monailabel_token_and_auth_never_show_the_token(servers: dict[str, Any], twin: Callable[..., Any]) -> None:
    import medannot.monailabel

    with twin(medannot.monailabel, servers["monailabel"].url) as client:
        token = client.auth_token(USER, PASSWORD)
        secret = token.access_token
        assert client.info()
        texts = [repr(token), str(token), repr(client), repr(client._session.http.auth), repr(client.api)]
    assert not shown(secret, PASSWORD, texts=texts), texts
