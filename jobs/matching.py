"""Explainable matching between trainees and postings: rankings, explanations, course hints.

Two stages keep it fast at 100k postings and 50k trainees:

1. **Candidates and score in SQL** (``scoring.posting_ranking`` / ``scoring.trainee_ranking``):
   only postings sharing at least one of the trainee's skills (or trainees sharing one of the
   posting's) are considered, and a bounded list comes back. A trainee's ranking is also kept
   as their stored feed (``services.feed``), which ``recommendations_for`` reads.
2. **Explanation in Python** for that short list: matched and missing skills, and for each
   missing skill the catalog's courses that teach it with their next run — a fixed number of
   queries whatever the list length.

The score is defined once, in ``jobs.scoring``; both stages derive from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import prefetch_related_objects
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.models import User
from skills.models import TraineeSkill

from . import scoring
from .models import JobSeekerProfile, Posting, Recommendation, RecommendationState
from .scoring import Preferences, SkillHolding, holdings_for
from .services import feed

CANDIDATE_POOL = 40  # extra rows fetched from SQL in case some are no longer public


@dataclass
class Match:
    score: float
    posting: Posting | None = None
    user: User | None = None
    profile: JobSeekerProfile | None = None
    matched_skills: list[dict] = field(default_factory=list)
    missing_skills: list[dict] = field(default_factory=list)
    suggested_courses: list[dict] = field(default_factory=list)
    reasons: dict = field(default_factory=dict)
    exact_score: float = 0.0  # unrounded, as the SQL ranking computes it


def explain(
    posting: Posting, holdings: dict[int, SkillHolding], profile: JobSeekerProfile | None
) -> Match:
    """The exact score of one posting for one person, with what matched and what is missing."""
    rows = list(posting.posting_skills.all())
    total = sum(r.weight for r in rows) or 1
    earned = 0.0
    matched, missing = [], []
    for row in rows:
        holding = holdings.get(row.skill_id)
        item = {
            "skill_id": row.skill_id,
            "name": row.skill.display_name,
            "kind": row.kind,
            "min_level": row.min_level,
        }
        if holding is None:
            missing.append(item)
            continue
        earned += row.weight * holding.credit(row.min_level)
        verified = holding.is_verified_at(row.min_level)
        # A verified match shows the verified level, as the résumé does; otherwise the best level.
        item.update(level=holding.verified_level if verified else holding.level, verified=verified)
        (matched if holding.level >= row.min_level else missing).append(item)
        if holding.level < row.min_level:
            item["below_level"] = True
    skills = earned / total
    parts = scoring.preference_parts(posting, Preferences.of(profile))
    score = scoring.total_score(skills, parts)
    return Match(
        score=round(score, 1),
        exact_score=score,
        posting=posting,
        matched_skills=matched,
        missing_skills=missing,
        reasons={"skills": round(skills, 3), **parts},
    )


# --- course suggestions -------------------------------------------------------------


def courses_for_skills(skill_ids: set[int], *, user_id: int | None = None) -> dict[int, list[dict]]:
    """For each skill, published catalog courses that teach it, with their next run (2 queries).

    With ``user_id``, courses that person is already enrolled in, waiting for or has completed
    are left out: suggesting them again would send them to a course they already have.
    """
    if not skill_ids:
        return {}
    from courses.models import CourseRun, CourseSkill
    from courses.selectors import courses_taken_by

    links = CourseSkill.objects.filter(skill_id__in=skill_ids, course__is_published=True)
    if user_id is not None:
        links = links.exclude(course_id__in=courses_taken_by(user_id))
    links = list(links.select_related("course").order_by("skill_id", "-level", "course__pk"))
    course_ids = {link.course_id for link in links}
    next_runs: dict[int, CourseRun] = {}
    for run in CourseRun.objects.filter(
        course_id__in=course_ids,
        starts_on__gte=timezone.localdate(),
        status=CourseRun.Status.SCHEDULED,
    ).order_by("course_id", "starts_on"):
        next_runs.setdefault(run.course_id, run)
    result: dict[int, list[dict]] = {}
    for link in links:
        courses = result.setdefault(link.skill_id, [])
        if len(courses) >= 3:
            continue
        run = next_runs.get(link.course_id)
        course = link.course
        courses.append(
            {
                "course_id": course.pk,
                "title": course.display_title,
                "url": _course_url(course.pk),
                "level": link.level,
                "next_run": None
                if run is None
                else {
                    "id": run.pk,
                    "name": run.display_name,
                    "starts_on": run.starts_on.isoformat(),
                },
            }
        )
    return result


def _course_url(course_id: int) -> str:
    try:
        return reverse("courses:detail", args=[course_id])
    except NoReverseMatch:
        return ""


def _attach_courses(matches: list[Match], user_id: int | None) -> None:
    missing = {item["skill_id"] for m in matches for item in m.missing_skills}
    by_skill = courses_for_skills(missing, user_id=user_id)
    for m in matches:
        seen = set()
        for item in m.missing_skills:
            item["courses"] = by_skill.get(item["skill_id"], [])
            for course in item["courses"]:
                if course["course_id"] not in seen:
                    seen.add(course["course_id"])
                    m.suggested_courses.append(
                        {**course, "skill_id": item["skill_id"], "skill": item["name"]}
                    )


# --- public API -------------------------------------------------------------------------


def recommendations_for(user: User, *, limit: int = 20, with_courses: bool = True) -> list[Match]:
    """A trainee's best public postings, explained, from their stored list (``services.feed``).

    Falls back to the live ranking (and stores it) when there is no list yet, it is stale, or too
    few of its postings are still public while more candidates may exist.
    """
    state = RecommendationState.objects.filter(user_id=user.pk).first()
    if state is not None and not state.is_stale:
        ids = list(
            Recommendation.objects.filter(user_id=user.pk)
            .order_by("-score", "-posting_id")
            .values_list("posting_id", flat=True)
        )
        top = public_in_order(ids, limit)
        if len(top) >= limit or state.is_complete:
            holdings = holdings_for(user.pk)
            profile = JobSeekerProfile.objects.filter(user=user).first()
            return explain_ranked(
                ids,
                holdings,
                profile,
                limit,
                with_courses=with_courses,
                top=top,
                user_id=user.pk,
            )
    fetch = max(feed.FEED_SIZE + 1, limit + CANDIDATE_POOL)
    with transaction.atomic():
        ranked, holdings, profile = feed.trainee_feed_store(user_id=user.pk, fetch=fetch)
    return explain_ranked(
        [pid for pid, _score in ranked],
        holdings,
        profile,
        limit,
        with_courses=with_courses,
        user_id=user.pk,
    )


def recommendations_live(user: User, *, limit: int = 20, with_courses: bool = True) -> list[Match]:
    """The same list computed from scratch, without storing it (the reference the feed equals)."""
    holdings = holdings_for(user.pk)
    if not holdings:
        return []
    profile = JobSeekerProfile.objects.filter(user=user).first()
    candidates = scoring.posting_ranking(holdings, Preferences.of(profile), limit + CANDIDATE_POOL)
    return explain_ranked(
        [pid for pid, _score in candidates],
        holdings,
        profile,
        limit,
        with_courses=with_courses,
        user_id=user.pk,
    )


def public_in_order(ids: list[int], limit: int) -> list[Posting]:
    """The first ``limit`` of these postings that are still public, in the given order.

    Fetched by primary key and checked here (open, company verified) rather than with a join
    filter, which keeps the plan a plain index lookup whatever the table statistics say. The
    ranking covers postings past their deadline that the hourly closing task has not closed yet,
    and companies no longer verified, hence the extra rows ranked beyond ``limit``.
    """
    fetched = Posting.objects.filter(pk__in=ids).select_related("company", "center").in_bulk()
    public = {pid: p for pid, p in fetched.items() if p.is_open and p.company.is_verified}
    return [public[pid] for pid in ids if pid in public][:limit]


def explain_ranked(
    ids: list[int],
    holdings: dict[int, SkillHolding],
    profile: JobSeekerProfile | None,
    limit: int,
    *,
    with_courses: bool = True,
    top: list[Posting] | None = None,
    user_id: int | None = None,
) -> list[Match]:
    """Explain the best ``limit`` public postings among ``ids`` (ranked best first)."""
    from .selectors import skills_prefetch

    if top is None:
        top = public_in_order(ids, limit)
    prefetch_related_objects(top, skills_prefetch())
    matches = [explain(posting, holdings, profile) for posting in top]
    matches.sort(key=lambda m: (-m.score, -m.posting.pk))
    matches = matches[:limit]
    if with_courses:
        _attach_courses(matches, user_id)
    return matches


def match_for_posting(user: User, posting: Posting) -> Match:
    """One posting's match for the signed-in trainee (the job detail page)."""
    holdings = holdings_for(user.pk)
    profile = JobSeekerProfile.objects.filter(user=user).first()
    match = explain(posting, holdings, profile)
    _attach_courses([match], user.pk)
    return match


