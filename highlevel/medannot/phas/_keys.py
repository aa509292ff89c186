"""The PHAS API key: the key itself, or the official client's JSON key file (`{"api_key": "..."}`).

Messages may name a key file's path, never the key or the file's content.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from medannot.core.auth import credential
from medannot.core.redact import Secret
from medannot.errors import AuthError, BadInput

ENV_VAR = "PHAS_AUTH_KEY"


def read_api_key(value: str | os.PathLike[str] | None) -> Secret:
    """The argument, else $PHAS_AUTH_KEY; either may be the key, a key file's path, or the file's JSON text."""
    if value is not None and (isinstance(value, bytes) or not isinstance(value, (str, os.PathLike))):
        raise BadInput(f"api_key must be a string or a path, not {type(value).__name__}")  # never the value
    given = os.fspath(value) if value is not None else None
    if given is not None and not isinstance(given, str):
        raise BadInput("api_key must be a string or a path")
    text = credential(given, ENV_VAR, what="PHAS API key (or key file)").value.strip()
    if text.startswith("{"):
        return _key_from_json(text, "the API key JSON")
    path = Path(text).expanduser()
    if path.is_file():
        try:
            content = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInput(f"API key file {str(path)!r} cannot be read: {type(exc).__name__}") from None
        return _key_from_json(content, f"API key file {str(path)!r}")
    if looks_like_path(text):
        # a key with a separator in it would be shown here: name the file only when it reads like one
        named = f" {text!r}" if text.lower().endswith(".json") or text.startswith(("~", ".", "/")) else ""
        raise BadInput(f"API key file{named} does not exist (a key or a key file's path was expected)")
    if not text or any(c.isspace() for c in text):
        raise AuthError("the PHAS API key is empty or malformed")
    return Secret(text)


def looks_like_path(text: str) -> bool:
    """Keys are UUIDs: a separator, a leading `~`/`.` or a `.json` suffix means the caller meant a file."""
    return "/" in text or "\\" in text or text.startswith(("~", ".")) or text.lower().endswith(".json")


def _key_from_json(text: str, where: str) -> Secret:
    try:
        data = json.loads(text)
    except ValueError:
        raise AuthError(f"{where} is not valid JSON") from None  # `from None`: the parser quotes the text
    key = data.get("api_key") if isinstance(data, dict) else None
    if not isinstance(key, str) or not key.strip():
        raise AuthError(f'{where} has no "api_key" string')
    return Secret(key.strip())
