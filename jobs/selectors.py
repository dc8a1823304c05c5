"""Reads and permission-checking fetch helpers: anything not the person's own answers 404."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from accounts.consents import COUNSELOR_SHARING, EMPLOYER_DISCOVERY
from accounts.models import Center, Company, CompanyCenter, CompanyMembership, User, hash_secret
from accounts.selectors import consenting_user_ids, has_consent
from core import keyset, searching
from core.http_cache import data_version
from core.ics import SEOUL

from . import filters
from .models import (
    Application,
    ApplicationEvent,
    Bookmark,
    CompanyInvitation,
    ContactRequest,
    EducationEntry,
    Employment,
    Interview,
    JobSeekerProfile,
    LanguageSkill,
    License,
    Offer,
    PortfolioImage,
    Posting,
    PostingSkill,
    ResumeAccess,
    SavedSearch,
    WorkExperience,
)


def skills_prefetch() -> Prefetch:
    return Prefetch(
        "posting_skills",
        queryset=PostingSkill.objects.select_related("skill").order_by("kind", "pk"),
    )


def public_postings() -> QuerySet[Posting]:
    """Published, not past their deadline, by verified companies."""
    today = timezone.localdate()
    return (
        Posting.objects.filter(
            status=Posting.Status.PUBLISHED, company__status=Company.Status.VERIFIED
        )
        .filter(Q(deadline__isnull=True) | Q(deadline__gte=today))
        .select_related("company", "center")
    )


def _int_list(value: Any) -> list[int]:
    items = value if isinstance(value, (list, tuple)) else str(value or "").split(",")
    result = []
    for item in items:
        try:
            result.append(int(item))
        except (TypeError, ValueError):
            continue
    return result[:20]


def search_postings(params: dict[str, Any]) -> QuerySet[Posting]:
    """Public postings filtered by ``q``, ``district``, ``employment_type``, ``skills``,
    ``salary_min``, ``remote``, ``experience``, ``years``, ``education`` (``jobs.filters``) and
    sorted by ``sort`` (newest, deadline, salary)."""
    qs = public_postings()
    q = (params.get("q") or "").strip()[:100]
    # Words are matched by the search index (Korean morphemes: 반지를 finds 반지), which the
    # search app registers with core.searching; without it, a substring match per word.
    matched = searching.filter_matching(qs, "jobs", q) if q else qs
    if matched is not None:
        qs = matched
    else:
        for word in q.split()[:5]:
            qs = qs.filter(
                Q(title__icontains=word)
                | Q(company__name__icontains=word)
                | Q(description__icontains=word)
            )
    if params.get("district"):
        qs = qs.filter(district=params["district"])
    if params.get("employment_type"):
        qs = qs.filter(employment_type=params["employment_type"])
    skill_ids = _int_list(params.get("skills"))
    if skill_ids:
        qs = qs.filter(
            pk__in=PostingSkill.objects.filter(skill_id__in=skill_ids).values("posting_id")
        )
    salary_min = params.get("salary_min")
    if salary_min not in (None, ""):
        qs = qs.filter(salary_max__gte=int(salary_min))
    # 신입/경력/무관, years and education: the same value sets the search app's facets use.
    for field, values in filters.search_facets(params).items():
        qs = qs.filter(**{f"{'experience_level' if field == 'experience' else field}__in": values})
    if str(params.get("remote") or "").lower() in ("1", "true", "yes", "on"):
        qs = qs.filter(work_mode__in=["remote", "hybrid"])
    sort = params.get("sort") or "newest"
    if sort == "deadline":
        qs = qs.order_by("deadline", "-published_at")
    elif sort == "salary":
        qs = qs.order_by("-salary_max", "-published_at")
    else:
        qs = qs.order_by("-published_at", "-pk")
    return qs.prefetch_related(skills_prefetch())


# The public list's orders for keyset paging (core.keyset), each ending on the id so a cursor
# names one row; the indexes jobs_posting_pub_* follow them.
_NEWEST = keyset.Key("published_at", descending=True, kind="datetime")
_ID = keyset.Key("id", descending=True)
LIST_ORDERINGS = {
    "newest": keyset.Ordering("newest", (_NEWEST, _ID)),
    "deadline": keyset.Ordering(
        "deadline", (keyset.Key("deadline", nullable=True, kind="date"), _NEWEST, _ID)
    ),
    "salary": keyset.Ordering(
        "salary", (keyset.Key("salary_max", descending=True, nullable=True), _NEWEST, _ID)
    ),
}
LIST_PAGE_SIZE = 20


def job_list_page(
    params: dict[str, Any],
    *,
    cursor: str | None = None,
    page: int | None = None,
    size: int = LIST_PAGE_SIZE,
) -> keyset.KeysetPage:
    """One page of the public job list without a search query, by cursor (or an old page
    number up to ``keyset.MAX_OFFSET_PAGE``), with a total counted up to ``keyset.COUNT_LIMIT``.

    Raises ``keyset.InvalidCursor`` and ``keyset.PageOutOfRange`` as ``keyset.paginate`` does.
    """
    return keyset.paginate(
        job_list_queryset(params),
        list_ordering(params),
        size=size,
        cursor=cursor,
        page=page,
        count=lambda postings: job_list_count(postings, params),
    )


def job_list_count(postings: QuerySet[Posting], params: dict[str, Any]) -> tuple[int, bool]:
    """The bounded count of a filter, kept until the postings' data version changes
    (``jobs.public_cache``) or the day does (deadlines): every page and every visitor of the
    same filters share it."""
    filters = sorted((k, str(v)) for k, v in params.items() if k != "sort" and v not in (None, ""))
    key = (
        "jobs:list-count:"
        + hashlib.blake2b(
            repr((data_version("jobs"), timezone.localdate().isoformat(), filters)).encode(),
            digest_size=12,
        ).hexdigest()
    )
    cached = cache.get(key)
    if cached is None:
        cached = keyset.bounded_count(postings)
        cache.set(key, cached, 3600)
    return tuple(cached)


def list_ordering(params: dict[str, Any]) -> keyset.Ordering:
    return LIST_ORDERINGS.get(params.get("sort") or "newest", LIST_ORDERINGS["newest"])


def job_list_queryset(params: dict[str, Any]) -> QuerySet[Posting]:
    """The filtered public postings a keyset page is cut from."""
    # published postings always have published_at; saying so keeps the cursor's key complete
    return search_postings(params).filter(published_at__isnull=False)


def bookmarks_of(user: User) -> QuerySet[Bookmark]:
    """The person's bookmarked postings that are or were public (관심 공고), newest first."""
    return (
        Bookmark.objects.filter(
            user=user,
            posting__status__in=[Posting.Status.PUBLISHED, Posting.Status.CLOSED],
            posting__company__status=Company.Status.VERIFIED,
        )
        .select_related("posting__company")
        .prefetch_related(Prefetch("posting__posting_skills", queryset=skills_prefetch().queryset))
    )


