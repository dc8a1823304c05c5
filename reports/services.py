"""Writes of the reports app: jobs reported by the person or staff, follow-up answers and
employment rate exclusions."""

from __future__ import annotations

import datetime as dt

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Center, Company, User
from accounts.validators import normalize_brn
from core.audit import log_action
from core.emails import send_templated_email
from courses.models import Enrollment
from jobs.models import Employment, SalaryBand

from .models import FollowUp, RateExclusion

MAX_START_AHEAD_DAYS = 365
ANSWER_DAYS = 30
FOLLOW_UP_SALT = "reports.follow-up"
# Follow-ups go out for jobs whose 6 or 12 months passed at most this long ago (no mail about
# a job from years before the platform).
CATCH_UP_DAYS = 60


def _check_start(start_date: dt.date, today: dt.date) -> None:
    if start_date > today + dt.timedelta(days=MAX_START_AHEAD_DAYS):
        raise ValidationError(
            {"start_date": _("The job must start within a year from today.")}, code="too_far"
        )


def _company_for(brn: str) -> Company | None:
    return Company.objects.filter(brn=brn).first() if brn else None


def employment_report(
    *,
    person: User,
    company_name: str,
    company_brn: str = "",
    position: str,
    start_date: dt.date,
    employment_type: str,
    salary_band: str = SalaryBand.UNKNOWN,
    today: dt.date | None = None,
) -> Employment:
    """The person reports a job found elsewhere (source ``self_reported``)."""
    today = today or timezone.localdate()
    _check_start(start_date, today)
    brn = normalize_brn(company_brn) if company_brn.strip() else ""
    return Employment.objects.create(
        person=person,
        company=_company_for(brn),
        company_name=company_name.strip(),
        company_brn=brn,
        position=position.strip(),
        start_date=start_date,
        employment_type=employment_type,
        salary_band=salary_band,
        source=Employment.Source.SELF_REPORTED,
        recorded_by=person,
    )


def trainee_of_center(center: Center, email: str) -> User:
    """A person who took a seat in one of the center's courses, by email; else a form error."""
    person = User.objects.filter(
        email__iexact=email.strip(),
        enrollments__run__course__center=center,
        enrollments__confirmed_at__isnull=False,
    ).first()
    if person is None:
        raise ValidationError(
            {"email": _("Nobody with this email has trained at this center.")}, code="unknown"
        )
    return person


@transaction.atomic
def employment_record_follow_up(
    *,
    by: User,
    center: Center,
    email: str,
    company_name: str,
    company_brn: str = "",
    position: str,
    start_date: dt.date,
    employment_type: str,
    salary_band: str = SalaryBand.UNKNOWN,
    note: str = "",
    today: dt.date | None = None,
) -> Employment:
    """Staff record a job they learned of in a phone follow-up (source ``staff``), logged."""
    today = today or timezone.localdate()
    person = trainee_of_center(center, email)
    _check_start(start_date, today)
    brn = normalize_brn(company_brn) if company_brn.strip() else ""
    employment = Employment.objects.create(
        person=person,
        company=_company_for(brn),
        company_name=company_name.strip(),
        company_brn=brn,
        position=position.strip(),
        start_date=start_date,
        employment_type=employment_type,
        salary_band=salary_band,
        source=Employment.Source.STAFF,
        reason=(note.strip() or _("Phone follow-up"))[:500],
        recorded_by=by,
    )
    log_action(
        by,
        "reports.employment.recorded",
        employment,
        {"center": center.pk, "reason": employment.reason},
        subject=person,
    )
    return employment


def _add_months(day: dt.date, months: int) -> dt.date:
    from .selectors.outcomes import _add_months as add

    return add(day, months)


def follow_up_token(follow_up: FollowUp, answer: str) -> str:
    return signing.dumps({"f": follow_up.pk, "a": answer}, salt=FOLLOW_UP_SALT, compress=True)


