"""Pages for everyone and for attendees: fairs, the lobby, booths, my fair, queue actions, interviews."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.http import parse_id
from core.permissions import trainee_required
from jobs.selectors import public_postings
from skills.models import Skill

from .. import selectors, services
from ..forms import LobbyFilterForm, RegistrationForm
from ..models import Booth, Conversation, Draw, Fair, QueueEntry
from ..services import video_embed_url
from ._common import act, refusal


@require_GET
def index(request):
    fairs = selectors.fairs_with_counts(selectors.public_fairs()).order_by("-starts_on")
    today = timezone.localdate()
    upcoming = [f for f in fairs if f.status != Fair.Status.CLOSED and f.ends_on >= today]
    past = [f for f in fairs if f not in upcoming]
    my_booths = []
    if request.user.is_authenticated and request.user.is_employer:
        my_booths = list(
            Booth.objects.filter(company_id__in=request.user.company_ids)
            .select_related("fair", "company")
            .order_by("-fair__starts_on")
        )
    return render(
        request, "fairs/index.html", {"upcoming": upcoming, "past": past, "my_booths": my_booths}
    )


def _lobby_context(request, fair):
    skills = Skill.objects.filter(posting_skills__posting__fair_booths__fair=fair).distinct()
    form = LobbyFilterForm(request.GET or None, skills=skills)
    filters = form.cleaned_data if form.is_valid() else {}
    cards = selectors.booth_cards(fair, filters)
    return {
        "fair": fair,
        "filter_form": form,
        "cards": cards,
        "recommended": selectors.recommended_booths(request.user, cards)
        if fair.status == Fair.Status.LIVE or fair.status == Fair.Status.REGISTRATION
        else [],
    }


def _wish_choices(registration) -> list[int | None]:
    """The attendee's three ranked booth choices for the draw (None where not chosen)."""
    chosen = [r.booth_id for r in registration.draw_requests.all()] if registration else []
    return [chosen[i] if i < len(chosen) else None for i in range(3)]


@require_GET
def fair_detail(request, fair_id: int):
    """The fair's page: what it is, registration, and (once registered or live) the lobby."""
    fair = selectors.get_fair_for_viewer(request.user, fair_id)
    registration = selectors.get_registration(request.user, fair)
    now = timezone.now()
    if request.headers.get("HX-Request"):
        return render(request, "fairs/_booth_cards.html", _lobby_context(request, fair))
    services.visit_record(fair=fair, visitor=request.user)
    context = _lobby_context(request, fair)
    context.update(
        registration=registration,
        registration_open=fair.registration_is_open(now),
        register_form=RegistrationForm(),
        request_window_open=fair.request_window_is_open(now),
        booking_open=services.booking_is_open(fair, now),
        wish_choices=_wish_choices(registration),
        draw=Draw.objects.filter(fair=fair).first(),
    )
    return render(request, "fairs/fair_detail.html", context)


@trainee_required
@require_POST
def register(request, fair_id: int):
    fair = selectors.get_fair_for_viewer(request.user, fair_id)
    form = RegistrationForm(request.POST)
    form.is_valid()
    back = reverse("fairs:detail", args=[fair.pk])
    return act(
        request,
        lambda: services.registration_create(
            fair=fair, attendee=request.user, sharing=form.cleaned_data
        ),
        done=back,
        back=back,
        success=_("You are registered. Browse the booths below."),
    )


@trainee_required
@require_POST
def wishes(request, fair_id: int):
    fair = selectors.get_fair_for_viewer(request.user, fair_id)
    registration = selectors.get_registration(request.user, fair)
    back = reverse("fairs:detail", args=[fair.pk])
    if registration is None:
        return refusal(request, ValidationError(_("Register for the fair first.")), back)
    ranked = [b for b in request.POST.getlist("booths") if b]
    return act(
        request,
        lambda: services.draw_requests_set(registration=registration, booth_ids=ranked),
        done=back,
        back=back,
        success=_("Your requests are saved. The draw runs when the window closes."),
    )


