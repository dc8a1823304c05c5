"""``/api/v1/`` for consulting: types, counselors, open slots, and bookings.

Errors use the API's one format (``{"detail", "errors"}``) from its one exception
handler: bad input is 400, a slot someone else holds is 409 (the services raise
``ConflictError``s), another person's booking is 404, and so is a counselor's action
asked for by someone who is neither counselor nor staff, whatever the body says.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, generics, permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from core.http import parse_id
from core.permissions import roles

from . import selectors, services
from .availability import available_slots
from .ics import booking_ics_response
from .models import Booking, ConsultationType, Outcome

MAX_SLOT_RANGE_DAYS = 62


class Unprocessable(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "unprocessable"


# --- parsing ---------------------------------------------------------------------------------


def parse_date(value: str | None, field: str) -> date:
    try:
        if value is None or len(value) != 10:
            raise ValueError
        parsed = date.fromisoformat(value)
        if not 2000 <= parsed.year <= 2100:
            raise ValueError
        return parsed
    except ValueError:
        raise exceptions.ValidationError(
            {field: [_("Use a date like 2026-12-01 (YYYY-MM-DD).")]}
        ) from None


def parse_datetime(value, field: str = "start") -> datetime:
    """ISO 8601 with a UTC offset; a time without one is ambiguous and refused."""
    try:
        if not isinstance(value, str) or len(value) > 40:
            raise ValueError
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise exceptions.ValidationError(
            {field: [_("Use an ISO 8601 time with an offset, e.g. 2026-12-01T10:00:00+09:00.")]}
        ) from None
    if parsed.tzinfo is None:
        raise exceptions.ValidationError(
            {field: [_("The time needs a UTC offset, e.g. 2026-12-01T10:00:00+09:00.")]}
        )
    if not 2000 <= parsed.year <= 2100:
        # Also keeps far-off years from overflowing when converted to UTC.
        raise exceptions.ValidationError({field: [_("That time is out of range.")]})
    return parsed


def parse_zone(value: str | None) -> ZoneInfo:
    if not value:
        return ZoneInfo("Asia/Seoul")
    try:
        if len(value) > 64 or ".." in value or value.startswith("/"):
            raise ValueError
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise exceptions.ValidationError(
            {"tz": [_("Unknown time zone; use an IANA name such as Asia/Seoul.")]}
        ) from None


def required_id(value, field: str) -> int:
    """An id parameter (core.http.parse_id), or a 400 naming the field."""
    number = parse_id(value)
    if number is None:
        raise exceptions.ValidationError({field: [_("Give a valid id.")]})
    return number


# --- serializers -----------------------------------------------------------------------------


class QuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    text_en = serializers.CharField()
    required = serializers.BooleanField()


class TypeSerializer(serializers.ModelSerializer):
    questions = QuestionSerializer(many=True, read_only=True)
    counselors = serializers.SerializerMethodField()
    center_slug = serializers.CharField(source="center.slug", read_only=True)

    class Meta:
        model = ConsultationType
        fields = [
            "id",
            "center",
            "center_slug",
            "category",
            "name",
            "name_en",
            "description",
            "description_en",
            "duration_minutes",
            "mode",
            "location",
            "requires_confirmation",
            "min_notice_hours",
            "horizon_days",
            "questions",
            "counselors",
        ]

    def get_counselors(self, obj) -> list[int]:
        return [c.pk for c in selectors.counselors_for_type(obj)]


class CounselorSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "name"]


class PartySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class BookingSerializer(serializers.ModelSerializer):
    type = serializers.SerializerMethodField()
    counselor = PartySerializer(read_only=True)
    person = PartySerializer(read_only=True)
    mode = serializers.CharField(source="type.mode", read_only=True)
    location = serializers.CharField(source="type.location", read_only=True)
    video_url = serializers.CharField(
        read_only=True, help_text="The video room link of a confirmed video consultation, or empty."
    )
    can_change_until = serializers.SerializerMethodField()
    can_change = serializers.SerializerMethodField()

    class Meta:
        model = Booking
        fields = [
            "id",
            "status",
            "start",
            "end",
            "type",
            "center",
            "counselor",
            "person",
            "mode",
            "location",
            "video_url",
            "answers",
            "can_change",
            "can_change_until",
            "status_reason",
            "outcome",
            "outcome_note",
            "summary",
            "created_at",
        ]

    def get_type(self, obj) -> dict:
        return {"id": obj.type_id, "name": obj.type.name, "name_en": obj.type.name_en}

    def get_can_change_until(self, obj) -> datetime:
        return timezone.localtime(obj.change_deadline()).isoformat()

    def get_can_change(self, obj) -> bool:
        return obj.person_can_change()


class BookingCreateSerializer(serializers.Serializer):
    counselor = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**31,
        help_text="null for any available",
    )
    type = serializers.IntegerField(min_value=1, max_value=2**31)
    start = serializers.CharField(help_text="ISO 8601 with offset, e.g. 2026-12-01T10:00:00+09:00")
    answers = serializers.JSONField(required=False, help_text="{question id: answer}")


class RescheduleSerializer(serializers.Serializer):
    start = serializers.CharField()


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300)


class OutcomeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=10000)


def _booking_response(booking: Booking, code=status.HTTP_200_OK, headers=None) -> Response:
    booking = Booking.objects.select_related("type", "counselor", "person", "center").get(
        pk=booking.pk
    )
    return Response(BookingSerializer(booking).data, status=code, headers=headers)


# --- views -----------------------------------------------------------------------------------


class ConsultationTypeList(APIView):
    """Consultation types on offer, optionally for one center (id or slug)."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        parameters=[OpenApiParameter("center", str, description="center id or slug")],
        responses=TypeSerializer(many=True),
    )
    def get(self, request):
        qs = selectors.types_for_center()
        center = request.query_params.get("center")
        if center:
            center_id = parse_id(center)
            qs = qs.filter(center_id=center_id) if center_id else qs.filter(center__slug=center)
        return Response(TypeSerializer(qs, many=True).data)


