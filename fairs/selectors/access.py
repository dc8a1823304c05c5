"""Fetch fairs' objects through the person's rights: another's object is a 404, before any input is read."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import User

from ..models import Booth, Conversation, Fair, Interview, InterviewSlot, QueueEntry, Registration

PUBLIC_STATUSES = (Fair.Status.REGISTRATION, Fair.Status.LIVE, Fair.Status.CLOSED)


def public_fairs() -> QuerySet[Fair]:
    return Fair.objects.filter(status__in=PUBLIC_STATUSES).select_related("center")


def get_fair_for_viewer(user: User | None, fair_id: int) -> Fair:
    """A published fair; drafts only for the center's staff."""
    fair = get_object_or_404(Fair.objects.select_related("center"), pk=fair_id)
    if fair.status == Fair.Status.DRAFT and not (
        user is not None and user.is_authenticated and fair.center_id in user.staff_center_ids()
    ):
        raise Http404
    return fair


def fairs_for_staff(user: User) -> QuerySet[Fair]:
    return Fair.objects.filter(center_id__in=user.staff_center_ids()).select_related("center")


def get_fair_for_staff(user: User, fair_id: int) -> Fair:
    return get_object_or_404(fairs_for_staff(user), pk=fair_id)


def get_booth_for_viewer(user: User | None, booth_id: int) -> Booth:
    """An approved booth of a published fair."""
    booth = get_object_or_404(
        Booth.objects.select_related("fair__center", "company"),
        pk=booth_id,
        status=Booth.Status.APPROVED,
        fair__status__in=PUBLIC_STATUSES,
    )
    return booth


def get_booth_for_member(user: User, booth_id: int) -> Booth:
    """A booth of one of the person's companies (any status); other companies' booths are 404."""
    return get_object_or_404(
        Booth.objects.select_related("fair__center", "company"),
        pk=booth_id,
        company_id__in=user.company_ids,
    )


def get_booth_for_representative(user: User, booth_id: int) -> Booth:
    """An approved booth the person staffs."""
    return get_object_or_404(
        Booth.objects.select_related("fair__center", "company"),
        pk=booth_id,
        status=Booth.Status.APPROVED,
        representatives__user=user,
    )


def get_booth_for_staff(user: User, booth_id: int) -> Booth:
    return get_object_or_404(
        Booth.objects.select_related("fair", "company"),
        pk=booth_id,
        fair__center_id__in=user.staff_center_ids(),
    )


def get_registration(user: User, fair: Fair) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(fair=fair, attendee=user, cancelled_at__isnull=True).first()


def get_slot_for_booking(slot_id) -> InterviewSlot:
    """Any slot (the service then says whether it belongs to this booth and fair)."""
    try:
        slot_id = int(slot_id)
    except (TypeError, ValueError):
        raise Http404 from None
    return get_object_or_404(InterviewSlot.objects.select_related("booth__fair"), pk=slot_id)


def get_interview_for_attendee(user: User, interview_id: int) -> Interview:
    return get_object_or_404(
        Interview.objects.select_related("booth__fair", "booth__company"),
        pk=interview_id,
        attendee=user,
    )


def get_interview_for_representative(user: User, interview_id: int) -> Interview:
    return get_object_or_404(
        Interview.objects.select_related("booth__fair", "booth__company"),
        pk=interview_id,
        booth__representatives__user=user,
    )


def get_entry_for_attendee(user: User, entry_id: int) -> QueueEntry:
    return get_object_or_404(
        QueueEntry.objects.select_related("booth__fair", "booth__company"),
        pk=entry_id,
        attendee=user,
    )


def get_conversation_for_participant(user: User, conversation_id: int) -> Conversation:
    """The attendee or the representative of the conversation; anyone else gets 404."""
    return get_object_or_404(
        Conversation.objects.select_related("booth__fair", "booth__company", "attendee"),
        Q(attendee=user) | Q(representative=user),
        pk=conversation_id,
    )


def get_conversation_for_representative(user: User, conversation_id: int) -> Conversation:
    """A conversation the person leads (ending it, next steps, the video room)."""
    return get_object_or_404(
        Conversation.objects.select_related("booth__fair", "booth__company", "attendee"),
        pk=conversation_id,
        representative=user,
    )