@require_GET
def booth_detail(request, booth_id: int):
    booth = selectors.get_booth_for_viewer(request.user, booth_id)
    fair = booth.fair
    registration = selectors.get_registration(request.user, fair)
    if not request.headers.get("HX-Request"):
        services.visit_record(fair=fair, visitor=request.user, booth=booth)
    entry = None
    if registration is not None:
        entry = QueueEntry.objects.filter(
            booth=booth, attendee=request.user, status__in=QueueEntry.ACTIVE
        ).first()
    context = {
        "booth": booth,
        "fair": fair,
        "registration": registration,
        "place": selectors.queue_place(entry) if entry else None,
        "estimate": selectors.booth_estimate(booth.pk, selectors.waiting_count(booth.pk)),
        "waiting": selectors.waiting_count(booth.pk),
        "slots": selectors.open_slots(booth),
        "booking_open": services.booking_is_open(fair, timezone.now()),
        "postings": booth.postings.filter(pk__in=public_postings().values("pk")),
        "brochures": booth.brochures.all(),
        "video_embed": video_embed_url(booth.video_url),
        "my_interviews": selectors.my_interviews(request.user, fair).filter(booth=booth)
        if registration
        else [],
    }
    if request.headers.get("HX-Request"):
        return render(request, "fairs/_queue_box.html", context)
    return render(request, "fairs/booth.html", context)


@trainee_required
@require_POST
def queue_join(request, booth_id: int):
    booth = selectors.get_booth_for_viewer(request.user, booth_id)
    back = reverse("fairs:booth", args=[booth.pk])
    return act(
        request,
        lambda: services.queue_join(booth=booth, attendee=request.user),
        done=back,
        back=back,
        success=_("You joined the queue. We will call you here and on your fair page."),
    )


@trainee_required
@require_POST
def queue_leave(request, entry_id: int):
    entry = selectors.get_entry_for_attendee(request.user, entry_id)
    back = request.POST.get("next") or reverse("fairs:booth", args=[entry.booth_id])
    if not back.startswith("/"):
        back = reverse("fairs:booth", args=[entry.booth_id])
    return act(
        request,
        lambda: services.queue_leave(entry=entry),
        done=back,
        back=back,
        success=_("You left the queue."),
    )


@trainee_required
@require_POST
def call_accept(request, entry_id: int):
    entry = selectors.get_entry_for_attendee(request.user, entry_id)
    try:
        conversation = services.call_accept(entry=entry, attendee=request.user)
    except ValidationError as error:
        return refusal(request, error, reverse("fairs:my_fair", args=[entry.booth.fair_id]))
    return redirect("fairs:conversation", conversation_id=conversation.pk)


@trainee_required
@require_POST
def call_decline(request, entry_id: int):
    entry = selectors.get_entry_for_attendee(request.user, entry_id)
    back = reverse("fairs:my_fair", args=[entry.booth.fair_id])
    return act(
        request,
        lambda: services.call_decline(entry=entry, attendee=request.user),
        done=back,
        back=back,
        success=_("Not now: you moved back one place."),
    )


@trainee_required
@require_POST
def interview_book(request, booth_id: int):
    booth = selectors.get_booth_for_viewer(request.user, booth_id)
    back = reverse("fairs:booth", args=[booth.pk])
    slot_id = parse_id(request.POST.get("slot"))
    if slot_id is None:
        return refusal(request, ValidationError(_("Choose a time.")), back)
    slot = selectors.get_slot_for_booking(slot_id)
    return act(
        request,
        lambda: services.interview_book(booth=booth, slot=slot, attendee=request.user),
        done=reverse("fairs:my_fair", args=[booth.fair_id]),
        back=back,
        success=_("Interview booked. The details are on your fair page and in your email."),
    )


@trainee_required
@require_POST
def interview_cancel(request, interview_id: int):
    interview = selectors.get_interview_for_attendee(request.user, interview_id)
    back = reverse("fairs:my_fair", args=[interview.booth.fair_id])
    return act(
        request,
        lambda: services.interview_cancel(interview=interview, by=request.user),
        done=back,
        back=back,
        success=_("Interview cancelled; the slot is free for others."),
    )


@never_cache
@trainee_required
@require_GET
def my_fair(request, fair_id: int):
    """Everything of mine at this fair: a call to answer, my conversation, my queues, my interviews."""
    fair = selectors.get_fair_for_viewer(request.user, fair_id)
    registration = selectors.get_registration(request.user, fair)
    if registration is None:
        raise Http404
    services.expire_calls()
    context = {
        "fair": fair,
        "registration": registration,
        "call": selectors.my_pending_call(request.user),
        "conversation": selectors.my_active_conversation(request.user),
        "places": selectors.my_queue_places(request.user, fair),
        "interviews": selectors.my_interviews(request.user, fair),
        "past_conversations": Conversation.objects.filter(
            attendee=request.user, booth__fair=fair, status=Conversation.Status.ENDED
        ).select_related("booth__company", "application__posting"),
    }
    if request.headers.get("HX-Request"):
        return render(request, "fairs/_my_status.html", context)
    return render(request, "fairs/my_fair.html", context)
