"""Demo: four years of the Jongno center's history, so the outcomes dashboard has figures.

About 300 trainees a year in the center's six courses (two runs each a year), completion in
the 80s %, employment of completers around 70 %, follow-up answers, consultations with
outcomes, applications and past fairs — inserted in bulk (``reports.history``) in seconds.
"""

from __future__ import annotations

from accounts.demo import COUNSELORS, JONGNO
from accounts.models import Center, Company, User
from core.seeding import Demo
from jobs.models import Posting

from .history import generate

PREFIX = "demo-history"
TRAINEES_PER_YEAR = 300
YEARS = 4


def seed(demo: Demo) -> None:
    demo.section("Outcome history (reports)")
    center = Center.objects.filter(slug=JONGNO).first()
    if center is None:
        demo.log("no Jongno center: skipped")
        return
    if User.objects.filter(email__startswith=f"{PREFIX}-").exists():
        demo.log("Jongno history already there")
        return
    counselor = User.objects.filter(email=COUNSELORS[JONGNO][1].email).first()
    company = (
        Company.objects.filter(postings__center=center, postings__status=Posting.Status.PUBLISHED)
        .distinct()
        .first()
    )
    stats = generate(
        center,
        trainees_per_year=TRAINEES_PER_YEAR,
        years=YEARS,
        prefix=PREFIX,
        counselor=counselor,
        company=company,
    )
    from .summaries import summaries_rebuild

    summaries_rebuild()  # the history went in with COPY, past the signals
    demo.log(
        f"{stats.trainees} past trainees, {stats.runs} runs, {stats.completions} completions, "
        f"{stats.employments} jobs, {stats.bookings} consultations, "
        f"{stats.applications} applications"
    )
