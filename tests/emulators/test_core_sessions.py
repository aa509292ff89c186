"""The core v2 seams over real sockets, with the MONAI Label emulator as the server: token renewal (sync, async,
concurrent callers), `client.api` sharing the session both ways, `with_options`, closed clients, proxies."""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import anyio
import httpx
import pytest

from medannot.errors import AuthError, BadInput, ClientClosed, MedannotError, Timeout, TransportError
from medannot.monailabel import AsyncClient, Client
from medannot.testing.monailabel import MonaiLabelEmulator

# Tokens live 32 s and are renewed 30 s before they expire: fresh for about 2 s.
TTL, STALE_AFTER = 32, 2.2


@pytest.fixture
def auth_server() -> Iterator[MonaiLabelEmulator]:
    with MonaiLabelEmulator(auth=True, username="alice", password="s3cret", token_ttl=TTL) as server:
        yield server


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def token_requests(server: MonaiLabelEmulator) -> int:
    return sum(1 for c in server.contract.journal if c.path == "/auth/token")


def test_credentials_log_in_on_first_call_and_renew_before_expiry(auth_server: MonaiLabelEmulator) -> None:
    with Client(auth_server.url, username="alice", password="s3cret") as ml:
        assert ml.info().name
        assert token_requests(auth_server) == 1
        time.sleep(STALE_AFTER)
        assert ml.info().name  # renewed through the same session: no deadlock, no 401
        assert token_requests(auth_server) == 2


def test_concurrent_callers_share_one_renewal(auth_server: MonaiLabelEmulator) -> None:
    with Client(auth_server.url, username="alice", password="s3cret") as ml:
        ml.info()
        time.sleep(STALE_AFTER)
        barrier = threading.Barrier(8)

        def call(_: int) -> str:
            barrier.wait()
            return ml.info().name

        with ThreadPoolExecutor(8) as pool:
            assert len(set(pool.map(call, range(8)))) == 1
        assert token_requests(auth_server) == 2


@pytest.mark.anyio
async def test_async_concurrent_callers_share_one_renewal(auth_server: MonaiLabelEmulator) -> None:
    async with AsyncClient(auth_server.url, username="alice", password="s3cret") as ml:
        names: list[str] = []

        async def call() -> None:
            names.append((await ml.info()).name)

        async with anyio.create_task_group() as group:
            for _ in range(8):
                group.start_soon(call)
        assert token_requests(auth_server) == 1
        await anyio.sleep(STALE_AFTER)
        async with anyio.create_task_group() as group:
            for _ in range(8):
                group.start_soon(call)
        assert token_requests(auth_server) == 2
        assert len(names) == 16


def test_a_refused_login_is_an_auth_error_and_no_secret(auth_server: MonaiLabelEmulator) -> None:
    # MONAI Label 0.8.5 answers a wrong password with a 500 (the emulator too): a refused login is an AuthError
    with Client(auth_server.url, username="alice", password="wrong") as ml, pytest.raises(AuthError) as caught:
        ml.info()
    assert "wrong" not in str(caught.value)
    with Client(auth_server.url) as anonymous, pytest.raises(AuthError):
        anonymous.info()


def test_api_shares_auth_retries_and_errors_both_ways(auth_server: MonaiLabelEmulator) -> None:
    from medannot_api.monailabel.api.app import api_app_info_info_get as info_op

    with Client(auth_server.url, username="alice", password="s3cret") as ml:
        assert info_op.sync(client=ml.api) is not None  # logs in through the session's auth flow

        async def through_asyncio() -> object:
            return await info_op.asyncio(client=ml.api)

        assert anyio.run(through_asyncio) is not None  # no `Bearer ` header, same auth and errors
        ml.api.with_timeout(httpx.Timeout(0.000001))  # retimes the api object, never the facade
        assert ml.info().name
    with Client(auth_server.url, username="alice", password="s3cret") as ml:
        with ml.api as api:  # closing the generated client's own httpx client leaves the session open
            assert info_op.sync(client=api) is not None
        assert ml.info().name


