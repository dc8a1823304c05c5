"""The jobs API (``/api/v1/``): public postings and companies, employers' postings and applicants,
staff review, and trainees' applications and recommendations. Errors use the one API format."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import services as account_services
from accounts.districts import District
from accounts.models import Company
from core.api.errors import Conflict
from core.api.parsers import LimitedJSONParser

from . import matching, selectors, services
from .files import MAX_RESUME_BYTES
from .models import Application, EmploymentType, Posting, PostingSkill

# --- serializers ------------------------------------------------------------------------


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


class PostingSerializer(serializers.ModelSerializer):
    company = CompanyBriefSerializer(read_only=True)
    skills = PostingSkillSerializer(source="posting_skills", many=True, read_only=True)
    salary_by_policy = serializers.BooleanField(read_only=True)

    class Meta:
        model = Posting
        fields = [
            "id",
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
            "salary_by_policy",
            "work_hours",
            "openings",
            "deadline",
            "status",
            "review_note",
            "published_at",
            "skills",
        ]


class SkillInputSerializer(serializers.Serializer):
    skill = serializers.IntegerField()
    kind = serializers.ChoiceField(
        choices=PostingSkill.Kind.choices, default=PostingSkill.Kind.REQUIRED
    )
    min_level = serializers.IntegerField(min_value=1, max_value=5, default=2)


class PostingWriteSerializer(serializers.ModelSerializer):
    company = serializers.IntegerField(required=False, help_text="Your company's id (on create).")
    skills = SkillInputSerializer(many=True, required=False)

    class Meta:
        model = Posting
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
            "skills",
        ]
        extra_kwargs = {"title": {"required": False}, "description": {"required": False}}


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
    status = serializers.ChoiceField(
        choices=[c for c in Application.Status.choices if c[0] != "withdrawn"], required=False
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class ApplySerializer(serializers.Serializer):
    cover_letter = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    resume_file = serializers.FileField(required=False)
    use_platform_resume = serializers.BooleanField(required=False, default=True)


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class VerifySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["verified", "rejected"], default="verified")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300)


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


def _match_payload(match: matching.Match, request) -> dict:
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


def _candidate_payload(match: matching.Match) -> dict:
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


def _validation(exc: DjangoValidationError):
    from rest_framework.exceptions import ValidationError

    return ValidationError(
        exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
    )


def _is_member_posting(request, pk: int) -> Posting | None:
    if not request.user.is_authenticated:
        return None
    try:
        return selectors.get_posting_for_member(request.user, pk)
    except Http404:
        return None


# --- public ---------------------------------------------------------------------------------


class JobList(generics.ListAPIView):
    """Published postings of verified companies, filtered and sorted; or (POST) a new draft."""

    serializer_class = PostingSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    parser_classes = [LimitedJSONParser]

    @extend_schema(parameters=[JobSearchSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = JobSearchSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data = dict(params.validated_data)
        data["remote"] = data.get("remote") or ""
        return selectors.search_postings(data)

    @extend_schema(request=PostingWriteSerializer, responses={201: PostingSerializer})
    def post(self, request):
        serializer = PostingWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        company_id = data.pop("company", None)
        skills = data.pop("skills", [])
        companies = selectors.member_company_ids(request.user)
        if company_id is None and len(companies) == 1:
            company_id = companies[0]
        if company_id not in companies:
            raise NotFound(detail=_not_found())
        for field in ("title", "description"):
            if not data.get(field):
                from rest_framework.exceptions import ValidationError

                raise ValidationError({field: [_required()]})
        try:
            posting = services.posting_create(
                company=Company.objects.get(pk=company_id),
                by=request.user,
                data=data,
                skills=skills,
            )
        except DjangoValidationError as exc:
            raise _validation(exc) from None
        posting = selectors.get_posting_for_member(request.user, posting.pk)
        return Response(PostingSerializer(posting).data, status=status.HTTP_201_CREATED)


def _not_found() -> str:
    from django.utils.translation import gettext as _

    return _("Not found.")


def _required() -> str:
    from django.utils.translation import gettext as _

    return _("This field is required.")


class JobDetail(APIView):
    """A public posting; members of its company also see (and PATCH) their drafts."""

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    parser_classes = [LimitedJSONParser]

    @extend_schema(responses=PostingSerializer)
    def get(self, request, pk: int):
        posting = _is_member_posting(request, pk) or selectors.get_public_posting(pk)
        return Response(PostingSerializer(posting).data)

    @extend_schema(request=PostingWriteSerializer, responses=PostingSerializer)
    def patch(self, request, pk: int):
        posting = selectors.get_posting_for_member(request.user, pk)
        serializer = PostingWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("company", None)
        skills = data.pop("skills", None)
        try:
            services.posting_update(posting=posting, data=data, skills=skills)
        except DjangoValidationError as exc:
            if posting.status != Posting.Status.DRAFT:
                raise Conflict(exc.messages[0]) from None
            raise _validation(exc) from None
        return Response(PostingSerializer(selectors.get_posting_for_member(request.user, pk)).data)


class CompanyDetail(generics.RetrieveAPIView):
    """A verified company's public profile with its open postings."""

    permission_classes = [permissions.AllowAny]
    serializer_class = CompanySerializer

    def get_object(self):
        return selectors.get_public_company(self.kwargs["pk"])


