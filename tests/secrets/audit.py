"""The secret audit, a pytest plugin: `python -m pytest tests/contract -m "not live" -p tests.secrets.audit`.

While the suites run, it collects every text a user of medannot could see:

- **log lines**: every logger at DEBUG (root, httpx, httpcore, hpack, h11, medannot, urllib3, asyncio, uvicorn...,
  re-asserted before each test, since servers reconfigure logging); one handler on the root logger (and on
  any logger that does not propagate) formats each record as an application's handler would, message with its
  arguments and exception text;
- **exception texts**: every `MedannotError` constructed (patched `MedannotError.__init__`, so also those
  caught inside medannot, e.g. before a retry), every exception `pytest.raises` caught (patched
  `ExceptionInfo.fill_unfilled`), and each failure's report: `str`, `repr` and the text of every chained cause;
- **reprs**: every client built (patched `BaseClient`/`AsyncBaseClient.__init__`): its repr and str, its options,
  session, auth and `client.api`, and `get_server_url()`; and the return value (and every item yielded) of
  every public method of the facades' classes, sync and async twins: repr and str;
- **test output**: what each test printed (and pytest's own log capture, unless `-p no:logging`).

The secrets used: every `medannot.core.redact.Secret` made (keys, passwords, tokens the clients hold), every
cookie a response set, the MONAI Label emulator's password and every token it issued (under the audit the
emulator runs with auth on and each client built without credentials gets them as user info in its URL, or as
`username`/`password` when the URL is passed by name, so every call carries a JWT),
every PHAS emulator key and every Labelbox emulator key. Values shorter than `MIN_LENGTH` are not checked.

At the end every text is searched for every secret and for its long fragments (the payload and signature of a
JWT or signed cookie, the head and tail of a long key), so a truncated secret is found too. A leak makes the
run fail; the figures are printed and, with `--secret-audit-report=PATH`, written as JSON.
"""

from __future__ import annotations

import functools
import inspect
import json
import logging
import secrets
import sys
import threading
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

MIN_LENGTH = 8  # shorter values are not checked (they would match ordinary words)
FRAGMENT = 16  # a secret's head and tail of this length are searched for too (long secrets only)
MAX_TEXT = 200_000  # a longer repr is cut (an image's bytes, a big listing)
AUDIT_PASSWORD = "ml-audit-" + secrets.token_hex(12)  # the MONAI Label emulator's password under the audit
AUDIT_USER = "admin"
TOKEN_TTL = 45  # seconds: with the clients' 30 s leeway, a run longer than 15 s renews its token
LOGGERS = (
    "",
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "hpack",
    "h11",
    "h2",
    "medannot",
    "medannot.http",
    "medannot.phas",
    "urllib3",
    "asyncio",
    "anyio",
    "uvicorn",
    "uvicorn.error",
    "uvicorn.access",
    "multipart",
    "python_multipart",
    "PIL",
)
FACADES = ("medannot.monailabel", "medannot.phas", "medannot.labelbox")
CORE_CLASSES = ("medannot.core._async.client", "medannot.core._sync.client")
PAGINATION = ("medannot.core._async.pagination", "medannot.core._sync.pagination")


@dataclass
class Leak:
    source: str
    test: str
    kind: str
    excerpt: str


