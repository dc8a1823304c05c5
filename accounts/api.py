from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Center, User


class CenterSerializer(serializers.ModelSerializer):
    class Meta:
        model = Center
        fields = ["id", "slug", "name", "name_en", "region", "industry"]


class MeSerializer(serializers.ModelSerializer):
    roles = serializers.ListField(child=serializers.CharField(), read_only=True)
    centers = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "email", "name", "roles", "centers", "language"]

    def get_centers(self, user: User) -> list[dict]:
        memberships = user.center_memberships.select_related("center").order_by(
            "center__name", "role"
        )
        return [
            {"id": m.center_id, "slug": m.center.slug, "name": m.center.name, "role": m.role}
            for m in memberships
        ]


class MeView(APIView):
    """The signed-in person: who they are, their roles and centers."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user).data)


class CenterList(generics.ListAPIView):
    """Every active center, for anyone."""

    permission_classes = [permissions.AllowAny]
    serializer_class = CenterSerializer
    queryset = Center.objects.filter(is_active=True).order_by("name")