def follow_ups_send(*, now: dt.datetime | None = None) -> int:
    """Ask about every job whose 6 or 12 months have come; each question once (idempotent).

    The row is claimed with a conditional UPDATE on ``sent_at``, so two workers never mail
    one question twice; the unique (employment, months) constraint keeps one row per question.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    for months in (6, 12):
        latest_start = _add_months(today, -months)
        earliest_start = _add_months(today - dt.timedelta(days=CATCH_UP_DAYS), -months)
        due = Employment.objects.filter(
            start_date__lte=latest_start, start_date__gte=earliest_start
        ).exclude(follow_ups__months=months, follow_ups__sent_at__isnull=False)
        for employment in due.select_related("person"):
            with transaction.atomic():
                follow_up, _created = FollowUp.objects.get_or_create(
                    employment=employment,
                    months=months,
                    defaults={"due_on": _add_months(employment.start_date, months)},
                )
                claimed = FollowUp.objects.filter(pk=follow_up.pk, sent_at__isnull=True).update(
                    sent_at=now, expires_at=now + dt.timedelta(days=ANSWER_DAYS)
                )
                if not claimed:
                    continue
                person = employment.person
                if not person.is_active or not person.email:
                    continue
                send_templated_email(
                    "follow-up",
                    to=[person.email],
                    language=getattr(person, "language", None) or None,
                    context={
                        "name": person.name,
                        "company_name": employment.company_name,
                        "months": months,
                        "yes_url": _answer_url(follow_up, "yes"),
                        "no_url": _answer_url(follow_up, "no"),
                        "answer_days": ANSWER_DAYS,
                    },
                )
                sent += 1
    return sent


def _answer_url(follow_up: FollowUp, answer: str) -> str:
    from django.conf import settings
    from django.urls import reverse

    return settings.SITE_URL + reverse(
        "reports:follow_up", args=[follow_up_token(follow_up, answer)]
    )


class FollowUpLinkError(Exception):
    """A follow-up link that cannot be used: ``reason`` is invalid, answered or expired."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


def follow_up_from_token(token: str) -> tuple[FollowUp, bool]:
    """The follow-up a link names and its answer; ``FollowUpLinkError`` when unusable."""
    try:
        data = signing.loads(token, salt=FOLLOW_UP_SALT)
        follow_up = FollowUp.objects.select_related("employment").get(pk=int(data["f"]))
        answer = data["a"]
    except (signing.BadSignature, FollowUp.DoesNotExist, KeyError, TypeError, ValueError):
        raise FollowUpLinkError("invalid") from None
    if answer not in ("yes", "no"):
        raise FollowUpLinkError("invalid")
    if follow_up.answered_at is not None:
        raise FollowUpLinkError("answered")
    if follow_up.expires_at is None or follow_up.expires_at < timezone.now():
        raise FollowUpLinkError("expired")
    return follow_up, answer == "yes"


def follow_up_answer(*, token: str) -> FollowUp:
    """Record the answer of a link, once: the row is claimed by a conditional UPDATE."""
    follow_up, still_employed = follow_up_from_token(token)
    now = timezone.now()
    claimed = FollowUp.objects.filter(
        pk=follow_up.pk, answered_at__isnull=True, expires_at__gte=now
    ).update(answered_at=now, still_employed=still_employed)
    if not claimed:
        raise FollowUpLinkError("answered")
    follow_up.refresh_from_db()
    return follow_up


# --- employment rate exclusions ------------------------------------------------------------


def rate_exclusion_record(
    *, enrollment: Enrollment, reason: str, note: str = "", by: User
) -> RateExclusion:
    """Leave a completer out of their run's employment rate; the caller checked the center."""
    with transaction.atomic():
        if RateExclusion.objects.filter(enrollment=enrollment).exists():
            raise ValidationError(
                {"enrollment": _("This completer is already excluded.")}, code="excluded"
            )
        exclusion = RateExclusion.objects.create(
            enrollment=enrollment, reason=reason, note=note.strip(), recorded_by=by
        )
        log_action(
            by,
            "reports.exclusion.recorded",
            exclusion,
            {"run": enrollment.run_id, "reason": reason, "note": exclusion.note},
            subject=enrollment.user,
        )
    return exclusion


def rate_exclusion_remove(*, exclusion: RateExclusion, why: str, by: User) -> None:
    """Count the completer in the rate again, saying why (kept in the audit log)."""
    enrollment = exclusion.enrollment
    with transaction.atomic():
        log_action(
            by,
            "reports.exclusion.removed",
            enrollment,
            {"run": enrollment.run_id, "reason": exclusion.reason, "why": why.strip()},
            subject=enrollment.user,
        )
        exclusion.delete()