def bookmarked_posting_ids(user: User, posting_ids=None) -> set[int]:
    """Which of ``posting_ids`` (all, when None) the person bookmarked; empty for anyone else."""
    if not (user.is_authenticated and user.is_trainee):
        return set()
    rows = Bookmark.objects.filter(user=user)
    if posting_ids is not None:
        rows = rows.filter(posting_id__in=list(posting_ids))
    return set(rows.values_list("posting_id", flat=True))


def get_bookmark_for_trainee(user: User, bookmark_id: int) -> Bookmark:
    """One of the person's own bookmarks; anyone else's answers 404."""
    return get_object_or_404(bookmarks_of(user), pk=bookmark_id)


def get_public_posting(posting_id: int) -> Posting:
    posting = public_postings().prefetch_related(skills_prefetch()).filter(pk=posting_id).first()
    if posting is None:
        raise Http404
    return posting


def usable_invitation(raw_token: str) -> CompanyInvitation | None:
    """The colleague invitation behind a link, if it can still be accepted."""
    invitation = (
        CompanyInvitation.objects.select_related("company")
        .filter(token_hash=hash_secret(raw_token))
        .first()
    )
    return invitation if invitation is not None and invitation.is_usable else None


def get_public_company(company_id: int) -> Company:
    company = Company.objects.filter(pk=company_id, status=Company.Status.VERIFIED).first()
    if company is None:
        raise Http404
    return company


# --- employers ----------------------------------------------------------------


def member_company_ids(user: User) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(CompanyMembership.objects.filter(user=user).values_list("company_id", flat=True))


