"""Fairs' objects for the authorization matrix (booths, slots, queue entries, …).

The fairs app is being built: add here what its routes' kwargs name, created by the
other side (a fair of center 1 by its staff, employer A's booth, trainee A's slot), e.g.

    world.add("fair", Fair.objects.create(center=world.objects["center_1"], …))

and refer to it in tests/authz/rules/fairs.py as ``pk("fair")``.
"""

from __future__ import annotations


def build(world) -> None:
    """Nothing yet: today's fairs route (the index page) names no object."""
