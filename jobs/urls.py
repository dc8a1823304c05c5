from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/apply/", views.apply, name="apply"),
    path("<int:pk>/bookmark/", views.bookmark, name="bookmark"),
    path("companies/<int:pk>/", views.company, name="company"),
    path(
        "invitations/<str:token>/",
        views.company_invitation_accept,
        name="company_invitation_accept",
    ),
    # trainees
    path("me/applications/", views.my_applications, name="my_applications"),
    path("me/applications/<int:pk>/", views.my_application, name="my_application"),
    path(
        "me/applications/<int:pk>/withdraw/",
        views.my_application_withdraw,
        name="my_application_withdraw",
    ),
    path("me/applications/<int:pk>/file/", views.my_application_file, name="my_application_file"),
    path("me/interviews/<int:pk>/pick/", views.my_interview_pick, name="my_interview_pick"),
    path(
        "me/interviews/<int:pk>/other-times/",
        views.my_interview_request_times,
        name="my_interview_request_times",
    ),
    path("me/interviews/<int:pk>/cancel/", views.my_interview_cancel, name="my_interview_cancel"),
    path("me/interviews/<int:pk>/interview.ics", views.my_interview_ics, name="my_interview_ics"),
    path("me/offers/<int:pk>/<str:answer>/", views.my_offer_answer, name="my_offer_answer"),
    path("me/recommendations/", views.recommendations, name="recommendations"),
    path("me/profile/", views.my_profile, name="my_profile"),
    path("me/profile/portfolio/", views.my_portfolio_add, name="my_portfolio_add"),
    path(
        "me/profile/portfolio/<int:pk>/delete/",
        views.my_portfolio_delete,
        name="my_portfolio_delete",
    ),
    path("me/resume.pdf", views.my_resume_pdf, name="my_resume_pdf"),
    path("me/resume/", views.my_resume, name="my_resume"),
    path("me/resume/preview/", views.my_resume_preview, name="my_resume_preview"),
    path("me/resume/basics/", views.my_resume_basics, name="my_resume_basics"),
    path("me/resume/photo/", views.my_resume_photo, name="my_resume_photo"),
    path("me/resume/photo/delete/", views.my_resume_photo_delete, name="my_resume_photo_delete"),
    path("me/resume/<slug:section>/add/", views.my_resume_row_add, name="my_resume_row_add"),
    path("me/resume/<slug:section>/<int:pk>/", views.my_resume_row_edit, name="my_resume_row_edit"),
    path(
        "me/resume/<slug:section>/<int:pk>/delete/",
        views.my_resume_row_delete,
        name="my_resume_row_delete",
    ),
    path("resume-photos/<int:user_id>/", views.resume_photo, name="resume_photo"),
    path("me/contact-requests/", views.my_contact_requests, name="my_contact_requests"),
    path(
        "me/contact-requests/<int:pk>/<str:decision>/",
        views.my_contact_request_decide,
        name="my_contact_request_decide",
    ),
    path("me/bookmarks/", views.my_bookmarks, name="my_bookmarks"),
    path("me/searches/", views.my_searches, name="my_searches"),
    path("me/searches/<int:pk>/delete/", views.my_search_delete, name="my_search_delete"),
    path("portfolio/<int:pk>/", views.portfolio_image, name="portfolio_image"),
    # employers
    path("employer/", views.employer_home, name="employer_home"),
    path("employer/companies/<int:pk>/", views.employer_company, name="employer_company"),
    path(
        "employer/companies/<int:pk>/invite/",
        views.employer_company_invite,
        name="employer_company_invite",
    ),
    path(
        "employer/companies/<int:pk>/centers/",
        views.employer_company_join,
        name="employer_company_join",
    ),
    path("employer/postings/new/", views.employer_posting_new, name="employer_posting_new"),
    path("employer/postings/<int:pk>/", views.employer_posting, name="employer_posting"),
    path(
        "employer/postings/<int:pk>/edit/",
        views.employer_posting_edit,
        name="employer_posting_edit",
    ),
    path("employer/postings/<int:pk>/board/", views.employer_board, name="employer_board"),
    path(
        "employer/postings/<int:pk>/candidates/",
        views.employer_candidates,
        name="employer_candidates",
    ),
    path(
        "employer/postings/<int:pk>/<str:action>/",
        views.employer_posting_action,
        name="employer_posting_action",
    ),
    path("employer/candidates/<int:user_id>/", views.employer_candidate, name="employer_candidate"),
    path(
        "employer/applications/<int:pk>/", views.employer_application, name="employer_application"
    ),
    path(
        "employer/applications/<int:pk>/move/",
        views.employer_board_move,
        name="employer_board_move",
    ),
    path(
        "employer/applications/<int:pk>/file/",
        views.employer_application_file,
        name="employer_application_file",
    ),
    path(
        "employer/applications/<int:pk>/resume.pdf",
        views.employer_application_pdf,
        name="employer_application_pdf",
    ),
    path(
        "employer/applications/<int:pk>/interviews/",
        views.employer_interview_propose,
        name="employer_interview_propose",
    ),
    path(
        "employer/applications/<int:pk>/offers/",
        views.employer_offer_make,
        name="employer_offer_make",
    ),
    path(
        "employer/interviews/<int:pk>/times/",
        views.employer_interview_times,
        name="employer_interview_times",
    ),
    path(
        "employer/interviews/<int:pk>/cancel/",
        views.employer_interview_cancel,
        name="employer_interview_cancel",
    ),
    path(
        "employer/interviews/<int:pk>/interview.ics",
        views.employer_interview_ics,
        name="employer_interview_ics",
    ),
    path(
        "employer/interviews/<int:pk>/<str:outcome>/",
        views.employer_interview_mark,
        name="employer_interview_mark",
    ),
    path(
        "employer/offers/<int:pk>/withdraw/",
        views.employer_offer_withdraw,
        name="employer_offer_withdraw",
    ),
    # messages between a company and a candidate
    path("messages/", views.thread_list, name="threads"),
    path("messages/<int:pk>/", views.thread_detail, name="thread"),
    path("messages/<int:pk>/report/", views.thread_report, name="thread_report"),
    path(
        "messages/<int:pk>/files/<int:message_id>/",
        views.message_attachment,
        name="message_attachment",
    ),
    path("applications/<int:pk>/messages/", views.application_thread, name="application_thread"),
    path(
        "contact-requests/<int:pk>/messages/",
        views.contact_request_thread,
        name="contact_request_thread",
    ),
    # center staff
    path("staff/review/", views.staff_review, name="staff_review"),
    path("staff/messages/", views.staff_threads, name="staff_threads"),
    path("staff/messages/<int:pk>/", views.staff_thread, name="staff_thread"),
    path(
        "staff/applications/<int:pk>/hire/",
        views.staff_application_hire,
        name="staff_application_hire",
    ),
    path("staff/postings/<int:pk>/", views.staff_posting, name="staff_posting"),
]
