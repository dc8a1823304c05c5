"""Benchmark search at scale: ``python manage.py bench_search --postings 100000``.

Generates (or reuses) postings with Korean text in the jewelry trade's words, indexes them with
the same code as ``search_index --rebuild``, then times a fixed query mix through the search
service (facets counted, highlights made, as the pages and API ask) and the same queries done
the naive way (``icontains`` over title and description, COUNT and OFFSET), printing
p50/p95/p99 in milliseconds.

Not a test: run it on PostgreSQL in a database of its own, e.g.
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/ilteo_search_bench python manage.py migrate``
then ``… bench_search --postings 100000``. Its companies are named ``벤치…`` with emails
``@bench-search.invalid``; ``--drop`` deletes what it made.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.districts import District
from accounts.models import Company
from core.benchmarks import backend_pid, load_average, proc_cpu_ticks, ticks_to_seconds
from core.bulk import copy_rows
from jobs.models import Education, EmploymentType, ExperienceLevel, Posting, PostingSkill
from search import analysis, indexing, service
from search.backends.database import DatabaseBackend
from skills.models import Skill, SkillCategory

CATEGORY = "bench-search"
COMPANY_PREFIX = "벤치"

PRODUCTS = ["반지", "목걸이", "귀걸이", "팔찌", "브로치", "펜던트", "웨딩링", "커플링", "발찌"]
MATERIALS = ["금", "은", "백금", "14K", "18K", "다이아몬드", "진주", "사파이어", "루비", "에메랄드"]
RARE = ["오팔", "탄자나이트", "알렉산드라이트", "모이사나이트"]
ROLES = [
    "주얼리 디자이너", "귀금속 세공사", "CAD 모델러", "보석 감정사", "매장 판매원", "광택 기술자",
    "세팅 기술자", "왁스 카빙 기능공", "주조 기능공", "상품기획 MD", "생산관리 담당자",
    "온라인 마케터", "3D 프린팅 기사", "도금 기술자", "품질 검사원",
]  # fmt: skip
PREFIXES = ["", "주얼리", "귀금속", "보석", "웨딩", "파인주얼리", "실버", "브랜드"]
SUFFIXES = ["", "(신입)", "(경력)", "모집", "채용", "정규직", "(주 5일)"]
SENTENCES = [
    "{product}와 {product2}를 중심으로 {material} 제품을 제작합니다.",
    "{material} {product} 세공 경력자를 우대합니다.",
    "라이노와 매트릭스로 {product} 모델링을 하고 출력물을 검수합니다.",
    "고객 상담과 {product} 판매, 매장 진열을 담당합니다.",
    "{material} 원석의 등급을 감정하고 감정서를 작성합니다.",
    "왁스 원형을 조각하고 주조 공정에 맞게 다듬습니다.",
    "물림 세팅, 파베 세팅 등 스톤 세팅 업무를 맡습니다.",
    "광택과 연마, 도금 후 품질을 검사합니다.",
    "신상품 기획과 시장 조사, 온라인 판매 채널을 관리합니다.",
    "근무지는 종로구 봉익동이며 주 5일 근무입니다.",
    "4대 보험, 퇴직금, 중식 제공, 연차 사용이 자유롭습니다.",
    "관련 학과 졸업자나 국비 교육 수료자를 환영합니다.",
    "포트폴리오를 함께 제출해 주세요.",
    "숙련도에 따라 급여를 협의합니다.",
    "{product} 수리와 사이즈 조절 업무도 함께 합니다.",
    "해외 바이어 응대를 위해 영어 가능자를 우대합니다.",
    "디자인 시안을 만들고 샘플 제작을 관리합니다.",
    "생산 일정과 외주 공방을 관리합니다.",
]
QUERIES = [
    ("rare term", "오팔"),
    ("common term", "반지"),
    ("two terms", "반지 세공"),
    ("term with a particle", "목걸이를"),
    ("with facets", "디자이너"),
    ("deep page (50)", "반지"),
]
SUGGEST_QUERIES = ["주얼", "세ㄱ", "ㄱㄱㅅ", "CAD", "보석 감", "웨딩"]


def _percentiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        value = values[0] if values else 0.0
        return value, value, value
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return statistics.median(values), cuts[94], cuts[98]


def _brn(seed: int) -> str:
    weights = (1, 3, 7, 1, 3, 7, 1, 3, 5)
    body = f"{(seed * 7919 + 700_000_001) % 10**9:09d}"
    digits = [int(c) for c in body]
    total = sum(d * w for d, w in zip(digits, weights, strict=True)) + (digits[8] * 5) // 10
    return body + str((10 - total % 10) % 10)


class Command(BaseCommand):
    help = "Generate postings (or reuse them), index them, and time searches against naive ones."

    def add_arguments(self, parser):
        parser.add_argument("--postings", type=int, default=100_000)
        parser.add_argument("--companies", type=int, default=2_000)
        parser.add_argument("--runs", type=int, default=60, help="timed runs per query")
        parser.add_argument("--naive-runs", type=int, default=10)
        parser.add_argument("--seed", type=int, default=20260301)
        parser.add_argument("--skip-index", action="store_true", help="reuse the index as it is")
        parser.add_argument("--drop", action="store_true", help="delete the generated data")

    def handle(self, *args, **opts):
        self.rng = random.Random(opts["seed"])  # noqa: S311 -- reproducible data, not secrets
        self.vendor = connection.vendor
        if opts["drop"]:
            self._drop()
            return
        analysis.warm_up()
        self._ensure_data(opts["postings"], opts["companies"])
        if not opts["skip_index"]:
            self._index()
        self._bench(opts["runs"], opts["naive_runs"])

    # --- data -------------------------------------------------------------------------------

    def _drop(self) -> None:
        companies = Company.objects.filter(name__startswith=COMPANY_PREFIX)
        posting_ids = list(
            Posting.objects.filter(company__in=companies).values_list("pk", flat=True)
        )
        from search.backends.database import DatabaseBackend

        for start in range(0, len(posting_ids), 5000):
            DatabaseBackend().delete("jobs", posting_ids[start : start + 5000])
        PostingSkill.objects.filter(posting_id__in=posting_ids).delete()
        Posting.objects.filter(pk__in=posting_ids)._raw_delete(Posting.objects.db)
        companies.delete()
        Skill.objects.filter(category__slug=CATEGORY).delete()
        SkillCategory.objects.filter(slug=CATEGORY).delete()
        self.stdout.write("dropped the benchmark data")

    def _ensure_data(self, postings: int, companies: int) -> None:
        category, _ = SkillCategory.objects.get_or_create(
            slug=CATEGORY, defaults={"name": "벤치 기술", "name_en": "Bench skills"}
        )
        names = [
            "세공",
            "연마",
            "왁스 카빙",
            "주얼리 CAD",
            "보석 감정",
            "스톤 세팅",
            "주조",
            "판매",
        ]
        names += [f"{m} 가공" for m in MATERIALS] + [f"{p} 디자인" for p in PRODUCTS]
        for name in names:
            Skill.objects.get_or_create(category=category, name=name, defaults={"name_en": name})
        self.skill_ids = list(Skill.objects.filter(category=category).values_list("pk", flat=True))
        have = Company.objects.filter(name__startswith=COMPANY_PREFIX).count()
        if have < companies:
            Company.objects.bulk_create(
                [
                    Company(
                        name=f"{COMPANY_PREFIX} {self.rng.choice(PREFIXES) or '공방'} {i}",
                        brn=_brn(i),
                        status=Company.Status.VERIFIED,
                        district=self.rng.choice(District.values),
                    )
                    for i in range(have, companies)
                ],
                ignore_conflicts=True,
            )
        self.company_ids = list(
            Company.objects.filter(name__startswith=COMPANY_PREFIX).values_list("pk", flat=True)
        )
        existing = Posting.objects.filter(company_id__in=self.company_ids).count()
        if existing >= postings:
            self.stdout.write(f"reusing {existing:,} postings")
            return
        started = time.perf_counter()
        for start in range(existing, postings, 20_000):
            self._make_postings(min(20_000, postings - start))
            self.stdout.write(f"  postings: {min(start + 20_000, postings):,}/{postings:,}")
        self.stdout.write(f"generated postings in {time.perf_counter() - started:.0f} s")
        if self.vendor == "postgresql":
            # fresh statistics, or the planner keeps the plans of an empty table
            with connection.cursor() as cursor:
                for table in ("accounts_company", "jobs_posting", "jobs_postingskill"):
                    cursor.execute(f"ANALYZE {table}")

    def _description(self) -> str:
        rng = self.rng
        sentences = rng.sample(SENTENCES, rng.randint(4, 8))
        text = " ".join(
            s.format(
                product=rng.choice(PRODUCTS),
                product2=rng.choice(PRODUCTS),
                material=rng.choice(RARE) if rng.random() < 0.002 else rng.choice(MATERIALS),
            )
            for s in sentences
        )
        return text

    def _make_postings(self, count: int) -> None:
        rng = self.rng
        now = timezone.now()
        today = timezone.localdate()
        rows = []
        for _ in range(count):
            title = " ".join(
                part
                for part in (rng.choice(PREFIXES), rng.choice(ROLES), rng.choice(SUFFIXES))
                if part
            )
            salary_max = None if rng.random() < 0.2 else rng.randrange(26, 75) * 1_000_000
            deadline = None if rng.random() < 0.3 else today + timedelta(days=rng.randrange(1, 90))
            published = now - timedelta(minutes=rng.randrange(0, 60 * 24 * 365))
            rows.append(
                (
                    rng.choice(self.company_ids),
                    title,
                    self._description(),
                    "",
                    rng.choice(EmploymentType.values),
                    rng.choice(ExperienceLevel.values),
                    rng.choice(Education.values),
                    "jongno" if rng.random() < 0.4 else rng.choice(District.values),
                    "",
                    "onsite",
                    None if salary_max is None else salary_max - 4_000_000,
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
                )
            )
        fields = [
            "company", "title", "description", "duties", "employment_type", "experience_level",
            "education", "district", "address", "work_mode", "salary_min", "salary_max",
            "work_hours", "openings", "deadline", "status", "review_note", "created_at",
            "updated_at", "published_at", "last_activity_at",
        ]  # fmt: skip
        last = Posting.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        with transaction.atomic():
            copy_rows(Posting, fields, rows)
            ids = Posting.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)
            skill_rows = [
                (posting_id, skill_id, "required", 2, 3, True, 3, "", "", "")
                for posting_id in ids
                for skill_id in rng.sample(self.skill_ids, rng.randint(1, 4))
            ]
            fields = ["posting", "skill", "kind", "min_level", "weight", "is_open"]
            fields += ["weight_total", "district", "employment_type", "work_mode"]
            copy_rows(PostingSkill, fields, skill_rows)

    def _index(self) -> None:
        started = time.perf_counter()
        last_print = [0.0]

        def progress(done: int, total: int) -> None:
            if time.perf_counter() - last_print[0] > 10 or done == total:
                last_print[0] = time.perf_counter()
                rate = done / max(time.perf_counter() - started, 0.001)
                self.stdout.write(f"  indexed {done:,}/{total:,} ({rate:,.0f}/s)")

        report = indexing.rebuild("jobs", batch_size=2000, progress=progress)
        self.stdout.write(
            f"indexed {report.indexed:,} postings in {time.perf_counter() - started:.0f} s"
        )
        if self.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE search_entry")
                cursor.execute("VACUUM ANALYZE search_text")
                cursor.execute("VACUUM ANALYZE search_suggestion")

    # --- timing -----------------------------------------------------------------------------

    def _cpu_seconds(self) -> float | None:
        """CPU time used so far by this process and its database server process, when the
        server runs on this machine (its /proc entry readable); None otherwise."""
        if self.vendor != "postgresql":
            return time.process_time()
        if not hasattr(self, "_backend_pid"):
            self._backend_pid = backend_pid()
        ticks = proc_cpu_ticks(self._backend_pid)
        return None if ticks is None else time.process_time() + ticks_to_seconds(ticks)

    def _time(self, call, runs: int) -> list[float]:
        """Wall-clock ms per call; the mean CPU ms per call is left in ``self.cpu_ms``.

        On a shared machine the wall clock measures the queue for a core as much as the
        work; CPU time (ours and the database server's, 10 ms ticks summed over the runs)
        is what a call would take with a core to itself, disk waits aside.
        """
        call()  # warm
        timings = []
        cpu_before = self._cpu_seconds()
        for _ in range(runs):
            started = time.perf_counter()
            call()
            timings.append((time.perf_counter() - started) * 1000)
        cpu_after = self._cpu_seconds()
        self.cpu_ms = (
            (cpu_after - cpu_before) * 1000 / runs
            if cpu_before is not None and cpu_after is not None
            else float("nan")
        )
        return timings

    def _bench(self, runs: int, naive_runs: int) -> None:
        filters = {"district": ["jongno"], "employment_type": ["full_time"]}
        if self.vendor == "postgresql":
            # an index made before facet counts were kept per common term gets them now
            added, _ = DatabaseBackend().refresh_counts("jobs")
            if added:
                self.stdout.write(f"facet counts now kept for {added} common terms")
        self.stdout.write(
            f"\nload average before timing: {load_average()} ({os.cpu_count()} cores)"
        )
        self.stdout.write(
            f"\n{'query':<26} {'matches':>8} {'p50':>7} {'p95':>7} {'p99':>7} {'cpu':>6}"
            f" | {'naive p50':>9} {'naive p95':>9} {'p95 ×':>6}"
        )
        for label, q in QUERIES:
            query_filters = filters if label == "with facets" else {}
            request = service.build_request(kind="jobs", q=q, filters=query_filters)
            first = service.search(request)
            if label.startswith("deep page"):
                for _ in range(49):
                    if not first.next_cursor:
                        break
                    request.cursor = first.next_cursor
                    first = service.search(request)
                request.cursor = request.cursor or ""
            ours = self._time(lambda request=request: service.search(request), runs)
            cpu = self.cpu_ms
            offset = 49 * 20 if label.startswith("deep page") else 0
            naive = self._time(
                lambda q=q, f=query_filters, o=offset: self._naive(q, f, o), naive_runs
            )
            p50, p95, p99 = _percentiles(ours)
            n50, n95, _ = _percentiles(naive)
            self.stdout.write(
                f"{label + ' (' + q + ')':<26} {first.total:>8,} {p50:>7.1f} {p95:>7.1f} "
                f"{p99:>7.1f} {cpu:>6.1f} | {n50:>9.1f} {n95:>9.1f} {n95 / p95:>6.1f}"
            )
        timings = []
        naive = []
        cpus = []
        for q in SUGGEST_QUERIES:
            timings += self._time(lambda q=q: service.suggest(q, kinds=["jobs"]), runs // 2)
            cpus.append(self.cpu_ms)
            naive += self._time(
                lambda q=q: list(
                    Posting.objects.filter(title__icontains=q).values_list("title", flat=True)[:8]
                ),
                max(2, naive_runs // 2),
            )
        p50, p95, p99 = _percentiles(timings)
        n50, n95, _ = _percentiles(naive)
        self.stdout.write(
            f"{'autocomplete (6 prefixes)':<26} {'':>8} {p50:>7.1f} {p95:>7.1f} {p99:>7.1f} "
            f"{statistics.mean(cpus):>6.1f} "
            f"| {n50:>9.1f} {n95:>9.1f} {n95 / p95:>6.1f}"
        )
        self.stdout.write(
            f"\n{Posting.objects.count():,} postings, backend {connection.vendor}; times in ms "
            "per call of the search service (facets, highlights, one page of 20); cpu: mean "
            "CPU ms per call, this process and its database server process."
        )
        self.stdout.write(f"load average after timing: {load_average()}")

    def _naive(self, q: str, filters: dict, offset: int) -> None:
        """What the job list did before: icontains per word, COUNT, OFFSET."""
        qs = Posting.objects.filter(status=Posting.Status.PUBLISHED).select_related("company")
        for word in q.split():
            qs = qs.filter(Q(title__icontains=word) | Q(description__icontains=word))
        if filters.get("district"):
            qs = qs.filter(district=filters["district"][0])
        if filters.get("employment_type"):
            qs = qs.filter(employment_type=filters["employment_type"][0])
        qs.count()
        list(qs.order_by("-published_at", "-pk")[offset : offset + 20])
