"""Pages for company members: their booths, the representative's console, and conversations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from core.http import parse_id
from core.permissions import employer_required
from jobs.models import Posting
from skills.selectors import skills_for_trainee

from .. import selectors, services
from ..forms import (
    BoothForm,
    BrochureForm,
    MessageForm,
    NextStepForm,
    RepresentativeForm,
    SlotsForm,
)
from ..models import Booth, Brochure, Conversation, Interview, Message, Registration
from ._common import act, form_refusal, refusal

# --- the company's booth -----------------------------------------------------------


@employer_required
@require_POST
def participate(request, fair_id: int):
    """A company member asks for a booth at a fair (staff approve it)."""
    fair = selectors.get_fair_for_viewer(request.user, fair_id)
    back = reverse("fairs:index")
    company_id = parse_id(request.POST.get("company"))
    if company_id is None:
        return refusal(request, ValidationError(_("Choose a company.")), back)
    membership = request.user.company_memberships.filter(company_id=company_id).first()
    if membership is None:
        raise Http404  # another company's
    company = membership.company
    return act(
        request,
        lambda: services.booth_request(fair=fair, company=company, by=request.user),
        done=back,
        back=back,
        success=_("Request sent. The center will approve it."),
    )


@employer_required
@require_POST
def invitation_answer(request, booth_id: int):
    booth = selectors.get_booth_for_member(request.user, booth_id)
    back = reverse("fairs:index")
    if booth.status != Booth.Status.INVITED:
        raise Http404
    accept = request.POST.get("accept") == "1"
    return act(
        request,
        lambda: services.booth_decide(booth=booth, approve=accept, by=request.user),
        done=reverse("fairs:booth_edit", args=[booth.pk]) if accept else back,
        back=back,
        success=_("Accepted. Set up your booth.") if accept else _("Invitation declined."),
    )


@employer_required
@require_http_methods(["GET", "POST"])
def booth_edit(request, booth_id: int):
    booth = selectors.get_booth_for_member(request.user, booth_id)
    form = BoothForm(request.POST or None, instance=booth)
    form.fields["postings"].queryset = Posting.objects.filter(company=booth.company).order_by(
        "-created_at"
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.booth_update(booth=booth, by=request.user, data=form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                return redirect("fairs:booth_edit", booth_id=booth.pk)
        else:
            status = 400
    members = User.objects.filter(company_memberships__company=booth.company).order_by("name")
    return render(
        request,
        "fairs/booth_edit.html",
        {
            "booth": booth,
            "form": form,
            "brochure_form": BrochureForm(),
            "rep_form": RepresentativeForm(members=members),
            "representatives": booth.representatives.select_related("user"),
        },
        status=status,
    )


@employer_required
@require_POST
def brochure_add(request, booth_id: int):
    booth = selectors.get_booth_for_member(request.user, booth_id)
    form = BrochureForm(request.POST, request.FILES)
    back = reverse("fairs:booth_edit", args=[booth.pk])
    if not form.is_valid():
        return form_refusal(request, form, back)
    return act(
        request,
        lambda: services.brochure_add(
            booth=booth,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
            by=request.user,
        ),
        done=back,
        back=back,
        success=_("Brochure added."),
    )


@employer_required
@require_POST
def brochure_remove(request, booth_id: int, brochure_id: int):
    booth = selectors.get_booth_for_member(request.user, booth_id)
    brochure = get_object_or_404(Brochure, pk=brochure_id, booth=booth)
    back = reverse("fairs:booth_edit", args=[booth.pk])
    return act(
        request,
        lambda: services.brochure_remove(brochure=brochure, by=request.user),
        done=back,
        back=back,
    )


@employer_required
@require_POST
def representative_add(request, booth_id: int):
    booth = selectors.get_booth_for_member(request.user, booth_id)
    back = reverse("fairs:booth_edit", args=[booth.pk])
    raw = request.POST.get("user", "")
    user = User.objects.filter(pk=parse_id(raw) or 0).first()
    if user is None:
        return refusal(request, ValidationError(_("Choose a company member.")), back)
    return act(
        request,
        lambda: services.representative_add(booth=booth, user=user, by=request.user),
        done=back,
        back=back,
    )


# --- the console ---------------------------------------------------------------------


def _console_context(request, booth):
    rep = booth.representatives.filter(user=request.user).first()
    return {
        "booth": booth,
        "fair": booth.fair,
        "rep": rep,
        "queue": selectors.console_queue(booth),
        "conversation": Conversation.objects.filter(
            representative=request.user, status=Conversation.Status.ACTIVE
        )
        .select_related("attendee")
        .first(),
        "pending_call": booth.queue_entries.filter(called_by=request.user, status="called")
        .select_related("attendee")
        .first(),
        "estimate": selectors.booth_estimate(booth.pk, selectors.waiting_count(booth.pk)),
        "interviews": Interview.objects.filter(booth=booth)
        .select_related("attendee")
        .order_by("start"),
        "slots_form": SlotsForm(representatives=booth.representatives.select_related("user")),
        "recent": Conversation.objects.filter(
            booth=booth, representative=request.user, status="ended"
        ).select_related("attendee")[:10],
    }


@never_cache
@employer_required
@require_GET
def console(request, booth_id: int):
    """The representative's console: online status, the queue, calling, and the current conversation."""
    booth = selectors.get_booth_for_representative(request.user, booth_id)
    services.expire_calls(booth=booth)
    services.representative_heartbeat(booth=booth, user=request.user)
    context = _console_context(request, booth)
    if request.headers.get("HX-Request"):
        return render(request, "fairs/_console_queue.html", context)
    return render(request, "fairs/console.html", context)


