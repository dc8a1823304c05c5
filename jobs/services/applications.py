"""Writes for applications: applying, the employer's pipeline, withdrawing, résumé access logs."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Company, User
from core.audit import log_action
from core.emails import send_templated_email
from core.exceptions import ConflictError
from core.validators import seoul_today

from ..files import validate_resume_upload
from ..models import Application, ApplicationEvent, EmployerNote, Posting, ResumeAccess
from ._common import company_members, site_url
from ._timeline import advance_application
from .interviews import interviews_close_for_application
from .offers import offers_close_for_application
from .postings import posting_mark_active


def _already_applied() -> ConflictError:
    return ConflictError(_("You have already applied to this posting."))


def application_create(
    *,
    posting: Posting,
    applicant: User,
    cover_letter: str = "",
    resume_file=None,
    use_platform_resume: bool = True,
) -> Application:
    """Apply once to an open posting, with the platform résumé and/or a checked file."""
    if not applicant.is_trainee:
        raise ValidationError(_("Only trainees and job seekers can apply."))
    if not posting.is_open or not posting.company.is_verified:
        raise ConflictError(_("This posting is closed and no longer takes applications."))
    if Application.objects.filter(posting=posting, applicant=applicant).exists():
        raise _already_applied()
    if len(cover_letter or "") > 5000:
        raise ValidationError(
            {"cover_letter": [_("The cover letter is too long (at most 5,000 characters).")]}
        )
    if resume_file is None and not use_platform_resume:
        raise ValidationError(
            {"resume_file": [_("Attach a résumé file or include your platform résumé.")]}
        )
    display_name = content_type = ""
    if resume_file is not None:
        display_name, content_type = validate_resume_upload(resume_file)
    try:
        with transaction.atomic():
            application = Application(
                posting=posting,
                applicant=applicant,
                cover_letter=(cover_letter or "").strip(),
                use_platform_resume=use_platform_resume,
                resume_filename=display_name,
                resume_content_type=content_type,
            )
            application.save()  # the unique constraint settles two concurrent clicks
            if resume_file is not None:
                application.resume_file.save("upload", resume_file, save=False)
                application.save(update_fields=["resume_file"])
            ApplicationEvent.objects.create(
                application=application, to_status=application.status, actor=applicant
            )
            posting_mark_active(posting.pk)
            for member in company_members(posting.company):
                send_templated_email(
                    "jobs-application-received",
                    to=[member.email],
                    context={
                        "name": member.name,
                        "title": posting.title,
                        "applicant": applicant.name,
                        "url": site_url("jobs:employer_application", application.pk),
                    },
                    language=member.language,
                )
    except IntegrityError:
        raise _already_applied() from None
    return application


def _notify_status(application: Application) -> None:
    applicant = application.applicant
    send_templated_email(
        "jobs-application-status",
        to=[applicant.email],
        context={
            "name": applicant.name,
            "title": application.posting.title,
            "company": application.posting.company.name,
            "status": application.get_status_display(),
            "url": site_url("jobs:my_application", application.pk),
        },
        language=applicant.language,
    )


@transaction.atomic
def application_set_status(
    *, application: Application, status: str, by: User, note: str = ""
) -> Application:
    """Move an application in the employer's pipeline and/or add a private note. Locks it.

    A move is recorded in the application's history and the audit log (the applicant is its
    subject) and the trainee is told by email. 취업 is not a move: it comes from an accepted
    offer or a hire recorded by center staff (``services.offers``). Turning someone down
    cancels their open interview and withdraws an open offer.
    """
    if status and status not in Application.Status.values:
        raise ValidationError({"status": [_("Unknown status.")]})
    if status == Application.Status.WITHDRAWN:
        raise ValidationError({"status": [_("Only the applicant can withdraw an application.")]})
    if status == Application.Status.HIRED:
        raise ValidationError(
            {
                "status": [
                    _(
                        "An application becomes 취업 (hired) when the candidate accepts your "
                        "offer. Make an offer on the application page."
                    )
                ]
            }
        )
    if len(note or "") > 5000:
        raise ValidationError({"note": [_("The note is too long (at most 5,000 characters).")]})
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("posting__company", "applicant")
        .get(pk=application.pk)
    )
    if status and status != application.status:
        if application.status == Application.Status.WITHDRAWN:
            raise ConflictError({"status": [_("The applicant withdrew this application.")]})
        if application.status == Application.Status.HIRED:
            raise ConflictError({"status": [_("This application ended in a hire.")]})
        previous = application.status
        advance_application(application, status, by=by)
        log_action(
            by,
            "jobs.application.status_changed",
            application,
            {"from": previous, "to": status},
            subject=application.applicant,
        )
        if status == Application.Status.REJECTED:
            reason = _("The company closed this application.")
            interviews_close_for_application(application, by=by, reason=reason)
            offers_close_for_application(application, by=by, reason=reason)
        _notify_status(application)
    if note and note.strip():
        EmployerNote.objects.create(application=application, author=by, body=note.strip())
    return application


@transaction.atomic
def application_withdraw(*, application: Application, by: User) -> Application:
    """The applicant withdraws; the employer can no longer move it. Locks the application.

    An open interview is cancelled (the interviewer is told) and an open offer declined.
    """
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("posting")
        .get(pk=application.pk)
    )
    if application.status in Application.FINAL:
        raise ConflictError(_("This application is already closed."))
    advance_application(application, Application.Status.WITHDRAWN, by=by)
    reason = _("The applicant withdrew the application.")
    interviews_close_for_application(application, by=by, reason=reason)
    offers_close_for_application(application, by=by, reason=reason)
    return application


def resume_access_log(
    *,
    owner: User,
    viewer: User,
    kind: str,
    application: Application | None = None,
    company: Company | None = None,
) -> None:
    """Record a look at someone's résumé; the trainee sees these on their applications page.

    Every download is a row; a profile view is one row per viewer and day in Seoul, held by
    the database's unique constraint (a second view that day, even a concurrent one, is a no-op).
    """
    if viewer.pk == owner.pk:
        return
    access = ResumeAccess(
        owner=owner,
        viewer=viewer,
        kind=kind,
        application=application,
        company=company or (application.posting.company if application else None),
        day=seoul_today(),
    )
    if kind == ResumeAccess.Kind.PROFILE:
        ResumeAccess.objects.bulk_create([access], ignore_conflicts=True)
    else:
        access.save()
