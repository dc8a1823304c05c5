"""One object of every model the admin site lists, so each change/delete/history URL names one."""

from __future__ import annotations

from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.sites.models import Site

from accounts.models import Consent
from core.audit import log_action
from courses.models import CertificateSerialCounter
from tests.authz import personas as p


def build(world) -> None:
    users = world.users
    Group.objects.get_or_create(name="센터 운영")
    Site.objects.get_or_create(pk=1, defaults={"domain": "testserver", "name": "testserver"})
    for persona in (p.STAFF, p.STAFF_OTHER, p.ADMIN):
        RecoveryCodes.activate(users[persona])
    # Social login configured for every provider, as in production (the routes exist either way).
    site = Site.objects.get(pk=1)
    for provider in ("google", "kakao", "naver"):
        app = SocialApp.objects.create(
            provider=provider, name=provider.title(), client_id=f"{provider}-id", secret="s"
        )
        app.sites.add(site)
    account = SocialAccount.objects.create(
        user=users[p.TRAINEE_B], provider="kakao", uid="kakao-1234"
    )
    SocialToken.objects.create(app=app, account=account, token="t")
    Consent.objects.create(user=users[p.TRAINEE_A], document="privacy", version="2025-01")
    CertificateSerialCounter.objects.get_or_create(prefix="AUTHZ", year=2026)
    log_action(
        users[p.STAFF],
        "accounts.company.verified",
        world.objects["company_a"],
        {"reason": ""},
    )
    for key, model in admin_objects().items():
        world.objects[key] = model._default_manager.order_by("pk").first()


def admin_objects() -> dict[str, type]:
    """``admin:<app>_<model>`` → the model, for every model registered with the admin site.

    A model with no object fails the build here, with its name: add one in the world module
    of its app (tests/authz/world/<app>.py).
    """
    models = {}
    for model in admin.site._registry:
        meta = model._meta
        if not model._default_manager.exists():
            raise AssertionError(
                f"the authorization world has no {meta.label} for the admin rows: "
                f"create one in tests/authz/world/{meta.app_label}.py"
            )
        models[f"admin:{meta.app_label}_{meta.model_name}"] = model
    return models