class CounselorList(APIView):
    """Counselors who offer a consultation type."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        parameters=[OpenApiParameter("type", int, required=True)],
        responses=CounselorSerializer(many=True),
    )
    def get(self, request):
        type_id = required_id(request.query_params.get("type"), "type")
        type_ = selectors.types_for_center().filter(pk=type_id).first()
        if type_ is None:
            raise exceptions.ValidationError({"type": [_("No such consultation type.")]})
        return Response(CounselorSerializer(selectors.counselors_for_type(type_), many=True).data)


class CounselorSlots(APIView):
    """Open slots of one counselor for a type, between two dates (Seoul), in ``tz`` (default Asia/Seoul)."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("type", int, required=True),
            OpenApiParameter("from", str, required=True, description="YYYY-MM-DD"),
            OpenApiParameter("to", str, required=True, description="YYYY-MM-DD"),
            OpenApiParameter(
                "tz", str, description="IANA time zone for the offsets, default Asia/Seoul"
            ),
        ],
        responses=inline_serializer(
            "Slot",
            {"start": serializers.DateTimeField(), "end": serializers.DateTimeField()},
            many=True,
        ),
    )
    def get(self, request, counselor_id: int):
        params = request.query_params
        type_id = required_id(params.get("type"), "type")
        start = parse_date(params.get("from"), "from")
        end = parse_date(params.get("to"), "to")
        zone = parse_zone(params.get("tz"))
        if end < start:
            raise exceptions.ValidationError({"to": [_("“to” must not be before “from”.")]})
        if end - start > timedelta(days=MAX_SLOT_RANGE_DAYS):
            raise exceptions.ValidationError(
                {
                    "to": [
                        _("Ask for at most %(days)d days at a time.")
                        % {"days": MAX_SLOT_RANGE_DAYS}
                    ]
                }
            )
        type_ = selectors.types_for_center().filter(pk=type_id).first()
        if type_ is None:
            raise exceptions.ValidationError({"type": [_("No such consultation type.")]})
        if not selectors.counselors_for_type(type_).filter(pk=counselor_id).exists():
            raise exceptions.NotFound(_("This counselor does not offer this consultation type."))
        slots = available_slots(counselor_id=counselor_id, type_=type_, start=start, end=end)
        return Response(
            [
                {
                    "start": s.start.astimezone(zone).isoformat(),
                    "end": s.end.astimezone(zone).isoformat(),
                }
                for s in slots
            ]
        )


