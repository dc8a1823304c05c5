"""``/api/v1/`` for fairs. 400 for bad input, 409 when the state says no (taken, full, busy), 404 for
another person's or company's object and for a wrong role, checked before the body is read."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import permissions, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Center, Company
from core.permissions import WRITE, roles
from jobs.models import Posting

from .. import selectors, services
from ..models import Message, QueueEntry
from .serializers import (
    BoothSerializer,
    ConversationSerializer,
    DecideSerializer,
    DrawSerializer,
    FairCreateSerializer,
    FairInterviewSerializer,
    FairSerializer,
    InviteSerializer,
    MessageCreateSerializer,
    MessageSerializer,
    NextStepSerializer,
    RegisterSerializer,
    SlotRequestSerializer,
    StatusSerializer,
    WishesSerializer,
)

QueuePlaceSerializer = inline_serializer(
    "QueuePlace",
    {
        "entry": serializers.IntegerField(),
        "status": serializers.CharField(),
        "position": serializers.IntegerField(),
        "held": serializers.BooleanField(),
        "people_ahead": serializers.IntegerField(),
        "representatives_online": serializers.IntegerField(),
        "median_conversation_minutes": serializers.FloatField(),
        "conversations_sampled": serializers.IntegerField(),
        "estimate_minutes": serializers.IntegerField(allow_null=True),
    },
)


def _place_json(place) -> dict:
    e = place.estimate
    return {
        "entry": place.entry.pk,
        "status": place.entry.status,
        "position": place.position,
        "held": place.held,
        "people_ahead": e.ahead,
        "representatives_online": e.reps_online,
        "median_conversation_minutes": e.median_minutes,
        "conversations_sampled": e.sample,
        "estimate_minutes": e.minutes,
    }


# --- fairs ---------------------------------------------------------------------------


class FairList(APIView):
    permission_classes = [roles("staff", methods=WRITE)]

    @extend_schema(responses=FairSerializer(many=True))
    def get(self, request):
        return Response(
            FairSerializer(selectors.public_fairs().order_by("-starts_on"), many=True).data
        )

    @extend_schema(request=FairCreateSerializer, responses={201: FairSerializer})
    def post(self, request):
        data = FairCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        center_id = values.pop("center_id")
        if center_id not in request.user.staff_center_ids():
            raise Http404
        fair = services.fair_create(
            center=Center.objects.get(pk=center_id), by=request.user, data=values
        )
        return Response(FairSerializer(fair).data, status=status.HTTP_201_CREATED)


class FairDetail(APIView):
    permission_classes = [roles("staff", methods=WRITE)]

    @extend_schema(responses=FairSerializer)
    def get(self, request, fair_id: int):
        return Response(FairSerializer(selectors.get_fair_for_viewer(request.user, fair_id)).data)

    @extend_schema(request=FairSerializer, responses=FairSerializer)
    def patch(self, request, fair_id: int):
        fair = selectors.get_fair_for_staff(request.user, fair_id)
        data = FairSerializer(fair, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fair = services.fair_update(fair=fair, by=request.user, data=dict(data.validated_data))
        return Response(FairSerializer(fair).data)


class FairStatus(APIView):
    permission_classes = [roles("staff")]

    @extend_schema(request=StatusSerializer, responses=FairSerializer)
    def post(self, request, fair_id: int):
        fair = selectors.get_fair_for_staff(request.user, fair_id)
        data = StatusSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fair = services.fair_set_status(
            fair=fair, status=data.validated_data["status"], by=request.user
        )
        return Response(FairSerializer(fair).data)


class FairRegister(APIView):
    permission_classes = [roles("trainee")]

    @extend_schema(request=RegisterSerializer, responses={201: None})
    def post(self, request, fair_id: int):
        fair = selectors.get_fair_for_viewer(request.user, fair_id)
        data = RegisterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        registration = services.registration_create(
            fair=fair, attendee=request.user, sharing=data.validated_data
        )
        return Response(
            {"registration": registration.pk, **data.validated_data}, status=status.HTTP_201_CREATED
        )


class FairWishes(APIView):
    permission_classes = [roles("trainee")]

    @extend_schema(request=WishesSerializer, responses=WishesSerializer)
    def put(self, request, fair_id: int):
        fair = selectors.get_fair_for_viewer(request.user, fair_id)
        registration = selectors.get_registration(request.user, fair)
        if registration is None:
            raise ValidationError(_("Register for the fair first."))
        data = WishesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        requests = services.draw_requests_set(
            registration=registration, booth_ids=data.validated_data["booths"]
        )
        return Response({"booths": [r.booth_id for r in requests]})


class FairBooths(APIView):
    permission_classes = [roles("staff", methods=WRITE)]

    @extend_schema(responses=BoothSerializer(many=True))
    def get(self, request, fair_id: int):
        fair = selectors.get_fair_for_viewer(request.user, fair_id)
        rows = []
        for card in selectors.booth_cards(fair):
            row = BoothSerializer(card.booth).data
            row.update(
                representatives_online=card.reps_online,
                waiting=card.waiting,
                wait_minutes=card.estimate.minutes,
            )
            rows.append(row)
        return Response(rows)

    @extend_schema(request=InviteSerializer, responses={201: BoothSerializer})
    def post(self, request, fair_id: int):
        fair = selectors.get_fair_for_staff(request.user, fair_id)
        data = InviteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        company = get_object_or_404(Company, pk=data.validated_data["company"])
        booth = services.booth_invite(fair=fair, company=company, by=request.user)
        return Response(BoothSerializer(booth).data, status=status.HTTP_201_CREATED)


class BoothDecide(APIView):
    permission_classes = [roles("staff")]

    @extend_schema(request=DecideSerializer, responses=BoothSerializer)
    def post(self, request, booth_id: int):
        booth = selectors.get_booth_for_staff(request.user, booth_id)
        data = DecideSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        booth = services.booth_decide(
            booth=booth, approve=data.validated_data["approve"], by=request.user
        )
        return Response(BoothSerializer(booth).data)


class FairDraw(APIView):
    permission_classes = [roles("staff")]

    @extend_schema(request=DrawSerializer, responses=None)
    def post(self, request, fair_id: int):
        fair = selectors.get_fair_for_staff(request.user, fair_id)
        data = DrawSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        draw = services.draw_run(
            fair=fair, by=request.user, seed=data.validated_data.get("seed") or None
        )
        return Response(
            {"seed": draw.seed, "ran_at": draw.ran_at, "result": draw.result},
            status=status.HTTP_201_CREATED,
        )


class FairReport(APIView):
    permission_classes = [roles("staff")]

    @extend_schema(
        responses=OpenApiResponse(
            OpenApiTypes.OBJECT,
            description="The post-fair report: the fair, its totals and one block per booth "
            "(visits, queue joins, waits, conversations, interviews, next steps, hires).",
        )
    )
    def get(self, request, fair_id: int):
        fair = selectors.get_fair_for_staff(request.user, fair_id)
        return Response(selectors.fair_report(fair))


# --- interviews ----------------------------------------------------------------------


class BoothSlots(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        responses=inline_serializer(
            "FairSlot",
            {
                "id": serializers.IntegerField(),
                "start": serializers.DateTimeField(),
                "end": serializers.DateTimeField(),
                "available": serializers.BooleanField(),
            },
            many=True,
        )
    )
    def get(self, request, booth_id: int):
        booth = selectors.get_booth_for_viewer(request.user, booth_id)
        return Response(
            [
                {"id": s["id"], "start": s["start"], "end": s["end"], "available": s["available"]}
                for s in selectors.open_slots(booth)
            ]
        )


class BoothInterviews(APIView):
    permission_classes = [roles("trainee")]

    @extend_schema(request=SlotRequestSerializer, responses={201: FairInterviewSerializer})
    def post(self, request, booth_id: int):
        booth = selectors.get_booth_for_viewer(request.user, booth_id)
        data = SlotRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        slot = selectors.get_slot_for_booking(data.validated_data["slot"])
        interview = services.interview_book(booth=booth, slot=slot, attendee=request.user)
        return Response(FairInterviewSerializer(interview).data, status=status.HTTP_201_CREATED)


class InterviewCancel(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=None, responses=FairInterviewSerializer)
    def post(self, request, interview_id: int):
        try:
            interview = selectors.get_interview_for_attendee(request.user, interview_id)
        except Http404:  # perhaps the person represents the booth
            interview = selectors.get_interview_for_representative(request.user, interview_id)
        interview = services.interview_cancel(interview=interview, by=request.user)
        return Response(FairInterviewSerializer(interview).data)


class MyInterviews(APIView):
    permission_classes = [roles("trainee")]

    @extend_schema(responses=FairInterviewSerializer(many=True))
    def get(self, request):
        return Response(
            FairInterviewSerializer(selectors.my_interviews(request.user), many=True).data
        )


# --- queue and conversations ---------------------------------------------------------


class BoothQueue(APIView):
    permission_classes = [roles("trainee")]

    def _entry(self, request, booth):
        return QueueEntry.objects.filter(
            booth=booth, attendee=request.user, status__in=QueueEntry.ACTIVE
        ).first()

    @extend_schema(responses=QueuePlaceSerializer)
    def get(self, request, booth_id: int):
        booth = selectors.get_booth_for_viewer(request.user, booth_id)
        services.expire_calls(booth=booth)
        entry = self._entry(request, booth)
        if entry is None:
            raise NotFound(_("You are not in this queue."))
        return Response(_place_json(selectors.queue_place(entry)))

    @extend_schema(request=None, responses={201: QueuePlaceSerializer})
    def post(self, request, booth_id: int):
        booth = selectors.get_booth_for_viewer(request.user, booth_id)
        entry = services.queue_join(booth=booth, attendee=request.user)
        return Response(_place_json(selectors.queue_place(entry)), status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, booth_id: int):
        booth = selectors.get_booth_for_viewer(request.user, booth_id)
        entry = self._entry(request, booth)
        if entry is None:
            raise NotFound(_("You are not in this queue."))
        services.queue_leave(entry=entry)
        return Response(status=status.HTTP_204_NO_CONTENT)


class QueueNext(APIView):
    permission_classes = [roles("employer")]

    @extend_schema(request=None, responses={200: None, 204: None})
    def post(self, request, booth_id: int):
        booth = selectors.get_booth_for_representative(request.user, booth_id)
        entry = services.queue_call_next(booth=booth, representative=request.user)
        if entry is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(
            {"entry": entry.pk, "attendee": entry.attendee.name, "answer_by": entry.answer_by}
        )


class CallAccept(APIView):
    permission_classes = [roles("trainee")]

    @extend_schema(request=None, responses={201: ConversationSerializer})
    def post(self, request, entry_id: int):
        entry = selectors.get_entry_for_attendee(request.user, entry_id)
        conversation = services.call_accept(entry=entry, attendee=request.user)
        return Response(ConversationSerializer(conversation).data, status=status.HTTP_201_CREATED)


class CallDecline(APIView):
    permission_classes = [roles("trainee")]

    @extend_schema(request=None, responses={200: None})
    def post(self, request, entry_id: int):
        entry = selectors.get_entry_for_attendee(request.user, entry_id)
        entry = services.call_decline(entry=entry, attendee=request.user)
        return Response({"entry": entry.pk, "status": entry.status, "misses": entry.misses})


class ConversationMessages(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=MessageSerializer(many=True))
    def get(self, request, conversation_id: int):
        conversation = selectors.get_conversation_for_participant(request.user, conversation_id)
        messages = Message.objects.filter(conversation=conversation)
        return Response(MessageSerializer(messages, many=True, context={"request": request}).data)

    @extend_schema(request=MessageCreateSerializer, responses={201: MessageSerializer})
    def post(self, request, conversation_id: int):
        conversation = selectors.get_conversation_for_participant(request.user, conversation_id)
        data = MessageCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        message = services.message_send(
            conversation=conversation, sender=request.user, body=data.validated_data["body"]
        )
        return Response(
            MessageSerializer(message, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class ConversationEnd(APIView):
    permission_classes = [roles("employer")]

    @extend_schema(request=None, responses=ConversationSerializer)
    def post(self, request, conversation_id: int):
        conversation = selectors.get_conversation_for_representative(request.user, conversation_id)
        conversation = services.conversation_end(conversation=conversation, by=request.user)
        return Response(ConversationSerializer(conversation).data)


class ConversationVideo(APIView):
    permission_classes = [roles("employer")]

    @extend_schema(request=None, responses=ConversationSerializer)
    def post(self, request, conversation_id: int):
        conversation = selectors.get_conversation_for_representative(request.user, conversation_id)
        conversation = services.conversation_start_video(conversation=conversation, by=request.user)
        return Response(ConversationSerializer(conversation).data)


class ConversationNextStep(APIView):
    permission_classes = [roles("employer")]

    @extend_schema(request=NextStepSerializer, responses=ConversationSerializer)
    def post(self, request, conversation_id: int):
        conversation = selectors.get_conversation_for_representative(request.user, conversation_id)
        data = NextStepSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        posting = None
        if data.validated_data.get("posting"):
            posting = get_object_or_404(
                Posting, pk=data.validated_data["posting"], company_id=conversation.booth.company_id
            )
        conversation = services.conversation_next_step(
            conversation=conversation,
            step=data.validated_data["step"],
            note=data.validated_data.get("note", ""),
            posting=posting,
            by=request.user,
        )
        return Response(ConversationSerializer(conversation).data)