# --- employers --------------------------------------------------------------------------------


class _PostingAction(APIView):
    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [LimitedJSONParser]
    service = None

    @extend_schema(request=None, responses=PostingSerializer)
    def post(self, request, pk: int):
        posting = selectors.get_posting_for_member(request.user, pk)
        try:
            type(self).service(posting=posting, by=request.user)
        except DjangoValidationError as exc:
            raise Conflict(exc.messages[0]) from None
        return Response(PostingSerializer(selectors.get_posting_for_member(request.user, pk)).data)


class JobSubmit(_PostingAction):
    """Send a draft for the center's review."""

    service = staticmethod(services.posting_submit)


class JobClose(_PostingAction):
    """Close a posting; its applications stay."""

    service = staticmethod(services.posting_close)


class JobApplications(generics.ListAPIView):
    """Applications to one of your company's postings."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = ApplicantSerializer

    def get_queryset(self):
        posting = selectors.get_posting_for_member(self.request.user, self.kwargs["pk"])
        return (
            posting.applications.select_related("posting__company", "applicant")
            .prefetch_related("events", "notes__author")
            .order_by("created_at", "pk")
        )


class ApplicationDetail(APIView):
    """PATCH ``{status, note}``: move an application in the pipeline and/or add a private note."""

    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [LimitedJSONParser]

    @extend_schema(request=ApplicationUpdateSerializer, responses=ApplicantSerializer)
    def patch(self, request, pk: int):
        application = selectors.get_application_for_member(request.user, pk)
        serializer = ApplicationUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if not data.get("status") and not (data.get("note") or "").strip():
            from rest_framework.exceptions import ValidationError

            raise ValidationError({"status": [_required()]})
        try:
            services.application_set_status(
                application=application,
                status=data.get("status", ""),
                by=request.user,
                note=data.get("note", ""),
            )
        except DjangoValidationError as exc:
            raise Conflict(exc.messages[0]) from None
        application = selectors.get_application_for_member(request.user, pk)
        return Response(ApplicantSerializer(application).data)


class JobCandidates(APIView):
    """The posting's best discoverable candidates (no contact details)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("limit", int, description="1–50, default 50")],
        responses=CandidateSerializer(many=True),
    )
    def get(self, request, pk: int):
        posting = selectors.get_posting_for_member(request.user, pk)
        try:
            limit = max(1, min(50, int(request.query_params.get("limit", 50))))
        except ValueError:
            from rest_framework.exceptions import ValidationError

            raise ValidationError({"limit": ["1–50"]}) from None
        return Response(
            [_candidate_payload(m) for m in matching.candidates_for(posting, limit=limit)]
        )


# --- staff ---------------------------------------------------------------------------------------


class StaffOnly(permissions.BasePermission):
    def has_permission(self, request, view):
        if not (request.user.is_authenticated and request.user.is_center_staff):
            raise NotFound(_not_found())
        return True


class CompanyVerify(APIView):
    """Center staff verify (or reject, with a reason) a company."""

    permission_classes = [permissions.IsAuthenticated, StaffOnly]
    parser_classes = [LimitedJSONParser]

    @extend_schema(request=VerifySerializer, responses=CompanySerializer)
    def post(self, request, pk: int):
        company = Company.objects.filter(pk=pk).first()
        if company is None:
            raise NotFound(_not_found())
        serializer = VerifySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            account_services.company_set_status(
                company=company,
                status=serializer.validated_data["status"],
                by=request.user,
                reason=serializer.validated_data.get("reason", ""),
            )
        except DjangoValidationError as exc:
            raise _validation(exc) from None
        return Response(CompanySerializer(company).data)


