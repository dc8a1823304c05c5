"""Reads for message threads: fetch helpers that answer 404 for anyone outside a thread, the
unread counts, read receipts and the reported threads center staff may open.

Who is in a thread: the candidate, and the members of the company, for a thread about an
application (the application shared the candidate's details with that company), or about a
contact request the candidate accepted while they still consent to being discovered (the same
rule as ``selectors.can_see_contact``: withdrawing closes the company's side).
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from accounts.consents import EMPLOYER_DISCOVERY
from accounts.models import User
from accounts.selectors import consenting_user_ids

from ..models import ContactRequest, Message, Side, Thread, ThreadParticipant
from .employers import member_company_ids


def _threads() -> QuerySet[Thread]:
    return Thread.objects.select_related(
        "company",
        "candidate",
        "center",
        "application__posting",
        "contact_request__posting",
    )


def company_side_open() -> Q:
    """Threads a company's members may read: an application's, or an accepted contact request's
    while the candidate consents to being discovered."""
    return Q(application__isnull=False) | Q(
        contact_request__status=ContactRequest.Status.ACCEPTED,
        candidate__in=consenting_user_ids(EMPLOYER_DISCOVERY),
    )


def threads_for_party(user: User) -> QuerySet[Thread]:
    """Threads the person is in, as the candidate or a member of the company."""
    if not user.is_authenticated:
        return Thread.objects.none()
    companies = member_company_ids(user)
    return _threads().filter(
        Q(candidate_id=user.pk) | (Q(company_id__in=companies) & company_side_open())
    )


def side_of(user: User, thread: Thread) -> str:
    """The person's side of a thread they are in (the candidate's, if somehow both)."""
    return Side.CANDIDATE if thread.candidate_id == user.pk else Side.COMPANY


def get_thread_for_party(user: User, thread_id: int) -> Thread:
    """A thread the person is in, or 404 (another company's or person's thread too)."""
    thread = threads_for_party(user).filter(pk=thread_id).first()
    if thread is None:
        raise Http404
    thread.side = side_of(user, thread)
    return thread


def get_thread_for_staff(user: User, thread_id: int) -> Thread:
    """A reported thread of one of the person's centers, or 404 (unreported ones too)."""
    if not user.is_authenticated or not user.is_center_staff:
        raise Http404
    thread = reported_threads_for_staff(user).filter(pk=thread_id).first()
    if thread is None:
        raise Http404
    return thread


def reported_threads_for_staff(user: User) -> QuerySet[Thread]:
    """Threads reported for abuse in the person's centers, most recently reported first."""
    return (
        _threads()
        .filter(reported_at__isnull=False, center_id__in=user.staff_center_ids())
        .annotate(report_count=Count("reports"))
        .order_by("-reported_at", "-pk")
    )


def messages_of(thread: Thread) -> list[Message]:
    return list(thread.messages.select_related("sender").order_by("created_at", "pk"))


def get_message_for_party(user: User, thread_id: int, message_id: int) -> Message:
    thread = get_thread_for_party(user, thread_id)
    message = thread.messages.filter(pk=message_id).first()
    if message is None:
        raise Http404
    return message


def get_message_for_staff(user: User, thread_id: int, message_id: int) -> Message:
    thread = get_thread_for_staff(user, thread_id)
    message = thread.messages.filter(pk=message_id).first()
    if message is None:
        raise Http404
    return message


def read_by_other_side_at(thread: Thread, side: str) -> datetime | None:
    """When the other side last read the thread (for the company: any of its members)."""
    other = Side.COMPANY if side == Side.CANDIDATE else Side.CANDIDATE
    return (
        ThreadParticipant.objects.filter(thread=thread, side=other)
        .aggregate(at=Max("last_read_at"))
        .get("at")
    )


def _unread_messages(user: User) -> QuerySet[Message]:
    """Messages from the other side of the person's threads, newer than their last reading."""
    last_read = ThreadParticipant.objects.filter(
        thread_id=OuterRef("thread_id"), user_id=user.pk
    ).values("last_read_at")[:1]
    companies = member_company_ids(user)
    mine = Q(thread__candidate_id=user.pk, side=Side.COMPANY) | (
        Q(thread__company_id__in=companies, side=Side.CANDIDATE)
        & ~Q(thread__candidate_id=user.pk)
        & Q(thread__in=Thread.objects.filter(company_side_open()))
    )
    return (
        Message.objects.filter(mine)
        .annotate(last_read=Subquery(last_read))
        .filter(Q(last_read__isnull=True) | Q(created_at__gt=F("last_read")))
    )


def unread_counts(user: User) -> dict[int, int]:
    """Unread messages per thread id, for the person's threads."""
    if not user.is_authenticated:
        return {}
    rows = _unread_messages(user).values("thread_id").annotate(n=Count("pk"))
    return {row["thread_id"]: row["n"] for row in rows}


def unread_thread_count(user: User) -> int:
    """How many of the person's threads have something unread (the nav badge)."""
    if not user.is_authenticated or not (user.is_trainee or user.is_employer):
        return 0
    return _unread_messages(user).values("thread_id").distinct().count()


def thread_list_for_party(user: User) -> list[Thread]:
    """The person's threads with a message, newest first, each with ``unread`` and ``side``."""
    newest = Message.objects.filter(thread_id=OuterRef("pk")).order_by("-created_at", "-pk")
    threads = list(
        threads_for_party(user)
        .filter(last_message_at__isnull=False)
        .annotate(
            last_body=Subquery(newest.values("body")[:1]),
            last_side=Subquery(newest.values("side")[:1]),
        )
        .order_by("-last_message_at")
    )
    counts = unread_counts(user)
    for thread in threads:
        thread.side = side_of(user, thread)
        thread.unread = counts.get(thread.pk, 0)
    return threads


def thread_of_application(application) -> Thread | None:
    return Thread.objects.filter(application=application).first()


def thread_of_contact_request(contact_request) -> Thread | None:
    return Thread.objects.filter(contact_request=contact_request).first()


def get_accepted_contact_request_for_party(user: User, request_id: int) -> ContactRequest:
    """An accepted contact request, for its trainee or (while the trainee still consents to being
    discovered) a member of the company; 404 otherwise, a pending or declined one too."""
    found = (
        ContactRequest.objects.filter(pk=request_id, status=ContactRequest.Status.ACCEPTED)
        .filter(
            Q(trainee_id=user.pk)
            | Q(
                company_id__in=member_company_ids(user),
                trainee__in=consenting_user_ids(EMPLOYER_DISCOVERY),
            )
        )
        .select_related("company", "posting")
        .first()
    )
    if found is None:
        raise Http404
    return found
