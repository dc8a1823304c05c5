"""Interviews, offers and hires in the API.

The roles decide who may call before the body is read (``core.permissions.roles``); the object
comes through a selector that answers 404 for another company's or person's; one service per
operation, whose ``ValidationError`` is a 400 and ``ConflictError`` a 409 in the one error
format (``core.api.errors``).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from core.api.parsers import LimitedJSONParser
from core.permissions import WRITE, roles

from .. import selectors, services
from ..calendar import interview_ics_response
from .serializers import (
    EmploymentSerializer,
    HireSerializer,
    InterviewNoteSerializer,
    InterviewProposeSerializer,
    InterviewReasonSerializer,
    InterviewRescheduleSerializer,
    InterviewSerializer,
    OfferAnswerSerializer,
    OfferCreateSerializer,
    OfferSerializer,
    PickSerializer,
)

PARTIES = roles("employer", "trainee")


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _interview(request, pk: int) -> Response:
    return Response(InterviewSerializer(selectors.get_interview_for_party(request.user, pk)).data)


class ApplicationInterviews(APIView):
    """GET: an application's interviews (its candidate or company). POST: propose times (company)."""

    permission_classes = [PARTIES, roles("employer", methods=WRITE)]
    parser_classes = [LimitedJSONParser]

    @extend_schema(responses=InterviewSerializer(many=True))
    def get(self, request, pk: int):
        application = selectors.get_application_for_party(request.user, pk)
        return Response(InterviewSerializer(selectors.interviews_of(application), many=True).data)

    @extend_schema(request=InterviewProposeSerializer, responses={201: InterviewSerializer})
    def post(self, request, pk: int):
        application = selectors.get_application_for_member(request.user, pk)
        data = _valid(InterviewProposeSerializer, request)
        interviewer = None
        if data.get("interviewer"):
            interviewer = User.objects.filter(pk=data["interviewer"]).first()
            if interviewer is None:
                raise serializers.ValidationError(
                    {"interviewer": [_("Choose a member of your company.")]}
                )
        interview = services.interview_propose(
            application=application,
            by=request.user,
            mode=data["mode"],
            times=data["times"],
            duration_minutes=data["duration_minutes"],
            address=data.get("address", ""),
            phone=data.get("phone", ""),
            note=data.get("note", ""),
            interviewer=interviewer,
        )
        body = InterviewSerializer(selectors.get_interview_for_member(request.user, interview.pk))
        return Response(body.data, status=status.HTTP_201_CREATED)


class InterviewDetail(APIView):
    """One interview, for its candidate or a member of the company."""

    permission_classes = [PARTIES]

    @extend_schema(responses=InterviewSerializer)
    def get(self, request, pk: int):
        return _interview(request, pk)


class InterviewPick(APIView):
    """The candidate picks one of the proposed times (``slot``): 409 if it is taken meanwhile."""

    permission_classes = [roles("trainee")]
    parser_classes = [LimitedJSONParser]

    @extend_schema(request=PickSerializer, responses=InterviewSerializer)
    def post(self, request, pk: int):
        interview = selectors.get_interview_for_candidate(request.user, pk)
        data = _valid(PickSerializer, request)
        services.interview_pick(interview=interview, by=request.user, slot_id=data["slot"])
        return _interview(request, pk)


class InterviewOtherTimes(APIView):
    """The candidate asks for other times, with a note."""

    permission_classes = [roles("trainee")]
    parser_classes = [LimitedJSONParser]

    @extend_schema(request=InterviewNoteSerializer, responses=InterviewSerializer)
    def post(self, request, pk: int):
        interview = selectors.get_interview_for_candidate(request.user, pk)
        data = _valid(InterviewNoteSerializer, request)
        services.interview_request_times(interview=interview, by=request.user, note=data["note"])
        return _interview(request, pk)


class InterviewReschedule(APIView):
    """Either side moves an interview: the company with new ``times`` (and a ``reason`` once it is
    confirmed), the candidate with a ``reason`` (the company then proposes new times)."""

    permission_classes = [PARTIES]
    parser_classes = [LimitedJSONParser]

    @extend_schema(request=InterviewRescheduleSerializer, responses=InterviewSerializer)
    def post(self, request, pk: int):
        interview = selectors.get_interview_for_party(request.user, pk)
        data = _valid(InterviewRescheduleSerializer, request)
        if interview.candidate_id == request.user.pk:
            services.interview_request_times(
                interview=interview, by=request.user, note=data.get("reason", "")
            )
        else:
            if not data.get("times"):
                raise serializers.ValidationError({"times": [_("Propose at least one time.")]})
            services.interview_propose_times(
                interview=interview,
                by=request.user,
                times=data["times"],
                reason=data.get("reason", ""),
            )
        return _interview(request, pk)


class InterviewCancel(APIView):
    """Either side cancels an open interview before it starts, with a reason."""

    permission_classes = [PARTIES]
    parser_classes = [LimitedJSONParser]

    @extend_schema(request=InterviewReasonSerializer, responses=InterviewSerializer)
    def post(self, request, pk: int):
        interview = selectors.get_interview_for_party(request.user, pk)
        data = _valid(InterviewReasonSerializer, request)
        services.interview_cancel(interview=interview, by=request.user, reason=data["reason"])
        return _interview(request, pk)


