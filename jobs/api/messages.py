"""Message threads in the API: list, read, post (multipart for an attachment), mark read, report,
and the attachment itself.

The roles decide who may call before the body is read; the thread comes through
``selectors.messages``, which answers 404 for another company's or person's thread. Errors use
the one error format (``core.api.errors``).
"""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.errors import PayloadTooLarge
from core.api.parsers import LimitedJSONParser
from core.permissions import roles

from .. import selectors, services
from ..files import MAX_ATTACHMENT_BYTES
from ..models.messages import MAX_BODY_CHARS, Side
from ..selectors import messages as threads
from ..views.messages import _attachment_response

PARTIES = roles("employer", "trainee")


class JobThreadPartySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class JobThreadSerializer(serializers.Serializer):
    """A thread as its people see it: names only, never an address or a phone number."""

    id = serializers.IntegerField()
    company = JobThreadPartySerializer()
    candidate = JobThreadPartySerializer()
    application = serializers.IntegerField(source="application_id", allow_null=True)
    contact_request = serializers.IntegerField(source="contact_request_id", allow_null=True)
    subject = serializers.CharField(source="subject_title")
    side = serializers.ChoiceField(choices=Side.choices, help_text="The caller's side.")
    last_message_at = serializers.DateTimeField(allow_null=True)
    unread = serializers.IntegerField(help_text="Messages from the other side not read yet.")
    reported = serializers.SerializerMethodField()

    def get_reported(self, thread) -> bool:
        return thread.reported_at is not None


class JobMessageAttachmentSerializer(serializers.Serializer):
    name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    url = serializers.CharField()


class JobMessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    side = serializers.ChoiceField(choices=Side.choices)
    sender_name = serializers.SerializerMethodField()
    body = serializers.CharField()
    attachment = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    read_by_other_side = serializers.SerializerMethodField(
        help_text="For the caller's own messages: whether the other side has read it."
    )

    def get_sender_name(self, message) -> str:
        thread = message.thread
        if message.side == Side.COMPANY:
            return thread.company.name
        return thread.candidate.name

    @extend_schema_field(JobMessageAttachmentSerializer(allow_null=True))
    def get_attachment(self, message) -> dict | None:
        if not message.attachment:
            return None
        return {
            "name": message.attachment_name,
            "content_type": message.attachment_content_type,
            "size": message.attachment_size,
            "url": reverse("api_thread_attachment", args=[message.thread_id, message.pk]),
        }

    def get_read_by_other_side(self, message) -> bool | None:
        side = self.context.get("side")
        if message.side != side:
            return None
        read_at = self.context.get("other_read_at")
        return bool(read_at and read_at >= message.created_at)


class JobThreadDetailSerializer(JobThreadSerializer):
    messages = serializers.SerializerMethodField()

    @extend_schema_field(JobMessageSerializer(many=True))
    def get_messages(self, thread) -> list:
        return JobMessageSerializer(
            threads.messages_of(thread), many=True, context=self.context
        ).data


class JobMessageCreateSerializer(serializers.Serializer):
    body = serializers.CharField(required=False, allow_blank=True, max_length=MAX_BODY_CHARS)
    attachment = serializers.FileField(required=False)


class JobThreadReportSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


def _with_unread(user, thread):
    thread.unread = threads.unread_counts(user).get(thread.pk, 0)
    return thread


def _detail(request, thread) -> dict:
    thread = _with_unread(request.user, thread)
    context = {
        "side": thread.side,
        "other_read_at": threads.read_by_other_side_at(thread, thread.side),
    }
    return JobThreadDetailSerializer(thread, context=context).data


class ThreadList(generics.ListAPIView):
    """Your message threads (as a candidate or a member of a company), newest first, paginated."""

    permission_classes = [PARTIES]
    serializer_class = JobThreadSerializer

    def get_queryset(self):
        return threads.thread_list_for_party(self.request.user)


class ThreadDetail(APIView):
    """One thread with its messages and read receipts (reading it does not mark it read)."""

    permission_classes = [PARTIES]

    @extend_schema(responses=JobThreadDetailSerializer)
    def get(self, request, pk: int):
        return Response(_detail(request, threads.get_thread_for_party(request.user, pk)))


class ThreadMessages(APIView):
    """Post a message: ``body`` and/or ``attachment`` (multipart; PDF, DOCX, HWP or HWPX, 10 MB)."""

    permission_classes = [PARTIES]
    parser_classes = [MultiPartParser, FormParser, LimitedJSONParser]

    @extend_schema(
        request={
            "multipart/form-data": JobMessageCreateSerializer,
            "application/json": JobMessageCreateSerializer,
        },
        responses={201: JobThreadDetailSerializer},
    )
    def post(self, request, pk: int):
        thread = threads.get_thread_for_party(request.user, pk)
        serializer = JobMessageCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        upload = data.get("attachment")
        if upload is not None and upload.size > MAX_ATTACHMENT_BYTES:
            raise PayloadTooLarge(_("The file is larger than 10 MB."))
        services.message_send(
            thread=thread,
            by=request.user,
            side=thread.side,
            body=data.get("body", ""),
            attachment=upload,
        )
        return Response(_detail(request, thread), status=status.HTTP_201_CREATED)


class ThreadRead(APIView):
    """Mark the thread read up to now: the other side sees your read receipt."""

    permission_classes = [PARTIES]
    parser_classes = [LimitedJSONParser]

    @extend_schema(request=None, responses=JobThreadDetailSerializer)
    def post(self, request, pk: int):
        thread = threads.get_thread_for_party(request.user, pk)
        services.thread_mark_read(thread=thread, user=request.user, side=thread.side)
        return Response(_detail(request, thread))


class ThreadReport(APIView):
    """Report the thread for abuse: staff of its center may then read it (logged)."""

    permission_classes = [PARTIES]
    parser_classes = [LimitedJSONParser]

    @extend_schema(request=JobThreadReportSerializer, responses={201: JobThreadSerializer})
    def post(self, request, pk: int):
        thread = threads.get_thread_for_party(request.user, pk)
        serializer = JobThreadReportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.thread_report(
            thread=thread,
            by=request.user,
            side=thread.side,
            reason=serializer.validated_data["reason"],
        )
        thread = threads.get_thread_for_party(request.user, pk)
        return Response(
            JobThreadSerializer(_with_unread(request.user, thread)).data,
            status=status.HTTP_201_CREATED,
        )


class ThreadAttachment(APIView):
    """A message's attachment (the file itself), for the thread's people."""

    permission_classes = [PARTIES]

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    def get(self, request, pk: int, message_id: int):
        message = threads.get_message_for_party(request.user, pk, message_id)
        if not message.attachment:
            raise Http404
        return _attachment_response(message)


class ApplicationThread(APIView):
    """The thread of an application (its candidate or the company), opened on first use."""

    permission_classes = [PARTIES]
    parser_classes = [LimitedJSONParser]

    @extend_schema(request=None, responses=JobThreadDetailSerializer)
    def post(self, request, pk: int):
        application = selectors.get_application_for_party(request.user, pk)
        thread = services.thread_for_application(application=application)
        return Response(_detail(request, threads.get_thread_for_party(request.user, thread.pk)))