class JobApprove(APIView):
    """Center staff publish a posting waiting for review."""

    permission_classes = [permissions.IsAuthenticated, StaffOnly]
    parser_classes = [LimitedJSONParser]

    @extend_schema(request=None, responses=PostingSerializer)
    def post(self, request, pk: int):
        posting = selectors.get_posting_for_staff(request.user, pk)
        try:
            services.posting_approve(posting=posting, by=request.user)
        except DjangoValidationError as exc:
            raise Conflict(exc.messages[0]) from None
        return Response(PostingSerializer(selectors.get_posting_for_staff(request.user, pk)).data)


class JobReturn(APIView):
    """Center staff return a posting to its company with the reason."""

    permission_classes = [permissions.IsAuthenticated, StaffOnly]
    parser_classes = [LimitedJSONParser]

    @extend_schema(request=ReturnSerializer, responses=PostingSerializer)
    def post(self, request, pk: int):
        posting = selectors.get_posting_for_staff(request.user, pk)
        serializer = ReturnSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.posting_return(
                posting=posting, by=request.user, reason=serializer.validated_data["reason"]
            )
        except DjangoValidationError as exc:
            raise Conflict(exc.messages[0]) from None
        return Response(PostingSerializer(selectors.get_posting_for_staff(request.user, pk)).data)


# --- trainees ------------------------------------------------------------------------------------


class TraineeOnly(permissions.BasePermission):
    def has_permission(self, request, view):
        if not (request.user.is_authenticated and request.user.is_trainee):
            raise NotFound(_not_found())
        return True


class JobApply(APIView):
    """Apply (multipart: ``cover_letter``, optional ``resume_file``, ``use_platform_resume``)."""

    permission_classes = [permissions.IsAuthenticated, TraineeOnly]
    parser_classes = [MultiPartParser, FormParser, LimitedJSONParser]

    @extend_schema(
        request={"multipart/form-data": ApplySerializer}, responses={201: ApplicationSerializer}
    )
    def post(self, request, pk: int):
        posting = selectors.get_public_posting(pk)
        serializer = ApplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        upload = data.get("resume_file")
        if upload is not None and upload.size > MAX_RESUME_BYTES:
            from django.utils.translation import gettext as _

            from core.api.errors import PayloadTooLarge

            raise PayloadTooLarge(_("The file is larger than 10 MB."))
        if Application.objects.filter(posting=posting, applicant=request.user).exists():
            from django.utils.translation import gettext as _

            raise Conflict(_("You have already applied to this posting."))
        try:
            application = services.application_create(
                posting=posting,
                applicant=request.user,
                cover_letter=data.get("cover_letter", ""),
                resume_file=upload,
                use_platform_resume=data.get("use_platform_resume", True),
            )
        except DjangoValidationError as exc:
            if hasattr(exc, "error_dict"):
                raise _validation(exc) from None
            raise Conflict(exc.messages[0]) from None
        return Response(ApplicationSerializer(application).data, status=status.HTTP_201_CREATED)


class MyApplications(generics.ListAPIView):
    """Your applications with their history."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = ApplicationSerializer

    def get_queryset(self):
        return selectors.applications_for_applicant(self.request.user).prefetch_related("events")


class ApplicationWithdraw(APIView):
    """Withdraw your application."""

    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [LimitedJSONParser]

    @extend_schema(request=None, responses=ApplicationSerializer)
    def post(self, request, pk: int):
        application = selectors.get_application_for_applicant(request.user, pk)
        try:
            services.application_withdraw(application=application, by=request.user)
        except DjangoValidationError as exc:
            raise Conflict(exc.messages[0]) from None
        return Response(
            ApplicationSerializer(selectors.get_application_for_applicant(request.user, pk)).data
        )


class MyRecommendations(APIView):
    """Your top postings: ``[{job, score, matched_skills, missing_skills, suggested_courses}]``."""

    permission_classes = [permissions.IsAuthenticated, TraineeOnly]

    @extend_schema(
        parameters=[OpenApiParameter("limit", int, description="1–50, default 20")],
        responses=MatchSerializer(many=True),
    )
    def get(self, request):
        try:
            limit = max(1, min(50, int(request.query_params.get("limit", 20))))
        except ValueError:
            from rest_framework.exceptions import ValidationError

            raise ValidationError({"limit": ["1–50"]}) from None
        matches = matching.recommendations_for(request.user, limit=limit)
        return Response([_match_payload(m, request) for m in matches])
