"""Explainable matching between trainees and postings.

Two stages keep it fast at 100k postings and 50k trainees:

1. **Candidates and score in SQL.** Only postings sharing at least one of the trainee's skills
   (or trainees sharing one of the posting's) are considered. ``PostingSkill`` rows carry a copy
   of the posting fields the score needs, so the trainee side reads one indexed table and
   aggregates in the database; the posting side reads ``skills_traineeskill`` joined to the
   discoverable profiles. The SQL computes the same score as below and returns a bounded list.
2. **Explanation in Python** for that short list: matched and missing skills, and for each
   missing skill the catalog's courses that teach it with their next run — a fixed number of
   queries whatever the list length.

The score (0–100) = 65 × skill coverage + 15 × location + 10 × employment type + 10 × salary.
Skill coverage is Σ weight × credit / Σ weight over the posting's skills, where a required
skill weighs 3 and a preferred one 1, and credit = source factor × min(1, level / minimum level)
with the source factor 1.0 for a verified skill and 0.6 for a declared one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import prefetch_related_objects
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.models import User
from skills.models import TraineeSkill

from .models import JobSeekerProfile, Posting, PostingSkill

VERIFIED_FACTOR = 1.0
DECLARED_FACTOR = 0.6
W_SKILL, W_LOCATION, W_TYPE, W_SALARY = 65, 15, 10, 10
CANDIDATE_POOL = 40  # extra rows fetched from SQL in case some are no longer public
# Ranking scores are rounded to 1e-6 points: equal scores summed in another order (the stored
# feed, ``jobs.feed``) then tie exactly and fall back to the same order, newer posting first.
SCORE_SCALE = 1_000_000


@dataclass
class SkillHolding:
    """A person's levels in one skill: verified and declared (0 when they hold no such row)."""

    skill_id: int
    verified_level: int = 0
    declared_level: int = 0

    def credit(self, min_level: int) -> float:
        verified = min(1.0, self.verified_level / min_level) * VERIFIED_FACTOR
        declared = min(1.0, self.declared_level / min_level) * DECLARED_FACTOR
        return max(verified, declared)

    @property
    def level(self) -> int:
        return max(self.verified_level, self.declared_level)

    def is_verified_at(self, min_level: int) -> bool:
        return self.verified_level >= min(min_level, self.level) and self.verified_level > 0


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


def _add_holding(holdings: dict[int, SkillHolding], skill_id: int, level: int, source: str) -> None:
    holding = holdings.setdefault(skill_id, SkillHolding(skill_id))
    if source == TraineeSkill.Source.VERIFIED:
        holding.verified_level = max(holding.verified_level, level)
    else:
        holding.declared_level = max(holding.declared_level, level)


def holdings_for(user_id: int) -> dict[int, SkillHolding]:
    """The person's verified and declared level of each skill they hold."""
    holdings: dict[int, SkillHolding] = {}
    for skill_id, level, source in TraineeSkill.objects.filter(user_id=user_id).values_list(
        "skill_id", "level", "source"
    ):
        _add_holding(holdings, skill_id, level, source)
    return holdings


# --- exact score (Python), identical to the SQL below ---------------------------------


def location_score(
    *, work_mode: str, district: str, districts: list[str], remote_ok: bool
) -> float:
    if work_mode == "remote" and remote_ok:
        return 1.0
    if not districts or district in districts:
        return 1.0
    if work_mode == "hybrid":
        return 0.5
    return 0.0


def type_score(employment_type: str, wanted: list[str]) -> float:
    return 1.0 if not wanted or employment_type in wanted else 0.0


def salary_score(salary_max: int | None, expectation: int | None) -> float:
    if not expectation:
        return 1.0
    if salary_max is None:
        return 0.5  # 회사 내규에 따름: unknown, neither good nor bad
    return min(1.0, salary_max / expectation)


def _prefs(profile: JobSeekerProfile | None) -> tuple[list[str], list[str], bool, int | None]:
    if profile is None:
        return [], [], True, None
    return (
        profile.district_list,
        profile.employment_type_list,
        profile.remote_ok,
        profile.salary_expectation,
    )


