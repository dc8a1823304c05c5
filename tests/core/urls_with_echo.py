"""The site's URLs plus one tiny POST endpoint, for testing how the API reads request bodies."""

from django.urls import path
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns


class EchoSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=20)
    seats = serializers.IntegerField(min_value=1)
    starts_on = serializers.DateField()


class EchoView(APIView):
    permission_classes = [permissions.AllowAny]

    def post(self, request):
        serializer = EchoSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(serializer.data, status=201)


urlpatterns = [path("api/v1/test-echo/", EchoView.as_view()), *site_urlpatterns]


def boom(request):
    raise RuntimeError("a bug")


class BoomView(APIView):
    permission_classes = [permissions.AllowAny]

    def get(self, request):
        raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom), path("api/v1/boom/", BoomView.as_view()), *urlpatterns]