class _InterviewOutcome(APIView):
    permission_classes = [roles("employer")]
    parser_classes = [LimitedJSONParser]
    service = None

    @extend_schema(request=None, responses=InterviewSerializer)
    def post(self, request, pk: int):
        interview = selectors.get_interview_for_member(request.user, pk)
        type(self).service(interview=interview, by=request.user)
        return _interview(request, pk)


class InterviewNoShow(_InterviewOutcome):
    """The company marks a started interview as a no-show."""

    service = staticmethod(services.interview_mark_no_show)


class InterviewHeld(_InterviewOutcome):
    """The company marks a started interview as held."""

    service = staticmethod(services.interview_mark_held)


class InterviewIcs(APIView):
    """A confirmed interview as an .ics file."""

    permission_classes = [PARTIES]

    @extend_schema(responses={(200, "text/calendar"): str})
    def get(self, request, pk: int):
        interview = selectors.get_interview_for_party(request.user, pk)
        if interview.start is None:
            raise serializers.ValidationError(_("This interview has no time yet."))
        return interview_ics_response(interview, viewer=request.user)


class ApplicationOffers(APIView):
    """GET: an application's offers (its candidate or company). POST: make an offer (company)."""

    permission_classes = [PARTIES, roles("employer", methods=WRITE)]
    parser_classes = [LimitedJSONParser]

    @extend_schema(responses=OfferSerializer(many=True))
    def get(self, request, pk: int):
        application = selectors.get_application_for_party(request.user, pk)
        return Response(OfferSerializer(selectors.offers_of(application), many=True).data)

    @extend_schema(request=OfferCreateSerializer, responses={201: OfferSerializer})
    def post(self, request, pk: int):
        application = selectors.get_application_for_member(request.user, pk)
        data = _valid(OfferCreateSerializer, request)
        offer = services.offer_make(application=application, by=request.user, **data)
        body = OfferSerializer(selectors.get_offer_for_member(request.user, offer.pk))
        return Response(body.data, status=status.HTTP_201_CREATED)


class OfferWithdraw(APIView):
    """The company withdraws an open offer."""

    permission_classes = [roles("employer")]
    parser_classes = [LimitedJSONParser]

    @extend_schema(request=OfferAnswerSerializer, responses=OfferSerializer)
    def post(self, request, pk: int):
        offer = selectors.get_offer_for_member(request.user, pk)
        data = _valid(OfferAnswerSerializer, request)
        services.offer_withdraw(offer=offer, by=request.user, reason=data.get("reason", ""))
        return Response(OfferSerializer(selectors.get_offer_for_member(request.user, pk)).data)


class OfferAccept(APIView):
    """The candidate accepts: the application becomes 취업 and the employment is recorded.
    An expired, withdrawn or answered offer is 409."""

    permission_classes = [roles("trainee")]
    parser_classes = [LimitedJSONParser]

    @extend_schema(request=None, responses=OfferSerializer)
    def post(self, request, pk: int):
        offer = selectors.get_offer_for_candidate(request.user, pk)
        services.offer_accept(offer=offer, by=request.user)
        return Response(OfferSerializer(selectors.get_offer_for_candidate(request.user, pk)).data)


class OfferDecline(APIView):
    """The candidate declines, optionally with a reason."""

    permission_classes = [roles("trainee")]
    parser_classes = [LimitedJSONParser]

    @extend_schema(request=OfferAnswerSerializer, responses=OfferSerializer)
    def post(self, request, pk: int):
        offer = selectors.get_offer_for_candidate(request.user, pk)
        data = _valid(OfferAnswerSerializer, request)
        services.offer_decline(offer=offer, by=request.user, reason=data.get("reason", ""))
        return Response(OfferSerializer(selectors.get_offer_for_candidate(request.user, pk)).data)


class MyInterviews(generics.ListAPIView):
    """Your interviews as a candidate, newest first."""

    permission_classes = [roles("trainee")]
    serializer_class = InterviewSerializer

    def get_queryset(self):
        return selectors.interviews_for_candidate(self.request.user)


class MyOffers(generics.ListAPIView):
    """The offers made to you, newest first."""

    permission_classes = [roles("trainee")]
    serializer_class = OfferSerializer

    def get_queryset(self):
        return selectors.offers_for_candidate(self.request.user).select_related("employment")


class ApplicationHire(APIView):
    """Center staff record a hire the platform did not see, with a reason (audit-logged)."""

    permission_classes = [roles("staff")]
    parser_classes = [LimitedJSONParser]

    @extend_schema(request=HireSerializer, responses={201: EmploymentSerializer})
    def post(self, request, pk: int):
        application = selectors.get_application_for_staff(request.user, pk)
        data = _valid(HireSerializer, request)
        employment = services.application_record_hire(
            application=application,
            by=request.user,
            reason=data["reason"],
            start_date=data["start_date"],
            position=data.get("position", ""),
            employment_type=data.get("employment_type", ""),
            salary=data.get("salary"),
        )
        return Response(EmploymentSerializer(employment).data, status=status.HTTP_201_CREATED)
