"""Every ``/api/v1/`` route. Apps add theirs here as they arrive."""

from django.urls import path

from accounts import api as accounts_api
from consulting import api as consulting_api

urlpatterns = [
    path("me/", accounts_api.MeView.as_view(), name="api_me"),
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
]