def explain(
    posting: Posting, holdings: dict[int, SkillHolding], profile: JobSeekerProfile | None
) -> Match:
    """The exact score of one posting for one person, with what matched and what is missing."""
    districts, types, remote_ok, expectation = _prefs(profile)
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
        item.update(level=holding.level, verified=holding.is_verified_at(row.min_level))
        (matched if holding.level >= row.min_level else missing).append(item)
        if holding.level < row.min_level:
            item["below_level"] = True
    skill = earned / total
    loc = location_score(
        work_mode=posting.work_mode,
        district=posting.district,
        districts=districts,
        remote_ok=remote_ok,
    )
    typ = type_score(posting.employment_type, types)
    sal = salary_score(posting.salary_max, expectation)
    score = W_SKILL * skill + W_LOCATION * loc + W_TYPE * typ + W_SALARY * sal
    return Match(
        score=round(score, 1),
        posting=posting,
        matched_skills=matched,
        missing_skills=missing,
        reasons={"skills": round(skill, 3), "location": loc, "employment_type": typ, "salary": sal},
    )


# --- SQL stage ----------------------------------------------------------------------


def _sql_in(values: list[str]) -> tuple[str, list]:
    return ", ".join(["%s"] * len(values)), list(values)


def _posting_candidates(
    holdings: dict[int, SkillHolding], profile: JobSeekerProfile | None, limit: int
) -> list[tuple[int, float]]:
    """(posting id, score) of open postings sharing a skill with the person, best first.

    The person's credit for each skill at each minimum level is computed here and sent as a
    small VALUES table; the preference points are computed per row from the columns copied onto
    ``PostingSkill`` (the same for every row of a posting, so ``MAX`` picks them up), so the
    database reads only the covering index and aggregates floats per posting.
    ``jobs.feed.posting_feed_apply`` computes the same score the other way round; keep them equal.
    """
    if not holdings:
        return []
    districts, types, remote_ok, expectation = _prefs(profile)
    values = ", ".join(["(%s" + ", CAST(%s AS DOUBLE PRECISION)" * 5 + ")"] * len(holdings))
    params: list = []
    for h in holdings.values():
        params += [h.skill_id, *(h.credit(level) for level in range(1, 6))]
    loc_parts = []
    loc_params: list = []
    if remote_ok:
        loc_parts.append("WHEN ps.work_mode = 'remote' THEN 1")
    if districts:
        placeholders, extra = _sql_in(districts)
        loc_parts.append(f"WHEN ps.district IN ({placeholders}) THEN 1")
        loc_params += extra
        loc_parts.append("WHEN ps.work_mode = 'hybrid' THEN 0.5")
        location_sql = "CASE " + " ".join(loc_parts) + " ELSE 0 END"
    else:
        location_sql = "1"
    if types:
        placeholders, type_params = _sql_in(types)
        type_sql = f"CASE WHEN ps.employment_type IN ({placeholders}) THEN 1 ELSE 0 END"
    else:
        type_sql, type_params = "1", []
    if expectation:
        salary_sql = (
            "CASE WHEN ps.salary_max IS NULL THEN 0.5 WHEN ps.salary_max >= %s THEN 1 "
            "ELSE CAST(ps.salary_max AS DOUBLE PRECISION) / %s END"
        )
        salary_params = [expectation, expectation]
    else:
        salary_sql, salary_params = "1", []
    credit = "CASE ps.min_level WHEN 1 THEN t.c1 WHEN 2 THEN t.c2 WHEN 3 THEN t.c3 WHEN 4 THEN t.c4 ELSE t.c5 END"
    sql = f"""
        WITH t(skill_id, c1, c2, c3, c4, c5) AS (VALUES {values})
        SELECT ps.posting_id,
               ROUND(({W_SKILL} * SUM(ps.weight * ({credit}) / ps.weight_total)
               + MAX(CAST({W_LOCATION} * ({location_sql}) + {W_TYPE} * ({type_sql})
                     + {W_SALARY} * ({salary_sql}) AS DOUBLE PRECISION))) * {SCORE_SCALE})
               / {SCORE_SCALE} AS score
        FROM {PostingSkill._meta.db_table} ps
        JOIN t ON t.skill_id = ps.skill_id
        WHERE ps.is_open
        GROUP BY ps.posting_id
        ORDER BY score DESC, ps.posting_id DESC
        LIMIT %s
    """  # noqa: S608 — only fixed SQL snippets are formatted in; every value is a parameter
    params += [*loc_params, *type_params, *salary_params, limit]
    return _fetch_ranked(sql, params)


