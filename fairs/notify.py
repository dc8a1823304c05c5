"""Tell browsers to look again, after the transaction commits.

The socket carries no state: a message says which thing changed (``queue``,
``call``, ``conversation``, ``messages``) and the page refetches it over HTTP, so a
lost message costs only a refresh and a page without a socket polls instead.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def user_group(user_id: int) -> str:
    return f"fairs.user.{user_id}"


def booth_group(booth_id: int) -> str:
    return f"fairs.booth.{booth_id}"


def conversation_group(conversation_id: int) -> str:
    return f"fairs.conversation.{conversation_id}"


_sender: tuple[int, asyncio.AbstractEventLoop, asyncio.Semaphore] | None = None
_sender_lock = threading.Lock()
# Sends in flight at once on the sending loop: more would exhaust the layer's Redis pool.
SENDS_AT_ONCE = 16


def _sender_loop() -> tuple[asyncio.AbstractEventLoop, asyncio.Semaphore]:
    """One event loop per process that sends to Redis, so a request does not open a connection."""
    global _sender
    with _sender_lock:
        if _sender is None or _sender[0] != os.getpid():  # a forked worker starts its own
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="fairs-notify", daemon=True).start()
            _sender = (os.getpid(), loop, asyncio.Semaphore(SENDS_AT_ONCE))
        return _sender[1], _sender[2]


def _logged(future) -> None:
    if not future.cancelled() and future.exception() is not None:
        logger.warning("fairs: could not notify", exc_info=future.exception())


def _send(groups: list[str], event: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    message = {"type": "fair.event", **event}

    async def send_all():
        for group in groups:
            await layer.group_send(group, message)

    if isinstance(layer, InMemoryChannelLayer):
        # The in-memory layer lives in the serving event loop; async_to_sync reaches it there.
        try:
            async_to_sync(send_all)()
        except Exception:  # pages poll; nothing is lost
            logger.warning("fairs: could not notify %s", groups, exc_info=True)
        return
    # Redis: hand it to the sending loop and return (the state is already committed).
    loop, gate = _sender_loop()

    async def gated():
        async with gate:
            await send_all()

    asyncio.run_coroutine_threadsafe(gated(), loop).add_done_callback(_logged)


def notify(*, users=(), booths=(), conversations=(), what: str, **data) -> None:
    """After commit, send ``{"what": …}`` to the given users', booths' and conversations' sockets."""
    groups = (
        [user_group(u) for u in users]
        + [booth_group(b) for b in booths]
        + [conversation_group(c) for c in conversations]
    )
    if groups:
        transaction.on_commit(lambda: _send(groups, {"what": what, **data}))