def get_company_for_member(user: User, company_id: int, *, owner: bool = False) -> Company:
    memberships = CompanyMembership.objects.filter(user=user, company_id=company_id)
    if owner:
        memberships = memberships.filter(role=CompanyMembership.CompanyRole.OWNER)
    if not user.is_authenticated or not memberships.exists():
        raise Http404
    return Company.objects.get(pk=company_id)


def get_posting_for_member(user: User, posting_id: int) -> Posting:
    """A posting of one of the person's companies, or 404 (never another company's)."""
    posting = (
        Posting.objects.filter(pk=posting_id, company_id__in=member_company_ids(user))
        .select_related("company", "center")
        .prefetch_related(skills_prefetch())
        .first()
    )
    if posting is None:
        raise Http404
    return posting


def get_application_for_member(user: User, application_id: int) -> Application:
    """An application to one of the person's companies' postings, or 404."""
    application = (
        Application.objects.filter(
            pk=application_id, posting__company_id__in=member_company_ids(user)
        )
        .select_related("posting__company", "applicant")
        .first()
    )
    if application is None:
        raise Http404
    return application


def centers_for_postings(company: Company) -> QuerySet[Center]:
    """The centers a company's postings may name: those it is registered with, not turned down.

    Those that verified the company come first; the first is a new posting's center by default.
    """
    registered = CompanyCenter.objects.filter(company=company).exclude(
        status=Company.Status.REJECTED
    )
    verified = registered.filter(center_id=OuterRef("pk"), status=Company.Status.VERIFIED)
    return (
        Center.objects.filter(pk__in=registered.values("center_id"))
        .annotate(verified_here=Exists(verified))
        .order_by("-verified_here", "pk")
    )


def memberships_of(user: User) -> QuerySet[CompanyMembership]:
    return CompanyMembership.objects.filter(user=user).select_related("company")


def is_company_owner(user: User, company: Company) -> bool:
    return CompanyMembership.objects.filter(
        company=company, user=user, role=CompanyMembership.CompanyRole.OWNER
    ).exists()


def open_invitations(company: Company) -> QuerySet[CompanyInvitation]:
    return CompanyInvitation.objects.filter(
        company=company, accepted_at__isnull=True, revoked_at__isnull=True
    )


def application_stats(posting: Posting) -> list[tuple[str, int]]:
    """(status label, number of applications) in pipeline order."""
    counts = dict(posting.applications.values_list("status").annotate(n=Count("pk")))
    return [(label, counts.get(value, 0)) for value, label in Application.Status.choices]


def requested_trainee_ids(company: Company) -> set[int]:
    """Trainees the company has already sent a contact request."""
    return set(ContactRequest.objects.filter(company=company).values_list("trainee_id", flat=True))


def contact_request_from(companies: list[Company], trainee: User) -> ContactRequest | None:
    return ContactRequest.objects.filter(trainee=trainee, company__in=companies).first()


def postings_for_member(user: User) -> QuerySet[Posting]:
    return (
        Posting.objects.filter(company_id__in=member_company_ids(user))
        .select_related("company", "center")
        .annotate(application_count=Count("applications"))
        .order_by("-created_at")
    )


def applications_for_posting(posting: Posting) -> QuerySet[Application]:
    return posting.applications.select_related("applicant").order_by("created_at")


def board_columns(posting: Posting) -> list[tuple[str, str, list[Application]]]:
    """Kanban columns (status, label, applications) for a posting, in pipeline order."""
    by_status: dict[str, list[Application]] = {s: [] for s in Application.Status.values}
    for application in applications_for_posting(posting):
        by_status[application.status].append(application)
    return [(s, Application.Status(s).label, by_status[s]) for s in Application.Status.values]


# --- staff --------------------------------------------------------------------


def postings_of_staff_centers(user: User) -> QuerySet[Posting]:
    """Postings the person reviews: those naming one of the centers they run (none otherwise)."""
    if not user.is_authenticated:
        return Posting.objects.none()
    return Posting.objects.filter(center_id__in=user.staff_center_ids())


def postings_for_review(user: User) -> QuerySet[Posting]:
    """Postings waiting for the person's centers, oldest first, each with whether its company
    is verified by the posting's center (``center_verified``)."""
    verified_here = CompanyCenter.objects.filter(
        company_id=OuterRef("company_id"),
        center_id=OuterRef("center_id"),
        status=Company.Status.VERIFIED,
    )
    return (
        postings_of_staff_centers(user)
        .filter(status=Posting.Status.PENDING)
        .annotate(center_verified=Exists(verified_here))
        .select_related("company", "center")
        .order_by("submitted_at")
    )


