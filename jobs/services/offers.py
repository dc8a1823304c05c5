"""Offers and hires: an application becomes 취업 only by an accepted offer or a staff record.

Every write locks the application row first, then the offer, so an answer, a withdrawal and
the lapse sweep apply one after the other. Accepting records the ``Employment`` outcome
reports count, in the same transaction.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from core import reminders
from core.audit import log_action
from core.exceptions import ConflictError
from core.ics import SEOUL

from ..models import Application, ApplicationEvent, Employment, EmploymentType, Offer, SalaryBand
from ._timeline import advance_application, clean_text, record_event
from .hiring_mail import offer_notify

Kind = ApplicationEvent.Kind
MAX_ANSWER_DAYS = 60
LAPSE_WARNING = timedelta(hours=24)


def _end_of_day(day: date) -> datetime:
    """The moment a day ends in Korea: an offer "until 12-05" is open until 12-06 00:00 KST."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=SEOUL)


def _today(now: datetime) -> date:
    return now.astimezone(SEOUL).date()


def _locked_application(application_id: int) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("posting__company", "applicant")
        .get(pk=application_id)
    )


def _clean_salary(salary) -> int:
    try:
        salary = int(salary)
    except (TypeError, ValueError):
        salary = 0
    if not 1 <= salary <= 10_000_000_000:
        raise ValidationError({"salary": [_("Enter the annual salary in won.")]})
    return salary


def _clean_employment_type(value: str) -> str:
    if value not in EmploymentType.values:
        raise ValidationError({"employment_type": [_("Choose an employment type.")]})
    return value


@transaction.atomic
def offer_make(
    *,
    application: Application,
    by: User,
    position: str,
    start_date: date,
    employment_type: str,
    salary: int,
    expires_on: date,
    note: str = "",
    now: datetime | None = None,
) -> Offer:
    """The employer offers the job; the candidate answers by the end of ``expires_on`` (KST).

    One open offer per application (a partial unique constraint). The application moves to
    제안. Locks the application.
    """
    now = now or timezone.now()
    today = _today(now)
    application = _locked_application(application.pk)
    if application.is_final:
        raise ConflictError(_("This application is closed."))
    if application.offers.filter(status=Offer.Status.OPEN).exists():
        raise ConflictError(_("This application already has an open offer. Withdraw it first."))
    position = clean_text(position, field="position", limit=120, required=True)
    note = clean_text(note, field="note", limit=2000)
    if not isinstance(start_date, date) or start_date < today:
        raise ValidationError({"start_date": [_("The start date cannot be in the past.")]})
    if start_date > today + timedelta(days=366):
        raise ValidationError({"start_date": [_("The start date must be within a year.")]})
    if not isinstance(expires_on, date) or expires_on < today:
        raise ValidationError({"expires_on": [_("The answer deadline cannot be in the past.")]})
    if expires_on > today + timedelta(days=MAX_ANSWER_DAYS):
        raise ValidationError(
            {"expires_on": [_("Give the candidate at most %(n)s days.") % {"n": MAX_ANSWER_DAYS}]}
        )
    offer = Offer.objects.create(
        application=application,
        position=position,
        start_date=start_date,
        employment_type=_clean_employment_type(employment_type),
        salary=_clean_salary(salary),
        note=note,
        expires_at=_end_of_day(expires_on),
        made_by=by,
    )
    record_event(
        application,
        Kind.OFFER_MADE,
        actor=by,
        offer=offer,
        detail={
            "position": offer.position,
            "start_date": offer.start_date.isoformat(),
            "salary": offer.salary,
            "expires_on": expires_on.isoformat(),
        },
    )
    advance_application(application, Application.Status.OFFER, by=by)
    log_action(
        by,
        "jobs.offer.made",
        offer,
        {"position": offer.position, "expires_on": expires_on.isoformat()},
        subject=application.applicant,
    )
    offer_notify(offer, "made")
    return offer


