"""Postings, applications, job-seeker profiles, contact requests and saved searches."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.districts import District
from accounts.models import Center, Company, CompanyMembership, OneTimeInvitation
from core.validators import seoul_today
from skills.models import LEVEL_VALIDATORS, Skill, SkillLevel

# Interviews, offers and employments have their own module; ``jobs.models`` re-exports them.
from .bookmark_models import Bookmark  # noqa: F401
from .hiring_models import Employment, Interview, InterviewSlot, Offer, SalaryBand  # noqa: F401
from .message_models import Message, Side, Thread, ThreadParticipant, ThreadReport  # noqa: F401
from .resume_models import EducationEntry, LanguageSkill, License, WorkExperience  # noqa: F401


def _private_storage():
    return storages["private"]


def _resume_path(instance, filename: str) -> str:
    # The stored name is random: the uploaded name never reaches the file system.
    return f"resumes/{timezone.now():%Y/%m}/{secrets.token_hex(16)}"


def _portfolio_path(instance, filename: str) -> str:
    return f"portfolios/{timezone.now():%Y/%m}/{secrets.token_hex(16)}"


def _photo_path(instance, filename: str) -> str:
    return f"photos/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.jpg"


INTRODUCTION_MAX_CHARS = 1000


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time (정규직)")
    CONTRACT = "contract", _("Contract (계약직)")
    INTERN = "intern", _("Internship (인턴)")
    PART_TIME = "part_time", _("Part-time (파트타임)")
    WORK_STUDY = "work_study", _("Work-study (일학습병행)")


class WorkMode(models.TextChoices):
    ONSITE = "onsite", _("On-site")
    HYBRID = "hybrid", _("Hybrid")
    REMOTE = "remote", _("Remote")


class ExperienceLevel(models.TextChoices):
    ANY = "any", _("Any experience")
    ENTRY = "entry", _("New graduates welcome (신입)")
    JUNIOR = "junior", _("1–3 years")
    MID = "mid", _("3–5 years")
    SENIOR = "senior", _("5 years or more")


class Education(models.TextChoices):
    ANY = "any", _("Any education")
    HIGH_SCHOOL = "high_school", _("High school")
    COLLEGE = "college", _("Two-year college (전문대)")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree or higher")


class CompanyInvitation(OneTimeInvitation):
    """A one-time link by which a company owner makes a colleague a recruiter (or co-owner)."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(
        _("role"),
        max_length=16,
        choices=CompanyMembership.CompanyRole.choices,
        default=CompanyMembership.CompanyRole.RECRUITER,
    )

    class Meta(OneTimeInvitation.Meta):
        verbose_name = _("colleague invitation")
        verbose_name_plural = _("colleague invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.company}"


class Posting(models.Model):
    """A job posting (채용공고). Public only while published and its company is verified."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("posting status", "Draft")
        PENDING = "pending", _("Pending review")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="postings")
    # The center whose staff review the posting: one its company is registered with (set by the
    # services; empty only on postings older than centers owning their moderation).
    center = models.ForeignKey(
        Center,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="postings",
        verbose_name=_("center"),
        help_text=_("The center that reviews this posting: one your company is registered with."),
    )
    title = models.CharField(_("job title"), max_length=120)
    description = models.TextField(_("description"), max_length=20000, help_text=_("Markdown."))
    duties = models.TextField(_("duties"), max_length=5000, blank=True)
    employment_type = models.CharField(
        _("employment type"),
        max_length=16,
        choices=EmploymentType.choices,
        default=EmploymentType.FULL_TIME,
    )
    experience_level = models.CharField(
        _("experience"), max_length=16, choices=ExperienceLevel.choices, default=ExperienceLevel.ANY
    )
    education = models.CharField(
        _("education"), max_length=16, choices=Education.choices, default=Education.ANY
    )
    district = models.CharField(
        _("district"), max_length=16, choices=District.choices, default=District.JONGNO
    )
    address = models.CharField(_("workplace address"), max_length=200, blank=True)
    work_mode = models.CharField(
        _("work mode"), max_length=8, choices=WorkMode.choices, default=WorkMode.ONSITE
    )
    # Annual salary in KRW; both empty means "회사 내규에 따름" (per company policy).
    salary_min = models.PositiveBigIntegerField(
        _("minimum annual salary (KRW)"), null=True, blank=True
    )
    salary_max = models.PositiveBigIntegerField(
        _("maximum annual salary (KRW)"), null=True, blank=True
    )
    work_hours = models.CharField(
        _("work hours"), max_length=100, blank=True, help_text=_("e.g. 09:00–18:00, Mon–Fri")
    )
    openings = models.PositiveSmallIntegerField(
        _("openings"), default=1, validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    deadline = models.DateField(
        _("application deadline"), null=True, blank=True, help_text=_("Empty: open until filled.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    review_note = models.CharField(_("reason for return"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # For the "still hiring?" reminder: the last time an applicant or the employer did something.
    last_activity_at = models.DateTimeField(default=timezone.now)
    still_hiring_sent_at = models.DateTimeField(null=True, blank=True)

    # What the company writes (the form, the API and the services accept these, nothing else).
    CONTENT_FIELDS = (
        "center", "title", "description", "duties", "employment_type", "experience_level", "education",
        "district", "address", "work_mode", "salary_min", "salary_max", "work_hours",
        "openings", "deadline",
    )  # fmt: skip

    class Meta:
        verbose_name = _("job posting")
        verbose_name_plural = _("job postings")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="jobs_posting_status_pub"),
            models.Index(fields=["status", "deadline"], name="jobs_posting_status_deadline"),
            models.Index(fields=["company", "status"], name="jobs_posting_company_status"),
            models.Index(fields=["center", "status"], name="jobs_posting_center_status"),
            # The public list's three orders (core.keyset walks them from a cursor), over
            # published rows only; the newest-first one carries what the list filters on, so
            # its bounded count needs no table rows.
            models.Index(
                fields=["-published_at", "-id"],
                name="jobs_posting_pub_newest",
                condition=models.Q(status="published"),
                include=["company", "deadline"],
            ),
            models.Index(
                models.F("deadline").asc(nulls_last=True),
                models.F("published_at").desc(),
                models.F("id").desc(),
                name="jobs_posting_pub_deadline",
                condition=models.Q(status="published"),
            ),
            models.Index(
                models.F("salary_max").desc(nulls_last=True),
                models.F("published_at").desc(),
                models.F("id").desc(),
                name="jobs_posting_pub_salary",
                condition=models.Q(status="published"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(salary_min__isnull=True)
                | models.Q(salary_max__isnull=True)
                | models.Q(salary_min__lte=models.F("salary_max")),
                name="jobs_posting_salary_order",
                violation_error_message=_("The maximum salary cannot be below the minimum."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PUBLISHED and (
            self.deadline is None or self.deadline >= timezone.localdate()
        )

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def salary_by_policy(self) -> bool:
        return self.salary_min is None and self.salary_max is None

    @cached_property
    def required_skills(self) -> list[PostingSkill]:
        return [ps for ps in self.posting_skills.all() if ps.kind == PostingSkill.Kind.REQUIRED]

    @cached_property
    def preferred_skills(self) -> list[PostingSkill]:
        return [ps for ps in self.posting_skills.all() if ps.kind == PostingSkill.Kind.PREFERRED]


class PostingSkill(models.Model):
    """A skill a posting requires (with a minimum level) or prefers.

    Rows carry a copy of what matching filters and scores on (open flag, district, employment
    type, work mode, salary and the posting's total weight), so a trainee's candidate postings
    are found and ranked from this one indexed table without touching ``Posting``.
    The copy is refreshed by ``services.posting_sync_match_rows`` on every posting write.
    """

    class Kind(models.TextChoices):
        REQUIRED = "required", _("Required")
        PREFERRED = "preferred", _("Preferred")

    WEIGHTS = {Kind.REQUIRED: 3, Kind.PREFERRED: 1}

    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="posting_skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="posting_skills")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REQUIRED)
    min_level = models.PositiveSmallIntegerField(
        _("minimum level"),
        choices=SkillLevel.choices,
        validators=LEVEL_VALIDATORS,
        default=SkillLevel.GUIDED,
    )
    weight = models.PositiveSmallIntegerField(default=3)
    # denormalized from the posting (see the class docstring)
    is_open = models.BooleanField(default=False)
    weight_total = models.PositiveIntegerField(default=1)
    district = models.CharField(max_length=16, blank=True)
    employment_type = models.CharField(max_length=16, blank=True)
    work_mode = models.CharField(max_length=8, blank=True)
    salary_max = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("posting skill")
        verbose_name_plural = _("posting skills")
        constraints = [
            models.UniqueConstraint(
                fields=["posting", "skill"],
                name="jobs_postingskill_unique",
                violation_error_message=_("Each skill can be listed only once per posting."),
            ),
            models.CheckConstraint(
                condition=models.Q(min_level__gte=1, min_level__lte=5),
                name="jobs_postingskill_level_range",
                violation_error_message=_("Choose a level from 1 to 5."),
            ),
        ]
        indexes = [
            # candidate generation: open postings that ask for one of these skills
            # (made covering on PostgreSQL by migration 0002, so the aggregate reads the index only)
            models.Index(
                fields=["skill", "posting"],
                condition=models.Q(is_open=True),
                name="jobs_postingskill_open_skill",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.posting_id} · {self.skill_id} ({self.kind} ≥ {self.min_level})"


class JobSeekerProfile(models.Model):
    """A trainee's job preferences and platform résumé; discoverable only while they consent."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_profile"
    )
    headline = models.CharField(
        _("headline"), max_length=120, blank=True, help_text=_("e.g. 주얼리 CAD 디자이너 지망")
    )
    education = models.CharField(
        _("highest education"), max_length=16, choices=Education.choices, default=Education.ANY
    )
    education_detail = models.TextField(_("education details"), max_length=2000, blank=True)
    experience_years = models.PositiveSmallIntegerField(
        _("years of experience"), default=0, validators=[MaxValueValidator(60)]
    )
    experience = models.TextField(_("work experience"), max_length=5000, blank=True)
    # Comma-separated codes so matching can test them in plain SQL on SQLite and PostgreSQL.
    preferred_districts = models.CharField(_("preferred districts"), max_length=400, blank=True)
    employment_types = models.CharField(_("employment types"), max_length=120, blank=True)
    remote_ok = models.BooleanField(_("open to remote work"), default=True)
    salary_expectation = models.PositiveBigIntegerField(
        _("expected annual salary (KRW)"), null=True, blank=True
    )
    # The résumé's 인적사항 besides the account's name, email and phone. No birth date: the
    # 채용절차법 keeps age out of hiring, and nothing here needs it.
    photo = models.ImageField(
        _("photo"), upload_to=_photo_path, storage=_private_storage, blank=True
    )
    address = models.CharField(
        _("address"),
        max_length=100,
        blank=True,
        help_text=_("e.g. 서울 종로구 (district is enough)"),
    )
    introduction = models.TextField(
        pgettext_lazy("résumé", "introduction"), max_length=INTRODUCTION_MAX_CHARS, blank=True
    )
    # Whether employers may discover the person is their "employer_discovery" consent itself
    # (accounts.selectors.consenting_user_ids), read at query time: no copy here can outlive it.
    updated_at = models.DateTimeField(auto_now=True)

    # What the person fills in on their job profile besides the district and type lists.
    DETAIL_FIELDS = (
        "headline", "education", "education_detail", "experience_years", "experience",
        "remote_ok", "salary_expectation",
    )  # fmt: skip

    class Meta:
        verbose_name = _("job seeker profile")
        verbose_name_plural = _("job seeker profiles")

    def __str__(self) -> str:
        return f"{self.user_id} · {self.headline}"

    @property
    def district_list(self) -> list[str]:
        return [d for d in self.preferred_districts.split(",") if d]

    @property
    def employment_type_list(self) -> list[str]:
        return [t for t in self.employment_types.split(",") if t]


class Recommendation(models.Model):
    """One of a trainee's best open postings, kept so that reading the feed is an index lookup.

    Each trainee with a list keeps the best ``jobs.services.feed.FEED_SIZE`` postings by the live
    matching score (``score`` rounded to 1e-6, ties by newer posting first), maintained by
    ``jobs.services.feed`` whenever the trainee's skills or preferences or a posting change.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recommendations"
    )
    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "posting"],
                name="jobs_recommendation_once",
                violation_error_message=_("This posting is already in the list."),
            ),
        ]
        indexes = [
            models.Index(fields=["user", "-score", "-posting"], name="jobs_recommendation_rank"),
            models.Index(fields=["posting"], name="jobs_recommendation_posting"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.posting_id} ({self.score:.1f})"


class RecommendationState(models.Model):
    """Whether a trainee's ``Recommendation`` rows can be served, and whether they are all there is.

    ``is_stale``: their skills or preferences changed and the list awaits recomputation (reads
    compute live meanwhile). ``is_complete``: the list holds every open posting sharing one of
    their skills, so a short list is the whole answer rather than a truncated one.
    ``last_score``, ``last_posting_id``: the list's last row (both null for an empty list), kept
    exact by every writer in ``jobs.services.feed``, so that "does this posting beat the list's
    last row" is a column comparison when one posting is applied to every list.
    The row is also the lock that serializes maintenance of one trainee's list.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="recommendation_state",
    )
    is_stale = models.BooleanField(default=False)
    is_complete = models.BooleanField(default=False)
    refreshed_at = models.DateTimeField(default=timezone.now)
    last_score = models.FloatField(null=True, blank=True)
    # A plain integer, not a foreign key: deleting a posting must not touch this row (the
    # list's rows cascade, which can only move the real last row up; see services.feed).
    last_posting_id = models.IntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user_id} (stale={self.is_stale}, complete={self.is_complete})"


