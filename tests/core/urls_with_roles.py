"""Tiny views guarded by core.permissions, to test the one permission mechanism."""

from django.http import HttpResponse
from django.urls import path
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from config.urls import urlpatterns as site_urlpatterns
from core.exceptions import ConflictError
from core.permissions import WRITE, counselor_required, roles, trainee_required


@trainee_required
def trainee_page(request):
    """Only trainees."""
    return HttpResponse("trainee page")


@counselor_required
def counselor_page(request):
    return HttpResponse("counselor page")


class StrictSerializer(serializers.Serializer):
    seats = serializers.IntegerField(min_value=1)


class EmployerWrites(APIView):
    permission_classes = [roles("employer", methods=WRITE)]

    def get(self, request):
        return Response({"ok": True})

    def post(self, request):
        serializer = StrictSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if serializer.validated_data["seats"] == 99:
            raise ConflictError("That was taken a moment ago.")
        return Response(serializer.data, status=201)


urlpatterns = [
    path("t/trainee/", trainee_page),
    path("t/counselor/", counselor_page),
    path("api/v1/t/employer-writes/", EmployerWrites.as_view()),
    *site_urlpatterns,
]
