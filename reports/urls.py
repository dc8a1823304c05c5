from django.urls import path

from .views import exclusions, people, staff

app_name = "reports"

urlpatterns = [
    path("reports/", staff.dashboard, name="dashboard"),
    path("reports/list/<slug:metric>/", staff.drill, name="drill"),
    path("reports/export.<str:fmt>", staff.export, name="export"),
    path("reports/exclusions/", exclusions.exclusions, name="exclusions"),
    path(
        "reports/exclusions/<int:exclusion_id>/remove/",
        exclusions.exclusion_remove,
        name="exclusion_remove",
    ),
    path("reports/employments/new/", people.record_employment, name="record_employment"),
    path("journey/", people.my_journey, name="journey"),
    path("journey/employment/", people.report_employment, name="report_employment"),
    path("journey/people/<int:person_id>/", people.person_journey, name="person_journey"),
    path("follow-up/<str:token>/", people.follow_up, name="follow_up"),
]
