"""A trainee's job pages: applying, their applications, recommendations, profile and portfolio,
contact requests and saved searches."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.permissions import trainee_required

from .. import matching, selectors, services
from ..forms import (
    ApplyForm,
    JobSearchForm,
    JobSeekerProfileForm,
    PortfolioImageForm,
    SavedSearchForm,
)
from ._common import form_errors, hiring_context, resume_file_response, show_errors


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
            form_errors(form, exc)
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
    return render(
        request,
        "jobs/my_applications.html",
        {
            "applications": selectors.applications_for_applicant(request.user),
            "accesses": selectors.resume_accesses_of(request.user),
            "interviews_ahead": selectors.interviews_ahead_for_candidate(request.user),
            "open_offers": selectors.open_offers_for_candidate(request.user),
        },
    )


@trainee_required
def my_application(request, pk: int):
    application = selectors.get_application_for_applicant(request.user, pk)
    return my_application_page(request, application)


def my_application_page(request, application, *, status: int = 200, **forms):
    """The trainee's page of one application; an answer that failed passes its bound form."""
    return render(
        request,
        "jobs/my_application.html",
        {"application": application, **hiring_context(application, side="candidate", forms=forms)},
        status=status,
    )


@trainee_required
@require_POST
def my_application_withdraw(request, pk: int):
    application = selectors.get_application_for_applicant(request.user, pk)
    try:
        services.application_withdraw(application=application, by=request.user)
        messages.success(request, _("You withdrew your application."))
    except ValidationError as exc:
        show_errors(request, exc)
    return redirect("jobs:my_application", pk)


@trainee_required
@never_cache
def my_application_file(request, pk: int):
    application = selectors.get_application_for_applicant(request.user, pk)
    return resume_file_response(application)


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
            form_errors(form, exc)
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
    form = PortfolioImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.portfolio_image_add(
                user=request.user,
                image=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as exc:
            show_errors(request, exc)
        else:
            messages.success(request, _("The image was added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("jobs:my_profile")


@trainee_required
@require_POST
def my_portfolio_delete(request, pk: int):
    image = selectors.get_portfolio_image_for_owner(request.user, pk)
    services.portfolio_image_delete(image=image)
    return redirect("jobs:my_profile")


@login_required
@never_cache
def portfolio_image(request, pk: int):
    """A portfolio image, for its owner and whoever may see their résumé."""
    image = selectors.get_portfolio_image_for_viewer(request.user, pk)
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
def my_contact_requests(request):
    requests = selectors.contact_requests_for_trainee(request.user)
    return render(request, "jobs/my_contact_requests.html", {"requests": requests})


@trainee_required
@require_POST
def my_contact_request_decide(request, pk: int, decision: str):
    contact = selectors.get_contact_request_for_trainee(request.user, pk)
    if decision not in ("accept", "decline"):
        raise Http404
    try:
        services.contact_request_decide(
            request=contact, accept=decision == "accept", by=request.user
        )
    except ValidationError as exc:
        show_errors(request, exc)
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
                show_errors(request, exc)
        else:
            messages.error(request, _("The search could not be saved. Check the filters."))
        return redirect("jobs:my_searches")
    return render(
        request, "jobs/my_searches.html", {"searches": selectors.saved_searches_of(request.user)}
    )


@trainee_required
@require_POST
def my_search_delete(request, pk: int):
    services.saved_search_delete(search=selectors.get_saved_search_for_owner(request.user, pk))
    return redirect("jobs:my_searches")


@trainee_required
def my_bookmarks(request):
    """관심 공고: the postings the person bookmarked, with their D-day."""
    bookmarks = list(selectors.bookmarks_of(request.user))
    return render(request, "jobs/my_bookmarks.html", {"bookmarks": bookmarks})


@trainee_required
@require_POST
def bookmark(request, pk: int):
    """Bookmark a public posting (``on=1``) or drop the bookmark (``on=0``); htmx swaps the
    button, a plain form goes back to the page it came from."""
    on = request.POST.get("on") == "1"
    posting = selectors.public_postings().filter(pk=pk).first()
    if on:
        if posting is None:
            raise Http404
        services.bookmark_add(user=request.user, posting=posting)
    else:
        services.bookmark_remove(user=request.user, posting_id=pk)
    if request.headers.get("HX-Request"):
        return render(
            request,
            "jobs/_bookmark_button.html",
            {
                "posting_id": pk,
                "posting_title": posting.title if posting else "",
                "bookmarked": on,
                "announce": True,
                "next_url": _safe_next(request),
            },
        )
    messages.success(request, _("Added to your bookmarks.") if on else _("Bookmark removed."))
    return redirect(_safe_next(request) or "jobs:my_bookmarks")


def _safe_next(request) -> str | None:
    """The page the form came from (``next``), if it is on this site."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None