def pending_review_count(user: User) -> int:
    return postings_of_staff_centers(user).filter(status=Posting.Status.PENDING).count()


def recently_reviewed(user: User) -> QuerySet[Posting]:
    return (
        postings_of_staff_centers(user)
        .filter(~Q(status=Posting.Status.DRAFT), reviewed_by__isnull=False)
        .select_related("company", "center")
        .order_by("-updated_at")[:20]
    )


def get_posting_for_staff(user: User, posting_id: int) -> Posting:
    """A posting of one of the person's centers, or 404 (another center's posting too)."""
    posting = (
        postings_of_staff_centers(user)
        .select_related("company", "center")
        .prefetch_related(skills_prefetch())
        .filter(pk=posting_id)
        .first()
    )
    if posting is None:
        raise Http404
    return posting


# --- trainees -----------------------------------------------------------------


def get_application_for_applicant(user: User, application_id: int) -> Application:
    """The person's own application, or 404."""
    application = (
        Application.objects.filter(pk=application_id, applicant_id=user.pk)
        .select_related("posting__company")
        .first()
    )
    if application is None:
        raise Http404
    return application


def applications_for_applicant(user: User) -> QuerySet[Application]:
    return (
        Application.objects.filter(applicant=user)
        .select_related("posting__company")
        .order_by("-created_at")
    )


def application_of(user: User, posting: Posting) -> Application | None:
    return Application.objects.filter(posting=posting, applicant=user).first()


def resume_accesses_of(user: User) -> QuerySet[ResumeAccess]:
    """Who looked at the person's résumé, newest first."""
    return ResumeAccess.objects.filter(owner=user).select_related("company", "viewer")[:100]


def saved_searches_of(user: User) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(user=user)


def get_saved_search_for_owner(user: User, pk: int) -> SavedSearch:
    """One of the person's saved searches; anyone else's answers 404."""
    return get_object_or_404(SavedSearch, pk=pk, user=user)


def get_portfolio_image_for_owner(user: User, image_id: int) -> PortfolioImage:
    image = PortfolioImage.objects.filter(pk=image_id, profile__user=user).first()
    if image is None:
        raise Http404
    return image


def get_portfolio_image_for_viewer(user: User, image_id: int) -> PortfolioImage:
    """A portfolio image, for its owner and whoever may see their résumé; else 404."""
    image = PortfolioImage.objects.select_related("profile__user").filter(pk=image_id).first()
    if image is None or not can_see_profile(user, image.profile.user):
        raise Http404
    return image


def contact_requests_for_trainee(user: User) -> QuerySet[ContactRequest]:
    return ContactRequest.objects.filter(trainee=user).select_related("company")


def get_contact_request_for_trainee(user: User, request_id: int) -> ContactRequest:
    request = (
        ContactRequest.objects.filter(pk=request_id, trainee=user).select_related("company").first()
    )
    if request is None:
        raise Http404
    return request


def is_discoverable(trainee: User) -> bool:
    """Whether employers may find the person now: their "employer_discovery" consent is in force."""
    return has_consent(trainee, EMPLOYER_DISCOVERY)


def staff_serve(viewer: User, trainee: User) -> bool:
    """Whether ``viewer`` is staff of a center that serves ``trainee``: the trainee enrolled in
    one of its courses (any status: the center holds their file) or applied to a posting it
    reviews. Staff of other centers see nothing of the person."""
    centers = viewer.staff_center_ids() if viewer.is_authenticated else []
    if not centers:
        return False
    from courses.models import Enrollment

    return (
        Enrollment.objects.filter(user=trainee, run__course__center_id__in=centers).exists()
        or Application.objects.filter(applicant=trainee, posting__center_id__in=centers).exists()
    )


