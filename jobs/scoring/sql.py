"""The match score in SQL, compiled from ``jobs.scoring.formula``, and the statements that rank."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from accounts.consents import EMPLOYER_DISCOVERY
from accounts.selectors import consenting_user_ids
from skills.models import TraineeSkill

from ..models import JobSeekerProfile, PostingSkill
from .formula import (
    LEVELS,
    POSTING_INPUTS,
    PREFERENCE_MAX,
    PREFERENCE_WEIGHTS,
    SCORE_SCALE,
    SKILLS_WEIGHT,
    TERMS,
    All,
    AnyOf,
    Cases,
    Empty,
    Equals,
    Expr,
    Flag,
    Missing,
    OneOf,
    Preferences,
    Ratio,
    SkillHolding,
    Unset,
    Var,
    level_credit,
    posting_env,
)


@dataclass(frozen=True)
class Column:
    """An input read from the database: an SQL expression."""

    sql: str


@dataclass(frozen=True)
class Sql:
    text: str
    params: tuple = ()


def _literal(value: Any) -> Sql:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"only numbers are written into SQL: {value!r}")
    # Whole numbers as integers: PostgreSQL then adds them as integers, not as slow numerics.
    return Sql(str(int(value)) if float(value).is_integer() else repr(float(value)))


def _as_sql(value: Any) -> Sql:
    return value if isinstance(value, Sql) else _literal(value)


def _join(parts: list[Sql], word: str) -> Sql:
    if len(parts) == 1:
        return parts[0]
    return Sql(
        "(" + f" {word} ".join(p.text for p in parts) + ")",
        tuple(param for p in parts for param in p.params),
    )


def compile_sql(expr: Expr | float, bind: dict[str, Any]) -> Any:
    """SQL for a term, with ``bind`` giving each input as a ``Column`` or a known value.

    Returns a Python value where everything is known, else ``Sql``; values are parameters,
    never formatted into the text.
    """
    match expr:
        case float() | int():
            return expr
        case Var(name):
            value = bind[name]
            return Sql(value.sql) if isinstance(value, Column) else value
        case Equals(value, constant):
            v = compile_sql(value, bind)
            return (
                Sql(f"{v.text} = %s", (*v.params, constant))
                if isinstance(v, Sql)
                else (v == constant)
            )
        case OneOf(item, items):
            i, s = compile_sql(item, bind), compile_sql(items, bind)
            if not isinstance(i, Sql) and not isinstance(s, Sql):
                return i in s
            if isinstance(s, Sql) and not isinstance(i, Sql):
                # comma-separated codes: ",a,b," contains ",a," (LIKE's wildcards escaped)
                escaped = str(i).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                return Sql(
                    f"(',' || {s.text} || ',') LIKE %s ESCAPE '\\'",
                    (*s.params, f"%,{escaped},%"),
                )
            if isinstance(i, Sql) and not isinstance(s, Sql):
                if not s:
                    return False
                marks = ", ".join(["%s"] * len(s))
                return Sql(f"{i.text} IN ({marks})", (*i.params, *s))
            # Both columns: ",a,b," contains ",item," (a plain substring search, no wildcards).
            find = (
                "STRPOS({hay}, {needle})"
                if connection.vendor == "postgresql"
                else "INSTR({hay}, {needle})"
            )
            hay, needle = f"(',' || {s.text} || ',')", f"(',' || {i.text} || ',')"
            return Sql(
                f"({s.text} <> '' AND {find.format(hay=hay, needle=needle)} > 0)",
                (*s.params, *s.params, *i.params),
            )
        case Empty(items):
            s = compile_sql(items, bind)
            return Sql(f"{s.text} = ''", s.params) if isinstance(s, Sql) else not s
        case Unset(value):
            v = compile_sql(value, bind)
            if isinstance(v, Sql):
                return Sql(f"({v.text} IS NULL OR {v.text} = 0)", v.params * 2)
            return not v
        case Missing(value):
            v = compile_sql(value, bind)
            return Sql(f"{v.text} IS NULL", v.params) if isinstance(v, Sql) else v is None
        case Flag(value):
            v = compile_sql(value, bind)
            return v if isinstance(v, Sql) else bool(v)
        case All(parts):
            open_parts = []
            for part in parts:
                c = compile_sql(part, bind)
                if not isinstance(c, Sql):
                    if not c:
                        return False
                    continue
                open_parts.append(c)
            return _join(open_parts, "AND") if open_parts else True
        case AnyOf(parts):
            open_parts = []
            for part in parts:
                c = compile_sql(part, bind)
                if not isinstance(c, Sql):
                    if c:
                        return True
                    continue
                open_parts.append(c)
            return _join(open_parts, "OR") if open_parts else False
        case Ratio(numerator, denominator):
            n, d = compile_sql(numerator, bind), compile_sql(denominator, bind)
            if not isinstance(n, Sql) and not isinstance(d, Sql):
                return min(1.0, n / d)
            n, d = (x if isinstance(x, Sql) else Sql("%s", (x,)) for x in (n, d))
            return Sql(
                f"CASE WHEN {n.text} >= {d.text} THEN 1 "
                f"ELSE CAST({n.text} AS DOUBLE PRECISION) / {d.text} END",
                (*n.params, *d.params, *n.params, *d.params),
            )
        case Cases(branches, default):
            return _compile_cases(branches, default, bind)
    raise TypeError(f"not a term: {expr!r}")


def _compile_cases(branches, default, bind) -> Any:
    whens: list[tuple[Sql, Any]] = []
    otherwise = None
    for condition, value in branches:
        c = compile_sql(condition, bind)
        if isinstance(c, Sql):
            whens.append((c, compile_sql(value, bind)))
        elif c:
            otherwise = compile_sql(value, bind)
            break
    else:
        otherwise = compile_sql(default, bind)
    # Branches at the end that give the default's value change nothing.
    while whens and not isinstance(whens[-1][1], Sql) and whens[-1][1] == otherwise:
        whens.pop()
    if not whens:
        return otherwise
    text, params = ["CASE"], []
    for c, value in whens:
        v = _as_sql(value)
        text.append(f"WHEN {c.text} THEN {v.text}")
        params += [*c.params, *v.params]
    last = _as_sql(otherwise)
    text.append(f"ELSE {last.text} END")
    params += last.params
    return Sql(" ".join(text), tuple(params))


def preference_sql(bind: dict[str, Any]) -> Sql:
    """The preference points (0–35) as one float expression."""
    parts = []
    for name, weight in PREFERENCE_WEIGHTS.items():
        term = _as_sql(compile_sql(TERMS[name], bind))
        parts.append(Sql(f"{weight} * ({term.text})", term.params))
    joined = " + ".join(p.text for p in parts)
    return Sql(f"CAST({joined} AS DOUBLE PRECISION)", tuple(x for p in parts for x in p.params))


def _rounded(expr: str) -> str:
    return f"ROUND(({expr}) * {SCORE_SCALE}) / {SCORE_SCALE}"


def _values(rows: list[list], casts: int) -> tuple[str, list]:
    """A VALUES list of rows of one id column followed by ``casts`` float columns."""
    width = len(rows[0]) - casts
    row = "(" + ", ".join(["%s"] * width + ["CAST(%s AS DOUBLE PRECISION)"] * casts) + ")"
    return ", ".join([row] * len(rows)), [value for r in rows for value in r]


def _level_case(column: str, prefix: str) -> str:
    whens = " ".join(f"WHEN {level} THEN {prefix}{level}" for level in LEVELS[:-1])
    return f"CASE {column} {whens} ELSE {prefix}{LEVELS[-1]} END"


def _fetch_ranked(sql: str, params: list) -> list[tuple[int, float]]:
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Enough memory to hash-aggregate tens of thousands of groups without spilling to disk.
            cursor.execute("SET LOCAL work_mem = '64MB'")
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [(row[0], float(row[1])) for row in rows]


def posting_ranking(
    holdings: dict[int, SkillHolding], preferences: Preferences, limit: int
) -> list[tuple[int, float]]:
    """(posting id, score) of open postings sharing a skill with the person, best first.

    The person's credit for each skill at each minimum level is computed here and sent as a
    small VALUES table; the preference points are computed per row from the columns copied onto
    ``PostingSkill`` (the same for every row of a posting, so ``MAX`` picks them up), so the
    database reads only the covering index and aggregates floats per posting.
    """
    if not holdings:
        return []
    values, params = _values(
        [[h.skill_id, *(h.credit(level) for level in LEVELS)] for h in holdings.values()], 5
    )
    bind = {
        **preferences.env(),
        **{name: Column(f"ps.{name}") for name in POSTING_INPUTS},
    }
    preference = preference_sql(bind)
    credit = _level_case("ps.min_level", "t.c")
    columns = ", ".join(f"c{level}" for level in LEVELS)
    score = _rounded(
        f"{SKILLS_WEIGHT} * SUM(ps.weight * ({credit}) / ps.weight_total) + MAX({preference.text})"
    )
    sql = f"""
        WITH t(skill_id, {columns}) AS (VALUES {values})
        SELECT ps.posting_id, {score} AS score
        FROM {PostingSkill._meta.db_table} ps
        JOIN t ON t.skill_id = ps.skill_id
        WHERE ps.is_open
        GROUP BY ps.posting_id
        ORDER BY score DESC, ps.posting_id DESC
        LIMIT %s
    """  # noqa: S608 — only fixed SQL snippets are formatted in; every value is a parameter
    return _fetch_ranked(sql, [*params, *preference.params, limit])


def trainee_scores_sql(
    posting,
    rows: Iterable[PostingSkill],
    *,
    among: str = "",
    worth: str = "",
    discoverable_only: bool = False,
) -> tuple[str, list]:
    """CTEs ending in ``scored(user_id, score)``: one posting's score for trainees holding a skill.

    ``posting`` gives the posting's fields (a ``Posting`` or one of its ``PostingSkill`` rows).
    The skill part is summed per person first (the best row per person and skill counts once),
    then ``among`` (a JOIN on ``k.user_id``) picks the trainees, ``discoverable_only`` keeps
    those whose "employer_discovery" consent is in force now (the consent rows themselves, through
    ``accounts.selectors.consenting_user_ids``), and ``worth`` — a condition in which ``{best}``
    stands for the best score the person could reach with any preferences — drops those not worth
    scoring, before their preferences are read. A person without a profile has no preferences.
    """
    rows = list(rows)
    total = sum(r.weight for r in rows) or 1
    sources = (TraineeSkill.Source.VERIFIED, TraineeSkill.Source.DECLARED)
    values, params = _values(
        [
            [r.skill_id, r.weight, total]
            + [level_credit(level, r.min_level, source) for source in sources for level in LEVELS]
            for r in rows
        ],
        2 * len(LEVELS),
    )
    columns = ", ".join(f"{prefix}{level}" for prefix in ("v", "d") for level in LEVELS)
    credit = (
        f"CASE WHEN ts.source = %s THEN ({_level_case('ts.level', 'p.v')}) "
        f"ELSE ({_level_case('ts.level', 'p.d')}) END"
    )
    params.append(TraineeSkill.Source.VERIFIED.value)
    bind = {
        **posting_env(posting),
        "districts": Column("COALESCE(jp.preferred_districts, '')"),
        "employment_types": Column("COALESCE(jp.employment_types, '')"),
        "remote_ok": Column("COALESCE(jp.remote_ok, TRUE)"),
        "salary_expectation": Column("jp.salary_expectation"),
    }
    preference = preference_sql(bind)
    profiles = JobSeekerProfile._meta.db_table
    consenting, consent_params = "", []
    if discoverable_only:
        # On the skill rows, as a semi-join PostgreSQL hashes (on the summed people it may pick a
        # nested loop over the consent rows: seconds).
        subquery, consent_params = consenting_user_ids(EMPLOYER_DISCOVERY).query.sql_with_params()
        consenting = f"WHERE ts.user_id IN ({subquery})"
    where = ""
    if worth:
        # Any preferences add at most PREFERENCE_MAX; the margin covers the rounding to 1e-6.
        best = f"({SKILLS_WEIGHT} * k.skills + {PREFERENCE_MAX} + 0.001)"
        where = f"WHERE {worth.format(best=best)}"
    score = _rounded(f"{SKILLS_WEIGHT} * k.skills + {preference.text}")
    sql = f"""
        p(skill_id, weight, weight_total, {columns}) AS (VALUES {values}),
        best AS (
            SELECT ts.user_id, ts.skill_id, p.weight, p.weight_total, MAX({credit}) AS credit
            FROM {TraineeSkill._meta.db_table} ts
            JOIN p ON p.skill_id = ts.skill_id
            {consenting}
            GROUP BY ts.user_id, ts.skill_id, p.weight, p.weight_total
        ),
        k AS (
            SELECT b.user_id, SUM(b.weight * b.credit / b.weight_total) AS skills
            FROM best b
            GROUP BY b.user_id
        ),
        scored AS (
            SELECT k.user_id, {score} AS score
            FROM k
            {among}
            LEFT JOIN {profiles} jp ON jp.user_id = k.user_id
            {where}
        )
    """  # noqa: S608 — only fixed SQL snippets are formatted in; every value is a parameter
    return sql, [*params, *consent_params, *preference.params]


def trainee_ranking(posting, rows: list[PostingSkill], limit: int) -> list[tuple[int, float]]:
    """(user id, score) of trainees who consent to be discovered and hold one of the posting's skills."""
    if not rows:
        return []
    scored, params = trainee_scores_sql(posting, rows, discoverable_only=True)
    sql = f"WITH {scored} SELECT user_id, score FROM scored ORDER BY score DESC, user_id LIMIT %s"  # noqa: S608
    return _fetch_ranked(sql, [*params, limit])


