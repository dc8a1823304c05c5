"""Search's objects for the authorization matrix (saved queries, index entries, …).

The search app is being built: add here what its routes' kwargs name, created by the
other side, and refer to it in tests/authz/rules/search.py as ``pk("…")``.
"""

from __future__ import annotations


def build(world) -> None:
    """Nothing yet: the search app has no routes."""
