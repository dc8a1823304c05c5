"""What the fairs hold about a person, for the data download and account deletion."""

from __future__ import annotations

from django.utils import timezone

from .models import Conversation, Interview, Message, QueueEntry, Registration


def export_fairs_data(user) -> dict:
    """Registrations with their sharing choices, interviews, conversations and their messages."""
    return {
        "registrations": [
            {
                "fair": r.fair.title,
                "registered_at": r.created_at.isoformat(),
                "share_profile": r.share_profile,
                "share_skills": r.share_skills,
                "share_contact": r.share_contact,
                "consent_to_apply": r.consent_to_apply,
            }
            for r in Registration.objects.filter(attendee=user).select_related("fair")
        ],
        "interviews": [
            {"company": i.booth.company.name, "start": i.start.isoformat(), "status": i.status}
            for i in Interview.objects.filter(attendee=user).select_related("booth__company")
        ],
        "conversations": [
            {
                "company": c.booth.company.name,
                "started_at": c.started_at.isoformat(),
                "next_step": c.next_step,
                "messages": [
                    {"mine": m.sender_id == user.pk, "body": m.body, "at": m.created_at.isoformat()}
                    for m in c.messages.all()
                ],
            }
            for c in Conversation.objects.filter(attendee=user)
            .select_related("booth__company")
            .prefetch_related("messages")
        ],
    }


def erase_fairs_data(user) -> None:
    """Leave queues, free upcoming slots, end conversations and blank what the person wrote.

    Counts stay for the fair's report (an interview happened, a conversation took place).
    """
    now = timezone.now()
    QueueEntry.objects.filter(attendee=user, status__in=["waiting", "called"]).update(
        status=QueueEntry.Status.LEFT, ended_at=now
    )
    Conversation.objects.filter(attendee=user, status=Conversation.Status.ACTIVE).update(
        status=Conversation.Status.ENDED, ended_at=now
    )
    QueueEntry.objects.filter(attendee=user, status="talking").update(
        status=QueueEntry.Status.DONE, ended_at=now
    )
    Interview.objects.filter(attendee=user, status=Interview.Status.BOOKED, start__gt=now).update(
        status=Interview.Status.CANCELLED, cancelled_at=now
    )
    Message.objects.filter(sender=user).update(body="")
    Registration.objects.filter(attendee=user).update(
        share_profile=False, share_skills=False, share_contact=False, consent_to_apply=False
    )
