"""An employer's job pages: their companies, postings, applicants and discoverable candidates."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.selectors import registrations_of
from accounts.services import company_center_request
from core.permissions import employer_required

from .. import matching, selectors, services
from ..forms import (
    CenterJoinForm,
    CompanyInvitationForm,
    CompanyProfileForm,
    ContactRequestForm,
    PostingForm,
    StatusForm,
)
from ..models import Application, ResumeAccess
from ..resume import resume_pdf_response
from ._common import form_errors, hiring_context, resume_file_response, show_errors


@employer_required
def employer_home(request):
    return render(
        request,
        "jobs/employer/home.html",
        {
            "memberships": selectors.memberships_of(request.user),
            "postings": selectors.postings_for_member(request.user),
        },
    )


@employer_required
def employer_company(request, pk: int):
    """The company's profile (owners edit it), its members and open invitations."""
    is_post = request.method == "POST"
    company = selectors.get_company_for_member(request.user, pk, owner=is_post)
    form = CompanyProfileForm(request.POST or None, request.FILES or None, instance=company)
    if is_post and form.is_valid():
        try:
            services.company_profile_update(company=company, data=form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The company profile was saved."))
            return redirect("jobs:employer_company", pk)
    return render(
        request,
        "jobs/employer/company.html",
        {
            "company": company,
            "form": form,
            "is_owner": is_post or selectors.is_company_owner(request.user, company),
            "members": company.memberships.select_related("user"),
            "invitations": selectors.open_invitations(company),
            "invite_form": CompanyInvitationForm(),
            "registrations": registrations_of(company),
            "join_form": CenterJoinForm(company=company),
        },
    )


@employer_required
@require_POST
def employer_company_join(request, pk: int):
    """An owner asks another center to take the company in; that center's staff decide."""
    company = selectors.get_company_for_member(request.user, pk, owner=True)
    form = CenterJoinForm(request.POST, company=company)
    if not form.is_valid():
        messages.error(request, _("Choose a center your company is not registered with yet."))
        return redirect("jobs:employer_company", pk)
    center = form.cleaned_data["center"]
    try:
        company_center_request(company=company, center=center, by=request.user)
    except ValidationError as exc:
        show_errors(request, exc)
    else:
        messages.success(
            request,
            _("Your request was sent to %(center)s. Its staff will check your company.")
            % {"center": center.display_name},
        )
    return redirect("jobs:employer_company", pk)


@employer_required
@require_POST
def employer_company_invite(request, pk: int):
    company = selectors.get_company_for_member(request.user, pk, owner=True)
    form = CompanyInvitationForm(request.POST)
    if form.is_valid():
        try:
            services.company_invitation_create(
                company=company,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
            messages.success(request, _("The invitation was sent."))
        except ValidationError as exc:
            show_errors(request, exc)
    else:
        messages.error(request, _("Enter a valid email address."))
    return redirect("jobs:employer_company", pk)


@employer_required
def employer_posting_new(request):
    companies = selectors.companies_of(request.user)
    company_id = request.GET.get("company") or request.POST.get("company")
    company = next(
        (c for c in companies if str(c.pk) == str(company_id)), companies[0] if companies else None
    )
    if company is None:
        raise Http404
    form = PostingForm(request.POST or None, company=company)
    if request.method == "POST" and form.is_valid():
        try:
            posting = services.posting_create(
                company=company,
                by=request.user,
                data=form.posting_data(),
                skills=form.skills_payload(),
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(
                request, _("The draft was saved. Submit it for review when it is ready.")
            )
            return redirect("jobs:employer_posting", posting.pk)
    return render(
        request,
        "jobs/employer/posting_form.html",
        {"form": form, "company": company, "companies": companies},
        status=400 if request.method == "POST" else 200,
    )


@employer_required
def employer_posting_edit(request, pk: int):
    posting = selectors.get_posting_for_member(request.user, pk)
    if not posting.is_editable:
        messages.error(request, _("Only drafts can be edited. Copy the posting to change it."))
        return redirect("jobs:employer_posting", pk)
    form = PostingForm(request.POST or None, instance=posting, company=posting.company)
    if request.method == "POST" and form.is_valid():
        try:
            services.posting_update(
                posting=posting, data=form.posting_data(), skills=form.skills_payload()
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("jobs:employer_posting", pk)
    return render(
        request,
        "jobs/employer/posting_form.html",
        {"form": form, "company": posting.company, "posting": posting},
        status=400 if request.method == "POST" else 200,
    )


@employer_required
def employer_posting(request, pk: int):
    posting = selectors.get_posting_for_member(request.user, pk)
    return render(
        request,
        "jobs/employer/posting.html",
        {"posting": posting, "stats": selectors.application_stats(posting), "tab": "overview"},
    )


@employer_required
@require_POST
def employer_posting_action(request, pk: int, action: str):
    posting = selectors.get_posting_for_member(request.user, pk)
    actions = {
        "submit": (
            services.posting_submit,
            _("Submitted for review. The center will check it soon."),
        ),
        "close": (services.posting_close, _("The posting is closed.")),
        "copy": (services.posting_copy, _("A copy was saved as a draft.")),
    }
    if action not in actions:
        raise Http404
    service, message = actions[action]
    try:
        result = service(posting=posting, by=request.user)
    except ValidationError as exc:
        show_errors(request, exc)
        return redirect("jobs:employer_posting", pk)
    messages.success(request, message)
    return redirect("jobs:employer_posting", result.pk)


@employer_required
def employer_board(request, pk: int):
    posting = selectors.get_posting_for_member(request.user, pk)
    return render(request, "jobs/employer/board.html", board_context(posting, tab="board"))


def board_context(posting, **extra) -> dict:
    """The board's columns, each card with the applicant's fit (``matching.applicant_matches``)."""
    columns = selectors.board_columns(posting)
    applications = [a for _status, _label, cards in columns for a in cards]
    fits = matching.applicant_matches(posting, applications)
    for application in applications:
        application.fit = fits[application.pk]
    targets = [
        (status, label)
        for status, label, _cards in columns
        if status not in (Application.Status.HIRED, Application.Status.WITHDRAWN)
    ]
    return {"posting": posting, "columns": columns, "targets": targets, **extra}


@employer_required
@require_POST
def employer_board_move(request, pk: int):
    """Move a card to another stage (the drag-and-drop and the per-card control both post here)
    through ``services.application_set_status``; htmx gets the board back with what happened
    announced, a refused move included (the card stays where it was)."""
    application = selectors.get_application_for_member(request.user, pk)
    status = request.POST.get("status", "")
    error = moved = None
    try:
        if status not in Application.Status.values:
            raise ValidationError(_("Choose a stage."))
        services.application_set_status(application=application, status=status, by=request.user)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    else:
        moved = _("%(name)s moved to %(stage)s.") % {
            "name": application.applicant.name,
            "stage": Application.Status(status).label,
        }
    if request.headers.get("HX-Request"):
        context = board_context(
            application.posting, moved_id=application.pk, error=error, moved=moved
        )
        return render(request, "jobs/employer/_board_update.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, moved)
    return redirect("jobs:employer_board", application.posting_id)


@employer_required
def employer_candidates(request, pk: int):
    posting = selectors.get_posting_for_member(request.user, pk)
    return render(
        request,
        "jobs/employer/candidates.html",
        {
            "posting": posting,
            "matches": matching.candidates_for(posting, limit=50),
            "requested": selectors.requested_trainee_ids(posting.company),
            "tab": "candidates",
        },
    )


@employer_required
def employer_candidate(request, user_id: int):
    trainee = selectors.get_trainee_for_employer(request.user, user_id)
    companies = selectors.companies_of(request.user)
    form = ContactRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_request_create(
                company=companies[0],
                trainee=trainee,
                by=request.user,
                message=form.cleaned_data["message"],
            )
            messages.success(
                request, _("Your request was sent. You will see the contact details once accepted.")
            )
        except ValidationError as exc:
            show_errors(request, exc)
        return redirect("jobs:employer_candidate", user_id)
    services.resume_access_log(
        owner=trainee,
        viewer=request.user,
        kind=ResumeAccess.Kind.PROFILE,
        company=companies[0] if companies else None,
    )
    context = selectors.resume_context(trainee, viewer=request.user)
    context.update(
        form=form,
        show_contact=selectors.can_see_contact(request.user, trainee),
        request_sent=selectors.contact_request_from(companies, trainee),
    )
    return render(request, "jobs/employer/candidate.html", context)


@employer_required
def employer_application(request, pk: int):
    application = selectors.get_application_for_member(request.user, pk)
    form = StatusForm(request.POST or None, initial={"status": application.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.application_set_status(
                application=application,
                status=form.cleaned_data["status"],
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            show_errors(request, exc)
        else:
            messages.success(request, _("Saved."))
        if request.headers.get("HX-Request"):
            return HttpResponse(status=204, headers={"HX-Refresh": "true"})
        return redirect("jobs:employer_application", pk)
    services.resume_access_log(
        owner=application.applicant,
        viewer=request.user,
        kind=ResumeAccess.Kind.PROFILE,
        application=application,
    )
    # A refused move (취업, an unknown stage) shows the form's error with a 400.
    status = 400 if request.method == "POST" else 200
    return application_page(request, application, form=form, status=status)


def application_page(request, application, *, status: int = 200, **forms):
    """The employer's page of one application; a hiring action that failed passes its bound form."""
    context = selectors.resume_context(application.applicant, viewer=request.user)
    context.update(
        application=application,
        posting=application.posting,
        form=forms.pop("form", None) or StatusForm(initial={"status": application.status}),
        notes=application.notes.select_related("author"),
        show_contact=True,
        match=matching.application_match(application, context["profile"]),
        **hiring_context(application, side="employer", forms=forms, user=request.user),
    )
    return render(request, "jobs/employer/application.html", context, status=status)


@employer_required
@never_cache
def employer_application_file(request, pk: int):
    application = selectors.get_application_for_member(request.user, pk)
    response = resume_file_response(application)
    services.resume_access_log(
        owner=application.applicant,
        viewer=request.user,
        kind=ResumeAccess.Kind.FILE,
        application=application,
    )
    return response


@employer_required
@never_cache
def employer_application_pdf(request, pk: int):
    application = selectors.get_application_for_member(request.user, pk)
    services.resume_access_log(
        owner=application.applicant,
        viewer=request.user,
        kind=ResumeAccess.Kind.PDF,
        application=application,
    )
    # An application shares the contact details with its company (selectors.can_see_contact).
    return resume_pdf_response(
        application.applicant,
        show_contact=selectors.can_see_contact(request.user, application.applicant),
    )
