from django.urls import path

from . import views

app_name = "fairs"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:fair_id>/", views.fair_detail, name="detail"),
    path("<int:fair_id>/register/", views.register, name="register"),
    path("<int:fair_id>/requests/", views.wishes, name="wishes"),
    path("<int:fair_id>/me/", views.my_fair, name="my_fair"),
    path("<int:fair_id>/participate/", views.participate, name="participate"),
    path("booths/<int:booth_id>/", views.booth_detail, name="booth"),
    path("booths/<int:booth_id>/queue/", views.queue_join, name="queue_join"),
    path("booths/<int:booth_id>/interviews/", views.interview_book, name="interview_book"),
    path("queue/<int:entry_id>/leave/", views.queue_leave, name="queue_leave"),
    path("queue/<int:entry_id>/accept/", views.call_accept, name="call_accept"),
    path("queue/<int:entry_id>/decline/", views.call_decline, name="call_decline"),
    path("interviews/<int:interview_id>/cancel/", views.interview_cancel, name="interview_cancel"),
    path("interviews/<int:interview_id>/mark/", views.interview_mark, name="interview_mark"),
    # company members and representatives
    path("booths/<int:booth_id>/edit/", views.booth_edit, name="booth_edit"),
    path("booths/<int:booth_id>/answer/", views.invitation_answer, name="invitation_answer"),
    path("booths/<int:booth_id>/brochures/", views.brochure_add, name="brochure_add"),
    path(
        "booths/<int:booth_id>/brochures/<int:brochure_id>/remove/",
        views.brochure_remove,
        name="brochure_remove",
    ),
    path(
        "booths/<int:booth_id>/representatives/",
        views.representative_add,
        name="representative_add",
    ),
    path("booths/<int:booth_id>/console/", views.console, name="console"),
    path("booths/<int:booth_id>/online/", views.set_online, name="set_online"),
    path("booths/<int:booth_id>/call-next/", views.call_next, name="call_next"),
    path("booths/<int:booth_id>/slots/", views.slots_publish, name="slots_publish"),
    path("conversations/<int:conversation_id>/", views.conversation, name="conversation"),
    path("conversations/<int:conversation_id>/messages/", views.message_send, name="message_send"),
    path(
        "conversations/<int:conversation_id>/video/",
        views.conversation_video,
        name="conversation_video",
    ),
    path(
        "conversations/<int:conversation_id>/end/", views.conversation_end, name="conversation_end"
    ),
    path(
        "conversations/<int:conversation_id>/next-step/",
        views.conversation_next_step,
        name="conversation_next_step",
    ),
    # center staff
    path("staff/", views.staff_fairs, name="staff_fairs"),
    path("staff/new/", views.staff_fair_form, name="staff_fair_new"),
    path("staff/<int:fair_id>/", views.staff_fair, name="staff_fair"),
    path("staff/<int:fair_id>/edit/", views.staff_fair_form, name="staff_fair_edit"),
    path("staff/<int:fair_id>/status/", views.staff_fair_status, name="staff_fair_status"),
    path("staff/<int:fair_id>/invite/", views.staff_invite, name="staff_invite"),
    path(
        "staff/booths/<int:booth_id>/decide/", views.staff_booth_decide, name="staff_booth_decide"
    ),
    path("staff/<int:fair_id>/draw/", views.staff_draw, name="staff_draw"),
    path(
        "staff/<int:fair_id>/report.<str:fmt>",
        views.staff_export,
        name="staff_export",
    ),
]
