"""Who is told when a trainee's skills change (declared, re-rated, verified, withdrawn).

Apps further along the dependency chain (jobs keeps each trainee's recommendation list) register
a callback in their ``AppConfig.ready()``; the skills services call ``trainee_skills_changed``
after a write, inside its transaction, without importing those apps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

SkillsChanged = Callable[[list[int]], None]

_listeners: dict[str, SkillsChanged] = {}


def register(name: str, listener: SkillsChanged) -> None:
    """Call ``listener(user_ids)`` whenever those people's skills change (once per name)."""
    _listeners[name] = listener


def trainee_skills_changed(user_ids: Iterable[int]) -> None:
    ids = sorted(set(user_ids))
    if not ids:
        return
    for listener in _listeners.values():
        listener(ids)