def can_see_contact(viewer: User, trainee: User) -> bool:
    """Contact details: the person, staff of a center that serves them (``staff_serve``), a
    company they applied to, or one whose request they accepted while they still consent to
    being discovered (withdrawing ends what it gave)."""
    if viewer.pk == trainee.pk or staff_serve(viewer, trainee):
        return True
    companies = member_company_ids(viewer)
    if not companies:
        return False
    return (
        Application.objects.filter(applicant=trainee, posting__company_id__in=companies).exists()
        or ContactRequest.objects.filter(
            trainee=trainee,
            trainee__in=consenting_user_ids(EMPLOYER_DISCOVERY),
            company_id__in=companies,
            status=ContactRequest.Status.ACCEPTED,
        ).exists()
    )


def can_see_profile(viewer: User, trainee: User) -> bool:
    """The résumé (without contact): applied to the viewer's company, or discoverable to employers."""
    if can_see_contact(viewer, trainee):
        return True
    return bool(member_company_ids(viewer)) and is_discoverable(trainee)


def get_trainee_for_employer(viewer: User, trainee_id: int) -> User:
    trainee = User.objects.filter(pk=trainee_id, is_trainee=True, is_active=True).first()
    if trainee is None or not can_see_profile(viewer, trainee):
        raise Http404
    return trainee


def resume_context(user: User, *, viewer: User | None = None) -> dict:
    """Everything the platform résumé shows (``jobs.resume``); contact details and the photo
    only when ``viewer`` may see them (``can_see_contact``; no viewer means the person)."""
    from .resume import build_resume_context

    show_contact = viewer is None or can_see_contact(viewer, user)
    return build_resume_context(user, show_contact=show_contact)


RESUME_SECTION_MODELS = {
    "education": EducationEntry,
    "work": WorkExperience,
    "licenses": License,
    "languages": LanguageSkill,
}


def get_resume_row_for_owner(user: User, section: str, pk: int):
    """One row of the person's own résumé section; another person's row or section is 404."""
    model = RESUME_SECTION_MODELS.get(section)
    row = model and model.objects.filter(pk=pk, profile__user=user).first()
    if not row:
        raise Http404
    return row


def get_profile_photo_for_viewer(viewer: User, trainee_id: int) -> JobSeekerProfile:
    """A person's profile with a photo, for them and whoever may see their contact details."""
    profile = JobSeekerProfile.objects.select_related("user").filter(user_id=trainee_id).first()
    if (
        profile is None
        or not profile.photo
        or not viewer.is_authenticated
        or not can_see_contact(viewer, profile.user)
    ):
        raise Http404
    return profile


def companies_of(user: User) -> list[Company]:
    return list(Company.objects.filter(memberships__user=user).order_by("name"))


def counselor_context_section(person) -> tuple[str, list[str]] | None:
    """The person's job applications, for a counselor they booked (shown only with their consent)."""
    from django.utils.translation import gettext as _

    from .models import Application

    applications = (
        Application.objects.filter(
            applicant=person, applicant__in=consenting_user_ids(COUNSELOR_SHARING)
        )
        .select_related("posting__company")
        .order_by("-created_at")[:10]
    )
    lines = [
        f"{a.posting.title} · {a.posting.company.name} · {a.get_status_display()}"
        f" ({timezone.localtime(a.created_at, SEOUL):%Y-%m-%d})"  # the day in Seoul, not UTC
        for a in applications
    ]
    return (_("Job applications"), lines) if lines else None


# --- interviews, offers and hires ---------------------------------------------


def _interviews() -> QuerySet[Interview]:
    return Interview.objects.select_related(
        "application__posting__company", "application__applicant", "interviewer"
    ).prefetch_related("slots")


def get_interview_for_member(user: User, interview_id: int) -> Interview:
    """An interview in an application to one of the person's companies, or 404."""
    interview = (
        _interviews()
        .filter(pk=interview_id, application__posting__company_id__in=member_company_ids(user))
        .first()
    )
    if interview is None:
        raise Http404
    return interview


def get_interview_for_candidate(user: User, interview_id: int) -> Interview:
    """One of the person's own interviews, or 404."""
    interview = _interviews().filter(pk=interview_id, candidate_id=user.pk).first()
    if interview is None:
        raise Http404
    return interview


def get_interview_for_party(user: User, interview_id: int) -> Interview:
    """An interview for its candidate or a member of the company, or 404."""
    interview = (
        _interviews()
        .filter(
            Q(candidate_id=user.pk)
            | Q(application__posting__company_id__in=member_company_ids(user)),
            pk=interview_id,
        )
        .first()
    )
    if interview is None:
        raise Http404
    return interview


