from django.urls import path
from django.views.generic import TemplateView

app_name = "fairs"

urlpatterns = [
    path("", TemplateView.as_view(template_name="fairs/index.html"), name="index"),
]
