"""Objects of the reports app's rows: trainee A's job and its follow-up question.

It also gives the admin rows a job interview and an offer when the jobs world has none
(the hiring models arrived after the jobs world was written).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from accounts.consents import COUNSELOR_SHARING
from accounts.models import Consent
from courses.models import Completion
from jobs.models import Employment, Interview, Offer
from reports.models import FollowUp, RateExclusion
from reports.services import follow_up_token
from tests.authz import personas as p
from tests.courses.factories import EnrollmentFactory
from tests.factories import make_trainee


def build(world) -> None:
    trainee_a = world.users[p.TRAINEE_A]
    application = world.objects["application"]
    if not Interview.objects.exists():
        Interview.objects.create(
            application=application,
            candidate=trainee_a,
            created_by=world.users[p.EMPLOYER_A],
            mode=Interview.Mode.PHONE,
            phone="010-0123-4567",
        )
    if not Offer.objects.exists():
        Offer.objects.create(
            application=application,
            position="세공사",
            start_date=timezone.localdate() + dt.timedelta(days=30),
            employment_type="full_time",
            salary=30_000_000,
            expires_at=timezone.now() + dt.timedelta(days=7),
            status=Offer.Status.DECLINED,
            made_by=world.users[p.EMPLOYER_A],
        )
    employment = world.add(
        "employment_a",
        Employment.objects.create(
            person=trainee_a,
            company_name="다른보석",
            position="세공사",
            start_date=timezone.localdate() - dt.timedelta(days=200),
            employment_type="full_time",
            source=Employment.Source.SELF_REPORTED,
        ),
    )
    follow_up = world.add(
        "follow_up",
        FollowUp.objects.create(
            employment=employment,
            months=6,
            due_on=timezone.localdate() - dt.timedelta(days=17),
            sent_at=timezone.now() - dt.timedelta(days=17),
            expires_at=timezone.now() + dt.timedelta(days=13),
        ),
    )
    # trainee A shares their history with counselors (the counselor's journey row)
    if not Consent.objects.filter(
        user=trainee_a, document=COUNSELOR_SHARING, withdrawn_at__isnull=True
    ).exists():
        Consent.objects.create(user=trainee_a, document=COUNSELOR_SHARING, version="2026-11-01")
    world.secrets["follow_up_yes"] = follow_up_token(follow_up, "yes")
    # Another trainee (no persona: trainee B's own lists must not show trainee A's course)
    # also completed the past run: a completer staff may exclude (the POST row).
    completer_b = world.add(
        "enrollment_done_b",
        EnrollmentFactory(
            run=world.objects["run_past"],
            user=make_trainee(name="박수료", email="completer@example.com"),
        ),
    )
    Completion.objects.create(
        enrollment=completer_b,
        status=Completion.Status.COMPLETED,
        attendance_rate=Decimal("100.0"),
        hours_attended=Decimal("4.0"),
        evaluated_at=timezone.now() - dt.timedelta(days=9),
    )
    world.add(
        "rate_exclusion",
        RateExclusion.objects.create(
            enrollment=world.objects["enrollment_done"], reason="military_service"
        ),
    )
