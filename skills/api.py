"""The skills API: the shared taxonomy, and the signed-in person's own skills."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.permissions import roles

from . import selectors, services
from .models import Skill


class SkillSerializer(serializers.ModelSerializer):
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Skill
        fields = [
            "id",
            "name",
            "name_en",
            "category",
            "ncs_code",
            "ncs_name",
            "ncs_level",
            "industry",
        ]


class HeldSkillSerializer(serializers.Serializer):
    skill = SkillSerializer()
    level = serializers.IntegerField()
    source = serializers.CharField()
    verified = serializers.BooleanField(source="is_verified")
    declared_level = serializers.IntegerField(allow_null=True)
    evidence = serializers.CharField(source="evidence_label")


class DeclaredSkillSerializer(serializers.Serializer):
    skill = serializers.PrimaryKeyRelatedField(queryset=Skill.objects.filter(is_active=True))
    level = serializers.IntegerField(min_value=1, max_value=5)


class DeclaredSkillsSerializer(serializers.Serializer):
    skills = DeclaredSkillSerializer(many=True, allow_empty=True)

    def validate_skills(self, items):
        ids = [item["skill"].pk for item in items]
        if len(ids) != len(set(ids)):
            raise serializers.ValidationError(_("Each skill may appear only once."))
        return items


class SkillList(generics.ListAPIView):
    """Active skills: ``?q=`` searches names and NCS codes, ``?category=`` is a category slug."""

    permission_classes = [permissions.AllowAny]
    serializer_class = SkillSerializer

    def get_queryset(self):
        params = self.request.query_params
        return selectors.skill_list(
            q=params.get("q", "")[:100],
            category=params.get("category", ""),
            industry=params.get("industry", ""),
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str),
            OpenApiParameter("category", str),
            OpenApiParameter("industry", str),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class MySkills(APIView):
    """GET: my skills, verified first. PUT ``{"skills": [{"skill": id, "level": 1-5}]}``: my declared skills."""

    permission_classes = [roles("trainee")]

    @extend_schema(responses=HeldSkillSerializer(many=True))
    def get(self, request):
        return Response(
            HeldSkillSerializer(selectors.skills_for_trainee(request.user), many=True).data
        )

    @extend_schema(request=DeclaredSkillsSerializer, responses=HeldSkillSerializer(many=True))
    def put(self, request):
        payload = request.data
        if isinstance(payload, list):
            payload = {"skills": payload}
        data = DeclaredSkillsSerializer(data=payload)
        data.is_valid(raise_exception=True)
        services.trainee_skills_replace_declared(
            user=request.user,
            items=[(item["skill"], item["level"]) for item in data.validated_data["skills"]],
        )
        return Response(
            HeldSkillSerializer(selectors.skills_for_trainee(request.user), many=True).data
        )
