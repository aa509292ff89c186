"""Options shared by every client: one frozen value, copied with changes by `client.with_options()`."""

from __future__ import annotations

import dataclasses
import os
import ssl
from dataclasses import dataclass, field
from typing import TypeAlias

import httpx

from medannot import __version__
from medannot.core.redact import Secret, install_log_filter, split_userinfo
from medannot.core.retry import RetryPolicy

# Every call has a bound. JSON calls answer in seconds; calls that make the server work (inference, batch runs,
# training start, exports) take LONG_TIMEOUT unless the call is given its own `timeout=`.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
LONG_TIMEOUT = httpx.Timeout(connect=10.0, read=3600.0, write=600.0, pool=60.0)

Verify: TypeAlias = bool | str | ssl.SSLContext
TimeoutValue: TypeAlias = float | httpx.Timeout | None


@dataclass(frozen=True)
class ClientOptions:
    """How a client reaches its server.

    `verify`: True (the system trust store through `truststore` when installed, else certifi's bundle), a CA
    bundle path, or an `ssl.SSLContext`; never off unless False is passed. `proxy`: a proxy URL for every
    request; None follows HTTP_PROXY / HTTPS_PROXY / ALL_PROXY / NO_PROXY when `trust_env` is true.
    `transport`: replaces the network (e.g. `httpx.MockTransport` in unit tests).

    User info in `base_url` (`http://alice:S3CRET@host`) is removed at construction, so it is never sent in a
    URL, logged or shown; `url_credentials` keeps it (user name, password as a `Secret`) for the platform to
    use as credentials. Building options installs the redacting log filter
    (`medannot.core.redact.install_log_filter`) on the loggers of httpx, httpcore, hpack and medannot, and on every
    logger under them that exists by then.
    """

    base_url: str
    timeout: httpx.Timeout = field(default_factory=lambda: DEFAULT_TIMEOUT)
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    verify: Verify = True
    proxy: str | None = None
    trust_env: bool = True
    user_agent: str = f"medannot/{__version__}"
    headers: tuple[tuple[str, str], ...] = ()
    max_connections: int = 16
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None
    url_credentials: tuple[str | None, Secret | None] | None = field(default=None, repr=False, compare=False)
    url_name: str = field(default="base_url", repr=False, compare=False)  # the facade's name for it, in messages
    platform: str | None = field(default=None, repr=False, compare=False)  # its title (registry), for hints

    def __post_init__(self) -> None:
        install_log_filter()
        if isinstance(self.base_url, str):
            base_url, username, password = split_userinfo(self.base_url)
            if username is not None or password is not None:
                object.__setattr__(self, "base_url", base_url)
                object.__setattr__(self, "url_credentials", (username, password))
        check_url(self.base_url, self.url_name)
        if self.proxy is not None:
            check_url(self.proxy, "proxy", schemes=("http", "https", "socks5", "socks5h"))
        if isinstance(self.verify, str) and not os.path.exists(self.verify):
            from medannot.errors import BadInput

            raise BadInput(f"verify: CA bundle {self.verify!r} does not exist")

    @classmethod
    def of(
        cls,
        base_url: str,
        *,
        timeout: TimeoutValue = None,
        retry: RetryPolicy | None = None,
        verify: Verify = True,
        proxy: str | None = None,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        url_name: str = "url",
        platform: str,
    ) -> ClientOptions:
        """The options from a facade constructor's arguments (the same on every platform), checked; `url_name`
        is what the facade calls its URL argument, `platform` its registry name (messages name both)."""
        return cls(
            base_url=base_url,
            url_name=url_name,
            platform=platform_title(platform),
            timeout=as_timeout(timeout),
            retry=retry or RetryPolicy(),
            verify=verify,
            proxy=proxy,
            transport=transport,
        )

    def replace(self, **changes: object) -> ClientOptions:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def __repr__(self) -> str:  # the URL may carry user info; the proxy URL too
        from medannot.core.redact import redact_url

        proxy = f", proxy={redact_url(self.proxy)!r}" if self.proxy else ""
        return f"ClientOptions(base_url={redact_url(self.base_url)!r}{proxy}, timeout={self.timeout!r})"


def as_timeout(value: TimeoutValue, default: httpx.Timeout = DEFAULT_TIMEOUT, name: str = "timeout") -> httpx.Timeout:
    """Every call has a timeout: None means the default, not 'wait forever'. A number bounds every phase
    (connect at most 10 s); NaN, infinities, bools and non-positive values are `BadInput` naming `name`."""
    from medannot.core.validate import require_timeout

    require_timeout(value, name)
    if value is None:
        return default
    if isinstance(value, httpx.Timeout):
        return value
    return httpx.Timeout(float(value), connect=min(float(value), 10.0))


def check_url(url: object, name: str, *, schemes: tuple[str, ...] = ("http", "https")) -> None:
    """The one check of a server (or proxy) URL for every platform, before anything is sent: a string with
    one of `schemes`. Without a scheme (`127.0.0.1:8000`, `phas.example.org`) the `BadInput` suggests the
    URL with `http://` (httpx would say `UnsupportedProtocol`, or read `localhost:8000` as a scheme)."""
    from medannot.errors import BadInput

    if not isinstance(url, str) or not url.strip():
        raise BadInput(f"{name} must be a non-empty URL string, not {type(url).__name__ if url != '' else 'empty'}")
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme in schemes:
        return
    allowed = " or ".join(f"{s}://" for s in schemes)
    if scheme:
        from medannot.core.redact import redact_url

        try:
            shown = redact_url(url)
        except Exception:  # not even parseable: show only what follows any user info
            shown = url.rsplit("@", 1)[-1]
        raise BadInput(f"{name} must start with {allowed}, not {shown!r}")
    from medannot.core.redact import redact_text

    bare = redact_text(url.strip().rsplit("@", 1)[-1].lstrip("/"))  # never echo user info or a secret parameter
    raise BadInput(f"{name} must start with {allowed}: {bare!r} has no scheme; did you mean 'http://{bare}'?")


def platform_title(name: str | None) -> str | None:
    """The title ("MONAI Label") of a platform given by its registry name ("monailabel") or title; None if
    it is not one."""
    if not name:
        return None
    from medannot.registry import PLATFORMS

    found = PLATFORMS.get(name) or next((p for p in PLATFORMS.values() if p.title == name), None)
    return found.title if found else None