@employer_required
@require_POST
def set_online(request, booth_id: int):
    booth = selectors.get_booth_for_representative(request.user, booth_id)
    back = reverse("fairs:console", args=[booth.pk])
    return act(
        request,
        lambda: services.representative_set_online(
            booth=booth, user=request.user, online=request.POST.get("online") == "1"
        ),
        done=back,
        back=back,
    )


@employer_required
@require_POST
def call_next(request, booth_id: int):
    booth = selectors.get_booth_for_representative(request.user, booth_id)
    back = reverse("fairs:console", args=[booth.pk])
    called = {}

    def run():
        called["entry"] = services.queue_call_next(booth=booth, representative=request.user)

    response = act(request, run, done=back, back=back)
    if response.status_code < 400:
        if called.get("entry") is None:
            messages.info(request, _("Nobody free is waiting right now."))
        else:
            messages.success(
                request,
                _("Called %(name)s. Waiting for them to answer.")
                % {"name": called["entry"].attendee.name},
            )
    return response


@employer_required
@require_POST
def slots_publish(request, booth_id: int):
    booth = selectors.get_booth_for_representative(request.user, booth_id)
    back = reverse("fairs:console", args=[booth.pk])
    form = SlotsForm(request.POST, representatives=booth.representatives.select_related("user"))
    if not form.is_valid():
        return form_refusal(request, form, back)
    data = form.cleaned_data
    rep_user = booth.representatives.get(user_id=data["representative"]).user
    return act(
        request,
        lambda: services.slots_publish(
            booth=booth,
            representative=rep_user,
            start=data["start"],
            count=data["count"],
            duration_minutes=data["duration_minutes"],
            buffer_minutes=data["buffer_minutes"],
            by=request.user,
        ),
        done=back,
        back=back,
        success=_("Slots published."),
    )


@employer_required
@require_POST
def interview_mark(request, interview_id: int):
    interview = selectors.get_interview_for_representative(request.user, interview_id)
    back = reverse("fairs:console", args=[interview.booth_id])
    return act(
        request,
        lambda: services.interview_mark(
            interview=interview, status=request.POST.get("status", ""), by=request.user
        ),
        done=back,
        back=back,
    )


# --- conversations -------------------------------------------------------------------


@never_cache
@require_GET
def conversation(request, conversation_id: int):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    conv = selectors.get_conversation_for_participant(request.user, conversation_id)
    is_rep = conv.representative_id == request.user.pk
    context = {
        "conversation": conv,
        "chat_messages": Message.objects.filter(conversation=conv).select_related("sender"),
        "is_rep": is_rep,
        "message_form": MessageForm(),
    }
    if request.headers.get("HX-Request"):
        return render(request, "fairs/_conversation_live.html", context)
    if is_rep:
        registration = Registration.objects.filter(
            fair_id=conv.booth.fair_id, attendee=conv.attendee
        ).first()
        context.update(
            registration=registration,
            next_step_form=NextStepForm(postings=conv.booth.postings.all()),
            # Only what the attendee chose to share at registration.
            verified_skills=[h for h in skills_for_trainee(conv.attendee) if h.is_verified]
            if registration and registration.share_skills
            else [],
        )
    return render(request, "fairs/conversation.html", context)


@require_POST
def message_send(request, conversation_id: int):
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("fairs:conversation", args=[conversation_id]))
    conv = selectors.get_conversation_for_participant(request.user, conversation_id)
    back = reverse("fairs:conversation", args=[conv.pk])
    return act(
        request,
        lambda: services.message_send(
            conversation=conv, sender=request.user, body=request.POST.get("body", "")
        ),
        done=back,
        back=back,
    )


@employer_required
@require_POST
def conversation_video(request, conversation_id: int):
    conv = selectors.get_conversation_for_representative(request.user, conversation_id)
    back = reverse("fairs:conversation", args=[conv.pk])
    return act(
        request,
        lambda: services.conversation_start_video(conversation=conv, by=request.user),
        done=back,
        back=back,
    )


@employer_required
@require_POST
def conversation_end(request, conversation_id: int):
    conv = selectors.get_conversation_for_representative(request.user, conversation_id)
    back = reverse("fairs:conversation", args=[conv.pk])
    return act(
        request,
        lambda: services.conversation_end(conversation=conv, by=request.user),
        done=back,
        back=back,
        success=_("Conversation ended. Record the next step."),
    )


@employer_required
@require_POST
def conversation_next_step(request, conversation_id: int):
    conv = selectors.get_conversation_for_representative(request.user, conversation_id)
    back = reverse("fairs:conversation", args=[conv.pk])
    form = NextStepForm(request.POST, postings=conv.booth.postings.all())
    if not form.is_valid():
        return form_refusal(request, form, back)
    posting = None
    if form.cleaned_data.get("posting"):
        posting = get_object_or_404(
            Posting, pk=form.cleaned_data["posting"], company_id=conv.booth.company_id
        )
    return act(
        request,
        lambda: services.conversation_next_step(
            conversation=conv,
            step=form.cleaned_data["step"],
            note=form.cleaned_data.get("note", ""),
            posting=posting,
            by=request.user,
        ),
        done=reverse("fairs:console", args=[conv.booth_id]),
        back=back,
        success=_("Next step saved."),
    )