def _lock_open_offer(offer: Offer, *, now: datetime) -> tuple[Application, Offer]:
    application = _locked_application(offer.application_id)
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if offer.status != Offer.Status.OPEN:
        raise ConflictError(
            _("This offer is no longer open (%(status)s).") % {"status": offer.get_status_display()}
        )
    if not offer.is_answerable(now):
        raise ConflictError(
            _("This offer expired on %(day)s.") % {"day": date_format(offer.expires_on, "Y-m-d")}
        )
    return application, offer


def _record_employment(
    application: Application,
    *,
    by: User,
    source: str,
    position: str,
    start_date: date,
    employment_type: str,
    salary: int | None,
    offer: Offer | None = None,
    reason: str = "",
) -> Employment:
    if Employment.objects.filter(application=application).exists():
        raise ConflictError(_("This hire is already recorded."))
    company = application.posting.company
    return Employment.objects.create(
        person=application.applicant,
        company=company,
        company_name=company.name,
        company_brn=company.brn,
        posting=application.posting,
        application=application,
        offer=offer,
        position=position,
        start_date=start_date,
        employment_type=employment_type,
        salary_band=SalaryBand.for_salary(salary),
        source=source,
        reason=reason,
        recorded_by=by,
    )


@transaction.atomic
def offer_accept(*, offer: Offer, by: User, now: datetime | None = None) -> Employment:
    """The candidate accepts an open offer before it lapses: 취업, and the employment is recorded.

    An expired, withdrawn or answered offer raises ``ConflictError`` (409) and changes nothing.
    """
    now = now or timezone.now()
    application, offer = _lock_open_offer(offer, now=now)
    if by.pk != application.applicant_id:
        raise ValidationError(_("Only the candidate answers an offer."))
    if application.is_final:
        raise ConflictError(_("This application is closed."))
    offer.status = Offer.Status.ACCEPTED
    offer.decided_at = now
    offer.save(update_fields=["status", "decided_at"])
    record_event(application, Kind.OFFER_ACCEPTED, actor=by, offer=offer)
    advance_application(application, Application.Status.HIRED, by=by)
    employment = _record_employment(
        application,
        by=by,
        source=Employment.Source.OFFER,
        position=offer.position,
        start_date=offer.start_date,
        employment_type=offer.employment_type,
        salary=offer.salary,
        offer=offer,
    )
    offer_notify(offer, "accepted")
    return employment


@transaction.atomic
def offer_decline(
    *, offer: Offer, by: User, reason: str = "", now: datetime | None = None
) -> Offer:
    """The candidate declines; the application stays at 제안 for the company to decide on."""
    now = now or timezone.now()
    application, offer = _lock_open_offer(offer, now=now)
    if by.pk != application.applicant_id:
        raise ValidationError(_("Only the candidate answers an offer."))
    offer.status = Offer.Status.DECLINED
    offer.status_reason = clean_text(reason, field="reason", limit=300)
    offer.decided_at = now
    offer.save(update_fields=["status", "status_reason", "decided_at"])
    record_event(
        application,
        Kind.OFFER_DECLINED,
        actor=by,
        offer=offer,
        detail={"reason": offer.status_reason} if offer.status_reason else {},
    )
    offer_notify(offer, "declined")
    return offer


@transaction.atomic
def offer_withdraw(*, offer: Offer, by: User, reason: str = "") -> Offer:
    """The employer withdraws an open offer (even one past its deadline not yet swept)."""
    application = _locked_application(offer.application_id)
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if offer.status != Offer.Status.OPEN:
        raise ConflictError(_("Only an open offer can be withdrawn."))
    offer.status = Offer.Status.WITHDRAWN
    offer.status_reason = clean_text(reason, field="reason", limit=300)
    offer.decided_at = timezone.now()
    offer.save(update_fields=["status", "status_reason", "decided_at"])
    record_event(
        application,
        Kind.OFFER_WITHDRAWN,
        actor=by,
        offer=offer,
        detail={"reason": offer.status_reason} if offer.status_reason else {},
    )
    log_action(
        by,
        "jobs.offer.withdrawn",
        offer,
        {"reason": offer.status_reason},
        subject=application.applicant,
    )
    offer_notify(offer, "withdrawn")
    return offer


