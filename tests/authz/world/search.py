"""The search index of everything the other worlds made (search comes after them).

Index updates normally follow a commit; the world never commits, so it rebuilds every kind
here, as ``seed_demo`` does: the search rows then find company A's published posting and
must not find its draft or the posting waiting for review.
"""

from __future__ import annotations

from search import indexing, registry


def build(world) -> None:
    for spec in registry.all_indexes():
        indexing.rebuild(spec.kind)