@dataclass
class Audit:
    """What the audit collected: texts by first source and test, how often each was seen, and the secrets."""

    texts: dict[str, tuple[str, str]] = field(default_factory=dict)  # text -> (source, test)
    counts: Counter[str] = field(default_factory=Counter)  # source -> lines seen (with repeats)
    secrets: dict[str, str] = field(default_factory=dict)  # value -> kind
    short: set[str] = field(default_factory=set)  # values too short to check
    errors: list[BaseException] = field(default_factory=list)  # MedannotErrors of the running test
    clients: list[Any] = field(default_factory=list)  # clients of the running test
    outcomes: Counter[str] = field(default_factory=Counter)  # "<file> passed|failed|skipped|error" -> tests
    test: str = "(collection)"
    tests: int = 0
    lock: threading.RLock = field(default_factory=threading.RLock)

    def text(self, source: str, value: object) -> None:
        if not isinstance(value, str):
            return
        value = value[:MAX_TEXT]
        with self.lock:
            self.counts[source] += value.count("\n") + 1
            self.texts.setdefault(value, (source, self.test))

    def secret(self, value: object, kind: str) -> None:
        if not isinstance(value, str) or not value.strip():
            return
        with self.lock:
            if len(value) < MIN_LENGTH:
                self.short.add(value)
            else:
                self.secrets.setdefault(value, kind)

    def show(self, source: str, make: Callable[[], object]) -> None:
        """Record `str()` and `repr()` of what `make` gives (or the text of the exception it raises)."""
        try:
            value = make()
            self.text(source, repr(value))
            self.text(source, str(value))
        except Exception as exc:  # a closed client's `api`, say: its error is a text a user sees too
            self.exception(source, exc)

    def exception(self, source: str, exc: BaseException) -> None:
        seen: set[int] = set()
        current: BaseException | None = exc
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            self.text(source, repr(current))
            self.text(source, "".join(traceback.format_exception_only(type(current), current)))
            for note in getattr(current, "__notes__", ()):
                self.text(source, str(note))
            current = current.__cause__ or current.__context__

    # --- the search ------------------------------------------------------------------------------------
    def fragments(self) -> dict[str, tuple[str, str]]:
        """Every string whose presence is a leak -> (the secret's kind, a name for it)."""
        found: dict[str, tuple[str, str]] = {}
        for value, kind in self.secrets.items():
            found[value] = (kind, kind)
            parts = value.split(".")
            if len(parts) >= 2:  # a JWT (header.payload.signature) or a signed cookie (payload.signature)
                tail = parts[1:] if len(parts) == 3 else parts  # a JWT's header is the same for every token
                for part in tail:
                    if len(part) >= FRAGMENT:
                        found.setdefault(part, (kind, f"a segment of a {kind}"))
            elif len(value) >= 2 * FRAGMENT:
                found.setdefault(value[:FRAGMENT], (kind, f"the head of a {kind}"))
                found.setdefault(value[-FRAGMENT:], (kind, f"the tail of a {kind}"))
        return found

    def search(self) -> list[Leak]:
        fragments = self.fragments()
        index: dict[str, list[str]] = {}
        for fragment in fragments:
            index.setdefault(fragment[:MIN_LENGTH], []).append(fragment)
        leaks: list[Leak] = []
        for text, (source, test) in self.texts.items():
            hits = {
                fragment
                for start in range(len(text) - MIN_LENGTH + 1)
                for fragment in index.get(text[start : start + MIN_LENGTH], ())
                if text.startswith(fragment, start)
            }
            if hits:
                excerpt = text
                for fragment in sorted(hits, key=len, reverse=True):
                    excerpt = excerpt.replace(fragment, f"<{fragments[fragment][1]}>")
                kinds = sorted({fragments[fragment][1] for fragment in hits})
                leaks.append(Leak(source, test, ", ".join(kinds), excerpt[:2000]))
        return leaks


AUDIT = Audit()


class AuditHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            AUDIT.text("log", self.format(record))
        except Exception:  # a record that cannot be formatted is reported by logging itself elsewhere
            self.handleError(record)


HANDLER = AuditHandler()


def debug_everything() -> None:
    """Every logger at DEBUG, none disabled, the audit handler wherever records would not reach the root."""
    logging.disable(logging.NOTSET)
    for name in LOGGERS:
        logging.getLogger(name)
    root = logging.getLogger()
    root.setLevel(logging.DEBUG)
    if HANDLER not in root.handlers:
        root.addHandler(HANDLER)
    for logger in list(logging.Logger.manager.loggerDict.values()):
        if isinstance(logger, logging.Logger):
            logger.setLevel(logging.DEBUG)
            logger.disabled = False
            if not logger.propagate and HANDLER not in logger.handlers:
                logger.addHandler(HANDLER)


# --- patches ---------------------------------------------------------------------------------------------
def _patch(owner: Any, name: str, make: Callable[[Any], Any], undo: list[Callable[[], None]]) -> None:
    original = owner.__dict__[name]
    setattr(owner, name, make(original))
    undo.append(lambda: setattr(owner, name, original))


_busy = threading.local()


def names_a_key_file(value: str) -> bool:
    """A PHAS "key or key file" argument that names a file (`/path/key.json`, `~/k`, `./k`): messages name the
    file by design (`medannot.phas._keys`), so it is not a secret. A value with a separator that does not read
    like a file's name is still checked (it may be a key, and must not be shown)."""
    return value.lower().endswith(".json") or value.startswith(("~", ".", "/"))


def _record_result(value: Any) -> None:
    if isinstance(value, (bytes, bytearray, memoryview)) or value is None or getattr(_busy, "on", False):
        return
    _busy.on = True  # a repr that calls a wrapped method is not recorded again
    try:
        AUDIT.show("result", lambda: value)
    finally:
        _busy.on = False


