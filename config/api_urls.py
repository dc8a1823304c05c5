"""Every ``/api/v1/`` route. Apps add theirs here as they arrive."""

from django.urls import path

from accounts import api as accounts_api

urlpatterns = [
    path("me/", accounts_api.MeView.as_view(), name="api_me"),
    path("centers/", accounts_api.CenterList.as_view(), name="api_centers"),
]
