"""WebSockets through the real ASGI application: only notifications, only for the right people.

Runs on whatever channel layer the settings give: the in-memory one by default, Redis
when CHANNEL_LAYER_URL is set (CI sets it, so channels-redis is exercised there); the
last test drives channels-redis directly whenever a Redis answers.
"""

from __future__ import annotations

import os
import threading

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import channel_layers, get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.db import connections
from django.test import Client, override_settings

from config.asgi import application
from fairs import services

# How long to wait for what must arrive: generous, since waiting ends as soon as it does, and the
# CI runs four test processes on two cores (a 1 s connect timed out there). What must *not*
# arrive is waited for briefly (receive_nothing).
WAIT = 10


pytestmark = pytest.mark.django_db(transaction=True)


def run(scenario, *args):
    """Run an async scenario to completion in a thread of its own.

    The browser tests' Playwright keeps an event loop in the main thread for the whole
    session, where ``async_to_sync`` refuses to run; a fresh thread has none.
    """
    outcome: dict = {}

    def target():
        try:
            outcome["value"] = async_to_sync(scenario)(*args)
        except BaseException as error:  # re-raised in the test's thread
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=60)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _cookie_for(_client, user) -> bytes:
    """A session cookie of its own for ``user`` (one client per person: a login flushes the last)."""
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}".encode()


def _communicator(path: str, cookie: bytes | None = None) -> WebsocketCommunicator:
    headers = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
    if cookie:
        headers.append((b"cookie", cookie))
    return WebsocketCommunicator(application, path, headers=headers)


def test_a_socket_without_a_session_is_closed(fair):
    async def scenario():
        communicator = _communicator(f"/ws/fairs/{fair.pk}/")
        connected, code = await communicator.connect(timeout=WAIT)
        await communicator.disconnect()
        return connected, code

    assert run(scenario) == (False, 4403)


def test_a_socket_for_someone_elses_conversation_is_closed(
    client, booth, bob, alice, erin, fair, registration
):
    from .conftest import register

    register(fair, erin)
    entry = services.queue_join(booth=booth, attendee=alice)
    services.queue_call_next(booth=booth, representative=bob)
    conversation = services.call_accept(entry=entry, attendee=alice)
    cookie = _cookie_for(client, erin)

    async def scenario():
        communicator = _communicator(f"/ws/fairs/conversations/{conversation.pk}/", cookie)
        connected, code = await communicator.connect(timeout=WAIT)
        await communicator.disconnect()
        return connected, code

    assert run(scenario) == (False, 4403)


def test_a_socket_for_a_fair_one_is_not_part_of_is_closed(client, fair, erin):
    cookie = _cookie_for(client, erin)

    async def scenario():
        communicator = _communicator(f"/ws/fairs/{fair.pk}/", cookie)
        connected, _code = await communicator.connect(timeout=WAIT)
        await communicator.disconnect()
        return connected

    assert run(scenario) is False


def test_the_attendee_hears_the_call_and_both_hear_new_messages(
    client, booth, bob, alice, registration
):
    entry = services.queue_join(booth=booth, attendee=alice)
    alice_cookie = _cookie_for(client, alice)
    bob_cookie = _cookie_for(client, bob)

    async def scenario():
        fair_socket = _communicator(f"/ws/fairs/{booth.fair_id}/", alice_cookie)
        connected, _ = await fair_socket.connect(timeout=WAIT)
        assert connected
        await fair_socket.send_json_to({"type": "ping"})
        assert await fair_socket.receive_json_from(timeout=WAIT) == {"what": "pong"}
        called = await sync_to_async(services.queue_call_next)(booth=booth, representative=bob)
        assert called.pk == entry.pk
        heard_call = await fair_socket.receive_json_from(timeout=WAIT)
        conversation = await sync_to_async(services.call_accept)(entry=entry, attendee=alice)
        # The call accepted also tells alice's fair socket that a conversation began.
        heard_conversation = await fair_socket.receive_json_from(timeout=WAIT)
        chats = []
        for cookie in (alice_cookie, bob_cookie):
            chat = _communicator(f"/ws/fairs/conversations/{conversation.pk}/", cookie)
            connected, _ = await chat.connect(timeout=WAIT)
            assert connected
            chats.append(chat)
        message = await sync_to_async(services.message_send)(
            conversation=conversation, sender=bob, body="들어오세요"
        )
        heard = [await chat.receive_json_from(timeout=WAIT) for chat in chats]
        for socket in [fair_socket, *chats]:
            await socket.disconnect()
        return heard_call, heard_conversation, heard, message.pk

    heard_call, heard_conversation, heard, message_id = run(scenario)
    assert heard_call == {"what": "call"}
    assert heard_conversation == {"what": "conversation"}
    assert heard == [{"what": "messages", "message": message_id}] * 2


@pytest.mark.skipif(
    not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"), reason="needs Redis"
)
def test_channels_redis_carries_a_notification(client, booth, alice, registration):
    """The production layer: channels-redis on a Redis database of its own (db 7 by default)."""
    url = (
        os.environ.get("CHANNEL_LAYER_TEST_URL")
        or os.environ["CELERY_BROKER_URL"].rsplit("/", 1)[0] + "/7"
    )
    layers = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [url]}}
    }
    cookie = _cookie_for(client, alice)

    async def scenario():
        comm = _communicator(f"/ws/fairs/{booth.fair_id}/", cookie)
        connected, _ = await comm.connect(timeout=WAIT)
        assert connected
        assert type(get_channel_layer()).__name__ == "RedisChannelLayer"
        await sync_to_async(services.queue_join)(booth=booth, attendee=alice)
        got = await comm.receive_json_from(timeout=WAIT)
        await comm.disconnect()
        return got

    try:
        with override_settings(CHANNEL_LAYERS=layers):
            channel_layers.backends.clear()
            assert run(scenario) == {"what": "queue"}
    finally:
        channel_layers.backends.clear()
