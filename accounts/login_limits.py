"""Failed sign-ins are limited without letting an attacker lock a person out.

Three counters, all in the shared cache (allauth's rate limiter), so they hold across
every web process:

- per address (``login_failed``, ``…/ip``): many failures from one address stop password
  guessing from it, across accounts (credential stuffing);
- per account (``login_failed``, ``…/key``): failures for one account from anywhere stop
  guessing its password (a distributed attack);
- per known browser (``login_failed_device``): a browser that has signed in to the account
  before carries a signed cookie naming it, and its attempts for that account are counted
  apart, so the two counters above never lock the owner out of their own browser.

Whatever the counters say, the owner can always sign in with a one-time code sent to
their email (allauth's login by code), which has its own limits.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

DEVICE_COOKIE = "ilteo_known_device"
DEVICE_SALT = "accounts.login_limits.device"
DEVICE_MAX_AGE = 365 * 24 * 3600


def known_user_id(request: HttpRequest) -> int | None:
    """The account this browser signed in to before, from its signed cookie."""
    try:
        value = request.get_signed_cookie(
            DEVICE_COOKIE, default=None, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE
        )
    except (signing.BadSignature, ValueError):
        return None
    try:
        return int(value) if value else None
    except ValueError:
        return None


def remember_device(response: HttpResponse, user) -> None:
    """Mark this browser as one the person signed in with."""
    response.set_signed_cookie(
        DEVICE_COOKIE,
        str(user.pk),
        salt=DEVICE_SALT,
        max_age=DEVICE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def is_known_device(request: HttpRequest, login: str) -> bool:
    """Whether this browser signed in to the account ``login`` (an email) before."""
    from .models import User

    user_id = known_user_id(request)
    if user_id is None:
        return False
    return User.objects.filter(pk=user_id, email__iexact=login).exists()
