"""Keep secrets out of messages, logs and reprs.

- `redact_url`: a URL without user info and with secret-looking query values masked, for messages.
- `split_userinfo`: `http://alice:S3CRET@host` -> (`http://host`, "alice", Secret("S3CRET")); the clients strip
  user info at construction and use it as credentials, so it is never sent in a URL nor shown.
- `Secret`: a string that never shows itself; every `Secret` made is also remembered (the most recent
  `KNOWN_SECRETS`), so the log filter can mask its value wherever it turns up.
- `install_log_filter()`: a filter on the loggers of httpx, httpcore, hpack and medannot and every logger under
  them (put there by each `ClientOptions`, on the loggers that exist by then) that rewrites each record before
  any handler sees it: URLs' user info and secret query values, the values of Authorization, Cookie, Set-Cookie
  and API-key headers, and every known secret value are masked. (httpx logs each request's URL at INFO;
  httpcore logs every response header at DEBUG.)
"""

from __future__ import annotations

import collections
import logging
import re
import threading

import httpx

SECRET_PARAMS = frozenset(
    {
        "token",
        "access_token",
        "refresh_token",
        "id_token",
        "api_key",
        "apikey",
        "key",
        "password",
        "passwd",
        "secret",
        "client_secret",
        "signature",
        "sig",
        "x-amz-signature",
        "x-goog-signature",
        "session",
    }
)
SECRET_HEADERS = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
        "x-api-key",
        "api-key",
        "apikey",
        "x-auth-token",
        "x-access-token",
        "x-csrftoken",
        "x-csrf-token",
    }
)
MASK = "***"
KNOWN_SECRETS = 256  # the most recent secret values the log filter masks by value
MIN_SECRET = 4  # shorter values are not masked by value (they would mask ordinary words)


def redact_url(url: httpx.URL | str) -> str:
    """The URL with user info and secret-looking query values masked."""
    url = httpx.URL(url)
    if url.userinfo:
        url = url.copy_with(username=None, password=None)
    if not url.query:
        return str(url)
    params = [(k, MASK if k.lower() in SECRET_PARAMS else v) for k, v in url.params.multi_items()]
    return str(url.copy_with(params=params))


def split_userinfo(url: str) -> tuple[str, str | None, Secret | None]:
    """The URL without user info, and the user name and password it carried (percent-decoded; None if absent).
    A URL that httpx cannot parse is returned as is (the caller's own check reports it)."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return url, None, None
    if not parsed.userinfo:
        return url, None, None
    username, password = parsed.username or None, parsed.password or None
    stripped = str(parsed.copy_with(username=None, password=None))
    if not url.endswith("/") and stripped.endswith("/") and parsed.raw_path == b"/":
        stripped = stripped.rstrip("/")
    return stripped, username, Secret(password) if password else None


_known: collections.OrderedDict[str, None] = collections.OrderedDict()
_known_lock = threading.Lock()


def remember(value: str) -> None:
    """Mask this value in every log record from now on (done for every `Secret`)."""
    if len(value) < MIN_SECRET:
        return
    with _known_lock:
        _known[value] = None
        _known.move_to_end(value)
        while len(_known) > KNOWN_SECRETS:
            _known.popitem(last=False)


class Secret:
    """A string that never shows itself in repr/str; `.value` gives it to the code that must send it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value
        remember(value)

    @property
    def value(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"Secret({MASK!r})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


# --- text redaction (log records, messages) -------------------------------------------------------------
_HEADER_NAMES = "|".join(re.escape(h) for h in sorted(SECRET_HEADERS, key=len, reverse=True))
# a header as httpcore logs it, `(b'authorization', b'Bearer x')`, or as text, `Authorization: Bearer x`
_HEADER_TUPLE = re.compile(rf"""(\(\s*b?(['"])(?:{_HEADER_NAMES})\2\s*,\s*b?(['"]))(.*?)(\3\s*\))""", re.I)
_HEADER_LINE = re.compile(rf"""(\b(?:{_HEADER_NAMES})\s*[:=]\s*)([^\r\n,;'"]+)""", re.I)
_USERINFO = re.compile(r"""(\b[a-z][a-z0-9+.-]*://)[^/\s@'"<>]+@""", re.I)
_PARAM_NAMES = "|".join(re.escape(p) for p in sorted(SECRET_PARAMS, key=len, reverse=True))
_QUERY = re.compile(rf"""([?&](?:{_PARAM_NAMES})=)[^&\s'"#<>]*""", re.I)


def redact_text(text: str) -> str:
    """`text` with user info in URLs, secret query values, secret header values and known secrets masked."""
    text = _HEADER_TUPLE.sub(lambda m: m.group(1) + MASK + m.group(5), text)
    text = _HEADER_LINE.sub(lambda m: m.group(1) + MASK, text)
    text = _USERINFO.sub(lambda m: m.group(1) + MASK + "@", text)
    text = _QUERY.sub(lambda m: m.group(1) + MASK, text)
    with _known_lock:
        known = sorted(_known, key=len, reverse=True)
    for value in known:
        if value in text:
            text = text.replace(value, MASK)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites a record's message (with its arguments) and exception text with `redact_text`; never drops."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format: let logging report it as it would
            return True
        redacted = redact_text(message)
        if redacted != message or record.args:
            record.msg, record.args = redacted, ()
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            formatted = logging.Formatter().formatException(record.exc_info)
            record.exc_text = redact_text(formatted)
        return True


# Filters of a logger do not apply to its children's records, so each logger that may print a secret is named,
# and every logger found under these roots (`medannot.phas`, `httpcore.http11`, ...) gets the filter too.
FILTERED_LOGGERS = (
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
    "hpack",
    "hpack.hpack",
    "hpack.table",
    "medannot",
    "medannot.http",
)
FILTERED_ROOTS = frozenset({"httpx", "httpcore", "hpack", "h11", "h2", "medannot"})
_filter = RedactingFilter()
_seen_loggers = -1  # the size of logging's logger table at the last look
_install_lock = threading.Lock()


def install_log_filter() -> None:
    """Put the redacting filter on every logger in `FILTERED_LOGGERS` and on every logger that exists under
    `FILTERED_ROOTS` (called by every `ClientOptions`; it looks again only when loggers were added since)."""
    global _seen_loggers
    table = logging.Logger.manager.loggerDict
    if len(table) == _seen_loggers:
        return
    with _install_lock:
        found = [name for name, logger in list(table.items()) if isinstance(logger, logging.Logger)]
        names = [name for name in found if name.split(".")[0] in FILTERED_ROOTS]
        for name in (*FILTERED_LOGGERS, *names):
            logger = logging.getLogger(name)
            if _filter not in logger.filters:
                logger.addFilter(_filter)
        _seen_loggers = len(table)
