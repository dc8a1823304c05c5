"""Every ``/courses/`` page. The public certificate check, ``/verify/<code>/``, sits at the
root (config/urls.py) so the QR link stays short; it is ``views.verify``."""

from django.urls import path, re_path

from . import views

app_name = "courses"

urlpatterns = [
    # catalog and a trainee's enrollments
    path("", views.course_list, name="index"),
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
    # center staff: catalog, runs and enrollments
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
    # staff and instructors: attendance and rosters
    path("staff/teaching/", views.teaching_runs, name="teaching_runs"),
    path("staff/runs/<int:run_id>/attendance/", views.run_attendance, name="run_attendance"),
    re_path(
        r"^staff/runs/(?P<run_id>[0-9]+)/roster\.(?P<fmt>csv|xlsx)$",
        views.roster_export,
        name="roster_export",
    ),
    re_path(
        r"^staff/runs/(?P<run_id>[0-9]+)/attendance\.(?P<fmt>csv|xlsx)$",
        views.attendance_export,
        name="attendance_export",
    ),
    path(
        "staff/meetings/<int:meeting_id>/attendance/",
        views.meeting_attendance,
        name="meeting_attendance",
    ),
    path(
        "staff/meetings/<int:meeting_id>/attendance/<int:enrollment_id>/",
        views.meeting_attendance_row,
        name="meeting_attendance_row",
    ),
    # center staff: completion and certificates
    path("staff/runs/<int:run_id>/certificates/", views.run_certificates, name="run_certificates"),
    path("staff/runs/<int:run_id>/scores/", views.run_scores, name="run_scores"),
    path(
        "staff/runs/<int:run_id>/certificates/issue/",
        views.run_issue_certificates,
        name="run_issue_certificates",
    ),
    path(
        "staff/runs/<int:run_id>/certificates/progress/",
        views.run_certificates_progress,
        name="run_certificates_progress",
    ),
    path(
        "staff/certificates/<int:certificate_id>/regenerate/",
        views.certificate_regenerate_view,
        name="certificate_regenerate",
    ),
    path(
        "staff/certificates/<int:certificate_id>/revoke/",
        views.certificate_revoke_view,
        name="certificate_revoke",
    ),
    # certificate holders
    path("certificates/", views.my_certificates, name="my_certificates"),
    path(
        "certificates/<int:certificate_id>/pdf/",
        views.certificate_download,
        name="certificate_download",
    ),
]