def _fetch_ranked(sql: str, params: list) -> list[tuple[int, float]]:
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Enough memory to hash-aggregate tens of thousands of groups without spilling to disk.
            cursor.execute("SET LOCAL work_mem = '64MB'")
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [(row[0], float(row[1])) for row in rows]


def _trainee_candidates(
    posting: Posting, rows: list[PostingSkill], limit: int
) -> list[tuple[int, float]]:
    """(user id, score) of discoverable trainees holding one of the posting's skills, best first.

    The weighted credit for each skill at each level and source is computed here and sent as a
    VALUES table; the database keeps each person's best row per skill, sums per person and adds
    the preference points from their profile (the same for all their rows, so ``MAX`` picks it).
    """
    if not rows:
        return []
    total = sum(r.weight for r in rows) or 1
    values = ", ".join(["(%s" + ", CAST(%s AS DOUBLE PRECISION)" * 10 + ")"] * len(rows))
    params: list = []
    for r in rows:
        verified = [
            r.weight / total * min(1.0, level / r.min_level) * VERIFIED_FACTOR
            for level in range(1, 6)
        ]
        declared = [
            r.weight / total * min(1.0, level / r.min_level) * DECLARED_FACTOR
            for level in range(1, 6)
        ]
        params += [r.skill_id, *verified, *declared]
    loc_cases = []
    loc_params: list = []
    if posting.work_mode == "remote":
        loc_cases.append("WHEN jp.remote_ok THEN 1")
    loc_cases.append("WHEN jp.preferred_districts = '' THEN 1")
    loc_cases.append("WHEN (',' || jp.preferred_districts || ',') LIKE %s THEN 1")
    loc_params.append(f"%,{posting.district},%")
    hybrid = "0.5" if posting.work_mode == "hybrid" else "0"
    location_sql = "CASE " + " ".join(loc_cases) + f" ELSE {hybrid} END"
    type_sql = (
        "CASE WHEN jp.employment_types = '' THEN 1 "
        "WHEN (',' || jp.employment_types || ',') LIKE %s THEN 1 ELSE 0 END"
    )
    type_params = [f"%,{posting.employment_type},%"]
    if posting.salary_max is None:
        salary_sql = "CASE WHEN jp.salary_expectation IS NULL OR jp.salary_expectation = 0 THEN 1 ELSE 0.5 END"
        salary_params: list = []
    else:
        salary_sql = (
            "CASE WHEN jp.salary_expectation IS NULL OR jp.salary_expectation = 0 THEN 1 "
            "WHEN jp.salary_expectation <= %s THEN 1 "
            "ELSE CAST(%s AS DOUBLE PRECISION) / jp.salary_expectation END"
        )
        salary_params = [posting.salary_max, posting.salary_max]
    credit = (
        "CASE WHEN ts.source = 'verified' THEN "
        "(CASE ts.level WHEN 1 THEN p.v1 WHEN 2 THEN p.v2 WHEN 3 THEN p.v3 WHEN 4 THEN p.v4 ELSE p.v5 END) "
        "ELSE (CASE ts.level WHEN 1 THEN p.d1 WHEN 2 THEN p.d2 WHEN 3 THEN p.d3 WHEN 4 THEN p.d4 ELSE p.d5 END) END"
    )
    sql = f"""
        WITH p(skill_id, v1, v2, v3, v4, v5, d1, d2, d3, d4, d5) AS (VALUES {values}),
        best AS (
            SELECT ts.user_id, MAX({credit}) AS credit,
                   MAX(CAST({W_LOCATION} * ({location_sql}) + {W_TYPE} * ({type_sql})
                       + {W_SALARY} * ({salary_sql}) AS DOUBLE PRECISION)) AS preference
            FROM {TraineeSkill._meta.db_table} ts
            JOIN p ON p.skill_id = ts.skill_id
            JOIN {JobSeekerProfile._meta.db_table} jp ON jp.user_id = ts.user_id AND jp.discoverable
            GROUP BY ts.user_id, ts.skill_id
        )
        SELECT user_id, {W_SKILL} * SUM(credit) + MAX(preference) AS score
        FROM best
        GROUP BY user_id
        ORDER BY score DESC, user_id
        LIMIT %s
    """  # noqa: S608 — only fixed SQL snippets are formatted in; every value is a parameter
    params += [*loc_params, *type_params, *salary_params, limit]
    return _fetch_ranked(sql, params)


