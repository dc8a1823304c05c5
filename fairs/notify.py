"""Tell browsers to look again, after the transaction commits.

The socket carries no state: a message says which thing changed (``queue``,
``call``, ``conversation``, ``messages``) and the page refetches it over HTTP, so a
lost message costs only a refresh and a page without a socket polls instead.
"""

from __future__ import annotations

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def user_group(user_id: int) -> str:
    return f"fairs.user.{user_id}"


def booth_group(booth_id: int) -> str:
    return f"fairs.booth.{booth_id}"


def conversation_group(conversation_id: int) -> str:
    return f"fairs.conversation.{conversation_id}"


def _send(groups: list[str], event: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    message = {"type": "fair.event", **event}

    async def send_all():
        for group in groups:
            await layer.group_send(group, message)

    try:
        async_to_sync(send_all)()  # one event loop and one Redis connection for all the groups
    except Exception:  # the layer is down: pages poll, nothing is lost
        logger.warning("fairs: could not notify %s", groups, exc_info=True)


def notify(*, users=(), booths=(), conversations=(), what: str, **data) -> None:
    """After commit, send ``{"what": …}`` to the given users', booths' and conversations' sockets."""
    groups = (
        [user_group(u) for u in users]
        + [booth_group(b) for b in booths]
        + [conversation_group(c) for c in conversations]
    )
    if groups:
        transaction.on_commit(lambda: _send(groups, {"what": what, **data}))
