from django.urls import path

from . import views

app_name = "consulting"

urlpatterns = [
    path("", views.index, name="index"),
    path("book/<int:type_id>/", views.book, name="book"),
    path("mine/", views.mine, name="mine"),
    path("c/<int:booking_id>/", views.booking_detail, name="booking_detail"),
    path("c/<int:booking_id>/reschedule/", views.booking_reschedule, name="booking_reschedule"),
    path("c/<int:booking_id>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("c/<int:booking_id>/consultation.ics", views.booking_ics, name="booking_ics"),
    path("c/<int:booking_id>/summary.pdf", views.booking_summary_pdf, name="booking_summary_pdf"),
    path("calendar/", views.calendar_feed, name="calendar_feed"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
    # counselors
    path("workspace/", views.agenda, name="agenda"),
    path("workspace/availability/", views.availability, name="availability"),
    path(
        "workspace/availability/exceptions/<int:exception_id>/delete/",
        views.availability_exception_delete,
        name="availability_exception_delete",
    ),
    path("workspace/<int:booking_id>/", views.workspace_booking, name="workspace_booking"),
    path("workspace/<int:booking_id>/confirm/", views.workspace_confirm, name="workspace_confirm"),
    path("workspace/<int:booking_id>/decline/", views.workspace_decline, name="workspace_decline"),
    path("workspace/<int:booking_id>/cancel/", views.workspace_cancel, name="workspace_cancel"),
    path("workspace/<int:booking_id>/no-show/", views.workspace_no_show, name="workspace_no_show"),
    path("workspace/<int:booking_id>/notes/", views.workspace_note, name="workspace_note"),
    path(
        "workspace/<int:booking_id>/actions/",
        views.workspace_action_item,
        name="workspace_action_item",
    ),
    path(
        "workspace/<int:booking_id>/actions/<int:item_id>/toggle/",
        views.workspace_action_toggle,
        name="workspace_action_toggle",
    ),
    path("workspace/<int:booking_id>/outcome/", views.workspace_outcome, name="workspace_outcome"),
]
