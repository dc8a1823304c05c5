"""Shapes of the fairs API."""

from __future__ import annotations

from rest_framework import serializers

from core.video import room_url

from ..models import Booth, Conversation, Fair, Interview, Message


class FairSerializer(serializers.ModelSerializer):
    center = serializers.CharField(source="center.slug", read_only=True)

    class Meta:
        model = Fair
        fields = [
            "id",
            "center",
            "title",
            "title_en",
            "description",
            "description_en",
            "status",
            "format",
            "venue",
            "venue_en",
            "audience",
            "starts_on",
            "ends_on",
            "opens_at",
            "closes_at",
            "registration_opens_at",
            "registration_closes_at",
            "release",
            "slots_open_at",
            "request_window_opens_at",
            "max_interviews_per_attendee",
            "call_window_seconds",
        ]
        read_only_fields = ["id", "center", "status"]


class FairCreateSerializer(FairSerializer):
    center_id = serializers.IntegerField(write_only=True)

    class Meta(FairSerializer.Meta):
        fields = [*FairSerializer.Meta.fields, "center_id"]


class BoothSerializer(serializers.ModelSerializer):
    company = serializers.CharField(source="company.name", read_only=True)
    company_id = serializers.IntegerField(read_only=True)
    postings = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    representatives_online = serializers.IntegerField(read_only=True, required=False)
    waiting = serializers.IntegerField(read_only=True, required=False)
    wait_minutes = serializers.IntegerField(read_only=True, required=False, allow_null=True)

    class Meta:
        model = Booth
        fields = [
            "id",
            "company",
            "company_id",
            "status",
            "introduction",
            "introduction_en",
            "video_url",
            "place",
            "postings",
            "representatives_online",
            "waiting",
            "wait_minutes",
        ]


class FairInterviewSerializer(serializers.ModelSerializer):
    company = serializers.CharField(source="booth.company.name", read_only=True)
    fair = serializers.IntegerField(source="booth.fair_id", read_only=True)
    room_url = serializers.SerializerMethodField()

    class Meta:
        model = Interview
        fields = [
            "id",
            "fair",
            "booth",
            "company",
            "slot",
            "start",
            "end",
            "status",
            "source",
            "room_url",
        ]

    def get_room_url(self, obj) -> str:
        return room_url(obj.room_token) if obj.room_token else obj.booth.place


class SlotRequestSerializer(serializers.Serializer):
    slot = serializers.IntegerField()


class MessageSerializer(serializers.ModelSerializer):
    mine = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = ["id", "body", "created_at", "mine"]

    def get_mine(self, obj) -> bool:
        request = self.context.get("request")
        return bool(request and obj.sender_id == request.user.pk)


class ConversationSerializer(serializers.ModelSerializer):
    room_url = serializers.SerializerMethodField()
    company = serializers.CharField(source="booth.company.name", read_only=True)

    class Meta:
        model = Conversation
        fields = [
            "id",
            "booth",
            "company",
            "status",
            "started_at",
            "ended_at",
            "room_url",
            "next_step",
            "application",
        ]

    def get_room_url(self, obj) -> str | None:
        return room_url(obj.room_token) if obj.room_token else None


class MessageCreateSerializer(serializers.Serializer):
    # The length limit is the service's; a longer body gets its message.
    body = serializers.CharField(allow_blank=True, trim_whitespace=False, max_length=100_000)


class NextStepSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=Conversation.NextStep.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    posting = serializers.IntegerField(required=False)


class RegisterSerializer(serializers.Serializer):
    share_profile = serializers.BooleanField(required=False, default=True)
    share_skills = serializers.BooleanField(required=False, default=True)
    share_contact = serializers.BooleanField(required=False, default=False)
    consent_to_apply = serializers.BooleanField(required=False, default=False)


class WishesSerializer(serializers.Serializer):
    booths = serializers.ListField(child=serializers.IntegerField(), max_length=10)


class DrawSerializer(serializers.Serializer):
    seed = serializers.CharField(required=False, allow_blank=True, max_length=40)


class StatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Fair.Status.choices)


class InviteSerializer(serializers.Serializer):
    company = serializers.IntegerField()


class DecideSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
