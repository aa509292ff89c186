"""Who may call a route, as the server's access decorators say (phas/auth.py), checked in their order.

A rule is None (no login needed) or a check of the signed-in user against the route's path parameters,
raising Forbidden; the session itself (302 without one) is checked before any rule.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from medannot.testing.phas._records import Access, User
from medannot.testing.phas.backend import PhasBackend

Rule = Callable[[PhasBackend, User, dict[str, Any]], None] | None


def signed_in(backend: PhasBackend, user: User, p: dict[str, Any]) -> None:
    """@login_required only."""


def project(level: Access) -> Rule:
    def rule(b: PhasBackend, u: User, p: dict[str, Any]) -> None:
        b.require_project(u, p["project"], level)

    return rule


def task(level: Access, *, api: bool = False) -> Rule:
    def rule(b: PhasBackend, u: User, p: dict[str, Any]) -> None:
        b.require_task(u, p["task_id"], level, api=api)

    return rule


def task_and_slide(level: Access, *, api: bool = False) -> Rule:
    """@access_task_* stacked on @access_slide_*: the task is checked first."""

    def rule(b: PhasBackend, u: User, p: dict[str, Any]) -> None:
        b.require_task(u, p["task_id"], level, api=api)
        b.require_slide(u, p["slide_id"], level, api=api)

    return rule


def slide(level: Access) -> Rule:
    def rule(b: PhasBackend, u: User, p: dict[str, Any]) -> None:
        b.require_slide(u, p["slide_id"], level)

    return rule


def slide_in_task(level: Access, *, phi_admin_slide: bool = False) -> Rule:
    """@access_task_slide_*; the tags route stacks @access_slide_admin(api=True, phi=True) on it."""

    def rule(b: PhasBackend, u: User, p: dict[str, Any]) -> None:
        b.require_task_slide(u, p["task_id"], p["slide_id"], level)
        if phi_admin_slide:
            b.require_slide(u, p["slide_id"], Access.ADMIN, api=True, phi=True)

    return rule
