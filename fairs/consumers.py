"""WebSockets of the fairs: they only say "look again"; the page refetches over HTTP.

* ``ws/fairs/<fair id>/``: a registered attendee hears about their own queue places,
  calls, interviews and conversations; a representative also hears about their booths.
* ``ws/fairs/conversations/<id>/``: the two people in a conversation hear of new messages.

Without a session, or for someone else's fair or conversation, the socket is closed
(code 4403) before it is accepted.
"""

from __future__ import annotations

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.db.models import Q

from .models import Booth, Conversation, Registration, Representative
from .notify import booth_group, conversation_group, user_group

DENIED = 4403


class _NotifyingConsumer(AsyncJsonWebsocketConsumer):
    joined: list[str]

    async def connect(self):
        self.joined = []
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=DENIED)
            return
        groups = await self.groups_for(user)
        if groups is None:
            await self.close(code=DENIED)
            return
        for group in groups:
            await self.channel_layer.group_add(group, self.channel_name)
        self.joined = groups
        await self.accept()

    async def disconnect(self, code):
        for group in getattr(self, "joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        if isinstance(content, dict) and content.get("type") == "ping":
            await self.send_json({"what": "pong"})

    async def fair_event(self, event):
        await self.send_json({k: v for k, v in event.items() if k != "type"})

    async def groups_for(self, user) -> list[str] | None:  # pragma: no cover - abstract
        raise NotImplementedError


class FairConsumer(_NotifyingConsumer):
    async def groups_for(self, user):
        return await database_sync_to_async(self._groups)(
            user, self.scope["url_route"]["kwargs"]["fair_id"]
        )

    @staticmethod
    def _groups(user, fair_id: int) -> list[str] | None:
        booths = list(
            Representative.objects.filter(
                user=user, booth__fair_id=fair_id, booth__status=Booth.Status.APPROVED
            ).values_list("booth_id", flat=True)
        )
        registered = Registration.objects.filter(
            fair_id=fair_id, attendee=user, cancelled_at__isnull=True
        ).exists()
        if not booths and not registered:
            return None
        return [user_group(user.pk)] + [booth_group(b) for b in booths]


class ConversationConsumer(_NotifyingConsumer):
    async def groups_for(self, user):
        return await database_sync_to_async(self._groups)(
            user, self.scope["url_route"]["kwargs"]["conversation_id"]
        )

    @staticmethod
    def _groups(user, conversation_id: int) -> list[str] | None:
        takes_part = Conversation.objects.filter(pk=conversation_id).filter(
            Q(attendee=user) | Q(representative=user)
        )
        if not takes_part.exists():
            return None
        return [conversation_group(conversation_id), user_group(user.pk)]
