"""Anonymous job pages and API answers revalidate against one data version (``core.http_cache``),
replaced after any committed change to what they show: a posting (its status, content,
deadline), its skills, its company (name, verification) or a skill's name.

The version is bumped from model signals rather than from each service: admin edits, data
fixes and every service path then invalidate alike, and a missed path would serve a stale
page for as long as nothing else changes.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from core.http_cache import anonymous_conditional, bump_after_commit

NAMESPACE = "jobs"

anonymous_page = anonymous_conditional(NAMESPACE, html=True)
anonymous_api = anonymous_conditional(NAMESPACE, html=False)


def _changed(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # loading fixtures
        return
    bump_after_commit(NAMESPACE)


def connect() -> None:
    from accounts.models import Company
    from skills.models import Skill

    from .models import Posting, PostingSkill

    for model in (Posting, PostingSkill, Company, Skill):
        uid = f"jobs.public_cache.{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + ".delete")