def application_match(application, profile: JobSeekerProfile | None) -> Match:
    """How the applicant matches the posting they applied to (the employer's application page)."""
    return explain(application.posting, holdings_for(application.applicant_id), profile)


def candidates_for(posting: Posting, *, limit: int = 50) -> list[Match]:
    """A posting's best discoverable candidates, explained, without contact details."""
    rows = list(posting.posting_skills.all())
    # A few extra rows: deactivated accounts are dropped below (their profiles stay until erased).
    candidates = scoring.trainee_ranking(posting, rows, limit + 10)
    ids = [uid for uid, _score in candidates]
    users = {u.pk: u for u in User.objects.filter(pk__in=ids, is_active=True, is_trainee=True)}
    profiles = {p.user_id: p for p in JobSeekerProfile.objects.filter(user_id__in=ids)}
    holdings: dict[int, dict[int, SkillHolding]] = {uid: {} for uid in ids}
    skill_ids = [r.skill_id for r in rows]
    for uid, skill_id, level, source in TraineeSkill.objects.filter(
        user_id__in=ids, skill_id__in=skill_ids
    ).values_list("user_id", "skill_id", "level", "source"):
        scoring.add_holding(holdings[uid], skill_id, level, source)
    matches = []
    for uid in ids:
        if uid not in users:
            continue
        match = explain(posting, holdings[uid], profiles.get(uid))
        match.user, match.profile = users[uid], profiles.get(uid)
        matches.append(match)
    matches.sort(key=lambda m: (-m.score, m.user.pk))
    return matches[:limit]


def applicant_matches(posting: Posting, applications) -> dict[int, Match]:
    """Each applicant's fit for the posting (the applicant board), by application id.

    The same ``explain`` as the application page (one formula, ``jobs.scoring``), with the
    skills and profiles of all applicants read in two queries.
    """
    from .selectors import skills_prefetch

    prefetch_related_objects([posting], skills_prefetch())
    rows = list(posting.posting_skills.all())
    user_ids = {a.applicant_id for a in applications}
    profiles = {p.user_id: p for p in JobSeekerProfile.objects.filter(user_id__in=user_ids)}
    holdings: dict[int, dict[int, SkillHolding]] = {uid: {} for uid in user_ids}
    for uid, skill_id, level, source in TraineeSkill.objects.filter(
        user_id__in=user_ids, skill_id__in=[r.skill_id for r in rows]
    ).values_list("user_id", "skill_id", "level", "source"):
        scoring.add_holding(holdings[uid], skill_id, level, source)
    return {
        a.pk: explain(posting, holdings[a.applicant_id], profiles.get(a.applicant_id))
        for a in applications
    }