def _wrap(fn: Callable[..., Any]) -> Callable[..., Any] | None:
    if getattr(fn, "_secret_audit", False):
        return None
    wrapper: Callable[..., Any]
    if inspect.isasyncgenfunction(fn):

        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            agen = fn(*args, **kwargs)
            try:
                async for item in agen:
                    _record_result(item)
                    yield item
            finally:
                await agen.aclose()

    elif inspect.isgeneratorfunction(fn):

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            gen = fn(*args, **kwargs)
            try:
                for item in gen:
                    _record_result(item)
                    yield item
            finally:
                gen.close()

    elif inspect.iscoroutinefunction(fn):

        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            result = await fn(*args, **kwargs)
            _record_result(result)
            return result

    else:

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            result = fn(*args, **kwargs)
            _record_result(result)
            return result

    functools.update_wrapper(wrapper, fn)
    setattr(wrapper, "_secret_audit", True)  # noqa: B010  (marks it, so nothing is wrapped twice)
    return wrapper


def _replacement(new: Any, _original: Any) -> Any:
    return new


def _wrap_class(cls: type, undo: list[Callable[[], None]]) -> int:
    """Record the results of `cls`'s own public methods (and its iterators). Returns how many were wrapped."""
    wrapped = 0
    for name, attr in list(vars(cls).items()):
        if name.startswith("_") and name not in ("__iter__", "__aiter__"):
            continue
        if isinstance(attr, classmethod):
            inner = _wrap(attr.__func__)
            if inner is not None:
                _patch(cls, name, functools.partial(_replacement, classmethod(inner)), undo)
                wrapped += 1
        elif inspect.isfunction(attr):
            if name in ("__iter__", "__aiter__") and not (
                inspect.isgeneratorfunction(attr) or inspect.isasyncgenfunction(attr)
            ):
                continue
            function = _wrap(attr)
            if function is not None:
                _patch(cls, name, functools.partial(_replacement, function), undo)
                wrapped += 1
    return wrapped


def _classes(module_prefixes: tuple[str, ...]) -> Iterator[type]:
    import importlib
    import pkgutil

    for prefix in module_prefixes:
        package = importlib.import_module(prefix)
        names = [prefix]
        if hasattr(package, "__path__"):
            names += [info.name for info in pkgutil.walk_packages(package.__path__, prefix + ".")]
        for name in names:
            try:
                module = importlib.import_module(name)
            except ImportError:  # a module the suites cannot use either; they report it
                continue
            if "._async" not in name and "._sync" not in name:  # the twins' classes, not the models
                continue
            for value in vars(module).values():
                if isinstance(value, type) and value.__module__ == name:
                    yield value


