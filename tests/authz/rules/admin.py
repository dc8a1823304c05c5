"""The Django admin site: superusers with TOTP only; everyone else goes to its login page.

Grouped rules cover every model's pages, including models apps add later; the world
(tests/authz/world/admin.py) supplies one object of each model for the object URLs.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from tests.authz.personas import ADMIN, TRAINEE_B
from tests.authz.rules.dsl import (
    ADMIN_LOGIN,
    ADMIN_OBJECT,
    E403,
    E404,
    everyone,
    only,
    row,
)

NEW_PASSWORD = "Ilteo-2026-new-pw!"


def site(**options):
    """The admin site: the superuser; anyone else (signed in or not) to the admin login."""
    return only(ADMIN, anon=ADMIN_LOGIN, other=ADMIN_LOGIN, **options)


def read_only(model: str, *, add=False, change=False, delete=False) -> list:
    """Pages of ``model`` the admin refuses even the superuser (403): writes go through services."""
    refused = site(also={ADMIN: E403})
    rows = []
    if add:
        rows.append(row(f"admin:{model}_add", GET=refused, POST=refused))
    if change:
        rows.append(
            row(
                f"admin:{model}_change",
                kwargs={"object_id": ADMIN_OBJECT},
                GET=site(),
                POST=refused,
            )
        )
    if delete:
        rows.append(
            row(
                f"admin:{model}_delete",
                kwargs={"object_id": ADMIN_OBJECT},
                GET=refused,
                POST=refused,
                body={"post": "yes"},
            )
        )
    return rows


RULES = [
    row("admin:index", GET=site()),
    row(
        "admin:login",
        GET=everyone(),
        POST=everyone(),
        body={"username": "nobody@example.com", "password": "x"},
    ),
    # Logging out of the admin is harmless for anyone: back to the admin (login) page.
    row("admin:logout", POST=everyone()),
    row(
        "admin:password_change",
        GET=site(),
        POST=site(),
        body={
            "old_password": "correct-horse-battery-9",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    ),
    row("admin:password_change_done", GET=site()),
    row(
        "admin:autocomplete",
        query={
            "app_label": "accounts",
            "model_name": "centermembership",
            "field_name": "center",
            "term": "종로",
        },
        GET=site(),
    ),
    row("admin:jsi18n", GET=site()),
    # No model has a public page, so "view on site" finds nothing even for the superuser.
    row(
        "admin:view_on_site",
        kwargs={
            "content_type_id": lambda w: ContentType.objects.get_for_model(w.objects["course"]).pk,
            "object_id": lambda w: w.objects["course"].pk,
        },
        GET=site(also={ADMIN: E404}),
    ),
    row("admin:app_list", kwargs={"app_label": "courses"}, GET=site()),
    row("admin:admin/(?P<url>.*)$", kwargs={"url": "no-such-page/"}, GET=site(also={ADMIN: E404})),
    # every registered model
    row(
        "admin:*_changelist",
        GET=site(),
        POST=site(),
        body={"action": "delete_selected", "_selected_action": ADMIN_OBJECT, "index": "0"},
    ),
    row("admin:*_add", GET=site(), POST=site()),
    # Records the admin shows but never lets anyone write by hand: the audit log, bookings,
    # enrollments and certificates (services only), serial counters.
    *read_only("core_auditentry", add=True, change=True, delete=True),
    *read_only("consulting_booking", add=True, delete=True),
    *read_only("courses_enrollment", add=True),
    *read_only("courses_certificate", add=True, delete=True),
    *read_only("courses_certificateserialcounter", add=True),
    # Consents are given by the person; invitations are sent and tokens made from the
    # pages that email or show them once; attendance and completion change only through
    # the services that log corrections; a counselor's settings row is their booking lock.
    *read_only("accounts_consent", add=True),
    *read_only("accounts_invitation", add=True),
    *read_only("accounts_apitoken", add=True),
    *read_only("consulting_counselorsettings", delete=True),
    *read_only("courses_attendance", add=True, change=True, delete=True),
    *read_only("courses_completion", add=True, change=True, delete=True),
    # Hiring records (interviews, offers, the timeline, employments) and a fair's draw are
    # written only by their services.
    *read_only("jobs_applicationevent", add=True, change=True, delete=True),
    *read_only("jobs_interview", add=True, change=True, delete=True),
    *read_only("jobs_offer", add=True, change=True, delete=True),
    *read_only("jobs_employment", add=True, change=True, delete=True),
    *read_only("fairs_draw", add=True, change=True, delete=True),
    # Deleting a posting or an application would take its interviews, offers and timeline
    # with it, which the admin never deletes: the page explains, the deletion is refused.
    *(
        row(
            f"admin:jobs_{model}_delete",
            kwargs={"object_id": ADMIN_OBJECT},
            GET=site(),
            POST=site(also={ADMIN: E403}),
            body={"post": "yes"},
        )
        for model in ("posting", "application")
    ),
    row("admin:*_change", kwargs={"object_id": ADMIN_OBJECT}, GET=site(), POST=site()),
    row(
        "admin:*_delete",
        kwargs={"object_id": ADMIN_OBJECT},
        GET=site(),
        POST=site(),
        body={"post": "yes"},
    ),
    row("admin:*_history", kwargs={"object_id": ADMIN_OBJECT}, GET=site()),
    row("admin:admin/*/<path:object_id>/", kwargs={"object_id": ADMIN_OBJECT}, GET=site()),
    row(
        "admin:auth_user_password_change",
        kwargs={"id": lambda w: w.users[TRAINEE_B].pk},
        GET=site(),
        POST=site(),
        body={"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    ),
]
