from django.urls import path
from django.views.generic import TemplateView

app_name = "consulting"

urlpatterns = [
    path("", TemplateView.as_view(template_name="consulting/index.html"), name="index"),
]
