"""Benchmark matching at scale: ``python manage.py bench_matching [--postings N --trainees M ...]``.

Generates (or reuses) a synthetic data set — skills, verified companies, published postings with
their skills, trainees with declared and verified skills and job preferences — then times a
trainee's top 20 recommendations and a posting's top 50 candidates, printing p50/p95/p99 and the
number of queries per call. Rows are written with COPY on PostgreSQL (bulk_create elsewhere).

This is a benchmark, not a test: run it on PostgreSQL, e.g.
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/ilteo_bench python manage.py bench_matching``.
Everything it creates is tagged (skill category ``bench``, emails ``@bench.invalid``) and
``--drop`` deletes it.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from datetime import timedelta
from unittest import mock

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.consents import DOCUMENTS, EMPLOYER_DISCOVERY
from accounts.districts import District
from accounts.models import Company, Consent, User
from core.benchmarks import (
    ServerCpu,
    backend_cpu_ticks,
    load_average,
    own_cpu_seconds,
    percentile,
    ticks_to_seconds,
)
from core.bulk import copy_rows
from jobs import matching
from jobs.management.commands.rebuild_recommendations import rebuild
from jobs.models import (
    EmploymentType,
    JobSeekerProfile,
    Posting,
    PostingSkill,
    Recommendation,
    RecommendationState,
    WorkMode,
)
from jobs.services import feed, posting_sync_match_rows
from jobs.tasks import apply_posting_to_recommendations
from skills.models import Skill, SkillCategory, TraineeSkill

BENCH_CATEGORY = "bench"
EMAIL_DOMAIN = "bench.invalid"
DISTRICTS = [d for d in District.values if d != "other"]
TYPES = EmploymentType.values
MODES = WorkMode.values
BRN_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)


def _brn(seed: int) -> str:
    body = f"{(seed * 104729 + 900_000_001) % 10**9:09d}"
    numbers = [int(c) for c in body]
    total = sum(n * w for n, w in zip(numbers, BRN_WEIGHTS, strict=True)) + (numbers[8] * 5) // 10
    return body + str((10 - total % 10) % 10)


class Command(BaseCommand):
    help = "Generate matching data at scale (or reuse it) and time recommendations and candidate lists."

    def add_arguments(self, parser):
        parser.add_argument("--postings", type=int, default=100_000)
        parser.add_argument("--trainees", type=int, default=50_000)
        parser.add_argument("--skills", type=int, default=150)
        parser.add_argument("--companies", type=int, default=1_000)
        parser.add_argument("--runs", type=int, default=200, help="timed calls of each kind")
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--drop", action="store_true", help="delete the benchmark data and exit"
        )
        parser.add_argument("--regenerate", action="store_true", help="delete and generate again")
        parser.add_argument(
            "--workers", type=int, default=2, help="processes building the stored lists"
        )
        parser.add_argument(
            "--fan-out",
            type=int,
            default=20,
            help="with --feed-all: postings closed and published again, timing each list update",
        )
        parser.add_argument(
            "--feed-all",
            action="store_true",
            help="build every trainee's stored recommendations, not only the sampled ones",
        )

    # --- data --------------------------------------------------------------------------------

    def handle(self, *args, **opts):
        self.rng = random.Random(opts["seed"])  # noqa: S311 — synthetic data, not security
        self.vendor = connection.vendor
        if opts["drop"] or opts["regenerate"]:
            self._drop()
            if opts["drop"]:
                return
        started = time.perf_counter()
        self.ensure_data(opts)
        self.stdout.write(f"data ready in {time.perf_counter() - started:.1f} s ({self.vendor})")
        self._bench(
            opts["runs"],
            feed_all=opts["feed_all"],
            workers=opts["workers"],
            fan_out=opts["fan_out"],
        )

    def _drop(self) -> None:
        with transaction.atomic():
            companies = Company.objects.filter(name__startswith="BENCH ")
            Posting.objects.filter(company__in=companies).delete()
            companies.delete()
            User.objects.filter(email__endswith="@" + EMAIL_DOMAIN).delete()
            Skill.objects.filter(category__slug=BENCH_CATEGORY).delete()
            SkillCategory.objects.filter(slug=BENCH_CATEGORY).delete()
        self.stdout.write("benchmark data deleted")

    def ensure_data(self, opts) -> None:
        category, _ = SkillCategory.objects.get_or_create(
            slug=BENCH_CATEGORY,
            defaults={"name": "벤치마크", "name_en": "Benchmark", "sort_order": 999},
        )
        have = Skill.objects.filter(category=category).count()
        if have < opts["skills"]:
            Skill.objects.bulk_create(
                Skill(category=category, name=f"벤치 기술 {i:04d}", name_en=f"Bench skill {i:04d}")
                for i in range(have, opts["skills"])
            )
        self.skill_ids = list(
            Skill.objects.filter(category=category)
            .order_by("pk")
            .values_list("pk", flat=True)[: opts["skills"]]
        )
        # A skewed popularity: a few skills appear in many postings, most in few (as in real taxonomies).
        self.skill_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(self.skill_ids))]

        companies = list(
            Company.objects.filter(name__startswith="BENCH ").values_list("pk", flat=True)
        )
        if len(companies) < opts["companies"]:
            now = timezone.now()
            Company.objects.bulk_create(
                Company(
                    name=f"BENCH 주얼리 {i:05d}",
                    brn=_brn(i),
                    status=Company.Status.VERIFIED,
                    verified_at=now,
                    district=self.rng.choice(DISTRICTS),
                )
                for i in range(len(companies), opts["companies"])
            )
            companies = list(
                Company.objects.filter(name__startswith="BENCH ").values_list("pk", flat=True)
            )
        self.company_ids = companies

        have = Posting.objects.filter(company_id__in=companies).count()
        if have < opts["postings"]:
            self._make_postings(opts["postings"] - have)
        have = User.objects.filter(email__endswith="@" + EMAIL_DOMAIN).count()
        if have < opts["trainees"]:
            self._make_trainees(have, opts["trainees"] - have)
        if self.vendor == "postgresql":
            with connection.cursor() as cursor:
                for table in (
                    "jobs_postingskill",
                    "jobs_posting",
                    "skills_traineeskill",
                    "accounts_company",
                    "jobs_jobseekerprofile",
                    "accounts_user",
                    "accounts_consent",
                ):
                    # VACUUM sets the visibility map (index-only scans); not allowed in a transaction.
                    command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
                    cursor.execute(f"{command} {table}")

    def _pick_skills(self, n: int) -> list[int]:
        chosen: set[int] = set()
        while len(chosen) < n:
            chosen.update(
                self.rng.choices(self.skill_ids, weights=self.skill_weights, k=n - len(chosen))
            )
        return list(chosen)

    def _copy(self, model, fields: list[str], rows: list[tuple]) -> None:
        """Insert rows fast (core.bulk: COPY on PostgreSQL, bulk_create elsewhere)."""
        copy_rows(model, fields, rows)

    def _make_postings(self, count: int) -> None:
        started = time.perf_counter()
        now = timezone.now()
        today = timezone.localdate()
        specs = []
        rows = []
        for i in range(count):
            district = self.rng.choice(DISTRICTS) if self.rng.random() < 0.5 else "jongno"
            etype = self.rng.choice(TYPES)
            mode = self.rng.choices(MODES, weights=[7, 2, 1])[0]
            salary_max = None if self.rng.random() < 0.2 else self.rng.randrange(28, 70) * 1_000_000
            salary_min = None if salary_max is None else salary_max - 4_000_000
            deadline = (
                None
                if self.rng.random() < 0.3
                else today + timedelta(days=self.rng.randrange(1, 90))
            )
            published = now - timedelta(minutes=self.rng.randrange(0, 60 * 24 * 60))
            specs.append((district, etype, mode, salary_max))
            rows.append(
                (
                    self.rng.choice(self.company_ids),
                    f"벤치 공고 {i}",
                    "벤치마크용 공고",
                    "",
                    etype,
                    "any",
                    "any",
                    district,
                    "",
                    mode,
                    salary_min,
                    salary_max,
                    "",
                    1,
                    deadline,
                    Posting.Status.PUBLISHED,
                    "",
                    now,
                    now,
                    published,
                    published,
                    published,
                )
            )
        fields = [
            "company",
            "title",
            "description",
            "duties",
            "employment_type",
            "experience_level",
            "education",
            "district",
            "address",
            "work_mode",
            "salary_min",
            "salary_max",
            "work_hours",
            "openings",
            "deadline",
            "status",
            "review_note",
            "created_at",
            "updated_at",
            "published_at",
            "submitted_at",
            "last_activity_at",
        ]
        first_new = Posting.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        with transaction.atomic():
            self._copy(Posting, fields, rows)
            ids = list(
                Posting.objects.filter(pk__gt=first_new).order_by("pk").values_list("pk", flat=True)
            )
            skill_rows = []
            for posting_id, (district, etype, mode, salary_max) in zip(ids, specs, strict=True):
                picks = self._pick_skills(self.rng.randint(3, 7))
                n_required = max(1, round(len(picks) * 0.7))
                kinds = ["required"] * n_required + ["preferred"] * (len(picks) - n_required)
                weights = [PostingSkill.WEIGHTS[k] for k in kinds]
                total = sum(weights)
                for skill_id, kind, weight in zip(picks, kinds, weights, strict=True):
                    level = self.rng.randint(2, 4) if kind == "required" else 1
                    skill_rows.append(
                        (
                            posting_id,
                            skill_id,
                            kind,
                            level,
                            weight,
                            True,
                            total,
                            district,
                            etype,
                            mode,
                            salary_max,
                        )
                    )
            self._copy(
                PostingSkill,
                [
                    "posting",
                    "skill",
                    "kind",
                    "min_level",
                    "weight",
                    "is_open",
                    "weight_total",
                    "district",
                    "employment_type",
                    "work_mode",
                    "salary_max",
                ],
                skill_rows,
            )
        self.stdout.write(
            f"  {count} postings, {len(skill_rows)} posting skills in {time.perf_counter() - started:.1f} s"
        )

    def _make_trainees(self, offset: int, count: int) -> None:
        started = time.perf_counter()
        now = timezone.now()
        rows = [
            (
                "!",
                f"bench-{offset + i}@{EMAIL_DOMAIN}",
                f"벤치 {offset + i}",
                "",
                "ko",
                True,
                True,
                False,
                False,
                now,
            )
            for i in range(count)
        ]
        first_new = User.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        with transaction.atomic():
            self._copy(
                User,
                [
                    "password",
                    "email",
                    "name",
                    "phone",
                    "language",
                    "is_trainee",
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "date_joined",
                ],
                rows,
            )
            ids = list(
                User.objects.filter(pk__gt=first_new, email__endswith="@" + EMAIL_DOMAIN)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            skill_rows, profile_rows, consent_rows = [], [], []
            # TraineeSkill.evidence: COPY writes JSON text on PostgreSQL, bulk_create takes data.
            no_evidence = "{}" if connection.vendor == "postgresql" else {}
            version = DOCUMENTS[EMPLOYER_DISCOVERY].version
            for user_id in ids:
                for skill_id in self._pick_skills(self.rng.randint(3, 10)):
                    level = self.rng.randint(1, 5)
                    skill_rows.append(
                        (user_id, skill_id, level, "declared", "", "", no_evidence, now, now)
                    )
                    if self.rng.random() < 0.4:
                        skill_rows.append(
                            (
                                user_id,
                                skill_id,
                                max(1, level - self.rng.randint(0, 1)),
                                "verified",
                                "벤치 과정 수료",
                                "",
                                no_evidence,
                                now,
                                now,
                            )
                        )
                districts = ",".join(self.rng.sample(DISTRICTS, self.rng.randint(0, 3)))
                types = ",".join(self.rng.sample(TYPES, self.rng.randint(0, 2)))
                salary = None if self.rng.random() < 0.3 else self.rng.randrange(26, 60) * 1_000_000
                profile_rows.append(
                    (
                        user_id,
                        "",
                        "any",
                        "",
                        0,
                        "",
                        districts,
                        types,
                        self.rng.random() < 0.7,
                        salary,
                        now,
                        "",  # address
                        "",  # introduction
                        "",  # photo
                    )
                )
                if self.rng.random() < 0.5:  # half of them let employers discover them
                    consent_rows.append((user_id, EMPLOYER_DISCOVERY, version, now))
            self._copy(
                TraineeSkill,
                [
                    "user",
                    "skill",
                    "level",
                    "source",
                    "evidence_label",
                    "evidence_ref",
                    "evidence",
                    "created_at",
                    "updated_at",
                ],
                skill_rows,
            )
            self._copy(
                JobSeekerProfile,
                [
                    "user",
                    "headline",
                    "education",
                    "education_detail",
                    "experience_years",
                    "experience",
                    "preferred_districts",
                    "employment_types",
                    "remote_ok",
                    "salary_expectation",
                    "updated_at",
                    "address",
                    "introduction",
                    "photo",
                ],
                profile_rows,
            )
            self._copy(Consent, ["user", "document", "version", "granted_at"], consent_rows)
        self.stdout.write(
            f"  {count} trainees, {len(skill_rows)} trainee skills in {time.perf_counter() - started:.1f} s"
        )

    # --- timing --------------------------------------------------------------------------------

    def _time(self, label: str, calls) -> None:
        timings, queries, sizes = [], [], []
        for fn in calls:
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                result = fn()
                timings.append((time.perf_counter() - started) * 1000)
            queries.append(len(ctx.captured_queries))
            sizes.append(len(result))
        self.stdout.write(
            f"{label:<34} runs={len(timings):>4}  p50={percentile(timings, 50):7.1f} ms  "
            f"p95={percentile(timings, 95):7.1f} ms  p99={percentile(timings, 99):7.1f} ms  "
            f"queries/call={statistics.mean(queries):.1f} (max {max(queries)})  "
            f"results/call={statistics.mean(sizes):.1f}"
        )

    def _fan_out(self, posting_ids: list[int], count: int) -> None:
        """Close, then publish again, ``count`` postings; time what the worker does for each."""
        closing, publishing, sizes = [], [], []
        cpu = {"close": 0.0, "publish": 0.0}  # seconds in this process
        server: dict[str, int | None] = {"close": 0, "publish": 0}  # ticks of its backend
        for posting in Posting.objects.filter(pk__in=self.rng.sample(posting_ids, count)):
            for status, timings in (
                (Posting.Status.CLOSED, closing),
                (Posting.Status.PUBLISHED, publishing),
            ):
                # The task is run here, timed, rather than enqueued (or run eagerly) at commit.
                with (
                    transaction.atomic(),
                    mock.patch.object(apply_posting_to_recommendations, "delay_on_commit"),
                ):
                    Posting.objects.filter(pk=posting.pk).update(status=status)
                    posting.status = status
                    posting_sync_match_rows(posting)
                label = "close" if status == Posting.Status.CLOSED else "publish"
                started, own = time.perf_counter(), own_cpu_seconds()
                before = backend_cpu_ticks()
                # The body of tasks.apply_posting_to_recommendations, run by the worker after commit.
                held = feed.posting_feed_apply(posting_id=posting.pk)
                timings.append((time.perf_counter() - started) * 1000)
                cpu[label] += own_cpu_seconds() - own
                after = backend_cpu_ticks()
                if before is None or after is None or server[label] is None:
                    server[label] = None
                else:
                    server[label] += after - before
            sizes.append(held)
        lists = RecommendationState.objects.count()
        for label, timings in (("close", closing), ("publish", publishing)):
            ticks = server[label]
            server_ms = (
                "n/a"
                if ticks is None
                else f"{ticks_to_seconds(ticks) * 1000 / len(timings):.0f} ms"
            )
            self.stdout.write(
                f"fan-out {label:<8} ({lists} lists) runs={len(timings):>3}  "
                f"p50={percentile(timings, 50):7.1f} ms  p95={percentile(timings, 95):7.1f} ms  "
                f"max={max(timings):7.1f} ms  CPU per run: "
                f"{cpu[label] * 1000 / len(timings):.0f} ms Python, {server_ms} PostgreSQL"
            )
        self.stdout.write(
            f"  a published posting entered {statistics.mean(sizes):.0f} lists on average "
            f"(max {max(sizes)})"
        )

    def _bench(
        self, runs: int, feed_all: bool = False, workers: int = 2, fan_out: int = 20
    ) -> None:
        users = list(
            User.objects.filter(email__endswith="@" + EMAIL_DOMAIN).values_list("pk", flat=True)
        )
        posting_ids = list(
            Posting.objects.filter(
                company_id__in=self.company_ids, status=Posting.Status.PUBLISHED
            ).values_list("pk", flat=True)
        )
        counts = {
            "postings": len(posting_ids),
            "posting skills": PostingSkill.objects.filter(is_open=True).count(),
            "trainees": len(users),
            "trainee skills": TraineeSkill.objects.filter(
                user__email__endswith="@" + EMAIL_DOMAIN
            ).count(),
            "discoverable": Consent.objects.filter(
                user_id__in=users, document=EMPLOYER_DISCOVERY, withdrawn_at__isnull=True
            ).count(),
            "skills": len(self.skill_ids),
        }
        self.stdout.write("data: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
        self.stdout.write(f"machine: {os.cpu_count()} CPUs, load average {load_average()}")
        sample_users = User.objects.in_bulk(self.rng.sample(users, min(runs, len(users))))
        sample_postings = list(
            Posting.objects.filter(
                pk__in=self.rng.sample(posting_ids, min(runs, len(posting_ids)))
            ).prefetch_related("posting_skills__skill")
        )
        # Data preparation, not timed with the reads: the stored recommendation lists (jobs.services.feed).
        # Built for the sampled trainees, or for everyone with --feed-all: the full rebuild
        # (``manage.py rebuild_recommendations``: set-based batches, ``workers`` processes).
        feed_users = users if feed_all else list(sample_users)
        started, cpu = time.perf_counter(), own_cpu_seconds()
        with ServerCpu() as server:
            built = rebuild(
                user_ids=feed_users, missing_only=not feed_all, workers=workers, show=feed_all
            )
        elapsed, cpu = time.perf_counter() - started, own_cpu_seconds() - cpu
        per = elapsed * 1000 / built if built else 0.0
        self.stdout.write(
            f"feed: {built} trainee lists built in {elapsed:.1f} s ({per:.1f} ms each, "
            f"{workers} workers; {Recommendation.objects.count()} rows stored for "
            f"{RecommendationState.objects.count()} trainees)"
        )
        self.stdout.write(
            f"  CPU: {cpu:.1f} s in Python (this process and its workers), "
            f"{server.describe()} in PostgreSQL; load average now {load_average()}"
        )
        if feed_all:
            self._fan_out(posting_ids, fan_out)
        warm = list(sample_users.values())[:5]
        for user in warm:  # warm caches and connections
            matching.recommendations_for(user, limit=20)
            matching.recommendations_live(user, limit=20)
        for posting in sample_postings[:5]:
            matching.candidates_for(posting, limit=50)
        self._time(
            "trainee top 20 (stored feed)",
            [lambda u=u: matching.recommendations_for(u, limit=20) for u in sample_users.values()],
        )
        self._time(
            "trainee top 20 (live SQL)",
            [lambda u=u: matching.recommendations_live(u, limit=20) for u in sample_users.values()],
        )
        self._time(
            "posting top 50 (candidates)",
            [lambda p=p: matching.candidates_for(p, limit=50) for p in sample_postings],
        )
