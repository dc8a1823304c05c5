from django.urls import path
from django.views.generic import TemplateView

app_name = "jobs"

urlpatterns = [
    path("", TemplateView.as_view(template_name="jobs/index.html"), name="index"),
]
