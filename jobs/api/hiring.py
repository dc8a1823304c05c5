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


class _InterviewAction(APIView):
    """POST a body (``serializer_class``) to one interview, fetched by ``fetch``; answers with it."""

    parser_classes = [LimitedJSONParser]
    fetch = staticmethod(selectors.get_interview_for_party)
    serializer_class = None

    def act(self, interview, data: dict) -> None:
        raise NotImplementedError

    @extend_schema(responses=InterviewSerializer)
    def post(self, request, pk: int):
        interview = type(self).fetch(request.user, pk)
        self.act(interview, _valid(self.serializer_class, request) if self.serializer_class else {})
        return _interview(request, pk)


class InterviewPick(_InterviewAction):
    """The candidate picks one of the proposed times (``slot``): 409 if it is taken meanwhile."""

    permission_classes = [roles("trainee")]
    fetch = staticmethod(selectors.get_interview_for_candidate)
    serializer_class = PickSerializer

    def act(self, interview, data):
        services.interview_pick(interview=interview, by=self.request.user, slot_id=data["slot"])


class InterviewOtherTimes(_InterviewAction):
    """The candidate asks for other times, with a note."""

    permission_classes = [roles("trainee")]
    fetch = staticmethod(selectors.get_interview_for_candidate)
    serializer_class = InterviewNoteSerializer

    def act(self, interview, data):
        services.interview_request_times(
            interview=interview, by=self.request.user, note=data["note"]
        )


class InterviewReschedule(_InterviewAction):
    """Either side moves an interview: the company with new ``times`` (and a ``reason`` once it is
    confirmed), the candidate with a ``reason`` (the company then proposes new times)."""

    permission_classes = [PARTIES]
    serializer_class = InterviewRescheduleSerializer

    def act(self, interview, data):
        by = self.request.user
        if interview.candidate_id == by.pk:
            services.interview_request_times(
                interview=interview, by=by, note=data.get("reason", "")
            )
            return
        if not data.get("times"):
            raise serializers.ValidationError({"times": [_("Propose at least one time.")]})
        services.interview_propose_times(
            interview=interview, by=by, times=data["times"], reason=data.get("reason", "")
        )


class InterviewCancel(_InterviewAction):
    """Either side cancels an open interview before it starts, with a reason."""

    permission_classes = [PARTIES]
    serializer_class = InterviewReasonSerializer

    def act(self, interview, data):
        services.interview_cancel(interview=interview, by=self.request.user, reason=data["reason"])


class _InterviewOutcome(_InterviewAction):
    permission_classes = [roles("employer")]
    fetch = staticmethod(selectors.get_interview_for_member)
    service = None

    def act(self, interview, data):
        type(self).service(interview=interview, by=self.request.user)

    @extend_schema(request=None, responses=InterviewSerializer)
    def post(self, request, pk: int):
        return super().post(request, pk)


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


class _OfferAction(APIView):
    """POST an answer to one offer, fetched by ``fetch``; answers with the offer as ``fetch`` sees it."""

    parser_classes = [LimitedJSONParser]
    fetch = staticmethod(selectors.get_offer_for_candidate)
    serializer_class = OfferAnswerSerializer

    def act(self, offer, data: dict) -> None:
        raise NotImplementedError

    @extend_schema(responses=OfferSerializer)
    def post(self, request, pk: int):
        offer = type(self).fetch(request.user, pk)
        self.act(offer, _valid(self.serializer_class, request))
        return Response(OfferSerializer(type(self).fetch(request.user, pk)).data)


class OfferWithdraw(_OfferAction):
    """The company withdraws an open offer."""

    permission_classes = [roles("employer")]
    fetch = staticmethod(selectors.get_offer_for_member)

    def act(self, offer, data):
        services.offer_withdraw(offer=offer, by=self.request.user, reason=data.get("reason", ""))


class OfferAccept(_OfferAction):
    """The candidate accepts: the application becomes 취업 and the employment is recorded.
    An expired, withdrawn or answered offer is 409."""

    permission_classes = [roles("trainee")]

    def act(self, offer, data):
        services.offer_accept(offer=offer, by=self.request.user)


class OfferDecline(_OfferAction):
    """The candidate declines, optionally with a reason."""

    permission_classes = [roles("trainee")]

    def act(self, offer, data):
        services.offer_decline(offer=offer, by=self.request.user, reason=data.get("reason", ""))


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
