"""Flask-style client-side sessions: the cookie carries the session data itself, signed with a secret.

So, as on the real server, changing a setting (anonymize) returns a new cookie, and a session outlives the
emulator's reset (its user ids stay valid: the data set is rebuilt with the same ids).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from typing import Any

COOKIE = "session"


class SessionCodec:
    def __init__(self) -> None:
        self._secret = secrets.token_bytes(32)

    def dumps(self, data: dict[str, Any]) -> str:
        payload = base64.urlsafe_b64encode(json.dumps(data, sort_keys=True).encode()).rstrip(b"=").decode()
        return f"{payload}.{self._sign(payload)}"

    def loads(self, cookie: str | None) -> dict[str, Any]:
        """The session's data; an empty session for a missing, forged or malformed cookie (as Flask does)."""
        if not cookie or "." not in cookie:
            return {}
        payload, signature = cookie.rsplit(".", 1)
        if not hmac.compare_digest(signature, self._sign(payload)):
            return {}
        try:
            data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def _sign(self, payload: str) -> str:
        digest = hmac.new(self._secret, payload.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
