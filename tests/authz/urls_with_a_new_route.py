"""The project's routes plus one the table has no row for (tests/authz/test_matrix.py)."""

from django.http import HttpResponse
from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns


def booth_new(request, fair_id: int):
    return HttpResponse("new booth")


fairs_patterns = ([path("booths/<int:fair_id>/new/", booth_new, name="booth_new")], "fairs")

urlpatterns = [path("fairs/", include(fairs_patterns)), *project_urlpatterns]
