"""Writes for employers' contact requests to discoverable trainees, and the trainees' answers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.consents import EMPLOYER_DISCOVERY
from accounts.models import Company, User
from accounts.selectors import has_consent
from core.audit import log_action
from core.emails import send_templated_email
from core.exceptions import ConflictError
from core.validators import refuse_too_long

from ..models import ContactRequest, Posting
from ._common import site_url


def contact_request_create(
    *, company: Company, trainee: User, by: User, posting: Posting | None = None, message: str = ""
) -> ContactRequest:
    """Ask a trainee who consents to be discovered for contact details (once per company)."""
    if not has_consent(trainee, EMPLOYER_DISCOVERY):
        raise ValidationError(_("This person is not open to contact requests."))
    if ContactRequest.objects.filter(company=company, trainee=trainee).exists():
        raise ConflictError(_("Your company has already sent this person a request."))
    request = ContactRequest.objects.create(
        company=company,
        trainee=trainee,
        posting=posting,
        requested_by=by,
        message=refuse_too_long((message or "").strip(), 1000, field="message"),
    )
    send_templated_email(
        "jobs-contact-request",
        to=[trainee.email],
        context={
            "name": trainee.name,
            "company": company.name,
            "message": request.message,
            "url": site_url("jobs:my_contact_requests"),
        },
        language=trainee.language,
    )
    return request


@transaction.atomic
def contact_request_decide(*, request: ContactRequest, accept: bool, by: User) -> ContactRequest:
    """The trainee accepts (the company then sees their contact details) or declines; logged.

    Locks the request, so a double click answers once.
    """
    request = (
        ContactRequest.objects.select_for_update().select_related("company").get(pk=request.pk)
    )
    if request.status != ContactRequest.Status.PENDING:
        raise ConflictError(_("You have already answered this request."))
    request.status = ContactRequest.Status.ACCEPTED if accept else ContactRequest.Status.DECLINED
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    verb = "accepted" if accept else "declined"
    log_action(
        by,
        f"jobs.contact_request.{verb}",
        request,
        {"company": request.company.name},
        subject=request.trainee,
    )
    return request