def _offers() -> QuerySet[Offer]:
    return Offer.objects.select_related("application__posting__company", "application__applicant")


def get_offer_for_member(user: User, offer_id: int) -> Offer:
    offer = (
        _offers()
        .filter(pk=offer_id, application__posting__company_id__in=member_company_ids(user))
        .first()
    )
    if offer is None:
        raise Http404
    return offer


def get_offer_for_candidate(user: User, offer_id: int) -> Offer:
    offer = _offers().filter(pk=offer_id, application__applicant_id=user.pk).first()
    if offer is None:
        raise Http404
    return offer


def get_application_for_party(user: User, application_id: int) -> Application:
    """An application for its applicant or a member of the company it went to, or 404."""
    application = (
        Application.objects.filter(
            Q(applicant_id=user.pk) | Q(posting__company_id__in=member_company_ids(user)),
            pk=application_id,
        )
        .select_related("posting__company", "applicant")
        .first()
    )
    if application is None:
        raise Http404
    return application


def get_application_for_staff(user: User, application_id: int) -> Application:
    """An application to a posting one of the person's centers reviews (recording a hire);
    another center's application, or anyone not staff, gets 404."""
    if not user.is_authenticated or not user.is_center_staff:
        raise Http404
    application = (
        Application.objects.filter(
            pk=application_id, posting__center_id__in=user.staff_center_ids()
        )
        .select_related("posting__company", "applicant")
        .first()
    )
    if application is None:
        raise Http404
    return application


def interviews_of(application: Application) -> list[Interview]:
    return list(_interviews().filter(application=application).order_by("-created_at", "-pk"))


def offers_of(application: Application) -> list[Offer]:
    return list(_offers().filter(application=application).order_by("-created_at", "-pk"))


def employment_of(application: Application) -> Employment | None:
    return Employment.objects.filter(application=application).first()


def interviews_for_candidate(user: User) -> QuerySet[Interview]:
    """The person's interviews: upcoming and awaiting an answer first, then the rest."""
    return _interviews().filter(candidate_id=user.pk).order_by("-created_at", "-pk")


def interviews_ahead_for_candidate(user: User) -> list[Interview]:
    """Interviews waiting for the person's pick, and confirmed ones still to come, soonest first."""
    now = timezone.now()
    return list(
        _interviews()
        .filter(
            Q(status=Interview.Status.PROPOSED)
            | Q(status=Interview.Status.CONFIRMED, start__gt=now),
            candidate_id=user.pk,
        )
        .order_by("start", "created_at")
    )


def open_offers_for_candidate(user: User) -> QuerySet[Offer]:
    return offers_for_candidate(user).filter(
        status=Offer.Status.OPEN, expires_at__gt=timezone.now()
    )


def offers_for_candidate(user: User) -> QuerySet[Offer]:
    return _offers().filter(application__applicant_id=user.pk).order_by("-created_at", "-pk")


def timeline_of(application: Application) -> list[TimelineStep]:
    """Every step of an application, oldest first, with times and places in Korea time."""
    events = application.events.select_related("actor", "interview").order_by("created_at", "pk")
    return [TimelineStep(event) for event in events]


class TimelineStep:
    """One timeline entry as a page shows it: what happened, when, and the step's details."""

    def __init__(self, event: ApplicationEvent):
        self.event = event
        self.kind = event.kind
        self.at = event.created_at
        self.actor = event.actor
        detail = event.detail or {}
        self.detail = detail
        self.times = [_moment(t) for t in detail.get("times", [])]
        self.start = _moment(detail.get("start"))
        self.end = _moment(detail.get("end"))
        self.reason = detail.get("reason") or detail.get("note") or ""
        self.mode = detail.get("mode", "")
        self.place = detail.get("place", "")
        # A video step links to its room (the token lives on the interview, not in the step).
        interview = event.interview
        self.video_url = (
            interview.video_url if interview is not None and self.mode == "video" else ""
        )

    @property
    def label(self) -> str:
        if self.kind == ApplicationEvent.Kind.STATUS:
            return self.event.get_to_status_display()
        return self.event.get_kind_display()

    @property
    def mode_label(self) -> str:
        return Interview.Mode(self.mode).label if self.mode in Interview.Mode.values else ""


def _moment(value: str | None):
    return parse_datetime(value) if value else None