class PortfolioImage(models.Model):
    """A picture of the trainee's work, stored privately and shown only where the résumé may be."""

    profile = models.ForeignKey(
        JobSeekerProfile, on_delete=models.CASCADE, related_name="portfolio_images"
    )
    image = models.ImageField(_("image"), upload_to=_portfolio_path, storage=_private_storage)
    caption = models.CharField(_("caption"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("portfolio image")
        verbose_name_plural = _("portfolio images")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.caption or self.image.name


class Application(models.Model):
    """A trainee's application to a posting; one per trainee per posting."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("application status", "Submitted")
        SCREENING = "screening", _("Screening")
        INTERVIEW = "interview", _("Interview")
        OFFER = "offer", _("Offer")
        HIRED = "hired", _("Hired")
        REJECTED = "rejected", _("Not selected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    FINAL = (Status.HIRED, Status.REJECTED, Status.WITHDRAWN)
    BOARD = (
        Status.SUBMITTED,
        Status.SCREENING,
        Status.INTERVIEW,
        Status.OFFER,
        Status.HIRED,
        Status.REJECTED,
    )

    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    cover_letter = models.TextField(_("cover letter"), max_length=5000, blank=True)
    use_platform_resume = models.BooleanField(_("include my platform résumé"), default=True)
    resume_file = models.FileField(
        _("résumé file"),
        upload_to=_resume_path,
        storage=_private_storage,
        blank=True,
        max_length=200,
    )
    resume_filename = models.CharField(_("file name"), max_length=120, blank=True)
    resume_content_type = models.CharField(max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["posting", "applicant"],
                name="jobs_application_once",
                violation_error_message=_("You have already applied to this posting."),
            ),
        ]
        indexes = [models.Index(fields=["posting", "status"], name="jobs_application_board")]

    def __str__(self) -> str:
        return f"{self.applicant_id} → {self.posting_id} ({self.status})"

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL


class ApplicationEvent(models.Model):
    """One step of an application's history, shown to the trainee and the employer.

    A pipeline move (``kind`` "status") or a step of an interview or offer; ``detail`` keeps
    what the step said at that moment (times, place, reason), since the interview or offer
    itself moves on.
    """

    class Kind(models.TextChoices):
        STATUS = "status", pgettext_lazy("timeline", "Stage changed")
        INTERVIEW_PROPOSED = (
            "interview_proposed",
            pgettext_lazy("timeline", "Interview times proposed"),
        )
        INTERVIEW_TIMES_REQUESTED = (
            "interview_times_requested",
            pgettext_lazy("timeline", "Other interview times requested"),
        )
        INTERVIEW_CONFIRMED = (
            "interview_confirmed",
            pgettext_lazy("timeline", "Interview time picked"),
        )
        INTERVIEW_RESCHEDULED = (
            "interview_rescheduled",
            pgettext_lazy("timeline", "Interview rescheduled"),
        )
        INTERVIEW_CANCELLED = (
            "interview_cancelled",
            pgettext_lazy("timeline", "Interview cancelled"),
        )
        INTERVIEW_HELD = "interview_held", pgettext_lazy("timeline", "Interview held")
        INTERVIEW_NO_SHOW = "interview_no_show", pgettext_lazy("timeline", "Interview no-show")
        OFFER_MADE = "offer_made", pgettext_lazy("timeline", "Offer made")
        OFFER_ACCEPTED = "offer_accepted", pgettext_lazy("timeline", "Offer accepted")
        OFFER_DECLINED = "offer_declined", pgettext_lazy("timeline", "Offer declined")
        OFFER_WITHDRAWN = "offer_withdrawn", pgettext_lazy("timeline", "Offer withdrawn")
        OFFER_LAPSED = "offer_lapsed", pgettext_lazy("timeline", "Offer lapsed")
        HIRE_RECORDED = "hire_recorded", pgettext_lazy("timeline", "Hire recorded by the center")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.STATUS)
    from_status = models.CharField(max_length=12, choices=Application.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Application.Status.choices, blank=True)
    interview = models.ForeignKey(
        Interview, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    offer = models.ForeignKey(
        Offer, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    detail = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status} → {self.to_status}"


class EmployerNote(models.Model):
    """A private note by the company's members about an application; never shown to the trainee."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("note"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.body[:40]}"


class ResumeAccess(models.Model):
    """Who saw or downloaded a trainee's résumé, when, and which one (visible to the trainee)."""

    class Kind(models.TextChoices):
        FILE = "file", _("Uploaded file downloaded")
        PDF = "pdf", _("Platform résumé PDF downloaded")
        PROFILE = "profile", _("Profile viewed")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resume_accesses"
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    company = models.ForeignKey(
        Company, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    application = models.ForeignKey(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    # The day in Seoul: a profile view counts once per viewer and day; downloads always count.
    day = models.DateField(default=seoul_today)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="jobs_resumeaccess_owner")]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "viewer", "day"],
                condition=models.Q(kind="profile"),
                name="jobs_resumeaccess_one_profile_view_a_day",
                violation_error_message=_("This profile view is already recorded for today."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.owner_id} ← {self.viewer_id} ({self.kind})"


class ContactRequest(models.Model):
    """An employer asks a discoverable trainee for their contact details."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="contact_requests")
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_requests"
    )
    posting = models.ForeignKey(
        Posting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(_("message"), max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "trainee"],
                name="jobs_contactrequest_once",
                violation_error_message=_("Your company has already sent this person a request."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company_id} → {self.trainee_id} ({self.status})"


class SavedSearch(models.Model):
    """A trainee's saved job search; new matching postings arrive in a daily digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=80)
    q = models.CharField(_("keywords"), max_length=100, blank=True)
    district = models.CharField(_("district"), max_length=16, choices=District.choices, blank=True)
    employment_type = models.CharField(
        _("employment type"), max_length=16, choices=EmploymentType.choices, blank=True
    )
    skill_ids = models.CharField(max_length=200, blank=True)
    salary_min = models.PositiveBigIntegerField(_("minimum salary"), null=True, blank=True)
    remote = models.BooleanField(_("remote only"), default=False)
    # The job seeker's side of the experience and education filters (``jobs.filters``).
    experience = models.CharField(_("experience"), max_length=16, blank=True)
    years = models.PositiveSmallIntegerField(
        _("years of experience"), null=True, blank=True, validators=[MaxValueValidator(60)]
    )
    education = models.CharField(_("education"), max_length=16, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Postings published up to this moment have already been sent.
    notified_until = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    def as_params(self) -> dict:
        return {
            "q": self.q,
            "district": self.district,
            "employment_type": self.employment_type,
            "skills": self.skill_ids,
            "salary_min": self.salary_min or "",
            "remote": "1" if self.remote else "",
            "experience": self.experience,
            "years": self.years,
            "education": self.education,
        }


class DigestDelivery(models.Model):
    """One daily digest sent for a saved search: the unique day makes the task idempotent."""

    saved_search = models.ForeignKey(
        SavedSearch, on_delete=models.CASCADE, related_name="deliveries"
    )
    day = models.DateField()
    posting_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["saved_search", "day"],
                name="jobs_digest_once_a_day",
                violation_error_message=_("Today's digest was already sent."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.saved_search_id} · {self.day}"