@pytest.fixture
def stalling_url() -> Iterator[str]:
    """A loopback server that accepts connections and never answers."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.listen()
        accepted: list[socket.socket] = []
        stop = threading.Event()

        def accept() -> None:
            server.settimeout(0.1)
            while not stop.is_set():
                try:
                    accepted.append(server.accept()[0])
                except TimeoutError:
                    continue

        thread = threading.Thread(target=accept, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.getsockname()[1]}"
        stop.set()
        thread.join()
        for conn in accepted:
            conn.close()


def test_with_options_retimes_only_the_copy_and_a_timeout_says_how_to_wait_longer(stalling_url: str) -> None:
    with Client(stalling_url, timeout=30) as ml:
        quick = ml.with_options(timeout=0.2, max_retries=0, headers={"X-Trace": "1"})
        started = time.monotonic()
        with pytest.raises(Timeout, match="timeout="):
            quick.info()
        assert time.monotonic() - started < 5
        assert repr(quick) == repr(ml)
        quick.close()  # a copy closes nothing
    with pytest.raises(ClientClosed):
        quick.info()  # the original is closed: so is every copy


def test_with_options_shares_the_session(auth_server: MonaiLabelEmulator) -> None:
    with Client(auth_server.url, username="alice", password="s3cret") as ml:
        copy = ml.with_options(max_retries=0)
        assert copy.info().name and ml.info().name
        assert token_requests(auth_server) == 1  # one credential, one login
    with pytest.raises(ClientClosed):
        ml.info()


@pytest.mark.anyio
async def test_a_closed_async_client_raises_a_medannot_error(auth_server: MonaiLabelEmulator) -> None:
    ml = AsyncClient(auth_server.url, username="alice", password="s3cret")
    await ml.close()
    with pytest.raises(ClientClosed):
        await ml.info()


def test_proxy_from_the_environment_and_no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    with MonaiLabelEmulator() as server:
        # a proxy that refuses connections: a request that goes through it fails, one that bypasses it works
        monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        with Client(server.url, retry=None) as ml, pytest.raises(TransportError):
            ml.with_options(max_retries=0).info()
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        with Client(server.url) as ml:
            assert ml.info().name
        with Client(server.url, proxy="http://127.0.0.1:9") as ml, pytest.raises(TransportError):
            ml.with_options(max_retries=0).info()


def test_verify_accepts_an_ssl_context_and_checks_a_bundle_path_before_sending() -> None:
    with MonaiLabelEmulator() as server:
        with Client(server.url, verify=ssl.create_default_context()) as ml:
            assert ml.info().name  # plain http: the context is accepted and unused
        with pytest.raises(BadInput, match="CA bundle"):
            Client(server.url, verify="/nonexistent/ca.pem")


def test_a_closed_api_is_replaced_on_next_use(auth_server: MonaiLabelEmulator) -> None:
    from medannot_api.monailabel.api.app import api_app_info_info_get as info_op

    with Client(auth_server.url, username="alice", password="s3cret") as ml:
        with ml.api as api:
            assert info_op.sync(client=api) is not None
        assert info_op.sync(client=ml.api) is not None  # a new generated client, same session


def test_a_refused_login_is_one_auth_error_for_all_concurrent_callers(auth_server: MonaiLabelEmulator) -> None:
    with Client(auth_server.url, username="alice", password="wrong") as ml:
        barrier = threading.Barrier(8)

        def call(_: int) -> type[BaseException]:
            barrier.wait()
            try:
                ml.info()
            except MedannotError as exc:
                return type(exc)
            return type(None)

        with ThreadPoolExecutor(8) as pool:
            assert set(pool.map(call, range(8))) == {AuthError}
        assert token_requests(auth_server) < 8  # the waiters share the refusal instead of each trying again


def test_a_url_without_a_scheme_is_refused_before_anything_is_sent() -> None:
    with pytest.raises(BadInput, match="http:// or https://"):
        Client("127.0.0.1:8000")
    with pytest.raises(BadInput) as caught:
        Client("ftp://alice:S3CRET@host")
    assert "S3CRET" not in str(caught.value)
