"""Where the command line finds credentials, first match wins (never from the command line in clear):

1. `--api-key-file PATH`: the file's content (surrounding white space dropped; PHAS takes its JSON key file).
2. The environment variable the platform's client reads (`medannot.registry`: `PHAS_AUTH_KEY`,
   `LABELBOX_API_KEY`, `GRAND_CHALLENGE_AUTHORIZATION`, `DATAMINT_API_KEY`); the client reads it itself.
3. The config file, `$MEDANNOT_CONFIG`, else `$XDG_CONFIG_HOME/medannot/config.toml`, else
   `~/.config/medannot/config.toml`, one table per platform:

       [monailabel]
       url = "http://127.0.0.1:8000"      # the default --url
       token = "..."                      # or username = "...", password = "..."
       [datamint]
       api_key_file = "~/.secrets/datamint"   # or api_key = "..."
       [grandchallenge]
       api_key = "..."
       ca_bundle = "/path/ca.pem"         # the default --ca-bundle

   A config file that others can read (mode & 0o077) is used, with a warning on stderr.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medannot.registry import PLATFORMS


def config_path() -> Path:
    explicit = os.environ.get("MEDANNOT_CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "medannot" / "config.toml"


def load_config(platform: str) -> dict[str, Any]:
    """The platform's table of the config file ({} when there is no file or no table)."""
    path = config_path()
    if not path.is_file():
        return {}
    import tomllib

    try:
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            print(f"medannot: warning: {path} is readable by others (chmod 600 it)", file=sys.stderr)
        with path.open("rb") as stream:
            data = tomllib.load(stream)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        from medannot.errors import BadInput

        raise BadInput(f"config file {path} cannot be read: {type(exc).__name__}: {exc}") from None
    table = data.get(platform, {})
    return table if isinstance(table, dict) else {}


@dataclass(frozen=True)
class Credentials:
    """What a platform adapter passes to its client. `api_key` None: the client reads its environment variable."""

    api_key: str | None = None
    username: str | None = None
    password: str | None = None
    ca_bundle: str | None = None
    url: str | None = None  # the config's default URL

    def __repr__(self) -> str:  # never shows a secret
        return f"Credentials(api_key={'***' if self.api_key else None}, username={self.username!r}, url={self.url!r})"


def resolve(platform: str, api_key_file: str | None, ca_bundle: str | None) -> Credentials:
    config = load_config(platform)
    key: str | None = None
    if api_key_file:
        key = _read(Path(api_key_file).expanduser(), "--api-key-file")
    elif not any(os.environ.get(name) for name in PLATFORMS[platform].env_vars if not name.endswith("_URL")):
        if isinstance(config.get("api_key"), str):
            key = config["api_key"]
        elif isinstance(config.get("token"), str):
            key = config["token"]
        elif isinstance(config.get("api_key_file"), str):
            key = _read(Path(config["api_key_file"]).expanduser(), "api_key_file (config)")
    return Credentials(
        api_key=key,
        username=config.get("username") if isinstance(config.get("username"), str) else None,
        password=config.get("password") if isinstance(config.get("password"), str) else None,
        ca_bundle=ca_bundle or (config.get("ca_bundle") if isinstance(config.get("ca_bundle"), str) else None),
        url=config.get("url") if isinstance(config.get("url"), str) else None,
    )


def _read(path: Path, what: str) -> str:
    from medannot.errors import BadInput

    try:
        text = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{what}: {path} cannot be read ({type(exc).__name__})") from None
    if not text:
        raise BadInput(f"{what}: {path} is empty")
    return text