def rankings_insert_sql(user_ids: list[int], table: str, limit: int) -> tuple[str, list]:
    """INSERT the best ``limit`` (posting, score) of each of these trainees into ``table``.

    The set-based twin of ``posting_ranking`` for many trainees at once (``services.feed``'s full
    rebuild): the same sum ``weight × credit ÷ total weight`` per posting over the rows of
    ``PostingSkill``, the same preference terms (here both sides are columns: the posting's copy
    on its skill rows and the trainee's profile, absent meaning no preferences), the same rounding
    and the same order (score, then newer posting), cut per trainee by ``ROW_NUMBER()``.
    ``table`` has the columns ``(user_id, posting_id, score)``. (The full rebuild ranks in memory
    with ``bulk.PostingTable``; this statement is its reference in the tests and its fallback.)

    A person's credit for a skill at each minimum level is the better of their rows (verified,
    declared): ``lc`` holds ``level_credit`` for every (level, minimum level, source), computed in
    Python, so the SQL only picks and compares the same floats ``SkillHolding.credit`` gives.
    """
    sources = (TraineeSkill.Source.VERIFIED, TraineeSkill.Source.DECLARED)
    values, params = _values(
        [
            [level] + [level_credit(level, m, source) for source in sources for m in LEVELS]
            for level in LEVELS
        ],
        2 * len(LEVELS),
    )
    columns = ", ".join(f"{prefix}{m}" for prefix in ("v", "d") for m in LEVELS)
    best = ", ".join(
        f"COALESCE(MAX(CASE WHEN ts.source = %s THEN lc.v{m} ELSE lc.d{m} END), 0) AS c{m}"
        for m in LEVELS
    )
    params += [TraineeSkill.Source.VERIFIED.value] * len(LEVELS)
    users = ", ".join(["%s"] * len(user_ids))
    params += list(user_ids)
    bind = {
        **{name: Column(f"a.{name}") for name in POSTING_INPUTS},
        "districts": Column("COALESCE(jp.preferred_districts, '')"),
        "employment_types": Column("COALESCE(jp.employment_types, '')"),
        "remote_ok": Column("COALESCE(jp.remote_ok, TRUE)"),
        "salary_expectation": Column("jp.salary_expectation"),
    }
    preference = preference_sql(bind)
    credit = _level_case("ps.min_level", "h.c")
    inputs = ", ".join(f"MAX(ps.{name}) AS {name}" for name in POSTING_INPUTS)
    score = _rounded(f"{SKILLS_WEIGHT} * a.skills + {preference.text}")
    rows = PostingSkill._meta.db_table
    params += list(user_ids)  # the profiles
    params += list(preference.params)
    sql = f"""
        INSERT INTO {table} (user_id, posting_id, score)
        WITH lc(level, {columns}) AS (VALUES {values}),
        h AS (
            SELECT ts.user_id, ts.skill_id, {best}
            FROM {TraineeSkill._meta.db_table} ts
            LEFT JOIN lc ON lc.level = ts.level
            WHERE ts.user_id IN ({users})
            GROUP BY ts.user_id, ts.skill_id
        ),
        a AS (
            SELECT h.user_id, ps.posting_id,
                   SUM(ps.weight * ({credit}) / ps.weight_total) AS skills, {inputs}
            FROM h JOIN {rows} ps ON ps.skill_id = h.skill_id
            WHERE ps.is_open
            GROUP BY h.user_id, ps.posting_id
        ),
        jp AS (
            SELECT * FROM {JobSeekerProfile._meta.db_table} WHERE user_id IN ({users})
        ),
        s AS (
            SELECT a.user_id, a.posting_id, {score} AS score
            FROM a
            LEFT JOIN jp ON jp.user_id = a.user_id
        ),
        r AS (
            SELECT s.user_id, s.posting_id, s.score, ROW_NUMBER() OVER (
                PARTITION BY s.user_id ORDER BY s.score DESC, s.posting_id DESC
            ) AS position
            FROM s
        )
        SELECT r.user_id, r.posting_id, r.score FROM r WHERE r.position <= %s
    """  # noqa: S608 — only fixed SQL snippets are formatted in; every value is a parameter
    return sql, [*params, limit]
