"""Demo search (``seed_demo``, docs/demo-data.md): index everything the other apps seeded.

Runs last (search comes after the apps it indexes in INSTALLED_APPS), so `make run` has a
working search box, facets and autocomplete from the first page view. Idempotent: a rebuild
replaces each entry and removes stale ones.
"""

from __future__ import annotations

from core.seeding import Demo

from . import indexing, registry
from .backends.base import BackendUnavailable


def seed(demo: Demo) -> None:
    demo.section("Search index")
    for spec in registry.all_indexes():
        try:
            report = indexing.rebuild(spec.kind)
        except BackendUnavailable as error:
            # the database index is written before the cluster's: search still works
            demo.log(f"{spec.kind}: Elasticsearch unavailable ({error}); database index built")
            continue
        demo.log(f"{spec.kind}: {report.indexed} indexed, {report.removed} stale removed")
