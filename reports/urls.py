from django.urls import path

from .views import staff

app_name = "reports"

urlpatterns = [
    path("reports/", staff.dashboard, name="dashboard"),
    path("reports/list/<slug:metric>/", staff.drill, name="drill"),
    path("reports/export.<str:fmt>", staff.export, name="export"),
]
