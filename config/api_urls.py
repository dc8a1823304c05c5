"""Every ``/api/v1/`` route. Apps add theirs here as they arrive."""

from django.urls import include, path

from accounts import api as accounts_api
from consulting import api as consulting_api
from courses import api as courses_api
from jobs import api as jobs_api
from reports import api as reports_api
from search import api as search_api
from skills import api as skills_api

urlpatterns = [
    path("me/", accounts_api.MeView.as_view(), name="api_me"),
    # outcome reports and the journey
    path("reports/outcomes/", reports_api.OutcomesReport.as_view(), name="api_reports_outcomes"),
    path("reports/outcomes/runs/", reports_api.OutcomesRuns.as_view(), name="api_reports_runs"),
    path("me/journey/", reports_api.MyJourney.as_view(), name="api_my_journey"),
    path("centers/", accounts_api.CenterList.as_view(), name="api_centers"),
    # consulting
    path(
        "consultation-types/",
        consulting_api.ConsultationTypeList.as_view(),
        name="api_consultation_types",
    ),
    path("counselors/", consulting_api.CounselorList.as_view(), name="api_counselors"),
    path(
        "counselors/<int:counselor_id>/slots/",
        consulting_api.CounselorSlots.as_view(),
        name="api_counselor_slots",
    ),
    path("consultations/", consulting_api.ConsultationCreate.as_view(), name="api_consultations"),
    path(
        "consultations/<int:booking_id>/",
        consulting_api.ConsultationDetail.as_view(),
        name="api_consultation",
    ),
    path(
        "consultations/<int:booking_id>/cancel/",
        consulting_api.ConsultationCancel.as_view(),
        name="api_consultation_cancel",
    ),
    path(
        "consultations/<int:booking_id>/reschedule/",
        consulting_api.ConsultationReschedule.as_view(),
        name="api_consultation_reschedule",
    ),
    path(
        "consultations/<int:booking_id>/ics/",
        consulting_api.ConsultationIcs.as_view(),
        name="api_consultation_ics",
    ),
    path(
        "consultations/<int:booking_id>/confirm/",
        consulting_api.ConsultationConfirm.as_view(),
        name="api_consultation_confirm",
    ),
    path(
        "consultations/<int:booking_id>/decline/",
        consulting_api.ConsultationDecline.as_view(),
        name="api_consultation_decline",
    ),
    path(
        "consultations/<int:booking_id>/outcome/",
        consulting_api.ConsultationOutcome.as_view(),
        name="api_consultation_outcome",
    ),
    path(
        "consultations/<int:booking_id>/no-show/",
        consulting_api.ConsultationNoShow.as_view(),
        name="api_consultation_no_show",
    ),
    path(
        "me/consultations/", consulting_api.MyConsultations.as_view(), name="api_my_consultations"
    ),
    # jobs
    path("jobs/", jobs_api.JobList.as_view(), name="api_jobs"),
    path("jobs/<int:pk>/", jobs_api.JobDetail.as_view(), name="api_job"),
    path("jobs/<int:pk>/submit/", jobs_api.JobSubmit.as_view(), name="api_job_submit"),
    path("jobs/<int:pk>/close/", jobs_api.JobClose.as_view(), name="api_job_close"),
    path("jobs/<int:pk>/approve/", jobs_api.JobApprove.as_view(), name="api_job_approve"),
    path("jobs/<int:pk>/return/", jobs_api.JobReturn.as_view(), name="api_job_return"),
    path("jobs/<int:pk>/apply/", jobs_api.JobApply.as_view(), name="api_job_apply"),
    path(
        "jobs/<int:pk>/applications/",
        jobs_api.JobApplications.as_view(),
        name="api_job_applications",
    ),
    path("jobs/<int:pk>/candidates/", jobs_api.JobCandidates.as_view(), name="api_job_candidates"),
    path("companies/<int:pk>/", jobs_api.CompanyDetail.as_view(), name="api_company"),
    path("companies/<int:pk>/verify/", jobs_api.CompanyVerify.as_view(), name="api_company_verify"),
    path("applications/<int:pk>/", jobs_api.ApplicationDetail.as_view(), name="api_application"),
    path(
        "applications/<int:pk>/withdraw/",
        jobs_api.ApplicationWithdraw.as_view(),
        name="api_application_withdraw",
    ),
    path("me/applications/", jobs_api.MyApplications.as_view(), name="api_my_applications"),
    path(
        "applications/<int:pk>/interviews/",
        jobs_api.ApplicationInterviews.as_view(),
        name="api_application_interviews",
    ),
    path(
        "applications/<int:pk>/offers/",
        jobs_api.ApplicationOffers.as_view(),
        name="api_application_offers",
    ),
    path(
        "applications/<int:pk>/hire/",
        jobs_api.ApplicationHire.as_view(),
        name="api_application_hire",
    ),
    path(
        "applications/<int:pk>/thread/",
        jobs_api.ApplicationThread.as_view(),
        name="api_application_thread",
    ),
    path("threads/", jobs_api.ThreadList.as_view(), name="api_threads"),
    path("threads/<int:pk>/", jobs_api.ThreadDetail.as_view(), name="api_thread"),
    path(
        "threads/<int:pk>/messages/",
        jobs_api.ThreadMessages.as_view(),
        name="api_thread_messages",
    ),
    path("threads/<int:pk>/read/", jobs_api.ThreadRead.as_view(), name="api_thread_read"),
    path("threads/<int:pk>/report/", jobs_api.ThreadReport.as_view(), name="api_thread_report"),
    path(
        "threads/<int:pk>/messages/<int:message_id>/attachment/",
        jobs_api.ThreadAttachment.as_view(),
        name="api_thread_attachment",
    ),
    path("interviews/<int:pk>/", jobs_api.InterviewDetail.as_view(), name="api_interview"),
    path("interviews/<int:pk>/pick/", jobs_api.InterviewPick.as_view(), name="api_interview_pick"),
    path(
        "interviews/<int:pk>/other-times/",
        jobs_api.InterviewOtherTimes.as_view(),
        name="api_interview_other_times",
    ),
    path(
        "interviews/<int:pk>/reschedule/",
        jobs_api.InterviewReschedule.as_view(),
        name="api_interview_reschedule",
    ),
    path(
        "interviews/<int:pk>/cancel/",
        jobs_api.InterviewCancel.as_view(),
        name="api_interview_cancel",
    ),
    path(
        "interviews/<int:pk>/no-show/",
        jobs_api.InterviewNoShow.as_view(),
        name="api_interview_no_show",
    ),
    path("interviews/<int:pk>/held/", jobs_api.InterviewHeld.as_view(), name="api_interview_held"),
    path("interviews/<int:pk>/ics/", jobs_api.InterviewIcs.as_view(), name="api_interview_ics"),
    path("offers/<int:pk>/withdraw/", jobs_api.OfferWithdraw.as_view(), name="api_offer_withdraw"),
    path("offers/<int:pk>/accept/", jobs_api.OfferAccept.as_view(), name="api_offer_accept"),
    path("offers/<int:pk>/decline/", jobs_api.OfferDecline.as_view(), name="api_offer_decline"),
    path("me/interviews/", jobs_api.MyInterviews.as_view(), name="api_my_interviews"),
    path("me/bookmarks/", jobs_api.MyBookmarks.as_view(), name="api_my_bookmarks"),
    path("me/bookmarks/<int:pk>/", jobs_api.MyBookmark.as_view(), name="api_my_bookmark"),
    path("me/offers/", jobs_api.MyOffers.as_view(), name="api_my_offers"),
    path("me/resume/", jobs_api.MyResume.as_view(), name="api_my_resume"),
    path("me/resume/photo/", jobs_api.MyResumePhoto.as_view(), name="api_my_resume_photo"),
    path("me/resume/pdf/", jobs_api.MyResumePdf.as_view(), name="api_my_resume_pdf"),
    path(
        "me/resume/education/",
        jobs_api.MyResumeEducation.as_view(),
        name="api_my_resume_education",
    ),
    path(
        "me/resume/education/<int:pk>/",
        jobs_api.MyResumeEducationRow.as_view(),
        name="api_my_resume_education_row",
    ),
    path(
        "me/resume/work/",
        jobs_api.MyResumeWork.as_view(),
        name="api_my_resume_work",
    ),
    path(
        "me/resume/work/<int:pk>/",
        jobs_api.MyResumeWorkRow.as_view(),
        name="api_my_resume_work_row",
    ),
    path(
        "me/resume/licenses/",
        jobs_api.MyResumeLicenses.as_view(),
        name="api_my_resume_licenses",
    ),
    path(
        "me/resume/licenses/<int:pk>/",
        jobs_api.MyResumeLicensesRow.as_view(),
        name="api_my_resume_licenses_row",
    ),
    path(
        "me/resume/languages/",
        jobs_api.MyResumeLanguages.as_view(),
        name="api_my_resume_languages",
    ),
    path(
        "me/resume/languages/<int:pk>/",
        jobs_api.MyResumeLanguagesRow.as_view(),
        name="api_my_resume_languages_row",
    ),
    path(
        "me/recommendations/", jobs_api.MyRecommendations.as_view(), name="api_my_recommendations"
    ),
    # courses and skills
    path("courses/", courses_api.CourseList.as_view(), name="api_courses"),
    path("courses/<int:course_id>/", courses_api.CourseDetail.as_view(), name="api_course"),
    path(
        "courses/<int:course_id>/runs/",
        courses_api.CourseRunCreate.as_view(),
        name="api_course_runs",
    ),
    path("course-runs/<int:run_id>/", courses_api.CourseRunDetail.as_view(), name="api_course_run"),
    path(
        "course-runs/<int:run_id>/enroll/",
        courses_api.RunEnroll.as_view(),
        name="api_course_run_enroll",
    ),
    path(
        "enrollments/<int:enrollment_id>/cancel/",
        courses_api.EnrollmentCancel.as_view(),
        name="api_enrollment_cancel",
    ),
    path(
        "enrollments/<int:enrollment_id>/accept/",
        courses_api.EnrollmentAccept.as_view(),
        name="api_enrollment_accept",
    ),
    path(
        "enrollments/<int:enrollment_id>/decline/",
        courses_api.EnrollmentDecline.as_view(),
        name="api_enrollment_decline",
    ),
    path("me/enrollments/", courses_api.MyEnrollments.as_view(), name="api_my_enrollments"),
    path("skills/", skills_api.SkillList.as_view(), name="api_skills"),
    # search
    path("search/", search_api.SearchView.as_view(), name="api_search"),
    path("search/suggest/", search_api.SuggestView.as_view(), name="api_search_suggest"),
    path("me/skills/", skills_api.MySkills.as_view(), name="api_my_skills"),
    # fairs
    path("", include("fairs.api.urls")),
    path(
        "certificates/verify/<str:code>/",
        courses_api.CertificateVerify.as_view(),
        name="api_certificate_verify",
    ),
]
