"""Conversations: chat messages, the optional video room, ending, and the next step.

No timer ends a conversation: only the representative does. "Interview" or
"screen" as the next step creates or advances the attendee's application for
one of the booth's linked postings, through jobs' public services, when the
attendee agreed to that at registration.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.audit import log_action
from core.emails import send_templated_email
from core.exceptions import ConflictError
from core.video import new_room_token
from jobs import services as jobs_services
from jobs.models import Application, Posting

from ..models import MAX_MESSAGE_LENGTH, Conversation, Message, QueueEntry, Registration
from ..notify import notify
from ._common import lock_row

# How far each next step moves an application along the employer's pipeline.
STEP_STATUS = {
    Conversation.NextStep.SCREEN: Application.Status.SCREENING,
    Conversation.NextStep.INTERVIEW: Application.Status.INTERVIEW,
}
PIPELINE_ORDER = [
    Application.Status.SUBMITTED,
    Application.Status.SCREENING,
    Application.Status.INTERVIEW,
    Application.Status.OFFER,
    Application.Status.HIRED,
]


def message_send(*, conversation: Conversation, sender: User, body: str) -> Message:
    """Post a chat line (the caller has checked that ``sender`` takes part)."""
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": [_("Write a message first.")]})
    if len(body) > MAX_MESSAGE_LENGTH:
        raise ValidationError(
            {"body": [_("A message can be at most %(n)d characters.") % {"n": MAX_MESSAGE_LENGTH}]}
        )
    if conversation.status != Conversation.Status.ACTIVE:
        raise ConflictError(_("This conversation has ended."))
    message = Message.objects.create(conversation=conversation, sender=sender, body=body)
    notify(conversations=[conversation.pk], what="messages", message=message.pk)
    return message


def conversation_start_video(*, conversation: Conversation, by: User) -> Conversation:
    """The representative opens a video room; both see its link."""
    if conversation.status != Conversation.Status.ACTIVE:
        raise ConflictError(_("This conversation has ended."))
    if not conversation.room_token:
        conversation.room_token = new_room_token()
        conversation.save(update_fields=["room_token"])
    notify(conversations=[conversation.pk], what="conversation")
    return conversation


def conversation_end(
    *, conversation: Conversation, by: User, now: datetime | None = None
) -> Conversation:
    """The representative ends the conversation; the attendee's other queue places resume."""
    now = now or timezone.now()
    with transaction.atomic():
        conversation = lock_row(Conversation, conversation.pk, touch_field="status")
        if conversation.status != Conversation.Status.ACTIVE:
            raise ConflictError(_("This conversation has already ended."))
        conversation.status = Conversation.Status.ENDED
        conversation.ended_at = now
        conversation.save(update_fields=["status", "ended_at"])
        QueueEntry.objects.filter(pk=conversation.queue_entry_id).update(
            status=QueueEntry.Status.DONE, ended_at=now
        )
    notify(
        users=[conversation.attendee_id],
        booths=[conversation.booth_id],
        conversations=[conversation.pk],
        what="conversation",
    )
    return conversation


def _application_for(
    *, posting: Posting, attendee: User, status: str, by: User, note: str
) -> Application:
    application = Application.objects.filter(posting=posting, applicant=attendee).first()
    if application is None:
        application = jobs_services.application_create(
            posting=posting, applicant=attendee, use_platform_resume=True
        )
    if application.is_final:
        return application
    if application.status in PIPELINE_ORDER and PIPELINE_ORDER.index(
        application.status
    ) < PIPELINE_ORDER.index(status):
        application = jobs_services.application_set_status(
            application=application, status=status, by=by, note=note
        )
    return application


def conversation_next_step(
    *,
    conversation: Conversation,
    step: str,
    by: User,
    note: str = "",
    posting: Posting | None = None,
    now: datetime | None = None,
) -> Conversation:
    """Record the next step; "interview"/"screen" becomes an application when the attendee consented."""
    now = now or timezone.now()
    if step not in Conversation.NextStep.values:
        raise ValidationError({"step": [_("Choose a next step.")]})
    note = (note or "").strip()
    if len(note) > 2000:
        raise ValidationError({"note": [_("At most 2,000 characters.")]})
    booth = conversation.booth
    linked = booth.postings.all()
    if posting is not None and not linked.filter(pk=posting.pk).exists():
        raise ValidationError({"posting": [_("Choose one of the booth's linked postings.")]})
    with transaction.atomic():
        conversation = lock_row(Conversation, conversation.pk, touch_field="status")
        conversation.next_step = step
        conversation.next_step_note = note
        conversation.next_step_at = now
        registration = Registration.objects.get(
            fair_id=booth.fair_id, attendee_id=conversation.attendee_id
        )
        application = None
        if step in STEP_STATUS and registration.consent_to_apply:
            target = posting or next((p for p in linked if p.is_open), None)
            if target is not None:
                application = _application_for(
                    posting=target,
                    attendee=conversation.attendee,
                    status=STEP_STATUS[step],
                    by=by,
                    note=note,
                )
                conversation.posting = target
                conversation.application = application
        conversation.save(
            update_fields=[
                "next_step",
                "next_step_note",
                "next_step_at",
                "posting",
                "application",
            ]
        )
        log_action(
            by,
            "fairs.conversation.next_step",
            conversation,
            {"step": step, "application": application.pk if application else None},
        )
        attendee = conversation.attendee
        send_templated_email(
            "fairs-next-step",
            to=[attendee.email],
            context={
                "name": attendee.name,
                "company": booth.company.name,
                "step": Conversation.NextStep(step).label,
                "application": application is not None,
                "url": settings.SITE_URL + reverse("fairs:my_fair", args=[booth.fair_id]),
            },
            language=attendee.language,
        )
    notify(users=[conversation.attendee_id], conversations=[conversation.pk], what="next_step")
    return conversation
