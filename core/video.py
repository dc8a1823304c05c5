"""Video room links for interviews, fair conversations and video consultations.

One configurable template (``VIDEO_ROOM_URL_TEMPLATE``, e.g. a Jitsi-style
``https://meet.example.org/{token}``) for every app, so a center points all of
them at its own server with one setting.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # no look-alikes: read aloud over the phone


def new_room_token(length: int = 20) -> str:
    """An unguessable room name (about 100 bits), lowercase letters and digits only."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def room_url(token: str) -> str:
    """The room link for a stored token, under the current template."""
    template = settings.VIDEO_ROOM_URL_TEMPLATE
    if "{token}" not in template:
        raise ImproperlyConfigured("VIDEO_ROOM_URL_TEMPLATE must contain {token}")
    return template.replace("{token}", token)
