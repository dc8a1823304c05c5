"""Public job pages: the list, a posting, a company, and accepting a colleague invitation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import keyset, replicas
from core.http import parse_id
from core.http_cache import data_version

from .. import matching, public_cache, selectors, services
from ..forms import ApplyForm, JobSearchForm, SavedSearchForm


@public_cache.anonymous_page
def index(request):
    form = JobSearchForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    if (params.get("q") or "").strip():
        # A search answers by page number (the search app orders and counts its matches).
        page = Paginator(selectors.search_postings(params), 20).get_page(request.GET.get("page"))
        page.object_list = list(page.object_list)
        postings, listing = page.object_list, None
    else:
        try:
            listing = selectors.job_list_page(
                params,
                cursor=request.GET.get("cursor") or None,
                page=_page_number(request.GET.get("page")),
            )
        except (keyset.InvalidCursor, keyset.PageOutOfRange):
            # an edited cursor or an old link past the pages an offset may reach: page 1
            return redirect(_url_without(request, "cursor", "page"))
        page, postings = None, listing.rows
    bookmarkable = request.user.is_authenticated and request.user.is_trainee
    if bookmarkable:
        marked = selectors.bookmarked_posting_ids(request.user, [p.pk for p in postings])
        for posting in postings:
            posting.bookmarked = posting.pk in marked
    fragment_key = None
    if not request.user.is_authenticated and replicas.reading_from_primary():
        # Rendering the filters and 20 cards is most of the page's time; an anonymous page
        # is the same for everyone until the data changes, so it comes from the cache,
        # keyed by the data version, the day, the language, the request and what it shows
        # (read from the primary only: a lagging replica would cache the old rows).
        count = listing.count if listing else page.paginator.count
        fragment_key = (
            f"{data_version(public_cache.NAMESPACE)}|{timezone.localdate()}|"
            f"{translation.get_language()}|{request.get_full_path()}|{count}|"
            + ",".join(str(p.pk) for p in postings)
        )
    return render(
        request,
        "jobs/index.html",
        {
            "fragment_key": fragment_key,
            "form": form,
            "page_obj": page,
            "listing": listing,
            "postings": postings,
            "bookmarkable": bookmarkable,
            "save_form": SavedSearchForm()
            if request.user.is_authenticated and request.user.is_trainee
            else None,
        },
    )


def _page_number(raw: str | None) -> int | None:
    """An old ``?page=N`` link's number; anything unreadable means the first page."""
    if not raw:
        return None
    number = parse_id(raw)
    return number if number is not None else 1


def _url_without(request, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return f"{request.path}?{query.urlencode()}" if query else request.path


@public_cache.anonymous_page
def detail(request, pk: int):
    posting = selectors.get_public_posting(pk)
    context = {"posting": posting}
    user = request.user
    if user.is_authenticated and user.is_trainee:
        context["match"] = matching.match_for_posting(user, posting)
        context["application"] = selectors.application_of(user, posting)
        context["apply_form"] = ApplyForm()
        context["bookmarkable"] = True
        context["bookmarked"] = bool(selectors.bookmarked_posting_ids(user, [posting.pk]))
    return render(request, "jobs/detail.html", context)


def company(request, pk: int):
    company = selectors.get_public_company(pk)
    postings = selectors.public_postings().filter(company=company).order_by("-published_at")
    return render(request, "jobs/company.html", {"company": company, "postings": postings})


@login_required
def company_invitation_accept(request, token: str):
    invitation = selectors.usable_invitation(token)
    if invitation is None:
        return render(request, "jobs/invitation_invalid.html", {}, status=404)
    if request.user.email.lower() != invitation.email.lower():
        # As for center invitations: say whose link it is, show nothing of the company.
        return render(
            request, "jobs/invitation_wrong_account.html", {"invitation": invitation}, status=403
        )
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
    return render(request, "jobs/invitation_accept.html", {"invitation": invitation})
