"""What the jobs API reads and writes: postings, companies, applications, matches."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.districts import District
from accounts.models import Center, Company

from .. import deadlines, filters, matching, selectors
from ..models import (
    Application,
    Bookmark,
    Employment,
    EmploymentType,
    Interview,
    InterviewSlot,
    Offer,
    Posting,
    PostingSkill,
)


class CompanyBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Company
        fields = ["id", "name"]


class CompanySerializer(serializers.ModelSerializer):
    district_display = serializers.CharField(source="get_district_display", read_only=True)
    open_postings = serializers.SerializerMethodField()

    class Meta:
        model = Company
        fields = [
            "id",
            "name",
            "industry",
            "size",
            "address",
            "district",
            "district_display",
            "website",
            "description",
            "status",
            "open_postings",
        ]

    def get_open_postings(self, company: Company) -> list[dict]:
        postings = (
            selectors.public_postings().filter(company=company).order_by("-published_at")[:50]
        )
        return [{"id": p.pk, "title": p.title, "deadline": p.deadline} for p in postings]


class PostingSkillSerializer(serializers.ModelSerializer):
    skill = serializers.IntegerField(source="skill_id")
    name = serializers.CharField(source="skill.display_name", read_only=True)

    class Meta:
        model = PostingSkill
        fields = ["skill", "name", "kind", "min_level"]


class CenterBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Center
        fields = ["id", "name"]


class PostingSerializer(serializers.ModelSerializer):
    company = CompanyBriefSerializer(read_only=True)
    center = CenterBriefSerializer(read_only=True, allow_null=True)
    skills = PostingSkillSerializer(source="posting_skills", many=True, read_only=True)
    salary_by_policy = serializers.BooleanField(read_only=True)
    days_left = serializers.SerializerMethodField(
        help_text="Days until the deadline in Korea (0: D-day); null when open until filled."
    )

    class Meta:
        model = Posting
        fields = [
            "id",
            "company",
            *Posting.CONTENT_FIELDS,
            "salary_by_policy",
            "days_left",
            "status",
            "review_note",
            "published_at",
            "skills",
        ]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_days_left(self, posting) -> int | None:
        return deadlines.days_left(posting.deadline)


class SkillInputSerializer(serializers.Serializer):
    skill = serializers.IntegerField()
    kind = serializers.ChoiceField(
        choices=PostingSkill.Kind.choices, default=PostingSkill.Kind.REQUIRED
    )
    min_level = serializers.IntegerField(min_value=1, max_value=5, default=2)


class PostingWriteSerializer(serializers.ModelSerializer):
    company = serializers.IntegerField(required=False, help_text="Your company's id (on create).")
    center = serializers.PrimaryKeyRelatedField(
        queryset=Center.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        help_text="The center that reviews the posting, one your company is registered with; "
        "by default its first.",
    )
    skills = SkillInputSerializer(many=True, required=False)

    class Meta:
        model = Posting
        fields = ["company", *Posting.CONTENT_FIELDS, "skills"]
        extra_kwargs = {"title": {"required": False}, "description": {"required": False}}


class PostingCreateSerializer(PostingWriteSerializer):
    """A new draft needs a title and a description."""

    class Meta(PostingWriteSerializer.Meta):
        extra_kwargs = {}


class ApplicationSerializer(serializers.ModelSerializer):
    posting = serializers.SerializerMethodField()
    has_resume_file = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id",
            "posting",
            "status",
            "cover_letter",
            "use_platform_resume",
            "has_resume_file",
            "resume_filename",
            "created_at",
            "updated_at",
            "history",
        ]

    def get_posting(self, application: Application) -> dict:
        p = application.posting
        return {
            "id": p.pk,
            "title": p.title,
            "company": {"id": p.company_id, "name": p.company.name},
        }

    def get_has_resume_file(self, application: Application) -> bool:
        return bool(application.resume_file)

    def get_history(self, application: Application) -> list[dict]:
        return [{"status": e.to_status, "at": e.created_at} for e in application.events.all()]


class ApplicantSerializer(ApplicationSerializer):
    """An application seen by the employer: with the applicant's contact details and the notes."""

    applicant = serializers.SerializerMethodField()
    notes = serializers.SerializerMethodField()

    class Meta(ApplicationSerializer.Meta):
        fields = [*ApplicationSerializer.Meta.fields, "applicant", "notes"]

    def get_applicant(self, application: Application) -> dict:
        a = application.applicant
        return {"id": a.pk, "name": a.name, "email": a.email, "phone": a.phone}

    def get_notes(self, application: Application) -> list[dict]:
        return [
            {"body": n.body, "author": n.author.name if n.author else None, "at": n.created_at}
            for n in application.notes.all()
        ]


