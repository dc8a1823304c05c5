from django.urls import include, path

from . import views

app_name = "courses"

urlpatterns = [
    path("", views.catalog, name="index"),
    path("<int:course_id>/", views.course_detail, name="detail"),
    path("runs/<int:run_id>/enroll/", views.run_enroll, name="enroll"),
    path("my/", views.my_enrollments, name="my_enrollments"),
    path(
        "enrollments/<int:enrollment_id>/cancel/", views.enrollment_cancel, name="enrollment_cancel"
    ),
    path(
        "enrollments/<int:enrollment_id>/accept/", views.enrollment_accept, name="enrollment_accept"
    ),
    path(
        "enrollments/<int:enrollment_id>/decline/",
        views.enrollment_decline,
        name="enrollment_decline",
    ),
    # center staff
    path("staff/", views.staff_courses, name="staff_courses"),
    path("staff/new/", views.staff_course_create, name="staff_course_create"),
    path("staff/<int:course_id>/edit/", views.staff_course_edit, name="staff_course_edit"),
    path("staff/<int:course_id>/runs/new/", views.staff_run_create, name="staff_run_create"),
    path("staff/runs/<int:run_id>/", views.staff_run, name="staff_run"),
    path("staff/runs/<int:run_id>/edit/", views.staff_run_edit, name="staff_run_edit"),
    path("staff/runs/<int:run_id>/capacity/", views.staff_run_capacity, name="staff_run_capacity"),
    path("staff/runs/<int:run_id>/cancel/", views.staff_run_cancel, name="staff_run_cancel"),
    path(
        "staff/enrollments/<int:enrollment_id>/approve/",
        views.staff_enrollment_approve,
        name="staff_enrollment_approve",
    ),
    path(
        "staff/enrollments/<int:enrollment_id>/reject/",
        views.staff_enrollment_reject,
        name="staff_enrollment_reject",
    ),
    path(
        "staff/enrollments/<int:enrollment_id>/cancel/",
        views.staff_enrollment_cancel,
        name="staff_enrollment_cancel",
    ),
    path(
        "staff/enrollments/<int:enrollment_id>/move/",
        views.staff_enrollment_move,
        name="staff_enrollment_move",
    ),
    # attendance, completion and certificates
    path("", include("courses.completion_urls")),
]