# --- course suggestions -------------------------------------------------------------


def courses_for_skills(skill_ids: set[int]) -> dict[int, list[dict]]:
    """For each skill, published catalog courses that teach it, with their next run (2 queries)."""
    if not skill_ids:
        return {}
    from courses.models import CourseRun, CourseSkill

    links = list(
        CourseSkill.objects.filter(skill_id__in=skill_ids, course__is_published=True)
        .select_related("course")
        .order_by("skill_id", "-level", "course__pk")
    )
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


def _attach_courses(matches: list[Match]) -> None:
    missing = {item["skill_id"] for m in matches for item in m.missing_skills}
    by_skill = courses_for_skills(missing)
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
    """A trainee's best open postings, explained: read from their stored list (``jobs.feed``)."""
    from .feed import recommendations_read

    return recommendations_read(user, limit=limit, with_courses=with_courses)


def recommendations_live(user: User, *, limit: int = 20, with_courses: bool = True) -> list[Match]:
    """The same list computed from scratch, without storing it (the reference the feed equals)."""
    holdings = holdings_for(user.pk)
    if not holdings:
        return []
    profile = JobSeekerProfile.objects.filter(user=user).first()
    candidates = _posting_candidates(holdings, profile, limit + CANDIDATE_POOL)
    return explain_ranked(
        [pid for pid, _score in candidates], holdings, profile, limit, with_courses=with_courses
    )


def public_in_order(ids: list[int], limit: int) -> list[Posting]:
    """The first ``limit`` of these postings that are still public, in the given order.

    Fetched by primary key and checked here (open, company verified) rather than with a join
    filter, which keeps the plan a plain index lookup whatever the table statistics say. The
    ranking covers postings past their deadline that the hourly closing task has not closed yet,
    and companies no longer verified, hence the extra rows ranked beyond ``limit``.
    """
    fetched = Posting.objects.filter(pk__in=ids).select_related("company").in_bulk()
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
        _attach_courses(matches)
    return matches


def match_for_posting(user: User, posting: Posting) -> Match:
    """One posting's match for the signed-in trainee (the job detail page)."""
    holdings = holdings_for(user.pk)
    profile = JobSeekerProfile.objects.filter(user=user).first()
    match = explain(posting, holdings, profile)
    _attach_courses([match])
    return match


def candidates_for(posting: Posting, *, limit: int = 50) -> list[Match]:
    """A posting's best discoverable candidates, explained, without contact details."""
    rows = list(posting.posting_skills.all())
    # A few extra rows: deactivated accounts are dropped below (their profiles stay until erased).
    candidates = _trainee_candidates(posting, rows, limit + 10)
    ids = [uid for uid, _score in candidates]
    users = {u.pk: u for u in User.objects.filter(pk__in=ids, is_active=True, is_trainee=True)}
    profiles = {p.user_id: p for p in JobSeekerProfile.objects.filter(user_id__in=ids)}
    holdings: dict[int, dict[int, SkillHolding]] = {uid: {} for uid in ids}
    skill_ids = [r.skill_id for r in rows]
    for uid, skill_id, level, source in TraineeSkill.objects.filter(
        user_id__in=ids, skill_id__in=skill_ids
    ).values_list("user_id", "skill_id", "level", "source"):
        _add_holding(holdings[uid], skill_id, level, source)
    matches = []
    for uid in ids:
        if uid not in users:
            continue
        match = explain(posting, holdings[uid], profiles.get(uid))
        match.user, match.profile = users[uid], profiles.get(uid)
        matches.append(match)
    matches.sort(key=lambda m: (-m.score, m.user.pk))
    return matches[:limit]
