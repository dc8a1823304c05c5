from django.urls import path

from . import views

app_name = "consulting"

urlpatterns = [
    path("", views.index, name="index"),
    path("c/<int:booking_id>/", views.booking_detail, name="booking_detail"),
    path("workspace/<int:booking_id>/", views.workspace_booking, name="workspace_booking"),
]
