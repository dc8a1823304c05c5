"""Job pages: public list and detail, trainees' applications, employers' postings, staff review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.models import CompanyMembership

from . import matching, selectors, services
from .forms import (
    ApplyForm,
    CompanyInvitationForm,
    CompanyProfileForm,
    ContactRequestForm,
    JobSearchForm,
    JobSeekerProfileForm,
    PortfolioImageForm,
    PostingForm,
    ReturnForm,
    SavedSearchForm,
    StatusForm,
)
from .models import (
    Application,
    CompanyInvitation,
    ContactRequest,
    PortfolioImage,
    Posting,
    ResumeAccess,
    SavedSearch,
)
from .resume import resume_pdf_response


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def trainee_required(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if not request.user.is_trainee:
            raise Http404
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def staff_required(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if not request.user.is_center_staff:
            raise Http404
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


# --- public -------------------------------------------------------------------------


def index(request):
    form = JobSearchForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    postings = selectors.search_postings(params)
    page = Paginator(postings, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "jobs/index.html",
        {
            "form": form,
            "page_obj": page,
            "postings": page.object_list,
            "save_form": SavedSearchForm()
            if request.user.is_authenticated and request.user.is_trainee
            else None,
        },
    )


def detail(request, pk: int):
    posting = selectors.get_public_posting(pk)
    context = {"posting": posting}
    user = request.user
    if user.is_authenticated and user.is_trainee:
        context["match"] = matching.match_for_posting(user, posting)
        context["application"] = Application.objects.filter(posting=posting, applicant=user).first()
        context["apply_form"] = ApplyForm()
    return render(request, "jobs/detail.html", context)


def company(request, pk: int):
    company = selectors.get_public_company(pk)
    postings = selectors.public_postings().filter(company=company).order_by("-published_at")
    return render(request, "jobs/company.html", {"company": company, "postings": postings})


# --- trainees -----------------------------------------------------------------------


@trainee_required
@require_POST
def apply(request, pk: int):
    posting = selectors.get_public_posting(pk)
    form = ApplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            application = services.application_create(
                posting=posting,
                applicant=request.user,
                cover_letter=form.cleaned_data["cover_letter"],
                resume_file=form.cleaned_data["resume_file"],
                use_platform_resume=form.cleaned_data["use_platform_resume"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Your application was sent."))
            return redirect("jobs:my_application", application.pk)
    match = matching.match_for_posting(request.user, posting)
    return render(
        request,
        "jobs/detail.html",
        {"posting": posting, "apply_form": form, "match": match},
        status=400,
    )


@trainee_required
def my_applications(request):
    applications = selectors.applications_for_applicant(request.user)
    accesses = ResumeAccess.objects.filter(owner=request.user).select_related("company", "viewer")[
        :100
    ]
    return render(
        request, "jobs/my_applications.html", {"applications": applications, "accesses": accesses}
    )


@trainee_required
def my_application(request, pk: int):
    application = selectors.get_application_for_applicant(request.user, pk)
    return render(
        request,
        "jobs/my_application.html",
        {"application": application, "events": application.events.all()},
    )


@trainee_required
@require_POST
def my_application_withdraw(request, pk: int):
    application = selectors.get_application_for_applicant(request.user, pk)
    try:
        services.application_withdraw(application=application, by=request.user)
        messages.success(request, _("You withdrew your application."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("jobs:my_application", pk)


@trainee_required
@never_cache
def my_application_file(request, pk: int):
    application = selectors.get_application_for_applicant(request.user, pk)
    return _file_response(application)


@trainee_required
def recommendations(request):
    matches = matching.recommendations_for(request.user, limit=20)
    return render(request, "jobs/recommendations.html", {"matches": matches})


@trainee_required
def my_profile(request):
    profile = services.profile_for(request.user)
    form = JobSeekerProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(user=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Your job profile was saved."))
            return redirect("jobs:my_profile")
    return render(
        request,
        "jobs/my_profile.html",
        {
            "form": form,
            "profile": profile,
            "image_form": PortfolioImageForm(),
            "images": profile.portfolio_images.all(),
        },
    )


@trainee_required
@require_POST
def my_portfolio_add(request):
    profile = services.profile_for(request.user)
    form = PortfolioImageForm(request.POST, request.FILES)
    if form.is_valid():
        if profile.portfolio_images.count() >= 12:
            messages.error(request, _("You can keep at most 12 portfolio images."))
        else:
            PortfolioImage.objects.create(
                profile=profile,
                image=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
            )
            messages.success(request, _("The image was added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("jobs:my_profile")


@trainee_required
@require_POST
def my_portfolio_delete(request, pk: int):
    image = PortfolioImage.objects.filter(pk=pk, profile__user=request.user).first()
    if image is None:
        raise Http404
    image.image.delete(save=False)
    image.delete()
    return redirect("jobs:my_profile")


@login_required
@never_cache
def portfolio_image(request, pk: int):
    """A portfolio image, for its owner and whoever may see their résumé."""
    image = PortfolioImage.objects.select_related("profile__user").filter(pk=pk).first()
    if image is None or not selectors.can_see_profile(request.user, image.profile.user):
        raise Http404
    handle = image.image.open("rb")
    head = handle.read(12)
    handle.seek(0)
    if head.startswith(b"\x89PNG"):
        content_type = "image/png"
    elif head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        content_type = "image/webp"
    else:
        content_type = "image/jpeg"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@trainee_required
@never_cache
def my_resume_pdf(request):
    return resume_pdf_response(request.user)


@trainee_required
def my_contact_requests(request):
    requests = ContactRequest.objects.filter(trainee=request.user).select_related("company")
    return render(request, "jobs/my_contact_requests.html", {"requests": requests})


@trainee_required
@require_POST
def my_contact_request_decide(request, pk: int, decision: str):
    contact = selectors.get_contact_request_for_trainee(request.user, pk)
    if decision not in ("accept", "decline"):
        raise Http404
    try:
        services.contact_request_decide(request=contact, accept=decision == "accept")
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("jobs:my_contact_requests")


@trainee_required
def my_searches(request):
    if request.method == "POST":
        search_form = JobSearchForm(request.POST)
        name_form = SavedSearchForm(request.POST)
        if search_form.is_valid() and name_form.is_valid():
            try:
                services.saved_search_create(
                    user=request.user,
                    name=name_form.cleaned_data["name"],
                    params=search_form.cleaned_data,
                )
                messages.success(
                    request, _("Search saved. New matching jobs will arrive in a daily email.")
                )
            except ValidationError as exc:
                _errors(request, exc)
        else:
            messages.error(request, _("The search could not be saved. Check the filters."))
        return redirect("jobs:my_searches")
    return render(
        request,
        "jobs/my_searches.html",
        {"searches": SavedSearch.objects.filter(user=request.user)},
    )


@trainee_required
@require_POST
def my_search_delete(request, pk: int):
    SavedSearch.objects.filter(pk=pk, user=request.user).delete()
    return redirect("jobs:my_searches")


# --- employers ----------------------------------------------------------------------


def employer_required(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if not request.user.is_employer:
            raise Http404
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@employer_required
def employer_home(request):
    memberships = CompanyMembership.objects.filter(user=request.user).select_related("company")
    postings = selectors.postings_for_member(request.user)
    return render(
        request, "jobs/employer/home.html", {"memberships": memberships, "postings": postings}
    )


@employer_required
def employer_company(request, pk: int):
    company = selectors.get_company_for_member(request.user, pk)
    is_owner = CompanyMembership.objects.filter(
        company=company, user=request.user, role="owner"
    ).exists()
    form = CompanyProfileForm(request.POST or None, request.FILES or None, instance=company)
    if request.method == "POST":
        if not is_owner:
            raise Http404
        if form.is_valid():
            form.save()
            messages.success(request, _("The company profile was saved."))
            return redirect("jobs:employer_company", pk)
    return render(
        request,
        "jobs/employer/company.html",
        {
            "company": company,
            "form": form,
            "is_owner": is_owner,
            "members": company.memberships.select_related("user"),
            "invitations": CompanyInvitation.objects.filter(
                company=company, accepted_at__isnull=True, revoked_at__isnull=True
            ),
            "invite_form": CompanyInvitationForm(),
        },
    )


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
            _errors(request, exc)
    else:
        messages.error(request, _("Enter a valid email address."))
    return redirect("jobs:employer_company", pk)


@login_required
def company_invitation_accept(request, token: str):
    if request.method == "POST":
        try:
            membership = services.company_invitation_accept(raw_token=token, user=request.user)
        except ValidationError as exc:
            return render(
                request, "jobs/invitation_invalid.html", {"errors": exc.messages}, status=400
            )
        messages.success(
            request, _("You joined %(company)s.") % {"company": membership.company.name}
        )
        return redirect("jobs:employer_home")
    from accounts.models import hash_secret

    invitation = (
        CompanyInvitation.objects.select_related("company")
        .filter(token_hash=hash_secret(token))
        .first()
    )
    if invitation is None or not invitation.is_usable:
        return render(request, "jobs/invitation_invalid.html", {}, status=404)
    return render(request, "jobs/invitation_accept.html", {"invitation": invitation})


@employer_required
def employer_posting_new(request):
    companies = selectors.companies_of(request.user)
    company_id = request.GET.get("company") or request.POST.get("company")
    company = next(
        (c for c in companies if str(c.pk) == str(company_id)), companies[0] if companies else None
    )
    if company is None:
        raise Http404
    form = PostingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            posting = services.posting_create(
                company=company,
                by=request.user,
                data=form.posting_data(),
                skills=form.skills_payload(),
            )
        except ValidationError as exc:
            _form_errors(form, exc)
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
    form = PostingForm(request.POST or None, instance=posting)
    if request.method == "POST" and form.is_valid():
        try:
            services.posting_update(
                posting=posting, data=form.posting_data(), skills=form.skills_payload()
            )
        except ValidationError as exc:
            _form_errors(form, exc)
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
    counts = dict(posting.applications.values_list("status").annotate(n=Count("pk")))
    stats = [(label, counts.get(value, 0)) for value, label in Application.Status.choices]
    return render(
        request,
        "jobs/employer/posting.html",
        {"posting": posting, "stats": stats, "tab": "overview"},
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
        _errors(request, exc)
        return redirect("jobs:employer_posting", pk)
    messages.success(request, message)
    return redirect("jobs:employer_posting", result.pk)


@employer_required
def employer_board(request, pk: int):
    posting = selectors.get_posting_for_member(request.user, pk)
    return render(
        request,
        "jobs/employer/board.html",
        {
            "posting": posting,
            "columns": selectors.board_columns(posting),
            "tab": "board",
        },
    )


@employer_required
def employer_candidates(request, pk: int):
    posting = selectors.get_posting_for_member(request.user, pk)
    matches = matching.candidates_for(posting, limit=50)
    requested = set(
        ContactRequest.objects.filter(company=posting.company).values_list("trainee_id", flat=True)
    )
    return render(
        request,
        "jobs/employer/candidates.html",
        {"posting": posting, "matches": matches, "requested": requested, "tab": "candidates"},
    )


@employer_required
def employer_candidate(request, user_id: int):
    trainee = selectors.get_trainee_for_employer(request.user, user_id)
    companies = selectors.companies_of(request.user)
    form = ContactRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        company = companies[0]
        try:
            services.contact_request_create(
                company=company,
                trainee=trainee,
                by=request.user,
                message=form.cleaned_data["message"],
            )
            messages.success(
                request, _("Your request was sent. You will see the contact details once accepted.")
            )
        except ValidationError as exc:
            _errors(request, exc)
        return redirect("jobs:employer_candidate", user_id)
    services.resume_access_log(
        owner=trainee,
        viewer=request.user,
        kind=ResumeAccess.Kind.PROFILE,
        company=companies[0] if companies else None,
    )
    context = selectors.resume_context(trainee)
    context.update(
        form=form,
        show_contact=selectors.can_see_contact(request.user, trainee),
        request_sent=ContactRequest.objects.filter(trainee=trainee, company__in=companies).first(),
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
            _errors(request, exc)
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
    context = selectors.resume_context(application.applicant)
    context.update(
        application=application,
        posting=application.posting,
        form=form,
        events=application.events.select_related("actor"),
        notes=application.notes.select_related("author"),
        show_contact=True,
        match=matching.explain(
            application.posting, matching.holdings_for(application.applicant_id), context["profile"]
        ),
    )
    return render(request, "jobs/employer/application.html", context)


def _file_response(application: Application) -> FileResponse:
    if not application.resume_file:
        raise Http404
    response = FileResponse(
        application.resume_file.open("rb"),
        as_attachment=True,
        filename=application.resume_filename or "resume",
        content_type=application.resume_content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@employer_required
@never_cache
def employer_application_file(request, pk: int):
    application = selectors.get_application_for_member(request.user, pk)
    response = _file_response(application)
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
    return resume_pdf_response(application.applicant)


# --- staff --------------------------------------------------------------------------


@staff_required
def staff_review(request):
    postings = selectors.postings_for_review()
    recent = (
        Posting.objects.filter(~Q(status=Posting.Status.DRAFT), reviewed_by__isnull=False)
        .select_related("company")
        .order_by("-updated_at")[:20]
    )
    return render(request, "jobs/staff/review.html", {"postings": postings, "recent": recent})


@staff_required
def staff_posting(request, pk: int):
    posting = selectors.get_posting_for_staff(request.user, pk)
    form = ReturnForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "approve":
                services.posting_approve(posting=posting, by=request.user)
                messages.success(request, _("The posting is published."))
                return redirect("jobs:staff_review")
            if form.is_valid():
                services.posting_return(
                    posting=posting, by=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("The posting was returned to the company."))
                return redirect("jobs:staff_review")
        except ValidationError as exc:
            _errors(request, exc)
    return render(request, "jobs/staff/posting.html", {"posting": posting, "form": form})
