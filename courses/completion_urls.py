"""Routes for attendance, completion and certificates, included in ``courses.urls``."""

from django.urls import path, re_path

from . import completion_views as views

urlpatterns = [
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
    # trainees
    path("certificates/", views.my_certificates, name="my_certificates"),
    path(
        "certificates/<int:certificate_id>/pdf/",
        views.certificate_download,
        name="certificate_download",
    ),
]
