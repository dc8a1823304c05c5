"""Writes for message threads: opening a thread, sending (with a checked attachment), reading,
the batched email and abuse reports.

The email is batched per person and thread: a message sets the recipient's
``notify_due_at`` (now, or an hour after their last email) unless an email is already pending,
and ``thread_notify`` claims that row under a lock before sending, so at most one email per
thread and person leaves per hour, and a task that arrives twice sends once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.audit import entries_for, log_action
from core.emails import send_templated_email
from core.exceptions import ConflictError

from .. import tasks
from ..files import validate_message_attachment
from ..models import (
    Application,
    ContactRequest,
    Message,
    Side,
    Thread,
    ThreadParticipant,
    ThreadReport,
)
from ..models.messages import MAX_BODY_CHARS
from ._common import company_members, site_url

# At most one email per thread and person within this time.
EMAIL_INTERVAL = timedelta(hours=1)


def thread_for_application(*, application: Application) -> Thread:
    """The application's thread, opened on first use (the posting's center may moderate it)."""
    thread, _created = Thread.objects.get_or_create(
        application=application,
        defaults={
            "company_id": application.posting.company_id,
            "candidate_id": application.applicant_id,
            "center_id": application.posting.center_id,
        },
    )
    return thread


def thread_for_contact_request(*, contact_request: ContactRequest) -> Thread:
    """An accepted contact request's thread, opened on first use; before the candidate accepts
    there is none (nothing of theirs reaches the company before)."""
    if contact_request.status != ContactRequest.Status.ACCEPTED:
        raise ConflictError(_("Messages start once the person accepts the contact request."))
    center_id = contact_request.posting.center_id if contact_request.posting else None
    if center_id is None:
        registration = contact_request.company.registrations.order_by("pk").first()
        center_id = registration.center_id if registration else None
    thread, _created = Thread.objects.get_or_create(
        contact_request=contact_request,
        defaults={
            "company_id": contact_request.company_id,
            "candidate_id": contact_request.trainee_id,
            "center_id": center_id,
        },
    )
    return thread


def _recipients(thread: Thread, side: str) -> list[tuple[int, str]]:
    """(user id, side) of the people a message from ``side`` goes to."""
    if side == Side.COMPANY:
        return [(thread.candidate_id, Side.CANDIDATE)]
    return [
        (pk, Side.COMPANY)
        for pk in company_members(thread.company)
        .exclude(pk=thread.candidate_id)
        .values_list("pk", flat=True)
    ]


def _mark_read(thread: Thread, user: User, side: str, now: datetime) -> None:
    ThreadParticipant.objects.bulk_create(
        [ThreadParticipant(thread=thread, user=user, side=side)], ignore_conflicts=True
    )
    ThreadParticipant.objects.filter(thread=thread, user=user).filter(
        Q(last_read_at__isnull=True) | Q(last_read_at__lt=now)
    ).update(last_read_at=now)


def message_send(
    *,
    thread: Thread,
    by: User,
    side: str,
    body: str = "",
    attachment=None,
    now: datetime | None = None,
) -> Message:
    """Add a message (text, a checked document, or both) and schedule the recipients' email.

    Locks the recipients' participant rows (in id order), so two messages sent at once
    schedule one email, not two.
    """
    now = now or timezone.now()
    body = (body or "").strip()
    if len(body) > MAX_BODY_CHARS:
        raise ValidationError(
            {
                "body": _("A message has at most %(max)d characters (this one has %(n)d).")
                % {"max": MAX_BODY_CHARS, "n": len(body)}
            }
        )
    if not body and attachment is None:
        raise ValidationError({"body": _("Write a message or attach a file.")})
    name = content_type = ""
    if attachment is not None:
        name, content_type = validate_message_attachment(attachment)
    message = Message(thread=thread, sender=by, side=side, body=body, created_at=now)
    try:
        with transaction.atomic():
            if attachment is not None:
                message.attachment_name = name
                message.attachment_content_type = content_type
                message.attachment_size = attachment.size
                message.attachment.save("upload", attachment, save=False)
            message.save()
            Thread.objects.filter(pk=thread.pk).update(last_message_at=now)
            _mark_read(thread, by, side, now)
            recipients = _recipients(thread, side)
            ThreadParticipant.objects.bulk_create(
                [ThreadParticipant(thread=thread, user_id=pk, side=s) for pk, s in recipients],
                ignore_conflicts=True,
            )
            rows = (
                ThreadParticipant.objects.select_for_update()
                .filter(thread=thread, user_id__in=[pk for pk, _s in recipients])
                .order_by("pk")
            )
            for row in rows:
                if row.notify_due_at is not None:
                    continue  # an email is already on its way; it will count this message too
                due = now if row.emailed_at is None else max(now, row.emailed_at + EMAIL_INTERVAL)
                row.notify_due_at = due
                row.save(update_fields=["notify_due_at"])
                participant_id = row.pk
                transaction.on_commit(
                    lambda pk=participant_id, eta=due: tasks.send_thread_notification.apply_async(
                        args=[pk], eta=eta
                    )
                )
    except Exception:
        # The file was stored before the rows; a failed transaction must not leave it behind.
        if message.attachment:
            message.attachment.delete(save=False)
        raise
    return message


def thread_mark_read(*, thread: Thread, user: User, side: str, now: datetime | None = None) -> None:
    """The person has read everything in the thread up to now (their receipt to the others)."""
    _mark_read(thread, user, side, now or timezone.now())


@transaction.atomic
def thread_notify(*, participant_id: int, now: datetime | None = None) -> bool:
    """Send a participant's pending email if it is due and they still have unread messages.

    Locks the participant row: of two workers (or a task delivered twice) one sends, the other
    finds nothing pending. An email that is not due yet stays pending (the sweep sends it).
    """
    now = now or timezone.now()
    row = (
        ThreadParticipant.objects.select_for_update()
        .select_related("thread__company", "user")
        .filter(pk=participant_id)
        .first()
    )
    if row is None or row.notify_due_at is None or row.notify_due_at > now:
        return False
    if row.emailed_at is not None and row.emailed_at + EMAIL_INTERVAL > now:
        return False
    thread, user = row.thread, row.user
    unread = thread.messages.exclude(side=row.side)
    if row.last_read_at is not None:
        unread = unread.filter(created_at__gt=row.last_read_at)
    count = unread.count()
    row.notify_due_at = None
    if count == 0 or not user.is_active or not user.email:
        row.save(update_fields=["notify_due_at"])
        return False
    row.emailed_at = now
    row.save(update_fields=["notify_due_at", "emailed_at"])
    # Only names and a link: no message text and no address, so nothing of the candidate's
    # leaves the product by email (a reply goes through the thread, never to an address).
    sender = thread.company.name if row.side == Side.CANDIDATE else thread.candidate.name
    send_templated_email(
        "jobs-messages",
        to=[user.email],
        context={
            "name": user.name,
            "sender": sender,
            "count": count,
            "subject": thread.subject_title,
            "url": site_url("jobs:thread", thread.pk),
        },
        language=user.language,
    )
    return True


def send_due_thread_notifications(*, now: datetime | None = None) -> int:
    """Send every pending email that is due (a sweep behind the scheduled tasks; beat)."""
    now = now or timezone.now()
    due = ThreadParticipant.objects.filter(notify_due_at__lte=now).values_list("pk", flat=True)
    return sum(thread_notify(participant_id=pk, now=now) for pk in list(due))


@transaction.atomic
def thread_report(*, thread: Thread, by: User, side: str, reason: str) -> ThreadReport:
    """Report a thread for abuse: the center's staff may then read it. Logged."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what happened, so staff know what to look for.")})
    if len(reason) > 1000:
        raise ValidationError(
            {"reason": _("At most 1,000 characters (this has %(n)d).") % {"n": len(reason)}}
        )
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if ThreadReport.objects.filter(thread=thread, reporter=by).exists():
        raise ConflictError(_("You have already reported this conversation."))
    report = ThreadReport.objects.create(thread=thread, reporter=by, side=side, reason=reason)
    if thread.reported_at is None:
        thread.reported_at = report.created_at
        thread.save(update_fields=["reported_at"])
    log_action(by, "jobs.thread.reported", thread, {"reason": reason}, subject=thread.candidate)
    return report


def thread_staff_open(*, thread: Thread, by: User, now: datetime | None = None) -> None:
    """Center staff read a reported thread: logged once per person and day (Seoul), with the
    candidate as its subject, so the person sees who read their conversation and when."""
    day_start = timezone.localtime(now or timezone.now()).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    already = entries_for(thread).filter(
        actor=by, action="jobs.thread.opened_by_staff", created_at__gte=day_start
    )
    if already.exists():
        return
    log_action(
        by,
        "jobs.thread.opened_by_staff",
        thread,
        {"company": thread.company.name},
        subject=thread.candidate,
    )