def install(undo: list[Callable[[], None]]) -> dict[str, int]:
    import httpx
    from _pytest._code.code import ExceptionInfo

    import medannot.core.redact as redact
    from medannot.core._async.client import AsyncBaseClient
    from medannot.core._sync.client import BaseClient
    from medannot.errors import MedannotError
    from medannot.testing.labelbox import LabelboxEmulator
    from medannot.testing.monailabel import MonaiLabelEmulator
    from medannot.testing.monailabel._auth import Realm
    from medannot.testing.phas import PhasEmulator

    # secrets: every Secret, every cookie set, the emulators' credentials
    def secret_init(original: Callable[..., None]) -> Callable[..., None]:
        def __init__(self: redact.Secret, value: str) -> None:
            original(self, value)
            if not names_a_key_file(value):
                AUDIT.secret(value, "medannot Secret")

        return __init__

    _patch(redact.Secret, "__init__", secret_init, undo)

    def extract_cookies(original: Callable[..., None]) -> Callable[..., None]:
        def wrapper(self: httpx.Cookies, response: httpx.Response) -> None:
            original(self, response)
            for cookie in self.jar:
                AUDIT.secret(cookie.value, "session cookie")

        return wrapper

    _patch(httpx.Cookies, "extract_cookies", extract_cookies, undo)

    def monailabel_init(original: Callable[..., None]) -> Callable[..., None]:
        def __init__(self: MonaiLabelEmulator, *args: Any, **kwargs: Any) -> None:
            kwargs.update(auth=True, username=AUDIT_USER, password=AUDIT_PASSWORD, token_ttl=TOKEN_TTL)
            original(self, *args, **kwargs)

        return __init__

    _patch(MonaiLabelEmulator, "__init__", monailabel_init, undo)
    AUDIT.secret(AUDIT_PASSWORD, "MONAI Label password")

    def issue(original: Callable[..., str | None]) -> Callable[..., str | None]:
        def wrapper(self: Realm, username: str, password: str) -> str | None:
            token = original(self, username, password)
            AUDIT.secret(token, "MONAI Label token")
            return token

        return wrapper

    _patch(Realm, "issue", issue, undo)

    def phas_init(original: Callable[..., None]) -> Callable[..., None]:
        def __init__(self: PhasEmulator, *args: Any, **kwargs: Any) -> None:
            original(self, *args, **kwargs)
            for key in self.keys.values():
                AUDIT.secret(key, "PHAS API key")

        return __init__

    _patch(PhasEmulator, "__init__", phas_init, undo)

    def labelbox_init(original: Callable[..., None]) -> Callable[..., None]:
        def __init__(self: LabelboxEmulator, *args: Any, **kwargs: Any) -> None:
            original(self, *args, **kwargs)
            AUDIT.secret(self.api_key, "Labelbox API key")

        return __init__

    _patch(LabelboxEmulator, "__init__", labelbox_init, undo)

    # MONAI Label clients built without credentials get the emulator's (every MONAI Label server here has auth on)
    import medannot.monailabel._async.client as ml_async
    import medannot.monailabel._sync.client as ml_sync

    def with_credentials(original: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(original)
        def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
            url = args[0] if args else kwargs.get("server_url")
            given = any(kwargs.get(k) is not None for k in ("token", "username", "password"))
            if not given and isinstance(url, str) and "@" not in url and url.startswith("http://"):
                if args:  # as user info in the URL (taken off at construction), e.g. `Client(url, tmpdir=...)`
                    args = (url.replace("http://", f"http://{AUDIT_USER}:{AUDIT_PASSWORD}@", 1), *args[1:])
                else:
                    kwargs.update(username=AUDIT_USER, password=AUDIT_PASSWORD)
            original(self, *args, **kwargs)

        return __init__

    _patch(ml_async.AsyncClient, "__init__", with_credentials, undo)
    _patch(ml_sync.Client, "__init__", with_credentials, undo)

    # texts: errors constructed, exceptions pytest.raises caught, clients built
    def error_init(original: Callable[..., None]) -> Callable[..., None]:
        def __init__(self: BaseException, *args: Any, **kwargs: Any) -> None:
            original(self, *args, **kwargs)
            with AUDIT.lock:
                AUDIT.errors.append(self)

        return __init__

    if "__init__" in MedannotError.__dict__:
        _patch(MedannotError, "__init__", error_init, undo)
    else:
        MedannotError.__init__ = error_init(Exception.__init__)  # type: ignore[method-assign]
        undo.append(lambda: delattr(MedannotError, "__init__"))

    def fill_unfilled(original: Callable[..., None]) -> Callable[..., None]:
        def wrapper(self: ExceptionInfo[Any], exc_info: Any) -> None:
            original(self, exc_info)
            AUDIT.exception("exception", exc_info[1])

        return wrapper

    _patch(ExceptionInfo, "fill_unfilled", fill_unfilled, undo)

    def client_init(original: Callable[..., None]) -> Callable[..., None]:
        def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
            original(self, *args, **kwargs)
            with AUDIT.lock:
                AUDIT.clients.append(self)

        return __init__

    _patch(AsyncBaseClient, "__init__", client_init, undo)
    _patch(BaseClient, "__init__", client_init, undo)

    # results: every public method of the facades' classes, both twins, and the paginators' items
    wrapped = sum(_wrap_class(cls, undo) for cls in _classes(FACADES + CORE_CLASSES + PAGINATION))
    return {"methods_wrapped": wrapped}


def show_client(client: Any) -> None:
    AUDIT.show("repr", lambda: client)
    AUDIT.show("repr", lambda: client._session)
    AUDIT.show("repr", lambda: client._session.options)
    AUDIT.show("repr", lambda: client._session.auth)
    AUDIT.show("repr", lambda: client._session.http)
    AUDIT.show("repr", lambda: vars(client))
    get_server_url = getattr(client, "get_server_url", None)
    if get_server_url is not None and not inspect.iscoroutinefunction(get_server_url):
        AUDIT.show("repr", get_server_url)
    AUDIT.show("repr", lambda: client.api)


# --- hooks -----------------------------------------------------------------------------------------------
def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("secret audit")
    group.addoption("--secret-audit-report", default=None, help="write the secret audit's figures here (JSON)")
    group.addoption("--secret-audit-dump", default=None, help="write every distinct text scanned here (JSON lines)")
    group.addoption(
        "--secret-audit-canary",
        action="store_true",
        help="leak a canary secret once through a log line, an error and a result (proves the audit finds leaks)",
    )


_undo: list[Callable[[], None]] = []
_installed: dict[str, int] = {}


def pytest_configure(config: pytest.Config) -> None:
    _installed.update(install(_undo))
    debug_everything()


def pytest_unconfigure(config: pytest.Config) -> None:
    while _undo:
        _undo.pop()()
    logging.getLogger().removeHandler(HANDLER)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    AUDIT.test = item.nodeid
    AUDIT.tests += 1
    try:
        return (yield)
    finally:
        flush()
        AUDIT.test = "(between tests)"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Any:
    debug_everything()
    try:
        return (yield)
    finally:
        debug_everything()  # fixtures may have started servers that reconfigure logging


CANARY = "canary-" + secrets.token_hex(12)
_canary_sent: list[bool] = []


class _Leaky:
    def __repr__(self) -> str:
        return f"_Leaky({CANARY!r})"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Any:
    debug_everything()
    if item.config.getoption("--secret-audit-canary") and not _canary_sent:
        from medannot.errors import MedannotError

        _canary_sent.append(True)
        AUDIT.secret(CANARY, "canary")
        logging.getLogger("secret_audit.canary").debug("a leaked %s", CANARY)
        MedannotError(f"a leaked {CANARY}")
        _record_result(_Leaky())
    return (yield)


def flush() -> None:
    """The running test's errors and clients as texts (done after the test: chained causes are set by then)."""
    with AUDIT.lock:
        errors, AUDIT.errors = AUDIT.errors, []
        clients, AUDIT.clients = AUDIT.clients, []
    for error in errors:
        AUDIT.exception("exception", error)
    for client in clients:
        show_client(client)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    crash = getattr(report.longrepr, "reprcrash", None)
    if report.failed and crash is not None:  # the error's text (the full report also shows the test's own data)
        AUDIT.text("exception", crash.message)
    for _name, content in report.sections:  # what the test printed (and pytest's own log capture, if on)
        AUDIT.text("output", content)
    if report.when == "call" or report.outcome != "passed":
        AUDIT.outcomes[f"{report.nodeid.split('::')[0]} {report.outcome if report.when == 'call' else 'error'}"] += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    flush()
    leaks = AUDIT.search()
    figures = {
        "tests": AUDIT.tests,
        "outcomes": dict(AUDIT.outcomes),
        "lines_scanned": sum(AUDIT.counts.values()),
        "lines_by_source": dict(AUDIT.counts),
        "unique_texts": len(AUDIT.texts),
        "secrets_checked": len(AUDIT.secrets),
        "secrets_by_kind": dict(Counter(AUDIT.secrets.values())),
        "short_values_skipped": len(AUDIT.short),
        "fragments_checked": len(AUDIT.fragments()),
        "methods_wrapped": _installed.get("methods_wrapped", 0),
        "leaks": len(leaks),
        "leak_details": [vars(leak) for leak in leaks[:50]],
    }
    session.config.stash[_FIGURES] = figures
    dump = session.config.getoption("--secret-audit-dump")
    if dump:
        with open(dump, "w", encoding="utf-8") as out:
            for text, (source, test) in AUDIT.texts.items():
                out.write(json.dumps({"source": source, "test": test, "text": text}) + "\n")
    path = session.config.getoption("--secret-audit-report")
    if path:
        Path(path).write_text(json.dumps(figures, indent=2))
    if leaks:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


_FIGURES = pytest.StashKey[dict[str, Any]]()


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    figures = config.stash.get(_FIGURES, None)
    if figures is None:
        return
    write = terminalreporter.write_line
    terminalreporter.section("secret audit")
    write(
        f"{figures['tests']} tests, {figures['lines_scanned']} lines scanned ({figures['unique_texts']} distinct "
        f"texts: {figures['lines_by_source']}), {figures['secrets_checked']} secrets checked "
        f"({figures['secrets_by_kind']}; {figures['fragments_checked']} strings with fragments), "
        f"{figures['leaks']} leaks"
    )
    for leak in figures["leak_details"]:
        write(f"LEAK {leak['kind']} in {leak['source']} of {leak['test']}: {leak['excerpt'][:600]!r}")
    sys.stdout.flush()