class ApplicationUpdateSerializer(serializers.Serializer):
    # 취업 (hired) follows an accepted offer or a staff record: not a status to set.
    status = serializers.ChoiceField(
        choices=[c for c in Application.Status.choices if c[0] not in ("withdrawn", "hired")],
        required=False,
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)

    def validate(self, attrs):
        if not attrs.get("status") and not (attrs.get("note") or "").strip():
            raise serializers.ValidationError(
                {"status": [self.fields["status"].error_messages["required"]]}
            )
        return attrs


class ApplySerializer(serializers.Serializer):
    cover_letter = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    resume_file = serializers.FileField(required=False)
    use_platform_resume = serializers.BooleanField(required=False, default=True)


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class VerifySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["verified", "rejected"], default="verified")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300)
    center = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Which of your centers decides; by default the company's oldest registration "
        "with one of them.",
    )


class JobSearchSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100)
    district = serializers.ChoiceField(choices=District.choices, required=False, allow_blank=True)
    employment_type = serializers.ChoiceField(
        choices=EmploymentType.choices, required=False, allow_blank=True
    )
    skills = serializers.RegexField(
        r"^\d+(,\d+)*$", required=False, allow_blank=True, max_length=200
    )
    salary_min = serializers.IntegerField(required=False, min_value=0, max_value=10_000_000_000)
    remote = serializers.BooleanField(required=False, allow_null=True, default=None)
    experience = serializers.ChoiceField(
        choices=filters.EXPERIENCE_CHOICES,
        required=False,
        allow_blank=True,
        help_text="신입 (entry: open to newcomers), 경력 (career: for experienced people) or "
        "경력무관 (any: postings that do not ask); postings that do not ask suit entry and career.",
    )
    years = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=filters.MAX_YEARS,
        help_text="Your years of experience: postings asking for at most that many.",
    )
    education = serializers.ChoiceField(
        choices=filters.EDUCATION_CHOICES,
        required=False,
        allow_blank=True,
        help_text="Your highest education: postings whose requirement it meets.",
    )
    sort = serializers.ChoiceField(choices=["newest", "deadline", "salary"], required=False)


class SkillMatchSerializer(serializers.Serializer):
    skill_id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=PostingSkill.Kind.choices)
    min_level = serializers.IntegerField()
    level = serializers.IntegerField(required=False)
    verified = serializers.BooleanField(required=False)
    below_level = serializers.BooleanField(required=False)


class CourseSuggestionSerializer(serializers.Serializer):
    course_id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    level = serializers.IntegerField()
    skill_id = serializers.IntegerField()
    skill = serializers.CharField()
    next_run = serializers.DictField(allow_null=True, help_text="{id, name, starts_on} or null")


class MatchSerializer(serializers.Serializer):
    """One recommendation: the job, its score (0–100) and why."""

    job = PostingSerializer()
    score = serializers.FloatField()
    reasons = serializers.DictField(child=serializers.FloatField())
    matched_skills = SkillMatchSerializer(many=True)
    missing_skills = SkillMatchSerializer(many=True)
    suggested_courses = CourseSuggestionSerializer(many=True)


class CandidateSerializer(serializers.Serializer):
    """One discoverable candidate, without contact details."""

    trainee = serializers.DictField(help_text="{id, name, headline}")
    score = serializers.FloatField()
    reasons = serializers.DictField(child=serializers.FloatField())
    matched_skills = SkillMatchSerializer(many=True)
    missing_skills = SkillMatchSerializer(many=True)


def match_payload(match: matching.Match, request) -> dict:
    return {
        "job": PostingSerializer(match.posting, context={"request": request}).data,
        "score": match.score,
        "reasons": match.reasons,
        "matched_skills": match.matched_skills,
        "missing_skills": [
            {k: v for k, v in s.items() if k != "courses"} for s in match.missing_skills
        ],
        "suggested_courses": match.suggested_courses,
    }


def candidate_payload(match: matching.Match) -> dict:
    profile = match.profile
    return {
        "trainee": {
            "id": match.user.pk,
            "name": match.user.name,
            "headline": profile.headline if profile else "",
        },
        "score": match.score,
        "reasons": match.reasons,
        "matched_skills": match.matched_skills,
        "missing_skills": [
            {k: v for k, v in s.items() if k != "courses"} for s in match.missing_skills
        ],
    }


def limit_param(request, default: int) -> int:
    """The ``limit`` query parameter, kept within 1–50."""
    try:
        return max(1, min(50, int(request.query_params.get("limit", default))))
    except ValueError:
        raise serializers.ValidationError({"limit": ["1–50"]}) from None


# --- interviews, offers and hires ---------------------------------------------


class InterviewSlotSerializer(serializers.ModelSerializer):
    class Meta:
        model = InterviewSlot
        fields = ["id", "start", "end"]


def _posting_brief(application: Application) -> dict:
    posting = application.posting
    return {
        "id": posting.pk,
        "title": posting.title,
        "company": {"id": posting.company_id, "name": posting.company.name},
    }


