"""The identity provider behind an auth-enabled server (Keycloak for the real one), reduced to one user.

Tokens look like Keycloak's JWTs (header.payload.signature; `exp`, `preferred_username`, `realm_access.roles`)
but are signed with HMAC-SHA256 and a per-emulator secret: clients must treat them as opaque anyway.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

ADMIN, REVIEWER, ANNOTATOR, USER = (
    "monailabel-admin",
    "monailabel-reviewer",
    "monailabel-annotator",
    "monailabel-user",
)
ALL_ROLES = (ADMIN, REVIEWER, ANNOTATOR, USER)


@dataclass(frozen=True)
class User:
    username: str
    email: str | None
    name: str | None
    roles: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"username": self.username, "email": self.email, "name": self.name, "roles": list(self.roles)}


# Who the server says you are when auth is off.
DEFAULT_USER = User("admin", "admin@monailabel.com", "UNK", ALL_ROLES)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Realm:
    def __init__(self, username: str, password: str, roles: tuple[str, ...], token_ttl: int) -> None:
        self.user: User = User(username, f"{username}@monailabel.com", username, roles)
        self._password = password
        self._ttl = token_ttl
        self._secret = secrets.token_bytes(32)

    @property
    def password(self) -> str:
        """The one password accepted (the emulator's command line prints it)."""
        return self._password

    def issue(self, username: str, password: str) -> str | None:
        """A token for the right credentials, else None."""
        good = hmac.compare_digest(username.encode(), self.user.username.encode()) and hmac.compare_digest(
            password.encode(), self._password.encode()
        )
        if not good:
            return None
        now = int(time.time())
        claims = {
            "exp": now + self._ttl,
            "iat": now,
            "azp": "monailabel-app",
            "preferred_username": self.user.username,
            "email": self.user.email,
            "name": self.user.name,
            "realm_access": {"roles": list(self.user.roles)},
        }
        head = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode()) + "." + _b64(json.dumps(claims).encode())
        return head + "." + _b64(self._sign(head))

    def verify(self, token: str) -> User | None:
        """The token's user if it is ours, intact and not expired."""
        try:
            head, payload, signature = token.split(".")
            claims = json.loads(_unb64(payload))
            intact = hmac.compare_digest(_unb64(signature), self._sign(f"{head}.{payload}"))
        except ValueError:  # wrong shape, bad base64 or JSON (json.JSONDecodeError is a ValueError)
            return None
        if not intact or claims.get("exp", 0) < time.time():
            return None
        roles = tuple(claims.get("realm_access", {}).get("roles", []))
        return User(claims["preferred_username"], claims.get("email"), claims.get("name"), roles)

    def _sign(self, head: str) -> bytes:
        return hmac.new(self._secret, head.encode(), hashlib.sha256).digest()
