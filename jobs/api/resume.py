"""The trainee's own résumé under ``/api/v1/me/resume/``: the whole of it, its sections' rows
(학력 ``education``, 경력 ``work``, 자격증 ``licenses``, 어학 ``languages``), the photo and the PDF.

Trainees only (``roles("trainee")``, decided before the body is read); another person's row is
404. Dates are checked by ``jobs.services.resume`` (an end before its start, a date that cannot
lie ahead): 400 in the one error format; a section already full is 409.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.errors import PayloadTooLarge
from core.api.parsers import LimitedJSONParser
from core.images import MAX_UPLOAD_BYTES
from core.permissions import roles

from .. import selectors, services
from ..models import EducationEntry, JobSeekerProfile, LanguageSkill, License, WorkExperience
from ..resume import build_resume_context, resume_pdf_response
from ..services.resume import SECTIONS

TRAINEE = roles("trainee")


class ResumeEducationSerializer(serializers.ModelSerializer):
    class Meta:
        model = EducationEntry
        fields = ["id", *SECTIONS["education"][1]]


class ResumeWorkSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkExperience
        fields = ["id", *SECTIONS["work"][1]]


class ResumeLicenseSerializer(serializers.ModelSerializer):
    class Meta:
        model = License
        fields = ["id", *SECTIONS["licenses"][1]]


class ResumeLanguageSerializer(serializers.ModelSerializer):
    class Meta:
        model = LanguageSkill
        fields = ["id", *SECTIONS["languages"][1]]


SECTION_SERIALIZERS = {
    "education": ResumeEducationSerializer,
    "work": ResumeWorkSerializer,
    "licenses": ResumeLicenseSerializer,
    "languages": ResumeLanguageSerializer,
}


class ResumeSkillEvidenceSerializer(serializers.Serializer):
    course = serializers.CharField()
    run = serializers.CharField()
    issued_on = serializers.DateField()
    serial = serializers.CharField()
    verify_url = serializers.URLField()


class ResumeSkillSerializer(serializers.Serializer):
    skill = serializers.IntegerField(source="skill.pk")
    name = serializers.CharField(source="skill.display_name")
    level = serializers.IntegerField()
    verified = serializers.BooleanField(source="is_verified")
    evidence = ResumeSkillEvidenceSerializer(allow_null=True)


class ResumeBasicsSerializer(serializers.ModelSerializer):
    class Meta:
        model = JobSeekerProfile
        fields = ["address", "introduction"]


class ResumeSerializer(serializers.Serializer):
    """The whole résumé as employers with access see it."""

    name = serializers.CharField()
    email = serializers.EmailField()
    phone = serializers.CharField()
    headline = serializers.CharField()
    address = serializers.CharField()
    introduction = serializers.CharField()
    has_photo = serializers.BooleanField()
    education = ResumeEducationSerializer(many=True)
    work = ResumeWorkSerializer(many=True)
    licenses = ResumeLicenseSerializer(many=True)
    languages = ResumeLanguageSerializer(many=True)
    skills = ResumeSkillSerializer(many=True)


def _resume_payload(user) -> dict:
    context = build_resume_context(user, show_contact=True)
    profile = context["profile"]
    return ResumeSerializer(
        {
            "name": user.name,
            "email": user.email,
            "phone": user.phone or "",
            "headline": profile.headline if profile else "",
            "address": profile.address if profile else "",
            "introduction": profile.introduction if profile else "",
            "has_photo": context["has_photo"],
            **{key: context[key] for key in ("education", "work", "licenses", "languages")},
            "skills": context["skills"],
        }
    ).data


class MyResume(APIView):
    """GET: your whole résumé. PATCH: its address and introduction (자기소개, at most 1,000
    characters: longer is refused, never cut)."""

    permission_classes = [TRAINEE]
    parser_classes = [LimitedJSONParser]

    @extend_schema(responses=ResumeSerializer)
    def get(self, request):
        return Response(_resume_payload(request.user))

    @extend_schema(request=ResumeBasicsSerializer, responses=ResumeSerializer)
    def patch(self, request):
        serializer = ResumeBasicsSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.resume_basics_update(user=request.user, data=serializer.validated_data)
        return Response(_resume_payload(request.user))


class _SectionList(APIView):
    """GET: the rows of one section of your résumé. POST: add one."""

    permission_classes = [TRAINEE]
    parser_classes = [LimitedJSONParser]
    section = ""

    def get(self, request):
        model = SECTIONS[self.section][0]
        rows = model.objects.filter(profile__user=request.user)
        return Response(SECTION_SERIALIZERS[self.section](rows, many=True).data)

    def post(self, request):
        serializer = SECTION_SERIALIZERS[self.section](data=request.data)
        serializer.is_valid(raise_exception=True)
        row = services.resume_row_save(
            user=request.user, section=self.section, data=serializer.validated_data
        )
        return Response(SECTION_SERIALIZERS[self.section](row).data, status=status.HTTP_201_CREATED)


class _SectionRow(APIView):
    """GET, PATCH, DELETE one row of your résumé; another person's row is 404."""

    permission_classes = [TRAINEE]
    parser_classes = [LimitedJSONParser]
    section = ""

    def get(self, request, pk: int):
        row = selectors.get_resume_row_for_owner(request.user, self.section, pk)
        return Response(SECTION_SERIALIZERS[self.section](row).data)

    def patch(self, request, pk: int):
        row = selectors.get_resume_row_for_owner(request.user, self.section, pk)
        serializer = SECTION_SERIALIZERS[self.section](row, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        row = services.resume_row_save(
            user=request.user, section=self.section, data=serializer.validated_data, row=row
        )
        return Response(SECTION_SERIALIZERS[self.section](row).data)

    def delete(self, request, pk: int):
        row = selectors.get_resume_row_for_owner(request.user, self.section, pk)
        services.resume_row_delete(row=row)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _section_views(section: str, label: str) -> tuple[type[APIView], type[APIView]]:
    """The list and row views of one section, each with its own schema."""
    serializer = SECTION_SERIALIZERS[section]
    name = section.title()
    list_view = type(
        f"MyResume{name}",
        (_SectionList,),
        {
            "section": section,
            "__doc__": f"GET: your résumé's {label}. POST: add one.",
            "get": extend_schema(responses=serializer(many=True))(_SectionList.get),
            "post": extend_schema(request=serializer, responses={201: serializer})(
                _SectionList.post
            ),
        },
    )
    row_view = type(
        f"MyResume{name}Row",
        (_SectionRow,),
        {
            "section": section,
            "__doc__": f"One row of your résumé's {label}: read, change (PATCH) or delete.",
            "get": extend_schema(responses=serializer)(_SectionRow.get),
            "patch": extend_schema(request=serializer, responses=serializer)(_SectionRow.patch),
            "delete": extend_schema(responses={204: None})(_SectionRow.delete),
        },
    )
    return list_view, row_view


MyResumeEducation, MyResumeEducationRow = _section_views("education", "education (학력)")
MyResumeWork, MyResumeWorkRow = _section_views("work", "work experience (경력)")
MyResumeLicenses, MyResumeLicensesRow = _section_views(
    "licenses", "licences and qualifications (자격증)"
)
MyResumeLanguages, MyResumeLanguagesRow = _section_views("languages", "languages (어학)")


class ResumePhotoUploadSerializer(serializers.Serializer):
    photo = serializers.FileField()


class MyResumePhoto(APIView):
    """POST (multipart ``photo``): set your résumé photo, checked by content and re-encoded
    without metadata; a file that is not a JPEG, PNG or WebP picture is 400 and nothing is
    stored. DELETE: remove it."""

    permission_classes = [TRAINEE]
    parser_classes = [MultiPartParser, FormParser, LimitedJSONParser]

    @extend_schema(
        request={"multipart/form-data": ResumePhotoUploadSerializer},
        responses={201: ResumeSerializer},
    )
    def post(self, request):
        serializer = ResumePhotoUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["photo"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise PayloadTooLarge(_("The photo must be at most 5 MB."))
        services.profile_photo_set(user=request.user, upload=upload)
        return Response(_resume_payload(request.user), status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None})
    def delete(self, request):
        services.profile_photo_remove(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MyResumePdf(APIView):
    """Your résumé as the PDF employers download (이력서 layout)."""

    permission_classes = [TRAINEE]

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request):
        return resume_pdf_response(request.user, show_contact=True)