class ConsultationCreate(APIView):
    """Book a slot. Send ``Idempotency-Key`` to make retries safe: a retry returns the same booking."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=BookingCreateSerializer,
        parameters=[OpenApiParameter("Idempotency-Key", str, location=OpenApiParameter.HEADER)],
        responses={201: BookingSerializer, 400: None, 409: None, 422: None},
    )
    def post(self, request):
        data = BookingCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        start = parse_datetime(values["start"])
        type_ = selectors.types_for_center().filter(pk=values["type"]).first()
        if type_ is None:
            raise exceptions.ValidationError({"type": [_("No such consultation type.")]})
        counselor = None
        if values.get("counselor") is not None:
            counselor = selectors.counselors_for_type(type_).filter(pk=values["counselor"]).first()
            if counselor is None:
                raise exceptions.ValidationError(
                    {"counselor": [_("This counselor does not offer this consultation type.")]}
                )
        key = request.headers.get("Idempotency-Key", "")
        if len(key) > 80:
            raise exceptions.ValidationError({"Idempotency-Key": [_("Use at most 80 characters.")]})
        try:
            booking, created = services.booking_create(
                person=request.user,
                type_=type_,
                counselor=counselor,
                start=start,
                answers=values.get("answers"),
                idempotency_key=key,
            )
        except services.IdempotencyMismatch as mismatch:
            raise Unprocessable(str(mismatch)) from None
        headers = {} if created else {"Idempotent-Replayed": "true"}
        return _booking_response(booking, status.HTTP_201_CREATED, headers)


class ConsultationDetail(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=BookingSerializer)
    def get(self, request, booking_id: int):
        booking = selectors.get_booking_for_participant(request.user, booking_id)
        return _booking_response(booking)


class ConsultationCancel(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=ReasonSerializer, responses=BookingSerializer)
    def post(self, request, booking_id: int):
        booking = selectors.get_booking_for_participant(request.user, booking_id)
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        booking = services.booking_cancel(
            booking=booking, by=request.user, reason=data.validated_data.get("reason", "")
        )
        return _booking_response(booking)


class ConsultationReschedule(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=RescheduleSerializer, responses=BookingSerializer)
    def post(self, request, booking_id: int):
        booking = selectors.get_booking_for_person(request.user, booking_id)
        data = RescheduleSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        start = parse_datetime(data.validated_data["start"])
        booking = services.booking_reschedule(booking=booking, by=request.user, start=start)
        return _booking_response(booking)


class ConsultationIcs(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={(200, "text/calendar"): str})
    def get(self, request, booking_id: int):
        booking = selectors.get_booking_for_participant(request.user, booking_id)
        return booking_ics_response(booking, viewer=request.user)


class _CounselorAction(APIView):
    """Counselors and center staff only: anyone else gets 404 before the body is read."""

    permission_classes = [roles("counselor", "staff")]

    def booking(self, request, booking_id):
        return selectors.get_booking_for_counselor(request.user, booking_id)


class ConsultationConfirm(_CounselorAction):
    @extend_schema(request=None, responses=BookingSerializer)
    def post(self, request, booking_id: int):
        booking = self.booking(request, booking_id)
        return _booking_response(services.booking_confirm(booking=booking, by=request.user))


class ConsultationDecline(_CounselorAction):
    @extend_schema(request=ReasonSerializer, responses=BookingSerializer)
    def post(self, request, booking_id: int):
        booking = self.booking(request, booking_id)
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return _booking_response(
            services.booking_decline(
                booking=booking, by=request.user, reason=data.validated_data.get("reason", "")
            )
        )


class ConsultationOutcome(_CounselorAction):
    @extend_schema(request=OutcomeSerializer, responses=BookingSerializer)
    def post(self, request, booking_id: int):
        booking = self.booking(request, booking_id)
        data = OutcomeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        return _booking_response(
            services.booking_record_outcome(
                booking=booking,
                by=request.user,
                outcome=values["outcome"],
                note=values.get("note", ""),
                summary=values.get("summary"),
            )
        )


class ConsultationNoShow(_CounselorAction):
    @extend_schema(request=None, responses=BookingSerializer)
    def post(self, request, booking_id: int):
        booking = self.booking(request, booking_id)
        return _booking_response(services.booking_mark_no_show(booking=booking, by=request.user))


class MyConsultations(generics.ListAPIView):
    """The signed-in person's consultations, newest first (paginated)."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = BookingSerializer

    def get_queryset(self):
        return selectors.bookings_for_person(self.request.user)
