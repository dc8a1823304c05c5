from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("suggest/", views.suggest, name="suggest"),
    path("<slug:kind>/", views.results, name="results"),
]