class InterviewSerializer(serializers.ModelSerializer):
    """An interview; ``proposed_times`` are what the candidate picks from (``slot`` ids)."""

    status_display = serializers.CharField(source="get_status_display", read_only=True)
    mode_display = serializers.CharField(source="get_mode_display", read_only=True)
    video_url = serializers.CharField(read_only=True)
    interviewer = serializers.SerializerMethodField()
    posting = serializers.SerializerMethodField()
    proposed_times = InterviewSlotSerializer(source="slots", many=True, read_only=True)

    class Meta:
        model = Interview
        fields = [
            "id",
            "application",
            "posting",
            "status",
            "status_display",
            "mode",
            "mode_display",
            "address",
            "phone",
            "video_url",
            "duration_minutes",
            "note",
            "interviewer",
            "proposed_times",
            "start",
            "end",
            "candidate_note",
            "status_reason",
            "sequence",
            "created_at",
            "updated_at",
        ]

    def get_interviewer(self, interview: Interview) -> dict | None:
        user = interview.interviewer
        return {"id": user.pk, "name": user.name} if user else None

    def get_posting(self, interview: Interview) -> dict:
        return _posting_brief(interview.application)


class InterviewProposeSerializer(serializers.Serializer):
    mode = serializers.ChoiceField(choices=Interview.Mode.choices)
    times = serializers.ListField(
        child=serializers.DateTimeField(),
        min_length=1,
        max_length=5,
        help_text="1–5 start times (ISO 8601; without an offset, Korea time).",
    )
    duration_minutes = serializers.IntegerField(min_value=15, max_value=240, default=60)
    address = serializers.CharField(required=False, allow_blank=True, max_length=200)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=20)
    note = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    interviewer = serializers.IntegerField(
        required=False, help_text="A member of your company (default: you)."
    )


class PickSerializer(serializers.Serializer):
    slot = serializers.IntegerField(help_text="The id of one of the proposed times.")


class InterviewNoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=1000)


class InterviewRescheduleSerializer(serializers.Serializer):
    """The employer sends new ``times`` (and a reason for a confirmed interview); the candidate
    sends a ``reason``, which asks the company for other times."""

    reason = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    times = serializers.ListField(
        child=serializers.DateTimeField(), required=False, min_length=1, max_length=5
    )


class InterviewReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class OfferAnswerSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300)


class EmploymentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Employment
        fields = [
            "id",
            "company",
            "company_name",
            "posting",
            "application",
            "position",
            "start_date",
            "employment_type",
            "salary_band",
            "source",
            "created_at",
        ]


class OfferSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    expires_on = serializers.DateField(read_only=True, help_text="The last day to answer (KST).")
    posting = serializers.SerializerMethodField()
    employment = serializers.SerializerMethodField()

    class Meta:
        model = Offer
        fields = [
            "id",
            "application",
            "posting",
            "status",
            "status_display",
            "position",
            "start_date",
            "employment_type",
            "salary",
            "note",
            "expires_on",
            "expires_at",
            "status_reason",
            "created_at",
            "decided_at",
            "employment",
        ]

    def get_posting(self, offer: Offer) -> dict:
        return _posting_brief(offer.application)

    def get_employment(self, offer: Offer) -> dict | None:
        try:
            return EmploymentSerializer(offer.employment).data
        except ObjectDoesNotExist:
            return None


class OfferCreateSerializer(serializers.Serializer):
    position = serializers.CharField(max_length=120)
    start_date = serializers.DateField()
    employment_type = serializers.ChoiceField(choices=EmploymentType.choices)
    salary = serializers.IntegerField(min_value=1, max_value=10_000_000_000, help_text="KRW a year")
    expires_on = serializers.DateField(help_text="The last day to answer (KST), within 60 days.")
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class HireSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)
    start_date = serializers.DateField()
    position = serializers.CharField(required=False, allow_blank=True, max_length=120)
    employment_type = serializers.ChoiceField(
        choices=EmploymentType.choices, required=False, allow_blank=True
    )
    salary = serializers.IntegerField(required=False, min_value=1, max_value=10_000_000_000)


class BookmarkedPostingSerializer(serializers.ModelSerializer):
    company = CompanyBriefSerializer(read_only=True)
    is_open = serializers.BooleanField(read_only=True, help_text="Still taking applications.")
    days_left = serializers.SerializerMethodField(
        help_text="Days until the deadline in Korea (0: D-day); null when open until filled."
    )

    class Meta:
        model = Posting
        fields = ["id", "title", "company", "deadline", "days_left", "is_open"]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_days_left(self, posting) -> int | None:
        return deadlines.days_left(posting.deadline)


class BookmarkSerializer(serializers.ModelSerializer):
    posting = BookmarkedPostingSerializer(read_only=True)

    class Meta:
        model = Bookmark
        fields = ["id", "posting", "created_at", "reminder_sent_at"]


class BookmarkCreateSerializer(serializers.Serializer):
    posting = serializers.IntegerField(min_value=1, help_text="A public posting's id.")