def offers_close_for_application(application: Application, *, by: User, reason: str) -> None:
    """An application that closes takes its open offer with it; in the application's lock.

    The candidate withdrawing declines it; the company turning them down withdraws it.
    """
    for offer in application.offers.filter(status=Offer.Status.OPEN):
        if by.pk == application.applicant_id:
            Offer.objects.filter(pk=offer.pk).update(
                status=Offer.Status.DECLINED, status_reason=reason, decided_at=timezone.now()
            )
            record_event(
                application, Kind.OFFER_DECLINED, actor=by, offer=offer, detail={"reason": reason}
            )
        else:
            offer_withdraw(offer=offer, by=by, reason=reason)


@transaction.atomic
def application_record_hire(
    *,
    application: Application,
    by: User,
    reason: str,
    start_date: date,
    position: str = "",
    employment_type: str = "",
    salary: int | None = None,
) -> Employment:
    """Center staff record a hire the platform did not see (a phone follow-up), with a reason.

    Moves the application to 취업, records the employment (source "staff") and logs it.
    """
    if not by.is_center_staff:
        raise ValidationError(_("Only center staff record a hire."))
    application = _locked_application(application.pk)
    if application.status in (Application.Status.HIRED, Application.Status.WITHDRAWN):
        raise ConflictError(
            _("This application is already %(status)s.")
            % {"status": application.get_status_display()}
        )
    reason = clean_text(reason, field="reason", limit=500, required=True)
    if not isinstance(start_date, date):
        raise ValidationError({"start_date": [_("Enter the start date.")]})
    posting = application.posting
    position = clean_text(position, field="position", limit=120) or posting.title
    employment_type = _clean_employment_type(employment_type or posting.employment_type)
    if salary not in (None, ""):
        salary = _clean_salary(salary)
    employment = _record_employment(
        application,
        by=by,
        source=Employment.Source.STAFF,
        position=position,
        start_date=start_date,
        employment_type=employment_type,
        salary=salary or None,
        reason=reason,
    )
    record_event(
        application,
        Kind.HIRE_RECORDED,
        actor=by,
        detail={"reason": reason, "start_date": start_date.isoformat()},
    )
    advance_application(application, Application.Status.HIRED, by=by)
    log_action(
        by,
        "jobs.application.hire_recorded",
        application,
        {"reason": reason, "start_date": start_date.isoformat(), "position": position},
        subject=application.applicant,
    )
    return employment


def _lapse_one(offer_id: int, now: datetime) -> bool:
    with transaction.atomic():
        offer = Offer.objects.filter(pk=offer_id).first()
        if offer is None:
            return False
        _locked_application(offer.application_id)
        # The conditional UPDATE claims the lapse: a second worker finds nothing to do.
        claimed = Offer.objects.filter(
            pk=offer_id, status=Offer.Status.OPEN, expires_at__lte=now
        ).update(status=Offer.Status.LAPSED, decided_at=now)
        if not claimed:
            return False
        offer.refresh_from_db()
        record_event(offer.application, Kind.OFFER_LAPSED, actor=None, offer=offer)
        offer_notify(offer, "lapsed")
        return True


def offers_lapse(*, now: datetime | None = None) -> int:
    """Warn candidates a day before an offer lapses, then lapse the expired ones (Celery beat).

    Idempotent: each warning and each lapse is claimed by a conditional UPDATE.
    """
    now = now or timezone.now()
    reminders.send_due_reminders(
        Offer.objects.filter(status=Offer.Status.OPEN),
        send=lambda pk, _field: offer_notify(Offer.objects.get(pk=pk), "lapsing"),
        at_field="expires_at",
        windows=(("lapse_warning_sent_at", LAPSE_WARNING),),
        now=now,
    )
    due = Offer.objects.filter(status=Offer.Status.OPEN, expires_at__lte=now).values_list(
        "pk", flat=True
    )
    return sum(_lapse_one(pk, now) for pk in list(due))
