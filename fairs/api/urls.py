"""Every ``/api/v1/`` route of the fairs (included by config/api_urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("fairs/", views.FairList.as_view(), name="api_fairs"),
    path("fairs/<int:fair_id>/", views.FairDetail.as_view(), name="api_fair"),
    path("fairs/<int:fair_id>/status/", views.FairStatus.as_view(), name="api_fair_status"),
    path("fairs/<int:fair_id>/register/", views.FairRegister.as_view(), name="api_fair_register"),
    path("fairs/<int:fair_id>/requests/", views.FairWishes.as_view(), name="api_fair_requests"),
    path("fairs/<int:fair_id>/booths/", views.FairBooths.as_view(), name="api_fair_booths"),
    path("fairs/<int:fair_id>/draw/", views.FairDraw.as_view(), name="api_fair_draw"),
    path("fairs/<int:fair_id>/report/", views.FairReport.as_view(), name="api_fair_report"),
    path("booths/<int:booth_id>/decide/", views.BoothDecide.as_view(), name="api_booth_decide"),
    path("booths/<int:booth_id>/slots/", views.BoothSlots.as_view(), name="api_booth_slots"),
    path(
        "booths/<int:booth_id>/interviews/",
        views.BoothInterviews.as_view(),
        name="api_booth_interviews",
    ),
    path("booths/<int:booth_id>/queue/", views.BoothQueue.as_view(), name="api_booth_queue"),
    path("booths/<int:booth_id>/queue/next/", views.QueueNext.as_view(), name="api_queue_next"),
    path("queue/<int:entry_id>/accept/", views.CallAccept.as_view(), name="api_call_accept"),
    path("queue/<int:entry_id>/decline/", views.CallDecline.as_view(), name="api_call_decline"),
    path(
        "fair-interviews/<int:interview_id>/cancel/",
        views.InterviewCancel.as_view(),
        name="api_fair_interview_cancel",
    ),
    path("me/fair-interviews/", views.MyInterviews.as_view(), name="api_my_fair_interviews"),
    path(
        "conversations/<int:conversation_id>/messages/",
        views.ConversationMessages.as_view(),
        name="api_conversation_messages",
    ),
    path(
        "conversations/<int:conversation_id>/end/",
        views.ConversationEnd.as_view(),
        name="api_conversation_end",
    ),
    path(
        "conversations/<int:conversation_id>/video/",
        views.ConversationVideo.as_view(),
        name="api_conversation_video",
    ),
    path(
        "conversations/<int:conversation_id>/next-step/",
        views.ConversationNextStep.as_view(),
        name="api_conversation_next_step",
    ),
]
