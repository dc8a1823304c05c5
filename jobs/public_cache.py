"""Anonymous job pages and API answers revalidate against one data version (``core.http_cache``),
replaced after any committed change to what they show: a posting (its status, content,
deadline), its skills, its company (name, verification), its center's name or a skill's name.

The version is bumped from model signals rather than from each service: admin edits, data
fixes and every service path then invalidate alike, and a missed path would serve a stale
page for as long as nothing else changes. A search answer (``?q=``) also depends on the search
index, which a queued task writes after the data: the version is bumped again when the index of
postings or companies changes (``core.searching.index_changed``).
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from core import searching
from core.http_cache import anonymous_conditional, bump, bump_after_commit

NAMESPACE = "jobs"

anonymous_page = anonymous_conditional(NAMESPACE, html=True)
anonymous_api = anonymous_conditional(NAMESPACE, html=False)


def _changed(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # loading fixtures
        return
    bump_after_commit(NAMESPACE)


INDEXES = {"jobs", "companies"}  # the search kinds whose answers these pages show


def _index_changed(sender, kind: str, **kwargs) -> None:
    if kind in INDEXES:
        bump(NAMESPACE)  # sent after the index write committed


def connect() -> None:
    from accounts.models import Center, Company
    from skills.models import Skill

    from .models import Posting, PostingSkill

    searching.index_changed.connect(_index_changed, dispatch_uid="jobs.public_cache.index")
    for model in (Posting, PostingSkill, Company, Center, Skill):
        uid = f"jobs.public_cache.{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + ".delete")
