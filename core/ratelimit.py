"""A small rate limiter on the shared cache, for public endpoints that could be enumerated.

Fixed windows: at most ``limit`` hits per ``period`` seconds per key. The cache is the
one every web process shares (Redis in production), so limits hold across workers.
"""

from __future__ import annotations

import functools
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    """The client's address: with N trusted proxies, the Nth X-Forwarded-For entry from the right.

    Entries further left are whatever the client sent and cannot be trusted.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [
            a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()
        ]
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return remote or "unknown"


def _now() -> float:
    return time.time()


def hit(key: str, *, limit: int, period: int) -> bool:
    """Count one hit for ``key``; False once more than ``limit`` hits fell in this window."""
    window = int(_now() // period)
    cache_key = f"ratelimit:{key}:{period}:{window}"
    if cache.add(cache_key, 1, timeout=period + 1):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=period + 1)
        return True
    return count <= limit


def is_limited(request, scope: str, *, limit: int, period: int) -> bool:
    """Count a hit from this request's client for ``scope``; True when over the limit."""
    return not hit(f"{scope}:{client_ip(request)}", limit=limit, period=period)


def ratelimit(scope: str, *, limit: int, period: int, response=None):
    """Decorate a view so a client over the limit gets ``response(request)`` (HTTP 429)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if is_limited(request, scope, limit=limit, period=period):
                if response is not None:
                    return response(request)
                from django.http import HttpResponse
                from django.utils.translation import gettext as _

                return HttpResponse(
                    _("Too many requests. Please wait a minute and try again."),
                    status=429,
                    content_type="text/plain; charset=utf-8",
                    headers={"Retry-After": str(period)},
                )
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
